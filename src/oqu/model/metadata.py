"""The DER's metadata: what der.yaml (or a Markdown file's front matter) holds.

Two definitions of the same model, kept equal by tests/test_metadata_fast.py:

- here, plain frozen dataclasses and :func:`parse_metadata`, a validator that checks the usual
  document in microseconds and gives up (returns ``None``) at the first thing it is not sure of;
- :mod:`oqu.model.metadata_schema`, the pydantic models with the regulation's clauses in their
  descriptions: the JSON Schema editors use (docs/der.schema.json) and, when this module gives
  up, the validation that lists every mistake with its field (OQ103–OQ105).

A build of a correct source never imports pydantic (≈ 0.17 s of a cold ``oqu build``'s CPU:
docs/benchmarks.md, "Session 6"). Whatever this module accepts, pydantic accepts with the same
values; what it refuses goes to pydantic, which decides.
"""

from __future__ import annotations

import datetime as dt
import inspect
import math
import re
from collections.abc import Callable
from dataclasses import FrozenInstanceError, dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, Literal

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]{0,62}$"


class DerType(StrEnum):
    """Types of DER, clause 9.2 (main) and 9.3 (organisational)."""

    E_TEXTBOOK = "e-textbook"  # 9.2.1
    E_STUDY_GUIDE = "e-study-guide"  # 9.2.2
    E_LECTURE_COURSE = "e-lecture-course"  # 9.2.3
    REFERENCE_MATERIALS = "reference-materials"  # 9.2.4
    INTERACTIVE_PRESENTATION = "interactive-presentation"  # 9.2.5
    DIGITAL_PRACTICUM = "digital-practicum"  # 9.2.6
    ASSESSMENT_MATERIALS = "assessment-materials"  # 9.3.1
    TEACHING_MATERIALS = "teaching-materials"  # 9.3.2
    SOURCE_COMPONENTS = "source-components"  # 9.3.3

    @property
    def clause(self) -> str:
        return _CLAUSES[self]


_CLAUSES = {
    DerType.E_TEXTBOOK: "9.2.1",
    DerType.E_STUDY_GUIDE: "9.2.2",
    DerType.E_LECTURE_COURSE: "9.2.3",
    DerType.REFERENCE_MATERIALS: "9.2.4",
    DerType.INTERACTIVE_PRESENTATION: "9.2.5",
    DerType.DIGITAL_PRACTICUM: "9.2.6",
    DerType.ASSESSMENT_MATERIALS: "9.3.1",
    DerType.TEACHING_MATERIALS: "9.3.2",
    DerType.SOURCE_COMPONENTS: "9.3.3",
}


class _Record:
    """What ``@dataclass(frozen=True, kw_only=True)`` gives these records (keyword ``__init__``
    with defaults, ``==``, ``hash``, ``repr``, no assignment), from one generic class: dataclass
    writes and compiles those methods for each class, ≈ 0.8 ms a class at every cold start.
    mypy sees the dataclass (``_record`` below), so both must keep to its behaviour."""

    __slots__ = ()
    FIELDS: ClassVar[tuple[str, ...]] = ()
    DEFAULTS: ClassVar[dict[str, Callable[[], Any]]] = {}

    def __init__(self, **values: Any) -> None:
        for name in self.FIELDS:
            if name in values:
                value = values.pop(name)
            elif (default := self.DEFAULTS.get(name)) is not None:
                value = default()
            else:
                raise TypeError(f"{type(self).__name__}() needs the keyword argument {name!r}")
            object.__setattr__(self, name, value)
        if values:
            raise TypeError(f"{type(self).__name__}() got unexpected arguments {sorted(values)}")

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.FIELDS)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.FIELDS)
        return f"{type(self).__name__}({inner})"


def _constant(value: Any) -> Callable[[], Any]:
    return lambda: value


def _fields_of[R: type[_Record]](cls: R) -> R:
    """Fill ``FIELDS`` and ``DEFAULTS`` from the class's annotations and defaults."""
    cls.FIELDS = tuple(inspect.get_annotations(cls))  # its own, as strings
    cls.DEFAULTS = {}
    for name in cls.FIELDS:
        if name not in cls.__dict__:
            continue
        default = cls.__dict__[name]
        if isinstance(default, type(field())):  # field(default_factory=...)
            cls.DEFAULTS[name] = default.default_factory
            delattr(cls, name)
        else:
            cls.DEFAULTS[name] = _constant(default)
    return cls


if TYPE_CHECKING:
    _record = dataclass(frozen=True, kw_only=True)
else:
    _record = _fields_of


@_record
class University(_Record):
    name: str
    url: str | None = None


@_record
class Author(_Record):
    name: str
    position: str | None = None
    degree: str | None = None
    title: str | None = None
    email: str | None = None
    photo: str | None = None


@_record
class MediaCredit(_Record):
    """Where a media file comes from and under which licence (clause 11)."""

    source: str
    licence: str
    author: str | None = None


@_record
class GlossaryEntry(_Record):
    term: str
    definition: str
    aliases: list[str] = field(default_factory=list)


@_record
class References(_Record):
    """Lists of literature, clause 9.2.1."""

    basic: list[str] = field(default_factory=list)
    additional: list[str] = field(default_factory=list)


@_record
class LecturePlanItem(_Record):
    """One lecture of an e-lecture course's plan (9.2.3)."""

    title: str
    hours: float | None = None
    topics: list[str] = field(default_factory=list)


@_record
class ModuleRef(_Record):
    """A module of a folder source: its Markdown file and optional title and tags (10.8)."""

    file: str
    title: str | None = None
    tags: dict[str, list[str]] = field(default_factory=dict)


@_record
class Player(_Record):
    """How the learner's player shows the slides (7.5)."""

    stage: Literal["16:9", "4:3", "none"] | None = None


@_record
class Metadata(_Record):
    """Everything the regulation and forms 01/02 ask to know about a DER."""

    oqu: Literal[1] = 1
    title: str
    slug: str | None = None
    type: DerType
    language: Literal["kk", "ru", "en"]
    university: University | None = None
    faculty: str | None = None
    department: str
    discipline: str
    audience: str | None = None
    date: dt.date
    version: str = "1.0"
    description: str | None = None
    keywords: list[str] = field(default_factory=list)
    licence: str | None = None
    authors: list[Author]
    contact: str | None = None
    topics: list[str] = field(default_factory=list)
    syllabus_topics: list[str] = field(default_factory=list)
    completion: Literal["slides", "interactions", "test"] = "slides"
    glossary: list[GlossaryEntry] = field(default_factory=list)
    references: References = field(default_factory=References)
    lecture_plan: list[LecturePlanItem] = field(default_factory=list)
    media: dict[str, MediaCredit] = field(default_factory=dict)
    modules: list[ModuleRef] = field(default_factory=list)
    player: Player = field(default_factory=Player)

    @property
    def stage(self) -> str:
        """The slide stage's ratio ("16:9", "4:3") or "none" (docs/player.md, "The stage")."""
        if self.player.stage:
            return self.player.stage
        return "16:9" if self.type is DerType.INTERACTIVE_PRESENTATION else "none"

    @property
    def contact_email(self) -> str | None:
        if self.contact:
            return self.contact
        return next((a.email for a in self.authors if a.email), None)


RECORDS: tuple[type[_Record], ...] = (
    University,
    Author,
    MediaCredit,
    GlossaryEntry,
    References,
    LecturePlanItem,
    ModuleRef,
    Player,
    Metadata,
)


# --- the fast validator ---------------------------------------------------------------------
# Each check returns the value as pydantic would give it, or raises _Unsure. It accepts only the
# exact Python types a YAML loader produces and refuses anything pydantic might coerce (a date
# written as a quoted string, a number where text is expected…): pydantic decides those.


class _Unsure(Exception):
    pass


Check = Callable[[Any], Any]


def _text(value: Any) -> str:
    if type(value) is not str:
        raise _Unsure
    return value.strip()  # the models' str_strip_whitespace


def _non_empty(value: Any) -> str:
    text = _text(value)
    if not text:
        raise _Unsure
    return text


def _pattern(pattern: str) -> Check:
    matches = re.compile(pattern).match

    def check(value: Any) -> str:
        if type(value) is not str or value != value.strip() or not matches(value):
            raise _Unsure  # text around it, or no match: pydantic says what is wrong
        return value

    return check


def _optional(check: Check) -> Check:
    return lambda value: None if value is None else check(value)


def _one_of(*allowed: object) -> Check:
    def check(value: Any) -> Any:
        if type(value) not in (str, int) or value not in allowed:
            raise _Unsure
        return value

    return check


def _der_type(value: Any) -> DerType:
    if type(value) is not str or value not in _DER_TYPES:
        raise _Unsure
    return DerType(value)


_DER_TYPES = frozenset(t.value for t in DerType)


def _date(value: Any) -> dt.date:
    if type(value) is not dt.date:  # YAML's 2026-12-06; a datetime or a string: pydantic
        raise _Unsure
    return value


def _hours(value: Any) -> float | None:
    if value is None:
        return None
    if type(value) not in (int, float):  # bool is not int here
        raise _Unsure
    try:
        hours = float(value)
    except OverflowError:
        raise _Unsure from None
    if not math.isfinite(hours) or hours < 0:
        raise _Unsure
    return hours


def _list_of(check: Check, *, min_length: int = 0) -> Check:
    def checked(value: Any) -> list[Any]:
        if type(value) is not list or len(value) < min_length:
            raise _Unsure
        return [check(item) for item in value]

    return checked


def _dict_of(check: Check) -> Check:
    def checked(value: Any) -> dict[str, Any]:
        if type(value) is not dict:
            raise _Unsure
        out = {}
        for key, item in value.items():
            if type(key) is not str or key != key.strip():
                raise _Unsure
            out[key] = check(item)
        return out

    return checked


_REQUIRED = object()


def _record_of(cls: type, fields: dict[str, tuple[Check, Any]]) -> Check:
    """A mapping with no unknown key and every required one → ``cls(**checked values)``."""

    def checked(value: Any) -> Any:
        if type(value) is not dict:
            raise _Unsure
        args = {}
        for name, (check, default) in fields.items():
            if name in value:
                args[name] = check(value[name])
            elif default is _REQUIRED:
                raise _Unsure
        if len(args) != len(value):  # a key that is not a field
            raise _Unsure
        return cls(**args)

    return checked


_opt_text = _optional(_text)
_email = _optional(_pattern(EMAIL_PATTERN))
_texts = _list_of(_non_empty)

_module_ref = _record_of(
    ModuleRef,
    {
        "file": (_non_empty, _REQUIRED),
        "title": (_opt_text, None),
        "tags": (_dict_of(_list_of(_text)), None),
    },
)

_metadata = _record_of(
    Metadata,
    {
        "oqu": (_one_of(1), None),
        "title": (_non_empty, _REQUIRED),
        "slug": (_optional(_pattern(SLUG_PATTERN)), None),
        "type": (_der_type, _REQUIRED),
        "language": (_one_of("kk", "ru", "en"), _REQUIRED),
        "university": (
            _optional(
                _record_of(University, {"name": (_non_empty, _REQUIRED), "url": (_opt_text, None)})
            ),
            None,
        ),
        "faculty": (_opt_text, None),
        "department": (_non_empty, _REQUIRED),
        "discipline": (_non_empty, _REQUIRED),
        "audience": (_opt_text, None),
        "date": (_date, _REQUIRED),
        "version": (_text, None),
        "description": (_opt_text, None),
        "keywords": (_texts, None),
        "licence": (_opt_text, None),
        "authors": (
            _list_of(
                _record_of(
                    Author,
                    {
                        "name": (_non_empty, _REQUIRED),
                        "position": (_opt_text, None),
                        "degree": (_opt_text, None),
                        "title": (_opt_text, None),
                        "email": (_email, None),
                        "photo": (_opt_text, None),
                    },
                ),
                min_length=1,
            ),
            _REQUIRED,
        ),
        "contact": (_email, None),
        "topics": (_texts, None),
        "syllabus_topics": (_texts, None),
        "completion": (_one_of("slides", "interactions", "test"), None),
        "glossary": (
            _list_of(
                _record_of(
                    GlossaryEntry,
                    {
                        "term": (_non_empty, _REQUIRED),
                        "definition": (_non_empty, _REQUIRED),
                        "aliases": (_texts, None),
                    },
                )
            ),
            None,
        ),
        "references": (
            _record_of(References, {"basic": (_texts, None), "additional": (_texts, None)}),
            None,
        ),
        "lecture_plan": (
            _list_of(
                _record_of(
                    LecturePlanItem,
                    {
                        "title": (_non_empty, _REQUIRED),
                        "hours": (_hours, None),
                        "topics": (_texts, None),
                    },
                )
            ),
            None,
        ),
        "media": (
            _dict_of(
                _record_of(
                    MediaCredit,
                    {
                        "source": (_non_empty, _REQUIRED),
                        "licence": (_non_empty, _REQUIRED),
                        "author": (_opt_text, None),
                    },
                )
            ),
            None,
        ),
        "modules": (_list_of(_module_ref), None),
        "player": (
            _record_of(Player, {"stage": (_optional(_one_of("16:9", "4:3", "none")), None)}),
            None,
        ),
    },
)


def parse_metadata(data: Any) -> Metadata | None:
    """``data`` (der.yaml as loaded) as :class:`Metadata`, or ``None`` when this validator is
    not sure: then pydantic (:func:`oqu.sources.metadata.validate_metadata`) decides."""
    try:
        return _metadata(data)  # type: ignore[no-any-return]
    except _Unsure:
        return None


def parse_module_ref(data: Any) -> ModuleRef | None:
    """One item of ``modules:``, or ``None`` when not sure (as :func:`parse_metadata`)."""
    try:
        return _module_ref(data)  # type: ignore[no-any-return]
    except _Unsure:
        return None


def from_model(obj: Any) -> Any:
    """A pydantic model of :mod:`oqu.model.metadata_schema` (with what it holds) as the record
    of the same name here: what pydantic accepted that :func:`parse_metadata` was unsure of."""
    if isinstance(obj, list):
        return [from_model(item) for item in obj]
    if isinstance(obj, dict):
        return {key: from_model(item) for key, item in obj.items()}
    cls = _BY_NAME.get(type(obj).__name__)
    if cls is None or not hasattr(obj, "model_fields_set"):
        return obj
    return cls(**{name: from_model(getattr(obj, name)) for name in cls.FIELDS})


_BY_NAME = {cls.__name__: cls for cls in RECORDS}
