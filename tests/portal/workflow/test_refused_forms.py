"""Issues 15.5 and 15.6: review scores have no default and are refused when empty; a refused
form comes back with everything typed and its errors next to their fields, never a dead-end page
whose Back link reloads an empty form."""

from __future__ import annotations

import html
import re

import pytest

from oqu.portal.workflow.models import Review, State
from tests.portal.conftest import Org, fresh, review_data

pytestmark = pytest.mark.django_db

LONG = "Слайдтардағы мәтін тым ұзын, суреттердің сапасы төмен. " * 6  # ~330 characters


def _to_review(org: Org, resource, submit, package) -> None:
    assert submit(resource, package).status_code == 302
    r = org.client("reviewer").post(
        f"/resources/{resource.pk}/review/start/", {"revision": fresh(resource).revision}
    )
    assert r.status_code == 302, r.content


def _field(page: str, name: str) -> str:
    """The ``<div class="field">`` holding the input named ``name``."""
    for block in re.findall(r'<div class="field[^"]*">.*?</div>', page, re.S):
        if f'name="{name}"' in block:
            return block
    raise AssertionError(f"no field {name}")


def test_scores_start_empty_and_are_required(org: Org, resource, submit, source_zip) -> None:
    _to_review(org, resource, submit, source_zip)
    page = org.client("reviewer").get(f"/resources/{resource.pk}/").content.decode()
    for name in ("content_score", "presentation_score", "economy_score"):
        field = _field(page, name)
        assert '<option value="" selected>' in field, field
        assert "required" in field and '<span aria-hidden="true">*</span>' in field


def test_decision_without_scores_is_refused_next_to_them(
    org: Org, resource, submit, source_zip
) -> None:
    _to_review(org, resource, submit, source_zip)
    data = review_data(fresh(resource).revision)
    for name in ("content_score", "presentation_score", "economy_score"):
        data[name] = ""
    data["content_comment"] = LONG
    r = org.client("reviewer").post(f"/resources/{resource.pk}/review/decide/", data)
    assert r.status_code == 400 and not Review.objects.exists()
    page = r.content.decode()
    assert f'action="/resources/{resource.pk}/review/decide/"' in page  # on the resource page
    assert 'class="field invalid"' in _field(page, "economy_score")
    assert LONG.strip() in html.unescape(page)


def test_return_without_reasons_keeps_what_was_typed(
    org: Org, resource, submit, source_zip
) -> None:
    _to_review(org, resource, submit, source_zip)
    data = review_data(fresh(resource).revision, "return", "  ")
    data["content_comment"] = LONG
    r = org.client("reviewer").post(f"/resources/{resource.pk}/review/decide/", data)
    assert r.status_code == 400
    assert fresh(resource).state == State.IN_REVIEW and not Review.objects.exists()
    page = r.content.decode()
    assert "Not done" not in page  # not the dead-end page
    assert f'action="/resources/{resource.pk}/review/decide/"' in page  # the form itself
    assert LONG.strip() in html.unescape(page)
    reasons = _field(page, "reasons")
    assert "field invalid" in reasons and "the authors need the reasons" in reasons
    content = _field(page, "content_score")
    assert '<option value="5" selected>' in content  # the scores stay chosen
    assert 'value="return" required id="id_decision_1" checked' in page


def test_refused_slide_comment_keeps_the_slide(org: Org, resource, submit, source_zip) -> None:
    _to_review(org, resource, submit, source_zip)
    r = org.client("reviewer").post(
        f"/resources/{resource.pk}/review/comment/", {"slide": "7", "text": ""}
    )
    assert r.status_code == 400
    page = r.content.decode()
    assert f'action="/resources/{resource.pk}/review/comment/"' in page
    assert 'value="7"' in page


def test_stale_edit_keeps_the_typed_record(org: Org, resource) -> None:
    """Someone else saved meanwhile: the form comes back as typed, the reason above it."""
    c = org.client("author")
    data = {"revision": fresh(resource).revision - 1, "title": "Жаңа атау ұзын мәтін",
            "discipline": resource.discipline, "der_type": resource.der_type,
            "language": resource.language, "audience": "", "topics": "A\nB",
            "keywords": "", "plan_item": ""}  # fmt: skip
    r = c.post(f"/resources/{resource.pk}/edit/", data)
    assert r.status_code == 409, r.status_code
    page = r.content.decode()
    assert "Someone else changed this resource" in page
    assert 'value="Жаңа атау ұзын мәтін"' in page
