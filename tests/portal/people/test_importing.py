"""Importing a list of people (CSV or XLSX): checked as a whole, created all or none."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from oqu.portal.audit.models import AuditEntry
from oqu.portal.core.actions import Refused
from oqu.portal.people import importing as people_importing
from oqu.portal.people.importing import MAX_ROWS, read_people
from oqu.portal.people.models import Department, Role, User
from tests.portal.conftest import Org
from tests.portal.test_permissions import ROLES

pytestmark = pytest.mark.django_db

DEP = "Тағам қауіпсіздігі кафедрасы"
FAC = "Тағам өндірісі факультеті"


def _csv(text: str, name: str = "people.csv", encoding: str = "utf-8-sig") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def _xlsx(rows: list[list[str]]) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("people.xlsx", out.getvalue())


def _post(org: Org, upload: SimpleUploadedFile, **flags: str):
    return org.client("admin").post("/people/import/", {"file": upload, **flags})


def _text(r) -> str:
    return r.content.decode()


def test_a_russian_csv_from_excel_creates_everyone_with_roles_and_invitations(org: Org) -> None:
    before = User.objects.count()
    text = (
        "Эл. почта;ФИО;Должность;Учёная степень;Роль;Кафедра;Факультет\n"
        f"aliyeva@atu.kz;Әлиева Айгүл;аға оқытушы;PhD;автор;{DEP};\n"
        f"nurlanov@atu.kz;Нұрланов Бауыржан;декан;т.ғ.к.;декан;;{FAC}\n"
        "sarsenova@atu.kz;Сәрсенова Дана;;;Center reviewer;;\n"
        "plain@atu.kz;Без роли;;;;;\n"
    )
    admin = org.client("admin")
    r = admin.post("/people/import/", {"file": _csv(text), "invite": "on"})
    assert r.status_code == 302, _text(r)
    assert User.objects.count() == before + 4
    a = User.objects.get(email="aliyeva@atu.kz")
    assert (a.full_name, a.position, a.degree) == ("Әлиева Айгүл", "аға оқытушы", "PhD")
    assert not a.has_usable_password()
    assert [(x.role, x.department_id) for x in a.roles.all()] == [(Role.AUTHOR, org.dep.pk)]
    dean = User.objects.get(email="nurlanov@atu.kz").roles.get()
    assert (dean.role, dean.faculty_id) == (Role.DEAN, org.faculty.pk)
    assert User.objects.get(email="sarsenova@atu.kz").roles.get().role == Role.REVIEWER
    assert not User.objects.get(email="plain@atu.kz").roles.exists()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "aliyeva@atu.kz", "nurlanov@atu.kz", "plain@atu.kz", "sarsenova@atu.kz",
    ]  # fmt: skip
    assert AuditEntry.objects.filter(action="user.create").count() == 4
    assert AuditEntry.objects.filter(action="role.assign").count() == 3
    assert "4 accounts are created" in _text(admin.get("/people/"))


def test_a_kazakh_xlsx_without_invitations(org: Org) -> None:
    rows = [
        ["Электрондық пошта", "Аты-жөні", "Рөлі", "Кафедра"],
        ["kk1@atu.kz", "Бірінші Автор", "автор", DEP],
        ["kk2@atu.kz", "Екінші Автор", "кафедра меңгерушісі", DEP],
    ]
    r = _post(org, _xlsx(rows))
    assert r.status_code == 302, _text(r)
    assert User.objects.get(email="kk2@atu.kz").roles.get().role == Role.HEAD
    assert mail.outbox == []


def test_check_only_shows_what_would_be_created_and_creates_nothing(org: Org) -> None:
    before = User.objects.count()
    text = f"email,full_name,role,department\nx@atu.kz,<b>X</b> Иванов,author,{DEP}\n"
    r = _post(org, _csv(text), check_only="on", invite="on")
    assert r.status_code == 200
    page = _text(r)
    assert "The list is correct: 1 account can be created" in page
    assert "&lt;b&gt;X&lt;/b&gt; Иванов" in page and "<b>X</b>" not in page
    assert User.objects.count() == before and mail.outbox == []


def test_every_problem_is_listed_with_its_row_and_nobody_is_created(org: Org) -> None:
    other_fac = org.other_faculty
    Department.objects.create(faculty=other_fac, name=DEP)  # the same name in two faculties
    before = User.objects.count()
    taken = org.users["author"].email
    text = (
        "email,full_name,role,department,faculty\n"
        "not-an-address,Бір,author,Тағам қауіпсіздігі кафедрасы,Тағам өндірісі факультеті\n"  # 2
        f"{taken.upper()},Екі,,,\n"  # 3
        "twice@atu.kz,Үш,,,\n"  # 4
        "TWICE@atu.kz,Төрт,,,\n"  # 5
        "empty@atu.kz,,,,\n"  # 6
        "role@atu.kz,Алты,professor,,\n"  # 7
        "dep@atu.kz,Жеті,author,No such department,\n"  # 8
        f"amb@atu.kz,Сегіз,author,{DEP},\n"  # 9
        f"dean@atu.kz,Тоғыз,dean,{DEP},\n"  # 10
        "nodep@atu.kz,Он,head,,\n"  # 11
        f"norole@atu.kz,Он бір,,{DEP},{FAC}\n"  # 12
        f"wide@atu.kz,Он екі,director,,{FAC}\n"  # 13
        f"fine@atu.kz,Он үш,author,{DEP},{FAC}\n"  # 14: fine (the faculty tells them apart)
    )
    r = _post(org, _csv(text), invite="on")
    assert r.status_code == 400
    page = _text(r)
    assert "problems in the list: nobody was created" in page
    expected = {
        2: "is not an e-mail address",
        3: "Someone already has the e-mail address",
        5: "The address is also in row 4",
        6: "The name is empty",
        7: "Unknown role “professor”",
        8: "No department “No such department”",
        9: "Two faculties have a department",
        10: "A dean has a faculty, not a department",
        11: "needs a department",
        12: "without a role",
        13: "is the whole university",
    }
    from oqu.portal.people.importing import read_people as read

    problems = read(text.encode(), "people.csv").problems
    assert {p.row for p in problems} == set(expected)
    for row, words in expected.items():
        assert any(p.row == row and words in p.message for p in problems), (row, problems)
        assert words.replace("“", "&ldquo;") in page or words in page
    assert User.objects.count() == before and mail.outbox == []


@pytest.mark.parametrize(
    ("upload", "words"),
    [
        (lambda: _csv("email,full_name\nivan@atu.kz,Иван\n", encoding="cp1251"), "not in UTF-8"),
        (lambda: SimpleUploadedFile("p.docx", b"PK\x03\x04"), "CSV (UTF-8) or an XLSX"),
        (lambda: SimpleUploadedFile("p.xlsx", b"not a zip at all"), "cannot be read"),
        (lambda: _csv("email,full_name\na@atu.kz,A\x00B\n"), "a control character"),
        (lambda: _csv("email,full_name\na@atu.kz," + "x" * 200_000 + "\n"), "cannot be read"),
        (lambda: _csv(""), "The file is empty"),
        (lambda: _csv("email,full_name\n"), "a header row and no people"),
        (lambda: _csv("name\nСәбит\n"), "The column “E-mail” is missing"),
        (lambda: _csv("email,full_name,salary\na@atu.kz,A,1\n"), "Unknown column “salary”"),
        (lambda: _csv("email,full_name\n" + "a@b.kz,A\n" * (MAX_ROWS + 1)), "At most"),
    ],
)  # fmt: skip
def test_files_that_are_not_a_list_are_refused_with_a_reason(org: Org, upload, words) -> None:
    upload = upload()
    before = User.objects.count()
    r = _post(org, upload)
    assert r.status_code == 400 and words in _text(r).replace("&ldquo;", "“").replace(
        "&rdquo;", "”"
    )
    assert User.objects.count() == before


def test_an_xlsx_zip_bomb_is_refused_before_it_is_opened(org: Org) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/sharedStrings.xml", b"<a>" + b"A" * 60_000_000 + b"</a>")
    data = out.getvalue()
    assert len(data) < 200_000  # 60 MB of text packed small
    reading = read_people(data, "bomb.xlsx")
    assert [p.message for p in reading.problems] == [
        "The XLSX file unpacks to too much data for a list of people."
    ]


def test_an_xlsx_with_a_far_right_cell_in_every_row_is_read_in_bounded_memory(org: Org) -> None:
    import tracemalloc

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["email", "full_name"])
    for row in range(2, MAX_ROWS + 3):
        sheet.cell(row=row, column=1, value=f"p{row}@atu.kz")
        sheet.cell(row=row, column=16_384, value="x")  # column XFD, the last there is
    out = io.BytesIO()
    book.save(out)
    assert len(out.getvalue()) < 200_000
    tracemalloc.start()
    try:
        reading = read_people(out.getvalue(), "wide.xlsx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [p.message for p in reading.problems] == [f"At most {MAX_ROWS} people in one file."]
    assert peak < 64_000_000, f"{peak / 1e6:.0f} MB"


def test_values_longer_than_the_database_keeps_are_problems(org: Org) -> None:
    local = "a" * 250
    text = f"email,full_name,degree\n{local}@atu.kz,Ұзын,{'д' * 101}\n"
    reading = read_people(text.encode(), "people.csv")
    assert sorted((p.column, p.message) for p in reading.problems) == [
        ("degree", "Longer than 100 characters."),
        ("email", "Longer than 254 characters."),
    ]


def test_the_list_to_fill_in_reads_back_as_a_correct_list(org: Org) -> None:
    r = org.client("admin").get("/people/import/people.csv")
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    reading = read_people(r.content, "people.csv")
    assert reading.problems == [] and len(reading.people) == 2


def test_all_or_nothing_when_an_address_is_taken_after_the_check(org: Org) -> None:
    text = "email,full_name\nfirst@atu.kz,Бірінші\nlate@atu.kz,Кеш\n"
    reading = read_people(text.encode(), "people.csv")
    assert reading.problems == []
    User.objects.create_user("late@atu.kz", None, full_name="Another administrator's")
    with pytest.raises(Refused):
        people_importing.do_import_people(org.users["admin"], reading.people, invite=True)
    assert not User.objects.filter(email="first@atu.kz").exists()


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_import(org: Org, role: str) -> None:
    c = org.client(role)
    expected = 200 if role == "admin" else 403
    assert c.get("/people/import/").status_code == expected
    assert c.get("/people/import/people.csv").status_code == expected
    r = c.post("/people/import/", {"file": _csv("email,full_name\nz@atu.kz,Z\n")})
    assert r.status_code == (302 if role == "admin" else 403)
    assert User.objects.filter(email="z@atu.kz").exists() == (role == "admin")
