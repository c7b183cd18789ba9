"""The typed content model of a DER: metadata plus the content tree."""

from typing import Any

from oqu.model.content import (
    CALLOUT_KINDS,
    INTERACTION_KINDS,
    QUESTION_TYPES,
    Block,
    Callout,
    Choice,
    Columns,
    Gap,
    Html,
    Image,
    Interaction,
    Item,
    MediaRef,
    Module,
    NumericAnswer,
    Question,
    Quiz,
    Region,
    Resource,
    Slide,
    Track,
    Unit,
    Variable,
    walk_blocks,
)
from oqu.model.metadata import (
    Author,
    DerType,
    GlossaryEntry,
    Metadata,
    ModuleRef,
    References,
)

__all__ = [
    "CALLOUT_KINDS",
    "INTERACTION_KINDS",
    "QUESTION_TYPES",
    "Author",
    "Block",
    "Callout",
    "Choice",
    "Columns",
    "DerType",
    "Gap",
    "GlossaryEntry",
    "Html",
    "Image",
    "Interaction",
    "Item",
    "MediaRef",
    "Metadata",
    "Module",
    "ModuleRef",
    "NumericAnswer",
    "Question",
    "Quiz",
    "References",
    "Region",
    "Resource",
    "Slide",
    "Track",
    "Unit",
    "Variable",
    "metadata_json_schema",
    "walk_blocks",
]


def metadata_json_schema() -> dict[str, Any]:
    """The JSON Schema of der.yaml (docs/der.schema.json), from the pydantic models."""
    from oqu.model.metadata_schema import metadata_json_schema as schema

    return schema()
