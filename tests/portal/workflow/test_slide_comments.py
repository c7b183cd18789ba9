"""Issue 15.2: a reviewer's slide comments belong to the version they were made on and stay
visible on it; the next version's review page shows the earlier remarks beside it."""

from __future__ import annotations

import pytest

from tests.portal.conftest import Org, fresh, review_data

pytestmark = pytest.mark.django_db


def test_comments_survive_a_resubmission(org: Org, resource, submit, source_zip) -> None:
    assert submit(resource, source_zip).status_code == 302
    rev = org.client("reviewer")
    rev.post(f"/resources/{resource.pk}/review/start/", {"revision": fresh(resource).revision})
    r = rev.post(
        f"/resources/{resource.pk}/review/comment/",
        {"slide": 3, "text": "Үшінші слайдтағы кесте оқылмайды"},
    )
    assert r.status_code == 302
    r = rev.post(
        f"/resources/{resource.pk}/review/decide/",
        review_data(fresh(resource).revision, "return", "Кестені түзетіңіз"),
    )
    assert r.status_code == 302
    assert submit(resource, source_zip).status_code == 302
    rev.post(f"/resources/{resource.pk}/review/start/", {"revision": fresh(resource).revision})
    page = rev.get(f"/resources/{resource.pk}/").content.decode()  # the review of v2
    assert "Remarks on earlier versions" in page
    assert "Үшінші слайдтағы кесте оқылмайды" in page
    assert f'href="/resources/{resource.pk}/v/1/">v1</a>, slide 3' in page
    v1 = rev.get(f"/resources/{resource.pk}/v/1/").content.decode()
    assert "On version 1" in v1 and "Үшінші слайдтағы кесте оқылмайды" in v1
    v2 = rev.get(f"/resources/{resource.pk}/v/2/").content.decode()
    assert "On version 2" not in v2  # none made on v2
    author = org.client("author").get(f"/resources/{resource.pk}/").content.decode()
    assert "Үшінші слайдтағы кесте оқылмайды" in author
