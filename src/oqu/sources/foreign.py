"""Facts from the plain text of slides made by other tools (iSpring, Adapt, eXeLearning…).

A tool keeps no field "department" or "date": the title slide is text. These heuristics find
what form 02 asks for in it, in Kazakh, Russian and English (docs/checker.md lists the words):

* department: a word ``кафедра`` / ``кафедрасы`` / ``department`` / ``chair of``;
* date: a year 1990–2099, or a date ``dd.mm.yyyy`` / ``yyyy-mm-dd``;
* author: a label (``Автор``, ``Құрастырған``, ``Әзірлеген``, ``Дайындаған``, ``Составитель``,
  ``Разработчик``, ``Author``, ``Prepared by``…) or a person's name: surname and initials
  (``Әлиева А.С.``, ``A. S. Alieva``) or three words ending in a patronymic (``-ович``,
  ``-овна``, ``-ұлы``, ``-қызы``…);
* discipline: a label (``Пән``, ``Пәні``, ``Дисциплина``, ``Discipline``, ``Course``, ``Subject``);
* form 02's others: university, faculty, position, degree, e-mail.

A field found nowhere is *absent* (``None``), and 10.1.1 reports it: the title slide is what the
reviewer reads too. The contents slide is one titled ``Мазмұны`` / ``Содержание`` / ``Contents``
/ ``План`` / ``Outline`` / ``Agenda``…, or one among the first four whose text names at least
two later slides' titles.
"""

from __future__ import annotations

import re

from oqu.diagnostics import Location
from oqu.model.subject import TitleFacts

__all__ = ["contents_slide", "find_email", "guess_language", "title_facts", "topics_of"]

_LABEL_END = r"\s*[:：\-–—]?\s*"
_DEPARTMENT = re.compile(r"\bкафедра\w*|\bdepartment\b|\bchair of\b", re.I)
_UNIVERSITY = re.compile(r"университет\w*|\buniversity\b|\bинститут\w*|\binstitute\b", re.I)
_FACULTY = re.compile(r"факультет\w*|\bfaculty\b|\bschool of\b|\bжоғары мектеп\w*", re.I)
_YEAR = re.compile(r"(?<!\d)(?:19[9]\d|20\d\d)(?!\d)")
_DATE = re.compile(r"\b\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d\b|\b(?:19|20)\d\d-\d\d-\d\d\b")
_AUTHOR_LABEL = re.compile(
    r"(?:автор\w*|құрастыр\w*|әзірле\w*|дайында\w*|составител\w*|разработ\w*|подготов\w*"
    r"|author\w*|prepared by|developed by|lecturer)" + _LABEL_END + r"([^\n;|,]{3,80})",
    re.I,
)
_UP = "A-ZА-ЯЁӘІҢҒҮҰҚӨҺ"
_LOW = "a-zа-яёәіңғүұқөһ"
_INITIALS_NAME = re.compile(
    rf"\b[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?\s+[{_UP}]\.\s?[{_UP}]\."
    rf"|\b[{_UP}]\.\s?(?:[{_UP}]\.\s?)?[{_UP}][{_LOW}]+"
)
_FULL_NAME = re.compile(
    rf"\b[{_UP}][{_LOW}]+\s+[{_UP}][{_LOW}]+\s+[{_UP}][{_LOW}]+"
    r"(?:ович|евич|ьич|овна|евна|ична|инична|ұлы|улы|қызы|кызы)\b"
)
_DISCIPLINE = re.compile(
    r"(?:пәні|пән|дисциплин\w*|discipline|course|subject|module|модуль)"
    + _LABEL_END
    + r"([^\n;|,]{3,120})",
    re.I,
)
_POSITION = re.compile(
    r"оқытушы|профессор|доцент|ассистент|преподавател\w*|lecturer|professor|assistant|teacher"
    r"|instructor|меңгеруші|заведующ\w*",
    re.I,
)
_DEGREE = re.compile(
    r"\b(?:[кд]\.\s?[а-яәіңғүұқөһ]{1,3}\.\s?н\.|[а-яәіңғүұқөһ]{1,3}\.\s?ғ\.\s?[кд]\.|phd|ph\.d\."
    r"|кандидат\w*|доктор\w*|магистр\w*|master of|doctor of|candidate of)",
    re.I,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CONTENTS = re.compile(
    r"^\s*(?:мазмұны|мазмұн|жоспар|содержание|оглавление|план(?: лекции)?|contents"
    r"|table of contents|outline|agenda|overview)\b",
    re.I,
)
_KK = re.compile(r"[әіңғүұқөһӘІҢҒҮҰҚӨҺ]")
_CYR = re.compile(r"[а-яёА-ЯЁ]")
_LAT = re.compile(r"[a-zA-Z]")


def _found(pattern: re.Pattern[str], text: str) -> str | None:
    m = pattern.search(text)
    return m.group(0).strip() if m else None


def title_facts(text: str, where: Location) -> TitleFacts:
    """The form 02 fields found in the title slide's plain text (title included)."""
    author = None
    if m := _AUTHOR_LABEL.search(text):
        author = m.group(1).strip()
    else:
        author = _found(_FULL_NAME, text) or _found(_INITIALS_NAME, text)
    discipline = None
    if m := _DISCIPLINE.search(text):
        discipline = m.group(1).strip()
    date = _found(_DATE, text) or _found(_YEAR, text)
    return TitleFacts(
        discipline=discipline,
        author=author,
        department=_found(_DEPARTMENT, text),
        date=date,
        university=_found(_UNIVERSITY, text),
        faculty=_found(_FACULTY, text),
        position=_found(_POSITION, text),
        degree=_found(_DEGREE, text),
        email=_found(_EMAIL, text),
        location=where,
    )


def _norm(s: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", s.casefold()).split())


def contents_slide(slides: list[tuple[str, str]]) -> int | None:
    """The index of the contents slide among (title, text) pairs, or None."""
    for i, (title, text) in enumerate(slides[:6]):
        if _CONTENTS.match(title) or (not title and _CONTENTS.match(text)):
            return i
    for i, (_, text) in enumerate(slides[:4]):
        body = _norm(text)
        later = {_norm(t) for t, _ in slides[i + 1 :] if len(_norm(t)) >= 6}
        if sum(1 for t in later if t in body) >= 2:
            return i
    return None


def topics_of(title: str, text: str) -> list[str]:
    """The topics a contents slide lists: its text's lines (or sentences), title removed."""
    body = text
    if title and body.startswith(title):
        body = body[len(title) :]
    parts = [p for p in re.split(r"\n|\s(?=\d{1,2}[.)]\s)|[;•▪●·]", body)]
    topics = [re.sub(r"^\s*\d{1,2}[.)]\s*", "", p).strip() for p in parts]
    return [t for t in topics if len(_norm(t)) >= 3 and not _CONTENTS.fullmatch(t)]


def find_email(texts: list[str]) -> str | None:
    for text in texts:
        if m := _EMAIL.search(text):
            return m.group(0)
    return None


def guess_language(text: str) -> str:
    """kk (Kazakh letters), ru (other Cyrillic), en (Latin), or "" when there is no text."""
    kk, cyr, lat = len(_KK.findall(text)), len(_CYR.findall(text)), len(_LAT.findall(text))
    if kk >= 3 and kk * 40 >= cyr:
        return "kk"
    if cyr > lat and cyr >= 10:
        return "ru"
    if lat >= 10:
        return "en"
    return ""
