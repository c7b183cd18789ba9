"""Decks saved by LibreOffice (issue 16, item 11), made in the test: a python-pptx deck converted
by the real ``soffice --convert-to pptx`` (private profile), once per session — it is slow."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml

from oqu.sources.pptx import import_pptx
from tests.sources.pptx_decks import VIDEO, libreoffice_source_deck

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (apt-get install -y libreoffice-impress-nogui) not installed",
)


@pytest.fixture(scope="session")
def lo_deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("libreoffice")
    (tmp / "source").mkdir()
    source = libreoffice_source_deck(tmp / "source" / "sanitation.pptx")
    out = tmp / "saved"
    done = subprocess.run(
        [
            str(shutil.which("soffice")),
            f"-env:UserInstallation={(tmp / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pptx:Impress MS PowerPoint 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=tmp,
    )
    saved = out / "sanitation.pptx"
    assert saved.is_file(), done.stderr
    return saved


@pytest.fixture(scope="session")
def lo_import(lo_deck: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("lo-import") / "lesson"
    import_pptx(lo_deck, out, render_slides=False, run_checker=False)
    return out


def test_the_fixture_is_what_libreoffice_writes(lo_deck: Path) -> None:
    """LibreOffice links the video (a:videoFile r:link) to a part inside the package and adds
    the p14:media copy; callouts drawn as freeforms stay custom geometry."""
    with zipfile.ZipFile(lo_deck) as z:
        assert "LibreOffice" in z.read("docProps/app.xml").decode()
        video = z.read("ppt/slides/slide3.xml").decode()
        rels = z.read("ppt/slides/_rels/slide3.xml.rels").decode()
        assert "<a:videoFile r:link=" in video and "<p14:media r:embed=" in video
        assert 'TargetMode="External"' not in rels
        assert z.read("ppt/slides/slide2.xml").decode().count("<a:custGeom>") == 3


def test_video_is_kept(lo_import: Path) -> None:
    md = (lo_import / "01-lesson.md").read_text("utf-8")
    assert ":::video {src=media/slide-03-video.mp4 poster=media/slide-03-video-poster.png}\n" in md
    assert (lo_import / "media/slide-03-video.mp4").read_bytes() == VIDEO.read_bytes()
    assert "TODO" not in md


def test_freeform_callouts_keep_the_map(lo_import: Path) -> None:
    """Labels above the map, their points inside it: markers at the points, not tabs."""
    md = (lo_import / "01-lesson.md").read_text("utf-8")
    report = (lo_import / "import-report.md").read_text("utf-8")
    assert md.startswith(
        "## Карта: цехтың сызбасы\n\n"
        ":::map\n"
        "![Цехтың жоспары](media/slide-02-1.png)\n\n"
        # picture 2 in left, 2 in top, 8 × 4.5 in; points at (3.0 + 2.8 i, 3.0) in
        "{x=12 y=22}\n### Қабылдау\n\n"
        "{x=48 y=22}\n### Пастерлеу\n\n"
        "{x=83 y=22}\n### Қаптау\n"
        ":::\n"
    )
    assert ":::tabs" not in md
    assert "OQ313" not in report  # a callout is not a drawing to render


def test_title_slide_of_a_libreoffice_deck(lo_import: Path) -> None:
    meta = yaml.safe_load((lo_import / "der.yaml").read_text("utf-8"))
    assert meta["authors"][0]["name"] == "Әлиева Айгүл Сериковна"
