# ruff: noqa: E501  (a message catalogue: one message per line in three languages)
"""9.2 / 9.3 — the mandatory composition of the declared type of DER.

One table says, per type (9.2.1–9.2.6, 9.3.1–9.3.3), which parts must be present. A finding's
rule is the type's own clause (``9.2.1`` …). A part whose fact the subject hides is reported as
not checked; a type whose part cannot be recognised automatically (9.2.6's lab-report structure)
is left to the reviewer with an info finding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from oqu.diagnostics import Diagnostic, Text
from oqu.model.subject import UNKNOWN, Subject, known
from oqu.rules.base import finding, msg, t

ID = "9.2"
IDS = ("9.2.1", "9.2.2", "9.2.3", "9.2.4", "9.2.5", "9.2.6", "9.3.1", "9.3.2", "9.3.3")
SEVERITY = "error"
NEEDS = ("der_type",)
UNCHECKED_VARIANTS = ("part-unknown", "no-type")  # the composition was not (fully) checked
TITLE = t("ЦББР түрінің құрамы", "Состав по типу ЦОР", "Composition of the DER type")

CLAUSE = {
    "e-textbook": "9.2.1",
    "e-study-guide": "9.2.2",
    "e-lecture-course": "9.2.3",
    "reference-materials": "9.2.4",
    "interactive-presentation": "9.2.5",
    "digital-practicum": "9.2.6",
    "assessment-materials": "9.3.1",
    "teaching-materials": "9.3.2",
    "source-components": "9.3.3",
}

# The DER types' names (9.2.1–9.3.3), for the report's list of clauses.
TYPE_TITLES: dict[str, Text] = {
    "e-textbook": t("Электрондық оқулық", "Электронный учебник", "E-textbook"),
    "e-study-guide": t("Электрондық оқу құралы", "Электронное учебное пособие", "E-study guide"),
    "e-lecture-course": t(
        "Электрондық дәрістер курсы", "Электронный курс лекций", "E-lecture course"
    ),
    "reference-materials": t(
        "Цифрлық анықтамалық материалдар",
        "Цифровые справочные материалы",
        "Digital reference materials",
    ),
    "interactive-presentation": t(
        "Интерактивті презентация", "Интерактивная презентация", "Interactive presentation"
    ),
    "digital-practicum": t("Цифрлық практикум", "Цифровой практикум", "Digital practicum"),
    "assessment-materials": t(
        "Бақылау-өлшеу материалдары", "Контрольно-измерительные материалы", "Assessment materials"
    ),
    "teaching-materials": t(
        "Оқу-әдістемелік материалдар",
        "Учебно-методические материалы",
        "Teaching-methodology materials",
    ),
    "source-components": t("Бастапқы компоненттер", "Исходные компоненты", "Source components"),
}

Check = Callable[[Subject], bool | None]  # True: present; False: absent; None: fact unknown


def _has(value: object) -> bool | None:
    return None if value is UNKNOWN else bool(value)


def _theory(s: Subject) -> bool | None:
    units = known(s.units)
    return None if units is None else any(u.slides and u.text.strip() for u in units)


def _assessment(s: Subject) -> bool | None:
    qs = known(s.quizzes)
    return None if qs is None else any(q.questions for q in qs)


def _assessment_per_topic(s: Subject) -> bool | None:
    qs, slides = known(s.quizzes), known(s.slides)
    if qs is None or slides is None:
        return None
    return bool(qs) and len({q.slide for q in qs}) >= 1


def _multimedia(s: Subject) -> bool | None:
    inter, media = known(s.interactions), known(s.media)
    if inter is None and media is None:
        return None
    return any(i.has_visual for i in inter or []) or any(
        m.kind in ("video", "audio", "image") for m in media or []
    )


def _interactive(s: Subject) -> bool | None:
    return _has(s.interactions)


def _navigation_search(s: Subject) -> bool | None:
    return _has(s.navigation.search)


def _media(s: Subject) -> bool | None:
    return _has(s.media)


PARTS: dict[str, tuple[Text, Check]] = {
    "theory": (t("теориялық материал", "теоретический материал", "theory"), _theory),
    "assessment": (t("бақылау-өлшеу материалдары", "контрольно-измерительные материалы",
                     "assessment materials"), _assessment),
    "assessment-per-topic": (t("әр тақырыпқа бақылау материалдарының банкі",
                               "банк КИМ по каждой теме",
                               "a bank of assessment materials for each topic"),
                             _assessment_per_topic),
    "glossary": (t("терминдер глоссарийі", "глоссарий терминов", "a glossary of terms"),
                 lambda s: _has(s.glossary)),
    "basic-literature": (t("негізгі әдебиеттер тізімі", "список основной литературы",
                           "a list of basic literature"), lambda s: _has(s.references_basic)),
    "additional-literature": (t("қосымша әдебиеттер тізімі", "список дополнительной литературы",
                                "a list of additional literature"),
                              lambda s: _has(s.references_additional)),
    "lecture-plan": (t("дәрістер жоспары", "план лекций", "a lecture plan"),
                     lambda s: _has(s.lecture_plan)),
    "slides": (t("слайдтар", "слайды", "slides"), lambda s: _has(s.slides)),
    "search": (t("жылдам іздеуі бар навигация", "навигация с быстрым поиском",
                 "navigation with fast search"), _navigation_search),
    "multimedia": (t("мультимедиа", "мультимедиа", "multimedia"), _multimedia),
    "interactive": (t("дағдыны бекітетін интерактивті элементтер",
                      "интерактивные элементы для закрепления навыков",
                      "interactive elements that build skills"), _interactive),
    "media": (t("дереккөз компоненттері (фото, бейне, сызба…)",
                "исходные компоненты (фото, видео, схемы…)",
                "source components (photos, video, diagrams…)"), _media),
}  # fmt: skip

# type → (required parts, parts the reviewer must check by hand)
TABLE: dict[str, tuple[tuple[str, ...], tuple[Text, ...]]] = {
    "e-textbook": (("theory", "assessment", "glossary", "basic-literature", "additional-literature"), ()),
    "e-study-guide": (("theory", "assessment", "glossary", "basic-literature", "additional-literature"), ()),
    "e-lecture-course": (("lecture-plan", "theory", "assessment-per-topic", "slides"), ()),
    "reference-materials": (("theory", "search"), ()),
    "interactive-presentation": (("interactive", "multimedia"), ()),
    "digital-practicum": (("theory", "assessment"), (
        t("зертханалық есеп құрылымы", "структура лабораторного отчёта", "the lab-report structure"),
        t("оқытушы мен студенттің бірлескен жұмысы бойынша әдістемелік нұсқаулар",
          "методические указания по совместной работе преподавателя и студента",
          "methodological instructions for the teacher's and student's joint work"),
        t("бағдарламалық құралдар", "программные средства", "the software tools"),
    )),
    "assessment-materials": (("assessment",), ()),
    "teaching-materials": (("theory",), ()),
    "source-components": (("media",), ()),
}  # fmt: skip
WARN_ONLY = frozenset({"search"})  # the player has no search yet: a warning, not a failure

MESSAGES = {
    "": msg(
        "error",
        t("«{type}» түріндегі ЦББР құрамында {what} жоқ",
          "В составе ЦОР типа «{type}» нет: {what}",
          "A DER of type '{type}' must contain {what}; it does not"),
        t("{clause}-тармақ бойынша міндетті бөлікті қосыңыз немесе «type» өрісін тексеріңіз.",
          "Добавьте обязательную часть по п. {clause} или проверьте поле «type».",
          "Add the part clause {clause} requires, or check the 'type' field."),
    ),
    "warn": msg(
        "warning",
        t("«{type}» түріндегі ЦББР құрамында {what} жоқ",
          "В составе ЦОР типа «{type}» нет: {what}",
          "A DER of type '{type}' should contain {what}; it does not"),
        t("{clause}-тармақты қараңыз.", "См. п. {clause}.", "See clause {clause}."),
    ),
    "manual": msg(
        "info",
        t("Қолмен тексеріңіз: {what} ({clause})",
          "Проверьте вручную: {what} (п. {clause})",
          "Check by hand: {what} (clause {clause})"),
    ),
    "part-unknown": msg(
        "info",
        t("Тексерілмеді: {what} — пакет бұл деректі көрсетпейді",
          "Не проверено: {what} — пакет не раскрывает этот факт",
          "Could not be checked: {what} — the package does not reveal it"),
        t("Сарапшы мұны қолмен тексеруі керек.", "Эксперту нужно проверить это вручную.",
          "A reviewer has to check this by hand."),
    ),
    "no-type": msg(
        "info",
        t("ЦББР түрі көрсетілмеген: 9.2/9.3 құрамы тексерілмеді",
          "Тип ЦОР не указан: состав по п. 9.2/9.3 не проверен",
          "The DER's type is not declared: its composition (9.2/9.3) was not checked"),
        t("--type TYPE беріңіз (мысалы, --type interactive-presentation).",
          "Укажите --type TYPE (например, --type interactive-presentation).",
          "Pass --type TYPE (e.g. --type interactive-presentation)."),
    ),
}  # fmt: skip


def check(subject: Subject) -> Iterator[Diagnostic]:
    der_type = known(subject.der_type)
    if not der_type or der_type not in TABLE:
        yield finding(ID, "no-type", subject.location)
        return
    clause = CLAUSE[der_type]
    required, manual = TABLE[der_type]
    for part in required:
        what, test = PARTS[part]
        present = test(subject)
        if present is None:
            yield finding(clause, "part-unknown", subject.location, what=what)
        elif not present:
            variant = "warn" if part in WARN_ONLY else ""
            yield finding(
                clause, variant, subject.location, type=der_type, what=what, clause=clause
            )
    for what in manual:
        yield finding(clause, "manual", subject.location, what=what, clause=clause)
