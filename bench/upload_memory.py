"""Memory held by the portal while it accepts a 100 MB submission (issue 6: ≤ 64 MB).

Starts the portal in a subprocess on 127.0.0.1 with a temporary data directory (SQLite, local
files, the database job queue with no worker — the check job stays queued, so only the web
process's work is measured): Django's server as ``oqu serve --no-worker`` runs it
(``runserver --noreload``, one process) or, with ``--gunicorn``, the production command of
docs/deployment.md with one sync worker. A signed-in author POSTs a zip of 100 MB (a
``der.yaml``, a Markdown page and 100 MB of random bytes, stored uncompressed) with a syllabus
and a minutes extract to ``/resources/<id>/submit/``, streamed from disk by the client.

Measured on the server process (the gunicorn worker): resident memory before the request and
its peak during it, sampled every 5 ms with psutil, and the kernel's high-water mark
(``VmHWM``) — the figure is the peak minus the resident size before. A warm-up submission of a
small zip runs first, so imports and first-use caches are not counted.

    .venv/bin/python bench/upload_memory.py [--mb 100] [--gunicorn]
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import zipfile
from pathlib import Path

import psutil  # type: ignore[import-untyped]

PY = sys.executable
LIMIT_MB = 64

SETUP = """
from django.contrib.sessions.backends.db import SessionStore
from oqu.portal.people.models import Department, Faculty, Role, RoleAssignment, User
from oqu.portal.workflow import actions
f = Faculty.objects.create(name="F")
d = Department.objects.create(faculty=f, name="D")
u = User.objects.create_user("bench@example.org", "bench-password-123", full_name="Bench")
RoleAssignment.objects.create(user=u, role=Role.AUTHOR, department=d)
spec = actions.ResourceSpec(title="Bench", discipline="D", der_type="interactive-presentation",
                            language="kk", audience="")
ids = [actions.do_create_resource(u, d, spec).pk for _ in range(2)]
s = SessionStore()
s["_auth_user_id"] = str(u.pk)
s["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
s["_auth_user_hash"] = u.get_session_auth_hash()
s.create()
print(s.session_key, *ids)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_zip(path: Path, size: int) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("der.yaml", "title: Bench\nlanguage: kk\n")
        zf.writestr("index.md", "# Bench\n\nText.\n")
        with zf.open("media/random.bin", "w", force_zip64=True) as out:
            left = size
            while left > 0:
                n = min(left, 1024 * 1024)
                out.write(os.urandom(n))
                left -= n


def post_multipart(port: int, path: str, session: str, package: Path) -> tuple[int, str]:
    """POST the form with the package streamed from disk (Content-Length, no chunking)."""
    csrf = secrets.token_hex(16)  # 32 characters: a valid unmasked CSRF secret
    boundary = uuid.uuid4().hex
    docs = [
        ("syllabus", "syllabus.txt", b"1. Bench topic\n"),
        ("minutes_extract", "minutes.txt", b"Minutes No 1"),
    ]
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
        f'{csrf}\r\n--{boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\n\r\n'
    ).encode()
    for name, filename, data in docs:
        head += (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: text/plain\r\n\r\n'
            ).encode()
            + data
            + b"\r\n"
        )
    head += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="package"; '
        f'filename="{package.name}"\r\nContent-Type: application/zip\r\n\r\n'
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    length = len(head) + package.stat().st_size + len(tail)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    conn.putrequest("POST", path)
    conn.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
    conn.putheader("Content-Length", str(length))
    conn.putheader("Cookie", f"sessionid={session}; csrftoken={csrf}")
    conn.endheaders()
    conn.send(head)
    with package.open("rb") as fh:
        while chunk := fh.read(1024 * 1024):
            conn.send(chunk)
    conn.send(tail)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    if response.status != 302:  # say why: the form's errors, or Django's error page title
        text = body.decode("utf-8", "replace")
        why = re.findall(r'class="(?:error|errors)"[^>]*>(.*?)</|<title>(.*?)</title>', text, re.S)
        print(f"HTTP {response.status}:", why[:5], file=sys.stderr)
    return response.status, response.getheader("Location", "")


def hwm(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def wait_up(port: int, proc: subprocess.Popen[bytes]) -> None:
    for _ in range(600):
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit("the server did not start")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=int, default=100, help="size of the package (MB)")
    ap.add_argument("--gunicorn", action="store_true", help="gunicorn, one sync worker")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="oqu-upload-bench-") as tmp_name:
        tmp = Path(tmp_name)
        env = {**os.environ, "OQU_DATA_DIR": str(tmp / "data"), "OQU_DEBUG": "1",
               "OQU_TASKS_BACKEND": "database", "DJANGO_SETTINGS_MODULE": "oqu.portal.settings",
               "TMPDIR": str(tmp)}  # fmt: skip
        env.pop("DATABASE_URL", None)
        env.pop("OQU_S3_BUCKET", None)
        manage = [PY, "-m", "oqu.portal.manage"]
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
        out = subprocess.run([*manage, "shell", "-c", SETUP], env=env, check=True,
                             capture_output=True, text=True).stdout.split()  # fmt: skip
        session, warm_id, big_id = out[-3], out[-2], out[-1]
        big, small = tmp / "package-100mb.zip", tmp / "small.zip"
        make_zip(big, args.mb * 1024 * 1024)
        make_zip(small, 64 * 1024)
        port = free_port()
        if args.gunicorn:
            cmd = [str(Path(PY).parent / "gunicorn"), "oqu.portal.wsgi", "-w", "1",
                   "-b", f"127.0.0.1:{port}", "--timeout", "300"]  # fmt: skip
        else:
            cmd = [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"]
        server = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)  # fmt: skip
        try:
            wait_up(port, server)
            proc = psutil.Process(server.pid)
            if args.gunicorn:
                time.sleep(1)
                proc = proc.children()[0]  # the worker
            status, _ = post_multipart(port, f"/resources/{warm_id}/submit/", session, small)
            assert status == 302, f"warm-up submission: HTTP {status}"
            time.sleep(0.5)
            before = proc.memory_info().rss
            hwm_before = hwm(proc.pid)
            peak = [before]
            done = threading.Event()

            def sample() -> None:
                while not done.is_set():
                    peak[0] = max(peak[0], proc.memory_info().rss)
                    time.sleep(0.005)

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            t0 = time.perf_counter()
            status, location = post_multipart(port, f"/resources/{big_id}/submit/", session, big)
            elapsed = time.perf_counter() - t0
            done.set()
            sampler.join()
            hwm_after = hwm(proc.pid)
        finally:
            server.terminate()
            server.wait(30)
        check = subprocess.run(
            [*manage, "shell", "-c",
             "from oqu.portal.workflow.models import Version; "
             f"v = Version.objects.get(resource_id={big_id});"
             " print(v.upload_size, v.upload.size)"],
            env=env, check=True, capture_output=True, text=True,
        ).stdout.split()[-2:]  # fmt: skip
    mib = 1024 * 1024
    held = (max(peak[0], hwm_after) - before) / mib
    name = "gunicorn (1 sync worker)" if args.gunicorn else "runserver --noreload"
    print(f"server: {name}")
    print(f"package: {args.mb} MiB zip; answer HTTP {status} -> {location} in {elapsed:.1f} s")
    print(f"stored upload: {int(check[0]) / mib:.1f} MiB (recorded), {int(check[1]) / mib:.1f} MiB"
          " (in storage)")  # fmt: skip
    print(
        f"RSS before: {before / mib:.1f} MiB; peak RSS during: {peak[0] / mib:.1f} MiB; "
        f"VmHWM before/after: {hwm_before / mib:.1f}/{hwm_after / mib:.1f} MiB"
    )
    print(
        f"held at peak: {held:.1f} MiB (target <= {LIMIT_MB} MiB): "
        f"{'OK' if held <= LIMIT_MB and status == 302 else 'OVER'}"
    )
    return 0 if held <= LIMIT_MB and status == 302 else 1


if __name__ == "__main__":
    raise SystemExit(main())
