"""Source in → diagnostics out: each case is a broken source and the codes and lines it must get."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from oqu.diagnostics import Diagnostics, SourceUnreadable
from oqu.sources.der import load

FRONT = """\
---
title: Тест
type: interactive-presentation
language: kk
department: Кафедра
discipline: Пән
date: 2026-09-01
authors: [{name: Әлиева Айгүл}]
glossary:
  - term: HACCP
    definition: Қауіптерді талдау жүйесі.
---
"""
FRONT_LINES = FRONT.count("\n")


def write(tmp_path: Path, body: str, front: str = FRONT, name: str = "lesson.md") -> Path:
    p = tmp_path / name
    p.write_text(front + textwrap.dedent(body), encoding="utf-8")
    return p


def run(path: Path) -> tuple[Diagnostics, object]:
    diags = Diagnostics()
    r = load(path, diags)
    return diags, r


def found(diags: Diagnostics) -> list[tuple[str, int]]:
    return [(d.code, d.location.line) for d in diags]


BODY_OK = """
## Кіріспе

HACCP туралы мәтін.
"""


def test_valid_source_loads_without_diagnostics(tmp_path: Path) -> None:
    diags, r = run(write(tmp_path, BODY_OK))
    assert found(diags) == []
    assert r is not None


# (case id, front matter, body, expected (code, line) pairs — lines are 1-based in the file)
FRONT_CASES = [
    (
        "yaml-syntax",
        FRONT.replace("department: Кафедра", "department: [Кафедра"),
        [("OQ102", 5)],  # the line that opens '[', not the one where PyYAML gave up
    ),
    (
        "unknown-field",
        FRONT.replace("date: 2026-09-01", "date: 2026-09-01\ndicsipline: x"),
        [("OQ103", 8)],
    ),
    (
        "missing-required",
        FRONT.replace("discipline: Пән\n", ""),
        [("OQ104", 2)],
    ),
    (
        "bad-type-enum",
        FRONT.replace("type: interactive-presentation", "type: slideshow"),
        [("OQ105", 3)],
    ),
    (
        "bad-date",
        FRONT.replace("date: 2026-09-01", "date: first of September"),
        [("OQ105", 7)],
    ),
    (
        "bad-email",
        FRONT.replace("{name: Әлиева Айгүл}", "{name: Әлиева Айгүл, email: not-an-email}"),
        [("OQ105", 8)],
    ),
    (
        "no-authors",
        FRONT.replace("authors: [{name: Әлиева Айгүл}]", "authors: []"),
        [("OQ105", 8)],
    ),
    (
        "duplicate-key",
        FRONT.replace("language: kk", "language: kk\nlanguage: ru"),
        [("OQ102", 5)],
    ),
]


@pytest.mark.parametrize(
    ("front", "expected"), [c[1:] for c in FRONT_CASES], ids=[c[0] for c in FRONT_CASES]
)
def test_metadata_mistakes(tmp_path: Path, front: str, expected: list[tuple[str, int]]) -> None:
    diags, r = run(write(tmp_path, BODY_OK, front=front))
    assert r is None
    assert found(diags) == expected


L = FRONT_LINES  # body line n is file line L + n
BODY_CASES = [
    ("unknown-block", "\n## A\n\n:::slideshow\n### x\n:::\n", [("OQ110", L + 4)]),
    ("content-before-slide", "\nЖетім мәтін.\n\n## A\ntext\n", [("OQ116", L + 2)]),
    ("interaction-without-items", "\n## A\n\n:::tabs\nТек кіріспе.\n:::\n", [("OQ111", L + 4)]),
    ("unknown-option", "\n## A\n\n:::tabs {speed=3}\n### a\nb\n:::\n", [("OQ112", L + 4)]),
    ("hotspots-no-image", "\n## A\n\n:::hotspots\n{x=1 y=2}\n### a\nb\n:::\n", [("OQ111", L + 4)]),
    (
        "marker-without-position",
        "\n## A\n\n:::map\n![m](m.svg)\n\n### a\nb\n:::\n",
        [("OQ111", L + 7)],
    ),
    ("video-without-src", "\n## A\n\n:::video\nМәтін.\n:::\n", [("OQ111", L + 4)]),
    (
        "several-captions-one-without-its-language",
        '\n## A\n\n:::video {src=v.mp4 captions="v.kk.vtt v.vtt"}\nМәтін.\n:::\n',
        [("OQ111", L + 4)],
    ),
    ("broken-internal-link", "\n## A\n\n[қараңыз](#nowhere)\n", [("OQ113", L + 4)]),
    ("duplicate-id", "\n{#a}\n## A\nx\n\n{#a}\n## B\ny\n", [("OQ114", L + 7)]),
    ("bad-latex", "\n## A\n\n$$\n\\frac{a}{\n$$\n", [("OQ118", L + 4)]),
    ("no-slides", "\n", [("OQ119", 1)]),
    ("quiz-without-questions", "\n## T\n\n:::quiz\nМәтін.\n:::\n", [("OQ127", L + 4)]),
    (
        "no-correct-answer",
        "\n## T\n\n:::quiz\n### 2+2?\n- [ ] 3\n- [ ] 5\n:::\n",
        [("OQ120", L + 5)],
    ),
    (
        "duplicate-options",
        "\n## T\n\n:::quiz\n### 2+2?\n- [x] 4\n- [ ] 5\n- [ ] 5\n:::\n",
        [("OQ121", L + 8)],
    ),
    (
        "matching-empty-side",
        "\n## T\n\n:::quiz\n{type=matching}\n### Сәйкестендір\n- a -> b\n- c ->\n:::\n",
        [("OQ122", L + 6), ("OQ122", L + 8)],
    ),
    (
        "negative-tolerance",
        "\n## T\n\n:::quiz\n{type=numeric}\n### t?\n- 72 ± -2\n:::\n",
        [("OQ123", L + 7)],
    ),
    (
        "formula-fails",
        "\n## T\n\n:::quiz\n{type=calculated}\n### {a}/{b}?\n- a = 1..5\n- b = 0..3\n- = a / b ± 1%\n:::\n",
        [("OQ124", L + 9)],
    ),
    (
        "formula-unknown-name",
        "\n## T\n\n:::quiz\n{type=calculated}\n### {a}?\n- a = 1..5\n- = a * c\n:::\n",
        [("OQ124", L + 8)],
    ),
    (
        "pool-larger-than-bank",
        "\n## T\n\n:::quiz {draw=3}\n### 2+2?\n- [x] 4\n- [ ] 5\n:::\n",
        [("OQ125", L + 4)],
    ),
    (
        "unknown-question-type",
        "\n## T\n\n:::quiz\n{type=poll}\n### a?\n- x\n:::\n",
        [("OQ126", L + 6)],
    ),
    (
        "truefalse-without-answer",
        "\n## T\n\n:::quiz\n{type=truefalse}\n### a?\n:::\n",
        [("OQ120", L + 6)],
    ),
]


@pytest.mark.parametrize(
    ("body", "expected"), [c[1:] for c in BODY_CASES], ids=[c[0] for c in BODY_CASES]
)
def test_body_mistakes(tmp_path: Path, body: str, expected: list[tuple[str, int]]) -> None:
    diags, r = run(write(tmp_path, body))
    assert r is None
    assert found(diags) == sorted(expected, key=lambda x: x[1])


def test_all_mistakes_reported_at_once(tmp_path: Path) -> None:
    front = FRONT.replace("discipline: Пән\n", "").replace("date: 2026-09-01", "date: x")
    body = "\n## A\n\n:::slideshow\n:::\n\n[x](#nowhere)\n"
    diags, _ = run(write(tmp_path, body, front=front))
    assert sorted(d.code for d in diags) == ["OQ104", "OQ105", "OQ110"]


def test_messages_in_three_languages(tmp_path: Path) -> None:
    diags, _ = run(write(tmp_path, "\n## A\n\n:::slideshow\n:::\n"))
    (d,) = list(diags)
    assert "Белгісіз блок түрі" in d.format("kk")
    assert "Неизвестный тип блока" in d.format("ru")
    assert "Unknown block kind" in d.format("en")
    assert f"lesson.md:{L + 4}:1: OQ110 error" in d.format("en")
    assert "hint:" in d.format("en") and "кеңес:" in d.format("kk")


def test_not_utf8(tmp_path: Path) -> None:
    p = tmp_path / "lesson.md"
    p.write_bytes(FRONT.encode() + "\n## Слайд\n".encode("cp1251"))
    diags, r = run(p)
    assert r is None
    assert found(diags) == [("OQ101", L + 2)]


def test_no_front_matter(tmp_path: Path) -> None:
    p = tmp_path / "lesson.md"
    p.write_text("## Slide\ntext\n", encoding="utf-8")
    diags, _ = run(p)
    assert found(diags) == [("OQ104", 1)]


def test_missing_source_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(SourceUnreadable):
        load(tmp_path / "nope", Diagnostics())
    with pytest.raises(SourceUnreadable):  # a folder without der.yaml
        load(tmp_path, Diagnostics())


def folder(tmp_path: Path, modules: str, files: dict[str, str]) -> Path:
    meta = FRONT.strip("-\n").strip() + "\n" + modules
    (tmp_path / "der.yaml").write_text(meta, encoding="utf-8")
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_folder_module_problems(tmp_path: Path) -> None:
    (tmp_path.parent / "outside.md").write_text("## x\n", encoding="utf-8")
    (tmp_path / "link.md").symlink_to(tmp_path.parent / "outside.md")
    src = folder(
        tmp_path,
        "modules:\n  - file: 01.md\n  - file: missing.md\n  - file: ../outside.md\n  - file: link.md\n"
        "  - file: /etc/passwd\n  - file: empty.md\n",
        {"01.md": "# Unit\n## Slide\ntext\n", "empty.md": "# Only a unit title\n"},
    )
    diags, r = run(src)
    assert r is None
    codes = found(diags)
    assert ("OQ115", 13) in codes
    assert ("OQ106", 14) in codes and ("OQ106", 15) in codes and ("OQ106", 16) in codes
    assert ("OQ132", 1) in codes


def test_folder_structure(tmp_path: Path) -> None:
    src = folder(
        tmp_path,
        "modules:\n  - {file: a.md, title: Бірінші}\n  - {file: b.md, title: Екінші}\n",
        {
            "a.md": "{audience=evening}\n# Бөлім 1\n\nКіріспе мәтін.\n\n## Слайд 1\nмәтін\n",
            "b.md": "## Слайд 2\nHACCP жүйесі, HACCP тағы.\n",
        },
    )
    diags, r = run(src)
    assert found(diags) == []
    assert r is not None
    units = list(r.units())  # type: ignore[attr-defined]
    assert [u.title for u in units] == ["Бөлім 1", "Екінші"]
    assert units[0].tags == {"audience": ["evening"]}
    # the text before the first slide of a unit becomes its opening slide
    assert [s.title for s in units[0].slides] == ["Бөлім 1", "Слайд 1"]
    titles = [s.title for s in r.slides()]  # type: ignore[attr-defined]
    assert titles[:2] == ["Тест", "Мазмұны"]  # generated title and contents slides
    html = units[1].slides[0].blocks[0].html
    assert html.count('class="oqu-term"') == 1  # linked once per slide


def test_raw_html_is_inert(tmp_path: Path) -> None:
    body = "\n## A\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n"
    _, r = run(write(tmp_path, body))
    assert r is not None
    html = "".join(b.html for b in r.slides()[2].blocks)  # type: ignore[attr-defined]
    assert "<script" not in html and "<img" not in html
    assert 'href="javascript' not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("literal", ["1_000", "0x10", "2j"])
def test_formula_numbers_are_plain_decimals(tmp_path: Path, literal: str) -> None:
    """The player's JS parser reads only plain numbers; the build refuses the rest (OQ124)."""
    body = (
        f"\n## T\n\n:::quiz\n{{type=calculated}}\n### {{a}}?\n- a = 1..5\n- = a * {literal}\n:::\n"
    )
    diags, _ = run(write(tmp_path, body))
    assert found(diags) == [("OQ124", L + 8)]


def test_folder_module_mistakes_reported_with_metadata_mistakes(tmp_path: Path) -> None:
    src = folder(
        tmp_path,
        "modules:\n  - file: 01.md\n",
        {"01.md": "# Unit\n## Slide\n\n:::slideshow\n:::\n"},
    )
    meta = (
        (src / "der.yaml").read_text("utf-8").replace("type: interactive-presentation", "type: x")
    )
    (src / "der.yaml").write_text(meta, encoding="utf-8")
    diags, r = run(src)
    assert r is None
    assert sorted(d.code for d in diags) == ["OQ105", "OQ110"]


def test_caption_languages(tmp_path: Path) -> None:
    from oqu.model.content import Interaction

    def tracks(attrs: str) -> list[tuple[str, str]]:
        body = f"\n## A\n\n:::video {{src=v.mp4 {attrs}}}\nМәтін.\n:::\n"
        _diags, res = run(write(tmp_path, body))
        video = next(b for b in res.interactions() if isinstance(b, Interaction))  # type: ignore[attr-defined]
        return [(t.src, t.lang) for t in video.tracks]

    # one file: captions-lang, else the name's language, else the resource's
    assert tracks("captions=v.en.vtt captions-lang=ru") == [("v.en.vtt", "ru")]
    assert tracks("captions=v.en.vtt") == [("v.en.vtt", "en")]
    assert tracks("captions=v.vtt") == [("v.vtt", "kk")]
    # several: each its own
    assert tracks('captions="v.kk.vtt v.ru.vtt v.en.vtt"') == [
        ("v.kk.vtt", "kk"), ("v.ru.vtt", "ru"), ("v.en.vtt", "en"),
    ]  # fmt: skip


# --- YAML anchors and aliases (issue 12, item 2) ------------------------------------------------


def _alias_bomb(levels: int = 7) -> str:
    """The issue's front matter: each level a list of nine aliases to the one before."""
    lines = ['lol0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, levels):
        lines.append(f"lol{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_at_once_with_its_line(tmp_path: Path) -> None:
    import time
    import tracemalloc

    from oqu.check import check

    bomb = _alias_bomb(7)
    assert len(bomb.encode()) < 700  # 9**7 = 4.8 million "lol" once expanded
    path = write(
        tmp_path, BODY_OK, front=FRONT.replace("discipline: Пән\n", "discipline: Пән\n" + bomb)
    )
    tracemalloc.start()
    start = time.process_time()
    report = check(path)
    elapsed = time.process_time() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert elapsed < 1.0 and peak < 20_000_000  # was 65 s and 1.57 GB
    assert report.verdict == "fail"
    assert [(d.code, d.location.line, d.location.column) for d in report.findings] == [
        ("OQ128", 7, 7)
    ]
    assert "&a0" in report.findings[0].message("en")
    assert "якоря" in report.findings[0].message("ru").lower()


@pytest.mark.parametrize(
    ("yaml_text", "line"),
    [
        ("authors:\n  - &me {name: Әлиева Айгүл}\nreviewers: [*me]\n", 2),  # a harmless anchor
        ("keywords: [a]\ntags: *nothing\n", 2),  # an alias alone (undefined: still refused first)
    ],
    ids=["anchor", "alias"],
)
def test_any_anchor_or_alias_in_der_yaml_is_refused(
    tmp_path: Path, yaml_text: str, line: int
) -> None:
    src = tmp_path / "der"
    src.mkdir()
    (src / "der.yaml").write_text(yaml_text, encoding="utf-8")
    diags, r = run(src)
    assert r is None
    assert found(diags) == [("OQ128", line)]


def test_language_guess_does_not_expand_aliases(tmp_path: Path) -> None:
    from oqu.sources.der import detect_language

    path = write(tmp_path, BODY_OK, front=FRONT.replace("discipline: Пән\n", _alias_bomb(9)))
    # refused by the YAML guard; the fallback reads the `language:` line and expands nothing
    assert detect_language(path) == "kk"


def test_the_player_stage_is_validated_with_the_allowed_values(tmp_path: Path) -> None:
    """Issue 17: `player: {stage: …}` takes 16:9, 4:3 or none; anything else is OQ105 at its
    line naming the allowed values, in three languages; a typo in the key is OQ103."""
    front = FRONT.replace("date: 2026-09-01", "date: 2026-09-01\nplayer: {stage: 16x9}")
    diags, r = run(write(tmp_path, BODY_OK, front=front))
    assert r is None and found(diags) == [("OQ105", 8)]
    d = next(iter(diags))
    assert "'16:9', '4:3', 'none'" in d.message("en") and "player.stage" in d.message("en")
    assert "допустимые значения" in d.message("ru") and "мүмкін мәндер" in d.message("kk")
    front = FRONT.replace("date: 2026-09-01", "date: 2026-09-01\nplayer: {stag: 4:3}")
    diags, _ = run(write(tmp_path, BODY_OK, front=front))
    assert found(diags) == [("OQ103", 8)]
    for value, stage in (("4:3", "4:3"), ("none", "none"), ("", "16:9")):
        extra = f'\nplayer: {{stage: "{value}"}}' if value else ""
        front = FRONT.replace("date: 2026-09-01", "date: 2026-09-01" + extra)
        diags, r = run(write(tmp_path, BODY_OK, front=front))
        assert found(diags) == [] and r is not None
        assert r.meta.stage == stage  # an interactive presentation: 16:9 unless told
