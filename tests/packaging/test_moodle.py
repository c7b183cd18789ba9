"""`oqu build --format moodle`: the .mbz unpacked and held against what Moodle's restore reads.

The references are Moodle's own backups of the HACCP package (Moodle 4.4, users off; in
fixtures/moodle-made/) and what restoring variants of them on a real Moodle showed
(docs/moodle.md); the element paths below are
the ones ``restore_scorm_activity_structure_step``, ``restore_module_structure_step``,
``restore_activity_grades_structure_step``, ``restore_load_included_files`` and the inforef
loader register. Moodle cannot run here, so every rule that restore enforces is checked on the
unpacked files instead.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import re
import shutil
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from oqu.diagnostics import Diagnostics
from oqu.packaging.moodle import NULL, check_package_url, moodle_backup
from oqu.packaging.pipeline import build
from oqu.sources.der import load
from tests.cli import oqu

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
# Moodle's own backups of the HACCP package, unpacked without their blobs (README.md there)
REFERENCE = Path(__file__).resolve().parent / "fixtures" / "moodle-made"
DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>'

# Every path restore registers for the files an activity backup holds (restore_path_element).
RESTORE_PATHS = {
    "activities/scorm_1/scorm.xml": ["/activity/scorm", "/activity/scorm/scoes/sco"],
    "activities/scorm_1/module.xml": ["/module"],
    "activities/scorm_1/grades.xml": ["/activity_gradebook/grade_items/grade_item"],
    "activities/scorm_1/inforef.xml": [
        "/inforef/fileref/file",
        "/inforef/grade_itemref/grade_item",
    ],
    "files.xml": ["/files/file"],
    "moodle_backup.xml": [
        "/moodle_backup/information/details/detail",
        "/moodle_backup/information/contents/activities/activity",
        "/moodle_backup/information/settings/setting",
    ],
}
# Restore refuses a backup without these (FACTS.md §2: missing_roles_xml_file, "Backup is
# missing XML file", …); filters.xml and calendar.xml because the settings filters and
# calendarevents are 1.
REQUIRED = {
    "moodle_backup.xml",
    "files.xml",
    "roles.xml",
    "questions.xml",
    "groups.xml",
    "outcomes.xml",
    "scales.xml",
    "activities/scorm_1/module.xml",
    "activities/scorm_1/scorm.xml",
    "activities/scorm_1/grades.xml",
    "activities/scorm_1/inforef.xml",
    "activities/scorm_1/roles.xml",
    "activities/scorm_1/filters.xml",
    "activities/scorm_1/calendar.xml",
}


def source_of(example: str) -> Path:
    d = EXAMPLES / example
    return d if (d / "der.yaml").exists() else next(d.glob("*.md"))


@dataclass
class Mbz:
    raw: bytes
    members: list[tarfile.TarInfo]
    files: dict[str, bytes]

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.files[name])

    def scorm(self) -> etree._Element:
        return self.xml("activities/scorm_1/scorm.xml").find("scorm")  # type: ignore[return-value]

    def field(self, name: str, tag: str) -> str:
        el = self.xml(name).find(f".//{tag}")
        assert el is not None, (name, tag)
        return el.text or ""


def reference(name: str) -> Mbz:
    root = REFERENCE / name
    files = {
        str(p.relative_to(root)): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and p.name != "README.md"
    }
    return Mbz(b"", [], files)


def unpack(data: bytes) -> Mbz:
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        members = tar.getmembers()
        files = {}
        for m in members:
            if m.isfile():
                f = tar.extractfile(m)
                assert f is not None
                files[m.name] = f.read()
    return Mbz(data, members, files)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Mbz, bytes]]:
    """Each example's .mbz and its SCORM 1.2 zip, from one `oqu build` per example."""
    out: dict[str, tuple[Mbz, bytes]] = {}
    for example in ("haccp-kk", "food-tech-ru", "networks-en"):
        d = tmp_path_factory.mktemp(example)
        res = build(source_of(example), d, ("moodle", "scorm12"))
        assert res.ok, [x.format() for x in res.diagnostics]
        mbz, zip_ = sorted(res.outputs)
        assert mbz.suffix == ".mbz" and zip_.suffix == ".zip"
        out[example] = (unpack(mbz.read_bytes()), zip_.read_bytes())
    return out


def skeleton(doc: bytes) -> dict[str, list[str]]:
    """Element path → the names of its children in order (repeated siblings once)."""
    out: dict[str, list[str]] = {}

    def walk(el: etree._Element, path: str) -> None:
        names: list[str] = []
        for child in el:
            if not names or names[-1] != child.tag:
                names.append(str(child.tag))
        out.setdefault(path, names)
        for child in el:
            walk(child, f"{path}/{child.tag}")

    root = etree.fromstring(doc)
    walk(root, f"/{root.tag}")
    return out


# ---------- the container and the files restore insists on ----------


def test_container_is_a_gzip_ustar_tar_as_moodle_writes_it(
    built: dict[str, tuple[Mbz, bytes]],
) -> None:
    mbz, _ = built["haccp-kk"]
    assert mbz.raw[:2] == b"\x1f\x8b"  # restore sniffs gzip; a plain tar is refused
    tar = gzip.decompress(mbz.raw)
    assert tar[257:263] == b"ustar\x00"
    names = [m.name + ("/" if m.isdir() else "") for m in mbz.members]
    assert names[0] == ".ARCHIVE_INDEX"
    assert names[1:] == sorted(names[1:])
    assert not any(n.startswith(("./", "/")) or ".." in n.split("/") for n in names)
    for m in mbz.members:
        assert (m.uid, m.gid) == (0, 0)
        assert m.mode == (0o755 if m.isdir() else 0o644)
    index = mbz.files[".ARCHIVE_INDEX"].decode().splitlines()
    assert index[0] == f"Moodle archive file index. Count: {len(names) - 1}"
    listed = {line.split("\t")[0]: line.split("\t")[1:] for line in index[1:]}
    for m in mbz.members[1:]:
        name = m.name + ("/" if m.isdir() else "")
        kind, size, _ = listed[name]
        assert kind == ("d" if m.isdir() else "f")
        assert int(size) == (0 if m.isdir() else m.size)


@pytest.mark.parametrize("example", ["haccp-kk", "food-tech-ru", "networks-en"])
def test_every_file_restore_requires_is_there_and_every_xml_is_well_formed(
    built: dict[str, tuple[Mbz, bytes]], example: str
) -> None:
    mbz, _ = built[example]
    assert set(mbz.files) >= REQUIRED
    head = mbz.files["moodle_backup.xml"][:200]
    # restore's format detection reads these three in the first 200 bytes; Python's own
    # ElementTree declaration (single quotes) makes Moodle say "Unknown backup format"
    assert head.startswith(DECLARATION + b"\n")
    assert b"<moodle_backup>" in head and b"<information>" in head
    for name, data in mbz.files.items():
        if name.endswith(".xml"):
            assert data.startswith(DECLARATION), name
            etree.fromstring(data)  # well-formed, or this raises
    for name, paths in RESTORE_PATHS.items():
        doc = etree.fromstring(mbz.files[name])
        for path in paths:
            assert doc.getroottree().xpath(path) or path.endswith("/sco"), (name, path)


# ---------- compared with Moodle's own backup of the same package ----------


def test_same_files_and_elements_as_moodles_own_backup(
    built: dict[str, tuple[Mbz, bytes]],
) -> None:
    ours, _ = built["haccp-kk"]
    ref = reference("scorm12")
    non_blob = {n for n in ref.files if not n.startswith("files/")}
    assert {n for n in ours.files if not n.startswith("files/")} == non_blob
    for name in sorted(non_blob):
        if not name.endswith(".xml"):
            continue
        # every element Moodle writes, in Moodle's order, under the same parents
        assert skeleton(ours.files[name]) == skeleton(ref.files[name]), name
        assert ours.files[name].startswith(DECLARATION), name


def test_sco_rows_equal_those_moodle_parsed_from_the_same_manifest(
    built: dict[str, tuple[Mbz, bytes]],
) -> None:
    ours, _ = built["haccp-kk"]
    ref = reference("scorm12")

    def rows(m: Mbz) -> list[list[tuple[str, str]]]:
        return [
            [(str(c.tag), c.text or "") for c in sco.iter() if len(c) == 0 and c is not sco]
            for sco in m.scorm().iter("sco")
        ]

    assert rows(ours) == rows(ref)
    ref_launch = ref.field("activities/scorm_1/scorm.xml", "launch")
    ref_ids = [s.get("id") for s in ref.scorm().iter("sco")]
    our_ids = [s.get("id") for s in ours.scorm().iter("sco")]
    launch = ours.field("activities/scorm_1/scorm.xml", "launch")
    assert our_ids.index(launch) == ref_ids.index(ref_launch)  # the launching SCO, remapped


def test_files_xml_lists_what_moodles_backup_lists(
    built: dict[str, tuple[Mbz, bytes]],
) -> None:
    """Same package + content + folder entries; a package built since may differ in bytes."""
    ours, _ = built["haccp-kk"]
    ref = reference("scorm12")

    def entries(m: Mbz) -> set[tuple[str, ...]]:
        out = set()
        for f in m.xml("files.xml").iter("file"):
            row = [f.findtext(k) or "" for k in ("component", "filearea", "filepath", "filename")]
            if f.findtext("filename") == ".":
                row.append(f.findtext("contenthash") or "")
            out.add(tuple(row))
        return out

    # Moodle's backup was made of a package whose player still shipped its stylesheets as files;
    # oqu.css is inlined into index.html since (docs/player.md), so it is the one difference
    # (quiz.css is a file again: linked after the first slide, issue 17 item 5).
    inlined = {("mod_scorm", "content", "/player/", "oqu.css")}
    assert entries(ours) == entries(ref) - inlined


def test_a_2004_reference_differs_only_by_sequencing_rows() -> None:
    """Why the backup carries SCORM 1.2: a 2004 activity needs Moodle's own sequencing rows."""
    ref = reference("scorm2004")
    (name,) = [n for n in ref.files if n.endswith("/scorm.xml")]
    assert ref.xml(name).find(".//seq_objective") is not None
    assert ref.field(name, "version") == "SCORM_1.3"


# ---------- hashes, ids and the package ----------


# The columns of mdl_scorm and mdl_scorm_scoes after id and the parent key, in order, from
# mod/scorm/db/install.xml, XMLDB VERSION 20220127 (Moodle 4.0 to 4.2; 4.4's backup writes the
# same). process_scorm() inserts the <scorm> fields as they are: a column left out takes the
# database default (maxattempt 1, skipview 1, maxgrade 0), not the admin's.
SCORM_COLUMNS = [
    "name",
    "scormtype",
    "reference",
    "intro",
    "introformat",
    "version",
    "maxgrade",
    "grademethod",
    "whatgrade",
    "maxattempt",
    "forcecompleted",
    "forcenewattempt",
    "lastattemptlock",
    "masteryoverride",
    "displayattemptstatus",
    "displaycoursestructure",
    "updatefreq",
    "sha1hash",
    "md5hash",
    "revision",
    "launch",
    "skipview",
    "hidebrowse",
    "hidetoc",
    "nav",
    "navpositionleft",
    "navpositiontop",
    "auto",
    "popup",
    "options",
    "width",
    "height",
    "timeopen",
    "timeclose",
    "timemodified",
    "completionstatusrequired",
    "completionscorerequired",
    "completionstatusallscos",
    "autocommit",
]
SCOES_COLUMNS = [
    "manifest",
    "organization",
    "parent",
    "identifier",
    "launch",
    "scormtype",
    "title",
    "sortorder",
]


def test_every_column_of_moodles_scorm_tables_is_written(
    built: dict[str, tuple[Mbz, bytes]],
) -> None:
    s = built["haccp-kk"][0].scorm()
    assert [c.tag for c in s if c.tag != "scoes"] == SCORM_COLUMNS
    for sco in s.iter("sco"):
        assert [c.tag for c in sco][: len(SCOES_COLUMNS)] == SCOES_COLUMNS


@pytest.mark.parametrize("example", ["haccp-kk", "food-tech-ru", "networks-en"])
def test_file_hashes_sizes_and_references_agree(
    built: dict[str, tuple[Mbz, bytes]], example: str
) -> None:
    mbz, _ = built[example]
    blobs = {n: d for n, d in mbz.files.items() if n.startswith("files/")}
    for name, data in blobs.items():
        _, prefix, sha1 = name.split("/")
        assert hashlib.sha1(data).hexdigest() == sha1 and sha1[:2] == prefix
    context = mbz.xml("activities/scorm_1/scorm.xml").get("contextid")
    ids = []
    for f in mbz.xml("files.xml").iter("file"):
        ids.append(f.get("id"))
        assert f.findtext("contextid") == context  # else restore copies no file at all
        assert f.findtext("component") == "mod_scorm"
        h = f.findtext("contenthash") or ""
        if f.findtext("filename") == ".":
            assert h == hashlib.sha1(b"").hexdigest() and f.findtext("filesize") == "0"
        else:
            assert f"files/{h[:2]}/{h}" in blobs
            assert int(f.findtext("filesize") or -1) == len(blobs[f"files/{h[:2]}/{h}"])
    # restore copies a file only when inforef lists its id
    inforef = mbz.xml("activities/scorm_1/inforef.xml")
    assert [e.text for e in inforef.iterfind("fileref/file/id")] == ids
    assert len(set(ids)) == len(ids)
    item = mbz.xml("activities/scorm_1/grades.xml").find(".//grade_item")
    assert item is not None
    assert [e.text for e in inforef.iterfind("grade_itemref/grade_item/id")] == [item.get("id")]
    # the directory, the module id and the activity settings' prefix agree
    info = mbz.xml("moodle_backup.xml")
    activity = info.find(".//contents/activities/activity")
    assert activity is not None
    cmid = activity.findtext("moduleid")
    assert activity.findtext("directory") == f"activities/scorm_{cmid}"
    assert mbz.xml("activities/scorm_1/module.xml").get("id") == cmid
    assert mbz.xml("activities/scorm_1/scorm.xml").get("moduleid") == cmid
    names = {s.findtext("name") for s in info.iterfind(".//setting[level='activity']")}
    assert names == {f"scorm_{cmid}_included", f"scorm_{cmid}_userinfo"}
    assert info.findtext(".//setting[name='activities']/value") == "1"


@pytest.mark.parametrize("example", ["haccp-kk", "food-tech-ru", "networks-en"])
def test_package_inside_is_the_scorm12_build_byte_for_byte(
    built: dict[str, tuple[Mbz, bytes]], example: str
) -> None:
    mbz, package = built[example]
    sha1 = hashlib.sha1(package).hexdigest()
    assert mbz.files[f"files/{sha1[:2]}/{sha1}"] == package
    scorm = mbz.scorm()
    assert scorm.findtext("sha1hash") == sha1
    assert scorm.findtext("version") == "SCORM_1.2"
    slug = load(source_of(example), Diagnostics())
    assert slug is not None
    assert scorm.findtext("reference") == f"{slug.slug}-scorm12.zip"
    files = list(mbz.xml("files.xml").iter("file"))
    (pkg,) = [
        f for f in files if f.findtext("filearea") == "package" and f.findtext("filename") != "."
    ]
    assert (pkg.findtext("filepath"), pkg.findtext("filename")) == ("/", f"{slug.slug}-scorm12.zip")
    # the unpacked content is the zip's entries, so the activity plays without re-parsing
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        expected = {n: z.read(n) for n in z.namelist()}
    content = {}
    for f in files:
        if f.findtext("filearea") == "content" and f.findtext("filename") != ".":
            h = f.findtext("contenthash") or ""
            path = (f.findtext("filepath") or "")[1:] + (f.findtext("filename") or "")
            content[path] = mbz.files[f"files/{h[:2]}/{h}"]
    assert content == expected


# ---------- the activity's settings, per DER ----------

EXPECTED = {
    # example: (gradepass, completion by passing grade, masteryscore in the SCO row)
    "haccp-kk": ("70.00000", True, "70"),  # completion: test, pass=70
    # completion: slides; the manifest states the final test's pass mark all the same (issue 13.3)
    "food-tech-ru": ("60.00000", False, "60"),
    "networks-en": ("60.00000", False, "60"),
}


@pytest.mark.parametrize("example", sorted(EXPECTED))
def test_activity_settings_follow_the_der(
    built: dict[str, tuple[Mbz, bytes]], example: str
) -> None:
    gradepass, by_grade, mastery = EXPECTED[example]
    mbz, _ = built[example]
    s = mbz.scorm()
    fixed = {
        "scormtype": "local",
        "popup": "0",  # current window
        "hidetoc": "3",  # table of contents disabled
        "nav": "0",  # no navigation buttons
        "maxgrade": "100",
        "grademethod": "1",  # highest grade: the SCO's score.raw, a percent
        "whatgrade": "0",  # highest attempt
        "maxattempt": "0",  # the examples' tests allow unlimited attempts
        "updatefreq": "0",
        "completionstatusrequired": "6",  # passed (2) or completed (4)
        "completionscorerequired": NULL,
        "introformat": "1",
        "revision": "1",
    }
    assert {k: s.findtext(k) for k in fixed} == fixed
    module = mbz.xml("activities/scorm_1/module.xml")
    assert module.findtext("completion") == "2"
    assert module.findtext("completionpassgrade") == ("1" if by_grade else "0")
    assert module.findtext("completiongradeitemnumber") == ("0" if by_grade else NULL)
    item = mbz.xml("activities/scorm_1/grades.xml").find(".//grade_item")
    assert item is not None
    assert item.findtext("gradepass") == gradepass
    assert item.findtext("grademax") == "100.00000"
    assert item.findtext("itemmodule") == "scorm"
    datas = {d.findtext("name"): d.findtext("value") for d in s.iter("sco_data")}
    assert datas.get("masteryscore") == mastery


def test_kazakh_and_russian_text_arrive_intact(built: dict[str, tuple[Mbz, bytes]]) -> None:
    for example in ("haccp-kk", "food-tech-ru"):
        mbz, _ = built[example]
        r = load(source_of(example), Diagnostics())
        assert r is not None
        meta = r.meta
        s = mbz.scorm()
        assert s.findtext("name") == meta.title
        item = mbz.xml("activities/scorm_1/grades.xml").find(".//grade_item")
        assert item is not None and item.findtext("itemname") == meta.title
        info = mbz.xml("moodle_backup.xml")
        assert info.findtext(".//contents/activities/activity/title") == meta.title
        intro = s.findtext("intro") or ""
        assert meta.description and " ".join(meta.description.split()) in intro
        assert meta.discipline in intro and meta.authors[0].name in intro
    kk = built["haccp-kk"][0].scorm().findtext("intro") or ""
    ru = built["food-tech-ru"][0].scorm().findtext("intro") or ""
    assert "<strong>Пән:</strong> Тағам қауіпсіздігі" in kk
    assert "<strong>Дисциплина:</strong> Технология хлебопекарного производства" in ru


def variant(tmp_path: Path, quiz: str, *, title: str | None = None) -> Path:
    """networks-en with its final test's options (and title) changed."""
    text = source_of("networks-en").read_text("utf-8")
    assert ":::quiz {final=true pass=60}" in text
    text = text.replace(":::quiz {final=true pass=60}", quiz)
    if title is not None:
        text = re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M)
    d = tmp_path / "src"
    shutil.copytree(source_of("networks-en").parent, d)
    (d / "lesson.md").write_text(text, "utf-8")
    return d / "lesson.md"


def one_mbz(src: Path, out: Path, **kw: str) -> Mbz:
    res = build(src, out, ("moodle",), **kw)
    assert res.ok, [d.format() for d in res.diagnostics]
    return unpack(res.outputs[0].read_bytes())


def test_limited_attempts_become_moodles_attempts(tmp_path: Path) -> None:
    mbz = one_mbz(variant(tmp_path, ":::quiz {final=true pass=80 attempts=2}"), tmp_path / "o")
    s = mbz.scorm()
    assert (s.findtext("maxattempt"), s.findtext("whatgrade")) == ("2", "0")
    item = mbz.xml("activities/scorm_1/grades.xml").find(".//grade_item")
    assert item is not None and item.findtext("gradepass") == "80.00000"


def test_without_a_final_test_the_grade_counts_the_completed_sco(tmp_path: Path) -> None:
    mbz = one_mbz(variant(tmp_path, ":::quiz"), tmp_path / "o")
    s = mbz.scorm()
    assert s.findtext("grademethod") == "0"  # learning objects: 1 when completed
    item = mbz.xml("activities/scorm_1/grades.xml").find(".//grade_item")
    assert item is not None
    assert (item.findtext("grademax"), item.findtext("gradepass")) == ("1.00000", "0.00000")
    assert mbz.xml("activities/scorm_1/module.xml").findtext("completionpassgrade") == "0"


def test_markup_in_the_title_and_annotation_stays_text(tmp_path: Path) -> None:
    """An author's `<`, `&` and quotes never become markup: not in the XML, not in the intro."""
    title = "'TCP & IP </name><maxgrade>0</maxgrade> \"x\" ]]>'"
    src = variant(tmp_path, ":::quiz {final=true pass=60}", title=title)
    text = src.read_text("utf-8")
    assert "  The four layers of the TCP/IP model," in text
    text = text.replace(
        "  The four layers of the TCP/IP model,",
        "  <script>alert(1)</script> <img src=x onerror=alert(2)> The four layers of the TCP/IP"
        " model,",
    )
    src.write_text(text, "utf-8")
    mbz = one_mbz(src, tmp_path / "o")
    s = mbz.scorm()
    assert s.findtext("name") == 'TCP & IP </name><maxgrade>0</maxgrade> "x" ]]>'
    assert s.findtext("maxgrade") == "100"
    assert len(s.findall("maxgrade")) == 1
    intro = s.findtext("intro") or ""  # the HTML Moodle shows as the activity's description
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in intro
    assert "<script" not in intro and "<img" not in intro


# ---------- determinism and the download-from-URL variant ----------


def test_same_source_gives_byte_identical_mbz(tmp_path: Path) -> None:
    a = build(source_of("haccp-kk"), tmp_path / "a", ("moodle",))
    b = build(source_of("haccp-kk"), tmp_path / "b" / "deeper", ("moodle",))
    assert a.outputs[0].read_bytes() == b.outputs[0].read_bytes()
    mbz = unpack(a.outputs[0].read_bytes())
    assert {m.mtime for m in mbz.members} == {1763942400}  # the DER's date, 2025-11-24
    assert not [p for p in (tmp_path / "a").iterdir() if p.name.startswith(".")]  # atomic


URL = "https://skills.atu.kz/oqu/catalogue/7/package/scorm12.zip?v=1&x=<y>"


def test_package_url_makes_an_auto_updating_download_activity(tmp_path: Path) -> None:
    mbz = one_mbz(source_of("haccp-kk"), tmp_path, package_url=URL)
    s = mbz.scorm()
    assert s.findtext("scormtype") == "localsync"
    assert s.findtext("reference") == URL
    assert s.findtext("updatefreq") == "3"  # every time it's used
    # empty hash and revision 0: the first download always differs and gets unpacked
    assert (s.findtext("sha1hash"), s.findtext("revision")) == ("", "0")
    assert list(s.iter("sco")) == []  # Moodle makes them from the downloaded manifest
    assert list(mbz.xml("files.xml").iter("file")) == []
    assert not [n for n in mbz.files if n.startswith("files/")]
    assert set(mbz.files) >= REQUIRED
    # Moodle's elements in Moodle's order, only the lists of files and SCOs left empty
    ref = reference("scorm12")
    for name, data in mbz.files.items():
        if name.endswith(".xml"):
            theirs = skeleton(ref.files[name])
            for path, children in skeleton(data).items():
                assert children in (theirs[path], []), (name, path)
    # the other settings are the same as with the uploaded package
    local = one_mbz(source_of("haccp-kk"), tmp_path / "local")
    for tag in ("hidetoc", "nav", "popup", "maxattempt", "grademethod", "completionstatusrequired"):
        assert s.findtext(tag) == local.scorm().findtext(tag), tag


def test_moodle_backup_refuses_a_bad_address_and_a_package_without_a_manifest() -> None:
    r = load(source_of("haccp-kk"), Diagnostics())
    assert r is not None
    for bad in (
        "ftp://x/a.zip",
        "https:///a.zip",
        "https://u:p@x/a.zip",
        "https://x/a b.zip",
        "https://x/" + "a" * 300,
        "javascript:alert(1)",
        "http://[::1/a.zip",
        "https://x:99999/a.zip",
    ):
        with pytest.raises(ValueError):
            moodle_backup(r, b"", "a.zip", package_url=bad)
    # a reason, never an exception, so the CLI can say it in the user's language
    assert check_package_url("http://[::1/a.zip") == "host"
    assert check_package_url("https://x:99999/a.zip") == "host"
    assert check_package_url(URL) is None
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("index.html", "<p>no manifest</p>")
    with pytest.raises(ValueError, match="imsmanifest"):
        moodle_backup(r, buf.getvalue(), "a.zip")
    with pytest.raises(ValueError):
        moodle_backup(r, buf.getvalue(), "../a.zip")


def test_cli_format_moodle_and_package_url(tmp_path: Path) -> None:
    res = oqu("build", str(source_of("haccp-kk")), "--format", "moodle", "--out", str(tmp_path))
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == str(tmp_path / "haccp-negizderi-moodle.mbz")
    bad = oqu(
        "build",
        str(source_of("haccp-kk")),
        "--format",
        "moodle",
        "--out",
        str(tmp_path / "x"),
        "--package-url",
        "ftp://files.atu.kz/haccp.zip",
    )
    assert bad.returncode == 2
    assert "--package-url" in bad.stderr and "http:// немесе https:// емес" in bad.stderr
    assert "Traceback" not in bad.stderr
    assert not (tmp_path / "x").exists()
    good = oqu(
        "build",
        str(source_of("haccp-kk")),
        "--format",
        "moodle",
        "--out",
        str(tmp_path / "u"),
        "--package-url",
        URL,
    )
    assert good.returncode == 0, good.stderr
    mbz = unpack((tmp_path / "u" / "haccp-negizderi-moodle.mbz").read_bytes())
    assert mbz.scorm().findtext("reference") == URL
