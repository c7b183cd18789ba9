"""What a rule looks at: the facts of a DER, whether it is an Oqu source or a SCORM package.

A :class:`Subject` is built either from the content model (:func:`from_resource`, every fact
known) or from a package made elsewhere (``oqu.sources.scorm``), where the authoring tool may
hide facts. A hidden fact is :data:`UNKNOWN`, never an empty list: a rule that needs it is not
run and the checker reports "could not be checked" (severity info) instead of passing it.

Locations: a source's facts carry ``file:line``; a package's carry the package path and, when
they belong to a slide, the slide number (``Location.file`` = ``pkg.zip!res/index.html``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Literal

from oqu.diagnostics import Location
from oqu.model.content import (
    FieldValue,
    Html,
    Image,
    Interaction,
    Quiz,
    Resource,
    Slide,
)


class _Unknown(Enum):
    UNKNOWN = "unknown"

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = _Unknown.UNKNOWN
"""A fact the subject cannot reveal (e.g. a tool's compiled slide format)."""

type Known[T] = T | _Unknown


def known[T](value: Known[T]) -> T | None:
    """The value, or ``None`` when unknown (for code that treats both the same)."""
    return None if isinstance(value, _Unknown) else value


SLIDE_WIDTH = 990  # CSS px: Oqu's player shows a picture at up to the slide column (62 rem)

SlideKind = Literal["title", "contents", "content", "test", "unknown"]


@dataclass(slots=True)
class InteractionFact:
    kind: str  # Oqu's interaction kinds, or the tool's own name
    title: str
    has_text: bool
    has_visual: bool  # an image, a video or an audio
    slide: int  # 1-based slide number
    location: Location


@dataclass(slots=True)
class QuestionFact:
    kind: str  # Oqu's question types: single, multiple, sequence, matching, …


@dataclass(slots=True)
class QuizFact:
    final: bool
    questions: list[QuestionFact]
    slide: int
    location: Location


@dataclass(slots=True)
class SlideFact:
    number: int  # 1-based, as the learner meets them
    title: str
    text: str  # plain text, for syllabus matching and search
    kind: SlideKind
    interactions: int
    quizzes: int
    location: Location


@dataclass(slots=True)
class UnitFact:
    title: str
    module: str
    slides: int
    text: str
    location: Location


@dataclass(slots=True)
class ModuleFact:
    title: str
    units: int
    location: Location


@dataclass(slots=True)
class TitleFacts:
    """Fields of the title slide (10.1.1 and form 02); ``None`` = absent, UNKNOWN = hidden."""

    discipline: Known[str | None] = UNKNOWN
    author: Known[str | None] = UNKNOWN
    department: Known[str | None] = UNKNOWN
    date: Known[str | None] = UNKNOWN
    university: Known[str | None] = UNKNOWN
    faculty: Known[str | None] = UNKNOWN
    position: Known[str | None] = UNKNOWN
    degree: Known[str | None] = UNKNOWN
    email: Known[str | None] = UNKNOWN
    photo: Known[str | None] = UNKNOWN
    location: Location = field(default_factory=Location)  # the title slide's
    # where each field is written, by its dotted der.yaml path ("authors[0].photo"); a source's
    # only (a package's title slide has no finer place than ``location``)
    locations: dict[str, Location] = field(default_factory=dict)

    def where(self, path: str) -> Location:
        """Where the field ``path`` is written, else its nearest written ancestor ("authors[0]",
        "authors"), else the title slide."""
        p = path
        while p:
            if p in self.locations:
                return self.locations[p]
            cut = max(p.rfind("."), p.rfind("["))
            p = p[:cut] if cut > 0 else ""
        return self.location


@dataclass(slots=True)
class Credit:
    source: str
    licence: str


@dataclass(slots=True)
class MediaFact:
    """A media file of the DER: size, and for images a way to read its bytes lazily."""

    path: str
    kind: Literal["image", "video", "audio", "other"]
    size: int
    credit: Known[Credit | None]
    location: Location
    read: Callable[[], bytes] | None = None
    role: Literal["picture", "chrome"] = "picture"  # chrome: the player's own icons and buttons
    shown_width: int | None = None  # the widest it is shown at, in CSS px, when known


@dataclass(slots=True)
class ImageUse:
    """One place an image is shown, with its alternative text."""

    src: str
    alt: str
    caption: str
    location: Location


@dataclass(slots=True)
class LinkFact:
    """An internal link and whether its target exists."""

    target: str
    ok: bool
    location: Location


@dataclass(slots=True)
class OverlayFact:
    """Text laid over an image (form 02): both boxes overlap on the rendered slide."""

    text: str  # the first words of the text
    image: str  # the image's path or URL
    location: Location


@dataclass(slots=True)
class StyleFacts:
    """Distinct text styles declared in the slides (form 02: consistent text styles)."""

    families: dict[str, Location]  # normalised font family -> first place it is declared
    sizes: dict[str, Location]  # normalised font size -> first place it is declared


@dataclass(slots=True)
class Navigation:
    """What the learner can use to move around (10.9)."""

    contents: Known[bool] = UNKNOWN
    search: Known[bool] = UNKNOWN
    glossary: Known[bool] = UNKNOWN
    media_access: Known[bool] = UNKNOWN  # illustrations and media reachable from their slides
    contact_email: Known[str | None] = UNKNOWN


@dataclass(slots=True)
class PackageFacts:
    """What opening a SCORM package found (10.7); filled by ``oqu.sources.scorm``."""

    version: str  # "1.2", "2004", or "" when undetermined (and for a web publish)
    tool: str  # oqu, ispring, storyline, rise, captivate, adapt, exelearning, h5p, or ""
    size: int
    files: int
    launch: str
    problems: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    # (variant of rule 10.7, package path, message arguments)
    tool_version: str = ""  # e.g. "11.3.2.4007" from the tool's own marker, "" when not written
    edition: str = ""  # e.g. "suite", "suite-ru", "free", "quizmaker", "visuals" (iSpring)
    unread: list[str] = field(default_factory=list)  # what the reader could not read, and why


@dataclass(slots=True)
class Subject:
    """The facts of one DER. Fields left at UNKNOWN are ones the subject cannot reveal."""

    kind: Literal["source", "package"]
    name: str  # the path as given
    title: str = ""
    language: str = ""
    der_type: Known[str | None] = UNKNOWN  # DerType value; None = not declared
    slides: Known[list[SlideFact]] = UNKNOWN
    title_slide: TitleFacts = field(default_factory=TitleFacts)
    contents_topics: Known[list[str] | None] = UNKNOWN  # None: no contents slide
    interactions: Known[list[InteractionFact]] = UNKNOWN
    quizzes: Known[list[QuizFact]] = UNKNOWN
    glossary: Known[list[str]] = UNKNOWN
    references_basic: Known[list[str]] = UNKNOWN
    references_additional: Known[list[str]] = UNKNOWN
    lecture_plan: Known[list[str]] = UNKNOWN
    modules: Known[list[ModuleFact]] = UNKNOWN
    units: Known[list[UnitFact]] = UNKNOWN
    media: Known[list[MediaFact]] = UNKNOWN
    images: Known[list[ImageUse]] = UNKNOWN
    links: Known[list[LinkFact]] = UNKNOWN
    overlays: Known[list[OverlayFact]] = UNKNOWN
    text_styles: Known[StyleFacts] = UNKNOWN
    navigation: Navigation = field(default_factory=Navigation)
    package: PackageFacts | None = None
    syllabus: list[str] | None = None  # topics from --syllabus
    location: Location = field(default_factory=Location)
    fields: Known[list[FieldValue]] = UNKNOWN  # a source's metadata values (placeholders)
    partial: dict[str, str] = field(default_factory=dict)
    """Rules that ran on part of what they need (rule id → what was not read): listed as
    unchecked too, so the verdict cannot be ``pass``."""

    def is_unknown(self, fact: str) -> bool:
        """``fact`` is a field name, or ``title_slide.x`` / ``navigation.x``."""
        obj: object = self
        for part in fact.split("."):
            obj = getattr(obj, part)
        return obj is UNKNOWN


# --- an Oqu source: every fact is known ---------------------------------------------------

_IMAGE_EXT = (".png", ".jpg", ".jpeg", ".webp", ".gif", ".svg")
_VIDEO_EXT = (".mp4", ".webm", ".ogv")
_AUDIO_EXT = (".mp3", ".ogg", ".m4a", ".opus", ".wav")


def media_kind(path: str) -> Literal["image", "video", "audio", "other"]:
    low = path.lower()
    if low.endswith(_IMAGE_EXT):
        return "image"
    if low.endswith(_VIDEO_EXT):
        return "video"
    if low.endswith(_AUDIO_EXT):
        return "audio"
    return "other"


def _slide_text(s: Slide) -> str:
    parts = [s.title]
    for b in s.walk():
        if isinstance(b, Html):
            parts.append(b.text)
        elif isinstance(b, Interaction):
            parts.append(b.title)
            parts.extend(it.title for it in b.items)
        elif isinstance(b, Quiz):
            parts.extend(q.prompt for q in b.questions)
    return " ".join(p for p in parts if p)


def _interaction_fact(b: Interaction, number: int) -> InteractionFact:
    text = any(isinstance(x, Html) and x.text.strip() for x in b.intro) or any(
        isinstance(x, Html) and x.text.strip() for it in b.items for x in it.blocks
    )
    visual = bool(b.image or b.media) or any(
        isinstance(x, Image) for it in b.items for x in it.blocks
    )
    visual = visual or any(isinstance(x, Image) for x in b.intro)
    return InteractionFact(b.kind, b.title, text, visual, number, b.loc)


def from_resource(r: Resource, *, der_type: str | None = None) -> Subject:
    """The facts of a loaded Oqu source."""
    m = r.meta
    slides: list[SlideFact] = []
    interactions: list[InteractionFact] = []
    quizzes: list[QuizFact] = []
    images: list[ImageUse] = []
    for n, s in enumerate(r.slides(), start=1):
        n_inter = n_quiz = 0
        for b in s.walk():
            if isinstance(b, Interaction):
                n_inter += 1
                interactions.append(_interaction_fact(b, n))
                if b.image:
                    images.append(ImageUse(b.image.src, b.image.alt, b.image.caption, b.loc))
            elif isinstance(b, Quiz):
                n_quiz += 1
                qs = [QuestionFact(q.type) for q in b.questions]
                quizzes.append(QuizFact(b.final, qs, n, b.loc))
            elif isinstance(b, Image) and s.kind != "title":
                images.append(ImageUse(b.src, b.alt, b.caption, b.loc))
        kind: SlideKind = s.kind
        if kind == "content" and n_quiz and not n_inter:
            kind = "test"
        slides.append(SlideFact(n, s.title, _slide_text(s), kind, n_inter, n_quiz, s.loc))
    first = m.authors[0]
    loc = r.front[0].loc if r.front else Location()
    title = TitleFacts(
        discipline=m.discipline,
        author=first.name,
        department=m.department,
        date=m.date.isoformat() if isinstance(m.date, dt.date) else str(m.date),
        university=m.university.name if m.university else None,
        faculty=m.faculty,
        position=first.position,
        degree=first.degree or first.title,
        email=first.email,
        photo=first.photo,
        location=loc,
        locations=dict(r.locations),
    )
    units = [
        UnitFact(
            u.title,
            mod.title,
            len(u.slides),
            " ".join([u.title, *(_slide_text(s) for s in u.slides)]),
            u.loc,
        )
        for mod in r.modules
        for u in mod.units
    ]
    modules = [ModuleFact(mod.title, len(mod.units), mod.loc) for mod in r.modules]
    root = Path(r.root)
    media: list[MediaFact] = []
    seen: set[str] = set()
    for ref in r.media:
        if ref.path in seen:
            continue
        seen.add(ref.path)
        p = root / ref.path
        try:
            size = p.stat().st_size
        except OSError:
            continue
        c = m.media.get(ref.path)
        media.append(
            MediaFact(
                ref.path,
                media_kind(ref.path),
                size,
                Credit(c.source, c.licence) if c else None,
                ref.loc,
                read=p.read_bytes,
                shown_width=SLIDE_WIDTH,
            )
        )
    has_media = any(i.kind in ("video", "audio") or i.has_visual for i in interactions)
    nav = Navigation(
        contents=any(s.kind == "contents" for s in r.front),
        search=True,  # the player builds a keyword index into every page (10.9.2)
        glossary=bool(m.glossary),
        media_access=has_media or bool(images),
        contact_email=m.contact_email,
    )
    return Subject(
        kind="source",
        name=r.root,
        title=m.title,
        language=m.language,
        der_type=der_type or m.type.value,
        slides=slides,
        title_slide=title,
        contents_topics=list(m.topics) or [u.title for u in r.units()],
        interactions=interactions,
        quizzes=quizzes,
        glossary=[g.term for g in m.glossary],
        references_basic=list(m.references.basic),
        references_additional=list(m.references.additional),
        lecture_plan=[x.title for x in m.lecture_plan],
        modules=modules,
        units=units,
        media=media,
        images=images,
        links=[],  # the loader already refuses broken internal links (OQ113)
        # the source format cannot position text over a figure nor choose fonts: the player's
        # one stylesheet sets every text style (docs/checker.md)
        overlays=[],
        text_styles=StyleFacts({}, {}),
        navigation=nav,
        location=loc,
        fields=list(r.fields),
    )
