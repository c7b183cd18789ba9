"""iSpring publishes (issue 14), generated from the file facts: input → facts and findings."""

from __future__ import annotations

import base64
import json
import subprocess
import zlib
from pathlib import Path

import pytest

from oqu.check import Report, check
from oqu.report import to_json
from oqu.sources.ispring import decode_presinfo, parse_marker, string_var
from tests.cli import oqu
from tests.rules.ispring_make import (
    b64json,
    deck,
    intr_doc,
    launch_page,
    marker,
    png,
    publish,
    quiz_doc,
    standalone,
)


def variants(report: Report, rule: str) -> list[str]:
    return [d.variant for d in report.findings if d.code == rule]


def errors(report: Report) -> list[tuple[str, str]]:
    return [(d.code, d.variant) for d in report.findings if d.severity == "error"]


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """``oqu check ARGS``, in this process (tests/cli.py)."""
    return oqu("check", *args)


# --- reading --------------------------------------------------------------------------------


def test_marker_and_string_literals() -> None:
    m = parse_marker(marker(720, 540, "9.7.0.123", "quiz") + "\n<html>")
    assert m is not None
    assert (m.width, m.height, m.version, m.type, m.content) == (
        720,
        540,
        "9.7.0.123",
        "html",
        "quiz",
    )
    assert parse_marker("<!doctype html><!-- Created with iSpring -->") is None
    assert string_var("var presInfo = \"ab\" +\n  'cd';", "presInfo") == "abcd"


@pytest.mark.parametrize("layout", ["scorm12", "scorm2004", "html5"])
def test_suite_presentation_is_read_in_every_layout(tmp_path: Path, layout: str) -> None:
    report = check(publish(tmp_path / f"{layout}.zip", layout=layout))
    s, pkg = report.subject, report.subject.package
    assert pkg is not None and pkg.tool == "ispring"
    assert (pkg.tool_version, pkg.edition) == ("11.3.2.4007", "suite")
    assert pkg.launch == ("index.html" if layout == "html5" else "res/index.html")
    assert s.language == "kk" and s.title == "HACCP жүйесінің негіздері"
    data = to_json(report, "en")["subject"]
    assert data["slides"] == 12
    assert data["interactions"] == [
        {"slide": 3, "kind": "tabs"},
        {"slide": 4, "kind": "process"},
        {"slide": 5, "kind": "scenario"},
    ]
    kinds = {"matching": 1, "multiple": 1, "sequence": 1, "single": 1, "truefalse": 1}
    assert data["quizzes"] == [{"slide": 12, "final": True, "questions": 5, "kinds": kinds}]
    assert s.contents_topics == ["HACCP қағидаттары", "Қауіптерді талдау", "Сыни бақылау нүктелері"]
    for rule in ("10.1", "10.1.1", "10.1.2", "10.1.3", "10.1.4", "10.9"):
        assert rule not in report.unchecked, rule
    assert variants(report, "10.1.1") == ["form02", "form02"]  # university, faculty
    assert [e for e in errors(report) if e[0] != "10.7"] == []
    assert variants(report, "10.1.3").count("seven") == 1
    assert s.navigation.contact_email == "a.alieva@atu.edu.kz"
    assert report.verdict == ("fail" if layout == "html5" else "incomplete")  # no manifest
    assert "9.2" in report.unchecked  # the type is not in the package: --type gives it


def test_the_issue_case_48_slides_no_interaction_five_choice_questions_fails(
    tmp_path: Path,
) -> None:
    slides = deck(48, final=["MultipleChoice"] * 5, interactions=[], scenario=False)
    report = check(publish(tmp_path / "p.zip", slides))
    assert len(report.subject.slides) == 48  # type: ignore[arg-type]
    assert report.verdict == "fail"
    assert ("10.1.3", "") in errors(report)  # no interactive element
    assert ("10.1.4", "kinds") in errors(report)  # five questions, one kind
    with_elements = check(publish(tmp_path / "e.zip", deck(48)))
    no_element = [
        d for d in with_elements.findings if d.code == "10.1.3" and d.variant.startswith("slide")
    ]
    assert [d.variant for d in no_element] == ["slides"]  # 42 slides: one finding, not 42
    assert no_element[0].message("en").startswith("42 slides have no interactive element, e.g. 6 «")
    r = cli(tmp_path / "p.zip", "--format", "json")
    assert r.returncode == 1
    data = json.loads(r.stdout)
    assert data["schema"] == "oqu-check/2" and data["verdict"] == "fail"
    assert data["language"] == "kk"  # the package's language, --lang not given
    assert data["subject"]["quizzes"] == [
        {"slide": 48, "final": True, "questions": 5, "kinds": {"single": 5}}
    ]
    assert data["subject"]["interactions"] == []


def test_quiz_slides_are_counted(tmp_path: Path) -> None:
    slides = deck(8, interactions=[], scenario=False)
    report = check(publish(tmp_path / "p.zip", slides))
    assert len(report.subject.slides) == 8  # type: ignore[arg-type]
    assert variants(report, "10.1") == [""]


@pytest.mark.parametrize(
    ("ui", "edition"),
    [("issuiteru_10.2.0.3", "suite-ru"), ("isfree_8.7.0", "free"), ("issuite_9.1.2", "suite")],
)
def test_editions(tmp_path: Path, ui: str, edition: str) -> None:
    head = marker(version="")  # older publishes: the version from the ui key
    report = check(publish(tmp_path / "p.zip", ui=ui, head=head))
    pkg = report.subject.package
    assert pkg is not None and pkg.edition == edition and pkg.tool_version == ui.split("_")[1]


def test_russian_package_gets_a_russian_report(tmp_path: Path) -> None:
    title = "Основы HACCP\nДисциплина: Безопасность пищи\nКафедра технологии\nАвтор: Иванова А.С.\nivanova@atu.edu.kz\n2025"
    slides = deck(title_text=title)
    slides[1] = {"t": "Содержание", "x": "Содержание\nПринципы HACCP\nАнализ опасностей"}
    for s in slides[2:]:
        s["t"] = "Пастеризация"
        s["x"] = "Пастеризация молока: температура и время контролируются на каждой партии."
    path = publish(tmp_path / "ru.zip", slides)
    assert check(path).subject.language == "ru"
    r = cli(path)
    assert r.returncode == 3, r.stdout
    assert "Нужен взгляд эксперта на" in r.stdout and "Проверено не полностью" in r.stdout


# --- standalone QuizMaker and Visuals -------------------------------------------------------


def test_standalone_quizmaker(tmp_path: Path) -> None:
    kinds = ["MultipleChoice", "TypeIn", "Matching", "DND", "LikertScale", "InfoSlide"]
    report = check(standalone(tmp_path / "q.zip", quiz_doc(kinds), "quiz", "QuizPlayer"))
    pkg = report.subject.package
    assert pkg is not None and pkg.tool == "ispring" and pkg.edition == "quizmaker"
    data = to_json(report, "en")["subject"]
    assert data["slides"] == 7  # intro + 6 slides of the group (the result slide is skipped)
    kinds_read = {"dragdrop": 1, "likert": 1, "matching": 1, "short": 1, "single": 1}
    assert data["quizzes"] == [{"slide": 7, "final": True, "questions": 5, "kinds": kinds_read}]
    assert "10.1.4" not in report.unchecked and variants(report, "10.1.4") == []


def test_standalone_visuals(tmp_path: Path) -> None:
    doc = intr_doc("Пастерлеу кезеңдері", items=4, image=False)
    report = check(standalone(tmp_path / "v.zip", doc, "interaction", "TabsPlayer"))
    pkg = report.subject.package
    assert pkg is not None and pkg.edition == "visuals"
    assert to_json(report, "en")["subject"]["interactions"] == [{"slide": 1, "kind": "tabs"}]
    assert variants(report, "10.1.3").count("visual") == 1  # four tabs, not one picture


def test_quiz_blob_passed_to_start_directly(tmp_path: Path) -> None:
    blob = b64json(quiz_doc(["TrueFalse"] * 5))
    page = f'<!-- iSpring QuizMaker --><html><script>QuizPlayer.start("{blob}");</script></html>'
    report = check(publish(tmp_path / "q.zip", page=page))
    assert variants(report, "10.1.4") == ["kinds"]


# --- what the clauses see -------------------------------------------------------------------


def test_title_contents_and_elements_are_judged(tmp_path: Path) -> None:
    slides = deck(title_text="HACCP негіздері\nӘлиева А.С.", contents=False)
    slides[2]["_data"] = intr_doc("Қойындылар", text=False, image=False)
    report = check(publish(tmp_path / "p.zip", slides))
    found = set(errors(report))
    assert {("10.1.1", ""), ("10.1.2", ""), ("10.1.3", "text"), ("10.1.3", "visual")} <= found
    lacks = [d.message("en") for d in report.findings if d.code == "10.1.1" and not d.variant]
    assert lacks == [
        "The title slide lacks the discipline's name",
        "The title slide lacks the department",
        "The title slide lacks the date of development",
    ]
    assert "10.9" in report.unchecked  # the player's outline panel may give the contents


# --- broken publishes: findings, never tracebacks ---------------------------------------------


def _bad_presinfo(tmp_path: Path, blob: str) -> Report:
    return check(publish(tmp_path / "bad.zip", page=launch_page(blob)))


def test_bad_base64_bad_zlib_bad_json(tmp_path: Path) -> None:
    cases = {
        "base64": "this is not base64 !!!",
        "zlib": base64.b64encode(b"not zlib at all").decode(),
        "json": base64.b64encode(zlib.compress(b"{not json")).decode(),
    }
    for step, blob in cases.items():
        report = _bad_presinfo(tmp_path, blob)
        found = [d for d in report.findings if d.variant == "undecodable"]
        assert [dict(d.args)["step"] for d in found] == [step]
        assert report.subject.package and report.subject.package.unread
        assert len(report.subject.slides) == 12  # type: ignore[arg-type]  # counted by data files
        assert {"10.1.1", "10.1.3", "10.1.4"} <= set(report.unchecked)
        assert report.verdict == "incomplete"


def test_zlib_bomb_and_deep_json_are_capped(tmp_path: Path) -> None:
    bomb = base64.b64encode(zlib.compress(b"[" + b" " * 60_000_000 + b"]", 9)).decode()
    report = _bad_presinfo(tmp_path, bomb)
    assert [dict(d.args)["step"] for d in report.findings if d.variant == "undecodable"] == ["zlib"]
    deep = base64.b64encode(zlib.compress(b"[" * 100_000 + b"]" * 100_000)).decode()
    with pytest.raises(ValueError):
        decode_presinfo(deep)
    assert _bad_presinfo(tmp_path, deep).verdict == "incomplete"


def test_missing_and_broken_data_files(tmp_path: Path) -> None:
    slides = deck()
    quiz = len(slides)
    report = check(publish(tmp_path / "p.zip", slides, drop=(f"data/quiz{quiz}.js",)))
    assert "undecodable" in variants(report, "10.7")
    assert "10.1.4" in report.unchecked and to_json(report, "en")["subject"]["quizzes"] is None
    assert "10.1.3" not in report.unchecked
    broken = {"data/intr3.js": 'var interactionJson = "%%%";'}
    report = check(publish(tmp_path / "i.zip", slides, extra=broken))
    assert "10.1.3" in report.unchecked and "10.1.4" not in report.unchecked
    assert report.verdict == "incomplete"


def test_slide_file_outside_the_package_is_not_followed(tmp_path: Path) -> None:
    slides = deck()
    slides[-1]["s"] = "../../../etc/passwd"
    report = check(publish(tmp_path / "p.zip", slides))
    assert "10.1.4" in report.unchecked
    assert any("no file" in a for a in report.subject.package.unread)  # type: ignore[union-attr]


# --- images ---------------------------------------------------------------------------------


def _blurry(width: int, height: int) -> bytes:
    import io

    from PIL import Image

    im = Image.open(io.BytesIO(png(width, height)))
    small = im.resize((width // 3, height // 3)).resize((width, height))
    out = io.BytesIO()
    small.save(out, "PNG")
    return out.getvalue()


def test_icons_chrome_and_fragments_are_not_pictures_and_repeats_collapse(tmp_path: Path) -> None:
    extra: dict[str, bytes | str] = {
        "data/skin/play.png": png(13, 13),
        "data/img_btn_next.png": _blurry(300, 300),
        "data/bullet1.png": png(13, 13),
        "data/img20.png": png(24, 24),
        "data/fragment1.png": png(300, 240, alpha=True),
        "data/photo-ok.png": png(800, 600),
    }
    report = check(publish(tmp_path / "quiet.zip", extra=extra))
    assert variants(report, "10.1.3/images") == []
    for i in range(5):
        extra[f"data/photo{i}.png"] = _blurry(600, 400)
    report = check(publish(tmp_path / "loud.zip", extra=extra))
    found = [d for d in report.findings if d.code == "10.1.3/images"]
    assert [d.variant for d in found] == ["many"]
    assert found[0].message("en").startswith("5 images look blurry")
    assert "res/data/photo0.png" in found[0].message("en")


def test_a_small_picture_is_not_judged_where_its_shown_size_is_unknown(tmp_path: Path) -> None:
    report = check(publish(tmp_path / "p.zip", extra={"data/chart.png": png(320, 240)}))
    assert variants(report, "10.1.3/images") == []


def test_html5_publish_as_a_folder(tmp_path: Path) -> None:
    import zipfile

    folder = tmp_path / "web"
    with zipfile.ZipFile(publish(tmp_path / "w.zip", layout="html5")) as z:
        z.extractall(folder)
    report = check(folder)
    data = to_json(report, "en")["subject"]
    assert data["kind"] == "package" and data["tool"] == "ispring" and data["slides"] == 12
    assert data["launch"] == "index.html" and len(data["quizzes"]) == 1
    (folder / "data" / "secret.js").symlink_to("/etc/passwd")
    r = cli(folder)
    assert r.returncode == 2 and "OQ203" in r.stderr


def test_seven_elements_are_compared_by_kind_and_a_web_publish_is_named(tmp_path: Path) -> None:
    report = check(publish(tmp_path / "w.zip", layout="html5"))
    seven = [d for d in report.findings if d.code == "10.1.3" and d.variant == "seven"]
    assert seven[0].message("en") == (
        "There are 3 interactive elements (process, scenario, tabs); form 02 asks for 7; "
        "missing: animation, hierarchy, catalogue, map, video"
    )
    assert "жоғы: анимация, иерархия, каталог, карта, бейне" in seven[0].message("kk")
    assert variants(report, "10.7")[:2] == ["web", "no-manifest"]


@pytest.mark.parametrize(
    "quiz",
    [
        {"d": {"sl": {"g": {"S": 3}}}},
        {"d": {"sl": {"g": [{"S": 7}, 5, {"S": [1, {"tp": 3}, {"tp": "TrueFalse", "D": []}]}]}}},
        [],
        "text",
        {"d": None},
    ],
)
def test_odd_shapes_are_findings_or_facts_never_tracebacks(tmp_path: Path, quiz: object) -> None:
    slides = deck()
    slides[-1]["_data"] = quiz
    slides[2]["_data"] = {"d": {"s": 5, "C": {"is": "x"}}}
    slides.insert(3, {"st": "q", "s": 5})  # a quiz slide whose file is a number
    slides.insert(4, "not a slide")  # type: ignore[arg-type]
    report = check(publish(tmp_path / "odd.zip", slides))
    assert report.verdict in ("fail", "incomplete")
    assert "10.1.3" in report.unchecked  # the interaction's items are not a list


def test_one_file_named_by_many_slides_is_read_once(tmp_path: Path) -> None:
    slides = deck()
    quiz = dict(slides[-1])
    slides[-1:] = [{**quiz, "s": "data/quiz0.js"} for _ in range(3000)]
    extra = {"data/quiz0.js": f'var quizInfo = "{b64json(quiz_doc(["TrueFalse"] * 5))}";'}
    report = check(publish(tmp_path / "many.zip", slides, extra=extra))
    assert len(report.subject.quizzes) == 3000  # type: ignore[arg-type]


def test_a_damaged_data_file_is_a_finding(tmp_path: Path) -> None:
    path = publish(tmp_path / "crc.zip")
    data = bytearray(path.read_bytes())
    name = b"res/data/quiz12.js"
    at = data.find(name) + len(name)  # the local header's name, then the deflated bytes
    for i in range(at + 5, at + 25):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))
    report = check(path)
    assert "10.1.4" in report.unchecked and "undecodable" in variants(report, "10.7")
