"""Question banks: ours → format → ours for every type each format holds; losses are reported;
import errors carry lines; the XML parser is hardened."""

from __future__ import annotations

import io
import textwrap
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image as PILImage
from typer.testing import CliRunner

from oqu.assess.banks import bank_of, export_bank, read_bank, write_source
from oqu.assess.banks.common import text_of
from oqu.assess.banks.moodle import formula_from_moodle, formula_to_moodle
from oqu.assess.scoring import score
from oqu.cli import app
from oqu.diagnostics import Diagnostics
from oqu.model.content import Question, Resource
from oqu.sources.der import load

FRONT = """\
---
title: Нан өндірісі
type: assessment-materials
language: kk
department: Нан өнімдері кафедрасы
discipline: Нан технологиясы
date: 2026-09-01
authors: [{name: Әлиева Айгүл}]
---
"""

BODY = """
## Қорытынды тест

:::quiz {final=true pass=70}
### Ұнның ең жоғары сортын дәннің қай бөлігі береді?

![Дән құрылысы](media/grain.png)

- [ ] Алейрон қабаты
  Жоқ, ол кебекке кетеді.
- [x] Эндосперм
- [ ] Ұрық

> Эндосперм — дәннің крахмалды бөлігі.

{points=2}
### Нанның пісіру қасиеттерін қандай көрсеткіштер сипаттайды?
- [x] Клейковина
- [x] Газ түзу қабілеті
- [x] Құлау саны
- [ ] Упек

{type=truefalse answer=true}
### Қара бидай ақуыздары клейковина түзбейді.

{type=short}
### Бидай ақуыздары түзетін серпімді гель қалай аталады?
- клейковина
- глютен

{type=numeric}
### 100 кг ұннан 138 кг нан алынды. Нанның шығымы, %?
- 138 ± 1
- 140..141

{type=calculated decimals=1}
### Массасы {m} кг суды 20 °C-қа қыздыру үшін қанша кДж керек?
- m = 2..10 step 0.5
- = m * 4.18 * 20 ± 1%

{type=sequence points=2}
### Қамырды бөлу операцияларын ретімен қойыңыз
1. Бөлу
2. Домалақтау
3. Алдын ала тындыру
4. Пішіндеу

{type=matching}
### Терминді анықтамасымен сәйкестендіріңіз
- Упек -> Пісіру кезіндегі масса шығыны
- Кебу -> Сақтау кезіндегі масса шығыны
- Илеу -> Қамырды қайта араластыру
- -> Тазалау кезіндегі шығын

{type=blanks}
### Бос орындарды толтырыңыз
Ұнды [[эндосперм]] береді, майды [[ұрық|ұрығы]] береді.

{type=select}
### HACCP
HACCP [[7|5|9]] қағидаттан тұрады.

{type=dragwords}
### Шикізат
Қамырды [[ашытқы]] көпіршітеді, дәмін [[тұз]] береді.

- қант

{type=hotspot}
### Эндоспермді көрсетіңіз

![Дән](media/grain.png)

- [x] rect 10 20 30 15 Эндосперм
- [ ] circle 50 50 8 Ұрық

{type=likert scale="Жоқ|Бейтарап|Иә"}
### Дәріс туралы пікіріңіз
- Дәріс түсінікті болды
- Қарқын ыңғайлы болды

{type=essay words=50}
### Опаралы тәсілді сипаттаңыз
:::
"""


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("src")
    (root / "media").mkdir()
    PILImage.new("RGB", (40, 30), (200, 180, 90)).save(root / "media" / "grain.png")
    (root / "lesson.md").write_text(FRONT + textwrap.dedent(BODY), "utf-8")
    return root / "lesson.md"


@pytest.fixture(scope="module")
def resource(source: Path) -> Resource:
    diags = Diagnostics()
    res = load(source, diags)
    assert res is not None and not diags.has_errors, [d.format() for d in diags]
    return res


def by_type(res: Resource) -> dict[str, Question]:
    return {q.type: q for quiz in res.quizzes() for q in quiz.questions}


def round_trip(resource: Resource, fmt: str, tmp: Path) -> tuple[dict[str, Question], Diagnostics]:
    diags = Diagnostics()
    data = export_bank(bank_of(resource), fmt, diags)  # type: ignore[arg-type]
    path = tmp / f"bank.{fmt}"
    path.write_bytes(data)
    read = Diagnostics()
    bank = read_bank(path, read)
    assert bank is not None and not read.has_errors, [d.format() for d in read]
    write_source(bank, tmp / "der")
    again = Diagnostics()
    res = load(tmp / "der", again)
    assert res is not None and not again.has_errors, [d.format() for d in again] + [
        (tmp / "der" / "questions.md").read_text("utf-8")
    ]
    return by_type(res), diags


def same_question(a: Question, b: Question, *, points: bool = True) -> None:
    assert a.type == b.type
    assert text_of(a.prompt) == text_of(b.prompt), (a.prompt, b.prompt)
    if points:
        assert a.points == b.points
    assert [(text_of(c.text), c.correct) for c in a.choices] == [
        (text_of(c.text), c.correct) for c in b.choices
    ]
    assert a.truth == b.truth
    assert a.accepted == b.accepted
    assert [x for n in a.numeric for x in (n.low, n.high)] == pytest.approx(
        [x for n in b.numeric for x in (n.low, n.high)]
    )
    assert [(text_of(x), text_of(y)) for x, y in a.pairs] == [
        (text_of(x), text_of(y)) for x, y in b.pairs
    ]
    assert [g.answers for g in a.gaps] == [g.answers for g in b.gaps]
    assert a.distractors == b.distractors
    assert text_of(a.text) == text_of(b.text)


MOODLE_TYPES = ["single", "multiple", "truefalse", "short", "numeric", "calculated", "sequence",
                "matching", "blanks", "select", "dragwords", "essay"]  # fmt: skip
GIFT_TYPES = ["single", "multiple", "truefalse", "short", "numeric", "matching", "essay"]


def test_moodle_xml_round_trip(resource: Resource, tmp_path: Path) -> None:
    again, diags = round_trip(resource, "moodle-xml", tmp_path)
    ours = by_type(resource)
    for t in MOODLE_TYPES:
        same_question(ours[t], again[t], points=t != "blanks")
    calc = again["calculated"]
    assert calc.formula == "m * 4.18 * 20" and calc.decimals == 1
    assert [(v.name, v.low, v.high) for v in calc.variables] == [("m", 2, 10)]
    assert calc.numeric[0].relative and calc.numeric[0].tolerance == pytest.approx(1)
    assert again["essay"].min_words == 50
    # media embedded as base64 and written back into media/
    assert (tmp_path / "der" / "media" / "grain.png").is_file()
    # hotspot and likert cannot be Moodle questions: reported, not dropped silently
    lost = {d.args for d in diags if d.code == "OQ400"}
    assert {dict(a)["kind"] for a in lost} == {"hotspot", "likert"}
    # scores survive: the same right answers score full marks after the round trip
    assert score(again["multiple"], [0, 1, 2]).correct
    assert score(again["select"], ["7"]).correct


def test_moodle_xml_is_what_moodle_reads(resource: Resource) -> None:
    data = export_bank(bank_of(resource), "moodle-xml", Diagnostics())
    root = etree.fromstring(data)
    kinds = [q.get("type") for q in root.iterfind("question")]
    assert "category" in kinds and "multichoice" in kinds and "ordering" in kinds
    multi = next(q for q in root.iterfind("question") if q.findtext("single") == "false")
    fractions = [float(a.get("fraction", "0")) for a in multi.iterfind("answer")]
    assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=1e-4)  # Moodle insists
    assert all(f in (33.33333, -100) for f in fractions)
    img = next(root.iter("file"))
    assert img.get("encoding") == "base64" and img.get("name") == "grain.png"
    assert "@@PLUGINFILE@@/grain.png" in etree.tostring(root, encoding="unicode")
    cloze = next(q for q in root.iterfind("question") if q.get("type") == "multianswer")
    assert "{1:SHORTANSWER:=ұрық~=ұрығы}" in cloze.findtext("questiontext/text")


def test_gift_round_trip(resource: Resource, tmp_path: Path) -> None:
    again, diags = round_trip(resource, "gift", tmp_path)
    ours = by_type(resource)
    for t in GIFT_TYPES:
        same_question(ours[t], again[t], points=False)
    lost = {dict(d.args)["kind"] for d in diags if d.code == "OQ400"}
    assert lost == {"sequence", "calculated", "hotspot", "likert", "dragwords", "blanks"}
    # select with one gap is GIFT's "missing word" form
    assert again["select"].gaps[0].answers == ["7", "5", "9"]


def test_gift_escapes_specials(tmp_path: Path) -> None:
    src = tmp_path / "s.md"
    src.write_text(
        FRONT
        + textwrap.dedent("""
        ## Т

        :::quiz
        {type=short}
        ### a ~ b = c # d { e } f : g \\\\ h?
        - x~y
        - a=b#c{d}:e
        :::
        """),
        "utf-8",
    )
    diags = Diagnostics()
    res = load(src, diags)
    assert res is not None
    text = export_bank(bank_of(res), "gift", diags).decode()
    assert r"a \~ b \= c \# d \{ e \} f \: g" in text
    assert r"=a\=b\#c\{d\}\:e" in text
    path = tmp_path / "b.gift"
    path.write_text(text, "utf-8")
    bank = read_bank(path, Diagnostics())
    assert bank is not None
    assert bank.questions()[0].accepted == ["x~y", "a=b#c{d}:e"]


def test_aiken_round_trip(resource: Resource, tmp_path: Path) -> None:
    again, diags = round_trip(resource, "aiken", tmp_path)
    same_question(by_type(resource)["single"], again["single"], points=False)
    assert list(again) == ["single"]
    assert len([d for d in diags if d.code == "OQ400"]) == 13


def test_qti_package(resource: Resource) -> None:
    diags = Diagnostics()
    data = export_bank(bank_of(resource), "qti21", diags)
    z = zipfile.ZipFile(io.BytesIO(data))
    names = z.namelist()
    assert names[0] == "imsmanifest.xml" and "items/media/grain.png" in names
    manifest = etree.fromstring(z.read("imsmanifest.xml"))
    hrefs = [f.get("href") for f in manifest.iter("{*}file")]
    assert set(hrefs) <= set(names)
    items = [
        etree.fromstring(z.read(n)) for n in names if n.startswith("items/") and n.endswith(".xml")
    ]
    kinds = {
        el.tag.split("}")[1]
        for item in items
        for el in item.iter()
        if el.tag.endswith("Interaction")
    }
    assert kinds == {"choiceInteraction", "textEntryInteraction", "orderInteraction",
                     "matchInteraction", "extendedTextInteraction"}  # fmt: skip
    assert export_bank(bank_of(resource), "qti21", Diagnostics()) == data  # deterministic


@pytest.mark.parametrize(
    ("name", "text", "line", "needle"),
    [
        ("bad.gift", "::q1:: Fine {=a ~b}\n\n// comment\n::q2:: Broken {=a ~b\n", 4, "'}'"),
        ("bad2.gift", "Q {#abc}\n", 1, "not a number"),
        (
            "bad.aiken.txt",
            "Q1?\nA. x\nB. y\nANSWER: B\n\nQ2?\nA. x\nB. y\nANSWER: D\n",
            9,
            "ANSWER: D",
        ),
        ("bad2.aiken.txt", "Q1?\nA. x\nB. y\n", 1, "no ANSWER"),
        (
            "bad.xml",
            "<?xml version='1.0'?>\n<quiz>\n<question type='multichoice'>\n</quiz>\n",
            4,
            "",
        ),
        (
            "bad2.xml",
            "<quiz>\n <question type='numerical'>\n  <answer fraction='100'><text>x</text></answer>\n </question>\n</quiz>",
            2,
            "q1",
        ),
    ],
)
def test_import_errors_carry_lines(
    tmp_path: Path, name: str, text: str, line: int, needle: str
) -> None:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    diags = Diagnostics()
    read_bank(path, diags)
    errors = [d for d in diags if d.code == "OQ402"]
    assert errors, [d.format() for d in diags]
    assert errors[0].location.line == line
    assert needle in errors[0].message()


def test_xml_parser_is_hardened(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", "utf-8")
    path = tmp_path / "xxe.xml"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        "<quiz><question type='shortanswer'><name><text>q</text></name>"
        "<questiontext format='html'><text>Q &x;</text></questiontext>"
        "<answer fraction='100'><text>a</text></answer></question></quiz>",
        "utf-8",
    )
    diags = Diagnostics()
    bank = read_bank(path, diags)
    assert bank is None or "TOP SECRET" not in repr(bank.questions())


def test_formula_translation() -> None:
    for f in ["m * 4.18 * 20", "sqrt(a ** 2 + b ** 2)", "-x % 3 + pi", "e ** 2"]:
        assert formula_from_moodle(formula_to_moodle(f)) == f
    assert formula_to_moodle("a ** 2") == "pow({a}, 2)"


def test_cli_export_and_import(source: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "bank.xml"
    r = runner.invoke(
        app,
        ["questions", "export", str(source.parent), "--format", "moodle-xml", "--out", str(out)],
    )
    assert r.exit_code == 0, r.output
    assert out.is_file()
    r = runner.invoke(app, ["questions", "import", str(out), "--out", str(tmp_path / "der")])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "der" / "der.yaml").is_file()
    r = runner.invoke(
        app, ["questions", "import", str(tmp_path / "nope.gift"), "--out", str(tmp_path / "x")]
    )
    assert r.exit_code == 1


def test_approximations_are_reported(resource: Resource) -> None:
    diags = Diagnostics()
    export_bank(bank_of(resource), "gift", diags)
    approximated = {dict(d.args)["id"] for d in diags if d.code == "OQ401"}
    multiple = by_type(resource)["multiple"]
    assert multiple.id in approximated  # {points=2}: GIFT has no marks


def test_unknown_moodle_types_are_reported_not_dropped(tmp_path: Path) -> None:
    path = tmp_path / "b.xml"
    path.write_text(
        "<quiz>\n"
        "<question type='truefalse'><name><text>tf</text></name>"
        "<questiontext format='html'><text>&lt;p&gt;Иә?&lt;/p&gt;</text></questiontext>"
        "<answer fraction='100'><text>true</text></answer>"
        "<answer fraction='0'><text>false</text></answer></question>\n"
        "<question type='ddmarker'><name><text>m</text></name></question>\n"
        "</quiz>",
        "utf-8",
    )
    diags = Diagnostics()
    bank = read_bank(path, diags)
    assert bank is not None and [q.type for q in bank.questions()] == ["truefalse"]
    assert [(d.code, d.location.line) for d in diags] == [("OQ403", 3)]


MOODLE_GIFT_EXAMPLES = """\
// The examples of Moodle's GIFT documentation (docs.moodle.org/en/GIFT_format)
::Grants tomb::Who is buried in Grant's tomb in New York City? {
=Grant
~No one
#Was true for 12 years
~Napoleon
#He was buried in France
}

Grant is {~buried =entombed ~living} in Grant's tomb.

Grant is buried in Grant's tomb.{F}

Who's buried in Grant's tomb?{=no one =nobody}

When was Ulysses S. Grant born?{#1822:5}

Match the following countries with their corresponding capitals. {
   =Canada -> Ottawa
   =Italy  -> Rome
   =Japan  -> Tokyo
   ####It's good to know the capitals
}

What is a number from 1 to 5? {#1..5}

Two plus {=two =2} equals four.

::Q7:: When was Ulysses S. Grant born? {#
    =1822:0      # Correct! Full credit.
    =%50%1822:2  # He was born in 1822. Half credit for being close.
}

What two people are entombed in Grant's tomb? {
   ~%-100%No one
   ~%50%Grant
   ~%50%Grant's wife
   ~%-100%Grant's father
}

Write a short biography of Dag Hammarskjöld. {}
"""


def test_gift_reads_moodles_documented_examples(tmp_path: Path) -> None:
    path = tmp_path / "moodle-examples.gift"
    path.write_text(MOODLE_GIFT_EXAMPLES, "utf-8")
    diags = Diagnostics()
    bank = read_bank(path, diags)
    assert bank is not None, [d.format() for d in diags]
    qs = bank.questions()
    assert [q.type for q in qs] == ["single", "select", "truefalse", "short", "numeric",
                                    "matching", "numeric", "blanks", "numeric", "multiple", "essay"]  # fmt: skip
    tomb, missing, tf, short, num, match, rng, blank, q7, multi, essay = qs
    assert tomb.id == "Grants tomb" and [c.correct for c in tomb.choices] == [True, False, False]
    assert tomb.choices[1].feedback == "Was true for 12 years"
    assert missing.gaps[0].answers == ["entombed", "buried", "living"]
    assert "{{0}}" in missing.text and tf.truth is False
    assert short.accepted == ["no one", "nobody"]
    assert (num.numeric[0].low, num.numeric[0].high) == (1817, 1827)
    assert (text_of(match.pairs[0][0]), text_of(match.pairs[0][1])) == ("Canada", "Ottawa")
    assert match.feedback == "It's good to know the capitals"
    assert (rng.numeric[0].low, rng.numeric[0].high) == (1, 5)
    assert blank.gaps[0].answers == ["two", "2"]
    assert [(n.low, n.high) for n in q7.numeric] == [(1822, 1822)]
    assert [c.correct for c in multi.choices] == [False, True, True, False]
    assert essay.type == "essay"
    assert [d.code for d in diags] == ["OQ401"]  # Q7's half-credit answer, reported
    write_source(bank, tmp_path / "der")
    again = Diagnostics()
    assert load(tmp_path / "der", again) is not None and not again.has_errors, [
        d.format() for d in again
    ]
