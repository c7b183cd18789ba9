"""Fixtures every test folder shares.

``browser``: one headless Debian Chromium (``/usr/bin/chromium``) for the whole session, for the
player's, the quiz's and the portal's browser tests alike — two sync Playwrights cannot run in
one thread, so there must be exactly one. Skipped when Chromium is missing, except in CI
(``CI=true``), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
LOOPBACK = ("127.0.0.1", "localhost", "::1")  # what the proxy below lets through
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Nothing leaves the machine: every request but loopback's goes to a proxy where nothing
    # listens, and fails (net::ERR_PROXY_CONNECTION_FAILED), IP addresses and WebSockets too. The
    # tests record such requests from the page's events to fail on them; intercepting every
    # request through Playwright instead (``route``) cost a round trip to Python per request.
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=" + ";".join(f"[{h}]" if ":" in h else h for h in LOOPBACK),
]


def leaves_the_machine(url: str) -> bool:
    """Whether a page's request is for somewhere but this machine: what the tests fail on (and
    what Chromium, launched with CHROMIUM_ARGS, sends to the dead proxy)."""
    if url.startswith(("data:", "about:", "blob:", "file:")):
        return False
    return urllib.parse.urlsplit(url).hostname not in LOOPBACK


@pytest.fixture(scope="session", autouse=True)
def _fast_metadata_agrees_with_pydantic() -> Iterator[None]:
    """Every der.yaml any test loads is also validated by pydantic: what the fast validator
    (oqu/model/metadata.py) accepts, pydantic must accept with equal values, or the test that
    loaded it fails (tests/test_metadata_fast.py tries the documents authors get wrong)."""
    from pydantic import ValidationError

    from oqu.model import metadata, metadata_schema
    from oqu.sources import metadata as sources_metadata

    def checked(parse: Any, model: Any) -> Any:
        def both(data: Any) -> Any:
            fast = parse(data)
            if fast is not None:
                try:
                    slow = metadata.from_model(model.model_validate(data))
                except ValidationError as e:
                    raise AssertionError(f"fast validator accepted, pydantic: {e}") from None
                assert fast == slow, "fast validator and pydantic disagree"
            return fast

        return both

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(
            sources_metadata,
            "parse_metadata",
            checked(metadata.parse_metadata, metadata_schema.Metadata),
        )
        mp.setattr(
            sources_metadata,
            "parse_module_ref",
            checked(metadata.parse_module_ref, metadata_schema.ModuleRef),
        )
        yield


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: apt-get install -y chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


# The slowest test files, slowest first (worker-seconds from `pytest --durations`, see
# docs/benchmarks.md, "The test suite"). They are moved to the front of the run: pytest-xdist's
# worksteal gives each worker a contiguous share and the idle one steals from the end of the
# other's, so long tests started first run beside the short ones instead of being the last
# thing a worker does while the other waits. Files keep their own order (module fixtures).
SLOW_FIRST = (
    "tests/portal/test_migrations.py",  # builds main of before the split, migrates it forward
    "tests/portal/people/test_gunicorn_throttle.py",  # real gunicorn
    "tests/browser/test_learner.py",  # every view of every example opened, axe on them
    "tests/browser/test_stage.py",  # every slide of every example at four sizes, axe on each
    "tests/portal/workflow/test_sweep.py",  # kills a real web process mid-upload
    "tests/portal/test_e2e.py",  # the whole portal walk
    "tests/browser/test_moodle.py",  # the 200-slide course
    "tests/portal/workflow/test_worker_lease.py",  # kills job workers
    "tests/rules/test_smoke.py",  # a sandboxed Chromium per run
    "tests/sources/test_pptx_render.py",  # LibreOffice
    "tests/portal/demo/test_serve.py",  # `oqu serve` processes
    "tests/browser/test_quiz.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: i for i, name in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(rank)))
