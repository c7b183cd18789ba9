"""The title slide's lines → the metadata form 02 asks for, recognised by keywords and position.

Nothing is invented: a field is filled only from a line that says it (a keyword, an e-mail, a
degree's abbreviation, a name's shape); what is not found stays ``None`` and the importer
writes a marked placeholder and a line in the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from oqu.sources.pptx.reader import SlideData

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(r"(?:https?://|www\.)[^\s,;]+|\b[\w-]+\.edu\.kz\b[^\s,;]*", re.IGNORECASE)
_LETTERS = "a-zа-яёәіңғүұқөһ"
_UP = "A-ZА-ЯЁӘІҢҒҮҰҚӨҺ"
DEGREE = re.compile(
    rf"(?<![{_LETTERS}])(?:"
    rf"[{_LETTERS}]{{1,4}}\.\s?ғ\.\s?[кд]\."  # т.ғ.к., э.ғ.д. (kk)
    rf"|[кд]\.\s?[{_LETTERS}]{{1,4}}\.\s?н\."  # к.т.н., д.э.н. (ru)
    r"|ph\.?\s?d\.?|dsc|msc|m\.sc\.|магистр(?:і)?|master(?:\s+of\s+\w+)?"
    r"|candidate\s+of\s+[\w\s]+?sciences?|doctor\s+of\s+[\w\s]+?sciences?"
    rf"|ғылым\s+магистрі|техника\s+ғылымдарының\s+(?:кандидаты|докторы)"
    r"|кандидат\s+[\w\s]+?наук|доктор\s+[\w\s]+?наук"
    rf")(?![{_LETTERS}])",
    re.IGNORECASE,
)
POSITIONS = (  # longest first: «аға оқытушы» before «оқытушы»
    "аға оқытушы",
    "старший преподаватель",
    "қауымдастырылған профессор",
    "профессор м.а.",
    "кафедра меңгерушісі",
    "оқытушы",
    "ассистент",
    "старший преподаватель",
    "ст. преподаватель",
    "ст.преподаватель",
    "ассоциированный профессор",
    "заведующий кафедрой",
    "преподаватель",
    "senior lecturer",
    "associate professor",
    "assistant professor",
    "head of department",
    "lecturer",
    "teaching assistant",
    "доцент",
    "профессор",
    "professor",
)
TITLES = ("доцент", "профессор", "professor", "associate professor")
_UNIVERSITY = ("университет", "university", "академия", "academy", "institute", "институт")
_FACULTY = ("факультет", "faculty", "school of")
_DEPARTMENT = ("кафедра", "department", "chair of")
_ORGS = (("department", _DEPARTMENT), ("faculty", _FACULTY), ("university", _UNIVERSITY))
_DISCIPLINE = re.compile(
    r"^\s*(?:пән(?:і|нің\s+атауы)?|дисциплина|discipline|course|subject)\s*[:：\-—–]\s*(.+)$",
    re.IGNORECASE,
)
_AUTHOR_LABEL = re.compile(
    r"^\s*(?:автор(?:ы)?|орындаған|дайындаған|әзірлеген|құрастырған|подготовил[аи]?|"
    r"разработчик|составитель|author|prepared\s+by|lecturer)\s*[:：\-—–]\s*",
    re.IGNORECASE,
)
_NAME_WORD = rf"[{_UP}][{_LETTERS}'’]+(?:-[{_UP}][{_LETTERS}'’]+)?"  # Әлиева, Смагулова-Ким
_CAPS_WORD = rf"[{_UP}]{{2,}}(?:-[{_UP}]{{2,}})?"  # a surname in capitals: ӘЛИЕВА
_SURNAME = rf"(?:{_NAME_WORD}|{_CAPS_WORD})"
_INITIALS = rf"[{_UP}]\.\s?(?:[{_UP}]\.)?"
# the Kazakh (-ұлы/-қызы, also written apart: «Серік қызы») and Russian patronymics
_PATRONYMIC = re.compile(
    r"(?:ұлы|қызы|улы|кызы|uly|kyzy|ович|евич|ьич|овна|евна|ична|инична)$", re.IGNORECASE
)
_NAME_INITIALS = re.compile(
    rf"^{_SURNAME}\s+{_INITIALS}$|^{_INITIALS}\s?{_SURNAME}$"  # Әлиева А.С. / А.С. Әлиева
)
_NAME_WORDS = re.compile(
    rf"^{_SURNAME}(?:\s+{_NAME_WORD}){{1,2}}(?:\s+(?:ұлы|қызы|uly|kyzy))?$"  # 2–3 words
)
_STRONG_NAME = re.compile(
    rf"(?:^|\s)({_SURNAME}\s+{_INITIALS}|{_INITIALS}\s?{_SURNAME}"
    rf"|{_SURNAME}\s+{_NAME_WORD}\s+[{_UP}][{_LETTERS}]+"
    r"(?:ұлы|қызы|ович|евич|ьич|овна|евна|ична|инична))(?=$|[\s,;])"
)
_HONORIFIC = re.compile(r"^(?:dr|prof|mr|mrs|ms)\.?\s+", re.IGNORECASE)
_PIECES = re.compile(r"\s*[,;|]\s*|\s+[–—-]\s+|\s*[–—]\s*(?=[^\d])")
_DATE = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b")


@dataclass(slots=True)
class TitleFields:
    title: str | None = None
    university: str | None = None
    url: str | None = None
    faculty: str | None = None
    department: str | None = None
    discipline: str | None = None
    name: str | None = None
    position: str | None = None
    degree: str | None = None
    academic_title: str | None = None
    email: str | None = None
    photo: str | None = None
    date: str | None = None
    name_strength: int = 0  # 2: patronymic or initials, 1: capitalised words, 0: none
    used: set[str] = field(default_factory=set)  # lines that went into a field
    unused: list[str] = field(default_factory=list)


def _has(line: str, words: tuple[str, ...]) -> bool:
    low = line.casefold()
    return any(w in low for w in words)


def read_title_slide(slide: SlideData) -> TitleFields:
    f = TitleFields()
    f.title = slide.title or None
    lines: list[str] = []
    title_size = 0.0
    for ts in slide.texts:
        if ts.placeholder in ("title",) and not f.title:
            f.title = ts.plain.replace("\n", " ").strip() or None
            continue
        for p in ts.paras:
            lines.extend(x.strip() for x in p.plain.split("\n") if x.strip())
        title_size = max(title_size, ts.box.height)
    for line in lines:
        _line(f, line)
    if not f.title:  # the DER's name: the first line nothing else claimed (subtitle first)
        subtitle = next((t for t in slide.texts if t.placeholder == "subtitle"), None)
        candidates = [subtitle.plain] if subtitle else []
        candidates += [x for x in lines if x not in f.used]
        for c in candidates:
            c = c.replace("\n", " ").strip()
            if c and c not in f.used and not looks_like_name(c):
                f.title = c
                f.used.add(c)
                break
    f.unused = [x for x in lines if x not in f.used and x != f.title]
    # the photo: a portrait-shaped picture, else one called photo/фото/author
    best = None
    for pic in slide.pictures:
        ratio = pic.box.height / max(pic.box.width, 1)
        named = _has(pic.alt + " " + pic.name, ("фото", "photo", "автор", "author", "портрет"))
        if named or ratio >= 1.0:
            score = (named, pic.box.width * pic.box.height)
            if best is None or score > best[0]:
                best = (score, pic.path)
    if best is not None:
        f.photo = best[1]
    return f


def _line(f: TitleFields, line: str) -> None:
    used = False
    if m := EMAIL.search(line):
        f.email = f.email or m.group(0).rstrip(".")
        used = True
    if m := URL.search(EMAIL.sub(" ", line)):
        f.url = f.url or _url(m.group(0))
        used = True
    if m := _DISCIPLINE.match(line):
        f.discipline = f.discipline or m.group(1).strip()
        f.used.add(line)
        return
    if m := _DATE.search(line):
        if m.group(3):
            f.date = f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
        else:
            f.date = f"{m.group(4)}-{m.group(5)}-{m.group(6)}"
        used = True
    stripped = URL.sub("", EMAIL.sub("", line)).strip(" ,;:|—–-")
    # «Кафедра меңгерушісі Иванов И.И.» is an author's line; «М. Әуезов атындағы университет» not
    low = stripped.casefold()
    has_position = any(p in low for p in POSITIONS)
    author_line = has_position and bool(_STRONG_NAME.search(stripped))
    org = next((key for key, words in _ORGS if _has(stripped, words)), None)
    if org is not None and not author_line:
        if getattr(f, org) is None:
            setattr(f, org, _label_off(stripped))
            f.used.add(line)
        return
    # an author's line: "Name – position, degree" in any order, pieces split by , ; | and dashes
    labelled = bool(_AUTHOR_LABEL.match(stripped))
    rest = _AUTHOR_LABEL.sub("", stripped)
    for piece in _PIECES.split(rest):
        piece = piece.strip(" ,;:")
        while m := DEGREE.search(piece):
            f.degree = f.degree or m.group(0).strip()
            piece = (piece[: m.start()] + " " + piece[m.end() :]).strip(" ,;:")
            used = True
        if not piece:
            continue
        low = piece.casefold()
        pos = next((p for p in POSITIONS if p in low), None)
        if pos is not None:
            start = low.index(pos)
            if f.position is None:
                f.position = piece[start : start + len(pos)]
            elif pos in TITLES and f.academic_title is None:
                f.academic_title = pos
            used = True
            stop = start + len(pos)
            while stop < len(piece) and piece[stop].isalpha():  # «оқытушысы»: the word's ending
                stop += 1
            piece = (piece[:start] + " " + piece[stop:]).strip(" ,;:")
            if not piece:
                continue
        # a name inside other words only on a line that names a position or is labelled
        found = person_name(piece, inside=has_position or labelled)
        if found is None and labelled:
            found = (piece.strip(" ."), 1)
        if found is not None and found[1] > f.name_strength:
            f.name, f.name_strength = found
            used = True
    if used:
        f.used.add(line)


def person_name(text: str, *, inside: bool = True) -> tuple[str, int] | None:
    """A person's name in ``text`` and how sure that is (2: a patronymic or initials, 1: two or
    three capitalised words), or ``None``.

    Kazakh and Russian forms: «Әлиева Айгүл Серікқызы», «Сейтқали Нұрлан Бекұлы», «Иванова Мария
    Петровна», «Әлиева А.С.», «А. С. Әлиева», «ӘЛИЕВА Айгүл»; English «Dana Sultanova»,
    «Dr Dana Sultanova», «D. Sultanova».
    """
    t = _HONORIFIC.sub("", " ".join(text.split()).strip(" ,;:"))
    for candidate in (t, t.rstrip(".")):
        if _NAME_INITIALS.match(candidate):
            return candidate, 2
    t = t.rstrip(".")
    if _NAME_WORDS.match(t):
        words = t.split()
        strong = any(_PATRONYMIC.search(w) for w in words[1:])
        return t, 2 if strong else 1
    if inside and (m := _STRONG_NAME.search(text)):  # «… кафедрасының Әлиева А.С.»
        return m.group(1).strip(), 2
    return None


def looks_like_name(text: str) -> bool:
    """The whole of ``text`` is a name («Ш. Уәлиханов шығармашылығы» is a title)."""
    return person_name(text, inside=False) is not None


def _label_off(line: str) -> str:
    return re.sub(r"^\s*[\w ]{0,20}?[:：]\s*", "", line).strip() if ":" in line else line.strip()


def _url(u: str) -> str:
    u = u.rstrip(".,;)")
    return u if u.lower().startswith("http") else "https://" + u
