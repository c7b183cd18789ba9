"""The player site: one ``index.html`` with every slide, plus the player's JS and CSS.

All slides are in the page (readable without JavaScript, printable, searchable); the player
script turns them into a slide show. The contract between this file and ``oqu/player/`` is:
slides are ``section.oqu-slide`` with ``data-index``/``data-unit``/``data-kind``; interactions
are ``div.oqu-interaction[data-kind]`` with ``div.oqu-item`` children; quizzes are
``form.oqu-quiz``; the JSON in ``script#oqu-data`` carries what the script needs. The player
issue builds on this seam; it adds behaviour, not a second renderer.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import time
from collections.abc import Mapping
from contextlib import suppress
from functools import cache, lru_cache
from html import escape as e
from html import unescape
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

from oqu.i18n import LANGUAGE_NAMES, strings, t
from oqu.model.content import (
    Block,
    Callout,
    Columns,
    Html,
    Image,
    Interaction,
    Item,
    Quiz,
    Resource,
    Slide,
    Track,
    walk_blocks,
)
from oqu.numerals import decimal_separator
from oqu.packaging.quizhtml import quiz_data, render_quiz
from oqu.paths import write_atomic

Package = Literal["scorm12", "scorm2004", "web"]
PLAYER_FILES = ("oqu.css", "quiz.css", "oqu.js", "scoring.js", "quiz.js")
PLAYER_CSS = ("oqu.css",)  # inlined into index.html's <head>: no request to wait for
# Linked right after the first slide: the tests' styles, which the first slide does not need.
# The parser waits there for it, so Chromium paints the first slide before parsing the rest of
# the page and before running the deferred scripts (which wait for it too): see render_index.
PLAYER_SHEET = "quiz.css"
PLAYER_JS = ("oqu.js", "scoring.js", "quiz.js")  # files under player/, loaded with `defer`
EAGER_SLIDES = 2  # the first slide and the next: their pictures load at once, the rest lazily
DEBUG_ENV = "OQU_PLAYER_DEBUG"


def _debug() -> bool:
    return os.environ.get(DEBUG_ENV, "") not in ("", "0")


def player_files() -> list[tuple[str, bytes]]:
    """The player's files as ``(path in the package, bytes)``: ``player/quiz.css`` (linked after
    the first slide) and the scripts, minified (comments and spare white space gone), or as
    written when ``OQU_PLAYER_DEBUG=1`` is set, for reading the player in a browser's debugger.
    The main stylesheet is not a file of the package: :func:`player_css` is written into the
    page."""
    return [
        (f"player/{n}", data)
        for n, data in _player(_debug())
        if n in PLAYER_JS or n == PLAYER_SHEET
    ]


def player_css() -> str:
    """The player's main stylesheet (``oqu.css``), minified like the scripts, as the text of
    the page's ``<style>``."""
    return "\n".join(data.decode("utf-8") for n, data in _player(_debug()) if n in PLAYER_CSS)


@cache
def _player(debug: bool) -> tuple[tuple[str, bytes], ...]:
    root = files("oqu.player")
    out = []
    for name in PLAYER_FILES:
        data = root.joinpath(name).read_bytes()
        out.append((name, data if debug else _minified(name, data)))
    return tuple(out)


def cache_dir() -> Path:
    """Where minified player files are kept between builds: ``$XDG_CACHE_HOME/oqu/player``
    (``~/.cache/oqu/player``). Nothing else is kept there; deleting it is always safe."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "oqu" / "player"


def _minified(name: str, data: bytes) -> bytes:
    """:func:`minify`, remembered on disk by what it depends on: the file's bytes and the
    minifier's own files. Loading the Go minifier is most of a cold build's minifying (about
    40 ms of a 0.33 s ``oqu build``, docs/benchmarks.md), and its output for the same input
    never changes. A file is written whole under a temporary name and renamed, so concurrent
    builds (the portal's workers) never read half of one; a cache that cannot be read or
    written is passed by, never an error."""
    key = hashlib.sha256(b"\0".join([_minifier_id().encode(), name.encode(), data]))
    path = cache_dir() / f"{key.hexdigest()}{Path(name).suffix}"
    try:
        kept = path.read_bytes()
    except OSError:
        pass
    else:
        with suppress(OSError):
            os.utime(path)  # in use: not pruned
        return kept
    out = minify(name, data)
    with suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        _prune(path.parent)
        write_atomic(path, out)
    return out


CACHE_DAYS = 30


def _prune(folder: Path) -> None:
    """Cached files not used for :data:`CACHE_DAYS` days go (every install of a minifier, every
    new virtual environment, has files of its own); run when a file is added, not on a hit."""
    stale = time.time() - CACHE_DAYS * 86400
    for entry in folder.iterdir():
        with suppress(OSError):
            if entry.stat().st_mtime < stale:
                entry.unlink()


@cache
def _minifier_id() -> str:
    """What the minified bytes depend on besides the input: the minifiers' installed files
    (path, size and modification time), found without loading them."""
    parts = []
    for module in ("minify", "rjsmin", "rcssmin"):
        spec = importlib.util.find_spec(module)
        where = Path(spec.origin) if spec and spec.origin else None
        if where is not None and where.name == "__init__.py":  # minify-go: the Go library
            where = where.with_name("minify.so")
        try:
            st = where.stat() if where else None
        except OSError:
            st = None
        parts.append(f"{module}:{where}:{st.st_size}:{st.st_mtime_ns}" if st else f"{module}:-")
    return "|".join(parts)


def js_minifier() -> str:
    """Which minifier :func:`minify` uses for the scripts: ``"tdewolff"`` (the ``minify-go``
    wheel: tdewolff/minify compiled from Go, which also renames local names; ~10 % smaller after
    gzip than rJSmin on the player) when it is installed, else ``"rjsmin"`` (white space and
    comments only). Both are deterministic and need no Node.js (docs/dependencies.md)."""
    return "tdewolff" if importlib.util.find_spec("minify") is not None else "rjsmin"


def minify(name: str, data: bytes) -> bytes:
    """One player file minified: scripts by tdewolff/minify (or rJSmin, :func:`js_minifier`),
    stylesheets by rCSSmin. Deterministic: the same bytes in give the same bytes out, so a
    rebuilt package is byte-identical; ``oqu build`` needs no Node.js (docs/dependencies.md)."""
    import rcssmin
    import rjsmin

    text = data.decode("utf-8")
    if name.endswith(".css"):
        out: str = rcssmin.cssmin(text, keep_bang_comments=True)
    elif js_minifier() == "tdewolff":
        import minify as tdewolff

        out = tdewolff.string("application/javascript", text)
    else:
        out = rjsmin.jsmin(text, keep_bang_comments=True)
    return out.encode("utf-8")


def render_index(r: Resource, package: Package, media: Mapping[str, bytes] | None = None) -> bytes:
    """The page. ``media`` maps package paths to prepared bytes (captions and transcripts are
    read from it at build time, since a page opened from ``file://`` may fetch nothing); when it
    is not given, those text files are read from the source folder."""
    lang = r.meta.language
    slides = r.slides()
    unit_of = {s.id: u.id for u in r.units() for s in u.slides}
    texts = _MediaText(r, media)
    parts = [_slide(s, i, unit_of.get(s.id, ""), r, texts) for i, s in enumerate(slides)]
    # The yield point (issue 17, item 5): the parser stops at a stylesheet linked in the body
    # until it has arrived, and Chromium paints what is above it meanwhile: the bar and the
    # first slide on its stage, before the other slides' HTML, the data and the player's
    # scripts (deferred scripts wait for the sheet too, and still run before `load`). A first
    # slide that holds a test needs the sheet for its first frame: then it is in the head.
    sheet = f'<link rel="stylesheet" href="player/{PLAYER_SHEET}">'
    first_has_quiz = bool(slides) and any(isinstance(b, Quiz) for b in slides[0].walk())
    head_sheet = f"\n{sheet}" if first_has_quiz or not parts else ""
    if parts and not first_has_quiz:
        parts.insert(1, sheet)
    body = "\n".join(parts)
    data: dict[str, Any] = {
        "title": r.meta.title,
        "lang": lang,
        "package": package,
        "slug": r.slug,
        "version": r.meta.version,
        "type": r.meta.type.value,  # the DER type (9.2/9.3), for checking a built package
        "lecture_plan": [item.title for item in r.meta.lecture_plan],  # 9.2.3
        "credits": {  # source and licence of every media file the package holds (clause 11)
            ref.path: {"source": c.source, "licence": c.licence}
            for ref in r.media
            if (c := r.meta.media.get(ref.path))
        },
        "completion": r.meta.completion,
        "contact": r.meta.contact_email,
        "slides": [{"id": s.id, "title": s.title, "unit": unit_of.get(s.id, "")} for s in slides],
        "modules": [
            {"title": m.title, "units": [{"id": u.id, "title": u.title} for u in m.units]}
            for m in r.modules
        ],
        "interactions": [i.id for i in r.interactions()],
        "glossary": [
            {"id": f"term-{n + 1}", "term": g.term, "definition": g.definition}
            for n, g in enumerate(r.meta.glossary)
        ],
        "references": {
            "basic": list(r.meta.references.basic),
            "additional": list(r.meta.references.additional),
        },
        # The keyword index (10.9.2): the plain text of every slide, built here, searched there.
        "search": [_slide_text(s, texts, lang) for s in slides],
        "captions": texts.captions,
        # UI text, and the decimal separator the player writes scores with (72,5 % in kk/ru)
        "strings": {**strings(lang), "decimal_sep": decimal_separator(lang)},
        # Each quiz's settings and questions (with the answers: a SCORM package scores in the
        # browser) for player/quiz.js; the markup itself never carries them (quizhtml.py).
        "quizzes": {q.id: quiz_data(q) for q in r.quizzes()},
    }
    # The stylesheet is ours (never an author's), but "</" would still end the element early.
    css = player_css().replace("</", "<\\/")
    # "</" cannot appear inside the JSON script element: escape it.
    data_json = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    # The slide stage (docs/player.md): the stylesheet lays slides out on it whenever scripting
    # is on, already before the script has run (a first paint before it is the stage).
    stage = "" if r.meta.stage == "none" else f' data-oqu-stage="{r.meta.stage}"'
    page = f"""<!doctype html>
<html lang="{lang}" data-oqu-package="{package}"{stage}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Oqu">
<title>{e(r.meta.title)}</title>
<style>{css}</style>{head_sheet}
</head>
<body>
<div class="oqu" id="oqu">
<header class="oqu-bar"><h1 class="oqu-der-title">{e(r.meta.title)}</h1></header>
<main class="oqu-slides">
{body}
</main>
<nav class="oqu-nav" aria-label="{e(t("navigation", lang))}">\
<button class="oqu-prev" type="button">{e(t("prev", lang))}</button>\
<span class="oqu-counter" aria-live="polite"></span>\
<button class="oqu-next" type="button">{e(t("next", lang))}</button></nav>
</div>
<script type="application/json" id="oqu-data">{data_json}</script>
<script src="player/oqu.js" defer></script>
<script src="player/scoring.js" defer></script>
<script src="player/quiz.js" defer></script>
</body>
</html>
"""
    return page.encode("utf-8")


def _slide(s: Slide, index: int, unit: str, r: Resource, texts: _MediaText) -> str:
    hid = f"{s.id}-h"
    inner = "\n".join(_block(b, r, texts) for b in s.blocks)
    notes = ""
    if s.notes:
        notes = (
            f'<aside class="oqu-notes" hidden><h3>{e(t("notes", r.meta.language))}</h3>'
            + "".join(_block(b, r, texts) for b in s.notes)
            + "</aside>"
        )
    if index < EAGER_SLIDES:  # on screen at once: no lazy-loading delay, and no wait for layout
        inner = inner.replace(' loading="lazy"', "")
    else:  # no poster fetched for a slide far from the first (the player sets it when near)
        inner = inner.replace(' poster="', ' data-poster="')
    if index == 0:  # in the first frame, which may come before its pictures: their boxes kept
        inner = _IMG_SRC.sub(lambda m: m.group(0) + texts.dimensions(unescape(m.group(2))), inner)
    return (
        f'<section class="oqu-slide" id="{e(s.id)}" data-index="{index}" data-unit="{e(unit)}" '
        f'data-kind="{s.kind}"{_src(s, r)} aria-labelledby="{hid}">\n'
        f'<h2 class="oqu-slide-title" id="{hid}">{e(s.title)}</h2>\n{inner}{notes}\n</section>'
    )


def _block(b: Block, r: Resource, texts: _MediaText | None = None) -> str:
    texts = texts or _MediaText(r, {})
    match b:
        case Html():
            return b.html
        case Image():
            return _figure(b)
        case Callout():
            inner = "\n".join(_block(x, r, texts) for x in b.blocks)
            return f'<aside class="oqu-callout" data-kind="{b.kind}">{inner}</aside>'
        case Interaction():
            return _interaction(b, r, texts)
        case Columns():  # side by side on a wide screen, stacked on a phone (oqu.css)
            cols = "".join(
                '<div class="oqu-column">' + "\n".join(_block(x, r, texts) for x in c) + "</div>"
                for c in b.columns
            )
            return f'<div class="oqu-columns">{cols}</div>'
        case Quiz():
            return render_quiz(b, r, _block)
    raise TypeError(type(b))  # pragma: no cover - the Block union is closed


ZOOMABLE = "oqu-zoomable"  # a picture the player lets the learner enlarge (tap / click)


def _figure(img: Image, zoomable: bool = True) -> str:
    """A picture; it carries ``oqu-zoomable``: on a phone the player opens it enlarged on a tap
    (issue 17: a diagram's text shrinks to a few pixels there, a photo's detail too). Not the
    picture under a hotspot's or map's markers (``zoomable=False``): a tap there is aimed at a
    marker, and an enlarged copy would have none."""
    cap = f"<figcaption>{e(img.caption)}</figcaption>" if img.caption else ""
    zoom = f' class="{ZOOMABLE}"' if zoomable else ""
    return (
        f'<figure class="oqu-figure"><img src="{e(img.src)}" alt="{e(img.alt)}"{zoom} '
        f'loading="lazy" decoding="async">{cap}</figure>'
    )


def _interaction(b: Interaction, r: Resource, texts: _MediaText) -> str:
    parts = [
        f'<div class="oqu-interaction" data-kind="{b.kind}" id="{e(b.id)}"'
        + (f' data-title="{e(b.title)}"' if b.title else "")
        + ">"
    ]
    if b.intro:
        parts.append(
            '<div class="oqu-intro">' + "\n".join(_block(x, r, texts) for x in b.intro) + "</div>"
        )
    if b.image:
        zoom = b.kind not in ("hotspots", "map")
        parts.append(f'<div class="oqu-base">{_figure(b.image, zoom)}</div>')
    if b.media:
        parts.append(_media(b, r, texts))
    parts.extend(_item(it, r, texts) for it in b.items)
    parts.append("</div>")
    return "\n".join(parts)


def _media(b: Interaction, r: Resource, texts: _MediaText) -> str:
    """Native controls; captions and the transcript are built here from the files' text.

    Captions go to ``oqu-data`` (``captions[interaction id]``) and the player adds them as text
    tracks: Chromium refuses ``<track src>`` from ``file://``. A caption file that cannot be read
    stays a plain ``<track>``.
    """
    lang = r.meta.language
    tag = "video" if b.kind == "video" else "audio"
    poster = f' poster="{e(b.poster)}"' if b.poster else ""
    tracks = ""
    cue_lists: list[list[tuple[float, float, str]]] = []
    for n, tr in enumerate(_in_order(b.tracks, lang)):
        name = LANGUAGE_NAMES.get(tr.lang, tr.lang)
        cues = texts.cues(tr.src)
        if cues is None:
            tracks += (
                f'<track kind="{tr.kind}" src="{e(tr.src)}" srclang="{e(tr.lang)}" '
                f'label="{e(name)}"' + (" default" if n == 0 else "") + ">"
            )
            continue
        cue_lists.append(cues)
        texts.captions.setdefault(b.id, []).append(
            {"kind": tr.kind, "lang": tr.lang, "label": name, "cues": cues}
        )
    out = (
        f'<{tag} class="oqu-media" controls preload="none"{poster} src="{e(b.media or "")}">'
        f"{tracks}</{tag}>"
    )
    label = e(t("transcript", lang))
    transcript = texts.text(b.transcript) if b.transcript else None
    if transcript is not None:
        paras = "".join(f"<p>{e(p)}</p>" for p in re.split(r"\n\s*\n", transcript) if p.strip())
        out += (
            f'<details class="oqu-transcript"><summary>{label}</summary>'
            f'<div class="oqu-transcript-text" tabindex="0" role="region" aria-label="{label}">'
            f"{paras}</div></details>"
        )
    elif cue_lists:
        rows = "".join(
            f'<li><button type="button" class="oqu-cue" data-t="{start:g}">{_clock(start)}'
            f"</button> <span>{e(text)}</span></li>"
            for start, _end, text in cue_lists[0]
        )
        out += (
            f'<details class="oqu-transcript"><summary>{label}</summary>'
            f'<ol class="oqu-cues">{rows}</ol></details>'
        )
    if b.transcript:
        out += f'<p class="oqu-transcript-link"><a href="{e(b.transcript)}">{label}</a></p>'
    return out


def _in_order(tracks: list[Track], lang: str) -> list[Track]:
    """Caption tracks as the player offers them: the first, in the resource's language, is
    shown by default and makes the transcript and the search text; descriptions come last."""
    return sorted(tracks, key=lambda tr: (tr.kind == "descriptions", tr.lang != lang))


def _clock(seconds: float) -> str:
    m, s = divmod(int(seconds), 60)
    return f"{m:02d}:{s:02d}"


_TIME = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{3})")
_TAG = re.compile(r"<[^>]*>")


def parse_vtt(text: str) -> list[tuple[float, float, str]]:
    """The cues of a WebVTT file as ``(start, end, text)``; styling tags are dropped."""

    def seconds(m: re.Match[str]) -> float:
        h, mi, se, ms = m.groups()
        return int(h or 0) * 3600 + int(mi) * 60 + int(se) + int(ms) / 1000

    cues: list[tuple[float, float, str]] = []
    for block in re.split(r"\r?\n\s*\r?\n", text.lstrip("\ufeff")):
        lines = block.strip().splitlines()
        for k, line in enumerate(lines):
            if "-->" not in line:
                continue
            left, _, right = line.partition("-->")
            a, z = _TIME.search(left), _TIME.search(right)
            if a and z:
                words = " ".join(x.strip() for x in lines[k + 1 :] if x.strip())
                cues.append((seconds(a), seconds(z), unescape(_TAG.sub("", words))))
            break
    return cues


# An <img> without a size of its own: the first slide's pictures get their natural size written
# (width/height attributes), so the first frame, painted before they arrive, keeps their boxes.
_IMG_SRC = re.compile(r'<img (?![^>]*\swidth=)(src="([^"]*)")')
_SVG_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)(?:px)?\s*")


class _MediaText:
    """Text media (captions, transcripts) read once at build time, by package path; and the
    natural size of a picture, for :func:`_slide`."""

    def __init__(self, r: Resource, media: Mapping[str, bytes] | None) -> None:
        self._r = r
        self._media = media
        self.captions: dict[str, list[dict[str, Any]]] = {}
        self._cues: dict[str, list[tuple[float, float, str]] | None] = {}

    def data(self, path: str) -> bytes | None:
        if self._media is not None:
            return self._media.get(path)
        if self._r.root:
            root = Path(self._r.root).resolve()
            file = (root / path).resolve()
            if file.is_relative_to(root) and file.is_file():
                return file.read_bytes()
        return None

    def text(self, path: str) -> str | None:
        data = self.data(path)
        if data is None:
            return None
        return data.decode("utf-8", "replace").lstrip("\ufeff")

    def dimensions(self, path: str) -> str:
        """`` width="W" height="H"``: a picture's natural size in CSS pixels (an SVG's
        ``width``/``height`` in px; a raster's pixels, upright), or "" when unknown."""
        data = self.data(path)
        if not data:
            return ""
        size: tuple[float, float] | None = None
        if data.lstrip()[:1] == b"<":  # SVG (the media step has checked and sanitised it)
            tag = re.search(rb"<svg\b[^>]*>", data[:4096])
            if tag:
                attrs = dict(
                    re.findall(r'\s([\w:-]+)="([^"]*)"', tag.group(0).decode("utf-8", "replace"))
                )
                w, h = (_SVG_SIZE.fullmatch(attrs.get(k, "")) for k in ("width", "height"))
                if w and h:
                    size = (float(w.group(1)), float(h.group(1)))
        else:
            from io import BytesIO

            from PIL import Image as Pil

            try:
                with Pil.open(BytesIO(data)) as im:
                    size = im.size
                    if im.getexif().get(0x0112) in (5, 6, 7, 8):  # turned a quarter: upright
                        size = (im.size[1], im.size[0])
            except Exception:  # not a picture Pillow reads: no size, no harm
                size = None
        if not size or not all(size):
            return ""
        return f' width="{size[0]:g}" height="{size[1]:g}"'

    def cues(self, path: str) -> list[tuple[float, float, str]] | None:
        if path not in self._cues:
            text = self.text(path)
            self._cues[path] = parse_vtt(text) if text is not None else None
        return self._cues[path]


def _plain(html: str) -> str:
    return " ".join(unescape(_TAG.sub(" ", html)).split())


def _slide_text(s: Slide, texts: _MediaText, lang: str) -> str:
    """What the keyword search reads on one slide: titles, text, captions, alt texts, prompts."""
    parts = [s.title]
    for b in walk_blocks(s.blocks):
        match b:
            case Html():
                parts.append(b.text)
            case Image():
                parts += [b.alt, b.caption]
            case Interaction():
                parts.append(b.title)
                parts += [_plain(it.title) for it in b.items]
                if b.image:
                    parts += [b.image.alt, b.image.caption]
                for tr in _in_order(b.tracks, lang)[:1]:  # the track the transcript is made of
                    parts += [c[2] for c in texts.cues(tr.src) or []]
            case Quiz():
                for q in b.questions:
                    parts.append(_plain(q.prompt))
                    parts += [_plain(c.text) for c in q.choices]
    return " ".join(" ".join(p.split()) for p in parts if p)


def _item(it: Item, r: Resource, texts: _MediaText) -> str:
    pos = ""
    if it.x is not None and it.y is not None:
        pos = f' data-x="{it.x:g}" data-y="{it.y:g}"'
    body = "\n".join(_block(x, r, texts) for x in it.blocks)
    title = f'<h3 class="oqu-item-title">{it.title}</h3>' if it.title else ""
    return (
        f'<div class="oqu-item" data-depth="{it.depth}"{pos}>{title}'
        f'<div class="oqu-item-body">{body}</div></div>'
    )


def _src(s: Slide, r: Resource) -> str:
    """``data-src="01-haccp.md:42"``: where the slide is written, relative to the source folder,
    so ``oqu check --smoke`` can point at it (a slide that does not fit its stage, 7.5)."""
    if not s.loc.file or not s.loc.line:
        return ""
    return f' data-src="{e(_source_name(s.loc.file, r.root))}:{s.loc.line}"'


@lru_cache(maxsize=64)
def _source_name(file: str, root: str) -> str:
    """``file`` relative to the source folder ``root``. Resolving both costs two ``realpath``
    walks, and every slide of a module has the same file (a tenth of a build once); a folder is
    not moved while it is being built."""
    path = Path(file).resolve()
    try:
        return path.relative_to(Path(root).resolve()).as_posix()
    except ValueError:  # never an absolute path of the author's machine in the package
        return path.name
