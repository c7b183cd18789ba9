"""Placeholders do not pass (issue 15, item 12): ``oqu new`` as it is, and an import's TODOs.

A template placeholder or a TODO mark in a title-slide field is a 10.1.1 error; in any other
metadata field, a clause 11 error; the template's own media files (found by digest) are a
clause 11 error too. Each finding points at the field's ``der.yaml:line``. Real values — the
examples, a filled-in DER, a value that only contains a template word — give none.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from oqu.check import check
from oqu.rules.placeholders import is_placeholder, placeholder_texts
from oqu.scaffold import LANGUAGES, create
from tests.cli import oqu
from tests.rules.conftest import EXAMPLES

# What the issue saw pass: the title, the author's name, and media credited «Заглушка…».
SEEN = {
    "kk": ("ЦББР атауы", "Авторның толық аты-жөні", "Oqu үлгісінің толтырғышы"),
    "ru": ("Название ЦОР", "Фамилия Имя Отчество автора", "Заглушка шаблона Oqu"),
    "en": ("Title of the DER", "Author's full name", "Oqu template placeholder"),
}


def _line_of(path: Path, text: str) -> int:
    for i, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if text in line:
            return i
    raise AssertionError(text)


def _errors(report: object, rule: str, variant: str) -> list:  # type: ignore[type-arg]
    return [
        d
        for d in report.findings  # type: ignore[attr-defined]
        if d.code == rule and d.variant == variant and d.severity == "error"
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_untouched_template_fails(tmp_path: Path, lang: str) -> None:
    src = tmp_path / "der"
    create(src, lang)
    report = check(src)
    assert report.verdict == "fail"
    title = {d.path: d for d in _errors(report, "10.1.1", "placeholder")}
    assert {"title", "discipline", "department", "authors[0].name"} <= set(title)
    lines = (src / "der.yaml").read_text("utf-8").splitlines()
    for d in title.values():  # each points at its own field: der.yaml:line holds the value
        assert d.location.file.endswith("der.yaml")
        value = dict(d.args)["value"]
        assert isinstance(value, str) and value in lines[d.location.line - 1], d.path
    assert SEEN[lang][0] in title["title"].message(lang)
    assert SEEN[lang][1] in title["authors[0].name"].message(lang)
    other = {d.path for d in _errors(report, "11", "placeholder")}
    assert {"description", "audience", "topics[0]", "modules[0].title"} <= other
    assert any(SEEN[lang][2] in d.message(lang) for d in _errors(report, "11", "placeholder"))
    media = {d.path for d in _errors(report, "11", "placeholder-media")}
    assert "media['media/process.svg']" in media and "media['media/video.mp4']" in media
    # the author's photo is a title-slide field: 10.1.1, not counted twice under 11
    assert "authors[0].photo" in title and "media['media/author.svg']" not in media


def test_the_cli_fails_the_template(tmp_path: Path) -> None:
    src = tmp_path / "der"
    create(src, "kk")
    run = oqu("check", str(src), "--lang", "kk")
    assert run.returncode == 1, run.stdout + run.stderr
    line = _line_of(src / "der.yaml", "discipline:")
    assert f"der.yaml:{line}:" in run.stdout
    assert "10.1.1 error: Титулдық слайдта үлгінің толтырғышы қалды: discipline" in run.stdout


def _fill(src: Path, lang: str) -> None:
    """What an author does: every placeholder replaced by real information and media."""
    der = src / "der.yaml"
    data = yaml.safe_load(der.read_text("utf-8"))
    data.update(
        title="HACCP жүйесінің негіздері",
        faculty="Тағам өндірісі факультеті",
        department="Тағам қауіпсіздігі және сапасы кафедрасы",
        discipline="Тағам қауіпсіздігі",
        audience="6B07201 Тағам өнімдерінің технологиясы, 3-курс",
        description="HACCP жүйесінің жеті қағидаты сүт өндірісінің мысалында.",
        keywords=["HACCP", "сыни бақылау нүктесі", "тағам қауіпсіздігі"],
        contact="a.alieva@atu.edu.kz",
        topics=["HACCP қағидаттары", "Қауіптерді талдау", "Сыни бақылау нүктелері"],
        syllabus_topics=["HACCP жүйесінің қағидаттары"],
        glossary=[
            {"term": "HACCP", "definition": "Қауіптерді талдау және сыни бақылау нүктелері."},
            {"term": "Сыни шек", "definition": "Қолайлы мен қолайсызды бөлетін мән."},
        ],
        references={
            "basic": ["Мортимор С., Уоллес К. HACCP. — М.: Профессия, 2014. — 520 б."],
            "additional": ["Codex Alimentarius. CXC 1-1969. — Rome: FAO, 2020."],
        },
    )
    data["authors"][0].update(
        name="Әлиева Айгүл Сериковна",
        position="аға оқытушы",
        degree="т.ғ.к.",
        title="қауымдастырылған профессор",
        email="a.alieva@atu.edu.kz",
    )
    data["modules"][0]["title"] = "HACCP қағидаттары"
    real = EXAMPLES / "haccp-kk" / "media"
    for name in list(data["media"]):
        target = src / name
        if name.endswith(".svg"):
            shutil.copyfile(real / "haccp-principles.svg", target)
        elif name.endswith(".mp4"):
            shutil.copyfile(real / "pasteurisation-ccp.mp4", target)
        elif name.endswith(".vtt"):
            shutil.copyfile(real / "pasteurisation-ccp.kk.vtt", target)
        data["media"][name] = {"source": "Әлиева А. С., авторлық сурет", "licence": "CC-BY-4.0"}
    der.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_filled_in_der_passes(tmp_path: Path, lang: str) -> None:
    src = tmp_path / "der"
    create(src, lang)
    _fill(src, lang)
    report = check(src)
    errors = [d.format("en") for d in report.findings if d.severity == "error"]
    assert errors == [] and report.verdict == "pass"


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir()))
def test_the_examples_have_no_placeholder(example: str) -> None:
    report = check(EXAMPLES / example)
    assert [d for d in report.findings if d.variant.startswith("placeholder")] == []
    assert report.verdict == "pass"


def test_an_imports_todo_is_an_error(tmp_path: Path) -> None:
    from tests.sources.pptx_decks import form02_deck

    deck = form02_deck(tmp_path / "deck.pptx", "ru")
    out = tmp_path / "der"
    run = oqu("import", "pptx", str(deck), "--out", str(out))
    assert out.joinpath("der.yaml").is_file(), run.stderr
    report = check(out)
    licences = [d for d in _errors(report, "11", "placeholder") if d.path.endswith(".licence")]
    assert licences, "licence: 'TODO: …' passed"
    der = out / "der.yaml"
    first = licences[0]
    assert first.location.line == _line_of(der, "licence: 'TODO")
    assert "TODO: укажите лицензию" in first.message("ru")
    assert report.verdict == "fail"


def test_a_todo_on_the_title_slide_is_10_1_1(tmp_path: Path) -> None:
    src = tmp_path / "der"
    shutil.copytree(EXAMPLES / "haccp-kk", src)
    der = src / "der.yaml"
    text = der.read_text("utf-8")
    line = next(x for x in text.splitlines() if x.startswith("discipline:"))
    der.write_text(text.replace(line, "discipline: 'TODO: пәннің атауы'"), "utf-8")
    (found,) = _errors(check(src), "10.1.1", "placeholder")
    assert found.path == "discipline"
    assert found.location.line == _line_of(der, "discipline:")


@pytest.mark.parametrize(
    "value",
    [
        "Модульдің атауы және құрылымы",  # contains a template placeholder, is not one
        "Кілт сөз 1 және оның мағынасы",
        "Todo-лист в Python: структуры данных",  # "todo" as a word of the subject
        "Список TODOs",  # a word that begins with TODO
        "Должность декана факультета",
    ],
)
def test_real_values_are_not_placeholders(value: str) -> None:
    assert not is_placeholder(value)


@pytest.mark.parametrize(
    "value",
    ["ЦББР атауы", " название  цор ", "Ученая степень", "TODO: ФИО автора", "(TODO)", "…", "..."],
)
def test_placeholders_are_recognised(value: str) -> None:
    assert is_placeholder(value)


def test_placeholders_are_read_from_the_templates() -> None:
    texts = placeholder_texts()
    for lang in LANGUAGES:
        assert SEEN[lang][0].casefold() in texts
    # real defaults of the template are not placeholders
    assert "cc-by-sa-4.0" not in texts and "interactive-presentation" not in texts
    assert "алматы технологиялық университеті" not in texts


def test_a_package_built_from_the_template_fails(tmp_path: Path) -> None:
    """The portal checks packages: the title slide's placeholders are found in the SCORM zip."""
    src = tmp_path / "der"
    create(src, "ru")
    run = oqu("build", str(src), "--format", "scorm12", "--out", str(tmp_path / "dist"))
    assert run.returncode == 0, run.stderr
    (package,) = (tmp_path / "dist").glob("*-scorm12.zip")
    report = check(package)
    found = {d.path: d for d in _errors(report, "10.1.1", "placeholder")}
    assert {"discipline", "department", "authors[0].name"} <= set(found)
    assert "Название дисциплины" in found["discipline"].message("ru")
    assert report.verdict == "fail"
