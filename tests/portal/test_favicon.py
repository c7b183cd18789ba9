"""The portal's icon: its pages name it, and /favicon.ico answers with it for pages that do not
(the check report, the player's pages). Before, every page's console showed a 404 for
/favicon.ico and the browser's tab had no icon."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_favicon_ico_is_the_portals_icon() -> None:
    r = Client().get("/favicon.ico")
    assert r.status_code == 200
    assert r["Content-Type"] == "image/svg+xml"
    assert "max-age=86400" in r["Cache-Control"]
    assert r.content.startswith(b"<svg ") and b"</svg>" in r.content
    assert Client().post("/favicon.ico").status_code == 405


def test_every_portal_page_names_its_icon() -> None:
    page = Client().get("/login/").content.decode()
    assert '<link rel="icon" href="/static/portal/favicon.svg" type="image/svg+xml">' in page
