"""The command starts in a blink: what `oqu --help` and a plain build leave unimported.

Timings are bench/startup_speed.py's business (docs/benchmarks.md); these tests pin the cause —
which heavy libraries a fresh process has imported — so a stray top-level import fails here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import oqu

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("pydantic", "PIL", "lxml", "markdown_it", "latex2mathml", "pygments", "yaml", "rich")


def imported_after(code: str) -> list[str]:
    """The HEAVY top-level packages a fresh interpreter has imported after running ``code``."""
    probe = (
        f"{code}\nimport json, sys\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return list(json.loads(done.stdout.splitlines()[-1]))


def test_help_imports_none_of_the_heavy_libraries() -> None:
    code = (
        "import sys; sys.argv = ['oqu', '--help']\n"
        "from oqu.cli import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass"
    )
    assert imported_after(code) == []


def test_the_package_face_loads_its_names_on_first_use() -> None:
    assert imported_after("import oqu") == []
    assert imported_after("import oqu; oqu.Resource") == []
    assert imported_after("import oqu; oqu.metadata_json_schema()") == ["pydantic"]
    for name in oqu.__all__:
        assert getattr(oqu, name) is not None, name
    assert set(oqu.__all__) <= set(dir(oqu))


def built_imports(example: str, out: Path) -> list[str]:
    return imported_after(
        "from pathlib import Path\nfrom oqu import build\n"
        f"r = build(Path({str(ROOT / 'examples' / example)!r}), Path({str(out)!r}))\n"
        "assert not r.diagnostics.has_errors"
    )


def test_a_build_without_code_or_formulas_skips_pygments_and_latex2mathml(tmp_path: Path) -> None:
    found = built_imports("haccp-kk", tmp_path)  # a PNG, SVGs, no code block, no formula
    assert "pygments" not in found
    assert "latex2mathml" not in found
    assert {"markdown_it", "PIL"} <= set(found)  # the probe sees what a build imports


def test_a_build_of_correct_metadata_imports_no_pydantic(tmp_path: Path) -> None:
    """der.yaml is checked by oqu/model/metadata.py's validator; pydantic (≈ 0.17 s of a cold
    build's CPU) is imported only to list the mistakes of a document that validator refuses."""
    for example in ("haccp-kk", "networks-en", "food-tech-ru"):
        assert "pydantic" not in built_imports(example, tmp_path / example), example


def pinned(package: str) -> str:
    """The version pyproject.toml pins ``package`` to."""
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    return pyproject.split(f'"{package}==', 1)[1].split('"', 1)[0]


def test_the_build_command_imports_no_pydantic(tmp_path: Path) -> None:
    """typer 0.29 converts every parameter with a pydantic TypeAdapter: the command line alone
    imported pydantic. typer is pinned to 0.28, which converts with its own click types."""
    import typer

    if typer.__version__ != pinned("typer"):
        pytest.skip(f"typer {typer.__version__} installed, {pinned('typer')} pinned: make venv")
    code = (
        "import sys\n"
        f"sys.argv = ['oqu', 'build', {str(ROOT / 'examples' / 'haccp-kk')!r}, '--out', "
        f"{str(tmp_path)!r}]\n"
        "from oqu.cli import main\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code, e.code"
    )
    assert "pydantic" not in imported_after(code)


def test_a_lesson_drawn_in_svg_alone_builds_without_pillow(tmp_path: Path) -> None:
    found = built_imports("networks-en", tmp_path)
    assert "PIL" not in found
    assert "lxml" in found  # the SVGs were sanitised


def test_a_build_with_the_moodle_backup_skips_the_web_client_modules(tmp_path: Path) -> None:
    """xml.sax.saxutils (once the Moodle writer's escape) imports urllib.request, http.client and
    email: ~15 ms of every cold `oqu build` for a three-character escape."""
    code = (
        "from pathlib import Path\nfrom oqu import build\n"
        f"r = build(Path({str(ROOT / 'examples' / 'haccp-kk')!r}), Path({str(tmp_path)!r}))\n"
        "assert r.ok and any(p.suffix == '.mbz' for p in r.outputs)\n"
        "import sys\n"
        "print(sorted({'xml.sax', 'urllib.request', 'http.client'} & set(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.splitlines()[-1] == "[]"
