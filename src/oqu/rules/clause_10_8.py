# ruff: noqa: E501  (a message catalogue: one message per line in three languages)
"""10.8 — modular structure: modules of units, each unit with a clear start and end."""

from __future__ import annotations

from collections.abc import Iterator

from oqu.diagnostics import Diagnostic
from oqu.model.subject import Subject, known
from oqu.rules.base import finding, msg, t

ID = "10.8"
SEVERITY = "error"
NEEDS = ("modules", "units")
TITLE = t("Модульдік құрылым", "Модульная структура", "Modular structure")
MESSAGES = {
    "": msg("error",
        t("Бос модуль: «{title}» ішінде бөлім жоқ", "Пустой модуль: в «{title}» нет разделов",
          "Empty module: '{title}' has no units"),
        t("Модульге бөлім қосыңыз немесе оны алып тастаңыз.", "Добавьте раздел или уберите модуль.",
          "Add a unit to the module or remove it.")),
    "empty-unit": msg("error",
        t("Бос бөлім: «{title}» ішінде слайд жоқ", "Пустой раздел: в «{title}» нет слайдов",
          "Empty unit: '{title}' has no slides"),
        t("Бөлімге слайд қосыңыз немесе оны алып тастаңыз.", "Добавьте слайд или уберите раздел.",
          "Add a slide to the unit or remove it.")),
    "untitled": msg("warning",
        t("Бөлімнің атауы жоқ (басы мен соңы анық емес)", "У раздела нет названия (неясны начало и конец)",
          "A unit has no title (its start and end are unclear)"),
        t("Бөлімді «# Бөлім атауы» жолынан бастаңыз.", "Начните раздел строкой «# Название раздела».",
          "Start the unit with a '# Unit title' line.")),
    "none": msg("error",
        t("Ресурста бірде-бір бөлім жоқ", "В ресурсе нет ни одного раздела", "The DER has no units"),
        t("Мазмұнды бөлімдерге бөліңіз.", "Разделите содержание на разделы.", "Divide the content into units.")),
}  # fmt: skip


def check(subject: Subject) -> Iterator[Diagnostic]:
    modules = known(subject.modules) or []
    units = known(subject.units) or []
    if not units:
        yield finding(ID, "none", subject.location)
    for m in modules:
        if not m.units:
            yield finding(ID, "", m.location, title=m.title)
    for u in units:
        if not u.title.strip():
            yield finding(ID, "untitled", u.location)
        elif not u.slides:
            yield finding(ID, "empty-unit", u.location, title=u.title)
