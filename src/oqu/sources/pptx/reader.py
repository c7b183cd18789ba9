"""Read a presentation (already checked by :mod:`.guard`) into plain data, slide by slide.

For every slide: its title, its text shapes (with position, so callouts can become hotspots),
pictures (bytes at full resolution, alt text), tables, charts (as tables of their data),
SmartArt (its text), embedded audio and video, speaker notes, and the reasons the slide's
layout cannot be expressed in Markdown (SmartArt, charts, groups, freeforms, OLE objects,
vector pictures) — those slides are rendered to a picture when LibreOffice is there.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from lxml import etree
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.oxml import parse_xml
from pptx.presentation import Presentation
from pptx.shapes.base import BaseShape
from pptx.slide import Slide

from oqu.sources.pptx.guard import is_local_target
from oqu.sources.pptx.text import A, Bullet, Para, R, esc, paragraph

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
P14 = "{http://schemas.microsoft.com/office/powerpoint/2010/main}"
DGM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
_CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"

# Image formats the player shows as they are; others are converted (raster) or need rendering.
_WEB_IMAGES = {"png": "png", "jpg": "jpg", "jpeg": "jpg", "gif": "gif"}
_CONVERTIBLE = {"bmp", "tif", "tiff", "wdp"}
_VECTOR = {"emf", "wmf"}
_VIDEO_OK = {"mp4", "m4v", "webm"}
_AUDIO_OK = {"mp3", "m4a", "ogg", "oga", "wav"}
_CALLOUT_TYPES = {
    "wedgeRectCallout",
    "wedgeRoundRectCallout",
    "wedgeEllipseCallout",
    "cloudCallout",
    "borderCallout1",
    "borderCallout2",
    "borderCallout3",
    "accentCallout1",
    "accentCallout2",
    "accentCallout3",
    "callout1",
    "callout2",
    "callout3",
    "accentBorderCallout1",
    "accentBorderCallout2",
    "accentBorderCallout3",
}
MAX_IMAGE_PIXELS = 40_000_000  # what the build accepts (oqu.packaging.media.MAX_MEGAPIXELS)


@dataclass(slots=True)
class Box:
    left: float
    top: float
    width: float
    height: float

    @property
    def cx(self) -> float:
        return self.left + self.width / 2

    @property
    def cy(self) -> float:
        return self.top + self.height / 2

    def contains(self, x: float, y: float) -> bool:
        return self.left <= x <= self.left + self.width and self.top <= y <= self.top + self.height


@dataclass(slots=True)
class TextShape:
    paras: list[Para]
    box: Box
    callout: bool = False
    tail: tuple[float, float] | None = None  # where a callout points
    placeholder: str = ""  # "title", "subtitle", "body", "" for a plain text box
    shape_id: int = 0
    geometry: str = ""  # the preset ("rect", "chevron", …), "custom" for a freeform

    @property
    def plain(self) -> str:
        return "\n".join(p.plain for p in self.paras if p.plain)


@dataclass(slots=True)
class Picture:
    path: str  # media/… inside the output ("" when not usable)
    alt: str
    box: Box
    name: str


@dataclass(slots=True)
class Connector:
    """A line between two shapes (an org chart's, a flow chart's): its ends and what they join."""

    begin: tuple[float, float]
    end: tuple[float, float]
    begin_id: int | None
    end_id: int | None


@dataclass(slots=True)
class Media:
    kind: str  # "video" or "audio"
    path: str
    poster: str | None
    playable: bool
    box: Box


@dataclass(slots=True)
class SlideData:
    number: int
    title: str
    title_md: str
    texts: list[TextShape] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    tables: list[list[str]] = field(default_factory=list)  # Markdown lines per table
    media: list[Media] = field(default_factory=list)
    notes: list[Para] = field(default_factory=list)
    complex: list[str] = field(default_factory=list)  # why the slide should be rendered
    extra_text: list[str] = field(default_factory=list)  # SmartArt text (Markdown lines)
    local_links: list[str] = field(default_factory=list)
    unplayable: list[str] = field(default_factory=list)
    linked_media: list[str] = field(default_factory=list)  # video/audio outside the deck
    no_alt: list[str] = field(default_factory=list)
    merged_cells: bool = False
    rendered: str | None = None  # media/slide-NN.png once rendered
    hidden: bool = False  # not shown in the slide show (nor in LibreOffice's PDF)
    connectors: list[Connector] = field(default_factory=list)
    tree: list[tuple[int, TextShape]] = field(default_factory=list)  # an org chart: depth, box
    tree_failed: str = ""  # why shapes joined by connectors could not become a tree


@dataclass(slots=True)
class Deck:
    slides: list[SlideData]
    files: dict[str, bytes]  # media/… → bytes
    width: int
    height: int
    core_created: str | None
    core_title: str | None
    core_author: str | None


class _Files:
    """Media files to write, named by slide, de-duplicated by content."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self._by_hash: dict[str, str] = {}

    def add(self, stem: str, ext: str, data: bytes) -> str:
        digest = hashlib.sha256(data).hexdigest()
        if digest in self._by_hash:
            return self._by_hash[digest]
        name = f"media/{stem}.{ext}"
        n = 2
        while name in self.files:
            name = f"media/{stem}-{n}.{ext}"
            n += 1
        self.files[name] = data
        self._by_hash[digest] = name
        return name


def _box(shape: BaseShape) -> Box:
    return Box(
        float(shape.left or 0),
        float(shape.top or 0),
        float(shape.width or 0),
        float(shape.height or 0),
    )


def _links(sink: list[str]) -> Any:
    def policy(address: str) -> str | None:
        a = address.strip()
        low = a.lower()
        if low.startswith(("http://", "https://", "mailto:")):
            return a
        if is_local_target(a):
            sink.append(a)
        return None

    return policy


def read_deck(prs: Presentation) -> Deck:
    files = _Files()
    slides: list[SlideData] = []
    for n, slide in enumerate(prs.slides, start=1):
        slides.append(_slide(n, slide, files))
    core = prs.core_properties
    created = core.created or core.modified
    return Deck(
        slides,
        files.files,
        int(prs.slide_width or 9144000),
        int(prs.slide_height or 6858000),
        created.date().isoformat() if created else None,
        core.title or None,
        core.author or None,
    )


def _slide(n: int, slide: Slide, files: _Files) -> SlideData:
    links: list[str] = []
    policy = _links(links)
    title_shape = slide.shapes.title
    title, title_md = "", ""
    if title_shape is not None and title_shape.has_text_frame:
        paras = [
            paragraph(p, default_bullet="none", links=policy)
            for p in title_shape.text_frame.paragraphs
        ]
        title = " ".join(p.plain for p in paras if p.plain).strip()
        title_md = esc(title)
    data = SlideData(n, title, title_md)
    data.hidden = slide._element.get("show") in ("0", "false")
    for shape, depth in _walk(slide.shapes, data):
        if title_shape is not None and not depth and shape.shape_id == title_shape.shape_id:
            continue
        _shape(shape, data, files, policy)
    if slide.has_notes_slide:
        tf = slide.notes_slide.notes_text_frame
        if tf is not None:
            data.notes = [paragraph(p, default_bullet="none", links=policy) for p in tf.paragraphs]
    data.local_links = links
    data.texts.sort(key=lambda t: (round(t.box.top / 100000), t.box.left))
    data.pictures.sort(key=lambda p: (round(p.box.top / 100000), p.box.left))
    return data


def _walk(shapes: Any, data: SlideData, depth: int = 0) -> Iterator[tuple[Any, int]]:
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            if depth == 0:
                data.complex.append("group")
            yield from _walk(shape.shapes, data, depth + 1)
        else:
            yield shape, depth


def _shape(shape: Any, data: SlideData, files: _Files, policy: Any) -> None:
    el = shape._element
    if el.tag == f"{P}cxnSp":
        _connector(shape, data)
        return
    # audio/video first: a movie is a p:pic with a poster image
    if el.tag == f"{P}pic" and _media_element(el) is not None:
        _movie(shape, data, files)
        return
    if shape.shape_type == MSO_SHAPE_TYPE.PICTURE or (
        shape.is_placeholder and hasattr(shape, "image") and el.tag == f"{P}pic"
    ):
        _picture(shape, data, files)
        return
    if getattr(shape, "has_table", False) and shape.has_table:
        data.tables.append(_table(shape.table, policy, data))
        return
    if getattr(shape, "has_chart", False) and shape.has_chart:
        data.complex.append("chart")
        data.tables.append(_chart_table(shape.chart))
        return
    gd = el.find(f".//{A}graphicData")
    if gd is not None and gd.get("uri") == DGM:
        data.complex.append("SmartArt")
        data.extra_text.extend(_smartart_text(shape, el))
        return
    box = _box(shape)
    freeform_tip = _freeform_tip(el, box) if getattr(shape, "has_text_frame", False) else None
    if (
        freeform_tip is None
        and shape.shape_type
        in (
            MSO_SHAPE_TYPE.FREEFORM,
            MSO_SHAPE_TYPE.EMBEDDED_OLE_OBJECT,
            MSO_SHAPE_TYPE.LINKED_OLE_OBJECT,
            MSO_SHAPE_TYPE.INK,
        )
    ) or (gd is not None and gd.get("uri") != _CHART):
        data.complex.append(str(shape.shape_type).split(".")[-1].split(" ")[0].lower())
    if not getattr(shape, "has_text_frame", False) or not shape.has_text_frame:
        return
    kind = ""
    default: Bullet = "none"
    if shape.is_placeholder:
        pt = shape.placeholder_format.type
        if pt in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE):
            kind = "title"
        elif pt == PP_PLACEHOLDER.SUBTITLE:
            kind = "subtitle"
        elif pt in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.VERTICAL_BODY):
            kind, default = "body", "bullet"
        elif pt in (PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.DATE):
            return
    paras = [
        paragraph(p, default_bullet=default, links=policy) for p in shape.text_frame.paragraphs
    ]
    if not any(p.plain for p in paras):
        return
    geom = el.find(f".//{A}prstGeom")
    prst = geom.get("prst") if geom is not None else ""
    if geom is None and el.find(f".//{A}custGeom") is not None:
        prst = "custom"
    ts = TextShape(paras, box, placeholder=kind, shape_id=int(shape.shape_id), geometry=prst)
    if prst in _CALLOUT_TYPES:
        ts.callout = True
        ts.tail = _tail(geom, box)
    elif freeform_tip is not None:  # a callout saved as a freeform (LibreOffice, edited points)
        ts.callout = True
        ts.tail = freeform_tip
    data.texts.append(ts)


def _connector(shape: Any, data: SlideData) -> None:
    def joined(tag: str) -> int | None:
        found = shape._element.find(f"{P}nvCxnSpPr/{P}cNvCxnSpPr/{A}{tag}")
        try:
            return int(found.get("id")) if found is not None else None
        except (TypeError, ValueError):
            return None

    try:
        begin = (float(shape.begin_x), float(shape.begin_y))
        end = (float(shape.end_x), float(shape.end_y))
    except (TypeError, ValueError, AttributeError):
        return
    data.connectors.append(Connector(begin, end, joined("stCxn"), joined("endCxn")))


def _freeform_tip(el: Any, box: Box) -> tuple[float, float] | None:
    """Where a freeform callout points: the one vertex of its outline far outside the box of
    all the others (a label's rectangle or ellipse with a wedge), in slide coordinates.

    ``None`` when the outline has no such spike (a plain freeform), or several paths.
    """
    paths = el.findall(f"{P}spPr/{A}custGeom/{A}pathLst/{A}path")
    if len(paths) != 1 or box.width <= 0 or box.height <= 0:
        return None
    path = paths[0]
    try:
        w = float(path.get("w") or box.width)
        h = float(path.get("h") or box.height)
        points = [
            (
                box.left + float(pt.get("x")) / w * box.width,
                box.top + float(pt.get("y")) / h * box.height,
            )
            for pt in path.iter(f"{A}pt")
        ]
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if len(points) < 4:
        return None
    best: tuple[float, tuple[float, float]] | None = None
    for i, (x, y) in enumerate(points):
        others = points[:i] + points[i + 1 :]
        xs, ys = [p[0] for p in others], [p[1] for p in others]
        dx = max(min(xs) - x, x - max(xs), 0.0)
        dy = max(min(ys) - y, y - max(ys), 0.0)
        size = min(max(xs) - min(xs), max(ys) - min(ys))
        out = (dx * dx + dy * dy) ** 0.5
        if size > 0 and out > 0.25 * size and (best is None or out > best[0]):
            best = (out, (x, y))
    return best[1] if best else None


def _tail(geom: Any, box: Box) -> tuple[float, float]:
    """Where a wedge callout's tip points (adj1/adj2 are offsets from the centre, in 1/100000)."""
    adj = {gd.get("name"): gd.get("fmla", "") for gd in geom.iter(f"{A}gd")}
    try:
        a1 = float(adj.get("adj1", "val -20833").split()[-1]) / 100000
        a2 = float(adj.get("adj2", "val 62500").split()[-1]) / 100000
    except ValueError:
        a1, a2 = -0.20833, 0.625
    return box.cx + a1 * box.width, box.cy + a2 * box.height


_FILE_NAME = re.compile(
    r"^(?:.*[/\\])?[^/\\]+\.(?:png|jpe?g|gif|bmp|tiff?|webp|svg|emf|wmf|heic|mp4|wdp)$",
    re.IGNORECASE,
)


def _alt(el: Any) -> tuple[str, str]:
    """The picture's alt text — its description, else its title — and its shape name.

    Never a file name: PowerPoint and python-pptx write the inserted file's name as the
    description («handwash.jpg»), which says nothing to a screen reader's user (7.5).
    """
    c = el.find(f".//{P}cNvPr")
    if c is None:
        return "", ""
    alt = ""
    for attr in ("descr", "title"):
        value = " ".join((c.get(attr) or "").split())
        if value and not _FILE_NAME.match(value):
            alt = value
            break
    return alt, (c.get("name") or "").strip()


def _picture(shape: Any, data: SlideData, files: _Files) -> None:
    alt, name = _alt(shape._element)
    box = _box(shape)
    blip = shape._element.find(f".//{A}blip")
    if blip is not None and blip.get(f"{R}link") and not blip.get(f"{R}embed"):
        target = _rel_target(shape.part, blip.get(f"{R}link"))
        if is_local_target(target):
            data.local_links.append(target)
        else:
            data.unplayable.append(target)
        return
    try:
        image = shape.image
        blob, ext = image.blob, image.ext.lower()
    except (KeyError, AttributeError, ValueError):
        return
    stem = f"slide-{data.number:02d}-{len(data.pictures) + 1}"
    path = ""
    if ext in _WEB_IMAGES:
        blob = _fit(blob)
        path = files.add(stem, _WEB_IMAGES[ext], blob)
    elif ext in _CONVERTIBLE:
        png = _to_png(blob)
        if png is not None:
            path = files.add(stem, "png", png)
    if not path:
        kept = files.add(stem, ext, blob)
        data.unplayable.append(kept)
        if ext in _VECTOR:
            data.complex.append(ext)
        return
    if not alt:
        data.no_alt.append(path)
    data.pictures.append(Picture(path, alt, box, name))


def _fit(blob: bytes) -> bytes:
    """Full resolution, unless above what the build accepts: then scaled just below it."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(blob)) as im:
            w, h = im.size
            if w * h <= MAX_IMAGE_PIXELS:
                return blob
            scale = (MAX_IMAGE_PIXELS / (w * h)) ** 0.5 * 0.99
            fmt = im.format or "PNG"
            small = im.resize((int(w * scale), int(h * scale)))
            out = io.BytesIO()
            small.save(out, format=fmt)
            return out.getvalue()
    except Exception:  # Pillow's bomb guard, truncated files: keep the bytes, the build says
        return blob


def _to_png(blob: bytes) -> bytes | None:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(blob)) as im:
            out = io.BytesIO()
            im.save(out, format="PNG")
            return _fit(out.getvalue())
    except Exception:
        return None


def _media_element(el: Any) -> Any:
    nv = el.find(f"{P}nvPicPr/{P}nvPr")
    if nv is None:
        return None
    for tag in ("videoFile", "audioFile", "wavAudioFile", "quickTimeFile"):
        found = nv.find(f"{A}{tag}")
        if found is not None:
            return found
    return None


def _rel_target(part: Any, rid: str | None) -> str:
    if not rid:
        return ""
    rel = part.rels.get(rid) if hasattr(part.rels, "get") else None
    if rel is None:
        try:
            rel = part.rels[rid]
        except KeyError:
            return ""
    return str(rel.target_ref)


def _movie(shape: Any, data: SlideData, files: _Files) -> None:
    el = shape._element
    media_el = _media_element(el)
    kind = "audio" if media_el.tag in (f"{A}audioFile", f"{A}wavAudioFile") else "video"
    part = shape.part
    # the embedded copy (p14:media r:embed) is preferred to the a:videoFile link
    rid = None
    ext_media = el.find(f".//{P14}media")
    if ext_media is not None and ext_media.get(f"{R}embed"):
        rid = ext_media.get(f"{R}embed")
    link_rid = media_el.get(f"{R}link") or media_el.get(f"{R}embed")
    rels = part.rels
    blob, ext = None, ""
    for r in (rid, link_rid):
        if not r or r not in rels:
            continue
        rel = rels[r]
        if rel.is_external:
            target = str(rel.target_ref)
            (data.local_links if is_local_target(target) else data.unplayable).append(target)
            if target not in data.linked_media:
                data.linked_media.append(target)
            continue
        target_part = rel.target_part
        blob = target_part.blob
        ext = PurePosixPath(str(target_part.partname)).suffix.lstrip(".").lower()
        break
    if blob is None:
        return
    n = sum(1 for m in data.media if m.kind == kind) + 1
    stem = f"slide-{data.number:02d}-{kind}" + (f"-{n}" if n > 1 else "")
    path = files.add(stem, ext or "bin", blob)
    ok = ext in (_VIDEO_OK if kind == "video" else _AUDIO_OK)
    if not ok:
        data.unplayable.append(path)
    poster = None
    blip = el.find(f".//{A}blip")
    if kind == "video" and blip is not None and blip.get(f"{R}embed") in rels:
        rel = rels[blip.get(f"{R}embed")]
        if not rel.is_external:
            pext = PurePosixPath(str(rel.target_part.partname)).suffix.lstrip(".").lower()
            if pext in _WEB_IMAGES:
                poster = files.add(f"{stem}-poster", _WEB_IMAGES[pext], rel.target_part.blob)
    data.media.append(Media(kind, path, poster, ok, _box(shape)))


def _table(table: Any, policy: Any, data: SlideData) -> list[str]:
    rows: list[list[str]] = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            if cell.is_spanned:
                data.merged_cells = True
                cells.append("")
                continue
            if cell.is_merge_origin:
                data.merged_cells = True
            paras = [
                paragraph(p, default_bullet="none", links=policy)
                for p in cell.text_frame.paragraphs
            ]
            cells.append(" ".join(p.md.replace("\\\n", " ") for p in paras if p.md) or " ")
        rows.append(cells)
    if not rows:
        return []
    width = max(len(r) for r in rows)
    lines = []
    for i, r in enumerate(rows):
        r = r + [""] * (width - len(r))
        lines.append("| " + " | ".join(c.strip() or " " for c in r) + " |")
        if i == 0:
            lines.append("|" + " --- |" * width)
    return lines


def _chart_table(chart: Any) -> list[str]:
    """A chart's data as a table, so its numbers stay readable without the picture."""
    try:
        plot = chart.plots[0]
        cats = [str(c) for c in plot.categories]
        series = list(plot.series)
    except (IndexError, KeyError, AttributeError, ValueError):
        return []
    if not series:
        return []
    head = ["", *(esc(s.name or f"{i + 1}", block=False) for i, s in enumerate(series))]
    lines = ["| " + " | ".join(h or " " for h in head) + " |", "|" + " --- |" * len(head)]
    values = [list(s.values) for s in series]
    for i, cat in enumerate(cats or [str(i + 1) for i in range(len(values[0]))]):
        row = [esc(cat, block=False)] + [_num(v[i]) if i < len(v) else " " for v in values]
        lines.append("| " + " | ".join(row) + " |")
    return lines


def _num(v: object) -> str:
    if v is None:
        return " "
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return esc(str(v), block=False)


def _smartart_text(shape: Any, el: Any) -> list[str]:
    rel_ids = el.find(f".//{{{DGM}}}relIds")
    if rel_ids is None:
        return []
    rid = rel_ids.get(f"{R}dm")
    try:
        blob = shape.part.related_part(rid).blob
        root = parse_xml(blob)
    except (KeyError, AttributeError, ValueError, etree.XMLSyntaxError):
        return []
    lines = []
    for p in root.iter(f"{A}p"):
        text = "".join(t.text or "" for t in p.iter(f"{A}t")).strip()
        if text:
            lines.append(f"-  {esc(text)}")
    return lines
