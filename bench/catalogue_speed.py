"""Catalogue benchmarks: prints figures, asserts nothing (see docs/benchmarks.md).

    .venv/bin/python bench/catalogue_speed.py [--rows 100000] [--db sqlite,postgres]
        [--pg postgres://postgres@127.0.0.1:5432/test] [--workers 4|2,3,4] [--seconds 10]

For each database, in a throwaway store that is removed at the end (a SQLite file under /tmp;
on PostgreSQL a database ``oqu_bench_catalogue_<pid>`` created beside ``--pg`` and dropped):

1. migrate, then generate ``--rows`` published resources with 1–3 authors each (bulk_create,
   the folded search column computed as ``Resource.save`` would);
2. catalogue search: a mix of queries (words in Kazakh/Russian/English, rare and common,
   every filter, combinations, a deep page) run as the view runs them — the count, one page,
   its authors and departments — p50/p95/max over all runs; then the whole page (middleware,
   view, template) the same way, rendered (a visitor with a session) and from the visitors'
   page cache;
3. the production setup: gunicorn (``oqu[server]``) with ``--workers`` processes, DEBUG off,
   serving the catalogue; ``wrk`` on 127.0.0.1 for ``--seconds`` against the first page, a
   search, and random pages 1–500 (mostly rendered, not cached): requests/s, latency, and the
   server's CPU time per request.

Child processes do the Django work (settings are per process); this parent only orchestrates.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable

# --- the child: generate and measure ----------------------------------------------------------

WORDS_KK = [
    "қауіп",
    "талдау",
    "тағам",
    "қауіпсіздік",
    "сүт",
    "нан",
    "технология",
    "өнім",
    "сапа",
    "бақылау",
    "зертхана",
    "жүйе",
    "энергия",
    "ақпарат",
    "желі",
    "есеп",
]
WORDS_RU = [
    "хлеб",
    "выпечка",
    "ёжик",
    "тесто",
    "молоко",
    "контроль",
    "качество",
    "сети",
    "протокол",
    "лекция",
    "практикум",
    "химия",
    "физика",
    "экономика",
    "право",
    "учёт",
]
WORDS_EN = [
    "model",
    "network",
    "safety",
    "quality",
    "energy",
    "design",
    "data",
    "systems",
    "analysis",
    "control",
    "process",
    "food",
    "laboratory",
    "theory",
    "practice",
]
NAMES = ["Әлиева", "Петров", "Жақсылықов", "Сейтқали", "Омаров", "Ким", "Нұрланұлы", "Ахметова",
         "Тұрсынов", "Ёлкин", "Смирнова", "Қасымов", "Иванов", "Серікқызы", "Бекова"]  # fmt: skip
TYPES = ["e-textbook", "e-study-guide", "e-lecture-course", "reference-materials",
         "interactive-presentation", "digital-practicum"]  # fmt: skip


def _django(db_url: str, data_dir: str) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="oqu.portal.settings", DATABASE_URL=db_url, OQU_DATA_DIR=data_dir,
        SECRET_KEY="bench-only-" + "k" * 40, OQU_DEBUG="0", ALLOWED_HOSTS="testserver",
    )  # fmt: skip
    import django

    django.setup()


def child_populate(rows: int) -> dict[str, Any]:
    import datetime as dt

    from django.core.management import call_command
    from django.db import connection

    from oqu.portal.people.models import Department, Faculty, User, fold
    from oqu.portal.workflow.models import Resource

    t0 = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    rnd = random.Random(42)
    faculties = Faculty.objects.bulk_create(Faculty(name=f"Факультет {i}") for i in range(8))
    deps = Department.objects.bulk_create(
        Department(faculty=faculties[i % 8], name=f"Кафедра {i}") for i in range(40)
    )
    users = User.objects.bulk_create(
        User(email=f"a{i}@bench.kz", full_name=f"{rnd.choice(NAMES)} {i}", password="!")
        for i in range(2000)
    )
    disciplines = [
        " ".join(rnd.sample(WORDS_KK + WORDS_RU + WORDS_EN, 2)).capitalize() for _ in range(600)
    ]
    start = dt.date(2019, 1, 1)
    through = Resource.authors.through
    batch, links = 5000, []
    for lo in range(0, rows, batch):
        objs, authors_of = [], []
        for _ in range(lo, min(rows, lo + batch)):
            words = rnd.choice([WORDS_KK, WORDS_RU, WORDS_EN])
            title = " ".join(rnd.sample(words, 4)).capitalize()
            authors = rnd.sample(users, rnd.randint(1, 3))
            r = Resource(
                department=rnd.choice(deps), title=title, discipline=rnd.choice(disciplines),
                der_type=rnd.choice(TYPES), language=rnd.choice(["kk", "ru", "en"]),
                audience=f"{rnd.randint(1, 4)}-курс", keywords=", ".join(rnd.sample(words, 2)),
                topics="\n".join(rnd.sample(words, 3)), state="published",
                published_on=start + dt.timedelta(days=rnd.randrange(8 * 365)),
                created_by=authors[0],
            )  # fmt: skip
            r.search_text = r.compute_search_text([a.full_name for a in authors])
            objs.append(r)
            authors_of.append(authors)
        created = Resource.objects.bulk_create(objs)
        links = [
            through(resource_id=r.pk, user_id=a.pk)
            for r, authors in zip(created, authors_of, strict=True)
            for a in authors
        ]
        through.objects.bulk_create(links)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    assert fold("ЁЖИК") == "ежик"
    return {"rows": Resource.objects.count(), "populate_s": round(time.perf_counter() - t0, 1)}


def _queries(dep_id: int, fac_id: int, author_id: int, discipline: str) -> list[dict[str, Any]]:
    return [
        {},
        {"q": "ҚАУІП"},
        {"q": "хлеб"},
        {"q": "ЁЖИК"},
        {"q": "network model"},
        {"q": "зертхана сапа"},
        {"q": "петров"},
        {"q": "nothing-matches-this"},
        {"language": "ru"},
        {"der_type": "e-textbook"},
        {"year": 2024},
        {"faculty": fac_id},
        {"department": dep_id},
        {"author": author_id},
        {"discipline": discipline},
        {"audience": "2-курс"},
        {"q": "сүт", "language": "kk", "year": 2023},
        {"q": "quality", "faculty": fac_id},
        {"language": "en", "der_type": "digital-practicum", "year": 2021},
        {"page": 200},
    ]


def _stats(samples: list[float]) -> dict[str, float]:
    samples = sorted(samples)
    p95 = samples[max(0, int(len(samples) * 0.95) - 1)]
    return {"p50_ms": round(statistics.median(samples) * 1000, 1),
            "p95_ms": round(p95 * 1000, 1), "max_ms": round(samples[-1] * 1000, 1),
            "n": len(samples)}  # fmt: skip


def child_search(repeats: int) -> dict[str, Any]:
    from django.conf import settings
    from django.test import Client

    from oqu.portal.catalogue import views as catalogue
    from oqu.portal.people.models import Department, Faculty, User
    from oqu.portal.workflow.models import Resource

    dep = Department.objects.order_by("id").first()
    fac = Faculty.objects.order_by("id").first()
    author = User.objects.filter(resources__isnull=False).order_by("id").first()
    discipline = Resource.objects.order_by("id").values_list("discipline", flat=True).first()
    assert dep and fac and author and discipline
    mix = _queries(dep.pk, fac.pk, author.pk, discipline)
    found: dict[str, int] = {}
    search: list[float] = []
    per_query: dict[str, list[float]] = {}
    for _ in range(repeats):
        for params in mix:
            t0 = time.perf_counter()
            query = catalogue.Query.from_params({k: str(v) for k, v in params.items()})
            page = catalogue.results(query, params.get("page"))  # as the view gets it
            for r in page.object_list:
                _ = [a.full_name for a in r.authors.all()], r.department.faculty.name
            dt_ = time.perf_counter() - t0
            search.append(dt_)
            key = json.dumps(params, ensure_ascii=False)
            per_query.setdefault(key, []).append(dt_)
            found[key] = page.paginator.count  # capped at COUNT_CAP + 1 for a search
    client = Client()  # the whole page: middleware, view, template
    client.get("/catalogue/")  # warm the option lists' cache, as a running process has it
    rendering = Client()  # a visitor with a session: never served from the page cache
    rendering.cookies[settings.SESSION_COOKIE_NAME] = "none"
    pages: list[float] = []  # rendered
    cached: list[float] = []  # from the visitors' page cache (the first request fills it)
    for _ in range(repeats):
        for params in mix:
            for who, samples in ((rendering, pages), (client, cached)):
                t0 = time.perf_counter()
                response = who.get("/catalogue/", {k: str(v) for k, v in params.items()})
                samples.append(time.perf_counter() - t0)
                assert response.status_code == 200
    rare = catalogue.search(catalogue.Query(q="nothing-matches-this"))
    plan = rare.explain()
    uses = [i for i in ("resource_search_trgm", "resource_catalogue") if i in plan]
    register = {}
    for fmt in ("csv", "xlsx"):  # the whole fund's register: written, then the stored copy
        for run in ("written", "stored"):
            t0 = time.perf_counter()
            response = client.get(f"/catalogue/register.{fmt}")
            size = len(b"".join(response.streaming_content))
            register[f"{fmt} {run}"] = {
                "s": round(time.perf_counter() - t0, 2),
                "MB": round(size / 1e6, 1),
            }
    slowest = sorted(per_query.items(), key=lambda kv: -statistics.median(kv[1]))[:3]
    return {
        "search": _stats(search),
        "page": _stats(pages),
        "page_cached": _stats(cached),
        "register": register,
        "rare_word_plan_uses": uses or ["a full scan"],
        "slowest": [(k, round(statistics.median(v) * 1000, 1), found[k]) for k, v in slowest],
        "matches": found,
    }


def child(argv: list[str]) -> None:
    mode, db_url, data_dir, n = argv
    _django(db_url, data_dir)
    out = child_populate(int(n)) if mode == "populate" else child_search(int(n))
    print(json.dumps(out, ensure_ascii=False))


# --- the parent: stores, gunicorn, wrk --------------------------------------------------------


def run_child(mode: str, db_url: str, data_dir: str, n: int) -> dict[str, Any]:
    cmd = [PY, __file__, "--child", mode, db_url, data_dir, str(n)]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        raise SystemExit(f"{mode} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


LOAD = [  # what wrk requests: the first page, a Russian word with a language filter (both served
    # from the visitors' page cache after the first request), and pages 1–500 at random (each
    # worker caches 300 pages, so most of these are rendered: the cost without the cache)
    ("first page", "/catalogue/"),
    ("search 'хлеб' + language", "/catalogue/?q=%D1%85%D0%BB%D0%B5%D0%B1&language=ru"),
    ("random page 1-500", "/catalogue/"),
]
RANDOM_PAGES = """
local n = 0
function setup(thread) n = n + 1; thread:set("id", n) end
function init(args) math.randomseed(id * 7919) end
function request() return wrk.format(nil, "/catalogue/?page=" .. math.random(1, 500)) end
"""


TICK = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of these processes (from /proc), to turn req/s into CPU per request —
    a figure the shared machine's other load does not change."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICK


def _server_pids(master: int, db_url: str) -> list[int]:
    """gunicorn's workers, and on PostgreSQL the backends serving the bench database."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    pids = [master, *map(int, children)]
    if db_url.startswith("postgres"):
        dbname = db_url.rsplit("/", 1)[1]
        for d in Path("/proc").iterdir():
            if d.name.isdigit():
                try:
                    cmdline = (d / "cmdline").read_bytes().decode(errors="replace")
                except OSError:
                    continue
                if cmdline.startswith("postgres:") and f" {dbname} " in cmdline:
                    pids.append(int(d.name))
    return pids


def serve_and_load(db_url: str, data_dir: str, workers: int, seconds: int) -> dict[str, Any]:
    gunicorn = Path(PY).with_name("gunicorn")
    if not gunicorn.exists() or not shutil.which("wrk"):
        return {"skipped": "needs gunicorn (pip install -e '.[server]') and wrk (apt-get)"}
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "oqu.portal.settings",
           "DATABASE_URL": db_url, "OQU_DATA_DIR": data_dir, "OQU_DEBUG": "0",
           "SECRET_KEY": "bench-only-" + "k" * 40, "ALLOWED_HOSTS": "127.0.0.1"}  # fmt: skip
    cmd = [str(gunicorn), "oqu.portal.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}",
           "--access-logfile", "/dev/null", "--log-level", "warning"]  # fmt: skip
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    results: dict[str, Any] = {"workers": workers}
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(base + "/catalogue/", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        for _ in range(workers * 4):  # let every worker fill its facet cache
            urllib.request.urlopen(base + "/catalogue/", timeout=30).read()
        for name, path in LOAD:
            pids = _server_pids(proc.pid, db_url)
            cpu0 = _cpu_seconds(pids)
            script = []
            if name.startswith("random"):
                lua = Path(data_dir) / "random_pages.lua"
                lua.write_text(RANDOM_PAGES)
                script = ["-s", str(lua)]
            out = subprocess.run(
                ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", *script, base + path],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
            p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M)
            p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
            errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
            count = re.search(r"(\d+) requests in", out)
            cpu = _cpu_seconds(pids) - cpu0
            n = int(count.group(1)) if count else 0
            results[name] = {"req_s": rps, "p50": p50.group(1) if p50 else "?",
                             "p99": p99.group(1) if p99 else "?",
                             "non_2xx": int(errors.group(1)) if errors else 0,
                             "server_cpu_ms_per_req": round(cpu * 1000 / n, 2) if n else None,
                             "load": round(os.getloadavg()[0], 1)}  # fmt: skip
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # gunicorn and the workers it started
        proc.wait(timeout=30)
    return results


def bench_db(kind: str, args: argparse.Namespace) -> dict[str, Any]:
    tmp = tempfile.mkdtemp(prefix=f"oqu-bench-catalogue-{kind}-")
    dbname = f"oqu_bench_catalogue_{os.getpid()}"
    admin = None
    try:
        if kind == "sqlite":
            db_url = f"sqlite:///{tmp}/bench.sqlite3"
        else:
            import psycopg

            admin = psycopg.connect(args.pg, autocommit=True)
            admin.execute(f'CREATE DATABASE "{dbname}"')
            db_url = args.pg.rsplit("/", 1)[0] + "/" + dbname
        result: dict[str, Any] = {"db": kind}
        result.update(run_child("populate", db_url, tmp, args.rows))
        print(f"  {kind}: {result['rows']} rows in {result['populate_s']} s", flush=True)
        result.update(run_child("search", db_url, tmp, args.repeats))
        print(
            f"  {kind}: search {result['search']}, page {result['page']}, "
            f"page from the cache {result['page_cached']}",
            flush=True,
        )
        print(f"  {kind}: register {result['register']}", flush=True)
        print(f"  {kind}: a rare word's plan uses {result['rare_word_plan_uses']}", flush=True)
        result["http"] = []
        for workers in (int(w) for w in str(args.workers).split(",")):
            result["http"].append(serve_and_load(db_url, tmp, workers, args.seconds))
            print(f"  {kind}: http {result['http'][-1]}", flush=True)
        return result
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if admin is not None:
            admin.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
            admin.close()


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2:])
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--db", default="sqlite,postgres")
    ap.add_argument("--pg", default=os.environ.get(
        "DATABASE_URL_POSTGRES", "postgres://postgres@127.0.0.1:5432/test"))  # fmt: skip
    ap.add_argument("--repeats", type=int, default=10, help="runs of the query mix")
    ap.add_argument("--workers", default="4", help="gunicorn workers; a list runs each: 2,3,4")
    ap.add_argument("--seconds", type=int, default=10)
    args = ap.parse_args()
    load = os.getloadavg()
    print(f"machine: {platform.machine()} {os.cpu_count()} CPU, {platform.platform()}, "
          f"Python {platform.python_version()}, load {load[0]:.1f}")  # fmt: skip
    results = [bench_db(kind, args) for kind in args.db.split(",")]
    print(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
