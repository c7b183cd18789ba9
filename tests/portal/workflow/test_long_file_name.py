"""Issue 15.9: a 1,200-character upload file name gets the portal's own error page, in the
user's language, not Django's unstyled "Bad Request (400)". The multipart body is written by
hand: the test client's upload objects cut names to 255 characters, a browser does not."""

from __future__ import annotations

import html

import pytest

from oqu.portal.workflow.models import Version
from tests.portal.conftest import Org

pytestmark = pytest.mark.django_db

BOUNDARY = "oqu-boundary-15-9"
WORDS = {
    "en": "a file's name is too long",
    "kk": "файл атауы тым ұзын",
    "ru": "имя файла слишком длинное",
}


def _part(name: str, filename: str, data: bytes) -> bytes:
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"'
        "\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    return head.encode() + data + b"\r\n"


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_very_long_file_name_gets_the_portals_error_page(
    org: Org, resource, source_zip, lang: str
) -> None:
    body = (
        _part("package", "ЦББР-" + "ұ" * 1200 + ".zip", source_zip)
        + _part("syllabus", "syllabus.txt", b"1. HACCP\n")
        + _part("minutes_extract", "minutes.txt", "Хаттама № 3".encode())
        + f"--{BOUNDARY}--\r\n".encode()
    )
    c = org.client("author")
    c.post("/i18n/setlang/", {"language": lang, "next": "/"})
    r = c.generic(
        "POST",
        f"/resources/{resource.pk}/submit/",
        body,
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
        HTTP_REFERER=f"http://testserver/resources/{resource.pk}/submit/",
    )
    assert r.status_code == 400
    page = html.unescape(r.content.decode())
    assert f'<html lang="{lang}">' in page  # the portal's layout
    assert 'role="alert"' in page and WORDS[lang] in page
    assert f'href="http://testserver/resources/{resource.pk}/submit/"' in page  # back
    assert not Version.objects.exists()
