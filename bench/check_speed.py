"""How fast `oqu check` is on packages made elsewhere (issue 5's performance targets).

    .venv/bin/python bench/check_speed.py [--smoke N]

1. static check of one 50 MB package (target ≤ 2 s);
2. 100 typical packages, in one process and with 2 worker processes (target ≤ 60 s);
3. the smoke run on N packages (target ≤ 5 s each) and on a launch page that loops forever;
peak RSS of this process and of its children (the smoke workers and Chromium).
Packages are generated into a temporary folder: an iSpring-like layout (res/index.html,
data/slideN.js/.css) with photos (noise JPEGs, which compress like photos) and, for the big
one, a video.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import resource
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.rules.conftest import manifest12  # noqa: E402

from oqu.check import check  # noqa: E402


def _photo(seed: int, width: int, height: int) -> bytes:
    from PIL import Image

    rnd = os.urandom(width * height * 3 // 16)  # noise, enlarged: a photo-like JPEG
    img = Image.frombytes("RGB", (width // 4, height // 4), rnd[: (width // 4) * (height // 4) * 3])
    img = img.resize((width, height), Image.Resampling.BICUBIC)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()


def make_package(path: Path, slides: int, photos: int, photo_size: tuple[int, int],
                 video: int = 0) -> Path:  # fmt: skip
    entries: dict[str, bytes] = {
        "res/index.html": b"<!doctype html><html><head><title>iSpring</title>"
        b"<script src='../data/player.js'></script></head><body></body></html>",
        "data/player.js": b"/* iSpring Suite player */" + b"var a=1;" * 20000,
    }
    for n in range(1, slides + 1):
        entries[f"data/slide{n}.js"] = f"var slide{n}={{t:'text {n}'}};".encode() * 50
        entries[f"data/slide{n}.css"] = (
            f".s{n}{{font-family:'Open Sans',sans-serif;font-size:{18 + n % 3 * 4}px}}".encode()
        )
    for i in range(photos):
        entries[f"data/img{i}.jpg"] = _photo(i, *photo_size)
    if video:
        entries["data/video.mp4"] = os.urandom(video)
    entries["imsmanifest.xml"] = manifest12("res/index.html", sorted(entries)).encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in entries.items():
            kind = zipfile.ZIP_STORED if name.endswith((".jpg", ".mp4")) else zipfile.ZIP_DEFLATED
            z.writestr(name, data, compress_type=kind)
    return path


def _one(path: str) -> str:
    return check(Path(path)).verdict


def _rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--smoke", type=int, default=5, help="packages for the smoke run (0: skip)")
    args = ap.parse_args()
    py = platform.python_version()
    load = os.getloadavg()[0]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {py}, load {load:.1f}")
    with tempfile.TemporaryDirectory(prefix="oqu-bench-") as tmp:
        d = Path(tmp)
        big = make_package(d / "big.zip", 40, 25, (1600, 1000), video=34_000_000)
        size = big.stat().st_size / 1e6
        check(big)  # warm: schemas compiled once per process
        times = []
        for _ in range(3):
            t = time.perf_counter()
            check(big)
            times.append(time.perf_counter() - t)
        print(f"static, one {size:.0f} MB package: best {min(times):.2f} s, "
              f"worst {max(times):.2f} s (target ≤ 2 s)")  # fmt: skip

        typical = [make_package(d / f"p{i}.zip", 12 + i % 10, 6, (1024, 640)) for i in range(100)]
        avg = sum(p.stat().st_size for p in typical) / len(typical) / 1e6
        t = time.perf_counter()
        for p in typical:
            check(p)
        one = time.perf_counter() - t
        t = time.perf_counter()
        with ProcessPoolExecutor(2) as pool:
            list(pool.map(_one, map(str, typical), chunksize=10))
        two = time.perf_counter() - t
        print(f"static, 100 typical packages ({avg:.1f} MB each): one process {one:.1f} s, "
              f"2 workers {two:.1f} s (target ≤ 60 s)")  # fmt: skip
        print(f"peak RSS after static runs: this process {_rss_mb(resource.RUSAGE_SELF):.0f} MB, "
              f"children {_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB")  # fmt: skip

        if args.smoke:
            from oqu.smoke import run_smoke, unavailable

            if unavailable():
                print(f"smoke: skipped — {unavailable()}")
                return
            from tests.rules.test_smoke import GOOD12, LOOP, _pkg

            runs = []
            for i in range(args.smoke):
                pkg = _pkg(d / f"s{i}.zip", GOOD12)
                r = run_smoke(pkg, "1.2", "index.html")
                runs.append(r.seconds)
                assert r.status == "ok", r.reason
            ispring = run_smoke(typical[0], "1.2", "res/index.html")
            loop = run_smoke(_pkg(d / "loop.zip", LOOP), "1.2", "index.html")
            print(f"smoke, {len(runs)} packages: min {min(runs):.1f} s, max {max(runs):.1f} s, "
                  f"mean {sum(runs) / len(runs):.1f} s (target ≤ 5 s); iSpring-like "
                  f"{ispring.seconds:.1f} s; endless loop stopped after {loop.seconds:.1f} s "
                  f"({loop.status}; cap 15 s)")  # fmt: skip
            print(
                "peak RSS of the largest reaped child (smoke workers, pool workers; "
                f"Chromium's processes are not counted): {_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB"
            )


if __name__ == "__main__":
    main()
