"""``oqu serve`` as a visitor meets it (issue 12, item 7): DEBUG off, keys of its own in the data
folder, a warning off loopback, and a job worker that comes back when it dies (item 4).

The server runs as a real process (``python -m oqu.cli serve``) on a free port, on an empty data
folder; a version with a package is put into its database by a second process, as an author's
submission would leave it.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core import signing

from tests.portal.conftest import migrated_data

SRC = Path(__file__).resolve().parents[3] / "src"
OLD_DEV_KEY = "dev-only-insecure-key-never-use-in-production"

SEED = r"""
import io, os, sys, zipfile
os.environ["DJANGO_SETTINGS_MODULE"] = "oqu.portal.settings"
import django
django.setup()
from django.core import signing
from django.core.files.base import ContentFile
from oqu.portal.people.models import Department, Faculty, User
from oqu.portal.workflow.models import JobState, Resource, Version
f = Faculty.objects.create(name="F")
d = Department.objects.create(faculty=f, name="D")
u = User.objects.create_user(email="a@example.org", password="x" * 20)
r = Resource.objects.create(department=d, title="T", discipline="D", der_type="interactive-presentation",
                            language="kk", created_by=u)
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as zf:
    zf.writestr("index.html", "<p>secret draft</p>")
    zf.writestr("imsmanifest.xml", "<manifest/>")
v = Version(resource=r, number=1, kind="scorm", upload_name="p.zip", upload_size=1,
            upload_sha256="0" * 64, submitted_by=u, job_state=JobState.DONE, launch="index.html")
v.upload.save("p.zip", ContentFile(buf.getvalue()), save=False)
v.package.name = v.upload.name
v.syllabus.save("s.txt", ContentFile(b"s"), save=False)
v.minutes_extract.save("m.txt", ContentFile(b"m"), save=False)
v.save()
from oqu.portal.workflow.player import play_url
print(v.pk)
print(play_url(v))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OQU_", "DJANGO_"))}
    env.pop("SECRET_KEY", None)
    env.pop("DATABASE_URL", None)
    env |= {"PYTHONPATH": str(SRC), "OQU_DATA_DIR": str(data), "OQU_CHECK_SMOKE": "off"}
    return env


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


class Served:
    def __init__(self, proc: subprocess.Popen[str], base: str, data: Path) -> None:
        self.proc, self.base, self.data = proc, base, data
        self.log: list[str] = []


def _serve(data: Path, *extra: str, host: str = "127.0.0.1") -> Served:
    port = _free_port()
    cmd = [sys.executable, "-m", "oqu.cli", "serve", "--no-demo", "--host", host,
           "--port", str(port), *extra]  # fmt: skip
    proc = subprocess.Popen(
        cmd, env=_env(data), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )  # fmt: skip
    served = Served(proc, f"http://127.0.0.1:{port}", data)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"oqu serve ended: {proc.stdout.read() if proc.stdout else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return served
        except OSError:
            time.sleep(0.3)
    raise AssertionError("oqu serve did not start listening")


def _stop(served: Served) -> str:
    os.killpg(served.proc.pid, signal.SIGTERM)
    try:
        out, _ = served.proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(served.proc.pid, signal.SIGKILL)
        out, _ = served.proc.communicate()
    return out


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One server with its job worker, on an empty data folder (it migrates from nothing), for
    the tests that only read it or kill its worker: a start costs seconds of CPU."""
    s = _serve(tmp_path_factory.mktemp("served") / "var")
    yield s
    _stop(s)


def test_demo_server_runs_without_debug_and_with_its_own_key(served: Served) -> None:
    key_file = served.data / "secret_key"
    assert key_file.is_file() and (key_file.stat().st_mode & 0o077) == 0
    key = key_file.read_text().strip()
    assert len(key) >= 50 and key != OLD_DEV_KEY
    # the 404 page is the portal's, not Django's debug page with every URL pattern
    status, body = _get(served.base + "/no-such-page/")
    assert status == 404
    assert "play/&lt;str:token&gt;" not in body and "URLconf" not in body
    assert "Not found" in body or "табылмады" in body.lower() or "Табылмады" in body
    # DEBUG off, the demo still serves its look (there is no separate web server for it)
    assert _get(served.base + "/static/portal/portal.css")[0] == 200
    # a version still in review; its real play link works, a link forged with the key that used
    # to be printed in the source does not
    seed = subprocess.run(
        [sys.executable, "-c", SEED], env=_env(served.data) | {"SECRET_KEY": key},
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    pk, real = seed.stdout.split()
    status, body = _get(served.base + real)
    assert status == 200 and "secret draft" in body
    token = signing.dumps(
        {"v": int(pk), "s": "1.2"}, key=OLD_DEV_KEY, salt="oqu.portal.play", compress=True
    )  # what anyone could sign with the key once printed in the source
    for name in ("index.html", "imsmanifest.xml"):
        status, body = _get(f"{served.base}/play/{token}/{name}")
        assert status == 404, name
        assert "secret draft" not in body


def test_key_is_made_once_and_kept_and_listening_beyond_loopback_warns(
    tmp_path: Path, migrated_sqlite: Path
) -> None:
    # a data folder with a migrated database but no keys yet (the served fixture shows a start on
    # an empty folder): the first start makes the keys, the second keeps them
    data = migrated_data(migrated_sqlite, tmp_path / "var")
    first = _serve(data, "--no-worker", host="0.0.0.0")
    out = _stop(first)
    assert "demo server" in out and "never use it in production" in out
    key = (data / "secret_key").read_text()
    audit_key = (data / "audit_key").read_text()
    quiet = _serve(data, "--no-worker")
    assert "demo server" not in _stop(quiet)
    assert (data / "secret_key").read_text() == key
    assert (data / "audit_key").read_text() == audit_key


def _worker_pids(served: Served) -> set[int]:
    out = subprocess.run(
        ["pgrep", "-f", "-s", str(served.proc.pid), "db_worker"], capture_output=True, text=True
    ).stdout
    return {int(p) for p in out.split()}


def test_a_worker_that_dies_is_started_again(served: Served) -> None:
    deadline = time.monotonic() + 20
    while not (pids := _worker_pids(served)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(pids) == 1
    (old,) = pids
    os.kill(old, signal.SIGKILL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        now = _worker_pids(served)
        if now and old not in now:
            break
        time.sleep(0.3)
    assert now and old not in now, "no new worker after the old one was killed"
