"""Placement-certificate speed (form 01): prints figures, asserts nothing (docs/benchmarks.md).

    .venv/bin/python bench/certificate_speed.py [--runs N]

Renders the certificate of the variable table's sample values — the same HTML template, QR code
and fonts as a real issue — after one warm-up render (fonts and templates loaded), ``--runs``
times (default 10), and prints the median and range of: the PDF (WeasyPrint), the DOCX
(docxtpl), and both together (what issuing adds to its transaction). Target: PDF ≤ 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable


def _time(fn: Callable[[], bytes], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oqu.portal.settings_test")
    import django  # noqa: TID251 (this bench times the portal's certificate renderer)

    django.setup()
    from oqu.portal.certificates import render, variables

    vals = variables.sample_values()
    t = time.perf_counter()
    render.pdf(vals)
    render.docx(vals)
    first = time.perf_counter() - t
    pdf = _time(lambda: render.pdf(vals), args.runs)
    docx = _time(lambda: render.docx(vals), args.runs)
    both = _time(lambda: render.pdf(vals) + render.docx(vals), args.runs)
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    print(f"first render (cold: fonts, templates), PDF + DOCX: {first * 1000:.0f} ms")
    for name, xs in (("PDF", pdf), ("DOCX", docx), ("PDF + DOCX", both)):
        print(
            f"{name}: median {statistics.median(xs) * 1000:.0f} ms "
            f"(min {min(xs) * 1000:.0f}, max {max(xs) * 1000:.0f}; {len(xs)} runs)"
        )
    print(f"target PDF <= 500 ms: {'met' if statistics.median(pdf) <= 0.5 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
