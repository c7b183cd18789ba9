"""Issue 15.1: date inputs carry ISO values (``<input type="date">`` rejects ``06.12.2026``) and
number inputs plain digits, in Kazakh, Russian and English: every date and number field of the
portal's forms, and the director's placement date on the resource page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django import forms
from django.utils import timezone, translation

from oqu.portal.catalogue.views import CatalogueForm
from oqu.portal.people.models import User
from oqu.portal.plans.forms import ApprovePlanForm, PlanItemForm
from oqu.portal.workflow.forms import PublishForm, SlideCommentForm
from tests.portal.conftest import Org, fresh, review_data

LANGS = ["kk", "ru", "en"]
DAY = dt.date(2026, 12, 6)


def _value(html: str, name: str) -> str:
    m = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert m, html
    v = re.search(r'value="([^"]*)"', m[0])
    assert v, m[0]
    return v[1]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.django_db
def test_every_date_and_number_field_renders_machine_values(lang: str) -> None:
    cases: list[tuple[forms.Form, str, str]] = [
        (PublishForm(initial={"published_on": DAY, "revision": 3}), "published_on", "2026-12-06"),
        (PlanItemForm(initial={"deadline": DAY}, authors=User.objects.none()), "deadline",
         "2026-12-06"),
        (ApprovePlanForm(initial={"minutes_date": DAY}), "minutes_date", "2026-12-06"),
        (SlideCommentForm(initial={"slide": 1234}), "slide", "1234"),
        (CatalogueForm(initial={"year": 2026}), "year", "2026"),
    ]  # fmt: skip
    with translation.override(lang):
        for form, name, expected in cases:
            assert _value(str(form[name]), name) == expected, (lang, name)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.django_db
def test_date_fields_read_iso_in_every_language(lang: str) -> None:
    with translation.override(lang):
        form = ApprovePlanForm({"minutes_number": "3", "minutes_date": "2026-12-06"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["minutes_date"] == DAY


def _approved(org: Org, resource, submit, source_zip) -> None:
    assert submit(resource, source_zip).status_code == 302
    rev = org.client("reviewer")
    rev.post(f"/resources/{resource.pk}/review/start/", {"revision": fresh(resource).revision})
    r = rev.post(f"/resources/{resource.pk}/review/decide/", review_data(fresh(resource).revision))
    assert r.status_code == 302, r.content


@pytest.mark.django_db
def test_the_directors_placement_date_is_iso_in_every_language(
    org: Org, resource, submit, source_zip
) -> None:
    _approved(org, resource, submit, source_zip)
    c = org.client("director")
    for lang in LANGS:
        c.post("/i18n/setlang/", {"language": lang, "next": "/"})
        page = c.get(f"/resources/{resource.pk}/").content.decode()
        assert 'type="date"' in page
        assert _value(page, "published_on") == timezone.localdate().isoformat(), lang
