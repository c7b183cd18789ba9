"""Opening an untrusted zip: the one place that decides whether a zip may be read at all.

Every reader of an uploaded or user-given zip (a SCORM package, a source zip in the portal, a
PowerPoint deck) opens it with :func:`open_zip`, which judges the central directory only —
nothing is inflated — and refuses:

* a file that is not a zip, or whose directory is damaged (``damaged``);
* two entries with the same name (``duplicate``): which one a reader gets differs between
  tools, so what was checked need not be what is played or extracted;
* an encrypted entry (``encrypted``);
* a name with ``..``, an absolute path, a drive letter, a backslash or NUL, or a symbolic link
  (``unsafe``);
* more entries than ``limits.entries``; more than ``limits.total`` bytes uncompressed; one
  entry above ``limits.entry`` bytes; an entry above ``limits.ratio_floor`` bytes that expands
  more than ``limits.ratio`` times; or, all entries together above ``limits.total_ratio_floor``
  bytes, a total expansion above ``limits.total_ratio`` — many entries each just under the
  per-entry floor are a bomb as well; the total is measured against the bytes the archive
  really holds, and entries whose compressed data overlap (one stream declared many times, the
  "overlapping zip bomb") are refused (``bomb``).

Names are decoded the way real archivers write them (:func:`entry_name`), and every check
above applies to the decoded name: a CP866, CP1251 or UTF-8 name stored without the UTF-8 flag
(Info-ZIP ``zip``, Windows' and macOS's built-in zip) is read as the author typed it, never as
CP437 mojibake. The returned :class:`~zipfile.ZipFile` is keyed by the decoded names
(``getinfo``, ``read``, ``open``), so every reader sees the same names the checks saw.

Declared sizes can be trusted for what follows: :mod:`zipfile` never inflates an entry beyond
its declared size (and checks its CRC), so nobody reading through the returned
:class:`~zipfile.ZipFile` can be made to hold more than was judged here.
"""

from __future__ import annotations

import itertools
import re
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

__all__ = ["Limits", "SafeZip", "ZipRefused", "entry_name", "open_zip", "unsafe_name"]

Reason = Literal["damaged", "duplicate", "encrypted", "unsafe", "bomb"]


@dataclass(frozen=True, slots=True)
class Limits:
    entries: int = 20_000
    total: int = 2_000_000_000  # uncompressed bytes, all entries
    entry: int = 2_000_000_000  # uncompressed bytes, one entry
    ratio: int = 200  # uncompressed / compressed, one entry above ratio_floor bytes
    ratio_floor: int = 1_000_000
    total_ratio: int = 100  # uncompressed / compressed, all entries above total_ratio_floor
    total_ratio_floor: int = 20_000_000


class ZipRefused(Exception):
    """Why the zip is not read; ``target`` is the entry concerned (if one is)."""

    def __init__(self, reason: Reason, problem: str, target: str = "") -> None:
        super().__init__(f"{reason}: {problem}")
        self.reason: Reason = reason
        self.problem = problem
        self.target = target


@dataclass(slots=True)
class SafeZip:
    zf: zipfile.ZipFile
    entries: dict[str, zipfile.ZipInfo]  # files only (folders left out), by name
    size: int  # uncompressed bytes, all entries

    def close(self) -> None:
        self.zf.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def unsafe_name(name: str) -> bool:
    """A name that would leave the folder it is extracted into (or cannot be one)."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return True
    # the parts PurePosixPath(name).parts gives a relative name, without its cost: the review
    # player judges the whole directory on every request
    parts = [p for p in name.split("/") if p not in ("", ".")]
    return ".." in parts or (bool(parts) and re.match(r"^[A-Za-z]:", parts[0]) is not None)


_UTF8_FLAG = 0x800  # general-purpose bit 11: the name and comment are UTF-8
_UNICODE_PATH = 0x7075  # Info-ZIP Unicode Path extra field
# Letters of Kazakh and Russian: what a file name written in CP866 or CP1251 decodes to.
_LETTERS = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі")
# Code pages a Kazakh or Russian user's system writes names in when it does not write UTF-8:
# CP866 is the OEM code page (DOS, Windows Explorer, Info-ZIP and 7-Zip on Windows); CP1251 the
# ANSI one (zips made by Windows programs using it, and on Unix in a CP1251 locale).
_LEGACY = ("cp866", "cp1251")


def entry_name(info: zipfile.ZipInfo) -> str:
    """The entry's name as the archiver that wrote it meant it.

    In order: the UTF-8 flag (``zipfile`` has then decoded it); else the Info-ZIP Unicode Path
    extra field (0x7075) when its CRC matches the stored name; else the stored bytes as UTF-8
    when they are valid UTF-8 (Info-ZIP ``zip`` on Linux, macOS's Archive Utility); else CP866
    or CP1251, whichever reads as more Kazakh/Russian letters — the other code page turns the
    same bytes into box-drawing signs, punctuation or Serbian letters (a tie — only lowercase
    а–п in CP1251, р–я in CP866 — goes to CP1251 for a zip made on Unix, CP866 otherwise);
    a reading with a word mixing Latin and Cyrillic letters counts no letter; else (no
    Cyrillic letter either way) CP437, the format's default.
    """
    if info.flag_bits & _UTF8_FLAG:
        return info.orig_filename
    raw = info.orig_filename.encode("cp437")  # zipfile decoded the stored bytes as CP437
    unicode_path = _unicode_path(info.extra, raw)
    if unicode_path is not None:
        return unicode_path
    if raw.isascii():
        return info.orig_filename
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    scored = [(_cyrillic_letters(raw.decode(cp)), cp) for cp in _LEGACY]
    best = max(score for score, _ in scored)
    if best == 0:
        return info.orig_filename
    tied = [cp for score, cp in scored if score == best]
    if len(tied) > 1:
        return raw.decode("cp1251" if info.create_system == 3 else "cp866")
    return raw.decode(tied[0])


def _cyrillic_letters(text: str) -> int:
    """How many Kazakh/Russian letters ``text`` has; 0 when a word mixes Latin and Cyrillic
    letters (a Western CP437 name read as CP866: ``naïve`` → ``naЛve``)."""
    for word in re.findall(r"[^\W\d_]+", text):
        if re.search("[A-Za-z]", word) and re.search("[\u0400-\u04ff]", word):
            return 0
    return sum(c in _LETTERS for c in text.lower())


def _unicode_path(extra: bytes, raw: bytes) -> str | None:
    """The UTF-8 name of an Info-ZIP Unicode Path field (version 1) written for ``raw``."""
    at = 0
    while at + 4 <= len(extra):
        kind, size = struct.unpack_from("<HH", extra, at)
        data = extra[at + 4 : at + 4 + size]
        at += 4 + size
        if kind != _UNICODE_PATH or len(data) < 5 or data[0] != 1:
            continue
        if struct.unpack_from("<I", data, 1)[0] != zlib.crc32(raw):
            return None  # the name was changed by a tool that did not update the field
        try:
            return data[5:].decode("utf-8")
        except UnicodeDecodeError:
            return None
    return None


def open_zip(
    source: Path | IO[bytes], limits: Limits = Limits(), *, check_names: bool = True
) -> SafeZip:
    """Open ``source`` or raise :class:`ZipRefused`; the caller closes the result."""
    try:
        zf = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as e:
        raise ZipRefused("damaged", str(e) or type(e).__name__) from None
    try:
        _decode_names(zf)
        return _judge(zf, limits, check_names)
    except BaseException:
        zf.close()
        raise


def _decode_names(zf: zipfile.ZipFile) -> None:
    """Rename every entry to its decoded name (:func:`entry_name`); ``orig_filename`` keeps
    what ``zipfile`` compares with the local header, so reading an entry still works."""
    for info in zf.infolist():
        info.filename = entry_name(info)
    zf.NameToInfo = {info.filename: info for info in zf.infolist()}


def _judge(zf: zipfile.ZipFile, limits: Limits, check_names: bool) -> SafeZip:
    infos = zf.infolist()
    if len(infos) > limits.entries:
        raise ZipRefused("bomb", f"{len(infos)} > {limits.entries} entries")
    seen: set[str] = set()
    entries: dict[str, zipfile.ZipInfo] = {}
    total = packed = 0
    for info in infos:
        name = info.filename
        if name in seen:
            raise ZipRefused("duplicate", f"the entry {name} appears more than once", name)
        seen.add(name)
        if check_names:
            mode = info.external_attr >> 16
            if unsafe_name(name) or (info.create_system == 3 and stat.S_ISLNK(mode)):
                raise ZipRefused("unsafe", f"unsafe entry name {name}", name)
        if info.flag_bits & 0x1:
            raise ZipRefused("encrypted", f"{name} is encrypted", name)
        if info.file_size > limits.entry:
            raise ZipRefused("bomb", f"{name}: {info.file_size // 1_000_000} MB", name)
        total += info.file_size
        packed += info.compress_size
        if total > limits.total:
            raise ZipRefused("bomb", f"> {limits.total // 1_000_000} MB uncompressed")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_floor and ratio > limits.ratio:
            raise ZipRefused("bomb", f"{name}: compression ratio {ratio:.0f}:1", name)
        if not name.endswith("/"):
            entries[name] = info
    _no_overlap(infos)
    whole = total / max(min(packed, _archive_size(zf)), 1)
    if total > limits.total_ratio_floor and whole > limits.total_ratio:
        raise ZipRefused(
            "bomb", f"all entries together: compression ratio {whole:.0f}:1 ({len(infos)} entries)"
        )
    return SafeZip(zf, entries, total)


_LOCAL_HEADER = 30  # bytes of a local file header before its name and extra field


def _no_overlap(infos: list[zipfile.ZipInfo]) -> None:
    """Each entry's local header and data end before the next entry's local header starts."""
    ordered = sorted(infos, key=lambda i: i.header_offset)
    for a, b in itertools.pairwise(ordered):
        if a.header_offset + _LOCAL_HEADER + a.compress_size > b.header_offset:
            raise ZipRefused("bomb", f"entries {a.filename} and {b.filename} overlap", b.filename)


def _archive_size(zf: zipfile.ZipFile) -> int:
    fp = zf.fp
    if fp is None:
        return 0
    here = fp.tell()
    try:
        return fp.seek(0, 2)
    finally:
        fp.seek(here)
