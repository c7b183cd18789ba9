"""The public catalogue through HTTP, signed out: search and every filter, pagination, the page,
preview and package of a resource, the news page and Atom feed, and the register as CSV/XLSX —
and that nothing but *published* resources ever appears in any of them."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
import zipfile
from typing import Any

import pytest
from defusedxml import ElementTree
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import Client
from openpyxl import load_workbook

from oqu.portal.people.models import User
from oqu.portal.workflow import actions
from oqu.portal.workflow.models import Resource, State, Version, VersionKind
from tests.portal.conftest import PASSWORD, Org, fresh, review_data

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def _fresh_facets() -> None:
    cache.clear()  # the filter form's option lists are cached between requests


def scorm(marker: str = "v1") -> bytes:
    """The same bytes for the same marker, whenever made: a fixed date in each entry (the clock's
    time made two zips a second apart differ, and a comparison of them fail under load)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, text in [
            ("imsmanifest.xml", "<manifest/>"),
            ("index.html", f"<!doctype html><title>{marker}</title><p>{marker}</p>"),
        ]:
            entry = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            entry.external_attr = 0o600 << 16  # what writestr(name, …) gives
            zf.writestr(entry, text)
    return buf.getvalue()


# what the check job records of an uploaded SCORM 1.2 package: its edition decides the address
SCORM12_REPORT = {"en": {"subject": {"scorm_version": "1.2"}}}


def placed(
    org: Org,
    title: str = "HACCP жүйесінің негіздері",
    *,
    state: State = State.PUBLISHED,
    on: dt.date = dt.date(2026, 11, 20),
    authors: list[User] | None = None,
    department: Any = None,
    **fields: str,
) -> Resource:
    """A resource in ``state``; a published one is placed by the real ``do_publish``. The version
    is stored directly (with a small SCORM zip) instead of running the check job."""
    spec = actions.ResourceSpec(
        title=title,
        discipline=fields.get("discipline", "Тағам қауіпсіздігі"),
        der_type=fields.get("der_type", "interactive-presentation"),
        language=fields.get("language", "kk"),
        audience=fields.get("audience", "2-курс"),
        topics=fields.get("topics", ""),
        keywords=fields.get("keywords", ""),
    )
    dep = department or org.dep
    resource = actions.do_create_resource(org.users["author"], dep, spec, authors or [])
    if state == State.DRAFT:
        return resource
    version = Version(
        resource=resource, number=1, kind=VersionKind.SCORM, upload_name="der.zip",
        upload_size=1, upload_sha256="0" * 64, submitted_by=org.users["author"],
        job_state="done", launch="index.html", report=SCORM12_REPORT,
    )  # fmt: skip
    version.upload.save("der.zip", ContentFile(scorm()), save=False)
    version.package.save("der-scorm12.zip", ContentFile(scorm(title)), save=False)
    version.save()
    target = State.APPROVED if state == State.PUBLISHED else state
    Resource.objects.filter(pk=resource.pk).update(state=target)
    if state == State.PUBLISHED:
        resource = fresh(resource)
        actions.do_publish(
            org.users["director"], resource, resource.revision, platform="ATU Moodle",
            link=f"https://moodle.atu.edu.kz/mod/scorm/view.php?id={resource.pk}",
            published_on=on,
        )  # fmt: skip
    return fresh(resource)


def person(key: str, name: str) -> User:
    return User.objects.create_user(f"{key}@test.atu.edu.kz", PASSWORD, full_name=name)


RESULT_TITLE = re.compile(r'<li class="card result"><h2><a href="[^"]*">([^<]*)</a></h2>')


def titles(response: Any) -> list[str]:
    """The result titles as the page shows them (a visitor's page may come from the cache, with
    no template context)."""
    assert response.status_code == 200
    return [html.unescape(t) for t in RESULT_TITLE.findall(response.content.decode())]


def status(response: Any) -> str:
    """The page's "N resources found" line."""
    found = re.search(r'<p role="status">([^<]*)</p>', response.content.decode())
    assert found, response.content.decode()[:2000]
    return html.unescape(found.group(1))


def get(url: str, **params: Any) -> Any:
    return Client().get(url, params)


def download(url: str) -> tuple[Any, bytes]:
    """A response read to the end: the test client closes a streamed one (and its file) then;
    an unclosed file is an error in this suite."""
    response = Client().get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


# --- only published resources are public ------------------------------------------------------


@pytest.fixture
def every_state(org: Org) -> dict[State, Resource]:
    return {s: placed(org, f"Ресурс {s.value} құпия", state=s) for s in State}


def test_only_published_resources_are_in_the_catalogue(every_state: dict[State, Resource]) -> None:
    assert titles(get("/catalogue/")) == ["Ресурс published құпия"]
    assert titles(get("/catalogue/", q="құпия")) == ["Ресурс published құпия"]
    for state, resource in every_state.items():
        expected = 200 if state == State.PUBLISHED else 404
        assert get(f"/catalogue/{resource.pk}/").status_code == expected, state
        assert download(f"/catalogue/{resource.pk}/scorm12.zip")[0].status_code == expected, state


def test_drafts_never_reach_the_feed_news_or_register(every_state: dict[State, Resource]) -> None:
    hidden = [f"Ресурс {s.value} құпия" for s in State if s != State.PUBLISHED]
    feed = get("/catalogue/news.atom").content.decode()
    news = get("/catalogue/news/").content.decode()
    csv_text = download("/catalogue/register.csv")[1].decode("utf-8-sig")
    xlsx = load_workbook(io.BytesIO(download("/catalogue/register.xlsx")[1]))
    cells = " ".join(str(c.value) for row in xlsx.active.iter_rows() for c in row)
    for body in (feed, news, csv_text, cells):
        assert "Ресурс published құпия" in body
        for title in hidden:
            assert title not in body


def test_signed_in_users_see_the_same_public_catalogue(
    org: Org, every_state: dict[State, Resource]
) -> None:
    admin = org.client("admin")  # sees every draft in the portal, but not in the catalogue
    assert titles(admin.get("/catalogue/")) == ["Ресурс published құпия"]


# --- search -----------------------------------------------------------------------------------


@pytest.fixture
def fund(org: Org) -> dict[str, Resource]:
    petrov = person("petrov", "Пётр Ёжиков")
    return {
        "haccp": placed(org, "Қауіп талдауы: HACCP", keywords="HACCP, сапа"),
        "bread": placed(
            org,
            "Технология хлебопекарного производства",
            discipline="Хлебопечение",
            language="ru",
            der_type="e-lecture-course",
            audience="3 курс",
            keywords="опара, печь",
            topics="Замес\nВыпечка",
            on=dt.date(2025, 5, 10),
            authors=[petrov],
            department=org.other_dep,
        ),
        "hedgehog": placed(org, "Ежи и ёжики в экосистеме", discipline="Экология", language="ru"),
        "nets": placed(
            org,
            "The TCP/IP model",
            discipline="Computer networks",
            language="en",
            keywords="protocols, OSI",
            audience="1st year",
        ),
    }


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("ҚАУІП", {"haccp"}),  # Kazakh capitals find lower case (SQLite's LIKE would not)
        ("қауіп", {"haccp"}),
        ("ХЛЕБ", {"bread"}),  # Russian
        ("ЁЖИКИ", {"hedgehog"}),  # ё and е are one letter for search
        ("ежики", {"hedgehog"}),
        ("еж", {"hedgehog", "bread"}),  # "ежи", "ёжики"; the author Ёжиков of bread
        ("ёжик", {"hedgehog", "bread"}),
        ("хлебопечение", {"bread"}),  # discipline
        ("ОПАРА", {"bread"}),  # keywords
        ("выпечка", {"bread"}),  # topics
        ("Ёжиков", {"bread"}),  # author's name
        ("тестов", {"haccp", "hedgehog", "nets", "bread"}),  # "Author Тестов" wrote them all
        ("tcp/ip MODEL", {"nets"}),  # several words: all must occur
        ("tcp хлеб", set()),
        ("%", set()),  # LIKE wildcards are literal
        ("_", set()),
    ],
)
def test_search(fund: dict[str, Resource], q: str, expected: set[str]) -> None:
    found = set(titles(get("/catalogue/", q=q)))
    assert found == {fund[k].title for k in expected}


def test_search_follows_author_changes(org: Org, fund: dict[str, Resource]) -> None:
    petrov = User.objects.get(email="petrov@test.atu.edu.kz")
    petrov.full_name = "Пётр Сидоров"
    petrov.save()
    assert titles(get("/catalogue/", q="сидоров")) == [fund["bread"].title]
    fund["nets"].authors.add(petrov)
    assert set(titles(get("/catalogue/", q="СИДОРОВ"))) == {fund["bread"].title, fund["nets"].title}


def test_every_filter(org: Org, fund: dict[str, Resource]) -> None:
    petrov = User.objects.get(email="petrov@test.atu.edu.kz")
    cases: list[tuple[dict[str, Any], set[str]]] = [
        ({"faculty": org.other_faculty.pk}, {"bread"}),
        ({"faculty": org.faculty.pk}, {"haccp", "hedgehog", "nets"}),
        ({"department": org.other_dep.pk}, {"bread"}),
        ({"discipline": "Хлебопечение"}, {"bread"}),
        ({"der_type": "e-lecture-course"}, {"bread"}),
        ({"language": "en"}, {"nets"}),
        ({"language": "ru"}, {"bread", "hedgehog"}),
        ({"audience": "3 курс"}, {"bread"}),
        ({"year": 2025}, {"bread"}),
        ({"year": 2026}, {"haccp", "hedgehog", "nets"}),
        ({"author": petrov.pk}, {"bread"}),
        ({"language": "ru", "q": "ежи"}, {"hedgehog", "bread"}),
        ({"language": "ru", "year": 2026}, {"hedgehog"}),
        ({"year": "not-a-year", "faculty": "x", "der_type": "nonsense"}, set(fund)),  # ignored
    ]
    for params, expected in cases:
        assert set(titles(get("/catalogue/", **params))) == {fund[k].title for k in expected}, (
            params
        )


def test_the_filter_form_offers_the_fund(org: Org, fund: dict[str, Resource]) -> None:
    body = get("/catalogue/").content.decode()
    for text in ("Хлебопечение", "3 курс", "2025", "Пётр Ёжиков", org.other_dep.name):
        assert text in body


def test_pagination(org: Org) -> None:
    for i in range(45):
        placed(org, f"Ресурс {i:02d}", on=dt.date(2026, 1, 1) + dt.timedelta(days=i))
    first = get("/catalogue/", language="kk")
    assert titles(first)[:2] == ["Ресурс 44", "Ресурс 43"] and len(titles(first)) == 20
    assert "language=kk&amp;page=2" in first.content.decode()  # links keep the query
    assert titles(get("/catalogue/", page=3)) == [f"Ресурс {i:02d}" for i in range(4, -1, -1)]
    assert titles(get("/catalogue/", page=99)) == titles(get("/catalogue/", page=3))  # clamped
    assert titles(get("/catalogue/", page="x")) == titles(first)
    assert status(first) == "45 resources found"


# --- one resource: metadata, preview, package -------------------------------------------------


def test_resource_page_shows_form_01_and_the_placement(org: Org) -> None:
    author = org.users["author"]
    author.position, author.degree = "аға оқытушы", "т.ғ.к."
    author.save()
    r = placed(org, topics="Қауіп талдау\nСыни бақылау нүктелері")
    body = get(f"/catalogue/{r.pk}/").content.decode()
    for text in (
        r.title, "аға оқытушы", "т.ғ.к.", org.dep.name, org.faculty.name, "Тағам қауіпсіздігі",
        "interactive presentation", "Қауіп талдау", "Сыни бақылау нүктелері", "ATU Moodle",
        "2-курс", f"https://moodle.atu.edu.kz/mod/scorm/view.php?id={r.pk}",
        f"http://testserver/catalogue/{r.pk}/package/scorm12.zip", 'sandbox="allow-scripts"',
    ):  # fmt: skip
        assert text in body, text


def test_preview_plays_the_package_in_the_sandbox(org: Org) -> None:
    r = placed(org, "Алдын ала көру")
    page = get(f"/catalogue/{r.pk}/")
    src = page.content.decode().split('class="player"', 1)[1].split('src="', 1)[1].split('"')[0]
    played = get(src.replace("&amp;", "&"))
    assert played.status_code == 200 and "Алдын ала көру" in played.content.decode()
    assert played["Content-Security-Policy"].startswith("sandbox allow-scripts")


def test_download_headers_and_content(org: Org) -> None:
    r = placed(org, "Жүктеу")
    response, body = download(f"/catalogue/{r.pk}/scorm12.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == f'attachment; filename="oqu-der-{r.pk}-scorm12.zip"'
    with zipfile.ZipFile(io.BytesIO(body)) as zf:
        assert "imsmanifest.xml" in zf.namelist()


@pytest.mark.parametrize(
    "path",
    [
        "/catalogue/{pk}/../../settings.py",
        "/catalogue/{pk}/scorm12.zip/../../../etc/passwd",
        "/catalogue/{pk}/%2e%2e/%2e%2e/settings.py",
        "/catalogue/..%2f..%2fsettings.py/scorm12.zip",
        "/catalogue/-1/scorm12.zip",
        "/catalogue/{pk}/package.zip",
    ],
)
def test_no_path_reaches_a_file_but_the_package(org: Org, path: str) -> None:
    r = placed(org)
    response = download(path.format(pk=r.pk))[0]
    assert response.status_code == 404


def test_the_moodle_url_is_stable_across_placements(org: Org) -> None:
    """Moodle's "downloaded package" re-fetches one URL: a new placement serves the new zip."""
    r = placed(org, "Тұрақты сілтеме")
    url = f"/catalogue/{r.pk}/scorm12.zip"
    assert download(url)[1] == scorm("Тұрақты сілтеме")
    v2 = Version(
        resource=r, number=2, kind=VersionKind.SCORM, upload_name="der.zip", upload_size=1,
        upload_sha256="1" * 64, submitted_by=org.users["author"], job_state="done",
        report=SCORM12_REPORT,
    )  # fmt: skip
    v2.upload.save("der2.zip", ContentFile(scorm("v2")), save=False)
    v2.package.save("der2-scorm12.zip", ContentFile(scorm("v2")), save=False)
    v2.save()
    Resource.objects.filter(pk=r.pk).update(state=State.APPROVED)
    r = fresh(r)
    actions.do_publish(org.users["director"], r, r.revision, platform="ATU Moodle",
                       link="https://moodle.atu.edu.kz/x", published_on=dt.date(2026, 12, 1))  # fmt: skip
    assert download(url)[1] == scorm("v2")


def test_published_through_the_workflow_appears_everywhere(
    org: Org, resource: Resource, submit: Any, source_zip: bytes
) -> None:
    """The real path: submit an Oqu source (built by the job), review, approve, publish."""
    assert submit(resource, source_zip).status_code == 302
    rev = org.client("reviewer")
    rev.post(f"/resources/{resource.pk}/review/start/", {"revision": fresh(resource).revision})
    rev.post(f"/resources/{resource.pk}/review/decide/", review_data(fresh(resource).revision))
    assert get(f"/catalogue/{resource.pk}/").status_code == 404  # approved is not yet public
    org.client("director").post(
        f"/resources/{resource.pk}/publish/",
        {"revision": fresh(resource).revision, "platform": "ATU Moodle",
         "link": "https://moodle.atu.edu.kz/mod/scorm/view.php?id=7", "published_on": "2026-11-20"},
    )  # fmt: skip
    assert fresh(resource).published_on == dt.date(2026, 11, 20)
    assert titles(get("/catalogue/", q="haccp", year=2026)) == [resource.title]
    assert resource.title in get("/catalogue/news/").content.decode()
    assert resource.title in get("/catalogue/news.atom").content.decode()
    package = download(f"/catalogue/{resource.pk}/scorm12.zip")[1]
    with zipfile.ZipFile(io.BytesIO(package)) as zf:
        assert "imsmanifest.xml" in zf.namelist()


# --- news and the Atom feed -------------------------------------------------------------------

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_news_newest_first(org: Org) -> None:
    placed(org, "Ескі", on=dt.date(2025, 1, 1))
    placed(org, "Жаңа", on=dt.date(2026, 6, 1))
    body = get("/catalogue/news/").content.decode()
    assert body.index("Жаңа") < body.index("Ескі")


def test_atom_feed(org: Org) -> None:
    r = placed(org, XSS, on=dt.date(2026, 6, 1))
    response = get("/catalogue/news.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "<script>" not in body and "<img" not in body  # escaped: text, not markup
    feed = ElementTree.fromstring(response.content)
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == XSS
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver/catalogue/{r.pk}/"
    assert entry.find(f"{ATOM}updated").text.startswith("2026-06-01")
    assert "Тағам қауіпсіздігі" in entry.find(f"{ATOM}summary").text


@pytest.mark.parametrize(
    ("lang", "title"),
    [("ru", "Новые цифровые образовательные ресурсы"),
     ("kk", "Жаңа цифрлық білім беру ресурстары"),
     ("en", "New digital educational resources")],
)  # fmt: skip
def test_feed_in_the_request_language(org: Org, lang: str, title: str) -> None:
    placed(org)
    response = Client().get("/catalogue/news.atom", headers={"accept-language": lang})
    feed = ElementTree.fromstring(response.content)
    assert feed.find(f"{ATOM}title").text == title
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang


def test_titles_are_inert_in_html(org: Org) -> None:
    r = placed(org, XSS, discipline=XSS, keywords=XSS, topics=XSS)
    for url in ("/catalogue/", f"/catalogue/{r.pk}/", "/catalogue/news/"):
        body = get(url).content.decode()
        assert "<script>alert" not in body and "<img src=x" not in body, url
        assert "&lt;script&gt;" in body, url


# --- the register: CSV and XLSX ----------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)"]


@pytest.fixture
def register(org: Org) -> list[Resource]:
    evil = person("evil", "=cmd|' /C calc'!A0")
    return [
        placed(
            org,
            FORMULAS[0],
            discipline=FORMULAS[1],
            audience=FORMULAS[2],
            topics=FORMULAS[3],
            authors=[evil],
        ),
        placed(org, "Қалыпты атау", on=dt.date(2025, 1, 1)),
    ]


def test_register_csv(register: list[Resource]) -> None:
    response, raw = download("/catalogue/register.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="oqu-register-')
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8 Cyrillic
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:5] == ["No.", "Authors (position, degree, title)", "Faculty", "Department",
                           "DER name"]  # fmt: skip
    assert len(rows) == 3
    assert rows[1][4] == "Қалыпты атау"  # the fund in order of placement
    evil = rows[2]
    for value in FORMULAS:
        assert "'" + value in evil
    assert not any(v.startswith(("=", "+", "-", "@")) for row in rows for v in row)
    assert "ATU Moodle" in evil and "http://127.0.0.1:8000/catalogue/" in " ".join(evil)


def test_register_xlsx(register: list[Resource]) -> None:
    response, body = download("/catalogue/register.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith('attachment; filename="oqu-register-')
    ws = load_workbook(io.BytesIO(body)).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert len(rows) == 3 and rows[1][4] == "Қалыпты атау"
    cells = [c for row in ws.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)  # no formula anywhere
    values = [str(c.value) for c in cells]
    for value in FORMULAS:
        assert "'" + value in values
    assert any(v.startswith("'=cmd") for v in values)


def test_register_xlsx_is_a_table_to_sort_and_filter(register: list[Resource]) -> None:
    """Issue 15.11: numbers and dates were text, every column 13 characters, the header
    scrolled away. Read back with openpyxl as a spreadsheet program would."""
    _, body = download("/catalogue/register.xlsx")
    ws = load_workbook(io.BytesIO(body)).active
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:O3"
    assert all(c.font.bold for c in ws[1])
    no, placed_on = ws.cell(2, 1), ws.cell(2, 12)
    assert no.value == 1 and no.data_type == "n"
    assert placed_on.is_date and placed_on.value.date() == dt.date(2025, 1, 1)
    assert placed_on.number_format == "YYYY-MM-DD"  # English: the portal's ISO dates
    widths = {col: ws.column_dimensions[col].width for col in "ABCDEFGHIJKLMNO"}
    assert widths["A"] < widths["E"] <= 60, widths  # "No." narrow, the DER name wide, capped
    assert widths["E"] >= len("Қалыпты атау") and len(set(widths.values())) > 3, widths
    ru = Client().get("/catalogue/register.xlsx", headers={"accept-language": "ru"})
    ws = load_workbook(io.BytesIO(b"".join(ru.streaming_content))).active
    assert (
        ws.cell(2, 12).number_format == "DD.MM.YYYY" and ws.cell(1, 12).value == "Дата размещения"
    )


def test_register_headers_in_russian(register: list[Resource]) -> None:
    response = Client().get("/catalogue/register.csv", headers={"accept-language": "ru"})
    header = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()[0]
    assert "Date of placement" in download("/catalogue/register.csv")[1].decode("utf-8-sig")
    assert "Дата размещения" in header


def test_register_supports_conditional_get(register: list[Resource]) -> None:
    first = download("/catalogue/register.csv")[0]
    again = Client().get(
        "/catalogue/register.csv", headers={"if-modified-since": first["Last-Modified"]}
    )
    assert again.status_code == 304


@pytest.mark.parametrize(
    ("lang", "text"),
    [("kk", "Цифрлық білім беру ресурстарының каталогы"),
     ("ru", "Каталог цифровых образовательных ресурсов"),
     ("en", "Catalogue of digital educational resources")],
)  # fmt: skip
def test_catalogue_pages_in_three_languages(org: Org, lang: str, text: str) -> None:
    r = placed(org)
    for url in ("/catalogue/", f"/catalogue/{r.pk}/", "/catalogue/news/"):
        body = Client().get(url, headers={"accept-language": lang}).content.decode()
        assert f'lang="{lang}"' in body and text in body, url


def test_a_search_counts_up_to_the_cap(org: Org, monkeypatch: pytest.MonkeyPatch) -> None:
    from oqu.portal.catalogue import views as catalogue

    monkeypatch.setattr(catalogue, "COUNT_CAP", 5)
    monkeypatch.setattr(catalogue, "PAGE_SIZE", 2)
    for i in range(8):
        placed(org, f"Көп {i}", on=dt.date(2026, 1, 1) + dt.timedelta(days=i))
    capped = get("/catalogue/", q="көп")
    assert "More than 5 resources found" in capped.content.decode()
    # the first 5 in three pages of two: page 3 holds one and is the last
    assert 'rel="next"' in get("/catalogue/", q="көп", page=2).content.decode()
    last = get("/catalogue/", q="көп", page=3)
    assert len(titles(last)) == 1 and 'rel="next"' not in last.content.decode()
    assert status(get("/catalogue/", q="көп 7")) == "1 resource found"
    assert status(get("/catalogue/")) == "8 resources found"  # the fund: exact


def test_register_is_written_once_per_state_of_the_fund(org: Org, register: list[Resource]) -> None:
    from django.core.files.storage import default_storage

    def stored() -> list[str]:
        files = default_storage.listdir("catalogue")[1]
        return sorted(f for f in files if f.startswith("register-en-") and f.endswith(".csv"))

    first = download("/catalogue/register.csv")[1]
    files = stored()
    assert len(files) == 1 and download("/catalogue/register.csv")[1] == first
    assert stored() == files  # served from the stored copy
    placed(org, "Жаңадан орналастырылған")
    assert "Жаңадан орналастырылған" in download("/catalogue/register.csv")[1].decode("utf-8-sig")
    assert len(stored()) == 1 and stored() != files  # a new copy; the old one is removed


# --- the page cache for visitors --------------------------------------------------------------


def test_a_visitor_page_is_cached_until_the_fund_changes(
    org: Org, django_assert_max_num_queries: Any
) -> None:
    placed(org, "Бірінші ресурс", on=dt.date(2026, 11, 1))
    assert titles(get("/catalogue/")) == ["Бірінші ресурс"]
    with django_assert_max_num_queries(1):  # the audit head: has the fund changed?
        assert titles(get("/catalogue/")) == ["Бірінші ресурс"]
    placed(org, "Екінші ресурс", on=dt.date(2026, 11, 2))  # do_publish appends to the audit log
    assert titles(get("/catalogue/")) == ["Екінші ресурс", "Бірінші ресурс"]


def test_a_cached_page_carries_each_visitor_a_working_csrf_token(org: Org) -> None:
    placed(org)
    tokens = []
    for _ in range(2):  # the second visitor gets the cached page
        visitor = Client(enforce_csrf_checks=True)
        body = visitor.get("/catalogue/").content.decode()
        assert "oqu-catalogue-csrf-slot" not in body
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        assert token is not None
        tokens.append(token.group(1))
        switched = visitor.post(
            "/i18n/setlang/",
            {"csrfmiddlewaretoken": token.group(1), "language": "ru", "next": "/catalogue/"},
        )
        assert switched.status_code == 302, switched.status_code  # not a CSRF 403
        assert "Каталог" in visitor.get("/catalogue/").content.decode()
    assert tokens[0] != tokens[1]


def test_signed_in_pages_are_not_shared(org: Org) -> None:
    placed(org)
    get("/catalogue/")  # a visitor's copy is in the cache now
    body = org.client("reviewer").get("/catalogue/").content.decode()
    assert org.users["reviewer"].full_name in body and "Sign out" in body
    assert org.users["reviewer"].full_name not in get("/catalogue/").content.decode()
