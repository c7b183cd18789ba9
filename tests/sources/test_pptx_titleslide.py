"""The title slide's author line: names in Kazakh, Russian and English forms (issue 16, item 9).

Each case is a title slide's lines, as lecturers write them, and the author's name, position,
degree and academic title expected from them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pptx import Presentation

from oqu.sources.pptx import import_pptx
from oqu.sources.pptx.reader import Box, SlideData, TextShape
from oqu.sources.pptx.text import Para, esc
from oqu.sources.pptx.titleslide import TitleFields, read_title_slide
from tests.sources.pptx_decks import TITLE, TITLE_ONLY, text_box


def fields(*lines: str) -> TitleFields:
    paras = [Para(esc(x), x, 0, "none", False, []) for x in lines]
    slide = SlideData(1, "HACCP жүйесінің негіздері", "HACCP жүйесінің негіздері")
    slide.texts.append(TextShape(paras, Box(0, 0, 100, 100), placeholder="subtitle"))
    return read_title_slide(slide)


NO = None
CASES: list[tuple[list[str], tuple[str | None, str | None, str | None, str | None]]] = [
    # the line of issue 16: a Russian-form name before the position, separated by a dash
    (["Әлиева Айгүл Сериковна – аға оқытушы, т.ғ.к."], ("Әлиева Айгүл Сериковна", "аға оқытушы", "т.ғ.к.", NO)),
    (["Әлиева Айгүл Серікқызы — аға оқытушы, т.ғ.к."], ("Әлиева Айгүл Серікқызы", "аға оқытушы", "т.ғ.к.", NO)),
    (["Сейтқали Нұрлан Бекұлы - профессор, т.ғ.д."], ("Сейтқали Нұрлан Бекұлы", "профессор", "т.ғ.д.", NO)),
    (["Әлиева А.С. – аға оқытушы"], ("Әлиева А.С.", "аға оқытушы", NO, NO)),
    (["А.С. Әлиева, т.ғ.к., доцент"], ("А.С. Әлиева", "доцент", "т.ғ.к.", NO)),
    (["А. С. Әлиева"], ("А. С. Әлиева", NO, NO, NO)),
    (["аға оқытушы, т.ғ.к. Әлиева А.С."], ("Әлиева А.С.", "аға оқытушы", "т.ғ.к.", NO)),
    (["т.ғ.к., қауымдастырылған профессор – Жұмабекова Гүлнар Маратқызы"], ("Жұмабекова Гүлнар Маратқызы", "қауымдастырылған профессор", "т.ғ.к.", NO)),
    (["Тамақ өнімдерінің технологиясы кафедрасы", "кафедраның аға оқытушысы Әлиева А.С."], ("Әлиева А.С.", "аға оқытушы", NO, NO)),
    (["ӘЛИЕВА Айгүл Серікқызы", "аға оқытушы, т.ғ.к."], ("ӘЛИЕВА Айгүл Серікқызы", "аға оқытушы", "т.ғ.к.", NO)),
    (["Дайындаған: аға оқытушы Қасымов Ерлан Болатұлы"], ("Қасымов Ерлан Болатұлы", "аға оқытушы", NO, NO)),
    (["Иванова Мария Петровна – ст. преподаватель, к.т.н."], ("Иванова Мария Петровна", "ст. преподаватель", "к.т.н.", NO)),
    (["Петров Сергей Николаевич, к.х.н., доцент"], ("Петров Сергей Николаевич", "доцент", "к.х.н.", NO)),
    (["старший преподаватель Иванов И.И."], ("Иванов И.И.", "старший преподаватель", NO, NO)),
    (["Составитель: к.т.н., доцент Ким Е.В."], ("Ким Е.В.", "доцент", "к.т.н.", NO)),
    (["Заведующий кафедрой – Ахметова Динара Ерлановна, д.т.н., профессор"], ("Ахметова Динара Ерлановна", "заведующий кафедрой", "д.т.н.", "профессор")),
    (["Смагулова-Ким Ольга Игоревна", "преподаватель"], ("Смагулова-Ким Ольга Игоревна", "преподаватель", NO, NO)),
    (["Кузьмина Анна Ильинична — ассистент"], ("Кузьмина Анна Ильинична", "ассистент", NO, NO)),
    (["Dana Sultanova – senior lecturer, PhD"], ("Dana Sultanova", "senior lecturer", "PhD", NO)),
    (["Dr Aigul Alieva, associate professor"], ("Aigul Alieva", "associate professor", NO, NO)),
    (["Sultanova D., lecturer, MSc"], ("Sultanova D.", "lecturer", "MSc", NO)),
    (["Lecturer: A. Alieva"], ("A. Alieva", NO, NO, NO)),
]  # fmt: skip


@pytest.mark.parametrize(("lines", "expected"), CASES, ids=[c[0][-1][:40] for c in CASES])
def test_author_line(lines: list[str], expected: tuple[str | None, ...]) -> None:
    f = fields("Алматы технологиялық университеті", *lines, "a.alieva@atu.edu.kz")
    got = (f.name, f.position.casefold() if f.position else None, f.degree, f.academic_title)
    assert got == expected
    assert f.university == "Алматы технологиялық университеті"


@pytest.mark.parametrize(
    "line",
    [
        "М. Әуезов атындағы Оңтүстік Қазақстан университеті",
        "Л.Н. Гумилев атындағы Еуразия ұлттық университеті",
        "С. Сейфуллин атындағы Қазақ агротехникалық зерттеу университеті",
    ],
)
def test_a_university_named_after_a_person_is_not_the_author(line: str) -> None:
    f = fields(line, "Әлиева Айгүл Серікқызы", "аға оқытушы")
    assert f.university == line
    assert f.name == "Әлиева Айгүл Серікқызы"


def test_a_patronymic_beats_two_capitalised_words() -> None:
    """«Food Safety» has the shape of a name; «Иванова Мария Петровна» is surely one."""
    f = fields("Food Safety", "Иванова Мария Петровна", "доцент")
    assert f.name == "Иванова Мария Петровна"


def test_russian_form_name_reaches_der_yaml(tmp_path: Path) -> None:
    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[TITLE])
    s.shapes.title.text = "HACCP жүйесінің негіздері"
    sub = s.placeholders[1].text_frame
    sub.text = "Тамақ өнімдерінің технологиясы және қауіпсіздігі кафедрасы"
    sub.add_paragraph().text = "Пән: Тағам қауіпсіздігі"
    sub.add_paragraph().text = "Әлиева Айгүл Сериковна – аға оқытушы, т.ғ.к."
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    s.shapes.title.text = "Қауіптер"
    text_box(s, 1, 1.5, 8, 2, [("Биологиялық, химиялық және физикалық қауіптер.", False)])
    prs.save(str(tmp_path / "d.pptx"))
    import_pptx(tmp_path / "d.pptx", tmp_path / "out", render_slides=False, run_checker=False)
    meta = yaml.safe_load((tmp_path / "out/der.yaml").read_text("utf-8"))
    assert meta["authors"] == [
        {"name": "Әлиева Айгүл Сериковна", "position": "аға оқытушы", "degree": "т.ғ.к."}
    ]


def test_a_title_about_a_person_is_still_the_title() -> None:
    """Without a title placeholder the first unclaimed line is the title, even if it names
    someone by initials; a line that is only a name is not."""
    paras = [
        Para(esc(x), x, 0, "none", False, [])
        for x in ["Ш. Уәлиханов шығармашылығы", "Әлиева А.С.", "аға оқытушы"]
    ]
    slide = SlideData(1, "", "")
    slide.texts.append(TextShape(paras, Box(0, 0, 100, 100)))
    f = read_title_slide(slide)
    assert f.title == "Ш. Уәлиханов шығармашылығы"
    assert f.name == "Әлиева А.С."
