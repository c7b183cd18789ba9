"""``oqu serve``: the portal on one machine — migrate, load the demo on first start, run the web
server and a background-job worker (``db_worker``) beside it, restarted should it die. Production
runs these as separate processes (docs/deployment.md); this is the embedded default of
``make run``.

The demo runs with DEBUG off (no URL list on a 404, no tracebacks) and with keys of its own,
generated once into the data folder (``var/secret_key``, ``var/audit_key``; readable by the
owner only) unless the environment sets ``SECRET_KEY``/``OQU_AUDIT_KEY``: a key printed in the
source would let anyone forge a play link. DEBUG only with ``--debug`` or ``OQU_DEBUG=1``.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
import signal
import subprocess
import sys
import threading
from pathlib import Path

WORKER_RESTART_SECONDS = 2.0


def data_dir() -> Path:
    return Path(os.environ.get("OQU_DATA_DIR", "var")).resolve()


def key_file(name: str) -> str:
    """The key kept in ``<data folder>/<name>``, made (random, 0600) on first use."""
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(secrets.token_urlsafe(48) + "\n")
    return path.read_text(encoding="ascii").strip()


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def demo_environment(host: str, port: int, *, debug: bool) -> None:
    """The environment of the demo server: keys from the data folder, DEBUG only when asked."""
    if debug:
        os.environ["OQU_DEBUG"] = "1"
    if not os.environ.get("SECRET_KEY"):
        os.environ["SECRET_KEY"] = key_file("secret_key")
    if not os.environ.get("OQU_AUDIT_KEY"):
        os.environ["OQU_AUDIT_KEY"] = key_file("audit_key")
    # Links in letters (sign-in links, notifications) lead to this server, whatever its port.
    os.environ.setdefault("OQU_BASE_URL", f"http://{host}:{port}")
    if not is_loopback(host):
        print(
            f"WARNING: listening on {host}, reachable from other machines. This is the demo "
            "server (Django's runserver, one worker, demo logins with published passwords): "
            "never use it in production; see docs/deployment.md. Add this machine's name to "
            "ALLOWED_HOSTS to reach it by name.",
            file=sys.stderr,
        )


def _worker_command() -> list[str]:
    return [
        sys.executable, "-m", "oqu.portal.manage", "db_worker", "--interval", "1", "--no-reload"
    ]  # fmt: skip


class WorkerKeeper:
    """Runs the job worker and starts a new one whenever it dies (a crash, ``kill -9``, the
    out-of-memory killer), until :meth:`stop`."""

    def __init__(self, command: list[str]) -> None:
        self.command = command
        self.proc: subprocess.Popen[bytes] | None = None
        self.restarts = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="oqu-worker-keeper", daemon=True)

    def start(self) -> None:
        self.proc = subprocess.Popen(self.command)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(WORKER_RESTART_SECONDS):
            proc = self.proc
            if proc is not None and proc.poll() is not None and not self._stop.is_set():
                print(
                    f"the job worker (pid {proc.pid}) stopped with {proc.returncode}; "
                    "starting a new one",
                    file=sys.stderr,
                )
                self.restarts += 1
                self.proc = subprocess.Popen(self.command)

    def stop(self) -> None:
        self._stop.set()
        proc = self.proc
        if proc is None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oqu.portal.settings")
    import django

    django.setup()


def serve(
    host: str, port: int, *, demo: bool, worker: bool, examples: Path, debug: bool = False
) -> int:
    demo_environment(host, port, debug=debug)
    _setup()
    from django.conf import settings
    from django.core.management import call_command

    from oqu.portal.people.models import Faculty

    call_command("migrate", interactive=False, verbosity=0)
    print(f"database: {settings.DATABASES['default']['NAME']}")
    if demo and not Faculty.objects.exists():
        if (examples / "haccp-kk").is_dir():
            from oqu.portal.demo.loader import PEOPLE, load_demo

            print("loading the demo data (checks and builds the examples; ~1 minute)…")
            load_demo(examples)
            print("demo logins (e-mail / password):")
            for p in PEOPLE:
                print(f"  {p.key:<10} {p.email} / {p.password}")
        else:
            print(f"no demo data: {examples}/ has no examples", file=sys.stderr)
    # SIGTERM (a service manager, `kill`) ends the server through `finally`, stopping the worker.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    keeper = None
    if worker:  # like runserver below, no reloading: code changes need a restart
        keeper = WorkerKeeper(_worker_command())
        keeper.start()
    try:
        print(f"the portal: http://{host}:{port}/  (Ctrl+C stops it)")
        # DEBUG off: runserver serves the static files only when told to (the demo has no
        # separate web server for them).
        call_command("runserver", f"{host}:{port}", use_reloader=False, insecure_serving=True)
    finally:
        if keeper is not None:
            keeper.stop()
    return 0


def manage(argv: list[str]) -> None:
    from oqu.portal.manage import main

    main(["oqu portal", *argv])
