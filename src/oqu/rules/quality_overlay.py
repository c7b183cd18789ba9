# ruff: noqa: E501  (a message catalogue: one message per line in three languages)
"""10.1.3 / overlay — text laid over an image is hard to read (form 02 notes)."""

from __future__ import annotations

from collections.abc import Iterator

from oqu.diagnostics import Diagnostic
from oqu.model.subject import Subject, known
from oqu.rules.base import finding, msg, t

ID = "10.1.3/overlay"
SEVERITY = "warning"
NEEDS = ("overlays",)
TITLE = t("Сурет үстіндегі мәтін", "Текст поверх изображения", "Text over images")
MAX_SHOWN = 10
MESSAGES = {
    "": msg("warning",
        t("«{text}» мәтіні «{image}» суретінің үстіне қойылған", "Текст «{text}» наложен на изображение «{image}»",
          "Text '{text}' is laid over image '{image}'"),
        t("Мәтінді суреттің жанына немесе астына қойыңыз (не суретке түсініктеме ретінде).",
          "Разместите текст рядом с изображением или под ним (или как подпись).",
          "Place the text beside or below the image (or as its caption).")),
    "more": msg("warning",
        t("Сурет үстіндегі мәтін тағы {count} жерде", "Текст поверх изображений ещё в {count} {count:p|месте|местах|местах}",
          "Text over images in {count} more {count:p|place|places}")),
}  # fmt: skip


def check(subject: Subject) -> Iterator[Diagnostic]:
    overlays = known(subject.overlays) or []
    for o in overlays[:MAX_SHOWN]:
        yield finding(ID, "", o.location, text=o.text, image=o.image)
    if len(overlays) > MAX_SHOWN:
        yield finding(ID, "more", subject.location, count=len(overlays) - MAX_SHOWN)
