"""The two definitions of der.yaml's model agree (oqu/model/metadata.py's docstring).

The fast validator (plain dataclasses, no pydantic) may give up on any document, but what it
accepts pydantic must accept with the same values. The documents: every example's, and one-field
mutations of a correct document with the values authors get wrong. Every document any other
test loads is compared too, by the session fixture ``_fast_metadata_agrees_with_pydantic`` of
tests/conftest.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from oqu.model import metadata, metadata_schema
from oqu.sources.yamlpos import safe_load

ROOT = Path(__file__).resolve().parents[1]


def example_documents() -> list[dict[str, Any]]:
    docs = []
    for example in sorted((ROOT / "examples").iterdir()):
        yaml_file = example / "der.yaml"
        if yaml_file.exists():
            docs.append(safe_load(yaml_file.read_text("utf-8")))
        for md in example.glob("*.md"):
            text = md.read_text("utf-8")
            if text.startswith("---\n"):
                docs.append(safe_load(text.split("\n---\n", 1)[0][4:]))
    return [d for d in docs if isinstance(d, dict) and "title" in d]


ODD_VALUES: list[Any] = [
    None,
    "",
    "   ",
    " padded ",
    "text\n",
    "x",
    1,
    0,
    -1,
    1.5,
    True,
    math.nan,
    math.inf,
    10**400,
    [],
    ["x"],
    [" x "],
    [""],
    [1],
    {},
    {"a": 1},
    {"name": "N"},
    dt.date(2026, 1, 1),
    dt.datetime(2026, 1, 1, 0, 0),
    "2026-01-01",
    "a@b.kz",
    " a@b.kz",
    "a@b.kz\n",
    "not an email",
    "kk",
    "KK",
    "e-textbook",
    "16:9",
    "test",
    "my-slug",
    "My Slug",
]

NESTED = {
    "university": {"name": "U", "url": "https://u.kz"},
    "authors": [{"name": "A", "email": "a@b.kz", "photo": "p.png"}],
    "glossary": [{"term": "T", "definition": "D", "aliases": ["t"]}],
    "references": {"basic": ["B"], "additional": ["C"]},
    "lecture_plan": [{"title": "L", "hours": 2, "topics": ["x"]}],
    "media": {"media/a.png": {"source": "Own work", "licence": "CC0-1.0", "author": "A"}},
    "modules": [{"file": "m.md", "title": "M", "tags": {"level": ["basic"]}}],
    "player": {"stage": "4:3"},
}


def base_document() -> dict[str, Any]:
    return {
        "oqu": 1,
        "title": "Title",
        "slug": "title",
        "type": "e-textbook",
        "language": "en",
        "faculty": "F",
        "department": "D",
        "discipline": "S",
        "date": dt.date(2026, 12, 6),
        "version": "1.0",
        "keywords": ["k"],
        "contact": "c@atu.edu.kz",
        "topics": ["t"],
        "completion": "slides",
        **NESTED,
    }


def mutations() -> list[Any]:
    """The base document with one field (top level or one level down) removed, or set to each
    odd value, plus an unknown key at each level."""
    base = base_document()
    docs: list[Any] = [base, "not a mapping", [base]]
    for key in [*base, "audience", "description", "licence", "syllabus_topics"]:
        docs.append({k: v for k, v in base.items() if k != key})
        docs.extend({**base, key: value} for value in ODD_VALUES)
    docs.append({**base, "dicipline": "S"})
    for key, value in NESTED.items():
        record = value[0] if isinstance(value, list) else value
        if key == "media":
            record = value["media/a.png"]  # type: ignore[index]
        for field in [*record, "extra"]:
            for odd in [*ODD_VALUES, "<missing>"]:
                changed = {k: v for k, v in record.items() if k != field}
                if odd != "<missing>":
                    changed[field] = odd
                if key == "media":
                    docs.append({**base, key: {"media/a.png": changed}})
                elif isinstance(value, list):
                    docs.append({**base, key: [changed]})
                else:
                    docs.append({**base, key: changed})
    docs.append({**base, "media": {" media/a.png ": NESTED["media"]["media/a.png"]}})  # type: ignore[index]
    docs.append({**base, "media": {1: NESTED["media"]["media/a.png"]}})  # type: ignore[index]
    docs.append({**base, "authors": []})
    docs.append({**base, "modules": [{"file": "m.md", "tags": {"level": [" basic ", 1]}}]})
    return docs


def slow(doc: Any) -> Any:
    """pydantic's verdict: the record it gives, converted, or None if it refuses."""
    try:
        return metadata.from_model(metadata_schema.Metadata.model_validate(doc))
    except ValidationError:
        return None


def test_every_example_takes_the_fast_path() -> None:
    docs = example_documents()
    assert len(docs) == 3
    for doc in docs:
        fast = metadata.parse_metadata(doc)
        assert fast is not None, doc["title"]
        assert fast == slow(doc)


def test_what_the_fast_validator_accepts_pydantic_accepts_alike() -> None:
    accepted = refused = 0
    for doc in mutations():
        fast = metadata.parse_metadata(doc)
        expected = slow(doc)
        if fast is None:
            refused += 1
            continue
        accepted += 1
        assert expected is not None, f"fast accepted what pydantic refuses: {doc!r}"
        assert fast == expected, doc
    # both kinds occur, so the comparison above compared something
    assert accepted >= 10 and refused >= 10, (accepted, refused)


def test_what_pydantic_accepts_converts_to_the_same_records() -> None:
    """A document the fast validator refuses but pydantic accepts (a quoted date) builds."""
    doc = {**base_document(), "date": "2026-12-06", "keywords": ("k",)}
    assert metadata.parse_metadata(doc) is None
    converted = slow(doc)
    assert converted == metadata.parse_metadata(base_document())
    assert isinstance(converted.references, metadata.References)


def test_both_definitions_have_the_same_fields_and_defaults() -> None:
    for record in metadata.RECORDS:
        model: type[BaseModel] = getattr(metadata_schema, record.__name__)
        assert tuple(model.model_fields) == record.FIELDS, record.__name__
        for name, info in model.model_fields.items():
            default = record.DEFAULTS.get(name)
            if info.is_required():
                assert default is None, (record.__name__, name)
                continue
            assert default is not None, (record.__name__, name)
            theirs = info.get_default(call_default_factory=True)
            assert default() == metadata.from_model(theirs), (record.__name__, name)


def test_a_record_behaves_as_a_frozen_dataclass() -> None:
    """mypy checks the records as @dataclass(frozen=True, kw_only=True): so they behave."""
    a = metadata.Author(name="A", email="a@b.kz")
    assert a == metadata.Author(name="A", email="a@b.kz") != metadata.Author(name="B")
    assert hash(a) == hash(metadata.Author(name="A", email="a@b.kz"))
    assert repr(metadata.University(name="U")) == "University(name='U', url=None)"
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.name = "B"  # type: ignore[misc]
    with pytest.raises(TypeError):
        metadata.Author()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        metadata.Author(name="A", nick="a")  # type: ignore[call-arg]
    one, two = metadata.References(), metadata.References()
    assert one.basic == [] and one.basic is not two.basic  # a new list each time
