"""The check job's smoke run (``OQU_CHECK_SMOKE``): the package played in headless Chromium as
part of the check, and a browser that is missing or breaks is a finding, never a failed job.

The test settings keep it off; each test here turns it on for itself.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from oqu.portal.workflow import jobs
from oqu.portal.workflow.models import JobState, Version
from oqu.smoke import unavailable
from tests.portal.conftest import Org, new_resource
from tests.portal.workflow.test_review_player import tool_zip

pytestmark = pytest.mark.django_db


def _smoke_findings(version: Version) -> list[dict[str, Any]]:
    return [f for f in version.report["en"]["findings"] if f["rule"] == "10.7/smoke"]


@pytest.mark.browser
@pytest.mark.skipif(
    bool(unavailable()) and os.environ.get("CI") != "true", reason=unavailable() or "-"
)
def test_smoke_on_plays_the_package_built_from_a_source(
    org: Org, submit: Any, source_zip: bytes, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.OQU_CHECK_SMOKE = "on"
    steps: list[str] = []
    progress = jobs._progress

    def spy(version: Version, percent: int, message: str, **more: object) -> None:
        steps.append(message)
        progress(version, percent, message, **more)

    monkeypatch.setattr(jobs, "_progress", spy)
    res = new_resource(org)
    assert submit(res, source_zip).status_code == 302
    version = res.versions.get()
    assert version.job_state == JobState.DONE, version.job_message
    smoke = version.report["en"]["smoke"]
    assert smoke["status"] == "ok", smoke["reason"]
    assert smoke["scorm_version"] == "1.2" and smoke["api_found"] and smoke["initialized"]
    assert smoke["screenshots"] and smoke["screenshots"][0]["data"].startswith("data:image/jpeg")
    assert [f["message"].split(" (")[0] for f in _smoke_findings(version)] == ["Smoke run"]
    assert set(version.report) == {"kk", "ru", "en"}
    assert all(data["smoke"] == smoke for data in version.report.values())
    assert "data:image/jpeg;base64," in version.report_html["en"]  # the screenshots
    assert "/tmp/oqu-job-" not in str(version.report["en"]), "the job's temporary folder leaked"
    # the version page shows the step while it runs
    assert "smoke run: playing the built package in a browser" in steps


def test_smoke_auto_without_a_browser_is_a_finding(
    org: Org, submit: Any, settings: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    settings.OQU_CHECK_SMOKE = "auto"
    monkeypatch.setenv("OQU_CHROMIUM", str(tmp_path / "no-chromium"))
    res = new_resource(org, "Cold chain (no browser)")
    assert submit(res, tool_zip()).status_code == 302
    version = res.versions.get()
    assert version.job_state == JobState.DONE, version.job_message
    assert version.report["en"]["smoke"]["status"] == "skipped"
    [found] = _smoke_findings(version)
    assert found["severity"] == "info" and "Chromium was not found" in found["message"]


def test_a_smoke_run_that_breaks_is_a_finding_not_a_failed_job(
    org: Org, submit: Any, source_zip: bytes, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr("oqu.smoke.run_smoke", broken)
    settings.OQU_CHECK_SMOKE = "on"
    for title, package in [("Cold chain (broken)", tool_zip()), ("HACCP (broken)", source_zip)]:
        res = new_resource(org, title)
        assert submit(res, package).status_code == 302
        version = res.versions.get()
        assert version.job_state == JobState.DONE, version.job_message
        assert version.report["en"]["smoke"]["status"] == "failed", title
        [found] = _smoke_findings(version)
        assert "could not be completed" in found["message"] and "OSError" in found["message"]
        assert version.package, title  # the check and the build went on


def test_smoke_off_leaves_it_out(org: Org, submit: Any, settings: Any) -> None:
    settings.OQU_CHECK_SMOKE = "off"
    res = new_resource(org, "Cold chain (off)")
    assert submit(res, tool_zip()).status_code == 302
    version = res.versions.get()
    assert version.report["en"]["smoke"] is None and _smoke_findings(version) == []
