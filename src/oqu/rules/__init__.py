"""Compliance rules of the regulation, one module per rule, the clause as the rule's id.

Every rule module has ``ID`` (the clause, e.g. ``"10.1.4"``), ``SEVERITY`` (of its main
finding), ``NEEDS`` (the :class:`~oqu.model.subject.Subject` facts it reads), ``MESSAGES``
(``{variant: Entry}`` in kk/ru/en, registered into :data:`oqu.diagnostics.RULE_MESSAGES`) and
``check(subject)``, a generator of :class:`~oqu.diagnostics.Diagnostic`. :data:`RULES` lists
them in report order. :func:`run` runs them all: a rule whose needed facts the subject cannot
reveal is not run, and yields one info finding "could not be checked" instead.

A rule is also *unchecked* when it ran on part of what it needs (``Subject.partial``: a tool's
file that could not be read), or when it yields one of its module's ``UNCHECKED_VARIANTS``
(e.g. 9.2's "could not be checked: … the package does not reveal it"). An unchecked rule keeps
the verdict from being ``pass`` (``incomplete``, CLI exit 3).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import ModuleType

from oqu.diagnostics import Diagnostic, Entry, Severity, Text, register_rule
from oqu.model.subject import Subject
from oqu.rules import (
    clause_7_6,
    clause_10_1,
    clause_10_1_1,
    clause_10_1_2,
    clause_10_1_3,
    clause_10_1_4,
    clause_10_7,
    clause_10_8,
    clause_10_9,
    clause_11,
    composition,
    quality_alt,
    quality_images,
    quality_links,
    quality_overlay,
    quality_size,
    quality_styles,
)

__all__ = ["RULES", "Rule", "run"]

_MODULES: tuple[ModuleType, ...] = (
    clause_10_7,
    clause_10_1,
    clause_10_1_1,
    clause_10_1_2,
    clause_10_1_3,
    clause_10_1_4,
    composition,
    clause_10_8,
    clause_10_9,
    clause_7_6,
    clause_11,
    quality_alt,
    quality_images,
    quality_overlay,
    quality_styles,
    quality_links,
    quality_size,
)

UNCHECKED = Entry(
    "info",
    Text(
        "Тексерілмеді: {facts} белгісіз ({reason})",
        "Не проверено: неизвестно {facts} ({reason})",
        "Could not be checked: {facts} unknown ({reason})",
    ),
    Text(
        "Сарапшы мұны қолмен тексеруі керек.",
        "Эксперту нужно проверить это вручную.",
        "A reviewer has to check this by hand.",
    ),
)


PARTIAL = Entry(
    "info",
    Text(
        "Ішінара тексерілді: {what} оқылмады",
        "Проверено частично: не прочитано {what}",
        "Checked in part: {what} could not be read",
    ),
    Text(
        "Сарапшы қалған бөлігін қолмен тексеруі керек.",
        "Остальное эксперту нужно проверить вручную.",
        "A reviewer has to check the rest by hand.",
    ),
)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    needs: tuple[str, ...]
    title: Text
    check: Callable[[Subject], Iterator[Diagnostic]]
    unchecked_variants: frozenset[str] = frozenset()


def _load(mod: ModuleType) -> Rule:
    for rule_id in (mod.ID, *getattr(mod, "IDS", ())):
        register_rule(rule_id, {**mod.MESSAGES, "unchecked": UNCHECKED, "partial": PARTIAL})
    return Rule(
        mod.ID,
        mod.SEVERITY,
        tuple(mod.NEEDS),
        mod.TITLE,
        mod.check,
        frozenset(getattr(mod, "UNCHECKED_VARIANTS", ())),
    )


RULES: tuple[Rule, ...] = tuple(_load(m) for m in _MODULES)


# The facts a rule needs, named in the report's language (issue 15.8: a Kazakh report said
# "slides, images"); the English names are the facts' own.
FACT_NAMES: dict[str, Text] = {
    "contents_topics": Text("мазмұн тақырыптары", "темы содержания", "contents_topics"),
    "der_type": Text("ЦББР түрі", "вид ЦОР", "der_type"),
    "images": Text("суреттер", "изображения", "images"),
    "interactions": Text("интерактивті элементтер", "интерактивные элементы", "interactions"),
    "links": Text("сілтемелер", "ссылки", "links"),
    "media": Text("медиа", "медиа", "media"),
    "modules": Text("модульдер", "модули", "modules"),
    "navigation.contact_email": Text("байланыс электрондық поштасы", "контактная электронная почта",
                                     "navigation.contact_email"),
    "navigation.contents": Text("мазмұн беті", "страница содержания", "navigation.contents"),
    "overlays": Text("қабаттасатын элементтер", "наложения", "overlays"),
    "quizzes": Text("тесттер", "тесты", "quizzes"),
    "slides": Text("слайдтар", "слайды", "slides"),
    "text_styles": Text("мәтін стильдері", "стили текста", "text_styles"),
    "units": Text("оқу бірліктері", "учебные единицы", "units"),
    "title_slide.author": Text("титул слайдындағы автор", "автор на титульном слайде",
                               "title_slide.author"),
    "title_slide.date": Text("титул слайдындағы күн", "дата на титульном слайде",
                             "title_slide.date"),
    "title_slide.department": Text("титул слайдындағы кафедра", "кафедра на титульном слайде",
                                   "title_slide.department"),
    "title_slide.discipline": Text("титул слайдындағы пән", "дисциплина на титульном слайде",
                                   "title_slide.discipline"),
}  # fmt: skip


def fact_names(facts: list[str]) -> Text:
    """``facts`` joined, each in the report's language (an unlisted fact as it is)."""
    names = [FACT_NAMES.get(f, Text(f, f, f)) for f in facts]
    return Text(*(", ".join(getattr(n, lang) for n in names) for lang in ("kk", "ru", "en")))


def unknown_reason(subject: Subject) -> Text:
    """Why facts are unknown, in the report's language (issue 15.8: no English in a kk report)."""
    if subject.kind != "package":
        return Text("бастапқы мәтін", "исходный текст", "source")
    tool = subject.package.tool if subject.package else ""
    if not tool:
        return Text("белгісіз құралдың пакеті", "пакет неизвестного инструмента",
                    "unknown tool package")  # fmt: skip
    return Text(f"{tool} пакеті", f"пакет {tool}", f"{tool} package")


def run(subject: Subject, rules: tuple[Rule, ...] = RULES) -> tuple[list[Diagnostic], list[str]]:
    """All findings, and the ids of the rules that could not be checked."""
    findings: list[Diagnostic] = []
    unchecked: list[str] = []
    for rule in rules:
        missing = [f for f in rule.needs if subject.is_unknown(f)]
        if missing:
            unchecked.append(rule.id)
            findings.append(
                Diagnostic(
                    code=rule.id,
                    location=subject.location,
                    args=(("facts", fact_names(missing)), ("reason", unknown_reason(subject))),
                    variant="unchecked",
                )
            )
            continue
        found = list(rule.check(subject))
        findings.extend(found)
        if rule.id in subject.partial:
            unchecked.append(rule.id)
            findings.append(
                Diagnostic(
                    code=rule.id,
                    location=subject.location,
                    args=(("what", subject.partial[rule.id]),),
                    variant="partial",
                )
            )
        elif any(d.variant in rule.unchecked_variants for d in found):
            unchecked.append(rule.id)
    return findings, unchecked
