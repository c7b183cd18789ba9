"""The placement certificate (form 01, clause 8.5): issue, numbering, permissions, the PDF and the
DOCX, the QR code and the public verification page, corrections, immutability, hostile text."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import subprocess
import threading
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from oqu.portal.audit import chain as audit
from oqu.portal.audit.models import AuditEntry
from oqu.portal.certificates import actions as cert_actions
from oqu.portal.certificates import render, variables
from oqu.portal.certificates.make_docx_template import OUT as DOCX_TEMPLATE
from oqu.portal.certificates.models import Certificate, Immutable
from oqu.portal.core.actions import Refused
from oqu.portal.people.models import Role, RoleAssignment
from oqu.portal.workflow import actions
from oqu.portal.workflow.models import Resource
from tests.portal.conftest import Org, fresh, make_user, new_resource

pytestmark = pytest.mark.django_db

LINK = "https://moodle.atu.edu.kz/mod/scorm/view.php?id=77"


def publish(org: Org, res: Resource, submit, package: bytes) -> Resource:
    """Drive ``res`` to *published* through the real actions (one version, approved)."""
    assert submit(res, package).status_code == 302
    actions.do_start_review(org.users["reviewer"], fresh(res))
    actions.do_approve(org.users["reviewer"], res, fresh(res).revision, actions.ReviewSpec(5, 5, 5))
    actions.do_publish(
        org.users["director"], res, fresh(res).revision, platform="ATU Moodle", link=LINK,
        published_on=dt.date(2026, 11, 20),
    )  # fmt: skip
    return fresh(res)


@pytest.fixture
def published(org: Org, submit, source_zip) -> Resource:
    org.users["author"].position = "аға оқытушы"
    org.users["author"].degree = "т.ғ.к."
    org.users["author"].academic_title = "доцент"
    org.users["author"].save()
    return publish(org, new_resource(org), submit, source_zip)


def issue(org: Org, res: Resource, who: str = "director"):
    return org.client(who).post(f"/resources/{res.pk}/certificates/issue/")


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


# --- issue, numbering -------------------------------------------------------------------------


def test_director_issues_through_http(org: Org, published: Resource) -> None:
    r = issue(org, published)
    assert r.status_code == 302, r.content
    cert = Certificate.objects.get()
    year = timezone.localdate().year
    assert cert.number == f"{year}-001" and cert.year == year and cert.seq == 1
    assert cert.issued_by == org.users["director"]
    assert hashlib.sha256(bytes(cert.pdf)).hexdigest() == cert.pdf_sha256
    assert hashlib.sha256(bytes(cert.docx)).hexdigest() == cert.docx_sha256
    assert cert.data["title"] == published.title and cert.data["link"] == LINK
    assert cert.data["placed_on"] == "20.11.2026"
    assert "аға оқытушы" in cert.data["authors"] and "т.ғ.к." in cert.data["authors"]
    assert cert.data["director"] == org.users["director"].full_name
    # topics come from the plain-text syllabus the author uploaded
    assert "HACCP" in cert.data["topics"]
    entry = AuditEntry.objects.get(action="certificate.issue")
    assert entry.object_type == "certificate" and entry.data["pdf_sha256"] == cert.pdf_sha256
    assert audit.verify().ok
    # the resource page lists it, with its files and its verification page
    page = org.client("nobody").get(f"/resources/{published.pk}/").content.decode()
    assert cert.number in page and f"/verify/{cert.number}/{cert.token}/" in page


def test_numbers_run_per_calendar_year(org: Org, submit, source_zip, monkeypatch) -> None:
    a, b, c = (publish(org, new_resource(org, f"R{i}"), submit, source_zip) for i in range(3))
    director = org.users["director"]
    at = dt.datetime(2026, 12, 31, 10, tzinfo=dt.UTC)
    monkeypatch.setattr(cert_actions.timezone, "now", lambda: at)
    assert cert_actions.do_issue_certificate(director, a).number == "2026-001"
    assert cert_actions.do_issue_certificate(director, b).number == "2026-002"
    at = dt.datetime(2027, 1, 2, 10, tzinfo=dt.UTC)
    assert cert_actions.do_issue_certificate(director, c).number == "2027-001"
    # local time decides the year: 31 Dec 20:00 UTC is already 1 Jan in Almaty (UTC+5)
    assert timezone.localdate(dt.datetime(2026, 12, 31, 20, tzinfo=dt.UTC)).year == 2027


def test_a_second_plain_issue_is_refused(org: Org, published: Resource) -> None:
    assert issue(org, published).status_code == 302
    r = issue(org, published)
    assert r.status_code == 400 and b"already has certificate" in r.content
    assert Certificate.objects.count() == 1


def test_issue_refused_unless_published(org: Org, submit, source_zip) -> None:
    res = new_resource(org)
    submit(res, source_zip)
    actions.do_start_review(org.users["reviewer"], fresh(res))
    actions.do_approve(org.users["reviewer"], res, fresh(res).revision, actions.ReviewSpec(5, 5, 5))
    r = issue(org, fresh(res))
    assert r.status_code == 400 and b"once the resource is published" in r.content
    assert not Certificate.objects.exists()


# --- permissions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [("director", 302), ("reviewer", 403), ("vicerector", 403), ("admin", 403), ("head", 403),
     ("dean", 403), ("author", 403), ("other_author", 403), ("nobody", 403)],
)  # fmt: skip
def test_only_the_director_issues(org: Org, published: Resource, role: str, status: int) -> None:
    r = issue(org, published, role)
    assert r.status_code == status
    assert Certificate.objects.exists() == (status == 302)


def test_anonymous_is_sent_to_log_in(org: Org, published: Resource) -> None:
    r = Client().post(f"/resources/{published.pk}/certificates/issue/")
    assert r.status_code == 302 and "/login/" in r["Location"]
    assert not Certificate.objects.exists()


def test_director_who_is_an_author_is_refused(org: Org, submit, source_zip) -> None:
    """Conflict of interest (12): the same setup succeeds for a director who is not an author."""
    both = make_user("director_author")
    RoleAssignment.objects.create(user=both, role=Role.DIRECTOR)
    RoleAssignment.objects.create(user=both, role=Role.AUTHOR, department=org.dep)
    res = new_resource(org)
    res.authors.add(both)
    res = publish(org, res, submit, source_zip)
    c = Client()
    c.force_login(both)
    r = c.post(f"/resources/{res.pk}/certificates/issue/")
    assert r.status_code == 403 and b"conflict of interest" in r.content
    with pytest.raises(Refused, match="conflict of interest"):
        cert_actions.do_issue_certificate(both, res)  # the action re-checks it
    assert not Certificate.objects.exists()
    assert issue(org, res).status_code == 302  # the other director may


def test_unseen_resource_is_404(org: Org) -> None:
    draft = new_resource(org)
    assert issue(org, draft).status_code == 404  # the director does not see drafts
    assert org.client("director").get("/certificates/1999-001.pdf").status_code == 404


def test_downloads_follow_resource_visibility(org: Org, published: Resource) -> None:
    issue(org, published)
    cert = Certificate.objects.get()
    r = org.client("nobody").get(f"/certificates/{cert.number}.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content == bytes(cert.pdf)
    r = org.client("author").get(f"/certificates/{cert.number}.docx")
    assert r.status_code == 200 and r.content == bytes(cert.docx)
    assert Client().get(f"/certificates/{cert.number}.pdf").status_code == 302  # log in first


def test_preview_is_for_the_center(org: Org) -> None:
    c = org.client("director")
    page = c.get("/certificates/preview/")
    assert page.status_code == 200
    for v in variables.VARIABLES:
        assert v.key in page.content.decode()
    pdf = c.get("/certificates/preview.pdf")
    assert pdf.status_code == 200 and "ОБРАЗЕЦ" in pdf_text(pdf.content)
    assert c.get("/certificates/preview.docx").status_code == 200
    assert org.client("author").get("/certificates/preview/").status_code == 403


# --- the documents ----------------------------------------------------------------------------


def test_pdf_has_the_form_in_kazakh_and_russian(org: Org, published: Resource) -> None:
    issue(org, published)
    cert = Certificate.objects.get()
    text = pdf_text(bytes(cert.pdf))
    for phrase in [
        "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ ҒЫЛЫМ ЖӘНЕ ЖОҒАРЫ БІЛІМ МИНИСТРЛІГІ",
        "МИНИСТЕРСТВО НАУКИ И ВЫСШЕГО ОБРАЗОВАНИЯ РЕСПУБЛИКИ КАЗАХСТАН",
        "Алматы Технологиялық Университеті",
        "Алматинский Технологический Университет",
        "АНЫҚТАМА",
        "СПРАВКА",
        f"№ {cert.number} от {cert.data['date']}",
        "Цифрлық білім беру ресурсын орналастыру туралы",
        "о размещении цифрового образовательного ресурса",
        "Растайтын құжаттардың болуы",
        "Дата размещения",
        "ЖИЦДО директоры",
        published.title,
        org.users["director"].full_name,
        LINK,
    ]:
        assert phrase in " ".join(text.split()), phrase


def test_item_9_names_the_documents_not_the_storages_files(org: Org, published: Resource) -> None:
    """Issue 15.11: item 9 listed ``r6-v2-syllabus.txt``, the storage's own names; it lists the
    documents by their titles, each with its format, and the package as its author named it."""
    issue(org, published)
    docs = Certificate.objects.get().data["documents"]
    lines = docs.splitlines()
    assert lines[0].startswith("1. Силлабустың электронды нұсқасы / Электронная версия силлабуса")
    assert lines[0].endswith("— TXT (мәтін / текст)")
    assert lines[1].endswith("— TXT (мәтін / текст)") and "хаттамасынан үзінді" in lines[1]
    assert lines[2].endswith("— der.zip"), lines[2]  # the name the author uploaded
    assert not re.search(r"r\d+-v\d+|syllabus\.txt|minutes\.txt|scorm12", docs), docs


def _decode_qr(pdf: bytes, tmp_path: Path) -> list[str]:
    import zxingcpp
    from PIL import Image

    (tmp_path / "c.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(tmp_path / "c.pdf"),
         str(tmp_path / "page")],
        check=True,
    )  # fmt: skip
    (png,) = tmp_path.glob("page*.png")
    return [b.text for b in zxingcpp.read_barcodes(Image.open(png))]


def test_the_qr_code_decodes_to_the_verification_url(
    org: Org, published: Resource, tmp_path: Path
) -> None:
    issue(org, published)
    cert = Certificate.objects.get()
    url = f"http://127.0.0.1:8000/verify/{cert.number}/{cert.token}/"
    assert _decode_qr(bytes(cert.pdf), tmp_path) == [url]
    assert cert.data["verify_url"] == url


def test_docx_has_the_fields(org: Org, published: Resource) -> None:
    from docx import Document

    issue(org, published)
    cert = Certificate.objects.get()
    doc = Document(io.BytesIO(bytes(cert.docx)))
    text = "\n".join(
        p.text for t in doc.tables for row in t.rows for cell in row.cells for p in cell.paragraphs
    )
    for key in ("number", "date", "department", "title", "discipline", "platform", "link",
                "placed_on", "audience", "director", "verify_url"):  # fmt: skip
        assert cert.data[key] in text, key
    for line in cert.data["authors"].splitlines() + cert.data["topics"].splitlines():
        assert line in text
    assert "АНЫҚТАМА" in text and "СПРАВКА" in text and "Орналастыру күні" in text
    assert "{{" not in text and "{%" not in text
    assert len(doc.inline_shapes) == 1  # the QR code


def test_committed_docx_template_names_every_placeholder() -> None:
    from docx import Document

    doc = Document(str(DOCX_TEMPLATE))
    text = "\n".join(
        p.text for t in doc.tables for row in t.rows for cell in row.cells for p in cell.paragraphs
    ) + "\n".join(p.text for p in doc.paragraphs)
    for key in {k for row in variables.ROWS for k in row.keys} | {"number", "date", "director"}:
        assert "{{ " + key + " }}" in text, key


def test_preview_and_real_render_share_the_table(org: Org, published: Resource) -> None:
    """Every placeholder has a sample, and the record fills every placeholder."""
    issue(org, published)
    cert = Certificate.objects.get()
    assert set(cert.data) == set(variables.sample_values()) == {v.key for v in variables.VARIABLES}


def test_hostile_title_is_inert_in_pdf_docx_and_html(org: Org, submit, source_zip) -> None:
    from docx import Document

    evil = '<script>alert(1)</script><img src="http://127.0.0.1:9/x.png"> & {{ 7*7 }} </w:t>'
    res = publish(org, new_resource(org, evil), submit, source_zip)
    assert issue(org, res).status_code == 302
    cert = Certificate.objects.get()
    assert evil in " ".join(pdf_text(bytes(cert.pdf)).split())  # printed as text
    cells = [c.text for t in Document(io.BytesIO(bytes(cert.docx))).tables
             for row in t.rows for c in row.cells]  # fmt: skip
    assert any(evil in c for c in cells)
    page = Client().get(f"/verify/{cert.number}/{cert.token}/").content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert any("{{ 7*7 }}" in c for c in cells)  # a value is data, never a template


def test_the_renderer_fetches_nothing() -> None:
    vals = variables.sample_values() | {"title": '<img src="file:///etc/passwd">'}
    html = render.html(vals)
    assert "&lt;img" in html
    # even an injected URL (if escaping ever failed) could not be fetched
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    pdf = HTML(string='<img src="file:///etc/hostname">', url_fetcher=render._fetcher())
    with pytest.raises(FatalURLFetchingError, match="file:///etc/hostname"):
        pdf.write_pdf()


# --- verification, corrections, immutability ---------------------------------------------------


def test_verification_page_is_public_and_follows_corrections(org: Org, published: Resource) -> None:
    issue(org, published)
    old = Certificate.objects.get()
    anon = Client()
    page = anon.get(f"/verify/{old.number}/{old.token}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Valid" in body and old.pdf_sha256 in body and published.title in body
    assert anon.get(f"/verify/{old.number}/wrong-token/").status_code == 404
    assert anon.get(f"/verify/2000-999/{old.token}/").status_code == 404

    # the author's degree was wrong: the director issues a correction
    author = org.users["author"]
    author.degree = "PhD"
    author.save()
    r = org.client("director").post(
        f"/certificates/{old.number}/supersede/", {"reason": "Автордың ғылыми дәрежесі"}
    )
    assert r.status_code == 302, r.content
    new = Certificate.objects.exclude(pk=old.pk).get()
    assert new.supersedes == old and new.seq == old.seq + 1 and "PhD" in new.data["authors"]
    assert new.data["supersedes"] == old.number
    assert "орнына берілді" in pdf_text(bytes(new.pdf))
    assert "орнына берілді" not in pdf_text(bytes(old.pdf))
    from docx import Document

    def docx_paragraphs(data: bytes) -> str:
        return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)

    assert f"орнына берілді: № {old.number}" in docx_paragraphs(bytes(new.docx))
    assert "орнына берілді" not in docx_paragraphs(bytes(old.docx))
    old_again = Certificate.objects.get(pk=old.pk)
    assert bytes(old_again.pdf) == bytes(old.pdf) and old_again.data == old.data  # untouched
    body = anon.get(f"/verify/{old.number}/{old.token}/").content.decode()
    assert "Superseded" in body and new.number in body
    body = anon.get(f"/verify/{new.number}/{new.token}/").content.decode()
    assert "Valid" in body and old.number in body
    # both stay listed on the resource page
    page = org.client("author").get(f"/resources/{published.pk}/").content.decode()
    assert old.number in page and new.number in page and f"superseded by {new.number}" in page
    # the old one cannot be corrected twice; audit has both steps
    r = org.client("director").post(f"/certificates/{old.number}/supersede/", {"reason": "x"})
    assert r.status_code == 400 and new.number.encode() in r.content
    assert list(
        AuditEntry.objects.filter(action__startswith="certificate.").values_list("action", "to_state")
    ) == [("certificate.issue", "valid"), ("certificate.issue", "valid"),
          ("certificate.supersede", "superseded")]  # fmt: skip
    assert audit.verify().ok


def test_supersede_needs_a_reason_and_the_director(org: Org, published: Resource) -> None:
    issue(org, published)
    old = Certificate.objects.get()
    assert (
        org.client("reviewer").post(f"/certificates/{old.number}/supersede/", {"reason": "x"})
    ).status_code == 403
    r = org.client("director").post(f"/certificates/{old.number}/supersede/", {"reason": " "})
    assert r.status_code == 400
    assert Certificate.objects.count() == 1


def test_an_issued_certificate_never_changes(org: Org, published: Resource) -> None:
    issue(org, published)
    cert = Certificate.objects.get()
    cert.data = {"title": "forged"}
    with pytest.raises(Immutable):
        cert.save()
    with pytest.raises(Immutable):
        Certificate.objects.filter(pk=cert.pk).update(pdf_sha256="0" * 64)
    with pytest.raises(Immutable):
        cert.delete()
    with pytest.raises(Immutable):
        Certificate.objects.all().delete()
    assert Certificate.objects.get().data["title"] == published.title


# --- two directors at once ----------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_get_distinct_numbers(org: Org, submit, source_zip) -> None:
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:"):
        pytest.skip("in-memory SQLite is one connection")
    director2 = make_user("director2")
    RoleAssignment.objects.create(user=director2, role=Role.DIRECTOR)
    resources = [publish(org, new_resource(org, f"R{i}"), submit, source_zip) for i in range(3)]
    directors = [org.users["director"], director2, org.users["director"]]
    barrier = threading.Barrier(len(resources))
    results: list[object] = [None] * len(resources)

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = cert_actions.do_issue_certificate(directors[i], resources[i])
        except Exception as e:  # the outcome under test
            results[i] = e
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(resources))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert all(isinstance(r, Certificate) for r in results), results
    year = timezone.localdate().year
    assert sorted(r.number for r in results) == [f"{year}-00{i}" for i in (1, 2, 3)]  # type: ignore[union-attr]
    assert audit.verify().ok


# The demo's issued certificate is asserted in tests/portal/demo/test_demo.py, on the one demo
# loaded there (a load costs seconds).
