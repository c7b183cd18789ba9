"""Shared by the checker tests: example copies to break, and SCORM zips laid out by hand."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

MANIFEST12 = """<?xml version="1.0" encoding="{encoding}"?>
<manifest identifier="pkg" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
<metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
<organizations default="org"><organization identifier="org"><title>{title}</title>
<item identifier="i1" identifierref="r1"><title>{title}</title></item>
</organization></organizations>
<resources><resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="{launch}">
{files}</resource></resources>
</manifest>
"""


def manifest12(launch: str, files: list[str], title: str = "Сабақ", encoding: str = "UTF-8") -> str:
    listed = "".join(f'<file href="{f}"/>\n' for f in files)
    return MANIFEST12.format(launch=launch, files=listed, title=title, encoding=encoding)


def make_zip(path: Path, entries: dict[str, bytes | str]) -> Path:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data.encode() if isinstance(data, str) else data)
    path.write_bytes(buf.getvalue())
    return path


def ispring_like(path: Path, slides: int = 12) -> Path:
    """The layout iSpring Suite publishes: res/index.html launches a player over data/slideN.*."""
    files = ["res/index.html", "data/player.js", "data/browsersupport.js"]
    entries: dict[str, bytes | str] = {
        "res/index.html": "<!doctype html><html><head><title>HACCP</title>"
        "<script src='../data/player.js'></script></head><body></body></html>",
        "data/player.js": "/* iSpring Suite player */ var a=1;",
        "data/browsersupport.js": "var b=1;",
    }
    for n in range(1, slides + 1):
        entries[f"data/slide{n}.js"] = f"var slide{n}=1;"
        entries[f"data/slide{n}.css"] = ".s{}"
        files += [f"data/slide{n}.js", f"data/slide{n}.css"]
    entries["imsmanifest.xml"] = manifest12("res/index.html", files)
    return make_zip(path, entries)


def storyline_like(path: Path) -> Path:
    files = ["index_lms.html", "story.html", "story_content/user.js", "story_content/frame.js"]
    entries: dict[str, bytes | str] = {
        "index_lms.html": "<html><body>Storyline</body></html>",
        "story.html": "<html></html>",
        "story_content/user.js": "",
        "story_content/frame.js": "",
        "lms/scormdriver.js": "",
    }
    entries["imsmanifest.xml"] = manifest12("index_lms.html", files)
    return make_zip(path, entries)


def bare(path: Path, **kw: str) -> Path:
    entries: dict[str, bytes | str] = {
        "index.html": "<html><body>Hello</body></html>",
        "imsmanifest.xml": manifest12("index.html", ["index.html"], **kw),
    }
    return make_zip(path, entries)


@pytest.fixture
def haccp(tmp_path: Path) -> Path:
    target = tmp_path / "haccp"
    shutil.copytree(EXAMPLES / "haccp-kk", target)
    return target


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), "utf-8")
