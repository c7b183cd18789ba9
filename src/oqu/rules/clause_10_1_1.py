# ruff: noqa: E501  (a message catalogue: one message per line in three languages)
"""10.1.1 — the title slide: discipline, author's full name, department, date (and form 02)."""

from __future__ import annotations

from collections.abc import Iterator

from oqu.diagnostics import Diagnostic, Text
from oqu.model.subject import UNKNOWN, Subject, known
from oqu.rules.base import finding, msg, t
from oqu.rules.placeholders import is_placeholder, is_placeholder_media, is_title_slide_field

ID = "10.1.1"
SEVERITY = "error"
NEEDS = (
    "title_slide.discipline",
    "title_slide.author",
    "title_slide.department",
    "title_slide.date",
)
TITLE = t("Титулдық слайд", "Титульный слайд", "Title slide")

REQUIRED: dict[str, tuple[Text, str]] = {
    "discipline": (t("пәннің атауы", "название дисциплины", "the discipline's name"), "discipline"),
    "author": (t("автордың аты-жөні", "ФИО автора", "the author's full name"), "authors[0].name"),
    "department": (t("кафедра", "кафедра", "the department"), "department"),
    "date": (t("әзірленген күні", "дата разработки", "the date of development"), "date"),
}
FORM02: dict[str, tuple[Text, str]] = {
    "university": (
        t("университеттің атауы", "название университета", "the university"),
        "university",
    ),
    "faculty": (t("факультет", "факультет", "the faculty"), "faculty"),
    "position": (
        t("автордың лауазымы", "должность автора", "the author's position"),
        "authors[0].position",
    ),
    "degree": (
        t("ғылыми дәрежесі, атағы", "учёная степень, звание", "the academic degree or title"),
        "authors[0].degree",
    ),
    "email": (
        t("электрондық пошта", "электронная почта", "the contact e-mail"),
        "authors[0].email",
    ),
    "photo": (t("автордың суреті", "фото автора", "the author's photo"), "authors[0].photo"),
}
_HINT = t(
    "Мәнді der.yaml ішіндегі «{field}» өрісіне жазыңыз (бөгде құралда — титулдық слайдқа).",
    "Впишите значение в поле «{field}» der.yaml (в другом инструменте — на титульный слайд).",
    "Fill in '{field}' in der.yaml (in another tool: put it on the title slide).",
)
MESSAGES = {
    "": msg(
        "error",
        t("Титулдық слайдта {what} жоқ", "На титульном слайде нет: {what}",
          "The title slide lacks {what}"),
        _HINT,
    ),
    "form02": msg(
        "warning",
        t("Титулдық слайдта {what} жоқ (Ү.ЖИЦДО-7.5.1-2025-03-02 үлгісі)",
          "На титульном слайде нет: {what} (форма 02)",
          "The title slide lacks {what} (form 02)"),
        _HINT,
    ),
    "placeholder": msg(
        "error",
        t("Титулдық слайдта үлгінің толтырғышы қалды: {field} = «{value}»",
          "На титульном слайде остался заполнитель шаблона: {field} = «{value}»",
          "A template placeholder is left on the title slide: {field} = '{value}'"),
        t("«{field}» өрісіне өз мәліметіңізді жазыңыз (үлгінің мәтіні мен TODO белгісі жарияланбайды).",
          "Впишите в поле «{field}» свои сведения (текст шаблона и пометки TODO не публикуются).",
          "Put your own information in '{field}' (template text and TODO marks are not published)."),
    ),
}  # fmt: skip


def short(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= 60 else value[:59] + "…"


def check(subject: Subject) -> Iterator[Diagnostic]:
    ts = subject.title_slide
    yield from _placeholders(subject)
    for name, (what, field) in REQUIRED.items():
        value = getattr(ts, name)
        if value is not UNKNOWN and not value:
            yield finding(ID, "", ts.where(field), path=field, what=what, field=field)
    for name, (what, field) in FORM02.items():
        value = getattr(ts, name)
        if value is not UNKNOWN and not value:
            yield finding(ID, "form02", ts.where(field), path=field, what=what, field=field)


def _placeholders(subject: Subject) -> Iterator[Diagnostic]:
    """Template placeholders and TODO marks in the title slide's fields, and the template's photo.

    A source's fields are checked where they are written (der.yaml:line); a package's, as the
    title slide shows them.
    """
    ts = subject.title_slide
    fields = known(subject.fields)
    if fields is not None:
        for f in fields:
            if is_title_slide_field(f.path) and is_placeholder(f.value):
                yield finding(
                    ID, "placeholder", f.loc, path=f.path, field=f.path, value=short(f.value)
                )
    else:
        for name, (_what, field) in {**REQUIRED, **FORM02}.items():
            value = getattr(ts, name)
            if isinstance(value, str) and name != "photo" and is_placeholder(value):
                yield finding(
                    ID, "placeholder", ts.location, path=field, field=field, value=short(value)
                )
    photo = ts.photo
    for m in known(subject.media) or []:
        if isinstance(photo, str) and m.path == photo and is_placeholder_media(m.size, m.read):
            field = "authors[0].photo"
            yield finding(ID, "placeholder", m.location, path=field, field=field, value=m.path)
            break
