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

Declared sizes can be trusted for what follows: :mod:`zipfile` never inflates an entry beyond
its declared size (and checks its CRC), so nobody reading through the returned
:class:`~zipfile.ZipFile` can be made to hold more than was judged here.
"""

from __future__ import annotations

import itertools
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Literal

__all__ = ["Limits", "SafeZip", "ZipRefused", "open_zip", "unsafe_name"]

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
    parts = PurePosixPath(name).parts
    return ".." in parts or (bool(parts) and re.match(r"^[A-Za-z]:", parts[0]) is not None)


def open_zip(
    source: Path | IO[bytes], limits: Limits = Limits(), *, check_names: bool = True
) -> SafeZip:
    """Open ``source`` or raise :class:`ZipRefused`; the caller closes the result."""
    try:
        zf = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as e:
        raise ZipRefused("damaged", str(e) or type(e).__name__) from None
    try:
        return _judge(zf, limits, check_names)
    except BaseException:
        zf.close()
        raise


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
