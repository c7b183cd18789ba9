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
_BOMS = ("\xef\xbb\xbf", "\ufeff")  # UTF-8's byte order mark read as Latin-1, and UTF-16's
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

    Where: after the first ``<head …>`` tag, else after the first ``<html …>`` tag — either only
    when it comes before ``<body>`` and outside comments, scripts and attribute values — else
    after a doctype that opens the document, else first (after a byte order mark). The document
    is read once by the standard library's HTML tokenizer, which stops at ``<body>``: linear
    time on any input, and never an error (a page the tokenizer cannot follow gets the tag
    first).

    Bytes in, bytes out, whatever the document's encoding: an 8-bit or UTF-8 document is read
    as Latin-1 so every byte survives unchanged; a UTF-16 one (with its BOM) is decoded."""
    codec = "utf-16" if html[:2] in _UTF16_BOMS else "latin-1"
    try:
        text = html.decode(codec)
    except UnicodeDecodeError:  # a broken UTF-16 document: served as it is
        return html
    at = _where(text)
    return (text[:at] + element + text[at:]).encode(codec)


MAX_SCAN = 262_144  # characters searched for the head; beyond, the tag goes first
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_SPACE = "\t\n\f\r /"
# elements whose content is text up to their end tag (WHATWG: RCDATA, RAWTEXT, script data)
_RAW = {"script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes"}


def _where(text: str) -> int:
    """Offset just after the opening ``<head>``, else ``<html>``, else the opening doctype.

    A single forward pass following the WHATWG tokenizer's states for what matters here: data,
    tags with their attributes (quoted values may hold ``>``), comments, bogus comments
    (``<!…>``, ``<?…>``) and the raw text of ``<script>``, ``<style>``, ``<title>`` … — so a
    ``<head>`` or ``<body>`` inside any of them is not one. Every search starts where the
    previous one ended, and a search that fails ends the pass: linear time on any input, and
    only the first :data:`MAX_SCAN` characters are read (a head that far in is no real
    page's; the tag then goes first, where it works as well). (The
    standard library's ``html.parser`` of Python 3.12.1 was measured quadratic on ``<`` × N
    and raises on ``<![<![``, hence this.)"""
    text = text[:MAX_SCAN]
    low = text.translate(_ASCII_LOWER)
    n = len(text)
    found: dict[str, int] = {}
    start = next((len(b) for b in _BOMS if text.startswith(b)), 0)
    i = start
    first = True  # only white space so far: a doctype here is the document's
    while i < n and "head" not in found:
        lt = text.find("<", i)
        if lt < 0:
            break
        if first and text[i:lt].strip():
            first = False
        i = lt + 1
        if text.startswith("!--", i):  # a comment, up to --> (<!--> and <!---> are empty)
            if text.startswith(">", i + 3):
                end = i + 1
            elif text.startswith("->", i + 3):
                end = i + 2
            else:
                end = text.find("-->", i + 3)
            if end < 0:
                break
            i, first = end + 3, False
        elif i < n and text[i] in "!?":  # a doctype or a bogus comment, up to >
            end = text.find(">", i)
            if end < 0:
                break
            if first and low.startswith("!doctype", i):
                found["doctype"] = end + 1
            i, first = end + 1, False
        elif i < n and text[i] == "/":  # an end tag (or a bogus comment): up to >
            end = text.find(">", i)
            if end < 0:
                break
            i, first = end + 1, False
        elif i < n and text[i].isascii() and text[i].isalpha():
            i, first = _start_tag(text, low, i, found), False
            if i < 0:
                break
        # else: a lone "<" is text
    for what in ("head", "html", "doctype"):
        if what in found:
            return found[what]
    return start


def _start_tag(text: str, low: str, i: int, found: dict[str, int]) -> int:
    """Reads the start tag whose name begins at ``i``; returns where scanning goes on, -1 at
    the end of the input (or after ``<body>``: nothing after it counts)."""
    n = len(text)
    j = i
    while j < n and text[j] not in _SPACE and text[j] != ">":
        j += 1
    name = low[i:j]
    while True:  # attributes
        while j < n and text[j] in _SPACE:
            j += 1
        if j >= n:
            return -1
        if text[j] == ">":
            break
        k = j + 1  # an attribute's name (it may start with "=")
        while k < n and text[k] not in _SPACE and text[k] not in "=>":
            k += 1
        while k < n and text[k] in "\t\n\f\r ":
            k += 1
        if k < n and text[k] == "=":
            k += 1
            while k < n and text[k] in "\t\n\f\r ":
                k += 1
            if k < n and text[k] in "\"'":
                close = text.find(text[k], k + 1)
                if close < 0:
                    return -1
                k = close + 1
            else:
                while k < n and text[k] not in "\t\n\f\r >":
                    k += 1
        j = k
    end = j + 1
    if name == "body":
        return -1
    if name in ("head", "html") and name not in found:
        found[name] = end
    if name in _RAW:  # its text runs to </name followed by white space, / or >
        closing = "</" + name
        at = end
        while True:
            at = low.find(closing, at)
            if at < 0:
                return -1
            after = at + len(closing)
            if after >= n or text[after] in _SPACE or text[after] == ">":
                return at
            at = after
    return end
