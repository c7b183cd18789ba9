"""The SCORM standard itself: its namespaces and its official schema files (``schemas/``).

Shared by the writer of packages (``oqu.packaging.manifest``) and the reader of packages made
elsewhere (``oqu.sources.scorm``), so that neither depends on the other. A leaf: it imports no
other part of Oqu. ``schemas/SOURCE.md`` says where the XSD files come from.
"""

import tempfile
from functools import cache
from importlib.resources import files as package_files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Final, Literal

__all__ = [
    "ADLCP12",
    "ADLCP2004",
    "ADLNAV2004",
    "ADLSEQ2004",
    "CP12",
    "CP2004",
    "IMSMD12",
    "IMSSS2004",
    "LOM_NS",
    "MANIFEST_NAME",
    "XML_NS",
    "XSI_NS",
    "SchemaSet",
    "compiled_schema",
    "schema_files",
    "write_schema_root",
]

SchemaSet = Literal["scorm12", "scorm2004"]
MANIFEST_NAME: Final = "imsmanifest.xml"

XML_NS: Final = "http://www.w3.org/XML/1998/namespace"
XSI_NS: Final = "http://www.w3.org/2001/XMLSchema-instance"

# SCORM 1.2: IMS CP 1.1.2, ADL CP 1.2 and IMS Meta-data 1.2.1.
CP12: Final = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP12: Final = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD12: Final = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"

# SCORM 2004 4th edition: IMS CP 1.1.4, ADL CP/sequencing/navigation 1.3, IMS SS 1.0, LOM 1.0.
CP2004: Final = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP2004: Final = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ2004: Final = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV2004: Final = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS2004: Final = "http://www.imsglobal.org/xsd/imsss"
LOM_NS: Final = "http://ltsc.ieee.org/xsd/LOM"


def schema_files(version: SchemaSet) -> list[tuple[str, bytes]]:
    """The official schema files for ``version``: (path in the package root, bytes), sorted."""
    if version not in ("scorm12", "scorm2004"):
        raise ValueError(f"unknown SCORM schema set {version!r}")
    return list(_schema_files(version))


@cache
def _schema_files(version: SchemaSet) -> tuple[tuple[str, bytes], ...]:
    root = package_files(__package__ or "oqu.scorm") / "schemas" / version
    found: list[tuple[str, bytes]] = []

    def walk(node: Traversable, prefix: str) -> None:
        for child in node.iterdir():
            if child.is_dir():
                walk(child, f"{prefix}{child.name}/")
            elif child.is_file():
                found.append((prefix + child.name, child.read_bytes()))

    walk(root, "")
    if not found:
        raise FileNotFoundError(f"no schema files for {version} in the installed oqu package")
    return tuple(sorted(found))


# ims_xml.xsd as shipped binds the xml namespace as its default namespace, which XML namespaces
# forbid and parsers reject; validation uses a private copy without that one declaration.
_IMS_XML_DEFAULT_NS = b'xmlns="http://www.w3.org/XML/1998/namespace"'
_ADL = "http://www.adlnet.org/xsd/"
_schema_dir: tempfile.TemporaryDirectory[str] | None = None


def write_schema_root(root: Path, version: SchemaSet) -> Path:
    """Lay the schema files out as in a package root, with ims_xml.xsd repaired (a copy)."""
    for relative, data in schema_files(version):
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if relative == "ims_xml.xsd":
            data = data.replace(_IMS_XML_DEFAULT_NS, b"", 1)
        target.write_bytes(data)
    return root


@cache
def compiled_schema(version: SchemaSet) -> Any:
    """The official schema set as an ``xmlschema.XMLSchema11``, compiled once per process.

    XSD 1.1 mode: libxml2 and XSD 1.0 cannot compile SCORM 1.2's metadata schema (STACK.md).
    """
    import xmlschema

    global _schema_dir
    if _schema_dir is None:
        _schema_dir = tempfile.TemporaryDirectory(prefix="oqu-schemas-")
    root = write_schema_root(Path(_schema_dir.name) / version, version)
    if version == "scorm12":
        main, locations = (
            "imscp_rootv1p1p2.xsd",
            [
                (ADLCP12, "adlcp_rootv1p2.xsd"),
                (IMSMD12, "imsmd_rootv1p2p1.xsd"),
            ],
        )
    else:
        main, locations = (
            "imscp_v1p1.xsd",
            [
                (_ADL + "adlcp_v1p3", "adlcp_v1p3.xsd"),
                (_ADL + "adlseq_v1p3", "adlseq_v1p3.xsd"),
                (_ADL + "adlnav_v1p3", "adlnav_v1p3.xsd"),
                (IMSSS2004, "imsss_v1p0.xsd"),
            ],
        )
    return xmlschema.XMLSchema11(
        str(root / main), locations=[(ns, str(root / name)) for ns, name in locations]
    )
