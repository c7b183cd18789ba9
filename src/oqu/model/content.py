"""The content tree: resource → modules → units → slides → blocks.

Readers in :mod:`oqu.sources` build it; rules and builders only read it. Rich text is kept as
sanitised HTML fragments (``Html``) with their plain text for search; everything the player
must make interactive (interactions, quizzes, media) is its own typed block.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal, get_args

from oqu.diagnostics import Location
from oqu.model.metadata import Metadata

CalloutKind = Literal["note", "tip", "warning", "important"]
CALLOUT_KINDS: tuple[CalloutKind, ...] = ("note", "tip", "warning", "important")

InteractionKind = Literal[
    "tabs",
    "process",
    "cycle",
    "timeline",
    "hierarchy",
    "catalogue",
    "hotspots",
    "map",
    "accordion",
    "flipcards",
    "gallery",
    "reveal",
    "pyramid",
    "video",
    "audio",
]
INTERACTION_KINDS: tuple[InteractionKind, ...] = get_args(InteractionKind)

QuestionType = Literal[
    "single",
    "multiple",
    "truefalse",
    "short",
    "numeric",
    "calculated",
    "sequence",
    "matching",
    "blanks",
    "select",
    "dragwords",
    "hotspot",
    "likert",
    "essay",
]
QUESTION_TYPES: tuple[QuestionType, ...] = get_args(QuestionType)
UNGRADED: frozenset[str] = frozenset({"likert", "essay"})


@dataclass(slots=True)
class Html:
    """Rich text: paragraphs, lists, tables, formulas, code — sanitised HTML."""

    html: str
    text: str
    loc: Location = field(default_factory=Location)


@dataclass(slots=True)
class Image:
    """A figure: an image on its own line, with alt text and an optional caption."""

    src: str  # path relative to the source root, e.g. "media/hazards.svg"
    alt: str
    caption: str = ""
    loc: Location = field(default_factory=Location)


@dataclass(slots=True)
class Callout:
    kind: CalloutKind
    blocks: list[Block]
    loc: Location = field(default_factory=Location)


@dataclass(slots=True)
class Item:
    """One part of an interaction: a tab, a step, a card, a marker, a tree node…"""

    title: str
    blocks: list[Block]
    depth: int = 0  # hierarchy: 0 = root level
    x: float | None = None  # hotspots/map: position in percent of the base image
    y: float | None = None
    loc: Location = field(default_factory=Location)


@dataclass(slots=True)
class Track:
    src: str
    lang: str
    kind: Literal["captions", "subtitles", "descriptions"] = "captions"


@dataclass(slots=True)
class Interaction:
    """An interactive element made with software (10.1.3)."""

    kind: InteractionKind
    id: str
    title: str
    intro: list[Block]  # text before the first item: the element's description
    items: list[Item]
    image: Image | None = None  # hotspots/map base image
    media: str | None = None  # video/audio file
    poster: str | None = None
    tracks: list[Track] = field(default_factory=list)
    transcript: str | None = None  # transcript file (text); otherwise derived from captions
    loc: Location = field(default_factory=Location)


@dataclass(slots=True)
class Choice:
    text: str  # sanitised inline HTML
    correct: bool = False
    feedback: str = ""


@dataclass(slots=True)
class NumericAnswer:
    """Exact (tolerance 0), value ± tolerance, or the range [low, high]."""

    low: float
    high: float
    value: float | None = None
    tolerance: float = 0.0
    relative: bool = False  # tolerance given in percent

    @property
    def text(self) -> str:
        if self.value is None:
            return f"{self.low:g}..{self.high:g}"
        if self.tolerance:
            return f"{self.value:g} ± {self.tolerance:g}{'%' if self.relative else ''}"
        return f"{self.value:g}"


@dataclass(slots=True)
class Variable:
    """A calculated question's random parameter: drawn from [low, high] in steps."""

    name: str
    low: float
    high: float
    step: float = 1.0


@dataclass(slots=True)
class Gap:
    """A blank in a text (blanks, select, dragwords): accepted answers or the list to choose."""

    answers: list[str]  # blanks: all accepted; select/dragwords: answers[0] is right


@dataclass(slots=True)
class Region:
    shape: Literal["rect", "circle"]
    coords: tuple[float, ...]  # percent of the image: rect x y w h, circle cx cy r
    label: str
    correct: bool


@dataclass(slots=True)
class Question:
    id: str
    type: QuestionType
    prompt: str  # the heading line, inline HTML
    body: list[Block]  # more of the prompt: text, image, audio, video
    points: float = 1.0
    choices: list[Choice] = field(default_factory=list)  # single/multiple/sequence/likert rows
    truth: bool | None = None  # truefalse
    accepted: list[str] = field(default_factory=list)  # short
    case_sensitive: bool = False
    numeric: list[NumericAnswer] = field(default_factory=list)  # numeric
    variables: list[Variable] = field(default_factory=list)  # calculated
    formula: str = ""  # calculated: python-like expression of the variables
    decimals: int = 2
    pairs: list[tuple[str, str]] = field(default_factory=list)  # matching; left "" = distractor
    text: str = ""  # blanks/select/dragwords: HTML with gap markers {{0}}, {{1}}, …
    gaps: list[Gap] = field(default_factory=list)
    distractors: list[str] = field(default_factory=list)  # dragwords extra words
    regions: list[Region] = field(default_factory=list)  # hotspot
    scale: list[str] = field(default_factory=list)  # likert
    min_words: int = 0  # essay
    feedback: str = ""  # general feedback, HTML
    feedback_correct: str = ""
    feedback_incorrect: str = ""
    hints: list[str] = field(default_factory=list)
    loc: Location = field(default_factory=Location)

    @property
    def graded(self) -> bool:
        return self.type not in UNGRADED


Bank = Literal["self", "entry", "intermediate", "final"]


@dataclass(slots=True)
class Quiz:
    """A test: self-check inside a unit, or the final test (10.1.4); banks of 9.3.1."""

    id: str
    questions: list[Question]
    final: bool = False
    bank: Bank = "self"
    pass_mark: float = 60.0  # percent
    attempts: int = 0  # 0 = unlimited
    retake: bool = False  # a passed final test may be taken again; the better result counts
    shuffle: bool = False
    shuffle_options: bool = False
    draw: int = 0  # 0 = all questions
    time_limit: int = 0  # seconds; 0 = none
    review: bool = True
    loc: Location = field(default_factory=Location)


@dataclass(slots=True)
class Columns:
    """Two columns side by side — a text and its picture, as PowerPoint's «Two Content» slide;
    the player stacks them on a narrow screen (``:::columns`` … ``+++`` … ``:::``)."""

    columns: list[list[Block]]
    loc: Location = field(default_factory=Location)


Block = Html | Image | Callout | Interaction | Quiz | Columns

SlideKind = Literal["title", "contents", "content"]


@dataclass(slots=True)
class Slide:
    id: str
    title: str
    blocks: list[Block]
    notes: list[Block] = field(default_factory=list)
    kind: SlideKind = "content"
    loc: Location = field(default_factory=Location)

    def walk(self) -> Iterator[Block]:
        """Every block on the slide, nested ones included, in document order."""
        yield from walk_blocks(self.blocks)


@dataclass(slots=True)
class Unit:
    """The smallest modular element, with a clear start and end (10.8.1)."""

    id: str
    title: str
    slides: list[Slide]
    tags: dict[str, list[str]] = field(default_factory=dict)  # selection by audience (10.8.2)
    loc: Location = field(default_factory=Location)


@dataclass(slots=True)
class Module:
    id: str
    title: str
    units: list[Unit]
    tags: dict[str, list[str]] = field(default_factory=dict)
    loc: Location = field(default_factory=Location)


@dataclass(slots=True)
class MediaRef:
    """One use of a file from the source folder, with where it is used."""

    path: str
    role: Literal["image", "video", "audio", "captions", "poster", "transcript", "photo"]
    loc: Location
    slide: str = ""  # id of the slide that uses it; "" for the title slide


@dataclass(frozen=True, slots=True)
class FieldValue:
    """One text value of the metadata as written, where it was written (placeholder checks)."""

    path: str  # dotted: "authors[0].name", "media['media/a.svg'].source"
    value: str
    loc: Location


@dataclass(slots=True)
class Resource:
    meta: Metadata
    modules: list[Module]
    front: list[Slide] = field(default_factory=list)  # generated title and contents slides
    media: list[MediaRef] = field(default_factory=list)
    root: str = ""  # source folder
    slug: str = ""
    fields: list[FieldValue] = field(default_factory=list)  # every text value of der.yaml
    locations: dict[str, Location] = field(default_factory=dict)  # der.yaml: dotted path → where

    def units(self) -> Iterator[Unit]:
        for m in self.modules:
            yield from m.units

    def slides(self) -> list[Slide]:
        """All slides as the learner meets them: title, contents, then every unit's slides."""
        return [*self.front, *(s for u in self.units() for s in u.slides)]

    def quizzes(self) -> Iterator[Quiz]:
        for s in self.slides():
            for b in s.walk():
                if isinstance(b, Quiz):
                    yield b

    def interactions(self) -> Iterator[Interaction]:
        for s in self.slides():
            for b in s.walk():
                if isinstance(b, Interaction):
                    yield b


def walk_blocks(blocks: list[Block]) -> Iterator[Block]:
    for b in blocks:
        yield b
        if isinstance(b, Callout):
            yield from walk_blocks(b.blocks)
        elif isinstance(b, Columns):
            for column in b.columns:
                yield from walk_blocks(column)
        elif isinstance(b, Interaction):
            yield from walk_blocks(b.intro)
            for it in b.items:
                yield from walk_blocks(it.blocks)
        elif isinstance(b, Quiz):
            for q in b.questions:
                yield from walk_blocks(q.body)
