"""SCORM packages made elsewhere: laid out by hand like the tools do, and hostile ones."""

from __future__ import annotations

import io
import json
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

from oqu.check import check
from oqu.diagnostics import SourceUnreadable
from tests.cli import oqu
from tests.rules.conftest import EXAMPLES, bare, ispring_like, make_zip, manifest12, storyline_like


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """``oqu check ARGS``, in this process (tests/cli.py)."""
    return oqu("check", *args)


def variants(report: object, rule: str) -> list[str]:
    return [d.variant for d in report.findings if d.code == rule]  # type: ignore[attr-defined]


def test_ispring_layout_counts_slides_and_says_what_is_unchecked(tmp_path: Path) -> None:
    report = check(ispring_like(tmp_path / "is.zip", slides=12))
    pkg = report.subject.package
    assert pkg is not None and pkg.tool == "ispring" and pkg.version == "1.2"
    assert "10.1" not in report.unchecked  # 12 slides counted: 10.1 applies
    assert variants(report, "10.1") == []
    assert {"10.1.1", "10.1.3", "10.1.4"} <= set(report.unchecked)
    assert report.verdict == "incomplete"  # never "pass" with clauses unchecked (issue 14)
    few = check(ispring_like(tmp_path / "few.zip", slides=6))
    assert variants(few, "10.1") == [""] and few.verdict == "fail"


def test_storyline_layout(tmp_path: Path) -> None:
    report = check(storyline_like(tmp_path / "sl.zip"))
    assert report.subject.package and report.subject.package.tool == "storyline"
    assert "10.1" in report.unchecked


def test_bare_package_is_conformant_but_unchecked(tmp_path: Path) -> None:
    report = check(bare(tmp_path / "bare.zip"))
    assert report.verdict == "incomplete"
    assert {"10.1", "10.1.1", "10.1.4"} <= set(report.unchecked)
    assert report.subject.package and report.subject.package.tool == ""
    assert [d.severity for d in report.findings if d.code == "10.1"] == ["info"]


def test_oqu_package_facts_come_from_index_html(tmp_path: Path) -> None:
    from oqu.packaging.pipeline import build

    result = build(EXAMPLES / "haccp-kk", tmp_path, ("scorm12",))
    report = check(result.outputs[0])
    assert report.subject.package and report.subject.package.tool == "oqu"
    assert report.verdict == "pass"
    assert {"10.1", "10.1.1", "10.1.3", "10.1.4", "10.9"}.isdisjoint(report.unchecked)
    assert len(report.subject.slides) == 10  # type: ignore[arg-type]


def test_missing_launch_and_files_and_outside(tmp_path: Path) -> None:
    man = manifest12("start.html", ["start.html", "../../etc/passwd", "media/a.png"])
    report = check(make_zip(tmp_path / "p.zip", {"imsmanifest.xml": man, "other.html": "x"}))
    found = variants(report, "10.7")
    assert "launch" in found and "outside" in found and found.count("missing") == 2
    assert report.verdict == "fail"


def test_schema_invalid_manifest(tmp_path: Path) -> None:
    man = manifest12("index.html", ["index.html"]).replace(
        "<organizations", "<bogus/><organizations"
    )
    report = check(make_zip(tmp_path / "p.zip", {"imsmanifest.xml": man, "index.html": "x"}))
    assert "schema" in variants(report, "10.7")


def test_no_manifest(tmp_path: Path) -> None:
    report = check(make_zip(tmp_path / "p.zip", {"course/imsmanifest.xml": "<x/>"}))
    assert variants(report, "10.7")[:2] == ["no-manifest", "summary"] or "no-manifest" in variants(
        report, "10.7"
    )


def test_billion_laughs_is_refused_fast(tmp_path: Path) -> None:
    lol = (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
            for i in range(1, 10)
        )
        + ']>\n<manifest xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2">&lol9;</manifest>'
    )
    start = time.perf_counter()
    report = check(make_zip(tmp_path / "p.zip", {"imsmanifest.xml": lol}))
    assert time.perf_counter() - start < 5
    assert "xml" in variants(report, "10.7") and report.verdict == "fail"


def test_non_utf8_manifest(tmp_path: Path) -> None:
    declared = manifest12("index.html", ["index.html"], title="Нан", encoding="windows-1251")
    ok = check(
        make_zip(
            tmp_path / "a.zip", {"imsmanifest.xml": declared.encode("cp1251"), "index.html": "x"}
        )
    )
    assert ok.verdict == "incomplete" and ok.subject.title == "Нан"
    assert [d for d in ok.findings if d.code == "10.7" and d.severity == "error"] == []
    lying = manifest12("index.html", ["index.html"], title="Нан").encode("cp1251")
    bad = check(make_zip(tmp_path / "b.zip", {"imsmanifest.xml": lying, "index.html": "x"}))
    assert bad.verdict == "fail" and {"encoding", "xml"} & set(variants(bad, "10.7"))


def test_ten_thousand_files(tmp_path: Path) -> None:
    entries: dict[str, bytes | str] = {f"media/f{i:05}.txt": "x" for i in range(10_000)}
    entries["index.html"] = "x"
    entries["imsmanifest.xml"] = manifest12("index.html", ["index.html"])
    start = time.perf_counter()
    report = check(make_zip(tmp_path / "many.zip", entries))
    assert time.perf_counter() - start < 10
    assert report.subject.package and report.subject.package.files == 10_002
    assert "unlisted" in variants(report, "10.7")


@pytest.mark.parametrize(
    ("name", "code"),
    [("../evil.html", "OQ203"), ("/etc/passwd", "OQ203"), ("C:/win.ini", "OQ203")],
)
def test_unsafe_names_are_refused(tmp_path: Path, name: str, code: str) -> None:
    path = make_zip(tmp_path / "p.zip", {"imsmanifest.xml": "<x/>", name: "x"})
    with pytest.raises(SourceUnreadable) as e:
        check(path)
    assert e.value.diagnostic.code == code


def test_symlink_is_refused(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        info = zipfile.ZipInfo("link")
        info.create_system = 3
        info.external_attr = (0o120777) << 16
        z.writestr(info, "/etc/passwd")
    path = tmp_path / "l.zip"
    path.write_bytes(buf.getvalue())
    with pytest.raises(SourceUnreadable) as e:
        check(path)
    assert e.value.diagnostic.code == "OQ203"


def _bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("imsmanifest.xml", "<x/>")
        z.writestr("big.bin", b"\0" * 50_000_000)  # ratio ≈ 1000:1
    return path


def _encrypted(path: Path) -> Path:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("imsmanifest.xml", "<x/>")
    data = bytearray(buf.getvalue())
    # set the "encrypted" flag bit in the local and the central header
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):
        i = data.find(sig)
        off = i + (6 if sig == b"PK\x03\x04" else 8)
        data[off] |= 1
    path.write_bytes(bytes(data))
    return path


def test_cli_exit_codes_and_messages(tmp_path: Path) -> None:
    notzip = tmp_path / "not.zip"
    notzip.write_text("hello")
    good = bare(tmp_path / "good.zip").read_bytes()
    truncated = tmp_path / "cut.zip"
    truncated.write_bytes(good[: len(good) // 2])
    cases = {
        notzip: "OQ200",
        truncated: "OQ200",
        _encrypted(tmp_path / "enc.zip"): "OQ201",
        _bomb(tmp_path / "bomb.zip"): "OQ202",
        tmp_path / "absent.zip": "OQ100",
    }
    for path, code in cases.items():
        start = time.perf_counter()
        r = cli(path, "--lang", "en")
        assert r.returncode == 2, (path, r.stdout, r.stderr)
        assert code in r.stderr, (path, r.stderr)
        assert time.perf_counter() - start < 10


def test_cli_json_shape_pass_and_fail(tmp_path: Path) -> None:
    r = cli(EXAMPLES / "haccp-kk", "--format", "json")
    assert r.returncode == 0, r.stdout
    data = json.loads(r.stdout)
    assert data["schema"] == "oqu-check/2" and data["verdict"] == "pass"
    assert set(data) == {
        "schema",
        "verdict",
        "language",
        "subject",
        "findings",
        "summary",
        "unchecked",
        "clauses",
        "smoke",
    }
    assert data["language"] == "kk"
    for f in data["findings"]:
        assert set(f) == {"rule", "severity", "message", "location", "file", "line", "hint"}
    assert data["summary"]["errors"] == 0
    few = ispring_like(tmp_path / "few.zip", slides=3)
    r = cli(few, "--format", "json", "--lang", "ru")
    assert r.returncode == 1
    data = json.loads(r.stdout)
    assert data["verdict"] == "fail" and data["subject"]["tool"] == "ispring"
    assert any(f["rule"] == "10.1" and f["severity"] == "error" for f in data["findings"])
    assert "10.1.4" in data["unchecked"]


def test_html_report_is_self_contained_and_inert(tmp_path: Path) -> None:
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    path = bare(tmp_path / "h.zip", title=hostile.replace("<", "&lt;").replace(">", "&gt;"))
    r = cli(path, "--format", "html", "--lang", "kk")
    assert r.returncode == 3  # conformant, but nothing of its content could be checked
    page = r.stdout
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;" in page
    assert "http://" not in page and "https://" not in page and "<link" not in page
    assert "Толық тексерілмеді" in page and "Сарапшы қарауы керек:</strong> 10.1," in page
