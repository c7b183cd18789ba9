"""Structure kept on import (issue 16, item 10): org charts drawn with connectors, process
steps with their text, dashes inside statements, two-column slides, alt text."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import pytest
import yaml
from pptx import Presentation

from oqu.diagnostics import Diagnostics
from oqu.sources.der import load
from oqu.sources.pptx import import_pptx
from oqu.sources.pptx.compose import split_title_body
from tests.sources.pptx_decks import (
    TITLE,
    TITLE_AND_CONTENT,
    TITLE_ONLY,
    add_picture,
    bullets,
    chevron_process_slide,
    org_chart_slide,
    png,
    text_box,
)

TWO_CONTENT = 3


def deck(tmp: Path, build: object, title: str = "HACCP жүйесінің негіздері") -> Path:
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[TITLE]).shapes.title.text = title
    build(prs)  # type: ignore[operator]
    path = tmp / "d.pptx"
    prs.save(str(path))
    return path


def imported(tmp: Path, path: Path, **kw: bool) -> tuple[str, str]:
    out = tmp / "out"
    result = import_pptx(path, out, render_slides=kw.get("render", False), run_checker=False)
    assert result.build_errors == []
    return (out / "01-lesson.md").read_text("utf-8"), (out / "import-report.md").read_text("utf-8")


def test_org_chart_drawn_with_connectors_becomes_a_hierarchy(tmp_path: Path) -> None:
    md, report = imported(
        tmp_path, deck(tmp_path, lambda prs: org_chart_slide(prs, "HACCP тобының құрылымы"))
    )
    assert md == (
        "## HACCP тобының құрылымы\n\n"
        ":::hierarchy\n"
        "### Директор\nА.С. Әлиева\n\n"
        "#### Өндіріс бөлімі\n\n"
        "##### Технолог\n\n"
        "##### Оператор\n\n"
        "#### Сапа бөлімі\n\n"
        "##### Микробиолог\n"
        ":::\n"
    )
    assert "| 2 | HACCP тобының құрылымы | :::hierarchy (6 элемент, қосқыш сызықтары бойынша)" in (
        report
    )


def test_org_chart_that_is_not_a_tree_is_rendered_and_said(tmp_path: Path) -> None:
    md, report = imported(
        tmp_path, deck(tmp_path, lambda prs: org_chart_slide(prs, "Құрылым", loop=True))
    )
    assert ":::hierarchy" not in md
    assert "Директор" in md and "Микробиолог" in md  # the text stays
    assert "2-слайд: пішіндер мен қосқыш сызықтарынан ағаш құрылмады (a shape has two parents)" in (
        report
    )
    assert "OQ313 " in report  # not rendered here (rendering off): said too


def test_process_steps_keep_their_text(tmp_path: Path) -> None:
    steps = [
        (
            "Қауіптерді талдау",
            "Әр кезеңде биологиялық, химиялық және физикалық қауіптер анықталады.",
        ),
        ("Сыни нүктелер", "Қауіпті болдырмауға болатын кезеңдер белгіленеді."),
    ]

    def build(prs: object) -> None:
        chevron_process_slide(prs, "Процесс: HACCP кезеңдері", steps)
        s = prs.slides.add_slide(prs.slide_layouts[TITLE_AND_CONTENT])  # type: ignore[attr-defined]
        s.shapes.title.text = "Процесс: қолды жуу"
        body = s.placeholders[1].text_frame
        body.text = "1. Суламау\vҚолды жылы сумен сулаңыз."  # Shift+Enter inside the step
        p = body.add_paragraph()
        p.text = "2. Сабындау"
        p = body.add_paragraph()
        p.text = "Сабынды 20 секунд бойы ысқылаңыз."  # a plain line under the step
        p = body.add_paragraph()
        p.text = "3. Шаю"

    md, _ = imported(tmp_path, deck(tmp_path, build))
    first, second = md.split("\n## ")
    assert (
        ":::process\n\n### Қауіптерді талдау\n"
        "Әр кезеңде биологиялық, химиялық және физикалық қауіптер анықталады.\n\n"
        "### Сыни нүктелер\nҚауіпті болдырмауға болатын кезеңдер белгіленеді.\n:::"
    ) in first
    assert "### Суламау\nҚолды жылы сумен сулаңыз.\n" in second
    assert "### Сабындау\n-  Сабынды 20 секунд бойы ысқылаңыз.\n" in second
    assert "### Шаю\n:::" in second


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("От 5 до 60 °C — опасная зона", None),
        ("СБН — сыни бақылау нүктесі", None),
        ("Ниже 5 °C – холодильник", None),
        ("Пастеризация: нагрев до 72 °C", ("Пастеризация", "нагрев до 72 °C")),
        (
            "Пастеризация — нагрев продукта до 72 °C на 15 секунд для уничтожения бактерий",
            ("Пастеризация", "нагрев продукта до 72 °C на 15 секунд для уничтожения бактерий"),
        ),
        ("Шаг 2 - мойте руки", None),
    ],
)
def test_a_dash_splits_title_and_body_only_before_a_sentence(
    text: str, split: tuple[str, str] | None
) -> None:
    assert split_title_body(text) == split


def test_a_statement_with_a_dash_stays_whole(tmp_path: Path) -> None:
    def build(prs: object) -> None:
        s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])  # type: ignore[attr-defined]
        s.shapes.title.text = "Вкладки: температура хранения"
        for i, line in enumerate(
            [
                "От 5 до 60 °C — опасная зона",
                "Ниже 5 °C — холодильник",
                "Пастеризация — нагрев продукта до 72 °C на 15 секунд для уничтожения бактерий",
            ]
        ):
            text_box(s, 0.5 + 3.1 * i, 1.8, 2.9, 1.2, [(line, False)])

    md, _ = imported(tmp_path, deck(tmp_path, build))
    assert "### От 5 до 60 °C — опасная зона\n" in md
    assert "### Ниже 5 °C — холодильник\n" in md
    assert "### Пастеризация\nнагрев продукта до 72 °C на 15 секунд" in md


def test_two_content_slide_becomes_two_columns(tmp_path: Path) -> None:
    def build(prs: object) -> None:
        s = prs.slides.add_slide(prs.slide_layouts[TWO_CONTENT])  # type: ignore[attr-defined]
        s.shapes.title.text = "Қолды жуу"
        bullets(s.placeholders[1], [("Жылы су", 0), ("Сабын, 20 секунд", 0), ("Құрғақ сүлгі", 0)])
        right = s.placeholders[2]
        pic = s.shapes.add_picture(io.BytesIO(png()), right.left, right.top, width=right.width)
        pic._element.xpath("./*[1]/p:cNvPr")[0].set("descr", "Қол жуатын раковина")
        right._element.getparent().remove(right._element)

    md, report = imported(tmp_path, deck(tmp_path, build))
    assert md == (
        "## Қолды жуу\n\n"
        ":::columns\n-  Жылы су\n-  Сабын, 20 секунд\n-  Құрғақ сүлгі\n"
        "+++\n![Қол жуатын раковина](media/slide-02-1.png)\n:::\n"
    )
    assert "| 2 | Қолды жуу | мәтін; екі баған (:::columns): мәтін мен сурет қатар + сурет |" in (
        report
    )


def test_text_box_beside_a_picture_keeps_the_decks_order(tmp_path: Path) -> None:
    def build(prs: object) -> None:
        for n, (text_at, pic_at) in enumerate(((0.5, 5.2), (5.2, 0.5)), 2):
            s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])  # type: ignore[attr-defined]
            s.shapes.title.text = f"Pasteurisation {n}"
            text_box(s, 0.5, 1.4, 9, 0.5, [("Heat kills the bacteria.", False)])  # above both
            text_box(
                s, text_at, 2.2, 4.3, 2.5, [("72 °C for 15 seconds", True), ("Then cool", False)]
            )
            add_picture(s, png(colour=(n * 60, 90, 90)), pic_at, 2.0, 4.3, "A plate pasteuriser")
            text_box(s, 0.5, 6.6, 9, 0.5, [("Source: the plant's HACCP plan.", False)])  # below
        s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])  # type: ignore[attr-defined]
        s.shapes.title.text = "A label on the picture"
        add_picture(s, png(), 0.5, 1.5, 6, "The line")
        text_box(s, 4.5, 2.0, 4.5, 1.0, [("Over the picture's corner", False)])

    md, report = imported(tmp_path, deck(tmp_path, build, "Pasteurisation"))
    text = "**72 °C for 15 seconds**\n\nThen cool"
    picture = "![A plate pasteuriser](media/slide-{n:02d}-1.png)"
    for n, (left, right) in ((2, (text, picture)), (3, (picture, text))):
        slide = md.split(f"## Pasteurisation {n}\n\n")[1].split("\n## ")[0]
        assert slide.startswith(
            "Heat kills the bacteria.\n\n"
            f":::columns\n{left.format(n=n)}\n+++\n{right.format(n=n)}\n:::\n\n"
            "Source: the plant's HACCP plan.\n"
        ), slide
    assert ":::columns" not in md.split("## A label on the picture")[1]  # a label, not a column
    assert "two columns (:::columns)" in report


def test_alt_text_is_the_description_or_title_never_the_file_name(tmp_path: Path) -> None:
    def build(prs: object) -> None:
        s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])  # type: ignore[attr-defined]
        s.shapes.title.text = "Pictures"
        text_box(s, 0.5, 1.4, 9, 0.8, [("Hand washing at the plant.", False)])
        a = add_picture(s, png(), 0.5, 2.5, 4, "handwash.jpg")  # what PowerPoint writes
        a._element.xpath("./*[1]/p:cNvPr")[0].set("title", "Hands under running water")
        add_picture(s, png(colour=(10, 200, 10)), 5.0, 2.5, 4, "C:\\Photos\\sink.JPG")
        add_picture(s, png(colour=(200, 10, 10)), 5.0, 5.0, 2, "A soap dispenser on the wall")

    path = deck(tmp_path, build, "Hygiene at the plant")
    out = tmp_path / "out"
    import_pptx(path, out, render_slides=False, run_checker=True)
    md = (out / "01-lesson.md").read_text("utf-8")
    report = (out / "import-report.md").read_text("utf-8")
    assert "![Hands under running water](media/slide-02-1.png)" in md
    assert "![](media/slide-02-2.png)" in md  # missing, not invented
    assert "![A soap dispenser on the wall](media/slide-02-3.png)" in md
    assert "jpg" not in md.casefold() and "sink" not in md
    assert "OQ311 Slide 2: the image has no alt text: media/slide-02-2.png" in report
    assert "- 7.5/alt warning: Image 'media/slide-02-2.png' has no alternative text" in report
    meta = yaml.safe_load((out / "der.yaml").read_text("utf-8"))
    diags = Diagnostics()
    assert load(out, diags) is not None and meta["title"]


def test_steps_joined_by_arrows_are_not_an_org_chart(tmp_path: Path) -> None:
    from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
    from pptx.util import Inches

    def build(prs: object) -> None:
        s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])  # type: ignore[attr-defined]
        s.shapes.title.text = "Процесс: қолды жуу"
        boxes = []
        for i, text in enumerate(["Сулау", "Сабындау", "Шаю", "Кептіру", "Тексеру"]):
            b = s.shapes.add_shape(
                MSO_SHAPE.RECTANGLE, Inches(0.3 + 1.9 * i), Inches(3), Inches(1.5), Inches(1)
            )
            b.text_frame.text = text
            boxes.append(b)
        for a, b in itertools.pairwise(boxes):
            c = s.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, 0, 0, 0, 0)
            c.begin_connect(a, 3)
            c.end_connect(b, 1)

    md, report = imported(tmp_path, deck(tmp_path, build))
    assert ":::process" in md and ":::hierarchy" not in md
    assert "### Сулау\n\n### Сабындау" in md
    assert "ағаш құрылмады" not in report and "OQ313" not in report


def test_a_grid_of_like_items_is_not_paired_as_titles_and_texts(tmp_path: Path) -> None:
    def build(prs: object) -> None:
        s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])  # type: ignore[attr-defined]
        s.shapes.title.text = "Вкладки: қауіптер"
        for i, label in enumerate(["Биологиялық", "Химиялық", "Физикалық", "Аллергендер"]):
            text_box(s, 0.5 + 4.5 * (i % 2), 1.8 + 2.0 * (i // 2), 4.0, 1.0, [(label, False)])

    md, _ = imported(tmp_path, deck(tmp_path, build))
    assert md.count("\n### ") == 4
