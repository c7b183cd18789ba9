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


def probe(code: str, *more: str) -> tuple[list[list[str]], str]:
    """Run ``code``, then each of ``more``, in one fresh interpreter: the HEAVY top-level packages
    it has imported after each step, and its whole stdout."""
    script = "import json as _json, sys as _sys\n" + "".join(
        f"{step}\nprint('HEAVY', _json.dumps(sorted("
        f"{{m.split('.')[0] for m in _sys.modules}} & set({HEAVY!r}))))\n"
        for step in (code, *more)
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    seen = [x.split(" ", 1)[1] for x in done.stdout.splitlines() if x.startswith("HEAVY ")]
    assert len(seen) == 1 + len(more), done.stdout
    return [list(json.loads(one)) for one in seen], done.stdout


def test_the_package_face_and_help_import_none_of_the_heavy_libraries_until_used() -> None:
    """One fresh process, three moments: ``import oqu``; then ``oqu --help`` (the command's module
    imports the package first anyway); then the first use of a name of the package face."""
    help_ = (
        "_sys.argv = ['oqu', '--help']\n"
        "from oqu.cli import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass"
    )
    (after_import, after_help, after_use, after_schema), shown = probe(
        "import oqu", help_, "oqu.Resource", "oqu.metadata_json_schema()"
    )
    assert after_import == []
    assert after_help == []
    assert "Usage: oqu" in shown  # the help was printed
    assert after_use == []
    assert after_schema == ["pydantic"]  # the schema editors use is pydantic's
    for name in oqu.__all__:
        assert getattr(oqu, name) is not None, name
    assert set(oqu.__all__) <= set(dir(oqu))


def built(example: str, out: Path, then: str = "") -> tuple[list[str], str]:
    """A fresh process builds ``example`` (then runs ``then``): what it imported, its stdout."""
    [found], shown = probe(
        "from pathlib import Path\nfrom oqu import build\n"
        f"r = build(Path({str(ROOT / 'examples' / example)!r}), Path({str(out)!r}))\n"
        f"assert r.ok and not r.diagnostics.has_errors\n{then}"
    )
    return found, shown


WEB_CLIENT = {"xml.sax", "urllib.request", "http.client"}


@pytest.fixture(scope="module")
def haccp_built(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], str]:
    """One cold build of HACCP (its four outputs, the Moodle backup among them) for two tests."""
    return built(
        "haccp-kk",
        tmp_path_factory.mktemp("haccp"),
        then=(
            "assert any(p.suffix == '.mbz' for p in r.outputs)\n"
            f"print('WEB', sorted({WEB_CLIENT!r} & set(_sys.modules)))"
        ),
    )


def test_a_build_without_code_or_formulas_skips_pygments_and_latex2mathml(
    haccp_built: tuple[list[str], str],
) -> None:
    found, _ = haccp_built  # a PNG, SVGs, no code block, no formula
    assert "pygments" not in found
    assert "latex2mathml" not in found
    assert {"markdown_it", "PIL"} <= set(found)  # the probe sees what a build imports


def test_a_build_of_correct_metadata_imports_no_pydantic(
    haccp_built: tuple[list[str], str], tmp_path: Path
) -> None:
    """der.yaml is checked by oqu/model/metadata.py's validator; pydantic (≈ 0.17 s of a cold
    build's CPU) is imported only to list the mistakes of a document that validator refuses."""
    assert "pydantic" not in haccp_built[0]
    for example in ("networks-en", "food-tech-ru"):
        assert "pydantic" not in built(example, tmp_path / example)[0], example


def test_the_build_command_imports_no_pydantic(tmp_path: Path) -> None:
    """typer 0.29 converts every parameter with a pydantic TypeAdapter: the command line alone
    imported pydantic. typer is pinned to 0.28, which converts with its own click types
    (`make venv` installs the pinned version when pyproject.toml changes)."""
    code = (
        f"_sys.argv = ['oqu', 'build', {str(ROOT / 'examples' / 'haccp-kk')!r}, '--out', "
        f"{str(tmp_path)!r}]\n"
        "from oqu.cli import main\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code, e.code"
    )
    [found], _ = probe(code)
    assert "pydantic" not in found


def test_a_lesson_drawn_in_svg_alone_builds_without_pillow(tmp_path: Path) -> None:
    found, _ = built("networks-en", tmp_path)
    assert "PIL" not in found
    assert "lxml" in found  # the SVGs were sanitised


def test_a_build_with_the_moodle_backup_skips_the_web_client_modules(
    haccp_built: tuple[list[str], str],
) -> None:
    """xml.sax.saxutils (once the Moodle writer's escape) imports urllib.request, http.client and
    email: ~15 ms of every cold `oqu build` for a three-character escape."""
    _, shown = haccp_built
    assert "WEB []" in shown.splitlines(), shown
