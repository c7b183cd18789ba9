"""YAML mistakes a lecturer makes in der.yaml, told in the DER's language at the line to change.

Each case breaks the kk template's der.yaml the way people do by hand and checks the line,
the mistake named (OQ102's variant) and that kk/ru/en messages name the key and never quote
PyYAML's English ("expected <block end>", "could not find expected ':'"…).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from oqu.diagnostics import LANGS, Diagnostics
from oqu.sources.yamlpos import load_yaml
from tests.cli import oqu

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = (ROOT / "src/oqu/scaffold/templates/kk/der.yaml").read_text("utf-8")


def line_of(text: str, start: str) -> int:
    return next(n for n, s in enumerate(text.splitlines(), 1) if s.startswith(start))


def broken(old: str, new: str) -> str:
    assert old in TEMPLATE
    return TEMPLATE.replace(old, new, 1)


# (id, the broken text, the line to change's start, variant, words every language must contain)
CASES = [
    ("tab", broken("    position: Лауазымы", "\tposition: Лауазымы"), "\tposition", "tab", []),
    (
        "no-space-after-colon",
        broken("faculty: Факультеттің", "faculty:Факультеттің"),
        "faculty:",
        "no_space",
        ["faculty:Факультеттің", "faculty: Факультеттің"],
    ),
    (
        "indented-too-far",
        broken("department: Кафедраның", "  department: Кафедраның"),
        "  department:",
        "indent_more",
        ["department", "faculty"],
    ),
    (
        "key-not-under-the-item",
        broken("    email: author@atu.edu.kz", "   email: author@atu.edu.kz"),
        "   email:",
        "indent_mismatch",
        ["email", "authors"],
    ),
    (
        "unclosed-quote",
        broken('  - "2-сұрақ: тақырыптың екінші сұрағы"', '  - "2-сұрақ: тақырыптың екінші сұрағы'),
        '  - "2-сұрақ',
        "unclosed_quote",
        ['"'],
    ),
    (
        "colon-inside-a-value",
        broken("title: ЦББР атауы", "title: Нан өндірісі: HACCP жоспары"),
        "title:",
        "colon_in_value",
        ["title", '"Нан өндірісі: HACCP жоспары"'],
    ),
    (
        "list-item-among-keys",
        broken("  - name: Авторның толық аты-жөні", "  name: Авторның толық аты-жөні")
        .replace("    position: Лауазымы", "  position: Лауазымы", 1)
        .replace("    degree: Ғылыми дәрежесі", "  - degree: Ғылыми дәрежесі", 1),
        "  - degree",
        "list_in_mapping",
        ["authors", "- name"],
    ),
    (
        "key-among-list-items",
        broken(
            "  - Силлабустағы тақырыптың атауы", "  - Силлабустағы тақырыптың атауы\n  hours: 2"
        ),
        "  hours",
        "mapping_in_list",
        ["hours", "syllabus_topics"],
    ),
    (
        "unclosed-bracket",
        broken(
            "keywords: [Кілт сөз 1, Кілт сөз 2, Кілт сөз 3]", "keywords: [Кілт сөз 1, Кілт сөз 2"
        ),
        "keywords:",
        "unclosed_bracket",
        ["keywords", "]"],
    ),
]

CASES += [
    (
        "quotes-inside-quotes",
        broken("title: ЦББР атауы", 'title: "Нан "өнімдері" технологиясы"'),
        "title:",
        "quote_inside",
        ["title", "«"],
    ),
    (
        "dash-without-space",
        broken("  - name: Авторның", "  -name: Авторның"),
        "  -name",
        "dash_no_space",
        ["-name"],
    ),
    (
        "value-starting-with-at",
        broken("contact: author@atu.edu.kz", "contact: @author"),
        "contact:",
        "bad_start",
        ["@"],
    ),
]

HOLE = re.compile(r"\{[a-z_]+\}")  # a field left unfilled
PYYAML_WORDS = ("expected", "found", "scanning", "<block", "mapping values", "token")


@pytest.mark.parametrize(
    ("text", "start", "variant", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
@pytest.mark.parametrize("lang", LANGS)
def test_yaml_mistake_is_told_in_the_lecturers_words(
    text: str, start: str, variant: str, words: list[str], lang: str
) -> None:
    diags = Diagnostics()
    value, _ = load_yaml(text, "der.yaml", diags)
    assert value is None
    [d] = list(diags)
    assert (d.code, d.variant) == ("OQ102", variant)
    assert d.location.line == line_of(text, start)
    message = d.message(lang)  # type: ignore[arg-type]
    hint = d.hint(lang)  # type: ignore[arg-type]
    assert str(d.location.line) in message
    assert hint and "{" not in message + hint.replace("{x", "")
    for w in words:
        assert w in message + " " + hint
    if lang != "en":
        assert not any(w in message for w in PYYAML_WORDS), message


def test_front_matter_lines_are_counted_in_the_message() -> None:
    diags = Diagnostics()
    load_yaml("title: a\n\tlanguage: kk\n", "01-lesson.md", diags, line_offset=1)
    [d] = list(diags)
    assert d.location.line == 3
    assert d.message("ru").startswith("В строке 3 отступ сделан табуляцией")


def test_cli_tells_a_broken_der_yaml_in_its_language(tmp_path: Path) -> None:
    """Detection must not fall back to English because the YAML it reads is the broken one."""
    from oqu.scaffold import create

    src = tmp_path / "der"
    create(src, "kk")
    der = src / "der.yaml"
    der.write_text(der.read_text("utf-8").replace("faculty: ", "faculty:", 1), "utf-8")
    out = oqu("build", str(src), "-o", str(tmp_path / "dist"))
    assert "OQ102 error: " in out.stderr
    assert "«:» белгісінен кейін бос орын жоқ: «faculty:Факультеттің" in out.stderr, out.stderr


def test_any_typo_is_told_without_a_traceback_or_a_hole() -> None:
    """Many random one-character mistakes: always a diagnostic, every field of it filled."""
    import random

    rng = random.Random(16)
    told = 0
    for _ in range(400):
        at = rng.randrange(len(TEMPLATE))
        typo = rng.choice(["\t", ":", '"', "'", "[", "{", "-", " ", "  ", "\n  ", ""])
        text = TEMPLATE[:at] + typo + TEMPLATE[at + rng.choice([0, 1]) :]
        diags = Diagnostics()
        load_yaml(text, "der.yaml", diags)
        for d in diags:
            if d.code != "OQ102":
                continue
            told += bool(d.variant)
            for lang in LANGS:
                assert not HOLE.search(d.message(lang) + d.hint(lang)), d.format(lang)
    assert told > 20
