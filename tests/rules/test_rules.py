"""Input → findings, rule by rule: the examples pass; copies broken on purpose fail one rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from oqu.check import check
from oqu.diagnostics import RULE_MESSAGES, Diagnostic
from oqu.rules import RULES
from oqu.rules.clause_7_6 import stems
from oqu.rules.quality_images import MAX_BLUR_RATIO, blur_ratio
from tests.rules.conftest import EXAMPLES, edit

DOCS = Path(__file__).resolve().parents[2] / "docs"


def codes(findings: list[Diagnostic], severity: str = "error") -> list[tuple[str, str]]:
    return [(d.code, d.variant) for d in findings if d.severity == severity]


@pytest.mark.parametrize("name", ["haccp-kk", "food-tech-ru", "networks-en"])
def test_examples_have_no_error(name: str) -> None:
    report = check(EXAMPLES / name)
    assert codes(report.findings) == []
    assert report.verdict == "pass"
    assert report.unchecked == []


def test_haccp_follows_the_regulation_without_warnings() -> None:
    report = check(EXAMPLES / "haccp-kk")
    assert codes(report.findings, "error") == []
    assert codes(report.findings, "warning") == []


def test_an_oqu_package_reveals_what_its_source_knew(tmp_path: Path) -> None:
    """Type, modules, literature, lecture plan, credits and search travel in oqu-data."""
    from oqu.packaging.pipeline import build

    res = build(EXAMPLES / "food-tech-ru", tmp_path, ("scorm12",))
    assert res.ok
    report = check(res.outputs[0])
    assert report.unchecked == [] or all(
        rule not in report.unchecked for rule in ("9.2", "10.8", "11", "10.9")
    )
    assert ("10.9", "search") not in codes(report.findings)
    assert not [f for f in report.findings if f.code == "11"]  # every file has a credit


def test_10_1_too_few_slides(haccp: Path) -> None:
    md = haccp / "01-haccp.md"
    text = md.read_text("utf-8")
    start, end = text.index("## HACCP тобы"), text.index("{#final-test}")
    md.write_text(text[:start] + text[end:], "utf-8")
    report = check(haccp)
    assert ("10.1", "") in codes(report.findings)


def test_10_1_1_missing_email_and_faculty_are_warnings(haccp: Path) -> None:
    edit(haccp / "der.yaml", "faculty: Тағам технологиялары факультеті\n", "")
    edit(haccp / "der.yaml", "    email: a.alieva@atu.edu.kz\n", "")
    report = check(haccp)
    warnings = [d for d in report.findings if d.code == "10.1.1"]
    assert {d.path for d in warnings} == {"faculty", "authors[0].email"}
    assert all(d.severity == "warning" for d in warnings)


def test_10_1_3_interaction_without_image(haccp: Path) -> None:
    edit(
        haccp / "01-haccp.md",
        '![HACCP жүйесінің жеті қағидаты: қауіптерді талдаудан құжаттамаға дейінгі жеті тізбекті кезең](media/haccp-principles.svg "1-сурет. HACCP жүйесінің жеті қағидаты")\n',
        "",
    )
    edit(haccp / "der.yaml", "  media/haccp-principles.svg:", "  media/unused.svg:")
    report = check(haccp)
    assert ("10.1.3", "visual") in codes(report.findings)


def test_10_1_4_final_test_needs_five_questions_of_three_kinds(haccp: Path) -> None:
    md = haccp / "01-haccp.md"
    text = md.read_text("utf-8")
    start = text.index("{type=sequence}")
    end = text.index("\n:::", start)
    md.write_text(text[:start] + text[end + 1 :], "utf-8")
    report = check(haccp)
    found = codes(report.findings)
    assert ("10.1.4", "count") in found
    assert ("10.1.4", "kinds") in found


def test_9_2_1_textbook_without_glossary_fails(haccp: Path) -> None:
    yaml = haccp / "der.yaml"
    text = yaml.read_text("utf-8")
    start, end = text.index("glossary:\n"), text.index("references:\n")
    yaml.write_text(text[:start] + text[end:], "utf-8")
    report = check(haccp, der_type="e-textbook")
    assert ("9.2.1", "") in codes(report.findings)
    assert [d.code for d in report.findings if d.severity == "error"] == ["9.2.1"]


def test_9_2_3_lecture_course_needs_a_plan(haccp: Path) -> None:
    report = check(haccp, der_type="e-lecture-course")
    errs = [d for d in report.findings if d.code == "9.2.3" and d.severity == "error"]
    assert len(errs) == 1 and "lecture plan" in errs[0].message("en")


def test_10_9_no_contact_email(haccp: Path) -> None:
    edit(haccp / "der.yaml", "contact: a.alieva@atu.edu.kz\n", "")
    edit(haccp / "der.yaml", "    email: a.alieva@atu.edu.kz\n", "")
    assert ("10.9", "email") in codes(check(haccp).findings)


def test_11_media_without_credit_warns(haccp: Path) -> None:
    edit(haccp / "der.yaml", "  media/plant-map.svg:", "  media/other.svg:")
    report = check(haccp)
    credits = [d for d in report.findings if d.code == "11"]
    assert [d.message("en") for d in credits] == [
        "'media/plant-map.svg' has no recorded source and licence"
    ]
    assert credits[0].location.file.endswith("01-haccp.md")


def test_alt_text_missing_warns(haccp: Path) -> None:
    edit(
        haccp / "01-haccp.md",
        "![HACCP жүйесінің жеті қағидаты: қауіптерді талдаудан құжаттамаға дейінгі жеті тізбекті кезең]",
        "![]",
    )
    found = [d for d in check(haccp).findings if d.code == "7.5/alt"]
    assert len(found) == 1 and found[0].location.line == 11


def _screenshot(size: tuple[int, int] = (1280, 720)) -> Image.Image:
    im = Image.new("RGB", size, "white")
    d = ImageDraw.Draw(im)
    for y in range(40, size[1] - 40, 36):
        d.text((40, y), "Пастерлеу 72 °C, 15 s — HACCP CCP monitoring log " * 2, fill="black")
        d.line((30, y + 30, size[0] - 30, y + 30), fill=(90, 90, 90))
    return im


def test_blur_measure_separates_sharp_from_upscaled() -> None:
    sharp = _screenshot()
    blurry = sharp.resize((427, 240), Image.Resampling.BICUBIC).resize(sharp.size)
    assert blur_ratio(sharp) < MAX_BLUR_RATIO < blur_ratio(blurry)


def test_blurry_and_small_images_warn(haccp: Path) -> None:
    media = haccp / "media"
    sharp = _screenshot()
    sharp.resize((427, 240)).resize(sharp.size).save(media / "pasteurisation-ccp-poster.png")
    report = check(haccp)
    assert [d.variant for d in report.findings if d.code == "10.1.3/images"] == [""]
    sharp.resize((320, 180)).save(media / "pasteurisation-ccp-poster.png")
    report = check(haccp)
    assert [d.variant for d in report.findings if d.code == "10.1.3/images"] == ["small"]


def test_large_media_warns(haccp: Path) -> None:
    video = haccp / "media" / "pasteurisation-ccp.mp4"
    with video.open("ab") as f:
        f.write(b"\0" * 51_000_000)
    found = [d for d in check(haccp).findings if d.code == "7.5/size"]
    assert len(found) == 1


def test_7_6_syllabus_coverage_kk(haccp: Path, tmp_path: Path) -> None:
    syllabus = tmp_path / "syllabus.txt"
    syllabus.write_text(
        "1. HACCP жүйесінің қағидаттары\n"
        "2. Сыни бақылау нүктелерін анықтау\n"
        "3. Нанның ашытқысы және ашыту технологиясы\n",
        "utf-8",
    )
    report = check(haccp, syllabus=syllabus)
    missing = [d for d in report.findings if d.code == "7.6" and d.severity == "error"]
    assert len(missing) == 1
    assert "ашытқысы" in missing[0].message("kk")
    covered = next(d for d in report.findings if d.variant == "covered")
    assert "2 of 3" in covered.message("en")


def test_7_6_russian_docx_and_pdf(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("Тема 1. Пшеничная мука: сорта и хлебопекарные свойства")
    d.add_paragraph("Тема 2. Пищевая безопасность молочных продуктов")
    path = tmp_path / "syllabus.docx"
    d.save(path)
    report = check(EXAMPLES / "food-tech-ru", syllabus=path)
    missing = [
        d.message("ru") for d in report.findings if d.code == "7.6" and d.severity == "error"
    ]
    assert len(missing) == 1 and "молочных" in missing[0]


def test_stems_normalise_kazakh_and_russian() -> None:
    assert stems("Пастерлеудің режимдері") & stems("пастерлеу режимі")
    assert stems("Ёмкости, хлебопечение!") == stems("емкость хлебопечения")


def test_every_rule_is_documented() -> None:
    text = (DOCS / "checker.md").read_text("utf-8")
    for rule_id, messages in RULE_MESSAGES.items():
        assert f"`{rule_id}`" in text, rule_id
        for variant, entry in messages.items():
            if variant not in ("unchecked", "partial"):  # every rule has both (documented once)
                assert entry.message.en.replace("|", "/") in text, (rule_id, variant)
    assert {r.id for r in RULES} <= set(RULE_MESSAGES)
