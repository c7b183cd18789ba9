"""The reviewer's preview LMS: the run-time a package meets when it plays on the review page.

The package plays in ``<iframe sandbox="allow-scripts">`` from ``/play/<token>/<entry>``
(:func:`oqu.portal.workflow.player.play`). When an HTML document of the package is served,
:func:`inject` puts one ``<script>`` at the start of its ``<head>``, loaded from the reserved
path :data:`SCRIPT` under the same token prefix. That script (scorm-again, the copy vendored
for ``oqu check --smoke``, followed by ``static/portal/preview-lms.js``) provides
``window.API`` (SCORM 1.2) and/or ``window.API_1484_11`` (2004) in that document's own window —
where ADL's API discovery looks first, so nothing needs to cross the opaque origins (an SCO in
a frame of the package finds its own); in the launch document, for packages that look in
``window.parent`` or ``window.opener`` first, the document stands in for both. It keeps the
data in memory only and posts what the package reports to the review page.

Paths under :data:`RESERVED` are the portal's, never the package's: a package's own
``__oqu__/…`` entries are not served, so none can shadow the script.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

RESERVED = "__oqu__/"
SCRIPT = RESERVED + "lms.js"
EDITIONS = ("1.2", "2004")
HTML_TYPES = ("text/html", "application/xhtml+xml")  # launch documents the script goes into

_GLUE = Path(__file__).resolve().parent / "static" / "portal" / "preview-lms.js"
_MAP_COMMENT = "//# sourceMappingURL=scorm-again.min.js.map"
# Where the tag goes: after <head …>, else after <html …>, else after the doctype, else first
# (after a byte order mark). Only the part before <body> is searched.
_BOM8 = "\xef\xbb\xbf"  # UTF-8's byte order mark, read as Latin-1
_AFTER = [
    re.compile(r"<head(?:\s[^<>]*)?>", re.IGNORECASE),
    re.compile(r"<html(?:\s[^<>]*)?>", re.IGNORECASE),
    re.compile(rf"\A(?:{_BOM8})?\s*<!doctype[^<>]*>", re.IGNORECASE),
    re.compile(rf"\A(?:{_BOM8})?"),
]
_BODY = re.compile(r"<body[\s>]", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@cache
def script() -> bytes:
    """scorm-again, then the glue (one file: one request and one tag in the package)."""
    vendored = files("oqu.smoke").joinpath("scorm-again.min.js").read_text("utf-8")
    glue = _GLUE.read_text("utf-8")
    return (vendored.replace(_MAP_COMMENT, "").rstrip() + "\n;\n" + glue).encode("utf-8")


def is_reserved(path: str) -> bool:
    return path == RESERVED.rstrip("/") or path.startswith(RESERVED)


def edition(kind: str, report: dict[str, Any]) -> str:
    """The SCORM edition the package speaks: "1.2", "2004", or "" when unknown (both APIs).

    The portal builds an Oqu source as SCORM 1.2; an uploaded package's edition is the one its
    manifest declares, as the check report recorded it."""
    if kind == "oqu-source":
        return "1.2"
    for data in report.values():
        found = (data.get("subject") or {}).get("scorm_version")
        return found if found in EDITIONS else ""
    return ""


def tag(src: str, scorm: str) -> str:
    """The element put into the launch document (``src`` and ``scorm`` are the portal's own)."""
    attr = f' data-oqu-scorm="{scorm}"' if scorm in EDITIONS else ""
    return f'<script src="{src}"{attr}></script>'


def inject(html: bytes, element: str) -> bytes:
    """``html`` with ``element`` at the start of its ``<head>`` (or where the head would be).

    Bytes in, bytes out, whatever the document's encoding: an 8-bit or UTF-8 document is read
    as Latin-1 so every byte survives unchanged; a UTF-16 one (with its BOM) is decoded."""
    codec = "utf-16" if html[:2] in _UTF16_BOMS else "latin-1"
    try:
        text = html.decode(codec)
    except UnicodeDecodeError:  # a broken UTF-16 document: served as it is
        return html
    comments = [m.span() for m in _COMMENT.finditer(text)]
    outside = [m for m in _BODY.finditer(text) if not _within(m.start(), comments)]
    end = outside[0].start() if outside else len(text)
    at = next(
        m.end()
        for pattern in _AFTER
        for m in pattern.finditer(text, 0, end)
        if not _within(m.start(), comments)
    )
    return (text[:at] + element + text[at:]).encode(codec)


def _within(at: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= at < end for start, end in spans)
