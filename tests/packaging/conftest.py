"""Shared by the build tests: the official SCORM schemas, compiled once per session."""

from pathlib import Path
from typing import Any

import pytest

from oqu.scorm import SchemaSet, compiled_schema, schema_files, write_schema_root

IMS_XML_DEFAULT_NS = b'xmlns="http://www.w3.org/XML/1998/namespace"'


def write_package_root(root: Path, version: SchemaSet) -> Path:
    """The library's repaired layout; the shipped ims_xml.xsd must hold the one declaration."""
    if version == "scorm12":
        assert dict(schema_files(version))["ims_xml.xsd"].count(IMS_XML_DEFAULT_NS) == 1
    return write_schema_root(root, version)


@pytest.fixture(scope="session")
def schemas() -> dict[SchemaSet, Any]:
    return {v: compiled_schema(v) for v in ("scorm12", "scorm2004")}
