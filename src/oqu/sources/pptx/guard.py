"""Checks a file before python-pptx touches it.

Everything here reads only the file's first bytes, the CFB directory or the zip's central
directory and a few small XML parts, so a hostile file costs bounded time and memory:

* size above :data:`MAX_DECK_BYTES` → refused from ``stat`` alone (OQ304);
* an OLE/CFB file (``D0 CF 11 E0``): password-protected PPTX when it holds an
  ``EncryptedPackage`` stream (OQ301), otherwise an old binary ``.ppt`` (OQ302);
* not a zip, no ``[Content_Types].xml``, no presentation part → not a PPTX (OQ300);
* a damaged zip directory, or an entry named twice → corrupt (OQ303);
* too many entries, too much uncompressed data, a compression ratio no real deck has (one
  entry, or all together), overlapping entries → a zip bomb (OQ305), judged by
  :func:`oqu.sources.safezip.open_zip` from the directory's declared sizes (zipfile never
  inflates an entry beyond its declared size, so python-pptx cannot be made to);
* relationships whose target is external and local (``file://``, ``C:\\``, ``\\\\server``, a
  relative path) are listed so the importer never reads them.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from oqu.diagnostics import Diagnostic, OquError, diag
from oqu.sources.safezip import Limits, ZipRefused, open_zip

MAX_DECK_BYTES = 200 * 1024 * 1024
MAX_ENTRIES = 10_000
MAX_UNCOMPRESSED = 1024 * 1024 * 1024  # all entries together, as declared
MAX_ENTRY = 512 * 1024 * 1024
MAX_RATIO = 200  # declared size / compressed size, for entries above RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_XML_PART = 8 * 1024 * 1024  # [Content_Types].xml and .rels parts we parse ourselves
_LIMITS = Limits(
    entries=MAX_ENTRIES,
    total=MAX_UNCOMPRESSED,
    entry=MAX_ENTRY,
    ratio=MAX_RATIO,
    ratio_floor=RATIO_FLOOR,
)

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_PPT_STREAM = "PowerPoint Document".encode("utf-16-le")
_MAIN_TYPES = {  # what python-pptx opens (macros are never run: it only reads the slides)
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
}
_SHOW_TYPES = {  # a show (.ppsx) or a template (.potx): to be saved as .pptx first
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
}
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


class DeckRefused(OquError):
    """The file cannot be imported; ``diagnostic`` says why (the CLI exits 1)."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.code)
        self.diagnostic = diagnostic


@dataclass(slots=True)
class ExternalLink:
    part: str  # the .rels part that declares it
    target: str
    kind: str  # the relationship type's last word: hyperlink, image, video, oleObject …

    @property
    def local(self) -> bool:
        return is_local_target(self.target)


@dataclass(slots=True)
class Inspection:
    size: int
    entries: int
    uncompressed: int
    external: list[ExternalLink] = field(default_factory=list)

    @property
    def local_links(self) -> list[ExternalLink]:
        return [e for e in self.external if e.local]


_URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def is_local_target(target: str) -> bool:
    """A link that would make a reader open a file on this computer or a network share."""
    t = target.strip()
    if t.lower().startswith("file:"):
        return True
    if re.match(r"^[a-zA-Z]:[\\/]", t) or t.startswith(("\\\\", "/", "\\")):
        return True
    return not _URL_SCHEME.match(t)  # no scheme at all: a relative path


def inspect(path: Path, max_bytes: int = MAX_DECK_BYTES) -> Inspection:
    """Refuse a file that must not reach python-pptx (raises :class:`DeckRefused`)."""
    shown = str(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(8)
    except OSError:
        raise DeckRefused(diag("OQ300", shown, deck=shown, problem="unreadable")) from None
    if size > max_bytes:
        raise DeckRefused(
            diag("OQ304", shown, size=_mb(size), limit=_mb(max_bytes)),
        )
    if head == CFB_MAGIC:
        raise DeckRefused(_cfb(path, shown))
    if not head.startswith(b"PK\x03\x04") and not head.startswith(b"PK\x05\x06"):
        raise DeckRefused(diag("OQ300", shown, deck=shown, problem=_what(head)))
    try:
        safe = open_zip(path, _LIMITS, check_names=False)  # never extracted: names are not paths
    except ZipRefused as e:
        if e.reason == "encrypted":
            raise DeckRefused(diag("OQ301", shown)) from None
        if e.reason == "bomb":
            raise DeckRefused(diag("OQ305", shown, problem=e.problem)) from None
        raise DeckRefused(diag("OQ303", shown, problem=e.problem)) from None
    with safe:
        zf = safe.zf
        infos = zf.infolist()
        total = safe.size
        names = {i.filename for i in infos}
        if "[Content_Types].xml" not in names:
            raise DeckRefused(
                diag("OQ300", shown, deck=shown, problem="no [Content_Types].xml (not Office)")
            )
        types = _parse(zf, "[Content_Types].xml", shown)
        mains = [
            el.get("PartName", "")
            for el in types.iter(f"{_CT_NS}Override")
            if el.get("ContentType") in _MAIN_TYPES
        ]
        if not mains and any(el.get("ContentType") in _SHOW_TYPES for el in types.iter()):
            raise DeckRefused(
                diag(
                    "OQ300",
                    shown,
                    deck=shown,
                    problem="a PowerPoint show or template (.ppsx/.potx): save it as .pptx",
                )
            )
        if not mains or mains[0].lstrip("/") not in names:
            raise DeckRefused(
                diag(
                    "OQ300",
                    shown,
                    deck=shown,
                    problem="an Office file without a presentation (Word or Excel?)",
                )
            )
        external: list[ExternalLink] = []
        for name in sorted(names):
            if not name.endswith(".rels"):
                continue
            rels = _parse(zf, name, shown)
            for rel in rels.iter(f"{_REL_NS}Relationship"):
                if rel.get("TargetMode") == "External":
                    kind = rel.get("Type", "").rsplit("/", 1)[-1]
                    external.append(ExternalLink(name, rel.get("Target", ""), kind))
    return Inspection(size, len(infos), total, external)


def _parse(zf: zipfile.ZipFile, name: str, shown: str) -> etree._Element:
    info = zf.getinfo(name)
    if info.file_size > MAX_XML_PART:
        raise DeckRefused(diag("OQ305", shown, problem=f"{name}: {_mb(info.file_size)} MB"))
    parser = etree.XMLParser(  # hardened: no DTD, no entities, no network, no huge trees
        resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False
    )
    try:
        data = zf.read(name)
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:  # never in real OOXML parts
            raise DeckRefused(diag("OQ305", shown, problem=f"{name}: a DOCTYPE with entities"))
        return etree.fromstring(data, parser)
    except DeckRefused:
        raise
    except Exception as e:  # zlib, CRC, XML syntax
        raise DeckRefused(diag("OQ303", shown, problem=f"{name}: {type(e).__name__}")) from None


def _cfb(path: Path, shown: str) -> Diagnostic:
    """Scan an OLE compound file for the stream names that say what it is (bounded reads)."""
    found_ppt = False
    tail = b""
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            buf = tail + chunk
            if _ENCRYPTED in buf:
                return diag("OQ301", shown)
            found_ppt = found_ppt or _PPT_STREAM in buf
            tail = buf[-64:]
    if found_ppt:
        return diag("OQ302", shown, deck=shown)
    return diag("OQ300", shown, deck=shown, problem="an old Office binary file that is not a .ppt")


def _what(head: bytes) -> str:
    if head.startswith(b"%PDF"):
        return "a PDF document"
    if head[:3] in (b"\xff\xd8\xff",) or head.startswith(b"\x89PNG"):
        return "an image"
    if not head:
        return "an empty file"
    return "not a zip archive"


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f}"
