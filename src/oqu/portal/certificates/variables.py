"""The one variable table of form 01 (pretix's ``base/pdf.py`` shape).

Each :class:`Variable` maps a placeholder to its label in Kazakh and Russian, a sample value
and a function of the :class:`Record`. The PDF's HTML template, the DOCX template (generated
from :data:`ROWS` by ``make_docx_template.py``) and the preview all read :func:`values` of a
record — a real one, or :data:`SAMPLE` — so they can never disagree about what a field is.

Wording: the header, the title and the Kazakh item labels are copied from the regulation's
form Ү.ЖИЦДО-7.5.1-2025-03-01 (regulation/000_…txt). The form's table exists only in
Kazakh; the Russian labels of the items are our translation of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import translation

from oqu.portal.plans.models import DER_TYPE_CHOICES, Language

# --- the record: everything the form says, read from the database once ------------------------


@dataclass(frozen=True, slots=True)
class Author:
    name: str
    position: str = ""
    degree: str = ""
    title: str = ""


@dataclass(frozen=True, slots=True)
class Record:
    number: str
    issued_on: dt.date
    authors: tuple[Author, ...]
    department: str
    faculty: str
    title: str
    discipline: str
    der_type: str  # a DerType value
    topics: tuple[str, ...]
    platform: str
    language: str  # a Language value
    audience: str
    placed_on: dt.date | None
    link: str
    syllabus: str  # the syllabus's format, "PDF" ("" when missing)
    minutes: str  # the minutes extract's format
    package: str  # the package's name as its author uploaded it
    director: str
    verify_url: str
    supersedes: str = ""  # the number of the certificate this one corrects
    extra: dict[str, str] = field(default_factory=dict)


# --- how values are written --------------------------------------------------------------------

LANGUAGE_NAMES = {
    Language.KK: ("қазақ тілі", "казахский язык"),
    Language.RU: ("орыс тілі", "русский язык"),
    Language.EN: ("ағылшын тілі", "английский язык"),
}


def _date(d: dt.date | None) -> str:
    return d.strftime("%d.%m.%Y") if d else "—"


def _der_type(code: str) -> str:
    label = dict(DER_TYPE_CHOICES).get(code, code)
    names = []
    for lang in ("kk", "ru"):
        with translation.override(lang):
            names.append(str(label))
    return " / ".join(dict.fromkeys(names))


def _authors(r: Record) -> str:
    lines = []
    for a in r.authors:
        parts = [a.name, a.position, a.degree, a.title]
        lines.append(", ".join(p for p in parts if p))
    return "\n".join(lines) or "—"


def _topics(r: Record) -> str:
    return "\n".join(f"{i}. {t}" for i, t in enumerate(r.topics, 1)) or "—"


def _language(r: Record) -> str:
    kk, ru = LANGUAGE_NAMES.get(Language(r.language), (r.language, r.language))
    return f"{kk} / {ru}"


def _documents_text(syllabus: str, minutes: str, package: str) -> str:
    def mark(name: str) -> str:
        return f" — {name}" if name else " — жоқ / нет"

    return "\n".join(
        [
            "1. Силлабустың электронды нұсқасы / Электронная версия силлабуса" + mark(syllabus),
            "2. «АТУ» АҚ білім беру платформасында ЦББР жиынтығын орналастыру ұсынымы туралы "
            "кафедра хаттамасынан үзінді / Выписка из протокола заседания кафедры о "
            "рекомендации к размещению комплекса ЦОР на образовательной платформе АО «АТУ»"
            + mark(minutes),
            "3. Тақырыптары көрсетілген ЦББР-дың (SCORM) электрондық нұсқасы / Электронная "
            "версия ЦОР (SCORM) с указанием тем" + mark(package),
        ]
    )


def _documents(r: Record) -> str:
    return _documents_text(r.syllabus, r.minutes, r.package)


# --- the table ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Variable:
    key: str
    label_kk: str
    label_ru: str
    sample: str
    value: Callable[[Record], str]


VARIABLES: tuple[Variable, ...] = (
    Variable("number", "Анықтама нөмірі", "Номер справки", "2026-001", lambda r: r.number),
    Variable("date", "Күні", "Дата", "26.11.2026", lambda r: _date(r.issued_on)),
    Variable(
        "authors",
        "ЦББР автор(лар), лауазымы, ғылыми дәрежесі, атағы",
        "Автор(ы) ЦОР, должность, учёная степень, звание",
        "Әлиева Айгүл Серікқызы, аға оқытушы, т.ғ.к., қауымдастырылған профессор",
        _authors,
    ),
    Variable(
        "department",
        "Бөлімше атауы",
        "Наименование подразделения",
        "Тамақ өнімдерінің технологиясы және қауіпсіздігі кафедрасы",
        lambda r: r.department,
    ),
    Variable("faculty", "Факультет", "Факультет", "Тағам өндірісі факультеті", lambda r: r.faculty),
    Variable(
        "title", "ЦББР атауы", "Наименование ЦОР", "HACCP жүйесінің негіздері", lambda r: r.title
    ),
    Variable("discipline", "Пән", "Дисциплина", "Тағам қауіпсіздігі", lambda r: r.discipline),
    Variable(
        "der_type",
        "ЦББР түрі",
        "Вид ЦОР",
        "интерактивті презентация / интерактивная презентация",
        lambda r: _der_type(r.der_type),
    ),
    Variable(
        "topics",
        "Тақырыптар",
        "Темы",
        "1. HACCP қағидаттары\n2. Сыни бақылау нүктелері",
        _topics,
    ),
    Variable(
        "platform",
        "Платформаның атауы",
        "Наименование платформы",
        "ATU Moodle",
        lambda r: r.platform or "—",
    ),
    Variable("language", "Оқыту тілі", "Язык обучения", "қазақ тілі / казахский язык", _language),
    Variable(
        "audience",
        "Мақсатты аудитория",
        "Целевая аудитория",
        "6B07201, 2-курс",
        lambda r: r.audience or "—",
    ),
    Variable(
        "placed_on",
        "Орналастыру күні",
        "Дата размещения",
        "26.11.2026",
        lambda r: _date(r.placed_on),
    ),
    Variable(
        "link",
        "ЦББР сілтемесі",
        "Ссылка на ЦОР",
        "https://moodle.atu.edu.kz/mod/scorm/view.php?id=1201",
        lambda r: r.link or "—",
    ),
    Variable(
        "documents",
        "Растайтын құжаттардың болуы",
        "Наличие подтверждающих документов",
        _documents_text("PDF", "DOCX", "haccp-kk.zip"),
        _documents,
    ),
    Variable(
        "director",
        "ЖИЦДО директоры",
        "Директор Центра ИИ и цифрового развития",
        "Ахметова Динара Қайратқызы",
        lambda r: r.director,
    ),
    Variable(
        "verify_url",
        "Тексеру сілтемесі",
        "Ссылка для проверки",
        "https://oqu.atu.edu.kz/verify/2026-001/sample/",
        lambda r: r.verify_url,
    ),
    Variable(
        "supersedes",
        "Орнына берілген анықтама",
        "Взамен справки",
        "",
        lambda r: r.supersedes,
    ),
)
BY_KEY = {v.key: v for v in VARIABLES}


@dataclass(frozen=True, slots=True)
class Row:
    """One numbered item of the form's table: its labels and the placeholders it shows."""

    n: int
    label_kk: str
    label_ru: str
    keys: tuple[str, ...]  # one key: the value alone; several: "label: value" lines


ROWS: tuple[Row, ...] = (
    Row(1, BY_KEY["authors"].label_kk, BY_KEY["authors"].label_ru, ("authors",)),
    Row(2, BY_KEY["department"].label_kk, BY_KEY["department"].label_ru, ("department",)),
    Row(3, "ЦББР атауы", "Наименование ЦОР", ("title", "discipline", "der_type", "topics")),
    Row(4, BY_KEY["platform"].label_kk, BY_KEY["platform"].label_ru, ("platform",)),
    Row(5, BY_KEY["language"].label_kk, BY_KEY["language"].label_ru, ("language",)),
    Row(6, BY_KEY["audience"].label_kk, BY_KEY["audience"].label_ru, ("audience",)),
    Row(7, BY_KEY["placed_on"].label_kk, BY_KEY["placed_on"].label_ru, ("placed_on",)),
    Row(8, BY_KEY["link"].label_kk, BY_KEY["link"].label_ru, ("link",)),
    Row(9, BY_KEY["documents"].label_kk, BY_KEY["documents"].label_ru, ("documents",)),
)

# Fixed wording of the form (header, title, signature), Kazakh and Russian.
TEXT = {
    "form_code": "Ү.ЖИЦДО-7.5.1-2025-03-01",
    "ministry_kk": "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ ҒЫЛЫМ ЖӘНЕ ЖОҒАРЫ БІЛІМ МИНИСТРЛІГІ",
    "ministry_ru": "МИНИСТЕРСТВО НАУКИ И ВЫСШЕГО ОБРАЗОВАНИЯ РЕСПУБЛИКИ КАЗАХСТАН",
    "university_kk": "Алматы Технологиялық Университеті",
    "university_ru": "Алматинский Технологический Университет",
    "title_kk": "АНЫҚТАМА",
    "title_ru": "СПРАВКА",
    "from_ru": "от",
    "subject_kk": "Цифрлық білім беру ресурсын орналастыру туралы",
    "subject_ru": "о размещении цифрового образовательного ресурса",
    "col_topic_kk": "Тақырып",
    "col_topic_ru": "Наименование",
    "col_desc_kk": "ЦББР сипаттамасы",
    "col_desc_ru": "Описание ЦОР",
    "signature_kk": "ЖИЦДО директоры",
    "signature_ru": "Директор Центра искусственного интеллекта и цифрового развития",
    "verify_kk": "Анықтаманың түпнұсқалығын QR-код бойынша тексеруге болады",
    "verify_ru": "Подлинность справки можно проверить по QR-коду",
    "supersedes_kk": "Бұл анықтама мына анықтаманың орнына берілді",
    "supersedes_ru": "Выдана взамен справки",
}


def values(record: Record) -> dict[str, str]:
    """Every placeholder's value for ``record``: what the PDF and the DOCX are filled with."""
    return {v.key: v.value(record) for v in VARIABLES}


def sample_values() -> dict[str, str]:
    return {v.key: v.sample for v in VARIABLES}


def rows(vals: dict[str, str]) -> list[dict[str, object]]:
    """The table's items with their values, for the HTML template (the DOCX template is built
    from :data:`ROWS` by ``make_docx_template.py``)."""
    out: list[dict[str, object]] = []
    for row in ROWS:
        if len(row.keys) == 1:
            lines = [("", "", vals[row.keys[0]])]
        else:
            first, *rest = row.keys
            lines = [("", "", vals[first])] + [
                (BY_KEY[k].label_kk, BY_KEY[k].label_ru, vals[k]) for k in rest
            ]
        out.append({"n": row.n, "label_kk": row.label_kk, "label_ru": row.label_ru,
                    "lines": lines})  # fmt: skip
    return out
