# ruff: noqa: E501  (a message catalogue: one message per line in three languages)
"""10.9 — interaction and navigation: contents, search, glossary, media, the teacher's e-mail."""

from __future__ import annotations

from collections.abc import Iterator

from oqu.diagnostics import Diagnostic
from oqu.model.subject import UNKNOWN, Subject, known
from oqu.rules.base import finding, msg, t

ID = "10.9"
SEVERITY = "error"
NEEDS = ("navigation.contents", "navigation.contact_email")
TITLE = t("Навигация және өзара әрекет", "Навигация и взаимодействие", "Navigation and interaction")
MESSAGES = {
    "contents": msg("error",
        t("Тақырыптар бойынша навигация (мазмұны) жоқ", "Нет навигации по темам (содержания)",
          "There is no navigation by topic (contents)"),
        t("Мазмұны слайдын немесе мәзірін қосыңыз.", "Добавьте слайд или меню содержания.",
          "Add a contents slide or menu.")),
    "email": msg("error",
        t("Кеңесші оқытушының электрондық поштасы жоқ (10.9.1)",
          "Нет электронной почты преподавателя-консультанта (10.9.1)",
          "There is no e-mail address of the consulting teacher (10.9.1)"),
        t("der.yaml ішіне «contact» немесе автордың «email» өрісін жазыңыз.",
          "Укажите «contact» или «email» автора в der.yaml.",
          "Set 'contact' or the author's 'email' in der.yaml.")),
    "search": msg("warning",
        t("Кілт сөз бойынша іздеу жоқ (10.9.2)", "Нет поиска по ключевым словам (10.9.2)",
          "There is no keyword search (10.9.2)"),
        t("Ресурсты іздеуі бар құралмен (мысалы, Oqu) жасаңыз немесе глоссарий мен мазмұнды толық етіңіз.",
          "Соберите ресурс инструментом с поиском (например, Oqu) или сделайте полными глоссарий и содержание.",
          "Build the resource with a tool that has search (e.g. Oqu), or make the glossary and contents complete.")),
    "glossary": msg("warning",
        t("Терминдер бар, бірақ глоссарийге өту мүмкін емес", "Термины есть, но перехода к глоссарию нет",
          "Terms exist but the glossary cannot be reached"),
        t("Глоссарийді навигацияға қосыңыз.", "Добавьте глоссарий в навигацию.",
          "Make the glossary reachable from the navigation.")),
    "media": msg("warning",
        t("Иллюстрацияларға немесе мультимедиаға қол жеткізу жоқ", "Нет доступа к иллюстрациям или мультимедиа",
          "There are no illustrations or media to view"),
        t("Суреттер, бейне немесе интерактивті анимация қосыңыз.",
          "Добавьте иллюстрации, видео или интерактивную анимацию.",
          "Add illustrations, video or interactive animations.")),
}  # fmt: skip


def check(subject: Subject) -> Iterator[Diagnostic]:
    nav = subject.navigation
    if not known(nav.contents):
        yield finding(ID, "contents", subject.location)
    if not known(nav.contact_email):
        yield finding(ID, "email", subject.location, path="contact")
    if nav.search is not UNKNOWN and not nav.search:
        yield finding(ID, "search", subject.location)
    if known(subject.glossary) and nav.glossary is not UNKNOWN and not nav.glossary:
        yield finding(ID, "glossary", subject.location)
    if nav.media_access is not UNKNOWN and not nav.media_access:
        yield finding(ID, "media", subject.location)
