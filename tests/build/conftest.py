"""Shared by the build tests: the official SCORM schemas, compiled once per session."""

from pathlib import Path
from typing import Any

import pytest
import xmlschema

from oqu.build.manifest import ADLCP12, IMSMD12, IMSSS2004, SchemaSet, schema_files

# ims_xml.xsd binds the xml namespace as the default namespace; only a private copy loses it.
IMS_XML_DEFAULT_NS = b'xmlns="http://www.w3.org/XML/1998/namespace"'


def write_package_root(root: Path, version: SchemaSet) -> Path:
    """Lay the schema files out as in a package root, repairing ims_xml.xsd (1.2) privately."""
    for relative, data in schema_files(version):
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    if version == "scorm12":
        ims_xml = root / "ims_xml.xsd"
        original = ims_xml.read_bytes()
        assert original.count(IMS_XML_DEFAULT_NS) == 1
        ims_xml.write_bytes(original.replace(IMS_XML_DEFAULT_NS, b"", 1))
    return root


# Compiled once per test module: each schema set is laid out in its own temporary folder.
_compiled: dict[SchemaSet, Any] = {}


@pytest.fixture(scope="session")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> dict[SchemaSet, Any]:
    if not _compiled:
        root12 = write_package_root(tmp_path_factory.mktemp("scorm12-schemas"), "scorm12")
        _compiled["scorm12"] = xmlschema.XMLSchema11(
            str(root12 / "imscp_rootv1p1p2.xsd"),
            locations=[
                (ADLCP12, str(root12 / "adlcp_rootv1p2.xsd")),
                (IMSMD12, str(root12 / "imsmd_rootv1p2p1.xsd")),
            ],
        )
        root04 = write_package_root(tmp_path_factory.mktemp("scorm2004-schemas"), "scorm2004")
        adl = "http://www.adlnet.org/xsd/"
        _compiled["scorm2004"] = xmlschema.XMLSchema11(
            str(root04 / "imscp_v1p1.xsd"),
            locations=[
                (adl + "adlcp_v1p3", str(root04 / "adlcp_v1p3.xsd")),
                (adl + "adlseq_v1p3", str(root04 / "adlseq_v1p3.xsd")),
                (adl + "adlnav_v1p3", str(root04 / "adlnav_v1p3.xsd")),
                (IMSSS2004, str(root04 / "imsss_v1p0.xsd")),
            ],
        )
    return _compiled
