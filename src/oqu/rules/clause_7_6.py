# ruff: noqa: E501  (a message catalogue: one message per line in three languages)
"""7.6 — the DERs of a discipline cover every topic of its syllabus.

With ``--syllabus``, the topics are those of the syllabus's weekly plan
(:mod:`oqu.sources.syllabus`); a syllabus without a plan gives one ``no-plan`` warning. Each
topic is matched against every unit (its title and text) and every slide. Matching is Kazakh/Russian-aware: casefold, ё→е, punctuation dropped, stop words
removed, and each word cut to a prefix stem of :data:`STEM` letters (Kazakh and Russian are
suffixing languages: «пастерлеу», «пастерлеудің», «пастерлеуге» share «пасте…»). A topic's
score against a text is the share of the topic's stems found among the text's stems, with a
bonus for the title; a topic is covered when its best score reaches :data:`COVERED`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from oqu.diagnostics import Diagnostic
from oqu.model.subject import Subject, known
from oqu.rules.base import finding, msg, t

ID = "7.6"
SEVERITY = "error"
NEEDS = ("units",)
STEM = 5
COVERED = 0.5
TITLE = t("Силлабус тақырыптарын қамту", "Охват тем силлабуса", "Syllabus coverage")
MESSAGES = {
    "": msg("error",
        t("Силлабус тақырыбы қамтылмаған: «{topic}» (ең жақыны: {closest})",
          "Тема силлабуса не охвачена: «{topic}» (ближайшее: {closest})",
          "Syllabus topic not covered: '{topic}' (closest: {closest})"),
        t("Осы тақырыпқа бөлім қосыңыз немесе оны пәннің басқа ЦББР-ы қамтитынын көрсетіңіз.",
          "Добавьте раздел по этой теме или укажите, какой другой ЦОР дисциплины её охватывает.",
          "Add a unit on this topic, or show which other DER of the discipline covers it.")),
    "covered": msg("info",
        t("Силлабустың {covered}/{total} тақырыбы қамтылған", "Охвачено тем силлабуса: {covered} из {total}",
          "{covered} of {total} syllabus {total:p|topic is|topics are} covered")),
    "no-syllabus": msg("info",
        t("Силлабус берілмеді: 7.6 тексерілмеді", "Силлабус не задан: п. 7.6 не проверен",
          "No syllabus given: 7.6 was not checked"),
        t("--syllabus FILE беріңіз (txt, docx немесе pdf).", "Укажите --syllabus FILE (txt, docx или pdf).",
          "Pass --syllabus FILE (txt, docx or pdf).")),
    "no-plan": msg("warning",
        t("Силлабуста апталық күнтізбелік-тақырыптық жоспар табылмады: 7.6 тексерілмеді",
          "В силлабусе не найден понедельный календарно-тематический план: п. 7.6 не проверен",
          "No weekly calendar-thematic plan was found in the syllabus: 7.6 was not checked"),
        t("Тақырыптар жоспар кестесінен алынады (бағандары: Апта, Тақырып, Сағат, Әдебиет). Кестені силлабусқа қосыңыз немесе тақырыптарды жол сайын бір-бірден жазылған мәтін файлымен беріңіз.",
          "Темы берутся из таблицы плана (столбцы: Неделя, Тема, Часы, Литература). Добавьте таблицу в силлабус или дайте темы текстовым файлом, по одной в строке.",
          "Topics are taken from the plan table (columns: Week, Topic, Hours, Reading). Add the table to the syllabus, or give the topics as a text file, one a line.")),
}  # fmt: skip

_STOP = frozenset([
    "және", "мен", "бен", "пен", "да", "де", "та", "те", "мен", "үшін", "туралы", "бойынша",
    "арқылы", "немесе", "әр", "бір", "осы", "ол", "и", "в", "во", "на", "с", "со", "по", "для",
    "о", "об", "от", "до", "из", "к", "ко", "у", "за", "при", "а", "или", "как", "что", "это",
    "их", "его", "ее", "её", "the", "of", "and", "in", "on", "for", "to", "a", "an", "with",
    "by", "from", "as", "at", "or", "its",
])  # fmt: skip
_WORD = re.compile(r"\w+", re.UNICODE)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    return " ".join(_WORD.findall(text.replace("_", " ")))


def stems(text: str) -> set[str]:
    out = set()
    for w in normalise(text).split():
        if w in _STOP or w.isdigit() or len(w) < 3:
            continue
        out.add(w[:STEM])
    return out


def score(topic: set[str], title: set[str], body: set[str]) -> float:
    if not topic:
        return 0.0
    in_body = len(topic & (body | title)) / len(topic)
    in_title = len(topic & title) / len(topic)
    return min(1.0, in_body * 0.8 + in_title * 0.4)


def check(subject: Subject) -> Iterator[Diagnostic]:
    topics = subject.syllabus
    if topics is None:
        yield finding(ID, "no-syllabus", subject.location)
        return
    if not topics:  # a syllabus was read, but no weekly plan was found in it
        yield finding(ID, "no-plan", subject.location)
        return
    candidates: list[tuple[str, set[str], set[str]]] = [
        (u.title, stems(u.title), stems(u.text)) for u in known(subject.units) or []
    ]
    for s in known(subject.slides) or []:
        candidates.append((s.title, stems(s.title), stems(s.text)))
    covered = 0
    for topic in topics:
        ts = stems(topic)
        ranked = sorted(
            ((score(ts, ti, bo), name) for name, ti, bo in candidates), key=lambda x: -x[0]
        )
        best = ranked[0][0] if ranked else 0.0
        if best >= COVERED:
            covered += 1
            continue
        closest = "; ".join(f"{name} ({sc:.0%})" for sc, name in ranked[:3] if sc > 0) or "-"
        yield finding(ID, "", subject.location, topic=topic, closest=closest)
    yield finding(ID, "covered", subject.location, covered=covered, total=len(topics))
