"""What a crash leaves behind is swept (issue 12, item 8): an upload's temporary file when the
web process is killed while the body streams in (through a real gunicorn, its worker killed with
SIGKILL), and stored files that no row names when a submission dies between saving its files and
its commit. ``oqu portal sweep_files`` (and every job worker at start) removes both, and nothing
still in use."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import requests
from django.conf import settings
from django.core.management import call_command

from oqu.portal.workflow import actions
from oqu.portal.workflow.models import Version
from tests.portal.conftest import Org, migrated_data, new_resource

REPO = Path(__file__).resolve().parents[3]
GUNICORN = Path(sys.prefix) / "bin" / "gunicorn"


def _media_files() -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


@pytest.mark.django_db
def test_files_of_a_submission_that_died_before_its_commit_are_swept(
    org: Org, submit: Any, source_zip: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = new_resource(org, "kept")
    assert submit(kept, source_zip).status_code == 302
    before = _media_files()
    assert any(n.startswith("versions/") for n in before)

    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the process dies here")

    monkeypatch.setattr(actions, "_move", crash)  # after the files are saved, before the commit
    with pytest.raises(RuntimeError):
        submit(new_resource(org, "lost"), source_zip)
    orphans = _media_files() - before
    assert orphans and not Version.objects.filter(resource__title="lost").exists()
    call_command("sweep_files", grace=3600)  # too young: a submission may still be committing
    assert orphans <= _media_files()
    call_command("sweep_files", grace=0)
    after = _media_files()
    assert not orphans & after  # the orphans went
    # every file a row names stayed (files earlier tests on this worker left, whose rows were
    # rolled back, are orphans too and may go)
    version = Version.objects.get(resource=kept)
    named = {f.name for f in (version.upload, version.syllabus, version.minutes_extract) if f}
    assert named and named <= after


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed")
def test_an_upload_cut_by_a_killed_web_process_leaves_nothing_after_the_sweep(
    tmp_path: Path, migrated_sqlite: Path
) -> None:
    data = migrated_data(migrated_sqlite, tmp_path / "var")  # migrated once per session
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OQU_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env |= {"PYTHONPATH": str(REPO / "src"), "DJANGO_SETTINGS_MODULE": "oqu.portal.settings",
            "SECRET_KEY": "k" * 50, "OQU_DATA_DIR": str(data), "ALLOWED_HOSTS": "127.0.0.1"}  # fmt: skip
    manage = [sys.executable, "-m", "oqu.portal.manage"]
    port = _free_port()
    proc = subprocess.Popen(
        [str(GUNICORN), "oqu.portal.wsgi", "--workers", "1", "--bind", f"127.0.0.1:{port}",
         "--timeout", "300", "--no-control-socket"],
        env=env, cwd=REPO, start_new_session=True,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                page = requests.get(base + "/login/", timeout=5)
                break
            except (requests.ConnectionError, requests.Timeout):
                time.sleep(0.3)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert token
        cookie = page.cookies["csrftoken"]
        boundary = "oqu-boundary"
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
            f"{token.group(1)}\r\n--{boundary}\r\nContent-Disposition: form-data; "
            f'name="package"; filename="der.zip"\r\nContent-Type: application/zip\r\n\r\n'
        ).encode()
        total = len(head) + 20 * 1024 * 1024
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(
            (f"POST /login/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: csrftoken={cookie}\r\n"
             f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
             f"Content-Length: {total}\r\n\r\n").encode() + head
        )  # fmt: skip
        for _ in range(8):  # 8 MiB of the 20 announced: the body is still streaming in
            sock.sendall(b"\0" * 1024 * 1024)
        temp = data / "upload-tmp"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not list(temp.glob("*.upload*")):
            time.sleep(0.2)
        partial = list(temp.glob("*.upload*"))
        assert partial, "the upload's temporary file is in the portal's own folder"
        workers = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True)
        for pid in workers.stdout.split():
            os.kill(int(pid), signal.SIGKILL)  # the web process dies mid-upload
        sock.close()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    assert all(p.exists() for p in partial)  # what a crash leaves…
    out = subprocess.run([*manage, "sweep_files", "--grace", "0"], env=env, check=True,
                         capture_output=True, text=True, timeout=300)  # fmt: skip
    assert "1 temporary file(s)" in out.stdout
    assert not any(p.exists() for p in partial)  # …is swept


@pytest.mark.django_db
def test_files_kept_from_a_refused_submission_are_swept_once_their_token_expired(
    org: Org, submit: Any, source_zip: bytes
) -> None:
    """The package and syllabus of a submission whose minutes extract was refused are kept under
    ``pending/`` for a day (their token's lifetime); the author never came back: the sweep
    removes them after that day, not before, and leaves every other pending file alone."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from oqu.portal.core.sweep import KEPT_MAX_AGE

    resource = new_resource(org, "refused")
    bad = SimpleUploadedFile("minutes.exe", b"MZ\x90\x00\x03binary", "text/plain")
    before = {n for n in _media_files() if n.startswith("pending/")}
    assert submit(resource, source_zip, minutes_extract=bad).status_code == 400
    kept = {n for n in _media_files() if n.startswith("pending/")} - before
    assert len(kept) == 2  # the package and the syllabus
    call_command("sweep_files", grace=0)  # a crash sweep: the author may still come back
    assert kept <= _media_files()
    root = Path(settings.MEDIA_ROOT)
    old = time.time() - KEPT_MAX_AGE - 60
    stale, fresh = sorted(kept)
    os.utime(root / stale, (old, old))  # kept a day and a minute ago: its token has expired
    call_command("sweep_files", grace=0)
    after = _media_files()
    assert stale not in after and fresh in after
    call_command("sweep_files", grace=3600)  # grace shorter than a day changes nothing
    assert fresh in _media_files()
