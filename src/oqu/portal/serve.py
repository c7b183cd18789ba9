"""``oqu serve``: the portal on one machine — migrate, load the demo on first start, run the web
server and a background-job worker (``db_worker``) beside it. Production runs these as separate
processes (docs/deployment.md); this is the embedded default of ``make run``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oqu.portal.settings")
    import django

    django.setup()


def serve(host: str, port: int, *, demo: bool, worker: bool, examples: Path) -> int:
    # A local portal is a development server: DEBUG on (static files, a dev secret key) unless
    # the environment says otherwise.
    os.environ.setdefault("OQU_DEBUG", "1")
    # Links in letters (sign-in links, notifications) lead to this server, whatever its port.
    os.environ.setdefault("OQU_BASE_URL", f"http://{host}:{port}")
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
    proc = None
    if worker:
        cmd = [sys.executable, "-m", "oqu.portal.manage", "db_worker", "--interval", "1"]
        cmd.append("--no-reload")  # like runserver below: code changes need a restart
        proc = subprocess.Popen(cmd)
    try:
        print(f"the portal: http://{host}:{port}/  (Ctrl+C stops it)")
        call_command("runserver", f"{host}:{port}", use_reloader=False)
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    return 0


def manage(argv: list[str]) -> None:
    from oqu.portal.manage import main

    main(["oqu portal", *argv])
