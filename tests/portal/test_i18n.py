"""Kazakh (default), Russian and English; the switcher; Kazakh date formats."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import formats, translation

from tests.portal.conftest import Org

pytestmark = pytest.mark.django_db


def test_login_page_in_three_languages(db: None, settings) -> None:
    settings.LANGUAGE_CODE = "kk"  # the portal's default
    assert "Кіру" in Client().get("/login/").content.decode()  # Kazakh is the default
    assert "Вход" in Client(HTTP_ACCEPT_LANGUAGE="ru").get("/login/").content.decode()
    assert "Sign in" in Client(HTTP_ACCEPT_LANGUAGE="en").get("/login/").content.decode()


def test_language_switcher(org: Org) -> None:
    c = org.client("author")
    r = c.post("/i18n/setlang/", {"language": "ru", "next": "/"})
    assert r.status_code == 302
    assert "Мои ресурсы" in c.get("/").content.decode()
    c.post("/i18n/setlang/", {"language": "kk", "next": "/"})
    assert "Менің ресурстарым" in c.get("/").content.decode()


def test_kazakh_formats() -> None:
    with translation.override("kk"):
        assert formats.date_format(dt.date(2026, 11, 26), "SHORT_DATE_FORMAT") == "26.11.2026"
        assert formats.number_format(1234.5, 1, use_l10n=True, force_grouping=True) == "1\xa0234,5"
