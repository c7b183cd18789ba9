"""Reading a SCORM package made by any tool — safely — into a :class:`~oqu.model.subject.Subject`.

Nothing is ever extracted: entries are read from the zip into memory, each under a size cap,
and only the few a rule needs (the manifest, the launch page, images for the quality rule).
Nothing from the package is run.

Refused outright (:class:`~oqu.diagnostics.SourceUnreadable`, CLI exit 2):

* not a zip, a damaged/truncated one, or one naming an entry twice (OQ200);
* an encrypted entry (OQ201);
* more than :data:`MAX_ENTRIES` entries, more than :data:`MAX_TOTAL` bytes uncompressed, an
  entry whose compression ratio exceeds :data:`MAX_RATIO`, all entries together expanding
  more than 100 times, or overlapping entries (a zip bomb) (OQ202);
* an entry name with ``..``, an absolute path, a drive letter, a backslash or NUL, or a symbolic
  link (``external_attr`` S_IFLNK) (OQ203).

Everything else is a finding of rule 10.7 (missing manifest, XML errors — DTDs and entities are
refused —, schema errors, a missing launch file, files missing or unlisted, paths that leave the
package). XML is parsed by lxml with ``resolve_entities=False, no_network=True, load_dtd=False,
huge_tree=False``, and a document with a DOCTYPE is refused before anything else looks at it.

Which tool made the package is guessed from traces it leaves (docs/checker.md lists them).
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import threading
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from urllib.parse import unquote, urlsplit

from lxml import etree
from lxml import html as lxml_html

from oqu.diagnostics import Location, SourceUnreadable, diag
from oqu.model.subject import (
    SLIDE_WIDTH,
    UNKNOWN,
    Credit,
    ImageUse,
    InteractionFact,
    LinkFact,
    MediaFact,
    ModuleFact,
    Navigation,
    OverlayFact,
    PackageFacts,
    QuestionFact,
    QuizFact,
    SlideFact,
    SlideKind,
    StyleFacts,
    Subject,
    TitleFacts,
    UnitFact,
    known,
    media_kind,
)
from oqu.scorm import (
    ADLCP12,
    ADLCP2004,
    CP12,
    CP2004,
    MANIFEST_NAME,
    compiled_schema,
)
from oqu.sources.safexml import XMLRefused, parse_xml
from oqu.sources.safezip import Limits, ZipRefused, open_zip

__all__ = [
    "MAX_ENTRIES",
    "MAX_RATIO",
    "MAX_TOTAL",
    "Package",
    "detect_tool",
    "open_folder",
    "open_package",
    "package_subject",
    "validate_manifest",
]

MAX_ENTRIES = 20_000
MAX_TOTAL = 2_000_000_000  # uncompressed bytes, all entries
MAX_RATIO = 200  # uncompressed / compressed, for entries over RATIO_FLOOR bytes
RATIO_FLOOR = 1_000_000
MAX_XML = 10_000_000  # the manifest
MAX_HTML = 20_000_000  # the launch page
MAX_IMAGE = 30_000_000  # an image read for the quality rule
MAX_PROBLEMS = 20  # findings of one kind (missing files…) before "and N more"


class _Refused(Exception):
    def __init__(self, variant: str, problem: str = "") -> None:
        super().__init__(variant)
        self.variant = variant
        self.problem = problem


@dataclass
class Package:
    """An open SCORM zip: its entries, read on demand under caps."""

    path: Path
    zf: zipfile.ZipFile
    entries: dict[str, zipfile.ZipInfo]
    size: int  # uncompressed bytes
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def read(self, name: str, cap: int) -> bytes:
        """The entry's bytes; raises ValueError when it is bigger than ``cap`` or damaged."""
        info = self.entries[name]
        if info.file_size > cap:
            raise ValueError(f"{name}: {info.file_size} bytes > {cap}")
        with self._lock, self.zf.open(info) as f:
            data = f.read(cap + 1)  # never trust the declared size
        if len(data) > cap:
            raise ValueError(f"{name}: more than {cap} bytes")
        return data

    def reader(self, name: str, cap: int) -> Callable[[], bytes]:
        return lambda: self.read(name, cap)

    def close(self) -> None:
        self.zf.close()


@dataclass
class FolderPackage(Package):
    """A web publish (or an unzipped SCORM package) as a folder: the same reader over files.
    Symbolic links are refused (OQ203) like in a zip, so nothing outside the folder is read."""

    def read(self, name: str, cap: int) -> bytes:
        info = self.entries[name]
        with open(self.path / name, "rb") as f:
            data = f.read(cap + 1)
        if len(data) > cap or info.file_size > cap:
            raise ValueError(f"{name}: more than {cap} bytes")
        return data

    def close(self) -> None:
        pass


def open_folder(path: Path) -> Package:
    """Open a folder as a package, under the same limits as a zip (OQ202, OQ203)."""
    entries: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for dirpath, dirnames, filenames in os.walk(path, followlinks=False):
        here = Path(dirpath)
        for name in [*dirnames, *filenames]:
            if (here / name).is_symlink():
                rel = (here / name).relative_to(path).as_posix()
                raise _refuse(path, "OQ203", target=rel)
        for name in filenames:
            full = here / name
            rel = full.relative_to(path).as_posix()
            info = zipfile.ZipInfo(rel)
            info.file_size = full.stat().st_size
            total += info.file_size
            entries[rel] = info
            if len(entries) > MAX_ENTRIES:
                raise _refuse(path, "OQ202", problem=f"> {MAX_ENTRIES} entries")
            if total > MAX_TOTAL:
                raise _refuse(path, "OQ202", problem=f"> {MAX_TOTAL // 1_000_000} MB")
    return FolderPackage(path, zipfile.ZipFile(io.BytesIO(_EMPTY_ZIP)), entries, total)


_EMPTY_ZIP = b"PK\x05\x06" + b"\x00" * 18


def is_web_folder(path: Path) -> bool:
    """A folder that is a publish, not an Oqu source: no der.yaml, no Markdown, a manifest or
    an index.html."""
    return (
        path.is_dir()
        and not (path / "der.yaml").exists()
        and not any(path.glob("*.md"))
        and ((path / MANIFEST_NAME).is_file() or (path / "index.html").is_file())
    )


def _refuse(path: Path, code: str, **args: str) -> SourceUnreadable:
    return SourceUnreadable(diag(code, str(path), path=str(path), **args))  # type: ignore[arg-type]


_LIMITS = Limits(entries=MAX_ENTRIES, total=MAX_TOTAL, ratio=MAX_RATIO, ratio_floor=RATIO_FLOOR)
_CODES = {"damaged": "OQ200", "duplicate": "OQ200", "encrypted": "OQ201", "bomb": "OQ202"}


def open_package(path: Path, file: IO[bytes] | None = None) -> Package:
    """Open a SCORM zip (``path``, or ``file`` already open, ``path`` then only names it) or
    raise :class:`SourceUnreadable` with OQ200–OQ203 (judged by
    :func:`oqu.sources.safezip.open_zip`)."""
    try:
        safe = open_zip(path if file is None else file, _LIMITS)
    except ZipRefused as e:
        if e.reason == "unsafe":
            raise _refuse(path, "OQ203", target=e.target) from None
        if e.reason == "encrypted":
            raise _refuse(path, "OQ201", target=e.target) from None
        raise _refuse(path, _CODES[e.reason], problem=e.problem) from None
    return Package(path, safe.zf, safe.entries, safe.size)


# --- the manifest -------------------------------------------------------------------------


@dataclass
class Manifest:
    root: etree._Element | None
    version: str  # "1.2" | "2004" | ""
    schemaversion: str
    launch: str  # path inside the package, "" when none
    listed: set[str]
    items: list[tuple[int, str, bool]]  # (depth, title, launchable)
    problems: list[tuple[str, str, dict[str, str]]]


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _ns(tag: object) -> str:
    return etree.QName(tag).namespace or "" if isinstance(tag, str) else ""


def _detect_version(root: etree._Element, schemaversion: str) -> str:
    sv = schemaversion.strip().lower()
    if sv == "1.2":
        return "1.2"
    if "2004" in sv or "cam 1.3" in sv:
        return "2004"
    nss = {_ns(root.tag), *root.nsmap.values()}
    if ADLCP12 in nss or CP12 in nss:
        return "1.2"
    if ADLCP2004 in nss:
        return "2004"
    return ""


def _resolve(base: str, href: str) -> str | None:
    """A package path, or None when the reference leaves the package (or is a URL)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    rel = unquote(parts.path)
    if not rel:
        return ""
    joined = posixpath.join(base, rel) if base else rel
    if joined.startswith("/") or "\\" in joined:
        return None
    norm = posixpath.normpath(joined)
    if norm == ".." or norm.startswith("../") or re.match(r"^[A-Za-z]:", norm):
        return None
    return norm


def read_manifest(pkg: Package) -> Manifest:
    m = Manifest(None, "", "", "", set(), [], [])
    if MANIFEST_NAME not in pkg.entries:
        nested = [n for n in pkg.entries if n.endswith("/" + MANIFEST_NAME)]
        m.problems.append(("no-manifest", nested[0] if nested else "", {}))
        return m
    try:
        data = pkg.read(MANIFEST_NAME, MAX_XML)
    except (ValueError, zipfile.BadZipFile, OSError) as e:
        m.problems.append(("xml", MANIFEST_NAME, {"problem": str(e)}))
        return m
    try:
        root = parse_xml(data)
    except (etree.XMLSyntaxError, XMLRefused) as e:
        text = str(e)
        variant = "encoding" if "ncoding" in text or "UTF-8" in text or "Char" in text else "xml"
        m.problems.append((variant, MANIFEST_NAME, {"problem": text[:300]}))
        return m
    m.root = root
    if _local(root.tag) != "manifest":
        m.problems.append(("xml", MANIFEST_NAME, {"problem": f"root element <{_local(root.tag)}>"}))
        return m
    sv = next((el.text or "" for el in root.iter() if _local(el.tag) == "schemaversion"), "")
    m.schemaversion = sv
    m.version = _detect_version(root, sv)
    if not m.version:
        m.problems.append(("version", MANIFEST_NAME, {"found": sv or "-"}))

    resources: dict[str, tuple[str, str]] = {}  # id -> (base, href)
    outside: list[str] = []
    for res_group in (el for el in root if _local(el.tag) == "resources"):
        gbase = res_group.get("{http://www.w3.org/XML/1998/namespace}base", "")
        for res in (el for el in res_group if _local(el.tag) == "resource"):
            rbase = res.get("{http://www.w3.org/XML/1998/namespace}base", "")
            base = posixpath.join(gbase, rbase) if gbase or rbase else ""
            href = res.get("href")
            rid = res.get("identifier", "")
            if href:
                resources[rid] = (base, href)
            for f in (el for el in res if _local(el.tag) == "file"):
                fh = f.get("href", "")
                target = _resolve(base, fh)
                if target is None:
                    outside.append(fh)
                elif target:
                    m.listed.add(target)
    for target in outside[:MAX_PROBLEMS]:
        m.problems.append(("outside", MANIFEST_NAME, {"target": target}))

    def walk(el: etree._Element, depth: int) -> None:
        for item in (x for x in el if _local(x.tag) == "item"):
            title_el = next((x for x in item if _local(x.tag) == "title"), None)
            ref = item.get("identifierref", "")
            m.items.append(
                (
                    depth,
                    (title_el.text or "").strip() if title_el is not None else "",
                    ref in resources,
                )
            )
            walk(item, depth + 1)

    for orgs in (el for el in root if _local(el.tag) == "organizations"):
        for org in (el for el in orgs if _local(el.tag) == "organization"):
            walk(org, 0)
    launch_ref = None
    for el in root.iter():
        if _local(el.tag) == "item" and el.get("identifierref") in resources:
            launch_ref = resources[el.get("identifierref", "")]
            break
    if launch_ref is None and resources:
        launch_ref = next(iter(resources.values()))
    if launch_ref is None:
        m.problems.append(("no-sco", MANIFEST_NAME, {}))
    else:
        target = _resolve(*launch_ref)
        if target is None:
            m.problems.append(("outside", MANIFEST_NAME, {"target": launch_ref[1]}))
        else:
            m.launch = target
            if target not in pkg.entries:
                m.problems.append(("launch", MANIFEST_NAME, {"target": target}))
    for base, href in resources.values():
        target = _resolve(base, href)
        if target is None and (base, href) != launch_ref:
            m.problems.append(("outside", MANIFEST_NAME, {"target": href}))
    missing = sorted(name for name in m.listed if name not in pkg.entries)
    for name in missing[:MAX_PROBLEMS]:
        m.problems.append(("missing", MANIFEST_NAME, {"target": name}))
    if len(missing) > MAX_PROBLEMS:
        more = len(missing) - MAX_PROBLEMS
        m.problems.append(("missing", MANIFEST_NAME, {"target": f"… (+{more})"}))
    unlisted = sorted(
        n
        for n in pkg.entries
        if n not in m.listed and n != MANIFEST_NAME and not n.lower().endswith((".xsd", ".dtd"))
    )
    if unlisted and m.listed:
        m.problems.append(
            ("unlisted", "", {"count": str(len(unlisted)), "examples": ", ".join(unlisted[:3])})
        )
    if m.version:
        for problem in validate_manifest(root, m.version):
            m.problems.append(("schema", MANIFEST_NAME, {"version": m.version, "problem": problem}))
    if m.version == "2004":
        m.problems.append(("scorm2004-moodle", MANIFEST_NAME, {}))
    return m


# --- schema validation (xmlschema, XSD 1.1 mode; see STACK.md) -----------------------------


def _schema(version: str) -> Any:
    return compiled_schema("scorm12" if version == "1.2" else "scorm2004")


def validate_manifest(root: etree._Element, version: str, limit: int = 5) -> list[str]:
    """Schema errors (at most ``limit``) of a manifest against the official XSDs."""
    expected = CP12 if version == "1.2" else CP2004
    if _ns(root.tag) != expected:
        return [f"root namespace {_ns(root.tag) or '(none)'}, expected {expected}"]
    out: list[str] = []
    for err in _schema(version).iter_errors(root):
        reason = (err.reason or str(err)).splitlines()[0]
        where = getattr(err, "path", "") or ""
        out.append(f"{where}: {reason}"[:300] if where else reason[:300])
        if len(out) >= limit:
            break
    return out


# --- which tool made it ----------------------------------------------------------------------

_SLIDE_FILE = re.compile(r"(?:^|/)data/slide(\d+)\.(?:js|css|xml|html)$", re.I)


def detect_tool(names: set[str], launch_head: str, manifest_head: str) -> str:
    """The authoring tool, from file names and markers (see docs/checker.md)."""
    low = {n.lower() for n in names}
    html = launch_head.lower()
    man = manifest_head.lower()
    if 'name="generator" content="oqu"' in html and 'id="oqu-data"' in html:
        return "oqu"
    if "ispring" in html or "ispring" in man or any("ispring" in n for n in low):
        return "ispring"
    if any(_SLIDE_FILE.search(n) for n in low) and {"res/index.html", "index.html"} & low:
        return "ispring"
    if any(n.startswith("story_content/") for n in low) or "story.html" in low:
        return "storyline"
    if any(n.startswith("scormcontent/") for n in low) and any("rise" in n for n in low):
        return "rise"
    if "assets/js/cpm.js" in low or "captivate" in html:
        return "captivate"
    if any(re.match(r"(?:.*/)?course/[^/]+/components\.json$", n) for n in low):
        return "adapt"
    if "adapt/js/adapt.min.js" in low or 'id="adapt"' in html:
        return "adapt"
    if "contentv3.xml" in low or (
        "content.xml" in low and any(n.startswith("idevices/") for n in low)
    ):
        return "exelearning"
    if any(posixpath.basename(n).startswith("exe_") for n in low) or "exelearning" in html:
        return "exelearning"
    if "imslrm.xml" in low and any(n.startswith("idevices/") for n in low):
        return "exelearning"
    if "h5p.json" in low or any(n.endswith("/h5p.json") for n in low) or "lumi" in html:
        return "h5p"
    if "h5p" in html:
        return "h5p"
    return ""


# --- facts ------------------------------------------------------------------------------------

MAX_DATA_FILE = 30_000_000  # a tool's data file (iSpring data/*.js, Adapt JSON, eXe XML)
#: Player chrome: images of the player's skin, libraries and controls, not of the content.
_CHROME = re.compile(
    r"(?:^|/)(?:skin|skins|player|lib|libs|vendor|icons?|controls?|buttons?|sprites?|fonts?"
    r"|css|lms|theme|themes|mobile|html5/lib|story_content/skins|_assets|libraries)/"
    r"|(?:^|/)[^/]*(?:icon|btn|button|bullet|sprite|arrow|favicon|spinner|loader)[^/]*$",
    re.I,
)


_DATA_FILE = re.compile(r"(?:^|/)data/(?:slide|quiz|intr|scenario)(\d+)\.js$", re.I)


def _ispring_slide_files(subject: Subject, pkg: Package) -> None:
    """When the slide list cannot be decoded: iSpring writes one data file per slide, numbered
    by position (``data/slideN.js``, ``quizN.js``, ``intrN.js``, ``scenarioN.js``), so their
    count is the number of slides; what they hold stays unknown."""
    numbers = sorted({int(m.group(1)) for n in pkg.entries if (m := _DATA_FILE.search(n))})
    if numbers:
        loc = subject.location
        subject.slides = [SlideFact(n, "", "", "unknown", 0, 0, loc) for n in numbers]


def _web_launch(pkg: Package) -> str:
    """The launch page of a web publish without a manifest: ``index.html`` at the root, else
    the only HTML page at the root."""
    if "index.html" in pkg.entries:
        return "index.html"
    top = [n for n in pkg.entries if "/" not in n and n.lower().endswith((".html", ".htm"))]
    return top[0] if len(top) == 1 else ""


def _unread(subject: Subject, tool: str) -> None:
    """Say what a tool's package keeps where Oqu cannot read it."""
    if subject.package is not None and tool:
        subject.package.unread.append(_UNREAD.get(tool, f"{tool}: slides and questions"))


def _data_reader(pkg: Package) -> Callable[[str], bytes]:
    """A tool's data file by package path: KeyError when absent, ValueError when too big or
    damaged (a bad CRC, a broken deflate stream)."""

    def read(name: str) -> bytes:
        try:
            return pkg.read(name, MAX_DATA_FILE)
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as e:
            raise ValueError(str(e) or type(e).__name__) from None

    return read


def _adapt(subject: Subject, pkg: Package, launch: str, shown: str) -> None:
    from oqu.sources.tools import read_adapt

    read_adapt(subject, _data_reader(pkg), set(pkg.entries), shown)


def _exe(subject: Subject, pkg: Package, launch: str, shown: str) -> None:
    from oqu.sources.tools import read_exe

    read_exe(subject, _data_reader(pkg), set(pkg.entries), shown)


_FOREIGN_READERS: dict[str, Callable[[Subject, Package, str, str], None]] = {
    "adapt": _adapt,
    "exelearning": _exe,
}

_UNREAD = {
    "ispring": "iSpring: the launch page could not be read",
    "storyline": "Storyline: slides, interactions and quizzes are in story_content/ (data.js, "
    "frame.xml, compiled JavaScript whose layout is not documented): not read",
    "rise": "Rise: the course is compiled into scormcontent/lib/main.bundle.js (lessons, blocks "
    "and knowledge checks are not read)",
    "captivate": "Captivate: slides and quizzes are compiled into assets/js/CPM.js (not read)",
    "h5p": "H5P: content.json of each library (not read)",
}


def package_subject(pkg: Package, shown: str) -> Subject:
    """The facts a package reveals; what it hides stays UNKNOWN."""
    man = read_manifest(pkg)
    launch = man.launch or _web_launch(pkg)  # a web publish (HTML5) has no manifest
    launch_html = ""
    if launch and launch in pkg.entries and launch.lower().endswith((".html", ".htm")):
        try:
            launch_html = pkg.read(launch, MAX_HTML).decode("utf-8", "replace")
        except (ValueError, zipfile.BadZipFile, OSError):
            launch_html = ""
    manifest_head = ""
    if man.root is not None:
        manifest_head = etree.tostring(man.root, encoding="unicode")[:20000]
    tool = detect_tool(set(pkg.entries), launch_html[:200_000], manifest_head)
    facts = PackageFacts(
        version=man.version,
        tool=tool,
        size=pkg.size,
        files=len(pkg.entries),
        launch=launch,
        problems=man.problems,
    )
    loc = Location(shown)
    title = next((t for _, t, _ in man.items if t), "")
    subject = Subject(kind="package", name=shown, title=title, package=facts, location=loc)
    # modular structure from the manifest's organization (what every tool reveals)
    if man.root is not None:
        modules: list[ModuleFact] = []
        units: list[UnitFact] = []
        for depth, item_title, launchable in man.items:
            if depth == 0 and not launchable:
                modules.append(ModuleFact(item_title, 0, Location(f"{shown}!{MANIFEST_NAME}")))
            elif launchable:
                if modules:
                    modules[-1].units += 1
                units.append(
                    UnitFact(item_title, "", 1, item_title, Location(f"{shown}!{MANIFEST_NAME}"))
                )
        subject.modules = modules
        subject.units = units
    subject.media = [
        MediaFact(
            n,
            media_kind(n),
            info.file_size,
            UNKNOWN,
            Location(f"{shown}!{n}"),
            read=pkg.reader(n, MAX_IMAGE) if media_kind(n) == "image" else None,
            role="chrome" if _CHROME.search(n) else "picture",
            shown_width=SLIDE_WIDTH if tool == "oqu" else None,
        )
        for n, info in sorted(pkg.entries.items())
        if media_kind(n) != "other"
    ]
    if tool == "oqu" and launch_html:
        _oqu_facts(subject, pkg, launch, launch_html, shown)
    elif tool == "ispring" and launch_html:
        from oqu.sources.ispring import fill_subject, read_ispring

        fill_subject(subject, read_ispring(_data_reader(pkg), launch, launch_html), launch, shown)
        if subject.slides is UNKNOWN:
            _ispring_slide_files(subject, pkg)
    elif tool in _FOREIGN_READERS:
        _FOREIGN_READERS[tool](subject, pkg, launch, shown)
    else:
        _unread(subject, tool)
    _layout_facts(subject, pkg, tool, shown)
    return subject


# --- layout: text over images, text styles (form 02) -----------------------------------------

MAX_LAYOUT_FILES = 300  # HTML/CSS files read for the layout facts
MAX_LAYOUT_BYTES = 2_000_000  # per file
_OPAQUE_TOOLS = ("storyline", "rise", "captivate")  # slide text lives in compiled JS data
_FAMILY = re.compile(r"font-family\s*:\s*([^;{}\"<>]+)", re.I)
_SIZE = re.compile(r"font-size\s*:\s*([^;{}\"<>]+)", re.I)
_GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "inherit",
            "initial", "unset", "revert", "emoji", "math"}  # fmt: skip
_PX = re.compile(r"(left|top|width|height)\s*:\s*(-?[\d.]+)px", re.I)
_BG_URL = re.compile(r"background(?:-image)?\s*:[^;]*url\(\s*['\"]?([^'\")]+)", re.I)


type _Box = tuple[float, float, float, float]  # left, top, width, height in CSS px


def _family(value: str) -> str:
    first = value.split(",")[0].strip().strip("'\"").strip().lower()
    return "" if first in _GENERIC or first.startswith("var(") else first


def _size(value: str) -> str:
    v = value.replace("!important", "").strip().lower()
    return "" if v in _GENERIC or v.startswith("var(") else re.sub(r"\.0+(?=[a-z%])", "", v)


def _box(style: str) -> _Box | None:
    if not re.search(r"position\s*:\s*absolute", style, re.I):
        return None
    found = {k.lower(): float(v) for k, v in _PX.findall(style)}
    if {"left", "top", "width", "height"} <= set(found):
        return (found["left"], found["top"], found["width"], found["height"])
    return None


def _covered(text: _Box, img: _Box) -> bool:
    """At least half of the text's box lies on the image."""
    w = min(text[0] + text[2], img[0] + img[2]) - max(text[0], img[0])
    h = min(text[1] + text[3], img[1] + img[3]) - max(text[1], img[1])
    return w > 0 and h > 0 and w * h >= 0.5 * text[2] * text[3] > 0


def _overlays(doc: etree._Element, where: Location) -> list[OverlayFact]:
    """Absolutely positioned text boxes on positioned images (siblings), and text inside an
    element whose background is an image."""
    out: list[OverlayFact] = []
    for parent in doc.iter():
        images: list[tuple[_Box, str]] = []
        texts: list[tuple[_Box, str]] = []
        for child in parent:
            if not isinstance(child.tag, str):
                continue
            box = _box(child.get("style", ""))
            if box is None:
                continue
            if child.tag == "img" or (bg := _BG_URL.search(child.get("style", ""))):
                src = child.get("src", "") if child.tag == "img" else bg.group(1)  # type: ignore[union-attr]
                images.append((box, src))
            elif words := _text(child):
                texts.append((box, words))
        for tbox, words in texts:
            for ibox, src in images:
                if _covered(tbox, ibox):
                    out.append(OverlayFact(words[:60], src, where))
                    break
    for el in doc.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "body"):
            continue
        bg = _BG_URL.search(el.get("style", ""))
        if bg and (words := _text(el)):
            out.append(OverlayFact(words[:60], bg.group(1), where))
    return out


def _layout_facts(subject: Subject, pkg: Package, tool: str, shown: str) -> None:
    """Text styles and text laid over images, from the slides' HTML and CSS where the tool
    writes slides as HTML/CSS. Oqu's player sets every style; tools that compile slides into
    JavaScript data hide both (UNKNOWN)."""
    if tool == "oqu":
        subject.overlays = []
        subject.text_styles = StyleFacts({}, {})
        return
    if tool in _OPAQUE_TOOLS:
        return
    html_names = sorted(n for n in pkg.entries if n.lower().endswith((".html", ".htm")))
    css_names = sorted(
        n for n in pkg.entries if _SLIDE_FILE.search(n) and n.lower().endswith(".css")
    )
    if tool == "ispring" and not any(_SLIDE_FILE.search(n) for n in html_names):
        html_names = []  # iSpring's slides are data/slideN.js: the launch page is the player
    families: dict[str, Location] = {}
    sizes: dict[str, Location] = {}
    overlays: list[OverlayFact] = []
    parser = lxml_html.HTMLParser(no_network=True, remove_comments=True, encoding="utf-8")
    for name in (html_names + css_names)[:MAX_LAYOUT_FILES]:
        try:
            text = pkg.read(name, MAX_LAYOUT_BYTES).decode("utf-8", "replace")
        except (ValueError, zipfile.BadZipFile, OSError):
            continue
        where = Location(f"{shown}!{name}")
        css = text
        if name in html_names and text.strip():
            doc = lxml_html.document_fromstring(text.encode("utf-8"), parser=parser)
            overlays.extend(_overlays(doc, where))
            inline = [el.get("style", "") for el in doc.iter() if isinstance(el.tag, str)]
            blocks = [_text(st) for st in doc.iter("style")]
            css = " ".join(inline + blocks)
        for m in _FAMILY.finditer(css):
            if fam := _family(m.group(1)):
                families.setdefault(fam, where)
        for m in _SIZE.finditer(css):
            if size := _size(m.group(1)):
                sizes.setdefault(size, where)
    if not html_names and not css_names:
        return  # nothing the slides are written in could be read: both stay UNKNOWN
    subject.text_styles = StyleFacts(families, sizes)
    if html_names:
        subject.overlays = overlays


def _text(el: etree._Element | None) -> str:
    if el is None:
        return ""
    return " ".join("".join(str(x) for x in el.itertext()).split())


def _xpath(el: etree._Element, expr: str) -> list[etree._Element]:
    found = el.xpath(expr)
    return [x for x in found if isinstance(x, etree._Element)] if isinstance(found, list) else []


def _cls(el: etree._Element, name: str) -> list[etree._Element]:
    """Descendants (or self) whose class attribute holds ``name``."""
    return _xpath(
        el,
        f'descendant-or-self::*[contains(concat(" ", normalize-space(@class), " "), " {name} ")]',
    )


def _oqu_facts(subject: Subject, pkg: Package, launch: str, page: str, shown: str) -> None:
    """A package Oqu built: index.html carries the slides, elements and tests."""
    import json

    parser = lxml_html.HTMLParser(no_network=True, remove_comments=True)
    doc = lxml_html.document_fromstring(page.encode("utf-8"), parser=parser)
    where = Location(f"{shown}!{launch}")
    data: dict[str, Any] = {}
    for script in doc.iter("script"):
        if script.get("id") == "oqu-data":
            try:
                loaded = json.loads(script.text or "{}")
            except ValueError:
                loaded = {}
            data = loaded if isinstance(loaded, dict) else {}
    subject.title = str(data.get("title") or subject.title)
    subject.language = str(data.get("lang") or "")
    slides: list[SlideFact] = []
    interactions: list[InteractionFact] = []
    quizzes: list[QuizFact] = []
    images: list[ImageUse] = []
    ids = {el.get("id") for el in doc.iter() if el.get("id")}
    # the player builds the glossary from oqu-data: its entries' ids are link targets too
    ids |= {str(g.get("id")) for g in data.get("glossary") or [] if isinstance(g, dict)}
    links: list[LinkFact] = []
    unit_text: dict[str, list[str]] = {}
    unit_first_title: dict[str, str] = {}
    for n, sec in enumerate(_cls(doc, "oqu-slide"), start=1):
        sloc = Location(f"{shown}!{launch}", path_line(sec))
        kind_attr = sec.get("data-kind", "content")
        h2 = next(iter(_cls(sec, "oqu-slide-title")), None)
        title = _text(h2)
        n_inter = 0
        for el in _cls(sec, "oqu-interaction"):
            n_inter += 1
            intro = _cls(el, "oqu-intro")
            items = _cls(el, "oqu-item-body")
            has_text = any(_text(x) for x in [*intro, *items])
            has_visual = bool(_xpath(el, ".//img|.//video|.//audio"))
            interactions.append(
                InteractionFact(
                    el.get("data-kind", ""), el.get("data-title", ""), has_text, has_visual, n, sloc
                )
            )
        n_quiz = 0
        for form in _cls(sec, "oqu-quiz"):
            n_quiz += 1
            qs = [QuestionFact(q.get("data-type", "")) for q in _cls(form, "oqu-question")]
            quizzes.append(QuizFact(form.get("data-final") == "true", qs, n, sloc))
        kind: SlideKind = "content"
        if kind_attr == "title":
            kind = "title"
        elif kind_attr == "contents":
            kind = "contents"
        if kind == "content" and n_quiz and not n_inter:
            kind = "test"
        text = _text(sec)
        slides.append(SlideFact(n, title, text, kind, n_inter, n_quiz, sloc))
        unit = sec.get("data-unit", "")
        if unit:
            unit_text.setdefault(unit, []).append(text)
            unit_first_title.setdefault(unit, title)
        if kind != "title":
            for img in sec.iter("img"):
                images.append(ImageUse(img.get("src", ""), img.get("alt", ""), "", sloc))
        for a in sec.iter("a"):
            href = a.get("href", "")
            if href.startswith("#") and len(href) > 1:
                links.append(LinkFact(href, href[1:] in ids, sloc))
        for el in _xpath(sec, ".//img|.//video|.//audio|.//track|.//source"):
            src = el.get("src", "")
            if src and not src.startswith(("data:", "http:", "https:")):
                target = _resolve(posixpath.dirname(launch), src)
                links.append(LinkFact(src, bool(target) and target in pkg.entries, sloc))
    title_sec = next((s for s in _cls(doc, "oqu-slide") if s.get("data-kind") == "title"), None)
    if title_sec is not None:

        def field_text(cls: str) -> str | None:
            el = next(iter(_cls(title_sec, cls)), None)
            if el is None:
                return None
            spans = el.findall("span")
            full = _text(el)
            return full.replace(_text(spans[0]), "", 1).strip() if spans else full

        author = next(iter(_cls(title_sec, "oqu-author")), None)
        author_parts = [p.strip() for p in _text(author).split(",")] if author is not None else []
        mail = _xpath(title_sec, './/a[starts-with(@href, "mailto:")]')
        subject.title_slide = TitleFacts(
            discipline=field_text("oqu-discipline"),
            author=author_parts[0] if author_parts else None,
            department=field_text("oqu-department"),
            date=field_text("oqu-date"),
            university=field_text("oqu-university"),
            faculty=field_text("oqu-faculty"),
            position=author_parts[1] if len(author_parts) > 1 else None,
            degree=author_parts[2] if len(author_parts) > 2 else None,
            email=mail[0].get("href", "")[7:] if mail else None,
            photo="img" if _xpath(title_sec, ".//img") else None,
            location=where,
        )
    contents = next((s for s in _cls(doc, "oqu-slide") if s.get("data-kind") == "contents"), None)
    subject.contents_topics = (
        [_text(li) for li in contents.iter("li")] if contents is not None else None
    )
    subject.slides = slides
    subject.interactions = interactions
    subject.quizzes = quizzes
    subject.images = images
    subject.links = links
    glossary = data.get("glossary") or []
    subject.glossary = [str(g.get("term", "")) for g in glossary if isinstance(g, dict)]
    subject.units = [
        UnitFact(unit_first_title[u], "", len(texts), " ".join(texts), where)
        for u, texts in unit_text.items()
    ]
    if isinstance(data.get("type"), str):
        subject.der_type = data["type"]
    if isinstance(data.get("lecture_plan"), list):
        subject.lecture_plan = [str(x) for x in data["lecture_plan"]]
    credits = data.get("credits")
    if isinstance(credits, dict):  # the package records each media file's source and licence
        for m in known(subject.media) or []:
            c = credits.get(m.path)
            m.credit = Credit(str(c["source"]), str(c["licence"])) if isinstance(c, dict) else None
    refs = data.get("references")
    if isinstance(refs, dict):
        subject.references_basic = [str(x) for x in refs.get("basic") or []]
        subject.references_additional = [str(x) for x in refs.get("additional") or []]
    modules = data.get("modules")
    if isinstance(modules, list):  # the outline the player shows: modules → units
        subject.modules = [
            ModuleFact(str(m.get("title", "")), len(m.get("units") or []), where)
            for m in modules
            if isinstance(m, dict)
        ]
    else:  # packages built before the outline existed
        subject.modules = UNKNOWN
    subject.navigation = Navigation(
        contents=contents is not None,
        search=bool(data.get("search")),
        glossary=bool(glossary),
        media_access=bool(images) or any(i.has_visual for i in interactions),
        contact_email=str(data["contact"]) if data.get("contact") else None,
    )


def path_line(el: etree._Element) -> int:
    line = getattr(el, "sourceline", None)
    return line if isinstance(line, int) else 0
