"""A Moodle activity backup (``.mbz``): one SCORM activity made of the DER's SCORM 1.2 package.

Moodle restores it in one step ("Restore" in any course) as a SCORM activity with the settings
that suit Oqu's player (docs/moodle.md). The backup is Moodle's own ``moodle2`` format, written
the way Moodle's backup writes it and read the way ``restore_scorm_activity_structure_step``,
``restore_module_structure_step`` and ``restore_activity_grades_structure_step`` read it:

* a gzip-compressed ustar tar (Moodle's ``tgz_packer``: ``.ARCHIVE_INDEX`` first);
* ``moodle_backup.xml`` (type ``activity``, format ``moodle2``), ``files.xml``, and the empty
  root files restore insists on (``roles.xml``, ``questions.xml``, ``groups.xml``,
  ``outcomes.xml``, ``scales.xml``, ``completion.xml``);
* ``activities/scorm_1/``: ``scorm.xml`` (every column of ``mdl_scorm``: an omitted one takes the
  database default, not the admin default), ``module.xml``, ``grades.xml``, ``inforef.xml``
  (restore copies only the files listed there), ``roles.xml``, ``filters.xml``,
  ``calendar.xml``, ``grade_history.xml``;
* ``files/<sha1[:2]>/<sha1>``: every stored file under the SHA-1 of its bytes.

Two variants. **Uploaded package** (``scormtype`` ``local``): the package zip in the ``package``
file area, its files unpacked in ``content`` and the SCO rows parsed from its manifest, as
Moodle's own backup holds them, so the activity plays at once after restore with
``updatefreq`` 0. **Download from a URL** (``localsync``, ``package_url``): no files and no SCO
rows; ``updatefreq`` 3 ("every time it's used"), so Moodle fetches, unpacks and parses the
package at the first view and takes every new version by itself.

Deterministic: times come from the DER's date, ids are fixed, entries sorted; the same input
gives the same bytes. What a real Moodle 4.4 restore accepted and refused, and the versions
targeted: docs/moodle.md; Moodle's own backup of the same package, which the tests compare
with: tests/packaging/fixtures/moodle-made/.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import posixpath
import re
import tarfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape as html_escape
from typing import Any, Final, Literal
from urllib.parse import urlsplit

from lxml import etree

from oqu.diagnostics import Text
from oqu.i18n import t
from oqu.model.content import Resource

__all__ = [
    "BACKUP_RELEASE",
    "BACKUP_VERSION",
    "MOODLE_RELEASE",
    "MOODLE_VERSION",
    "URL_PROBLEMS",
    "ActivitySettings",
    "activity_settings",
    "check_package_url",
    "moodle_backup",
]

# The backup says it was made by Moodle 4.1 LTS, the oldest version it targets: a site older
# than the backup warns ("noticenewerbackup"); a newer one restores it as an older backup.
MOODLE_VERSION: Final = 2022112800  # $version of Moodle 4.1.0
MOODLE_RELEASE: Final = "4.1 (Build: 20221128)"  # restore reads the 8-digit build from it
BACKUP_VERSION: Final = 2022112800
BACKUP_RELEASE: Final = "4.1"
SCORM_MODULE_VERSION: Final = 2022112800  # mod_scorm's $plugin->version in 4.1

NULL: Final = "$@NULL@$"  # how a Moodle backup writes SQL NULL
EMPTY_SHA1: Final = hashlib.sha1(
    b"", usedforsecurity=False
).hexdigest()  # directory entries in files.xml

# The ids inside the backup are free choices; restore maps them all to new ones. They only
# have to agree: the directory, moduleid and the settings' prefix; one context id in
# scorm.xml and files.xml.
CMID: Final = 1
SCORM_ID: Final = 1
CONTEXT_ID: Final = 2
SECTION_ID: Final = 1
GRADE_ITEM_ID: Final = 1
ACTIVITY_DIR: Final = f"activities/scorm_{CMID}"

# mod_scorm's codes (mod/scorm/lib.php, locallib.php)
GRADESCOES: Final = 0  # grade = number of SCOs completed or passed
GRADEHIGHEST: Final = 1  # grade = the SCO's score.raw (one SCO: highest = its score)
HIGHESTATTEMPT: Final = 0
SCORM_UPDATE_NEVER: Final = 0
SCORM_UPDATE_EVERYTIME: Final = 3
SCORM_TOC_DISABLED: Final = 3
SCORM_NAV_DISABLED: Final = 0
SCORM_SKIPVIEW_NEVER: Final = 0
STATUS_PASSED: Final = 2  # completionstatusrequired is a bit mask
STATUS_COMPLETED: Final = 4
COMPLETION_AUTOMATIC: Final = 2
FORMAT_HTML: Final = 1
MAX_GRADE: Final = 100
REFERENCE_MAX: Final = 255  # mdl_scorm.reference is char(255)

# Not an XML 1.0 Char: [^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff], written as the
# few ranges it leaves out (that negated class took ~7 ms of every cold build to compile).
_NOT_XML_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Content types Moodle would record for the files of an Oqu package; it recomputes them on
# restore anyway. A fixed table, not the mimetypes module (which reads /etc/mime.types).
_MIMETYPES: Final = {
    ".css": "text/css",
    ".dtd": "application/xml-dtd",
    ".gif": "image/gif",
    ".htm": "text/html",
    ".html": "text/html",
    ".jpeg": "image/jpeg",
    ".jpg": "image/jpeg",
    ".js": "application/x-javascript",
    ".json": "application/json",
    ".m4a": "audio/mp4",
    ".mp3": "audio/mp3",
    ".mp4": "video/mp4",
    ".ogg": "audio/ogg",
    ".opus": "audio/ogg",
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".txt": "text/plain",
    ".vtt": "text/vtt",
    ".webm": "video/webm",
    ".webp": "image/webp",
    ".woff2": "font/woff2",
    ".xml": "application/xml",
    ".xsd": "text/xml",
    ".zip": "application/zip",
}


@dataclass(frozen=True, slots=True)
class ActivitySettings:
    """What the SCORM activity is set to, derived from the DER (docs/moodle.md)."""

    name: str
    intro: str  # HTML
    grademethod: int  # GRADEHIGHEST with a final test, else GRADESCOES
    whatgrade: int
    maxattempt: int  # 0 = unlimited
    grademax: float
    gradepass: float  # percent of the final test; 0 without one
    completion_passgrade: bool  # completion also needs the passing grade
    timestamp: int  # every time in the backup: the DER's date, 00:00 UTC


def activity_settings(resource: Resource) -> ActivitySettings:
    """The activity's settings from the DER's metadata and its final test (10.1.4)."""
    meta = resource.meta
    final = next((q for q in resource.quizzes() if q.final), None)
    when = dt.datetime.combine(meta.date, dt.time(), tzinfo=dt.UTC)
    if final is None:
        # No score is ever reported: the grade is 1 when the SCO is completed.
        return ActivitySettings(
            name=meta.title,
            intro=_intro(resource),
            grademethod=GRADESCOES,
            whatgrade=HIGHESTATTEMPT,
            maxattempt=0,
            grademax=1.0,
            gradepass=0.0,
            completion_passgrade=False,
            timestamp=int(when.timestamp()),
        )
    return ActivitySettings(
        name=meta.title,
        intro=_intro(resource),
        grademethod=GRADEHIGHEST,
        whatgrade=HIGHESTATTEMPT,
        # SCORM 1.2 ends a Moodle attempt once the status is passed, failed or completed, and
        # a new attempt starts the package afresh: the test's attempts are Moodle's attempts.
        maxattempt=final.attempts,
        grademax=float(MAX_GRADE),
        gradepass=float(final.pass_mark),
        # The DER is complete when its test is passed: Moodle asks for the passing grade too.
        completion_passgrade=meta.completion == "test",
        timestamp=int(when.timestamp()),
    )


URL_PROBLEMS: Final = {
    "characters": Text(
        "бос орын не басқару таңбалары бар",
        "пробелы или управляющие символы",
        "spaces or control characters",
    ),
    "length": Text(
        f"{REFERENCE_MAX} таңбадан ұзын",
        f"длиннее {REFERENCE_MAX} символов",
        f"longer than {REFERENCE_MAX} characters",
    ),
    "scheme": Text(
        "http:// немесе https:// емес", "не http:// и не https://", "not http:// or https://"
    ),
    "host": Text("хост жоқ", "нет хоста", "no host"),
    "credentials": Text(
        "мекенжайда пайдаланушы аты не құпиясөз бар",
        "в адресе имя пользователя или пароль",
        "a user name or password in the address",
    ),
    "fragment": Text("#фрагмент бар", "есть #фрагмент", "a #fragment"),
}


def check_package_url(url: str) -> str | None:
    """Why ``url`` cannot be a "download package" address (a key of :data:`URL_PROBLEMS`).

    ``None`` when it can: an http(s) address with a host, no credentials, no fragment, at most
    255 characters (the column Moodle keeps it in).
    """
    if _NOT_XML_CHAR.search(url) or any(c.isspace() for c in url):
        return "characters"
    if len(url) > REFERENCE_MAX:
        return "length"
    try:
        parts = urlsplit(url)
        host, _ = parts.hostname, parts.port  # both raise on "http://[::1" or ":99999"
    except ValueError:
        return "host"
    if parts.scheme not in ("http", "https"):
        return "scheme"
    if not host:
        return "host"
    if parts.username is not None or parts.password is not None:
        return "credentials"
    if parts.fragment:
        return "fragment"
    return None


def moodle_backup(
    resource: Resource,
    package: bytes,
    package_name: str,
    *,
    package_url: str | None = None,
) -> bytes:
    """The ``.mbz`` bytes of a SCORM activity holding ``package`` (the DER's SCORM 1.2 zip).

    With ``package_url`` the activity downloads the package from that address instead
    (``localsync``, auto-update every time it is used) and the backup holds no files.
    ``ValueError`` when the package or the address cannot go in a backup.
    """
    settings = activity_settings(resource)
    if package_url is not None:
        problem = check_package_url(package_url)
        if problem:
            raise ValueError(f"package URL {package_url!r}: {URL_PROBLEMS[problem].en}")
        files: list[_File] = []
        scoes: list[_Sco] = []
        scorm = _scorm_xml(settings, package_url=package_url, sha1="", scoes=scoes)
    else:
        files = _package_files(package, package_name, settings.timestamp)
        scoes = _scoes(package)
        scorm = _scorm_xml(settings, package_name=package_name, sha1=_sha1(package), scoes=scoes)
    entries: dict[str, bytes] = {
        "moodle_backup.xml": _moodle_backup_xml(resource, settings, package),
        "files.xml": _files_xml(files),
        "completion.xml": _xml(("course_completion", [])),
        "groups.xml": _xml(
            ("groups", [("groupcustomfields", []), ("groupings", [("groupingcustomfields", [])])])
        ),
        "outcomes.xml": _xml(("outcomes_definition", [])),
        "questions.xml": _xml(("question_categories", [])),
        "roles.xml": _xml(("roles_definition", [])),
        "scales.xml": _xml(("scales_definition", [])),
        f"{ACTIVITY_DIR}/scorm.xml": scorm,
        f"{ACTIVITY_DIR}/module.xml": _module_xml(settings),
        f"{ACTIVITY_DIR}/grades.xml": _grades_xml(settings),
        f"{ACTIVITY_DIR}/grade_history.xml": _xml(("grade_history", [("grade_grades", [])])),
        f"{ACTIVITY_DIR}/inforef.xml": _inforef_xml(files),
        f"{ACTIVITY_DIR}/roles.xml": _xml(
            ("roles", [("role_overrides", []), ("role_assignments", [])])
        ),
        f"{ACTIVITY_DIR}/filters.xml": _xml(
            ("filters", [("filter_actives", []), ("filter_configs", [])])
        ),
        f"{ACTIVITY_DIR}/calendar.xml": _xml(("events", [])),
        "moodle_backup.log": b"",
    }
    for f in files:
        if not f.directory:
            entries[f"files/{f.sha1[:2]}/{f.sha1}"] = f.data
    return _tgz(entries, settings.timestamp)


# ---------- XML, written as Moodle's xml_writer writes it ----------

_Value = str | int | float | None
# (tag, value or children[, attributes])
_Node = tuple[Any, ...]

_DECLARATION: Final = b'<?xml version="1.0" encoding="UTF-8"?>\n'  # exactly; restore sniffs it


def _xml(root: _Node) -> bytes:
    """One document: the double-quoted declaration, two-space indents, NULL as ``$@NULL@$``."""
    out: list[str] = []

    def write(node: _Node, depth: int) -> None:
        tag, body = node[0], node[1]
        attrs: dict[str, str] = node[2] if len(node) == 3 else {}
        pad = "  " * depth
        a = "".join(f' {k}="{_text(v, quote=True)}"' for k, v in attrs.items())
        if isinstance(body, list):
            out.append(f"{pad}<{tag}{a}>\n")
            for child in body:
                write(child, depth + 1)
            out.append(f"{pad}</{tag}>\n")
        else:
            out.append(f"{pad}<{tag}{a}>{_value(body)}</{tag}>\n")

    write(root, 0)
    return _DECLARATION + "".join(out).encode("utf-8")


def _value(v: _Value) -> str:
    if v is None:
        return NULL
    if isinstance(v, float):
        return f"{v:.5f}"
    return _text(str(v))


def _text(s: str, *, quote: bool = False) -> str:
    s = _NOT_XML_CHAR.sub("", s.replace("\r\n", "\n").replace("\r", "\n"))
    # escaped by hand: xml.sax.saxutils would import urllib.request and http.client, ~15 ms of a
    # cold `oqu build` (docs/benchmarks.md, "Start-up")
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return s.replace('"', "&quot;") if quote else s


# ---------- moodle_backup.xml ----------

_ROOT_SETTINGS: Final = (
    ("filename", "backup.mbz"),
    ("users", "0"),
    ("anonymize", "0"),
    ("role_assignments", "0"),
    ("activities", "1"),
    ("blocks", "1"),
    ("files", "1"),
    ("filters", "1"),
    ("comments", "0"),
    ("badges", "0"),
    ("calendarevents", "1"),
    ("userscompletion", "0"),
    ("logs", "0"),
    ("grade_histories", "0"),
    ("questionbank", "1"),
    ("groups", "1"),
    ("competencies", "0"),
    ("customfield", "1"),
    ("contentbankcontent", "1"),
    ("xapistate", "0"),
    ("legacyfiles", "0"),
)


def _moodle_backup_xml(resource: Resource, s: ActivitySettings, package: bytes) -> bytes:
    meta = resource.meta
    backup_id = hashlib.md5(
        f"oqu-{resource.slug}-{_sha1(package)}".encode(), usedforsecurity=False
    ).hexdigest()
    activity = f"scorm_{CMID}"
    settings: list[_Node] = [
        ("setting", [("level", "root"), ("name", name), ("value", value)])
        for name, value in _ROOT_SETTINGS
    ]
    settings += [
        (
            "setting",
            [
                ("level", "activity"),
                ("activity", activity),
                ("name", f"{activity}_{key}"),
                ("value", value),
            ],
        )
        for key, value in (("included", "1"), ("userinfo", "0"))
    ]
    information: list[_Node] = [
        ("name", "backup.mbz"),
        ("moodle_version", MOODLE_VERSION),
        ("moodle_release", MOODLE_RELEASE),
        ("backup_version", BACKUP_VERSION),
        ("backup_release", BACKUP_RELEASE),
        ("backup_date", s.timestamp),
        ("mnet_remoteusers", 0),
        ("include_files", 1),
        ("include_file_references_to_external_content", 0),
        # A made-up site: restore never takes it for the target site ("samesite").
        ("original_wwwroot", "https://oqu.invalid"),
        (
            "original_site_identifier_hash",
            hashlib.md5(b"oqu.invalid", usedforsecurity=False).hexdigest(),
        ),
        ("original_course_id", 1),
        ("original_course_format", "topics"),
        ("original_course_fullname", meta.discipline),
        ("original_course_shortname", resource.slug),
        ("original_course_startdate", s.timestamp),
        ("original_course_enddate", 0),
        ("original_course_contextid", 1),
        ("original_system_contextid", 1),
        (
            "details",
            [
                (
                    "detail",
                    [
                        ("type", "activity"),
                        ("format", "moodle2"),
                        ("interactive", ""),
                        ("mode", 10),
                        ("execution", 1),
                        ("executiontime", 0),
                    ],
                    {"backup_id": backup_id},
                )
            ],
        ),
        (
            "contents",
            [
                (
                    "activities",
                    [
                        (
                            "activity",
                            [
                                ("moduleid", CMID),
                                ("sectionid", SECTION_ID),
                                ("modulename", "scorm"),
                                ("title", s.name),
                                ("directory", ACTIVITY_DIR),
                            ],
                        )
                    ],
                )
            ],
        ),
        ("settings", settings),
    ]
    return _xml(("moodle_backup", [("information", information)]))


# ---------- files.xml and inforef.xml ----------


@dataclass(frozen=True, slots=True)
class _File:
    id: int
    filearea: Literal["package", "content"]
    filepath: str  # "/" or "/media/"
    filename: str  # "." for a directory
    data: bytes
    timestamp: int

    @property
    def directory(self) -> bool:
        return self.filename == "."

    @property
    def sha1(self) -> str:
        return EMPTY_SHA1 if self.directory else _sha1(self.data)


def _package_files(package: bytes, package_name: str, timestamp: int) -> list[_File]:
    """The package in ``package``, its files unpacked in ``content``, with their folders."""
    if not package_name or "/" in package_name or package_name in (".", ".."):
        raise ValueError(f"package name {package_name!r} is not a plain file name")
    found: list[tuple[str, str, str, bytes]] = [
        ("package", "/", package_name, package),
        ("package", "/", ".", b""),
    ]
    folders = {"/"}
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        for info in z.infolist():
            if info.is_dir():
                continue
            name = info.filename
            parts = name.split("/")
            if name.startswith("/") or any(p in ("", ".", "..") for p in parts) or "\\" in name:
                raise ValueError(f"package entry {name!r} is not a plain relative path")
            folder = "/" + "".join(p + "/" for p in parts[:-1])
            found.append(("content", folder, parts[-1], z.read(info)))
            for depth in range(1, len(parts)):
                folders.add("/" + "".join(p + "/" for p in parts[:depth]))
    found += [("content", folder, ".", b"") for folder in folders]
    found.sort(key=lambda f: (f[0] != "package", f[0], f[1], f[2] != ".", f[2]))
    return [
        _File(n, area, path, name, data, timestamp)  # type: ignore[arg-type]
        for n, (area, path, name, data) in enumerate(found, start=1)
    ]


def _files_xml(files: Iterable[_File]) -> bytes:
    nodes: list[_Node] = []
    for f in files:
        mimetype = None if f.directory else _mimetype(f.filename)
        nodes.append(
            (
                "file",
                [
                    ("contenthash", f.sha1),
                    ("contextid", CONTEXT_ID),
                    ("component", "mod_scorm"),
                    ("filearea", f.filearea),
                    ("itemid", 0),
                    ("filepath", f.filepath),
                    ("filename", f.filename),
                    ("userid", None),
                    ("filesize", 0 if f.directory else len(f.data)),
                    ("mimetype", mimetype),
                    ("status", 0),
                    ("timecreated", f.timestamp),
                    ("timemodified", f.timestamp),
                    ("source", None),
                    ("author", None),
                    ("license", None),
                    ("sortorder", 0),
                    ("repositorytype", None),
                    ("repositoryid", None),
                    ("reference", None),
                ],
                {"id": str(f.id)},
            )
        )
    return _xml(("files", nodes))


def _inforef_xml(files: Iterable[_File]) -> bytes:
    # Restore copies a files.xml entry only when its id is listed here.
    return _xml(
        (
            "inforef",
            [
                ("fileref", [("file", [("id", f.id)]) for f in files]),
                ("grade_itemref", [("grade_item", [("id", GRADE_ITEM_ID)])]),
            ],
        )
    )


def _mimetype(filename: str) -> str:
    return _MIMETYPES.get(posixpath.splitext(filename)[1].lower(), "application/octet-stream")


# ---------- scorm.xml: the activity and the SCO rows Moodle's manifest parser would make ----


@dataclass(frozen=True, slots=True)
class _Sco:
    id: int
    manifest: str
    organization: str
    parent: str
    identifier: str
    launch: str
    scormtype: str
    title: str
    data: tuple[tuple[str, str], ...]


_CP12: Final = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
_ADLCP12: Final = "http://www.adlnet.org/xsd/adlcp_rootv1p2"


def _scoes(package: bytes) -> list[_Sco]:
    """The rows ``scorm_parse_scorm`` writes for a SCORM 1.2 manifest, in its order.

    The organization is a row of its own (parent ``/``, no launch); each item names its
    organization and parent, launches its resource's href (plus the item's parameters) and
    carries ``isvisible``, ``parameters`` and, when the manifest has it, ``masteryscore``.
    """
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        if "imsmanifest.xml" not in z.namelist():
            raise ValueError("the package has no imsmanifest.xml")
        raw = z.read("imsmanifest.xml")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.fromstring(raw, parser)
    if root.tag != f"{{{_CP12}}}manifest":
        raise ValueError("the package is not a SCORM 1.2 package (imsmanifest.xml)")
    manifest = root.get("identifier", "")
    hrefs = {
        r.get("identifier", ""): (r.get("href", ""), r.get(f"{{{_ADLCP12}}}scormtype", ""))
        for r in root.iter(f"{{{_CP12}}}resource")
    }
    rows: list[_Sco] = []

    def title_of(el: etree._Element) -> str:
        t_el = el.find(f"{{{_CP12}}}title")
        return (t_el.text or "").strip() if t_el is not None else ""

    def items(parent_el: etree._Element, org: str, parent: str) -> None:
        for item in parent_el.findall(f"{{{_CP12}}}item"):
            href, scormtype = hrefs.get(item.get("identifierref", ""), ("", ""))
            parameters = item.get("parameters", "")
            data: list[tuple[str, str]] = [
                ("isvisible", item.get("isvisible", "true")),
                ("parameters", parameters),
            ]
            for name in (
                "prerequisites",
                "maxtimeallowed",
                "timelimitaction",
                "datafromlms",
                "masteryscore",
            ):
                el = item.find(f"{{{_ADLCP12}}}{name}")
                if el is not None and (el.text or "").strip():
                    data.append((name, (el.text or "").strip()))
            rows.append(
                _Sco(
                    len(rows) + 1,
                    manifest,
                    org,
                    parent,
                    item.get("identifier", ""),
                    href + parameters if href else "",
                    scormtype if href else "",
                    title_of(item),
                    tuple(data),
                )
            )
            items(item, org, item.get("identifier", ""))

    for org in root.iter(f"{{{_CP12}}}organization"):
        ident = org.get("identifier", "")
        rows.append(_Sco(len(rows) + 1, manifest, "", "/", ident, "", "", title_of(org), ()))
        items(org, ident, ident)
    if not any(r.launch for r in rows):
        raise ValueError("the package's manifest has no item to launch")
    return rows


def _scorm_xml(
    s: ActivitySettings,
    *,
    sha1: str,
    scoes: list[_Sco],
    package_name: str = "",
    package_url: str | None = None,
) -> bytes:
    launch = next((sco.id for sco in scoes if sco.launch), 0)
    data_id = 0
    sco_nodes: list[_Node] = []
    for sco in scoes:
        datas: list[_Node] = []
        for name, value in sco.data:
            data_id += 1
            datas.append(("sco_data", [("name", name), ("value", value)], {"id": str(data_id)}))
        sco_nodes.append(
            (
                "sco",
                [
                    ("manifest", sco.manifest),
                    ("organization", sco.organization),
                    ("parent", sco.parent),
                    ("identifier", sco.identifier),
                    ("launch", sco.launch),
                    ("scormtype", sco.scormtype),
                    ("title", sco.title),
                    ("sortorder", sco.id),
                    ("sco_datas", datas),
                    ("seq_ruleconds", []),
                    ("seq_rolluprules", []),
                    ("seq_objectives", []),
                    ("sco_tracks", []),
                ],
                {"id": str(sco.id)},
            )
        )
    url = package_url is not None
    fields: list[_Node] = [
        ("name", s.name),
        ("scormtype", "localsync" if url else "local"),
        ("reference", package_url if url else package_name),
        ("intro", s.intro),
        ("introformat", FORMAT_HTML),
        ("version", "SCORM_1.2"),
        ("maxgrade", MAX_GRADE),
        ("grademethod", s.grademethod),
        ("whatgrade", s.whatgrade),
        ("maxattempt", s.maxattempt),
        ("forcecompleted", 0),
        ("forcenewattempt", 0),
        ("lastattemptlock", 0),
        ("masteryoverride", 1),
        ("displayattemptstatus", 1),
        ("displaycoursestructure", 0),
        ("updatefreq", SCORM_UPDATE_EVERYTIME if url else SCORM_UPDATE_NEVER),
        # Empty for the URL variant: the first download differs from it and gets parsed.
        ("sha1hash", sha1),
        ("md5hash", ""),
        ("revision", 0 if url else 1),
        ("launch", launch),
        ("skipview", SCORM_SKIPVIEW_NEVER),
        ("hidebrowse", 0),
        ("hidetoc", SCORM_TOC_DISABLED),
        ("nav", SCORM_NAV_DISABLED),
        ("navpositionleft", -100),
        ("navpositiontop", -100),
        ("auto", 0),
        ("popup", 0),
        ("options", ""),
        ("width", 100),
        ("height", 500),
        ("timeopen", 0),
        ("timeclose", 0),
        ("timemodified", s.timestamp),
        ("completionstatusrequired", STATUS_PASSED | STATUS_COMPLETED),
        ("completionscorerequired", None),
        ("completionstatusallscos", 0),
        ("autocommit", 0),
        ("scoes", sco_nodes),
    ]
    attrs = {
        "id": str(SCORM_ID),
        "moduleid": str(CMID),
        "modulename": "scorm",
        "contextid": str(CONTEXT_ID),
    }
    return _xml(("activity", [("scorm", fields, {"id": str(SCORM_ID)})], attrs))


# ---------- module.xml and grades.xml ----------


def _module_xml(s: ActivitySettings) -> bytes:
    fields: list[_Node] = [
        ("modulename", "scorm"),
        ("sectionid", SECTION_ID),
        ("sectionnumber", 0),
        ("idnumber", ""),
        ("added", s.timestamp),
        ("score", 0),
        ("indent", 0),
        ("visible", 1),
        ("visibleoncoursepage", 1),
        ("visibleold", 1),
        ("groupmode", 0),
        ("groupingid", 0),
        ("completion", COMPLETION_AUTOMATIC),
        # "Receive a grade" (item 0) and "Receive a passing grade" go together.
        ("completiongradeitemnumber", 0 if s.completion_passgrade else None),
        ("completionpassgrade", 1 if s.completion_passgrade else 0),
        ("completionview", 0),
        ("completionexpected", 0),
        ("availability", None),
        ("showdescription", 0),
        ("downloadcontent", 1),
        ("lang", None),
        ("tags", []),
    ]
    attrs = {"id": str(CMID), "version": str(SCORM_MODULE_VERSION)}
    return _xml(("module", fields, attrs))


def _grades_xml(s: ActivitySettings) -> bytes:
    item: list[_Node] = [
        ("categoryid", None),
        ("itemname", s.name),
        ("itemtype", "mod"),
        ("itemmodule", "scorm"),
        ("iteminstance", SCORM_ID),
        ("itemnumber", 0),
        ("iteminfo", None),
        ("idnumber", ""),
        ("calculation", None),
        ("gradetype", 1),
        ("grademax", s.grademax),
        ("grademin", 0.0),
        ("scaleid", None),
        ("outcomeid", None),
        ("gradepass", s.gradepass),
        ("multfactor", 1.0),
        ("plusfactor", 0.0),
        ("aggregationcoef", 0.0),
        ("aggregationcoef2", 0.0),
        ("weightoverride", 0),
        ("sortorder", 1),
        ("display", 0),
        ("decimals", None),
        ("hidden", 0),
        ("locked", 0),
        ("locktime", 0),
        ("needsupdate", 0),
        ("timecreated", s.timestamp),
        ("timemodified", s.timestamp),
        ("grade_grades", []),
    ]
    return _xml(
        (
            "activity_gradebook",
            [
                ("grade_items", [("grade_item", item, {"id": str(GRADE_ITEM_ID)})]),
                ("grade_letters", []),
            ],
        )
    )


# ---------- the intro: annotation, authors, discipline in the DER's language ----------


def _intro(resource: Resource) -> str:
    meta = resource.meta
    lang = meta.language
    parts: list[str] = []
    if meta.description and meta.description.strip():
        parts.append(f"<p>{html_escape(meta.description.strip())}</p>")
    authors = "; ".join(
        ", ".join(html_escape(x) for x in (a.name, a.position, a.degree) if x) for a in meta.authors
    )
    parts.append(f"<p><strong>{html_escape(t('authors', lang))}:</strong> {authors}</p>")
    parts.append(
        f"<p><strong>{html_escape(t('discipline', lang))}:</strong> "
        f"{html_escape(meta.discipline)}</p>"
    )
    return "\n".join(parts)


# ---------- the container ----------


def _tgz(entries: dict[str, bytes], timestamp: int) -> bytes:
    """A gzip-compressed ustar tar as Moodle's ``tgz_packer`` writes it, byte-reproducible.

    ``.ARCHIVE_INDEX`` first, then every folder and file in sorted order; owner 0/0, folders
    0755, files 0644, one fixed time; the gzip header carries no name and time 0.
    """
    folders = {
        "/".join(name.split("/")[:depth]) + "/"
        for name in entries
        for depth in range(1, name.count("/") + 1)
    } | {"files/"}  # present, even empty, as in every backup Moodle writes
    names = sorted([*entries, *folders])
    index = [f"Moodle archive file index. Count: {len(names)}"]
    for name in names:
        if name in folders:
            index.append(f"{name}\td\t0\t?")
        else:
            index.append(f"{name}\tf\t{len(entries[name])}\t{timestamp}")
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, data in [(".ARCHIVE_INDEX", "\n".join(index).encode() + b"\n")] + [
            (n, entries.get(n, b"")) for n in names
        ]:
            info = tarfile.TarInfo(name.rstrip("/") if name in folders else name)
            info.mtime = timestamp
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            if name in folders:
                info.type = tarfile.DIRTYPE
                info.mode = 0o755
                tar.addfile(info)
            else:
                info.mode = 0o644
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, compresslevel=6, mtime=0) as gz:
        gz.write(raw.getvalue())
    return out.getvalue()


def _sha1(data: bytes) -> str:
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()
