"""The docs promise what the code does: every diagnostic has a page, the schema is current."""

from __future__ import annotations

import json
from pathlib import Path

from oqu.diagnostics import CATALOGUE, VARIANTS
from oqu.model.metadata_schema import Metadata, metadata_json_schema

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_every_diagnostic_code_has_a_page() -> None:
    for code, entry in CATALOGUE.items():
        page = (DOCS / "diagnostics" / f"{code}.md").read_text("utf-8")
        assert entry.message.en.split("{")[0].strip() in page, code
        assert entry.message.kk.split("{")[0].strip() in page, code
    pages = {p.stem for p in (DOCS / "diagnostics").glob("OQ*.md")}
    assert pages == set(CATALOGUE), "a page for a code that no longer exists"


def test_every_variant_has_its_messages_on_the_codes_page() -> None:
    for code, variants in VARIANTS.items():
        assert code in CATALOGUE, code
        page = (DOCS / "diagnostics" / f"{code}.md").read_text("utf-8")
        for name, entry in variants.items():
            assert f"`{name}`" in page, (code, name)
            for lang in ("kk", "ru", "en"):
                assert entry.message.get(lang).replace("|", "\\|") in page, (code, name, lang)


def test_published_json_schema_is_current() -> None:
    published = json.loads((DOCS / "der.schema.json").read_text("utf-8"))
    assert published == metadata_json_schema(), "run: oqu schema > docs/der.schema.json"


def test_format_reference_names_every_metadata_field() -> None:
    text = (DOCS / "format.md").read_text("utf-8")
    for name in Metadata.model_fields:
        assert f"`{name}`" in text, name


def test_every_diagnostic_code_is_exercised_by_a_test() -> None:
    tests = Path(__file__).resolve().parent
    text = "".join(p.read_text("utf-8") for p in tests.rglob("*.py"))
    missing = [code for code in CATALOGUE if code not in text]
    assert missing == [], "codes without a test that produces them"
