"""10.1.3 — slides with interactivity made with software; each element has text and media.

Form 02 asks for seven interactive elements (process, animation, hierarchy, catalogue, tabs,
map, video), each with a text description and an image or multimedia.
"""

from __future__ import annotations

from collections.abc import Iterator

from oqu.diagnostics import Diagnostic
from oqu.model.subject import Subject, known
from oqu.rules.base import finding, msg, t

ID = "10.1.3"
SEVERITY = "error"
NEEDS = ("slides", "interactions")
FORM02_ELEMENTS = 7
TITLE = t("Интерактивті элементтер", "Интерактивные элементы", "Interactive elements")
MESSAGES = {
    "": msg(
        "error",
        t("Ресурста бағдарламалық жасалған бірде-бір интерактивті элемент жоқ",
          "В ресурсе нет ни одного интерактивного элемента, сделанного программно",
          "The DER has no interactive element made with software"),
        t("«:::process», «:::tabs», «:::map» т.б. блоктарын қосыңыз (docs/format.md).",
          "Добавьте блоки «:::process», «:::tabs», «:::map» и др. (docs/format.md).",
          "Add ':::process', ':::tabs', ':::map' … blocks (docs/format.md)."),
    ),
    "slide": msg(
        "warning",
        t("«{title}» слайдында интерактивті элемент жоқ",
          "На слайде «{title}» нет интерактивного элемента",
          "Slide '{title}' has no interactive element"),
        t("Слайдқа интерактивті элемент қосыңыз немесе оны көрші слайдпен біріктіріңіз.",
          "Добавьте интерактивный элемент или объедините слайд с соседним.",
          "Add an interactive element, or merge the slide with its neighbour."),
    ),
    "text": msg(
        "error",
        t("«{title}» ({kind}) элементінде мәтіндік сипаттама жоқ",
          "У элемента «{title}» ({kind}) нет текстового описания",
          "The element '{title}' ({kind}) has no text description"),
        t("Элементтің басына немесе бөліктеріне түсіндірме мәтін жазыңыз.",
          "Добавьте поясняющий текст в начало элемента или в его части.",
          "Write an explanatory text before the element's items or inside them."),
    ),
    "visual": msg(
        "error",
        t("«{title}» ({kind}) элементінде сурет, бейне немесе аудио жоқ",
          "У элемента «{title}» ({kind}) нет изображения, видео или аудио",
          "The element '{title}' ({kind}) has no image, video or audio"),
        t("Элементке сурет (![сипаттама](media/…)) немесе медиафайл қосыңыз.",
          "Добавьте в элемент изображение (![описание](media/…)) или медиафайл.",
          "Add an image (![description](media/…)) or a media file to the element."),
    ),
    "seven": msg(
        "warning",
        t("Интерактивті элементтер саны {count}; Ү.ЖИЦДО-7.5.1-2025-03-02 үлгісі {min} сұрайды",
          "Интерактивных элементов {count}; форма 02 требует {min}",
          "There are {count} interactive elements; form 02 asks for {min}"),
        t("Процесс, анимация, иерархия, каталог, қойындылар, карта, бейне элементтерін қосыңыз.",
          "Добавьте процесс, анимацию, иерархию, каталог, вкладки, карту, видео.",
          "Add process, animation, hierarchy, catalogue, tabs, map and video elements."),
    ),
}  # fmt: skip


def check(subject: Subject) -> Iterator[Diagnostic]:
    slides = known(subject.slides) or []
    inter = known(subject.interactions) or []
    if not inter:
        yield finding(ID, "", subject.location)
        return
    for s in slides:
        if s.kind == "content" and not s.interactions and not s.quizzes:
            yield finding(ID, "slide", s.location, path=f"slide {s.number}", title=s.title)
    for i in inter:
        name = i.title or f"#{i.slide}"
        if not i.has_text:
            yield finding(ID, "text", i.location, path=f"slide {i.slide}", title=name, kind=i.kind)
        if not i.has_visual:
            yield finding(
                ID, "visual", i.location, path=f"slide {i.slide}", title=name, kind=i.kind
            )
    if len(inter) < FORM02_ELEMENTS:
        yield finding(ID, "seven", subject.location, count=len(inter), min=FORM02_ELEMENTS)
