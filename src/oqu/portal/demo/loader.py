"""Demo data: a university to click through in five minutes (``oqu portal load_demo``).

Faculties and departments, one user per role (logins in README.md), an approved yearly plan
with one missed deadline, and resources at every stage of the workflow, made from the
repository's ``examples/`` by the real actions (submitted as Oqu sources and as SCORM packages
built by the library; the check and build jobs run inline while loading).
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test.utils import override_settings

from oqu.portal.certificates.actions import do_issue_certificate
from oqu.portal.people.models import Department, Faculty, Role, RoleAssignment, User
from oqu.portal.plans import actions as plan_actions
from oqu.portal.workflow import actions
from oqu.portal.workflow.models import Resource
from oqu.portal.workflow.uploads import judge_package

DOMAIN = "demo.atu.edu.kz"


@dataclass(frozen=True, slots=True)
class Person:
    key: str
    name: str
    position: str
    degree: str = ""
    title: str = ""

    @property
    def email(self) -> str:
        return f"{self.key}@{DOMAIN}"

    @property
    def password(self) -> str:
        return f"demo-{self.key}"


PEOPLE = [
    Person("author", "Әлиева Айгүл Серікқызы", "аға оқытушы", "т.ғ.к.", "қауымдастырылған профессор"),
    Person("coauthor", "Петров Сергей Иванович", "доцент", "к.т.н."),
    Person("author2", "Жақсылықов Ерлан Болатұлы", "оқытушы", "PhD"),
    Person("head", "Сейтқали Гүлнар Маратқызы", "кафедра меңгерушісі", "т.ғ.д.", "профессор"),
    Person("head2", "Бекова Сәуле Ерланқызы", "кафедра меңгерушісі", "т.ғ.к."),
    Person("dean", "Омаров Бауыржан Кенжеұлы", "факультет деканы", "т.ғ.к."),
    Person("reviewer", "Ким Елена Викторовна", "ЖИЦДО сарапшысы"),
    Person("reviewer2", "Нұрланұлы Дәурен", "ЖИЦДО сарапшысы"),
    Person("director", "Ахметова Динара Қайратқызы", "ЖИЦДО директоры", "PhD"),
    Person("vicerector", "Тұрсынов Асқар Серікұлы", "бірінші проректор", "э.ғ.д.", "профессор"),
    Person("admin", "Portal Administrator", "administrator"),
]  # fmt: skip


def _zip_folder(folder: Path) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                zf.write(p, p.relative_to(folder).as_posix())
    return buf.getvalue()


def _syllabus(folder: Path) -> bytes:
    from oqu import Diagnostics, load

    resource = load(folder, Diagnostics())
    topics = list(resource.meta.syllabus_topics) if resource else []
    topics = topics or (list(resource.meta.topics) if resource else [])
    return "\n".join(f"{i}. {t}" for i, t in enumerate(topics, 1)).encode()


def _topics_keywords(folder: Path) -> tuple[str, str]:
    """Form 01's topics and the catalogue's keywords, from the example's metadata."""
    from oqu import Diagnostics, load

    resource = load(folder, Diagnostics())
    if resource is None:
        return "", ""
    return "\n".join(resource.meta.topics), ", ".join(resource.meta.keywords)


def _scorm(folder: Path, tmp: Path) -> bytes:
    from oqu import build

    result = build(folder, tmp / folder.name, ("scorm12",))
    assert result.ok, [d.code for d in result.diagnostics]
    return result.outputs[0].read_bytes()


def _submission(name: str, data: bytes, syllabus: bytes, tmp: Path) -> actions.Submission:
    import hashlib

    path = tmp / name
    path.write_bytes(data)
    return actions.Submission(
        upload=SimpleUploadedFile(name, data, "application/zip"),
        judged=judge_package(path),
        sha256=hashlib.sha256(data).hexdigest(),
        syllabus=SimpleUploadedFile("syllabus.txt", syllabus, "text/plain"),
        syllabus_suffix=".txt",
        minutes_extract=SimpleUploadedFile(
            "minutes.txt",
            "Кафедра отырысының хаттамасынан үзінді № 3, 2025-09-05: ЦББР платформаға "
            "орналастыруға ұсынылсын.".encode(),
            "text/plain",
        ),
        minutes_suffix=".txt",
        note="",
    )


GOOD = actions.ReviewSpec(5, 5, 4, "Мазмұны силлабусқа сай.", "Интерактивті.", "Жаңартуға болады.")


def load_demo(examples: Path) -> dict[str, User]:
    """Create the demo university; refuses to run on a database that already has faculties."""
    if Faculty.objects.exists():
        raise RuntimeError("the database already has data; demo data is loaded only once")
    immediate = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    quiet = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    with (
        override_settings(TASKS=immediate, MAILERS=quiet),  # no demo mail on the console
        tempfile.TemporaryDirectory() as tmp_name,
    ):
        tmp = Path(tmp_name)
        with transaction.atomic():
            users = _people()
            food = Faculty.objects.create(name="Тағам өндірісі факультеті", short_name="ТӨФ")
            it = Faculty.objects.create(
                name="Ақпараттық технологиялар факультеті", short_name="АТФ"
            )
            dep = Department.objects.create(
                faculty=food, name="Тамақ өнімдерінің технологиясы және қауіпсіздігі кафедрасы"
            )
            Department.objects.create(faculty=food, name="Нан өнімдері технологиясы кафедрасы")
            dep_it = Department.objects.create(faculty=it, name="Ақпараттық жүйелер кафедрасы")
            for key, role, scope in [
                ("author", Role.AUTHOR, dep),
                ("coauthor", Role.AUTHOR, dep),
                ("author2", Role.AUTHOR, dep_it),
                ("head", Role.HEAD, dep),
                ("head2", Role.HEAD, dep_it),
                ("dean", Role.DEAN, food),
                ("reviewer", Role.REVIEWER, None),
                ("reviewer2", Role.REVIEWER, None),
                ("director", Role.DIRECTOR, None),
                ("vicerector", Role.VICE_RECTOR, None),
                ("admin", Role.ADMIN, None),
            ]:
                RoleAssignment.objects.create(
                    user=users[key],
                    role=role,
                    department=scope if isinstance(scope, Department) else None,
                    faculty=scope if isinstance(scope, Faculty) else None,
                )
        _workflow(users, dep, dep_it, examples, tmp)
    return users


def _people() -> dict[str, User]:
    users = {}
    for p in PEOPLE:
        users[p.key] = User.objects.create_user(
            p.email,
            p.password,
            full_name=p.name,
            position=p.position,
            degree=p.degree,
            academic_title=p.title,
            is_staff=p.key == "admin",
            is_superuser=p.key == "admin",
        )
    return users


def _workflow(u: dict[str, User], dep: Department, dep_it: Department, ex: Path, tmp: Path) -> None:
    today = dt.date.today()
    year = today.year if today.month >= 9 else today.year - 1
    plan = plan_actions.do_create_plan(u["head"], dep, f"{year}-{year + 1}")
    items = {}
    for key, discipline, der_type, deadline, authors in [
        ("haccp", "Тағам қауіпсіздігі", "interactive-presentation", today + dt.timedelta(30), ["author"]),
        ("bread", "Технология хлебопекарного производства", "e-lecture-course", today + dt.timedelta(60), ["author", "coauthor"]),
        ("milk", "Сүт өнімдерінің технологиясы", "e-study-guide", today - dt.timedelta(10), ["coauthor"]),
    ]:  # fmt: skip
        items[key] = plan_actions.do_add_plan_item(
            u["head"],
            plan,
            plan_actions.ItemSpec(discipline, der_type, deadline, [u[a] for a in authors]),
        )
    plan_actions.do_approve_plan(
        u["head"],
        plan,
        minutes_number="3",
        minutes_date=dt.date(year, 9, 5),
        minutes_file=SimpleUploadedFile("minutes.txt", b"Minutes No 3", "text/plain"),
    )
    haccp, bread, nets = ex / "haccp-kk", ex / "food-tech-ru", ex / "networks-en"

    def resource(title: str, discipline: str, der_type: str, lang: str, item: str | None,
                 author: str = "author", department: Department = dep,
                 source: Path | None = None) -> Resource:  # fmt: skip
        topics, keywords = _topics_keywords(source) if source else ("", "")
        spec = actions.ResourceSpec(
            topics=topics,
            keywords=keywords,
            title=title,
            discipline=discipline,
            der_type=der_type,
            language=lang,
            audience="6B07201, 2-курс",
            plan_item=items.get(item) if item else None,
        )
        authors = [u["coauthor"]] if item == "bread" else []
        return actions.do_create_resource(u[author], department, spec, authors)

    def submit(r: Resource, name: str, data: bytes, syllabus: bytes,
               author: str = "author") -> None:  # fmt: skip
        actions.do_submit_version(u[author], r, _submission(name, data, syllabus, tmp))
        r.refresh_from_db()

    # 1. published: HACCP (kk), an Oqu source, approved and placed on Moodle
    r1 = resource(
        "HACCP жүйесінің негіздері", "Тағам қауіпсіздігі", "interactive-presentation", "kk",
        "haccp", source=haccp,
    )  # fmt: skip
    submit(r1, "haccp-kk.zip", _zip_folder(haccp), _syllabus(haccp))
    actions.do_confirm_extract(u["head"], r1, 1)  # the head's word on the extract (11, 8.4)
    actions.do_start_review(u["reviewer"], r1)
    r1.refresh_from_db()
    actions.do_approve(u["reviewer"], r1, r1.revision, GOOD)
    r1.refresh_from_db()
    actions.do_publish(
        u["director"], r1, r1.revision, platform="ATU Moodle",
        link="https://moodle.atu.edu.kz/mod/scorm/view.php?id=1201", published_on=today,
    )  # fmt: skip
    do_issue_certificate(u["director"], r1)  # form 01 (8.5): the director is not its author
    # 2. returned, then resubmitted (submitted, with a findings diff): bread (ru)
    r2 = resource(
        "Технология хлебопекарного производства", "Технология хлебопекарного производства",
        "e-lecture-course", "ru", "bread", source=bread,
    )  # fmt: skip
    first = tmp / "bread-v1"
    _copy_without(bread, first, "03-vypechka.md")
    submit(r2, "food-tech-ru-v1.zip", _zip_folder(first), _syllabus(bread))
    actions.do_start_review(u["reviewer"], r2)
    r2.refresh_from_db()
    actions.do_return(
        u["reviewer"], r2, r2.revision,
        actions.ReviewSpec(3, 4, 4, "Нет лекции о выпечке (тема 3 силлабуса).",
                           reasons="Добавьте третью лекцию: выпечка и выход хлеба (п. 7.6)."),
    )  # fmt: skip
    r2.refresh_from_db()
    submit(r2, "food-tech-ru-v2.zip", _zip_folder(bread), _syllabus(bread))
    # 3. in review: the networks lesson as a SCORM package "made elsewhere" (another faculty)
    r3 = resource(
        "The TCP/IP model", "Computer networks", "interactive-presentation", "en", None,
        author="author2", department=dep_it, source=nets,
    )  # fmt: skip
    submit(r3, "networks-scorm12.zip", _scorm(nets, tmp), _syllabus(nets), author="author2")
    actions.do_confirm_extract(u["head2"], r3, 1)  # so the reviewer can decide either way
    actions.do_start_review(u["reviewer"], r3)
    # 4. approved, waiting to be published
    r4 = resource(
        "HACCP: сыни бақылау нүктелері (SCORM)", "Тағам қауіпсіздігі",
        "interactive-presentation", "kk", None, source=haccp,
    )  # fmt: skip
    submit(r4, "haccp-scorm12.zip", _scorm(haccp, tmp), _syllabus(haccp))
    actions.do_confirm_extract(u["head"], r4, 1)
    actions.do_start_review(u["reviewer2"], r4)
    r4.refresh_from_db()
    actions.do_approve(u["reviewer2"], r4, r4.revision, GOOD)
    # 5. a draft with no version yet (overdue plan item "milk")
    resource(
        "Сүт өнімдерінің технологиясы", "Сүт өнімдерінің технологиясы", "e-study-guide", "kk",
        "milk", author="coauthor",
    )  # fmt: skip


def _copy_without(src: Path, dest: Path, skip: str) -> None:
    import shutil

    import yaml

    shutil.copytree(src, dest)
    (dest / skip).unlink()
    meta = yaml.safe_load((dest / "der.yaml").read_text(encoding="utf-8"))
    if isinstance(meta.get("modules"), list):
        meta["modules"] = [
            m for m in meta["modules"] if not (isinstance(m, dict) and m.get("file") == skip)
        ]
    (dest / "der.yaml").write_text(
        yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
