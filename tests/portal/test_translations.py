"""Kazakh and Russian wherever a person reads the portal: every string the portal marks for
translation (templates and Python, the certificates app included) has a Kazakh and a Russian
translation, none is fuzzy, and the committed ``.mo`` files are the ``.po`` files compiled.

The strings are extracted afresh by Django's ``makemessages`` (GNU gettext's ``xgettext``, which
``make test`` installs from Debian) from a copy of the portal, so a string added to a template
without a translation fails here, not in front of a dean.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

import oqu.portal

PORTAL = Path(oqu.portal.__file__).parent
LANGS = ("kk", "ru")


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: install Debian's gettext (make test does)")
    return path


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The portal's catalogues as makemessages leaves them after a fresh extraction."""
    _tool("xgettext")
    copy = tmp_path_factory.mktemp("i18n") / "portal"
    shutil.copytree(PORTAL, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "oqu.portal.settings", "OQU_DEBUG": "1"}
    args = ["makemessages", *(f"-l{lang}" for lang in LANGS), "--no-obsolete",
            "--ignore=settings_test.py", "--ignore=demo.py"]  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "django", *args], cwd=copy, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return copy / "locale"


@pytest.mark.parametrize("lang", LANGS)
def test_every_string_is_translated(extracted: Path, lang: str) -> None:
    po = polib.pofile(str(extracted / lang / "LC_MESSAGES" / "django.po"))
    assert [e.msgid for e in po.untranslated_entries()] == [], f"{lang}: not translated"
    assert [e.msgid for e in po.fuzzy_entries()] == [], f"{lang}: fuzzy (check and unmark)"


@pytest.mark.parametrize("lang", LANGS)
def test_committed_catalogues_are_current(extracted: Path, lang: str, tmp_path: Path) -> None:
    """The committed .po holds exactly the strings the code has, and its .mo is it compiled."""
    committed = PORTAL / "locale" / lang / "LC_MESSAGES"
    fresh = extracted / lang / "LC_MESSAGES" / "django.po"

    def msgids(path: Path) -> set[tuple[str, str]]:
        return {(e.msgctxt or "", e.msgid) for e in polib.pofile(str(path)) if not e.obsolete}

    assert msgids(committed / "django.po") == msgids(fresh), (
        "run makemessages (docs/portal.md, Languages) and commit"
    )
    mo = tmp_path / "django.mo"
    subprocess.run([_tool("msgfmt"), "-o", str(mo), str(committed / "django.po")], check=True)
    assert mo.read_bytes() == (committed / "django.mo").read_bytes(), "run compilemessages"
