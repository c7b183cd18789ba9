"""The sign-in throttles behind the documented gunicorn setup (issue 12, item 6), through a real
gunicorn with the forwarded headers a reverse proxy sets: the real client's address is taken from
``X-Forwarded-For`` only when the request comes from ``OQU_TRUSTED_PROXIES``; an attacker's
failures lock the attacker out, not the dean on another client; one address spraying many
accounts is locked; "forgot password" from one client does not block everyone's."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.portal.conftest import migrated_data

REPO = Path(__file__).resolve().parents[3]
GUNICORN = Path(sys.prefix) / "bin" / "gunicorn"
PASSWORD = "correct-horse-battery"
SETTINGS = "tests.portal.people.gunicorn_settings"  # production's, with a fast password hasher
SEED = f"""
import os
os.environ["DJANGO_SETTINGS_MODULE"] = "{SETTINGS}"
import django
django.setup()
from oqu.portal.people.models import User
for name in ["dean"] + [f"staff{{i}}" for i in range(25)]:
    User.objects.create_user(f"{{name}}@atu.edu.kz", "{PASSWORD}", full_name=name)
"""

# `make test` installs the server extra; in CI a missing gunicorn is a failure, not a skip.
pytestmark = pytest.mark.skipif(
    not GUNICORN.exists() and os.environ.get("CI") != "true", reason="gunicorn is not installed"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(data: Path, trusted: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OQU_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env |= {
        "PYTHONPATH": os.pathsep.join((str(REPO / "src"), str(REPO))),
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "SECRET_KEY": "gunicorn-test-" + "k" * 40, "OQU_DATA_DIR": str(data),
        "ALLOWED_HOSTS": "127.0.0.1", "OQU_TRUSTED_PROXIES": trusted,
        "OQU_TASKS_BACKEND": "immediate", "OQU_LOGIN_ACCOUNT_ADDRESSES": "3",
    }  # fmt: skip
    return env


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, migrated_sqlite: Path) -> Path:
    data = migrated_data(migrated_sqlite, tmp_path_factory.mktemp("var"))  # migrated once
    subprocess.run([sys.executable, "-c", SEED], env=_env(data, ""), check=True, timeout=300)
    return data


def _gunicorn(data: Path, trusted: str) -> Iterator[str]:
    port = _free_port()
    # the command of docs/deployment.md, with 2 workers
    cmd = [
        str(GUNICORN),
        "oqu.portal.wsgi",
        "--workers",
        "2",
        "--bind",
        f"127.0.0.1:{port}",
        "--timeout",
        "300",
        "--forwarded-allow-ips=127.0.0.1",
        "--no-control-socket",
    ]  # fmt: skip (no socket shared with another gunicorn)
    proc = subprocess.Popen(cmd, env=_env(data, trusted), cwd=REPO, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            requests.get(base + "/login/", timeout=5)
            break
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.3)
    try:
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def behind_proxy(seeded: Path) -> Iterator[str]:
    # One server for the module's tests behind the trusted proxy (a start costs seconds). The
    # throttles' state is in the module's database whether the server is shared or not: each
    # test locks addresses and accounts of its own, so none sees another's locks.
    yield from _gunicorn(seeded, "127.0.0.1")


def _login(base: str, client: str, email: str, password: str) -> int:
    s = requests.Session()
    headers = {"X-Forwarded-For": client, "X-Forwarded-Proto": "http"}
    page = s.get(base + "/login/", headers=headers, timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token, page.text[:500]
    r = s.post(
        base + "/login/",
        data={"csrfmiddlewaretoken": token.group(1), "email": email, "password": password},
        headers=headers | {"Referer": base + "/login/"}, allow_redirects=False, timeout=30,
    )  # fmt: skip
    return r.status_code


def test_an_attackers_failures_do_not_lock_the_dean_out(behind_proxy: str) -> None:
    attacker, dean = "203.0.113.5", "198.51.100.7"
    statuses = [_login(behind_proxy, attacker, "dean@atu.edu.kz", "wrong") for _ in range(7)]
    assert statuses[:5] == [401] * 5 and statuses[5:] == [429, 429]
    # the proxy's own address (every request's REMOTE_ADDR) is not what was locked
    assert _login(behind_proxy, dean, "dean@atu.edu.kz", PASSWORD) == 302
    # a client cannot pick its address: the part of the header it wrote itself is not believed
    spoofed = f"{dean}, {attacker}"
    assert _login(behind_proxy, spoofed, "dean@atu.edu.kz", "wrong") == 429


def test_many_addresses_lock_the_account_one_never_does(behind_proxy: str) -> None:
    for _ in range(4):  # one address, up to its own lock: the account stays open
        _login(behind_proxy, "203.0.113.20", "staff1@atu.edu.kz", "wrong")
    assert _login(behind_proxy, "198.51.100.8", "staff1@atu.edu.kz", PASSWORD) == 302
    for i in range(3):  # OQU_LOGIN_ACCOUNT_ADDRESSES=3 different addresses: a distributed guess
        assert _login(behind_proxy, f"203.0.113.{30 + i}", "staff2@atu.edu.kz", "wrong") == 401
    assert _login(behind_proxy, "198.51.100.9", "staff2@atu.edu.kz", PASSWORD) == 429


def test_one_address_spraying_many_accounts_is_locked(behind_proxy: str) -> None:
    sprayer = "203.0.113.66"
    statuses = [
        _login(behind_proxy, sprayer, f"staff{i}@atu.edu.kz", "Summer2026!") for i in range(5, 25)
    ]
    assert statuses == [401] * 20  # OQU_LOGIN_ADDRESS_MAX_FAILURES=20 failures, each account once
    assert _login(behind_proxy, sprayer, "dean@atu.edu.kz", "Summer2026!") == 429
    assert _login(behind_proxy, "198.51.100.10", "staff5@atu.edu.kz", PASSWORD) == 302


def _forgot(base: str, client: str, email: str) -> int:
    s = requests.Session()
    headers = {"X-Forwarded-For": client}
    page = s.get(base + "/login/forgot/", headers=headers, timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token
    r = s.post(
        base + "/login/forgot/", data={"csrfmiddlewaretoken": token.group(1), "email": email},
        headers=headers | {"Referer": base + "/login/forgot/"}, timeout=30,
    )  # fmt: skip
    return r.status_code


def test_forgot_password_requests_of_one_client_do_not_block_everyone(behind_proxy: str) -> None:
    statuses = [_forgot(behind_proxy, "203.0.113.77", f"x{i}@atu.edu.kz") for i in range(11)]
    assert statuses[:10] == [200] * 10 and statuses[10] == 429
    assert _forgot(behind_proxy, "198.51.100.11", "dean@atu.edu.kz") == 200


def test_forwarded_addresses_from_an_untrusted_peer_are_ignored(seeded: Path) -> None:
    for base in _gunicorn(seeded, "10.9.9.9"):  # the proxy is elsewhere: 127.0.0.1 is a client
        statuses = [
            _login(base, f"203.0.113.{100 + i}", "staff24@atu.edu.kz", "wrong") for i in range(6)
        ]
        assert statuses[5] == 429  # a new X-Forwarded-For each time did not reset the count
