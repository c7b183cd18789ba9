"""Issue 15.8: no English or code text left on Kazakh and Russian pages — the empty choice of a
select, the level of a finding, ЦББР (not ЦБР), the languages in their own names — and English
dates day before month, never the US 01/05/2027."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.utils import formats, translation
from django.utils.translation import gettext

from tests.portal.conftest import Org

pytestmark = pytest.mark.django_db

LOCALE = Path(__file__).resolve().parents[2] / "src" / "oqu" / "portal" / "locale"
CHOOSE = {"kk": "- Таңдаңыз -", "ru": "- Выберите -", "en": "- Select an option -"}
LEVEL = {"kk": "ақпарат", "ru": "информация", "en": "info"}


def _in(c, lang: str) -> None:
    assert c.post("/i18n/setlang/", {"language": lang, "next": "/"}).status_code == 302


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_empty_choice_is_in_the_pages_language(org: Org, lang: str) -> None:
    for who, url in (("author", "/resources/new/"), ("head", "/plans/new/")):
        c = org.client(who)
        _in(c, lang)
        page = c.get(url).content.decode()
        assert f'<option value="" selected>{CHOOSE[lang]}</option>' in page, (who, url)
        if lang != "en":
            assert "Select an option" not in page


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_finding_levels_are_words(org: Org, resource, submit, source_zip, lang: str) -> None:
    assert submit(resource, source_zip).status_code == 302
    c = org.client("author")
    _in(c, lang)
    page = c.get(f"/resources/{resource.pk}/v/1/").content.decode()
    # the findings sit under their clauses, each led by its level in words
    items = re.findall(r'<li class="info">.*?</li>', page, re.S)
    assert items, page
    assert all(f'<span class="level">{LEVEL[lang]}</span>' in item for item in items)


def test_kazakh_says_tsbbr() -> None:
    po = (LOCALE / "kk" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    assert not re.search(r"\bЦБР\b", po)
    with translation.override("kk"):
        assert gettext("DER name") == "ЦББР атауы"
        assert gettext("Link to the DER") == "ЦББР сілтемесі"


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_language_switcher_names_each_language_in_itself(org: Org, lang: str) -> None:
    c = org.client("author")
    _in(c, lang)
    page = c.get("/").content.decode()
    switcher = re.search(r'<select id="lang-select".*?</select>', page, re.S)
    assert switcher
    names = re.findall(r"<option[^>]*>([^<]*)</option>", switcher[0])
    assert names == ["Қазақша", "Русский", "English"]


def test_english_dates_put_the_day_first() -> None:
    day = dt.date(2027, 1, 5)
    with translation.override("en"):
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "2027-01-05"
        assert formats.date_format(day, "DATE_FORMAT") == "5 January 2027"
        moment = dt.datetime(2027, 1, 5, 14, 30)
        assert formats.date_format(moment, "SHORT_DATETIME_FORMAT") == "2027-01-05 14:30"
