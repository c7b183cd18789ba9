# ruff: noqa: E501  (a message catalogue: one message per line in three languages)
"""10.1.3 — slides with interactivity made with software; each element has text and media.

Form 02 asks for seven interactive elements (process, animation, hierarchy, catalogue, tabs,
map, video), each with a text description and an image or multimedia.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from oqu.diagnostics import Diagnostic, Text
from oqu.model.subject import Subject, known
from oqu.rules.base import finding, msg, t

ID = "10.1.3"
SEVERITY = "error"
NEEDS = ("slides", "interactions")
FORM02_ELEMENTS = 7
MAX_SINGLE = 3  # slides without an element named one by one; more become one finding
EXAMPLES = 3
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
    "slides": msg(
        "warning",
        t("{count} слайдта интерактивті элемент жоқ, мысалы: {examples}",
          "На {count} {count:p|слайде|слайдах|слайдах} нет интерактивного элемента, например: {examples}",
          "{count} {count:p|slide has|slides have} no interactive element, e.g. {examples}"),
        t("Слайдтарға интерактивті элементтер қосыңыз немесе оларды біріктіріңіз.",
          "Добавьте на слайды интерактивные элементы или объедините их.",
          "Add interactive elements to the slides, or merge them."),
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
        t("Интерактивті элементтер саны {count} ({kinds}); Ү.ЖИЦДО-7.5.1-2025-03-02 үлгісі "
          "{min} сұрайды; жоғы: {missing}",
          "Интерактивных элементов: {count} ({kinds}); форма 02 требует {min}; нет: {missing}",
          "{count:p|There is|There are} {count} interactive {count:p|element|elements} ({kinds}); form 02 asks for {min}; "
          "missing: {missing}"),
        t("Процесс, анимация, иерархия, каталог, қойындылар, карта, бейне элементтерін қосыңыз.",
          "Добавьте процесс, анимацию, иерархию, каталог, вкладки, карту, видео.",
          "Add process, animation, hierarchy, catalogue, tabs, map and video elements."),
    ),
}  # fmt: skip


# Form 02's seven elements, and the interaction kinds (Oqu's, and tools' mapped to them) that
# are one of them.
FORM02_KINDS: dict[str, tuple[Text, frozenset[str]]] = {
    "process": (t("процесс", "процесс", "process"),
                frozenset({"process", "cycle", "timeline", "scenario"})),
    "animation": (t("анимация", "анимация", "animation"), frozenset({"reveal", "animation"})),
    "hierarchy": (t("иерархия", "иерархия", "hierarchy"), frozenset({"hierarchy", "pyramid"})),
    "catalogue": (t("каталог", "каталог", "catalogue"),
                  frozenset({"catalogue", "gallery", "flipcards", "accordion"})),
    "tabs": (t("қойындылар", "вкладки", "tabs"), frozenset({"tabs"})),
    "map": (t("карта", "карта", "map"), frozenset({"map", "hotspots"})),
    "video": (t("бейне", "видео", "video"), frozenset({"video"})),
}  # fmt: skip


def _join(parts: list[Text]) -> Text:
    return Text(*(", ".join(getattr(p, lang) for p in parts) or "-" for lang in ("kk", "ru", "en")))


def check(subject: Subject) -> Iterator[Diagnostic]:
    slides = known(subject.slides) or []
    inter = known(subject.interactions) or []
    if not inter:
        yield finding(ID, "", subject.location)
        return
    bare = [s for s in slides if s.kind == "content" and not s.interactions and not s.quizzes]
    if len(bare) > MAX_SINGLE:  # one finding for the repeats: a reviewer reads it once
        examples = ", ".join(f"{s.number} «{s.title}»" for s in bare[:EXAMPLES])
        yield finding(ID, "slides", subject.location, count=len(bare), examples=examples)
    else:
        for s in bare:
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
        counts = Counter(i.kind for i in inter)
        kinds = ", ".join(f"{k} ×{n}" if n > 1 else k for k, n in sorted(counts.items()))
        missing = [name for name, kinds_ in FORM02_KINDS.values() if not kinds_ & set(counts)]
        yield finding(
            ID, "seven", subject.location, count=len(inter), min=FORM02_ELEMENTS, kinds=kinds,
            missing=_join(missing),
        )  # fmt: skip
