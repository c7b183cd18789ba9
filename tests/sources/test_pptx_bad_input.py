"""Files `oqu import pptx` must refuse: clear message, exit code, bounded time, nothing written."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from oqu.diagnostics import SourceUnreadable
from oqu.sources.pptx import DeckRefused, OutputNotEmpty, import_pptx
from oqu.sources.pptx.guard import CFB_MAGIC
from tests.cli import oqu
from tests.sources.pptx_decks import messy_deck


def refused(deck: Path, tmp_path: Path, **kw: object) -> str:
    """The code the deck is refused with; asserts nothing was written beside it."""
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(DeckRefused) as e:
        import_pptx(deck, tmp_path / "out", run_checker=False, **kw)  # type: ignore[arg-type]
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    return e.value.diagnostic.code


def cfb(streams: list[str]) -> bytes:
    """An OLE compound file's header and a directory sector naming ``streams``."""
    header = CFB_MAGIC + b"\x00" * (512 - len(CFB_MAGIC))
    entries = b"".join(
        name.encode("utf-16-le").ljust(64, b"\x00") + b"\x00" * 64 for name in streams
    )
    return header + entries.ljust(512, b"\x00")


def test_text_file(tmp_path: Path) -> None:
    deck = tmp_path / "notes.pptx"
    deck.write_text("HACCP notes\n", "utf-8")
    assert refused(deck, tmp_path) == "OQ300"


def test_pdf_named_pptx(tmp_path: Path) -> None:
    deck = tmp_path / "lecture.pptx"
    deck.write_bytes(b"%PDF-1.7\n" + b"0" * 100)
    with pytest.raises(DeckRefused) as e:
        import_pptx(deck, tmp_path / "out", run_checker=False)
    assert e.value.diagnostic.message("en").endswith("a PDF document")


def test_zip_that_is_not_office(tmp_path: Path) -> None:
    deck = tmp_path / "photos.pptx"
    with zipfile.ZipFile(deck, "w") as z:
        z.writestr("a.txt", "hello")
    assert refused(deck, tmp_path) == "OQ300"


def test_word_document_renamed(tmp_path: Path) -> None:
    deck = tmp_path / "syllabus.pptx"
    with zipfile.ZipFile(deck, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        z.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(DeckRefused) as e:
        import_pptx(deck, tmp_path / "out", run_checker=False)
    assert e.value.diagnostic.code == "OQ300"
    assert "Word or Excel" in e.value.diagnostic.message("en")


def test_password_protected(tmp_path: Path) -> None:
    deck = tmp_path / "locked.pptx"
    deck.write_bytes(cfb(["Root Entry", "EncryptionInfo", "EncryptedPackage"]))
    assert refused(deck, tmp_path) == "OQ301"


def test_old_ppt(tmp_path: Path) -> None:
    deck = tmp_path / "lecture.ppt"
    deck.write_bytes(cfb(["Root Entry", "PowerPoint Document", "Current User"]))
    assert refused(deck, tmp_path) == "OQ302"


def test_other_ole_file(tmp_path: Path) -> None:
    deck = tmp_path / "old.pptx"
    deck.write_bytes(cfb(["Root Entry", "WordDocument"]))
    assert refused(deck, tmp_path) == "OQ300"


def test_truncated_download(tmp_path: Path) -> None:
    good = messy_deck(tmp_path / "good.pptx").read_bytes()
    deck = tmp_path / "half.pptx"
    deck.write_bytes(good[: len(good) // 2])
    (tmp_path / "good.pptx").unlink()
    assert refused(deck, tmp_path) == "OQ303"


def test_broken_slide_xml(tmp_path: Path) -> None:
    src = messy_deck(tmp_path / "src.pptx")
    deck = tmp_path / "broken.pptx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(deck, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "ppt/slides/slide2.xml":
                data = data[: len(data) // 2]
            zout.writestr(info, data)
    src.unlink()
    assert refused(deck, tmp_path) == "OQ303"


def test_zip_bomb_is_judged_before_inflating(tmp_path: Path) -> None:
    deck = tmp_path / "bomb.pptx"
    with zipfile.ZipFile(deck, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("ppt/media/image1.png", "w") as f:
            block = b"\x00" * (1 << 20)
            for _ in range(64):  # 64 MB of zeros: ~64 KB compressed
                f.write(block)
    assert deck.stat().st_size < 1_000_000
    start = time.perf_counter()
    assert refused(deck, tmp_path) == "OQ305"
    assert time.perf_counter() - start < 1.0


def test_500_mb_deck_is_refused_from_its_size(tmp_path: Path) -> None:
    deck = tmp_path / "huge.pptx"
    with deck.open("wb") as f:  # sparse: no disk used, never read
        f.write(b"PK\x03\x04")
        f.truncate(500 * 1024 * 1024)
    start = time.perf_counter()
    with pytest.raises(DeckRefused) as e:
        import_pptx(deck, tmp_path / "out", run_checker=False)
    assert time.perf_counter() - start < 0.5
    assert e.value.diagnostic.code == "OQ304"
    assert e.value.diagnostic.message("en") == (
        "The presentation is too large: 500 MB (limit 200 MB)"
    )
    assert not (tmp_path / "out").exists()


def test_size_limit_is_a_parameter(tmp_path: Path) -> None:
    deck = messy_deck(tmp_path / "m.pptx")
    assert refused(deck, tmp_path, max_bytes=10_000) == "OQ304"


def test_missing_file_and_non_empty_output(tmp_path: Path) -> None:
    with pytest.raises(SourceUnreadable):
        import_pptx(tmp_path / "nope.pptx", tmp_path / "out")
    deck = messy_deck(tmp_path / "m.pptx")
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.md").write_text("mine", "utf-8")
    with pytest.raises(OutputNotEmpty) as e:
        import_pptx(deck, out)
    assert e.value.diagnostic.code == "OQ306"
    assert [p.name for p in out.iterdir()] == ["keep.md"]


def test_cli_exit_codes_and_messages_in_three_languages(tmp_path: Path) -> None:
    ppt = tmp_path / "lecture.ppt"
    ppt.write_bytes(cfb(["Root Entry", "PowerPoint Document"]))
    done = oqu("import", "pptx", str(ppt), "--out", str(tmp_path / "out"))
    assert done.returncode == 1
    assert "OQ302 error" in done.stderr
    assert done.stderr.count("soffice --headless --convert-to pptx deck.ppt") == 3
    assert "ескі PowerPoint .ppt" in done.stderr
    assert "старого формата PowerPoint .ppt" in done.stderr
    assert "Nothing was written." in done.stderr and "Ештеңе жазылмады." in done.stderr
    assert not (tmp_path / "out").exists()

    deck = messy_deck(tmp_path / "m.pptx")
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "x").write_text("x", "utf-8")
    done = oqu("import", "pptx", str(deck), "--out", str(busy), "--lang", "ru")
    assert done.returncode == 2
    assert "OQ306 error: Папка результата не пуста" in done.stderr

    done = oqu("import", "pptx", str(tmp_path / "none.pptx"), "--out", str(tmp_path / "o"))
    assert done.returncode == 2 and "OQ100" in done.stderr


def test_entity_bomb_in_content_types(tmp_path: Path) -> None:
    deck = tmp_path / "laughs.pptx"
    lol = (
        '<?xml version="1.0"?><!DOCTYPE Types [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><Types>&b;</Types>'
    )
    with zipfile.ZipFile(deck, "w") as z:
        z.writestr("[Content_Types].xml", lol)
    assert refused(deck, tmp_path) == "OQ305"


def test_deck_without_slides(tmp_path: Path) -> None:
    from pptx import Presentation

    Presentation().save(str(tmp_path / "empty.pptx"))
    with pytest.raises(DeckRefused) as e:
        import_pptx(tmp_path / "empty.pptx", tmp_path / "out", run_checker=False)
    assert e.value.diagnostic.message("en").endswith("it has no slides")
    assert not (tmp_path / "out").exists()


def test_slide_show_file(tmp_path: Path) -> None:
    """A .ppsx is a PPTX with another main content type: python-pptx refuses it; we say why."""
    src = messy_deck(tmp_path / "src.pptx")
    deck = tmp_path / "show.ppsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(deck, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"presentation.main+xml", b"slideshow.main+xml")
            zout.writestr(info, data)
    src.unlink()
    with pytest.raises(DeckRefused) as e:
        import_pptx(deck, tmp_path / "out", run_checker=False)
    assert e.value.diagnostic.code == "OQ300"
    assert "save it as .pptx" in e.value.diagnostic.message("en")
