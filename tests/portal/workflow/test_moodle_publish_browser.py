"""The director's publication page in Chromium (issue 18, item 3), at a desktop and a 360 px
phone size: the Moodle backups download, the package address is there to copy, the delivery
is chosen and recorded, and axe-core finds no serious or critical violation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from oqu.portal.workflow.models import Publication, Resource, State
from tests.portal.conftest import Org, fresh, review_data
from tests.portal.conftest_e2e import Browse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": (1280, 800), "phone": (360, 640)}


@pytest.mark.parametrize("size", list(SIZES))
def test_the_director_downloads_a_backup_copies_the_address_and_publishes(
    org: Org, resource: Resource, submit: Any, source_zip: bytes, live_server: Any,
    browser: Any, settings: Any, size: str,
) -> None:  # fmt: skip
    settings.OQU_BASE_URL = live_server.url
    assert submit(resource, source_zip).status_code == 302
    rev = org.client("reviewer")
    rev.post(f"/resources/{resource.pk}/review/start/", {"revision": fresh(resource).revision})
    rev.post(f"/resources/{resource.pk}/review/decide/", review_data(fresh(resource).revision))
    assert fresh(resource).state == State.APPROVED
    version = fresh(resource).latest_version
    assert version is not None
    width, height = SIZES[size]
    b = Browse(
        browser, live_server.url, width=width, height=height, bypass_csp=True
    )  # axe is injected
    try:
        b.login(org.users["director"].email)
        b.go(f"/resources/{resource.pk}/")
        page = b.page
        for name, field in (
            ("Moodle backup (.mbz), the package inside", version.moodle_backup),
            ("Moodle backup (.mbz), downloads from the package address, auto-update",
             version.moodle_backup_url),
        ):  # fmt: skip
            link = page.get_by_role("link", name=name)
            assert link.is_visible()
            with page.expect_download() as info:
                link.click()
            with field.open("rb") as fh:
                assert Path(info.value.path()).read_bytes() == fh.read()
        address = page.get_by_label("Package address (SCORM 1.2)")
        expected = f"{live_server.url}/catalogue/{resource.pk}/package/scorm12.zip"
        assert address.input_value() == expected
        assert address.get_attribute("readonly") is not None
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"the page is {overflow}px wider than the screen"
        violations = b.axe()
        assert violations == [], violations
        b.shot(f"moodle-publish-{size}")
        # record the activity's link, the package taken from the address
        page.get_by_label("Link").fill("https://moodle.atu.edu.kz/mod/scorm/view.php?id=7")
        page.get_by_label("Moodle downloads it from the package address (auto-update)").check()
        b.post(page.get_by_role("button", name="Publish"))
        assert "Moodle will take this version at the next launch" in page.content()
        assert "Moodle serves version 1, the current placement" in page.content()
        assert Publication.objects.get(resource=resource).moodle_delivery == "address"
        b.check()
    finally:
        b.close()
