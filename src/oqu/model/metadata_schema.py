"""The DER's metadata as pydantic models: the JSON Schema and the full list of mistakes.

:func:`metadata_json_schema` publishes the JSON Schema editors use to validate der.yaml
(docs/der.schema.json); field descriptions cite the regulation's clauses. When the fast
validator of :mod:`oqu.model.metadata` is not sure of a document, these models validate it and
report every mistake at once (OQ103–OQ105). tests/test_metadata_fast.py keeps the two
definitions equal: same fields, defaults, and the same verdict and values on every document.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from oqu.model.metadata import EMAIL_PATTERN, SLUG_PATTERN, DerType

Email = Annotated[str, StringConstraints(pattern=EMAIL_PATTERN)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class University(_Strict):
    name: NonEmpty = Field(description="Full name of the university (form 02, slide 1).")
    url: str | None = Field(None, description="The university's web site (form 02, slide 1).")


class Author(_Strict):
    name: NonEmpty = Field(description="Full name (10.1.1).")
    position: str | None = Field(None, description="Position, e.g. senior lecturer (form 02).")
    degree: str | None = Field(None, description="Academic degree, e.g. Cand. Sc. (form 02).")
    title: str | None = Field(None, description="Academic title, e.g. associate professor.")
    email: Email | None = Field(None, description="Contact e-mail (form 02).")
    photo: str | None = Field(None, description="Path of the author's photo inside the source.")


class MediaCredit(_Strict):
    """Where a media file comes from and under which licence (clause 11)."""

    source: NonEmpty = Field(description="'Own work', a URL, or a bibliographic source.")
    licence: NonEmpty = Field(
        description="Licence, e.g. CC-BY-4.0, CC0-1.0, 'used with permission'."
    )
    author: str | None = Field(None, description="Who made it, when not the DER's authors.")


class GlossaryEntry(_Strict):
    term: NonEmpty
    definition: NonEmpty
    aliases: list[NonEmpty] = Field(
        default_factory=list, description="Other forms of the term that link to the same entry."
    )


class References(_Strict):
    """Lists of literature, clause 9.2.1."""

    basic: list[NonEmpty] = Field(default_factory=list, description="Basic literature.")
    additional: list[NonEmpty] = Field(default_factory=list, description="Additional literature.")


class LecturePlanItem(_Strict):
    """One lecture of an e-lecture course's plan (9.2.3)."""

    title: NonEmpty
    hours: float | None = Field(None, ge=0)
    topics: list[NonEmpty] = Field(default_factory=list)


class ModuleRef(_Strict):
    """A module of a folder source: its Markdown file and optional title and tags (10.8)."""

    file: NonEmpty
    title: str | None = None
    tags: dict[str, list[str]] = Field(default_factory=dict)


class Player(_Strict):
    """How the learner's player shows the slides (7.5: convenient wherever the learner connects
    from)."""

    stage: Literal["16:9", "4:3", "none"] | None = Field(
        None,
        description="A fixed-ratio slide stage scaled to the window (16:9 or 4:3), or none (a "
        "scrolling page); default: 16:9 for an interactive presentation (9.2.5), else none.",
    )


class Metadata(_Strict):
    """Everything the regulation and forms 01/02 ask to know about a DER."""

    oqu: Literal[1] = Field(1, description="Version of the source format.")
    title: NonEmpty = Field(description="The DER's name (form 01 item 3, form 02 slide 1).")
    slug: Slug | None = Field(None, description="File-name stem of the outputs; from the title.")
    type: DerType = Field(description="Type of DER, clause 9.2.1–9.2.6 or 9.3.1–9.3.3.")
    language: Literal["kk", "ru", "en"] = Field(description="Language of instruction.")
    university: University | None = None
    faculty: str | None = Field(None, description="Faculty's full name (form 02).")
    department: NonEmpty = Field(description="Department's full name (10.1.1).")
    discipline: NonEmpty = Field(description="Name of the discipline (10.1.1).")
    audience: str | None = Field(None, description="Target audience (form 01 item 6).")
    date: dt.date = Field(description="Date of development (10.1.1), YYYY-MM-DD.")
    version: str = Field("1.0", description="The DER's own version, e.g. 1.0.")
    description: str | None = Field(None, description="A short summary for the catalogue.")
    keywords: list[NonEmpty] = Field(default_factory=list)
    licence: str | None = Field(None, description="Licence of the DER, e.g. CC-BY-SA-4.0.")
    authors: list[Author] = Field(min_length=1)
    contact: Email | None = Field(
        None, description="The consulting teacher's e-mail (10.9.1); default: first author's."
    )
    topics: list[NonEmpty] = Field(
        default_factory=list,
        description="Topics (questions) listed on the contents slide (10.1.2).",
    )
    syllabus_topics: list[NonEmpty] = Field(
        default_factory=list, description="Syllabus topics this DER covers (7.6)."
    )
    completion: Literal["slides", "interactions", "test"] = Field(
        "slides", description="When the LMS marks the DER completed."
    )
    glossary: list[GlossaryEntry] = Field(default_factory=list)
    references: References = Field(default_factory=References)
    lecture_plan: list[LecturePlanItem] = Field(default_factory=list)
    media: dict[str, MediaCredit] = Field(
        default_factory=dict, description="Source and licence of each media file (clause 11)."
    )
    modules: list[ModuleRef] = Field(
        default_factory=list, description="Module files, in order (folder sources only)."
    )
    player: Player = Field(default_factory=Player, description="How the player shows slides.")


def metadata_json_schema() -> dict[str, Any]:
    schema = Metadata.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://oqu.atu.edu.kz/schema/der-1.json"
    schema["title"] = "Oqu DER metadata (der.yaml)"
    return schema
