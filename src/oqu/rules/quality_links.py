# ruff: noqa: E501  (a message catalogue: one message per line in three languages)
"""10.9 / links — internal links lead somewhere (navigation between topics, 10.9)."""

from __future__ import annotations

from collections.abc import Iterator

from oqu.diagnostics import Diagnostic
from oqu.model.subject import Subject, known
from oqu.rules.base import finding, msg, t

ID = "10.9/links"
SEVERITY = "error"
NEEDS = ("links",)
TITLE = t("Ішкі сілтемелер", "Внутренние ссылки", "Internal links")
MESSAGES = {
    "": msg("error",
        t("Ішкі сілтеме ештеңеге апармайды: {target}", "Внутренняя ссылка никуда не ведёт: {target}",
          "Internal link goes nowhere: {target}"),
        t("Сілтеменің мақсатын түзетіңіз немесе файлды пакетке қосыңыз.",
          "Исправьте цель ссылки или добавьте файл в пакет.",
          "Fix the link's target or add the file to the package.")),
}  # fmt: skip


def check(subject: Subject) -> Iterator[Diagnostic]:
    for link in known(subject.links) or []:
        if not link.ok:
            yield finding(ID, "", link.location, target=link.target)
