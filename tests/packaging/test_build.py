"""`oqu build` end to end: outputs, determinism, atomic writes, --select, exit codes."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

from oqu.diagnostics import Diagnostics
from oqu.packaging.pipeline import build
from oqu.scorm import schema_files
from oqu.sources.der import load
from tests.cli import oqu

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir())


def source_of(example: Path) -> Path:
    """An example is a folder with der.yaml, or a folder holding one Markdown file."""
    if (example / "der.yaml").exists():
        return example
    (md,) = example.glob("*.md")
    return md


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_every_example_builds_all_formats(example: Path, tmp_path: Path) -> None:
    res = oqu("build", str(source_of(example)), "--out", str(tmp_path))
    assert res.returncode == 0, res.stderr
    r = load(source_of(example), Diagnostics())
    assert r is not None
    slug = r.slug
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"{slug}-moodle.mbz",
        f"{slug}-scorm12.zip",
        f"{slug}-scorm2004.zip",
        f"{slug}-web",
    ]
    web = tmp_path / f"{slug}-web"
    assert (web / "index.html").is_file()
    for fmt in ("scorm12", "scorm2004"):
        with zipfile.ZipFile(tmp_path / f"{slug}-{fmt}.zip") as z:
            names = z.namelist()
            assert "imsmanifest.xml" in names and "index.html" in names
            assert names == sorted(names)
            assert z.testzip() is None
            # the package holds the web folder's files plus the manifest and the schemas
            schemas = {n for n, _ in schema_files(fmt)}
            on_disk = {str(p.relative_to(web)) for p in web.rglob("*") if p.is_file()}
            assert set(names) == on_disk | schemas | {"imsmanifest.xml"}


def test_every_referenced_media_file_is_packaged_and_nothing_else(tmp_path: Path) -> None:
    src = ROOT / "examples" / "haccp-kk"
    r = load(src, Diagnostics())
    assert r is not None
    res = build(src, tmp_path, ("scorm12",))
    assert res.ok, [d.format() for d in res.diagnostics]
    with zipfile.ZipFile(res.outputs[0]) as z:
        media = {n for n in z.namelist() if n.startswith("media/")}
    assert media == {m.path for m in r.media}
    unused = {str(p.relative_to(src)) for p in (src / "media").rglob("*") if p.is_file()} - media
    for name in unused:  # files the source folder has but no slide uses stay out
        assert name not in media


def digest(path: Path) -> str:
    if path.is_dir():
        h = hashlib.sha256()
        for p in sorted(path.rglob("*")):
            if p.is_file():
                h.update(str(p.relative_to(path)).encode() + b"\0" + p.read_bytes())
        return h.hexdigest()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_output_is_deterministic(tmp_path: Path) -> None:
    src = ROOT / "examples" / "haccp-kk"
    a = build(src, tmp_path / "a")
    b = build(src, tmp_path / "b")
    assert a.ok and b.ok
    assert [digest(p) for p in a.outputs] == [digest(p) for p in b.outputs]
    for p in a.outputs:
        if p.suffix == ".zip":
            with zipfile.ZipFile(p) as z:
                assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


SMALL = """\
---
title: Select test
type: interactive-presentation
language: en
department: Food technology
discipline: Food safety
date: 2026-09-01
authors: [{name: Aigul Aliyeva}]
---

{audience=day}
# Day unit

## Day slide
For day students.

{audience=evening}
# Evening unit

## Evening slide
For evening students. ![plant](plant.png)

# Common unit

## Common slide
For everyone.
"""


def small_source(tmp_path: Path) -> Path:
    from PIL import Image

    d = tmp_path / "src"
    d.mkdir(parents=True)
    (d / "lesson.md").write_text(SMALL, encoding="utf-8")
    Image.new("RGB", (40, 30), "white").save(d / "plant.png")
    return d / "lesson.md"


def test_select_builds_a_variant_for_one_audience(tmp_path: Path) -> None:
    src = small_source(tmp_path)
    res = build(src, tmp_path / "out", ("web",), select=["audience=day"])
    assert res.ok
    html = (res.outputs[0] / "index.html").read_text("utf-8")
    assert "Day slide" in html and "Common slide" in html and "Evening slide" not in html
    assert not (res.outputs[0] / "plant.png").exists()  # media of dropped units stay out
    res = build(src, tmp_path / "out2", ("web",), select=["audience=evening"])
    html = (res.outputs[0] / "index.html").read_text("utf-8")
    assert "Evening slide" in html and "Day slide" not in html
    assert (res.outputs[0] / "plant.png").exists()


def test_select_mistakes(tmp_path: Path) -> None:
    src = small_source(tmp_path)
    assert build(src, tmp_path / "o", ("web",), select=["audience"]).diagnostics.codes() == [
        "OQ130"
    ]
    nothing = build(src, tmp_path / "o", ("web",), select=["audience=distance", "level=x"])
    assert nothing.ok  # untagged "Common unit" stays: not empty
    res = oqu("build", str(src), "--select", "bogus", "--out", str(tmp_path / "o3"))
    assert res.returncode == 1 and "OQ130" in res.stderr
    assert not (tmp_path / "o3").exists()


def test_failed_build_leaves_previous_output_intact(tmp_path: Path) -> None:
    src = small_source(tmp_path)
    out = tmp_path / "dist"
    ok = build(src, out)
    assert ok.ok
    before = {p.name: digest(p) for p in out.iterdir()}
    src.write_text(
        SMALL.replace("type: interactive-presentation", "type: nonsense"), encoding="utf-8"
    )
    res = oqu("build", str(src), "--out", str(out))
    assert res.returncode == 1
    assert "OQ105" in res.stderr and "Traceback" not in res.stderr
    assert {p.name: digest(p) for p in out.iterdir()} == before


def test_rebuild_replaces_web_folder_without_leftovers(tmp_path: Path) -> None:
    src = small_source(tmp_path)
    out = tmp_path / "dist"
    build(src, out, ("web",))
    (out / "select-test-web" / "stale.txt").write_text("old", encoding="utf-8")
    build(src, out, ("web",))
    assert not (out / "select-test-web" / "stale.txt").exists()
    assert sorted(p.name for p in out.iterdir()) == ["select-test-web"]


def test_cli_exit_codes_and_languages(tmp_path: Path) -> None:
    missing = oqu("build", str(tmp_path / "nowhere"))
    assert (
        missing.returncode == 2 and "OQ100" in missing.stderr and "Traceback" not in missing.stderr
    )
    src = small_source(tmp_path)
    src.write_text(
        SMALL.replace(":", "", 1).replace("title: Select test", "title: [x"), encoding="utf-8"
    )
    res = oqu("build", str(src), "--lang", "ru", "--out", str(tmp_path / "o"))
    assert res.returncode == 1
    assert "Ничего не записано" in res.stderr
    assert not (tmp_path / "o").exists()
    ok_src = small_source(tmp_path / "second")
    res = oqu("build", str(ok_src), "--format", "scorm12", "--out", str(tmp_path / "o2"))
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip().endswith("select-test-scorm12.zip")
    assert [p.name for p in (tmp_path / "o2").iterdir()] == ["select-test-scorm12.zip"]


def test_bad_media_stops_the_build(tmp_path: Path) -> None:
    src = small_source(tmp_path)
    (src.parent / "plant.png").write_text("not an image", encoding="utf-8")
    res = oqu("build", str(src), "--out", str(tmp_path / "o"))
    assert res.returncode == 1 and "OQ108" in res.stderr
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_built_manifests_validate_against_the_official_schemas(
    example: Path, tmp_path: Path, schemas: dict[str, Any]
) -> None:
    res = build(source_of(example), tmp_path, ("scorm12", "scorm2004"))
    assert res.ok
    for path in res.outputs:
        version = "scorm12" if path.name.endswith("-scorm12.zip") else "scorm2004"
        with zipfile.ZipFile(path) as z:
            manifest = z.read("imsmanifest.xml")
            names = set(z.namelist())
        errors = [str(e) for e in schemas[version].iter_errors(io.BytesIO(manifest))]
        assert errors == []
        # every file the manifest lists is in the zip, and every content file is listed
        listed = set(re.findall(rb'<file href="([^"]+)"', manifest))
        content = {
            n for n in names if n != "imsmanifest.xml" and n not in dict(schema_files(version))
        }
        assert {x.decode() for x in listed} == content
        # issue 13: the final test's pass mark is in both manifests, whatever `completion` says,
        # so an LMS sets its grade to pass (1.2 masteryscore; 2004 a measure-satisfied objective)
        final = next(q for q in res.resource.quizzes() if q.final)  # type: ignore[union-attr]
        percent = f"{final.pass_mark:g}"
        if version == "scorm12":
            assert f"<adlcp:masteryscore>{percent}</adlcp:masteryscore>".encode() in manifest
        else:
            measure = f"{final.pass_mark / 100:.4f}"
            assert b'satisfiedByMeasure="true"' in manifest
            assert f"<imsss:minNormalizedMeasure>{measure}<".encode() in manifest


def test_select_that_leaves_nothing(tmp_path: Path) -> None:
    src = small_source(tmp_path)
    src.write_text(
        SMALL.replace("# Common unit", "{audience=day}\n# Common unit"), encoding="utf-8"
    )
    res = build(src, tmp_path / "o", ("web",), select=["audience=distance"])
    assert res.diagnostics.codes() == ["OQ131"]
    assert "audience=day" in next(iter(res.diagnostics)).hint("en")
    assert not (tmp_path / "o").exists()


def test_captions_in_several_languages_lead_with_the_resource_language(tmp_path: Path) -> None:
    src = tmp_path / "haccp"
    shutil.copytree(ROOT / "examples" / "haccp-kk", src)
    md = src / "01-haccp.md"
    text = md.read_text("utf-8")
    kk, ru, en = (f"media/pasteurisation-ccp.{x}.vtt" for x in ("kk", "ru", "en"))
    assert f'captions="{kk} {ru} {en}"' in text
    # The Kazakh file listed last, and no transcript file: the transcript is built from cues.
    text = text.replace(f'captions="{kk} {ru} {en}"', f'captions="{en} {ru} {kk}"')
    text = text.replace(' transcript="media/pasteurisation-ccp.kk.txt"', "")
    md.write_text(text, "utf-8")
    res = build(src, tmp_path / "out", ("web",))
    assert res.ok, res.diagnostics
    html = (res.outputs[0] / "index.html").read_text("utf-8")
    data = json.loads(re.search(r'id="oqu-data">(.*?)</script>', html, re.S)[1])  # type: ignore[index]
    (box,) = [k for k, v in data["captions"].items() if len(v) == 3]
    tracks = data["captions"][box]
    assert [(t["lang"], t["label"]) for t in tracks] == [
        ("kk", "Қазақша"),
        ("en", "English"),
        ("ru", "Русский"),
    ]
    cues = re.search(rf'id="{box}".*?<ol class="oqu-cues">(.*?)</ol>', html, re.S)
    assert cues and "Пастерлеу — сүт өндірісіндегі" in cues[1]
    assert "Pasteurisation is" not in cues[1]
    # and the keyword search reads the same track
    search = " ".join(data["search"])
    assert "Пастерлеу — сүт өндірісіндегі" in search and "Pasteurisation is" not in search


# --- check and build raise the same diagnostics (issue 12, item 9) ------------------------------


def _png_header(width: int, height: int) -> bytes:
    """A PNG whose header declares ``width`` × ``height`` (1-bit grey) and whose data is empty:
    a 3,600-megapixel image in 67 bytes, refused from its header before anything decodes."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


def _spoil_outside(src: Path) -> None:
    (src.parent.parent / "secret.png").write_bytes((src.parent / "plant.png").read_bytes())
    text = src.read_text("utf-8").replace("(plant.png)", "(../secret.png)")
    src.write_text(text, "utf-8")


def _spoil_symlink(src: Path) -> None:
    outside = src.parent.parent / "elsewhere.png"
    outside.write_bytes((src.parent / "plant.png").read_bytes())
    (src.parent / "plant.png").unlink()
    (src.parent / "plant.png").symlink_to(outside)


def _spoil_svg(src: Path) -> None:
    from tests.packaging.test_media import BILLION_LAUGHS

    (src.parent / "plant.svg").write_bytes(BILLION_LAUGHS)
    src.write_text(src.read_text("utf-8").replace("(plant.png)", "(plant.svg)"), "utf-8")


def _spoil_bomb(src: Path) -> None:
    (src.parent / "plant.png").write_bytes(_png_header(60_000, 60_000))


@pytest.mark.parametrize(
    ("spoil", "code"),
    [
        (_spoil_outside, "OQ106"),
        (_spoil_symlink, "OQ106"),
        (_spoil_svg, "OQ108"),
        (_spoil_bomb, "OQ109"),
    ],
    ids=["path-leaves-the-folder", "symlink", "svg-entities", "3600-megapixels"],
)
def test_check_raises_every_diagnostic_build_raises(tmp_path: Path, spoil: Any, code: str) -> None:
    from oqu.check import check

    src = small_source(tmp_path)
    spoil(src)
    built = build(src, tmp_path / "out", ["scorm12"])
    assert not built.ok and not (tmp_path / "out").exists()
    build_codes = sorted(
        (d.code, d.location.line) for d in built.diagnostics if d.severity == "error"
    )
    assert [c for c, _ in build_codes] == [code]
    report = check(src)
    assert report.verdict == "fail"  # was "pass" with exit 0
    check_codes = sorted(
        (d.code, d.location.line) for d in report.findings if d.code.startswith("OQ")
    )
    assert build_codes == [c for c in check_codes if c[0] == code]


@pytest.mark.parametrize("case", ["example", "spoiled", "unreadable"])
def test_check_given_the_build_reports_what_a_fresh_check_reports(
    tmp_path: Path, case: str
) -> None:
    """The portal's job builds, then checks with ``built=``: the source is read once, and the
    report is the one a check reading it afresh gives."""
    from oqu.check import check
    from oqu.report import to_json

    if case == "example":
        src = ROOT / "examples" / "haccp-kk"
    else:
        src = small_source(tmp_path)
        if case == "spoiled":
            _spoil_bomb(src)
        else:
            src.write_bytes(b"---\ntitle: [unclosed\n---\n")
    built = build(src, tmp_path / "out", ["scorm12"])
    fresh, reused = (
        check(src, der_type="presentation"),
        check(src, der_type="presentation", built=built),
    )
    assert reused.verdict == fresh.verdict
    assert (fresh.verdict == "fail") == (case != "example")
    one, two = to_json(reused, "en"), to_json(fresh, "en")
    one["summary"].pop("seconds"), two["summary"].pop("seconds")
    assert one == two and (case == "example" or one["findings"])


def test_oqu_check_cli_fails_where_build_fails(tmp_path: Path) -> None:
    src = small_source(tmp_path)
    _spoil_bomb(src)
    res = oqu("check", str(src), "--lang", "en")
    assert res.returncode == 1, res.stdout + res.stderr
    assert "OQ109" in res.stdout + res.stderr


def test_the_stage_follows_the_type_and_the_authors_choice(tmp_path: Path) -> None:
    """Issue 17: an interactive presentation plays on a 16:9 stage, a lecture course as a page;
    `player: {stage: …}` chooses for either; each slide says where it is written."""
    from oqu.packaging.site import render_index

    def page(src: Path) -> str:
        diags = Diagnostics()
        r = load(src, diags)
        assert r is not None, list(diags)
        return render_index(r, "web").decode("utf-8")

    html = page(ROOT / "examples" / "haccp-kk")
    assert '<html lang="kk" data-oqu-package="web" data-oqu-stage="16:9">' in html
    assert 'id="principles" data-index="2"' in html and 'data-src="01-haccp.md:2"' in html
    assert "data-oqu-stage" not in page(ROOT / "examples" / "food-tech-ru").split(">", 2)[1]
    for src, stage, shown in (("food-tech-ru", "4:3", 'data-oqu-stage="4:3"'),
                              ("haccp-kk", "none", "")):  # fmt: skip
        copy = tmp_path / src
        shutil.copytree(ROOT / "examples" / src, copy)
        meta = copy / "der.yaml"
        meta.write_text(meta.read_text("utf-8") + f'\nplayer: {{stage: "{stage}"}}\n', "utf-8")
        head = page(copy).split(">", 2)[1]
        assert (shown in head) if shown else ("data-oqu-stage" not in head), head
