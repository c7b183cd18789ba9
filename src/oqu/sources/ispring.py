"""Reading what iSpring publishes (Suite 8–11 and its Russian edition, iSpring Free, QuizMaker
and Visuals standalone) — SCORM 1.2, SCORM 2004 and the HTML5 web publish — into facts.

What the files hold (issue 14; docs/checker.md "iSpring"):

* the launch page's first line is a marker ``<!-- Created with iSpring --><!-- W H -->
  <!--version X.Y.Z.B --><!--type html --><!--mainFolder … -->``, and for a standalone
  QuizMaker / Visuals publish ``<!--content quiz -->`` / ``<!--content interaction -->``;
* a presentation: ``var presInfo = "<base64>"`` in the launch page, base64 → zlib → JSON with
  ``t`` title, ``ui`` product and version (``issuite_…``, ``issuiteru_…``, ``isfree_…``) and
  ``s`` the slides (``t`` title, ``x`` text, ``n``/``N`` notes, ``s`` file, ``st`` kind:
  absent = slide, ``q`` quiz, ``i`` interaction with ``it`` its type, ``S`` scenario);
* a quiz ``data/quizN.js``: ``var quizInfo = "<base64 JSON>"``, questions are the objects with
  ``tp`` under ``d.sl.g[*].S[*]`` (result slides under ``d.sl.r``), question text HTML ``D.d``;
* an interaction ``data/intrN.js``: ``var interactionJson = "<base64 JSON>"``, ``d.s.t`` title,
  ``d.C.is`` items; a scenario ``data/scenarioN.js``: ``var scenarioJson = "<base64 JSON>"``;
* a standalone QuizMaker / Visuals publish: ``var data = "<base64 JSON>"`` in the launch page,
  the same shapes (``d.sl`` for a quiz, ``d.C.is`` for an interaction).

Nothing here runs the package's code: string literals are found with regular expressions, and
every decoding step is capped (:data:`MAX_JSON`) — a zlib bomb or a deeply nested JSON is a
problem to report, not a crash. What could not be read is recorded in :attr:`Read.problems`
(a 10.7 finding) and the facts that depended on it stay unknown.
"""

from __future__ import annotations

import base64
import binascii
import json
import posixpath
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from oqu.diagnostics import Location
from oqu.model.subject import (
    UNKNOWN,
    ImageUse,
    InteractionFact,
    Navigation,
    QuestionFact,
    QuizFact,
    SlideFact,
    SlideKind,
    Subject,
    UnitFact,
    known,
)
from oqu.sources.foreign import contents_slide, find_email, guess_language, title_facts, topics_of

__all__ = [
    "INTERACTION_KINDS",
    "MAX_JSON",
    "NOT_QUESTIONS",
    "QUESTION_KINDS",
    "Marker",
    "Read",
    "decode_b64_json",
    "decode_presinfo",
    "fill_subject",
    "parse_marker",
    "read_ispring",
    "string_var",
]

MAX_JSON = 50_000_000  # decoded bytes of one data blob
MAX_DATA_FILE = 30_000_000  # a data/*.js file
MAX_DATA_FILES = 2_000  # data files read for one presentation (one per slide)
MAX_SLIDES = 5_000

#: iSpring question types → Oqu's question kinds (``oqu.model.content.QuestionType``);
#: ``DND`` (drag and drop onto a picture) has no Oqu equivalent and keeps a name of its own.
QUESTION_KINDS = {
    "MultipleChoice": "single", "MultipleResponse": "multiple", "TrueFalse": "truefalse",
    "TypeIn": "short", "Numeric": "numeric", "Sequence": "sequence", "Matching": "matching",
    "FillInTheBlank": "blanks", "MultipleChoiceText": "select", "WordBank": "dragwords",
    "Hotspot": "hotspot", "DND": "dragdrop", "DragAndDrop": "dragdrop", "Essay": "essay",
    "LikertScale": "likert", "Likert": "likert",
}  # fmt: skip
#: Slides of a quiz that are not questions.
NOT_QUESTIONS = frozenset(
    {"IntroSlide", "InfoSlide", "InstructionsSlide", "AuthorizationSlide", "ResultSlide"}
)
#: iSpring Visuals interaction types → Oqu's interaction kinds; others keep their own name.
INTERACTION_KINDS = {
    "Tabs": "tabs", "Process": "process", "Timeline": "timeline", "Hotspots": "hotspots",
    "LabeledGraphic": "hotspots", "Glossary": "catalogue", "Catalog": "catalogue",
    "MediaCards": "flipcards", "FlipCards": "flipcards", "Accordion": "accordion",
    "FAQ": "accordion", "CycleProcess": "cycle", "Cyclic": "cycle", "Circle": "cycle",
    "Pyramid": "pyramid", "Hierarchy": "hierarchy", "Book": "gallery", "Map": "map",
}  # fmt: skip
_EDITIONS = {"issuite": "suite", "issuiteru": "suite-ru", "isfree": "free",
             "isquizmaker": "quizmaker", "isvisuals": "visuals"}  # fmt: skip

_MARKER = re.compile(r"<!--\s*Created with iSpring\s*-->", re.I)
_COMMENT = re.compile(r"<!--\s*(.*?)\s*-->", re.S)
_MEDIA_EXT = re.compile(
    r"\.(?:png|jpe?g|gif|webp|svg|bmp|mp4|webm|ogv|mov|m4v|mp3|m4a|ogg|wav|opus)(?:[?#].*)?$",
    re.I,
)
_START = re.compile(r"""[A-Z]\w*Player\.start\s*\(\s*["']([A-Za-z0-9+/=\s]{16,})["']""")
_WORD = re.compile(r"[^\W\d_]{2,}")
_TAG = re.compile(r"<[^>]*>")
_IMG = re.compile(r"<img\b[^>]*>", re.I)
_ATTR = re.compile(r"""\b(src|alt)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)


class DecodeError(ValueError):
    """A blob could not be decoded; ``step`` is "base64", "zlib" or "json"."""

    def __init__(self, step: str, problem: str) -> None:
        super().__init__(f"{step}: {problem}")
        self.step = step
        self.problem = problem


@dataclass(slots=True)
class Marker:
    """The launch page's first-line comments."""

    width: int | None = None
    height: int | None = None
    version: str = ""
    type: str = ""
    main_folder: str = ""
    content: str = ""  # "quiz" | "interaction" for a standalone QuizMaker / Visuals publish


def parse_marker(page: str) -> Marker | None:
    """The marker when ``page`` starts with ``<!-- Created with iSpring -->``, else None."""
    head = page.lstrip("\ufeff \t\r\n")[:2000]
    first = head.split("\n", 1)[0]
    if not _MARKER.match(first):
        return None
    m = Marker()
    for raw in _COMMENT.findall(first)[1:]:
        words = raw.split(None, 1)
        if len(words) == 2 and words[0].isdigit() and words[1].strip().isdigit():
            m.width, m.height = int(words[0]), int(words[1])
        elif words and words[0].lower() in ("version", "type", "mainfolder", "content"):
            value = words[1].strip() if len(words) > 1 else ""
            key = words[0].lower()
            if key == "version":
                m.version = value
            elif key == "type":
                m.type = value
            elif key == "mainfolder":
                m.main_folder = value
            else:
                m.content = value.lower()
    return m


def string_var(text: str, name: str) -> str | None:
    """The value of ``var NAME = "…"`` (string literals joined with ``+``), or None."""
    m = re.search(rf"""\bvar\s+{re.escape(name)}\s*=\s*((?:\s*\+?\s*(?:"[^"]*"|'[^']*'))+)""", text)
    if not m:
        return None
    return "".join(a or b for a, b in re.findall(r""""([^"]*)"|'([^']*)'""", m.group(1)))


def _b64(blob: str) -> bytes:
    compact = "".join(blob.split())
    compact += "=" * (-len(compact) % 4)
    try:
        return base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError) as e:
        raise DecodeError("base64", str(e) or "not base64") from None


def _json(data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as e:
        raise DecodeError("json", str(e)[:200] or type(e).__name__) from None


def decode_b64_json(blob: str) -> Any:
    """base64 → JSON (a quiz, an interaction, a scenario, a standalone publish's ``data``)."""
    raw = _b64(blob)
    if len(raw) > MAX_JSON:
        raise DecodeError("json", f"more than {MAX_JSON} bytes")
    return _json(raw)


def decode_presinfo(blob: str) -> Any:
    """base64 → zlib → JSON (``presInfo``), inflating at most :data:`MAX_JSON` bytes."""
    raw = _b64(blob)
    for wbits in (zlib.MAX_WBITS, -zlib.MAX_WBITS):  # zlib stream; raw deflate tolerated
        inflater = zlib.decompressobj(wbits)
        try:
            out = inflater.decompress(raw, MAX_JSON)
        except zlib.error as e:
            problem = str(e)
            continue
        if inflater.unconsumed_tail:
            raise DecodeError("zlib", f"more than {MAX_JSON} bytes inflated")
        return _json(out)
    raise DecodeError("zlib", problem)


# --- what was read ---------------------------------------------------------------------------


@dataclass(slots=True)
class Question:
    kind: str  # Oqu's kind (QUESTION_KINDS), or the iSpring type in lower case
    text: str  # plain text of ``D.d``


@dataclass(slots=True)
class Element:
    """An iSpring interaction or scenario, as far as its data file reveals it."""

    kind: str
    title: str
    items: int
    has_text: bool
    has_visual: bool


@dataclass(slots=True)
class Slide:
    number: int  # 1-based position in the player
    title: str
    text: str
    notes: str
    kind: str  # "slide" | "quiz" | "interaction" | "scenario" | "question" | "info"
    file: str  # package path of its data file, "" when none
    itype: str = ""  # the interaction's iSpring type (``it``)
    questions: list[Question] | None = None  # a quiz slide's, None when not read
    element: Element | None = None  # an interaction's / scenario's, None when not read


@dataclass(slots=True)
class Read:
    """Everything read from one iSpring publish."""

    marker: Marker | None
    edition: str = ""  # suite, suite-ru, free, quizmaker, visuals
    version: str = ""
    title: str = ""
    slides: list[Slide] | None = None  # None: the slide list could not be read
    images: list[tuple[str, str]] = field(default_factory=list)  # (src, alt) from data HTML
    problems: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # (file, args)
    loaded: dict[str, Any] = field(default_factory=dict)  # data file → its document (or None)


def _text(html: object) -> str:
    return " ".join(_TAG.sub(" ", str(html)).split()) if isinstance(html, str) else ""


def _plain(text: object) -> str:
    """Plain text with its lines kept (``x`` of a slide), tags removed, spaces collapsed."""
    if not isinstance(text, str):
        return ""
    lines = (" ".join(_TAG.sub(" ", line).split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _strings(node: Any, depth: int = 0) -> Iterator[str]:
    if depth > 60:
        return
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from _strings(v, depth + 1)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v, depth + 1)


def _media_ref(s: str) -> bool:
    return bool(_MEDIA_EXT.search(s.strip())) or s.startswith(("data:image/", "data:video/"))


def _has_text(node: Any) -> bool:
    """Some string in the data reads as words (two or more words of letters, tags removed),
    not as a file name, a colour or an identifier."""
    for s in _strings(node):
        if _media_ref(s) or s.startswith(("data:", "#", "rgb")):
            continue
        if len(_WORD.findall(_text(s))) >= 2:
            return True
    return False


def _has_visual(node: Any) -> bool:
    return any(_media_ref(s) or _IMG.search(s) for s in _strings(node))


def _imgs(node: Any, out: list[tuple[str, str]]) -> None:
    for s in _strings(node):
        if "<img" not in s.lower():
            continue
        for tag in _IMG.findall(s):
            attrs = {k.lower(): a or b for k, a, b in _ATTR.findall(tag)}
            out.append((attrs.get("src", ""), attrs.get("alt", "")))


def _get(node: Any, *keys: str) -> Any:
    for k in keys:
        if not isinstance(node, dict):
            return None
        node = node.get(k)
    return node


def quiz_slides(doc: Any) -> list[tuple[str, str]] | None:
    """(type, plain text) of every slide of a quiz in learner order (results skipped), or None
    when ``d.sl.g`` is not there."""
    groups = _get(doc, "d", "sl", "g")
    if not isinstance(groups, list):
        return None
    out: list[tuple[str, str]] = []
    for g in groups:
        questions = g.get("S") if isinstance(g, dict) else None
        for q in questions if isinstance(questions, list) else []:
            if isinstance(q, dict) and isinstance(q.get("tp"), str):
                out.append((q["tp"], _text(_get(q, "D", "d"))))
    return out


def questions_of(slides: list[tuple[str, str]]) -> list[Question]:
    return [
        Question(QUESTION_KINDS.get(tp, tp.lower()), text)
        for tp, text in slides
        if tp not in NOT_QUESTIONS
    ]


def element_of(doc: Any, kind: str) -> Element | None:
    """An interaction's (``d.C.is`` items, ``d.s.t`` title) or a scenario's facts."""
    d = _get(doc, "d")
    if not isinstance(d, dict):
        return None
    title = _text(_get(d, "s", "t"))
    items = _get(d, "C", "is")
    if kind == "scenario":
        return Element("scenario", title, 0, _has_text(d), _has_visual(d))
    if not isinstance(items, list):
        return None
    return Element(kind, title, len(items), _has_text(d), _has_visual(d))


def interaction_kind(itype: str) -> str:
    name = itype.split(".", 1)[1] if itype.lower().startswith("ispring.") else itype
    return INTERACTION_KINDS.get(name, name.lower() or "interaction")


# --- reading a publish -------------------------------------------------------------------------

Reader = Callable[[str], bytes]  # package path → bytes; KeyError when absent, ValueError if too big


def _join(base: str, rel: str) -> str | None:
    if not rel or rel.startswith("/") or "\\" in rel or "://" in rel:
        return None
    norm = posixpath.normpath(posixpath.join(base, rel))
    return None if norm == ".." or norm.startswith("../") else norm


def _load(read: Reader, name: str, var: str, out: Read, *, zlib_too: bool = False) -> Any | None:
    if name in out.loaded:  # several slides naming one file: read once
        return out.loaded[name]
    out.loaded[name] = None
    if len(out.loaded) > MAX_DATA_FILES:
        out.problems.append((name, {"step": "file", "problem": f"more than {MAX_DATA_FILES}"}))
        return None
    try:
        text = read(name).decode("utf-8", "replace")
    except KeyError:
        out.problems.append((name, {"step": "file", "problem": "missing"}))
        return None
    except ValueError as e:
        out.problems.append((name, {"step": "file", "problem": str(e)}))
        return None
    blob = string_var(text, var)
    if blob is None:
        out.problems.append((name, {"step": "file", "problem": f"no 'var {var}'"}))
        return None
    try:
        doc = decode_presinfo(blob) if zlib_too else decode_b64_json(blob)
    except DecodeError as e:
        out.problems.append((name, {"step": e.step, "problem": e.problem}))
        return None
    out.loaded[name] = doc
    return doc


def _edition(ui: object) -> tuple[str, str]:
    if not isinstance(ui, str) or "_" not in ui:
        return "", ""
    product, _, version = ui.partition("_")
    return _EDITIONS.get(product.lower(), product.lower()), version


def read_ispring(read: Reader, launch: str, page: str) -> Read:
    """Read an iSpring publish whose launch page (package path ``launch``) is ``page``."""
    marker = parse_marker(page)
    out = Read(marker, version=marker.version if marker else "")
    base = posixpath.dirname(launch)
    content = marker.content if marker else ""
    if content in ("quiz", "interaction") or (
        "presInfo" not in page and (string_var(page, "data") is not None or _START.search(page))
    ):
        _standalone(page, launch, content, out)
        return out
    blob = string_var(page, "presInfo")
    if blob is None:
        out.problems.append((launch, {"step": "file", "problem": "no 'var presInfo'"}))
        return out
    try:
        info = decode_presinfo(blob)
    except DecodeError as e:
        out.problems.append((launch, {"step": e.step, "problem": e.problem}))
        return out
    if not isinstance(info, dict) or not isinstance(info.get("s"), list):
        out.problems.append((launch, {"step": "json", "problem": "no slide list 's'"}))
        return out
    out.title = _text(info.get("t"))
    edition, version = _edition(info.get("ui"))
    out.edition = edition
    out.version = out.version or version
    slides: list[Slide] = []
    if len(info["s"]) > MAX_SLIDES:
        out.problems.append((launch, {"step": "json", "problem": f"more than {MAX_SLIDES} slides"}))
        return out
    for n, raw in enumerate(info["s"], start=1):
        s = raw if isinstance(raw, dict) else {}
        st = s.get("st")
        kind = {"q": "quiz", "i": "interaction", "S": "scenario"}.get(str(st), "slide")
        file = _join(base, str(s.get("s") or "")) or ""
        notes = _plain(s.get("n")) or _text(s.get("N"))
        slide = Slide(n, _text(s.get("t")), _plain(s.get("x")), notes, kind, file)
        slide.itype = str(s.get("it") or "")
        _imgs(s.get("N"), out.images)
        if kind != "slide":
            if not file:
                out.problems.append((launch, {"step": "file", "problem": f"slide {n}: no file"}))
            elif kind == "quiz":
                doc = _load(read, file, "quizInfo", out)
                qs = quiz_slides(doc) if doc is not None else None
                if doc is not None and qs is None:
                    out.problems.append((file, {"step": "json", "problem": "no d.sl.g"}))
                if qs is not None:
                    slide.questions = questions_of(qs)
                    _imgs(_get(doc, "d", "sl", "g"), out.images)
            else:
                var = "interactionJson" if kind == "interaction" else "scenarioJson"
                doc = _load(read, file, var, out)
                ekind = interaction_kind(slide.itype) if kind == "interaction" else "scenario"
                el = element_of(doc, ekind) if doc is not None else None
                if doc is not None and el is None:
                    out.problems.append((file, {"step": "json", "problem": "no d.C.is"}))
                slide.element = el
                if el is not None:
                    _imgs(doc, out.images)
        slides.append(slide)
    out.slides = slides
    return out


def _standalone(page: str, launch: str, content: str, out: Read) -> None:
    """A QuizMaker or Visuals publish: ``var data`` in the launch page."""
    blob = string_var(page, "data")
    if blob is None and (m := _START.search(page)):  # the blob passed to start() directly
        blob = m.group(1)
    out.edition = "quizmaker" if content == "quiz" or "QuizPlayer" in page else "visuals"
    if blob is None:
        out.problems.append((launch, {"step": "file", "problem": "no 'var data'"}))
        return
    try:
        doc = decode_b64_json(blob)
    except DecodeError as e:
        out.problems.append((launch, {"step": e.step, "problem": e.problem}))
        return
    qs = quiz_slides(doc)
    if qs is not None:
        out.edition = "quizmaker"
        out.title = _text(_get(doc, "d", "T")) or _text(_get(doc, "d", "s", "t"))
        slides = [
            Slide(n, tp, text, "", "info" if tp in NOT_QUESTIONS else "question", launch)
            for n, (tp, text) in enumerate(qs, start=1)
        ]
        if slides:  # one quiz: the learner is scored after its last slide
            slides[-1].questions = questions_of(qs)
        out.slides = slides
        _imgs(_get(doc, "d", "sl", "g"), out.images)
        return
    m = re.search(r"\b([A-Z][A-Za-z]+)Player\.start\s*\(", page)
    itype = m.group(1) if m and m.group(1) != "Quiz" else ""
    el = element_of(doc, interaction_kind(itype) if itype else "interaction")
    if el is None:
        out.problems.append((launch, {"step": "json", "problem": "neither d.sl.g nor d.C.is"}))
        return
    out.edition = "visuals"
    out.title = el.title
    out.slides = [Slide(1, el.title, "", "", "interaction", launch, itype, element=el)]
    _imgs(doc, out.images)


# --- the facts rules read ---------------------------------------------------------------------


def fill_subject(subject: Subject, r: Read, launch: str, shown: str) -> None:
    """Put what :func:`read_ispring` read into ``subject``; what it could not read stays
    UNKNOWN (or is named in ``subject.partial``)."""
    pkg = subject.package
    if pkg is not None:
        pkg.tool_version = r.version
        pkg.edition = r.edition
        for file, args in r.problems:
            what = f"{file}: {args['step']}: {args['problem']}"
            pkg.problems.append(("undecodable", file, {"target": file, **args}))
            pkg.unread.append(what)
    if r.title:
        subject.title = r.title
    if r.slides is None:
        return
    where = Location(f"{shown}!{launch}")
    slides = r.slides
    pairs = [(s.title, s.text) for s in slides]
    contents_at = contents_slide(pairs) if len(slides) > 1 else None
    facts: list[SlideFact] = []
    interactions: list[InteractionFact] = []
    quizzes: list[QuizFact] = []
    interactions_read = True
    for i, s in enumerate(slides):
        loc = Location(where.file, 0, 0)
        kind: SlideKind = "content"
        if i == 0 and s.kind == "slide":
            kind = "title"
        elif i == contents_at:
            kind = "contents"
        elif s.kind in ("quiz", "question", "info"):
            kind = "test"
        n_inter = 1 if s.kind in ("interaction", "scenario") else 0
        n_quiz = 1 if s.kind == "quiz" or s.questions else 0
        title = s.title or (s.element.title if s.element else "")
        facts.append(SlideFact(s.number, title, s.text, kind, n_inter, n_quiz, loc))
        if n_inter:
            if s.element is None:
                interactions_read = False
            else:
                e = s.element
                interactions.append(
                    InteractionFact(
                        e.kind, e.title or title, e.has_text, e.has_visual, s.number, loc
                    )
                )
    quiz_slides_ = [s for s in slides if s.kind == "quiz" or s.questions]
    for n, s in enumerate(quiz_slides_):
        final = n == len(quiz_slides_) - 1
        if s.questions is None:  # not read: the final test is unknown, an earlier one skipped
            if final:
                quizzes = []
                subject.quizzes = UNKNOWN
            continue
        qs = [QuestionFact(q.kind) for q in s.questions]
        quizzes.append(QuizFact(final, qs, s.number, Location(where.file)))
    subject.slides = facts
    if not (quiz_slides_ and quiz_slides_[-1].questions is None):
        subject.quizzes = quizzes
    subject.interactions = interactions if interactions_read else UNKNOWN
    first = slides[0]
    if first.kind == "slide":
        subject.title_slide = title_facts(f"{first.title}\n{first.text}", where)
    if contents_at is not None:
        c = slides[contents_at]
        subject.contents_topics = topics_of(c.title, c.text)
    else:
        subject.contents_topics = None
    texts = [f"{s.title}\n{s.text}\n{s.notes}" for s in slides]
    glossary = [s for s in slides if s.itype.endswith("Glossary") or _GLOSSARY.match(s.title)]
    terms: list[str] = []
    for s in glossary:
        if s.element is not None:
            terms.extend(f"{s.element.title} #{k}" for k in range(1, s.element.items + 1))
        else:
            terms.extend(topics_of(s.title, s.text))
    subject.glossary = terms
    subject.language = subject.language or guess_language(" ".join(texts))
    subject.images = [ImageUse(src, alt, "", where) for src, alt in r.images]
    if any(s.kind == "slide" for s in slides):
        subject.partial["7.5/alt"] = "data/slideN.js (pictures of the slides)"
    media = known(subject.media) or []
    subject.navigation = Navigation(
        # the player's outline panel may offer the contents too; its settings are not read
        contents=True if contents_at is not None else UNKNOWN,
        search=UNKNOWN,
        glossary=bool(glossary),
        media_access=any(m.kind != "other" and m.role == "picture" for m in media)
        or any(i.has_visual for i in interactions),
        contact_email=find_email(texts),
    )
    if subject.units is UNKNOWN:  # a web publish: no manifest, the presentation is one unit
        subject.modules = []
        subject.units = [
            UnitFact(subject.title or first.title, "", len(slides), " ".join(texts), where)
        ]


_GLOSSARY = re.compile(r"^\s*(?:глоссарий|глоссарийі|терминдер|glossary)\b", re.I)
