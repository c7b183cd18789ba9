"""The demo data: `oqu serve` loads it on first start; every workflow state is there."""

from __future__ import annotations

import pytest
from django.test import Client

from oqu.portal.audit import chain as audit
from oqu.portal.certificates.models import Certificate
from oqu.portal.demo.loader import PEOPLE, load_demo
from oqu.portal.plans.models import PlanState, YearlyPlan
from oqu.portal.workflow.models import JobState, Resource, State, Version
from tests.portal.conftest import EXAMPLES

pytestmark = pytest.mark.django_db


def test_demo_has_every_state_and_working_logins(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # as the real commits would
        load_demo(EXAMPLES)
    assert set(Resource.objects.values_list("state", flat=True)) == {
        State.DRAFT, State.SUBMITTED, State.IN_REVIEW, State.APPROVED, State.PUBLISHED,
    }  # fmt: skip
    assert Resource.objects.get(state=State.SUBMITTED).versions.count() == 2  # returned before
    assert YearlyPlan.objects.get().state == PlanState.APPROVED
    assert all(v.job_state == JobState.DONE for v in Version.objects.all())
    assert audit.verify().ok
    # the demo's certificate (was tests/portal/certificates: one demo load serves both)
    cert = Certificate.objects.get()
    assert cert.resource.state == "published" and cert.is_valid
    assert cert.issued_by.email == "director@demo.atu.edu.kz"
    assert cert.data["topics"] != "—" and cert.data["link"].startswith("https://moodle")
    assert Client().get(f"/verify/{cert.number}/{cert.token}/").status_code == 200
    for p in PEOPLE:
        c = Client()
        r = c.post("/login/", {"email": p.email, "password": p.password})
        assert r.status_code == 302, p.key
        assert c.get("/").status_code == 200
    with pytest.raises(RuntimeError):
        load_demo(EXAMPLES)  # only once, into an empty database
