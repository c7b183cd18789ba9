"""``imsmanifest.xml`` for SCORM 1.2 and SCORM 2004 4th edition, and the schema files beside it.

A package built by Oqu is one SCO: one organization holding one item that launches one
resource, and that resource lists every file of the package. The manifest also carries the
package's catalogue record as IEEE LOM (the IMS 1.2.1 binding for SCORM 1.2, LOM v1.0 for
SCORM 2004), which is what an LMS or a repository shows about the package.

The XML is built with lxml, so text is escaped by the serialiser, and it is deterministic: the
same :class:`PackageInfo` always gives the same bytes.

:func:`oqu.scorm.schema_files` gives the official schema files that go, unchanged, into the
package root (``oqu/scorm/schemas/SOURCE.md`` says where they come from). The SCORM 2004 set
has no IEEE LOM schema, so a 2004 manifest does not name the LOM namespace in
``xsi:schemaLocation``; the content-packaging schema admits the LOM record as foreign metadata
(``##other``, ``lax``).
"""

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from lxml import etree

from oqu.scorm import (
    ADLCP12,
    ADLCP2004,
    ADLNAV2004,
    ADLSEQ2004,
    CP12,
    CP2004,
    IMSMD12,
    IMSSS2004,
    LOM_NS,
    MANIFEST_NAME,
    XML_NS,
    XSI_NS,
    SchemaSet,
    schema_files,
)

__all__ = [
    "PackageInfo",
    "scorm12_manifest",
    "scorm2004_manifest",
]

# SCORM 1.2: IMS CP 1.1.2, ADL CP 1.2 and IMS Meta-data 1.2.1.
SCORM12_NSMAP: Final[dict[str | None, str]] = {
    None: CP12,
    "adlcp": ADLCP12,
    "imsmd": IMSMD12,
    "xsi": XSI_NS,
}
SCORM12_SCHEMA_LOCATIONS: Final = (
    (CP12, "imscp_rootv1p1p2.xsd"),
    (IMSMD12, "imsmd_rootv1p2p1.xsd"),
    (ADLCP12, "adlcp_rootv1p2.xsd"),
)
SCORM12_SCHEMAVERSION: Final = "1.2"

# SCORM 2004 4th edition: IMS CP 1.1.4, ADL CP/sequencing/navigation 1.3, IMS SS 1.0, LOM 1.0.
SCORM2004_NSMAP: Final[dict[str | None, str]] = {
    None: CP2004,
    "adlcp": ADLCP2004,
    "adlseq": ADLSEQ2004,
    "adlnav": ADLNAV2004,
    "imsss": IMSSS2004,
    "lom": LOM_NS,
    "xsi": XSI_NS,
}
SCORM2004_SCHEMA_LOCATIONS: Final = (
    (CP2004, "imscp_v1p1.xsd"),
    (ADLCP2004, "adlcp_v1p3.xsd"),
    (ADLSEQ2004, "adlseq_v1p3.xsd"),
    (ADLNAV2004, "adlnav_v1p3.xsd"),
    (IMSSS2004, "imsss_v1p0.xsd"),
)
SCORM2004_SCHEMAVERSION: Final = "2004 4th Edition"
PRIMARY_OBJECTIVE_ID: Final = "PRIMARYOBJ"

METADATA_SCHEMA: Final = "ADL SCORM"
TITLE_MAX: Final = 200  # imscp_rootv1p1p2.xsd titleType
VERSION_MAX: Final = 20  # imscp_rootv1p1p2.xsd attr.version

_NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9._-]*")  # ASCII subset of xsd:ID
_LANGUAGE = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")  # xsd:language
# Not an XML 1.0 Char: [^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff], written as the
# few ranges it leaves out (that negated class took ~7 ms of every cold build to compile).
_NOT_XML_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NOT_IN_PATH = re.compile(r"[\\?#\x00-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class PackageInfo:
    """What the manifest says about one package; the build pipeline fills it in."""

    identifier: str  # stable, e.g. "oqu-haccp-kk"
    title: str
    language: str  # "kk" | "ru" | "en"
    description: str
    keywords: tuple[str, ...]
    version: str  # e.g. "1.0"
    files: tuple[str, ...]  # posix relative paths, without imsmanifest.xml and the schema files
    launch: str = "index.html"
    mastery_score: float | None = None  # percent pass mark of the final test, or None


def scorm12_manifest(info: PackageInfo) -> bytes:
    """The SCORM 1.2 ``imsmanifest.xml`` for ``info``; ``ValueError`` if ``info`` is invalid."""
    return _manifest(info, _SCORM12)


def scorm2004_manifest(info: PackageInfo) -> bytes:
    """The SCORM 2004 4th edition ``imsmanifest.xml`` for ``info``; ``ValueError`` if invalid."""
    return _manifest(info, _SCORM2004)


def _mastery12(item: etree._Element, score: float) -> None:
    _sub(item, ADLCP12, "masteryscore", _plain(_decimal(score)))


def _mastery2004(item: etree._Element, score: float) -> None:
    # The SCO reports cmi.score.scaled; the LMS sets success from it against this measure.
    sequencing = _sub(item, IMSSS2004, "sequencing")
    objectives = _sub(sequencing, IMSSS2004, "objectives")
    primary = _sub(
        objectives,
        IMSSS2004,
        "primaryObjective",
        objectiveID=PRIMARY_OBJECTIVE_ID,
        satisfiedByMeasure="true",
    )
    _sub(primary, IMSSS2004, "minNormalizedMeasure", _measure(score))


@dataclass(frozen=True, slots=True)
class _Version:
    """What differs between the two manifests; everything else is one shape."""

    name: SchemaSet
    cp: str  # content-packaging namespace
    nsmap: dict[str | None, str]
    locations: tuple[tuple[str, str], ...]
    schemaversion: str
    lom: str  # metadata namespace
    langstring: Callable[[etree._Element, str, str], None]
    lifecycle: str  # "lifecycle" in IMS MD 1.2, "lifeCycle" in LOM
    scormtype: str  # qualified attribute name
    mastery: Callable[[etree._Element, float], None]


def _manifest(info: PackageInfo, v: _Version) -> bytes:
    _check(info, v.name)
    manifest = _root(v.cp, v.nsmap, v.locations, info)

    metadata = _sub(manifest, v.cp, "metadata")
    _sub(metadata, v.cp, "schema", METADATA_SCHEMA)
    _sub(metadata, v.cp, "schemaversion", v.schemaversion)
    lom = _sub(metadata, v.lom, "lom")
    general = _sub(lom, v.lom, "general")
    v.langstring(_sub(general, v.lom, "title"), info.title, info.language)
    _sub(general, v.lom, "language", info.language)
    if info.description.strip():
        v.langstring(_sub(general, v.lom, "description"), info.description, info.language)
    for keyword in info.keywords:
        v.langstring(_sub(general, v.lom, "keyword"), keyword, info.language)
    lifecycle = _sub(lom, v.lom, v.lifecycle)
    v.langstring(_sub(lifecycle, v.lom, "version"), info.version, info.language)

    ids = _Ids(info.identifier)
    organizations = _sub(manifest, v.cp, "organizations", default=ids.organization)
    organization = _sub(organizations, v.cp, "organization", identifier=ids.organization)
    _sub(organization, v.cp, "title", info.title)
    item = _sub(
        organization,
        v.cp,
        "item",
        identifier=ids.item,
        identifierref=ids.resource,
        isvisible="true",
    )
    _sub(item, v.cp, "title", info.title)
    if info.mastery_score is not None:
        v.mastery(item, info.mastery_score)

    resources = _sub(manifest, v.cp, "resources")
    resource = _sub(
        resources,
        v.cp,
        "resource",
        attrib={
            "identifier": ids.resource,
            "type": "webcontent",
            v.scormtype: "sco",
            "href": info.launch,
        },
    )
    for path in sorted(info.files):
        _sub(resource, v.cp, "file", href=path)
    return _serialise(manifest)


class _Ids:
    """The identifiers inside the manifest, derived from the package's stable identifier.

    Stable item identifiers let an LMS keep learners' tracking when a package is updated.
    """

    __slots__ = ("item", "organization", "resource")

    def __init__(self, identifier: str) -> None:
        self.organization = f"{identifier}-org"
        self.item = f"{identifier}-item"
        self.resource = f"{identifier}-res"


def _check(info: PackageInfo, version: SchemaSet) -> None:
    """Raise ``ValueError`` naming the first field of ``info`` that cannot go in a manifest."""
    if not _NCNAME.fullmatch(info.identifier):
        raise ValueError(
            f"identifier {info.identifier!r} must start with a letter or '_' and hold only "
            "ASCII letters, digits, '.', '-' and '_'"
        )
    _check_text("title", info.title)
    if len(info.title) > TITLE_MAX:
        raise ValueError(f"title is {len(info.title)} characters long; at most {TITLE_MAX}")
    if not _LANGUAGE.fullmatch(info.language):
        raise ValueError(f"language {info.language!r} is not a language tag such as 'kk'")
    _check_text("description", info.description, allow_empty=True)
    for index, keyword in enumerate(info.keywords):
        _check_text(f"keywords[{index}]", keyword)
    _check_text("version", info.version)
    if len(info.version) > VERSION_MAX:
        raise ValueError(f"version {info.version!r} is longer than {VERSION_MAX} characters")

    if not info.files:
        raise ValueError("files is empty: a package lists at least its launch file")
    reserved = {MANIFEST_NAME} | {path for path, _ in schema_files(version)}
    seen: set[str] = set()
    for path in info.files:
        _check_path("files", path)
        if path in seen:
            raise ValueError(f"files lists {path!r} more than once")
        if path in reserved:
            raise ValueError(f"files lists {path!r}, which the packager writes itself")
        seen.add(path)
    _check_path("launch", info.launch)
    if info.launch not in seen:
        raise ValueError(f"launch file {info.launch!r} is not among files")

    score = info.mastery_score
    if score is not None and (
        isinstance(score, bool) or not math.isfinite(score) or not 0 <= score <= 100
    ):
        raise ValueError(f"mastery_score {score!r} is not a percentage from 0 to 100")


def _check_text(field: str, text: str, *, allow_empty: bool = False) -> None:
    if not allow_empty and not text.strip():
        raise ValueError(f"{field} is empty")
    if bad := _NOT_XML_CHAR.search(text):
        raise ValueError(f"{field} holds {bad.group()!r}, which XML 1.0 cannot carry")


def _check_path(field: str, path: str) -> None:
    _check_text(field, path)
    segments = path.split("/")
    if (
        path.startswith("/")
        or _NOT_IN_PATH.search(path)
        or ":" in segments[0]
        or any(segment in ("", ".", "..") for segment in segments)
    ):
        raise ValueError(f"{field}: {path!r} is not a plain relative path inside the package")


def _root(
    namespace: str,
    nsmap: dict[str | None, str],
    schema_locations: tuple[tuple[str, str], ...],
    info: PackageInfo,
) -> etree._Element:
    """The ``<manifest>`` element, declaring every namespace the manifest uses."""
    attrib = {
        "identifier": info.identifier,
        "version": info.version,
        _q(XSI_NS, "schemaLocation"): _schema_location(schema_locations),
    }
    # lxml-stubs 0.5 types nsmap as Mapping[str, str]; lxml takes None for the default namespace.
    return etree.Element(_q(namespace, "manifest"), attrib, nsmap=nsmap)  # type: ignore[arg-type]


def _q(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


def _sub(
    parent: etree._Element,
    namespace: str,
    name: str,
    text: str | None = None,
    *,
    attrib: dict[str, str] | None = None,
    **attributes: str,
) -> etree._Element:
    """A child element; ``attrib`` holds attributes whose names are namespaced."""
    element = etree.SubElement(parent, _q(namespace, name), {**(attrib or {}), **attributes})
    if text is not None:
        element.text = text
    return element


def _langstring12(parent: etree._Element, text: str, language: str) -> None:
    _sub(parent, IMSMD12, "langstring", text, attrib={_q(XML_NS, "lang"): language})


def _lomstring(parent: etree._Element, text: str, language: str) -> None:
    _sub(parent, LOM_NS, "string", text, language=language)


def _schema_location(pairs: tuple[tuple[str, str], ...]) -> str:
    return " ".join(f"{namespace} {location}" for namespace, location in pairs)


def _decimal(score: float) -> Decimal:
    return Decimal(repr(score))  # the shortest decimal that reads back as ``score``


def _plain(number: Decimal) -> str:
    """``80`` for 80.0, ``72.5`` for 72.50: no exponent, no trailing zeros."""
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def _measure(score: float) -> str:
    """The normalized measure for a percentage, with the 4 decimals imsss asks for at least."""
    measure = _decimal(score).scaleb(-2)
    exponent = measure.as_tuple().exponent
    if isinstance(exponent, int) and exponent > -4:
        measure = measure.quantize(Decimal("0.0001"))
    return format(measure, "f")


def _serialise(root: etree._Element) -> bytes:
    body = etree.tostring(root, encoding="UTF-8", xml_declaration=False, pretty_print=True)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body


# The two versions; defined last because they name the helpers above.
_SCORM12 = _Version(
    "scorm12", CP12, SCORM12_NSMAP, SCORM12_SCHEMA_LOCATIONS, SCORM12_SCHEMAVERSION,
    IMSMD12, _langstring12, "lifecycle", _q(ADLCP12, "scormtype"), _mastery12,
)  # fmt: skip
_SCORM2004 = _Version(
    "scorm2004", CP2004, SCORM2004_NSMAP, SCORM2004_SCHEMA_LOCATIONS, SCORM2004_SCHEMAVERSION,
    LOM_NS, _lomstring, "lifeCycle", _q(ADLCP2004, "scormType"), _mastery2004,
)  # fmt: skip
