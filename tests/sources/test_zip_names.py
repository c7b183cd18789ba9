"""Kazakh and Russian file names inside zips made by real archivers (issue 15, item 4).

Info-ZIP ``zip`` (and Windows' and macOS's built-in zip) store Cyrillic names without the UTF-8
flag; Python reads them as CP437 mojibake. :func:`oqu.sources.safezip.open_zip` decodes them as
the archiver meant (the flag; the Info-ZIP Unicode Path field; UTF-8; CP866 or CP1251 from the
bytes), and the zip-slip checks judge the decoded name. Archives here are made by the actual
tools: Info-ZIP ``zip`` run on real files, Python's zipfile with and without the flag, and
entries whose CP866/CP1251/UTF-8 bytes are written raw, as those archivers write them.
"""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import pytest

from oqu.check import check
from oqu.smoke import unavailable
from oqu.sources.safezip import ZipRefused, open_zip
from oqu.sources.scorm import open_package
from tests.rules.conftest import manifest12
from tests.rules.test_smoke import GOOD12

needs_browser = pytest.mark.skipif(
    bool(unavailable()) and os.environ.get("CI") != "true", reason=unavailable() or "-"
)

KAZAKH = "Сабақ-әғқңөұүһі.html"  # every Kazakh letter outside the Russian alphabet
LETTERS = "ӘҒҚҢӨҰҮҺІ әғқңөұүһі"


def info_zip(folder: Path, out: Path) -> Path:
    """``zip -r`` run in ``folder`` as an author on Linux runs it (Info-ZIP 3.0)."""
    assert shutil.which("zip"), "Info-ZIP zip is needed (apt package zip, in APT_NEEDS)"
    subprocess.run(["zip", "-q", "-r", "-X", str(out), "."], cwd=folder, check=True)
    return out


def raw_zip(
    entries: list[tuple[bytes, bytes]], *, extra: dict[bytes, bytes] | None = None, system: int = 0
) -> bytes:
    """A zip whose entry names are the given bytes, without the UTF-8 flag, as DOS/Windows
    archivers (``system`` 0) or Unix ones (3) write them; ``extra`` adds an extra field."""
    buf = io.BytesIO()
    marks = []
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for i, (name, data) in enumerate(entries):
            mark = (chr(ord("A") + i) * len(name)).encode()  # ASCII: no flag, same length
            marks.append((mark, name))
            info = zipfile.ZipInfo(mark.decode(), (2026, 12, 6, 0, 0, 0))
            info.create_system = system
            info.extra = (extra or {}).get(name, b"")
            z.writestr(info, data)
    out = buf.getvalue()
    for mark, name in marks:
        assert out.count(mark) == 2  # the local header and the central directory
        out = out.replace(mark, name)
    return out


def unicode_path(raw: bytes, name: str, crc: int | None = None) -> bytes:
    """The Info-ZIP Unicode Path extra field (0x7075, version 1) for the stored name ``raw``."""
    body = b"\x01" + struct.pack("<I", zlib.crc32(raw) if crc is None else crc) + name.encode()
    return struct.pack("<HH", 0x7075, len(body)) + body


def names(data: bytes) -> list[str]:
    with open_zip(io.BytesIO(data)) as safe:
        assert all(safe.zf.read(n) for n in safe.entries)  # each decoded name reads its entry
        return list(safe.entries)


# --- how each archiver writes a name ------------------------------------------------------------


def test_info_zip_on_linux(tmp_path: Path) -> None:
    folder = tmp_path / "pkg"
    (folder / "медиа").mkdir(parents=True)
    (folder / KAZAKH).write_text("<p>Сәлем</p>", encoding="utf-8")
    (folder / "медиа" / "сурет-ғылым.svg").write_text("<svg/>", encoding="utf-8")
    data = info_zip(folder, tmp_path / "a.zip").read_bytes()
    stored = zipfile.ZipFile(io.BytesIO(data)).infolist()
    assert not any(i.flag_bits & 0x800 for i in stored)  # Info-ZIP sets no UTF-8 flag...
    assert KAZAKH not in [i.filename for i in stored]  # ...so zipfile reads mojibake
    assert sorted(names(data)) == sorted([KAZAKH, "медиа/сурет-ғылым.svg"])


def test_python_zipfile_with_and_without_the_flag() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(KAZAKH, b"x")  # zipfile sets the UTF-8 flag for a non-ASCII name
    assert zipfile.ZipFile(buf).infolist()[0].flag_bits & 0x800
    assert names(buf.getvalue()) == [KAZAKH]
    # the same UTF-8 bytes without the flag (macOS's Archive Utility writes them so)
    assert names(raw_zip([(KAZAKH.encode(), b"x")], system=3)) == [KAZAKH]


@pytest.mark.parametrize("system", [0, 3])
def test_cp866_and_cp1251_names(system: int) -> None:
    # CP866 and CP1251 have no ә ғ қ ң ө ұ ү һ (CP866 no і either): Russian names only
    russian = ["Лекция 1. Введение.html", "ГЛАВА/Тест_Ёлка.js", "Вопросы/Щука и эхо.html"]
    for name in russian:
        for cp in ("cp866", "cp1251"):
            assert names(raw_zip([(name.encode(cp), b"x")], system=system)) == [name], (name, cp)


def test_a_tie_goes_to_the_code_page_of_the_system_that_made_the_zip() -> None:
    # CP1251 "глава" (all а–п) reads in CP866 as "уыртр": both all letters
    cp1251 = "глава.html".encode("cp1251")
    assert names(raw_zip([(cp1251, b"x")], system=3)) == ["глава.html"]
    assert names(raw_zip([(cp1251, b"x")], system=0)) == [cp1251.decode("cp866")]
    assert names(raw_zip([("урок.html".encode("cp866"), b"x")], system=0)) == ["урок.html"]


def test_a_western_name_stays_cp437() -> None:
    assert names(raw_zip([("naïve ½.txt".encode("cp437"), b"x")])) == ["naïve ½.txt"]


def test_info_zip_unicode_path_field() -> None:
    """Info-ZIP and 7-Zip on Windows store the OEM (CP866) name, '?' for a letter CP866 lacks,
    and the real name in the 0x7075 field; a field whose CRC no longer matches is ignored."""
    oem = "Сабак-?????????.html".encode("cp866")
    field = unicode_path(oem, KAZAKH)
    assert names(raw_zip([(oem, b"x")], extra={oem: field})) == [KAZAKH]
    stale = unicode_path(oem, KAZAKH, crc=zlib.crc32(b"another name"))
    assert names(raw_zip([(oem, b"x")], extra={oem: stale})) == ["Сабак-?????????.html"]


# --- the decoded name is the one judged --------------------------------------------------------


def refused(data: bytes) -> ZipRefused:
    with pytest.raises(ZipRefused) as e:
        open_zip(io.BytesIO(data))
    return e.value


def test_a_unicode_path_field_cannot_smuggle_a_path_out() -> None:
    for evil in ["../../etc/cron.d/x", "/etc/passwd", "C:/Windows/x.html", "a\\..\\..\\x"]:
        e = refused(
            raw_zip([(b"safe.html", b"x")], extra={b"safe.html": unicode_path(b"safe.html", evil)})
        )
        assert (e.reason, e.target) == ("unsafe", evil)


def test_a_decoded_name_that_escapes_is_refused() -> None:
    for name in ["../Сабақ.html", "/Сабақ.html"]:
        e = refused(raw_zip([(name.encode(), b"x")], system=3))
        assert (e.reason, e.target) == ("unsafe", name)
    e = refused(raw_zip([("../Лекция.html".encode("cp866"), b"x")]))
    assert (e.reason, e.target) == ("unsafe", "../Лекция.html")


def test_two_encodings_of_one_name_are_a_duplicate() -> None:
    """A checker reading one and a player the other would see different files: refused."""
    name = "Лекция.html"
    data = raw_zip([(name.encode("cp866"), b"checked"), (name.encode("cp1251"), b"played")])
    e = refused(data)
    assert (e.reason, e.target) == ("duplicate", name)


def test_a_scorm_package_keyed_by_decoded_names(tmp_path: Path) -> None:
    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "imsmanifest.xml").write_text("<manifest/>", encoding="utf-8")
    (folder / KAZAKH).write_text("<p>Сәлем</p>", encoding="utf-8")
    pkg = open_package(info_zip(folder, tmp_path / "p.zip"))
    try:
        assert pkg.read(KAZAKH, 1000) == "<p>Сәлем</p>".encode()
    finally:
        pkg.close()


# --- a package with Kazakh names, zipped by Info-ZIP: checked, played, served -------------------

MEDIA = "медиа/сурет-ғылым.svg"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10"/></svg>'


def kazakh_package(tmp_path: Path) -> Path:
    """A SCORM 1.2 package whose launch file and image have Kazakh names, zipped by Info-ZIP."""
    folder = tmp_path / "сабақ"
    (folder / "медиа").mkdir(parents=True)
    img = f'<p>Slide 1</p><img src="{MEDIA}" alt="Сурет">'
    (folder / KAZAKH).write_text(GOOD12.replace("<p>Slide 1</p>", img), encoding="utf-8")
    (folder / MEDIA).write_text(SVG, encoding="utf-8")
    (folder / "imsmanifest.xml").write_text(manifest12(KAZAKH, [KAZAKH, MEDIA]), encoding="utf-8")
    return info_zip(folder, tmp_path / "сабақ.zip")


def test_oqu_check_finds_the_kazakh_launch_file_and_media(tmp_path: Path) -> None:
    report = check(kazakh_package(tmp_path))
    assert report.count("error") == 0, [d.message("en") for d in report.findings]
    assert report.verdict == "incomplete"  # another tool's package: content rules unknown
    assert report.subject.package is not None
    assert report.subject.package.launch == KAZAKH


@pytest.mark.browser
@needs_browser
def test_the_smoke_run_plays_it(tmp_path: Path) -> None:
    # `oqu check PKG --smoke`'s own check, in this process: the smoke run is a sandboxed process
    # of its own either way (the command line's exit code and JSON: tests/rules/test_smoke.py)
    report = check(kazakh_package(tmp_path), smoke=True)
    assert report.count("error") == 0, [d.message("kk") for d in report.findings]
    smoke = report.smoke
    assert smoke is not None
    assert smoke["status"] == "ok" and smoke["initialized"], smoke["reason"]
    assert smoke["missing_files"] == [] and smoke["blocked_requests"] == []
    assert smoke["status_set"]["cmi.core.lesson_status"] == "completed"
