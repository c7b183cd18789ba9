"""Checking and preparing the media files a resource uses.

Every file is read once, recognised by its content (never by its name), checked against the
role it plays (an image, a video, captions…) and against its extension, then prepared for the
package:

* raster images are refused above :data:`MAX_MEGAPIXELS` (judged from the header, before any
  decoding) and scaled down to :data:`MAX_SIDE` on their long side, re-encoded without
  metadata and byte-for-byte reproducibly; images that need no scaling keep their bytes;
* SVG is parsed with a hardened parser and stripped of scripts, event handlers and references
  that leave the document;
* audio, video and text are checked and kept as they are.

Problems become diagnostics (OQ106–OQ109, OQ117) at the place the file is used; nothing here
raises for bad input.
"""

from __future__ import annotations

import codecs
import re
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from lxml import etree

from oqu.diagnostics import Diagnostics, diag
from oqu.model.content import MediaRef
from oqu.paths import PathEscape, safe_path

if TYPE_CHECKING:
    from PIL import ImageFile

# Pillow is imported when the first raster image is met: a lesson drawn in SVG alone (most of
# them) does not pay its start-up (docs/benchmarks.md, "Start-up").

MAX_MEGAPIXELS = 40
MAX_SIDE = 1920

_MB = 1_000_000
_MAX_PIXELS = MAX_MEGAPIXELS * _MB

# Role → family of accepted content; family → {kind: extensions allowed for it}.
_FAMILY: dict[str, str] = {
    "image": "image",
    "poster": "image",
    "photo": "image",
    "video": "video",
    "audio": "audio",
    "captions": "captions",
    "transcript": "transcript",
}
_ACCEPT: dict[str, dict[str, tuple[str, ...]]] = {
    "image": {
        "png": (".png",),
        "jpeg": (".jpg", ".jpeg"),
        "webp": (".webp",),
        "gif": (".gif",),
        "xml": (".svg",),
    },
    "video": {"mp4": (".mp4", ".m4v"), "webm": (".webm",)},
    "audio": {
        "mp3": (".mp3",),
        "ogg": (".ogg", ".oga", ".opus"),
        "wav": (".wav",),
        "mp4": (".m4a",),
    },
    "captions": {"vtt": (".vtt",)},
    "transcript": {"text": (".txt", ".md"), "vtt": (".txt", ".md"), "xml": (".txt", ".md")},
}
_EXPECTED: dict[str, str] = {
    "image": "PNG/JPEG/WebP/GIF/SVG image",
    "video": "MP4/WebM video",
    "audio": "MP3/OGG/WAV/M4A audio",
    "captions": "WebVTT captions",
    "transcript": "UTF-8 text",
}
# Recommended size limits in MB (OQ117, a warning).
_SIZE_LIMIT: dict[str, int] = {"image": 1, "audio": 10, "video": 50}

# What a kind is called when we tell the author what the file really holds.
_KIND_NAME: dict[str, str] = {
    "png": "a PNG image",
    "jpeg": "a JPEG image",
    "webp": "a WebP image",
    "gif": "a GIF image",
    "bmp": "a BMP image",
    "tiff": "a TIFF image",
    "heic": "a HEIC/HEIF photo",
    "avif": "an AVIF image",
    "mp4": "an MP4/M4A file",
    "mov": "a QuickTime (MOV) video",
    "webm": "a WebM video",
    "matroska": "a Matroska (MKV) video",
    "mp3": "MP3 audio",
    "ogg": "an Ogg file",
    "wav": "WAV audio",
    "pdf": "a PDF document",
    "zip": "a ZIP archive (or DOCX/PPTX)",
    "vtt": "WebVTT text",
    "xml": "XML/SVG markup",
    "text": "text",
}

_RASTER = {"png", "jpeg", "webp", "gif"}


def _open_header(kind: str, data: bytes) -> ImageFile.ImageFile:
    """Pillow's plugin for ``kind`` on ``data``: we have recognised the content ourselves, so
    the plugin reads the header directly and Image.open's own bomb guard (a warning at ~89 MP)
    does not pre-empt ours."""
    from PIL import GifImagePlugin, JpegImagePlugin, PngImagePlugin, WebPImagePlugin

    plugin: dict[str, Callable[[BytesIO], ImageFile.ImageFile]] = {
        "png": PngImagePlugin.PngImageFile,
        "jpeg": JpegImagePlugin.JpegImageFile,
        "webp": WebPImagePlugin.WebPImageFile,
        "gif": GifImagePlugin.GifImageFile,
    }
    return plugin[kind](BytesIO(data))


_SAVE: dict[str, tuple[str, dict[str, Any]]] = {
    "png": ("PNG", {"compress_level": 6}),  # optimize=True: 3x the time for ~0.1% smaller
    "jpeg": ("JPEG", {"quality": 85, "optimize": True}),
    "webp": ("WEBP", {"quality": 85}),
    "gif": ("GIF", {"optimize": True}),
}

_BOM = b"\xef\xbb\xbf"


class _Refusal(Exception):
    """One file cannot be used: becomes the diagnostic ``code`` with ``details`` as arguments."""

    def __init__(self, code: str, **details: Any) -> None:
        super().__init__(code)
        self.code = code
        self.details = details


def _invalid(problem: str) -> _Refusal:
    return _Refusal("OQ108", problem=problem)


def process_media(root: Path, refs: Iterable[MediaRef], diags: Diagnostics) -> dict[str, bytes]:
    """Check and prepare every file ``refs`` name; return ``{path: bytes}`` for the good ones.

    Each distinct path is handled once, judged by the role and reported at the location of its
    first use.
    """
    first: dict[str, MediaRef] = {}
    for ref in refs:
        first.setdefault(ref.path, ref)
    out: dict[str, bytes] = {}
    for path, ref in first.items():
        loc = (ref.loc.file, ref.loc.line, ref.loc.column)
        family = _FAMILY[ref.role]
        try:
            data = _process_one(root, path, family)
        except _Refusal as r:
            args: dict[str, Any] = dict(r.details)
            if r.code == "OQ108":
                args["expected"] = _EXPECTED[family]
            diags.add(diag(r.code, *loc, target=path, **args))
            continue
        limit = _SIZE_LIMIT.get(family)
        if limit is not None and len(data) > limit * _MB:
            size = f"{len(data) / _MB:.1f}"
            diags.add(diag("OQ117", *loc, target=path, size=size, limit=limit))
        out[path] = data
    return dict(sorted(out.items()))


def _process_one(root: Path, path: str, family: str) -> bytes:
    try:
        file = safe_path(root, path)
    except PathEscape:
        raise _Refusal("OQ106") from None
    try:
        data = file.read_bytes()
    except OSError:  # missing, a directory, unreadable
        raise _Refusal("OQ107") from None

    kind = _sniff(data)
    accepted = _ACCEPT[family]
    if kind is None and family in ("captions", "transcript"):
        _utf8(data)  # the precise reason: the first byte that is not UTF-8, or a NUL
    if kind not in accepted:
        raise _invalid(f"the content is {_KIND_NAME[kind]}" if kind else "unrecognised content")
    ext = PurePosixPath(path).suffix.lower()
    if ext not in accepted[kind]:
        named = f"named {ext}" if ext else "the name has no extension"
        raise _invalid(f"{named} but the content is {_KIND_NAME[kind]}")

    if kind in _RASTER:
        return _raster(data, kind)
    if family == "image":  # XML in the image role: must be SVG
        return _sanitise_svg(data)
    if family == "captions":
        text = _utf8(data)
        if not re.match(r"WEBVTT(?:[ \t\r\n]|$)", text):
            raise _invalid('it does not start with "WEBVTT"')
    elif family == "transcript":
        _utf8(data)
    return data


def _sniff(data: bytes) -> str | None:
    """What the bytes are, from their signature; ``None`` when unrecognised."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "webp"
    if data.startswith(b"RIFF") and data[8:12] == b"WAVE":
        return "wav"
    if data[4:8] == b"ftyp":
        brand = data[8:12]
        if brand in (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1"):
            return "heic"
        if brand in (b"avif", b"avis"):
            return "avif"
        return "mov" if brand == b"qt  " else "mp4"
    if data.startswith(b"\x1a\x45\xdf\xa3"):  # EBML; the DocType says which
        return "webm" if b"webm" in data[:64] else "matroska"
    if data.startswith(b"OggS"):
        return "ogg"
    if data.startswith((b"\xff\xfe<\x00", b"\xfe\xff\x00<")):  # UTF-16 XML, not MPEG sync
        return "xml"
    if data.startswith(b"ID3") or _mpeg_frame_sync(data):
        return "mp3"
    if data.startswith(b"BM"):
        return "bmp"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    head = data[:1024]
    try:  # not final: the cut may fall inside a character
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return None
    if b"\x00" in head:
        return None
    head = head.removeprefix(_BOM).lstrip(b" \t\r\n")
    if head.startswith(b"WEBVTT"):
        return "vtt"
    if head.startswith(b"<"):
        return "xml"
    return "text"


def _mpeg_frame_sync(data: bytes) -> bool:
    """An MPEG audio frame header: 11 sync bits, a valid version, layer I–III (not AAC's 00)."""
    if len(data) < 2 or data[0] != 0xFF or data[1] & 0xE0 != 0xE0:
        return False
    return (data[1] >> 3) & 3 != 1 and (data[1] >> 1) & 3 != 0


def _utf8(data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise _invalid(f"not UTF-8 text (byte {e.start})") from None
    if "\x00" in text:
        raise _invalid("binary data (NUL bytes)")
    return text


# --- raster images ---------------------------------------------------------------------------


_STRICT = threading.Lock()


@contextmanager
def _strict_decoding() -> Iterator[None]:
    """Refuse truncated images whatever the process has set: WeasyPrint (imported by the
    portal for certificates) turns Pillow's global ``LOAD_TRUNCATED_IMAGES`` on at import."""
    from PIL import ImageFile

    with _STRICT:
        saved = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = saved


def _raster(data: bytes, kind: str) -> bytes:
    # Pillow warns (or, in frames of a GIF, may refuse) on decompression bombs; make the warning
    # an exception so it can never slip through as a mere message.
    from PIL import Image

    with _strict_decoding(), warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            im = _open_header(kind, data)  # reads the header only
            pixels = im.width * im.height
            if pixels > _MAX_PIXELS:
                raise _Refusal("OQ109", pixels=f"{pixels / _MB:.1f}", limit=MAX_MEGAPIXELS)
            if kind == "jpeg" and im.getexif().get(_ORIENTATION, 1) != 1:
                return _shrink(im, kind)  # turned upright: the orientation goes with the EXIF
            if max(im.size) <= MAX_SIDE or getattr(im, "is_animated", False):
                # Kept as they are (animations would lose their frames); only verified.
                if kind == "png":
                    im.verify()  # chunk CRCs up to IEND, without decoding
                else:
                    im.load()
                return _jpeg_without_metadata(data) if kind == "jpeg" else data
            return _shrink(im, kind)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _invalid("a frame is far larger than the image (decompression bomb)") from None
        except (OSError, SyntaxError, ValueError, EOFError, IndexError) as e:
            raise _invalid(str(e) or type(e).__name__) from None


_ORIENTATION = 0x0112  # the EXIF tag
# JPEG segments that carry metadata, not pixels: APP1 (EXIF with GPS position, camera serial,
# XMP), APP12 ("Ducky"), APP13 (IPTC/Photoshop: names, captions) and COM. APP0 (JFIF), APP2
# (the ICC colour profile) and APP14 (Adobe: how to read the colours) stay.
_JPEG_METADATA = frozenset({0xE1, 0xEC, 0xED, 0xFE})


def _jpeg_without_metadata(data: bytes) -> bytes:
    """The same JPEG, byte for byte the same image data, without its metadata segments: a
    photo taken on a phone keeps no GPS position in a package published to the world."""
    out, i = [data[:2]], 2  # SOI, checked by Pillow already
    while i + 4 <= len(data) and data[i] == 0xFF:
        if data[i + 1] == 0xFF:  # a fill byte before a marker
            i += 1
            continue
        marker = data[i + 1]
        if marker == 0xDA:  # start of scan: the entropy-coded image data and the rest
            break
        end = i + 2 + int.from_bytes(data[i + 2 : i + 4], "big")
        if marker not in _JPEG_METADATA:
            out.append(data[i:end])
        i = end
    out.append(data[i:])
    return b"".join(out)


def _shrink(im: ImageFile.ImageFile, kind: str) -> bytes:
    """Scale to at most MAX_SIDE on the long side, upright, without metadata, reproducibly."""
    from PIL import Image, ImageOps

    im.load()
    icc = im.info.get("icc_profile")
    upright = ImageOps.exif_transpose(im)
    # Pillow resizes palette and bilevel images by nearest neighbour only: widen them first.
    if upright.mode == "1":
        upright = upright.convert("L")
    elif upright.mode in ("P", "PA"):
        upright = upright.convert("RGBA" if upright.has_transparency_data else "RGB")
    if kind == "jpeg" and upright.mode not in ("L", "RGB", "CMYK"):
        upright = upright.convert("RGB")
    scale = min(1.0, MAX_SIDE / max(upright.size))
    size = (max(1, round(upright.width * scale)), max(1, round(upright.height * scale)))
    small = upright.resize(size, Image.Resampling.LANCZOS) if scale < 1 else upright.copy()
    small.info = {}  # EXIF, XMP, comments, text chunks: none survive
    fmt, options = _SAVE[kind]
    if icc:  # the colour profile is colour, not metadata
        options = {**options, "icc_profile": icc}
    buf = BytesIO()
    small.save(buf, format=fmt, **options)
    return buf.getvalue()


# --- SVG -------------------------------------------------------------------------------------

_SVG_NS = "http://www.w3.org/2000/svg"
# Elements that run code or embed other documents.
_DROP_ELEMENTS = frozenset(
    {"script", "foreignObject", "iframe", "embed", "object", "handler", "listener"}
)
_ANIMATIONS = frozenset({"set", "animate", "animateTransform", "animateMotion"})
# A reference that stays inside the file: "#id" or an embedded raster image.
_SAFE_REF = re.compile(r"#|data:image/(?:png|jpeg|webp|gif)[;,]", re.IGNORECASE)
_CSS_SUSPECT = re.compile(r"url\(|@import|image-set\(|\\", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*['"]?\s*([^'")]*)""", re.IGNORECASE)


def _sanitise_svg(data: bytes) -> bytes:
    if b"<!DOCTYPE" in data and b"<!ENTITY" in data:  # refused before libxml2 ever sees them
        raise _invalid("the DOCTYPE declares entities")
    parser = etree.XMLParser(  # a parser per document: lxml parsers are not shared safely
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        remove_pis=True,  # <?xml-stylesheet href=…?> would fetch a stylesheet
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise _invalid(f"XML error: {e.msg}") from None
    dtd = root.getroottree().docinfo.internalDTD
    # Also after parsing, for encodings the byte test above cannot see (UTF-16).
    # lxml-stubs 0.5 does not know DTD.iterentities().
    if dtd is not None and any(True for _ in dtd.iterentities()):  # type: ignore[union-attr]
        raise _invalid("the DOCTYPE declares entities")
    name = etree.QName(root)
    if name.localname != "svg":
        raise _invalid(f"the root element is <{name.localname}>, not <svg>")
    if name.namespace != _SVG_NS:
        raise _invalid(f'<svg> lacks xmlns="{_SVG_NS}"')

    for el in list(root.iter(etree.Element)):
        local = _local(el.tag)
        if local in _DROP_ELEMENTS or (local in _ANIMATIONS and _animates_unsafe(el)):
            _drop(el)
            continue
        if local == "style" and _unsafe_css("".join(el.itertext())):
            _drop(el)
            continue
        for attr, value in list(el.attrib.items()):
            if _unsafe_attribute(_local(attr).lower(), value):
                del el.attrib[attr]
    return etree.tostring(root, encoding="utf-8", xml_declaration=True)


def _local(name: str) -> str:
    """``{namespace}local`` → ``local`` (cheaper than ``etree.QName`` on every node)."""
    return name.rpartition("}")[2]


def _unsafe_attribute(local: str, value: str) -> bool:
    if local.startswith("on") or local == "base":  # event handlers; xml:base
        return True
    if local == "href":  # plain or xlink:
        return not _SAFE_REF.match(value.strip())
    # Presentation attributes are CSS values too: fill="url(http://…)".
    return _CSS_SUSPECT.search(value) is not None and _unsafe_css(value)


def _unsafe_css(css: str) -> bool:
    """True when the CSS imports or fetches anything outside the file.

    CSS escapes could spell either in disguise, so any backslash counts as unsafe too, and so
    does ``image-set()``, whose URLs need not be written with ``url()``.
    """
    low = css.lower()
    if "@import" in low or "image-set(" in low or "\\" in css:
        return True
    return any(not _SAFE_REF.match(m.group(1).strip()) for m in _CSS_URL.finditer(css))


def _animates_unsafe(el: etree._Element) -> bool:
    """``<set attributeName="href" to="javascript:…">`` and animations of handlers."""
    target = el.get("attributeName", "").strip().lower().removeprefix("xlink:")
    return target == "href" or target.startswith("on")


def _drop(el: etree._Element) -> None:
    """Remove ``el`` but keep the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)
