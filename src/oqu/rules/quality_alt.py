# ruff: noqa: E501  (a message catalogue: one message per line in three languages)
"""7.5 / alt — every image has an alternative text (a DER is convenient to *each* user)."""

from __future__ import annotations

from collections.abc import Iterator

from oqu.diagnostics import Diagnostic
from oqu.model.subject import Subject, known
from oqu.rules.base import finding, msg, t

ID = "7.5/alt"
SEVERITY = "warning"
NEEDS = ("images",)
TITLE = t("Суреттің балама мәтіні", "Альтернативный текст", "Alternative text")
MESSAGES = {
    "": msg("warning",
        t("«{target}» суретінің балама мәтіні (alt) жоқ", "У изображения «{target}» нет альтернативного текста",
          "Image '{target}' has no alternative text"),
        t("![Суретте не көрсетілгенін жазыңыз](…) — экран оқу құралы осыны оқиды.",
          "![Опишите, что на изображении](…) — это читает экранный диктор.",
          "![Describe what the image shows](…) — screen readers read it.")),
    "many": msg("warning",
        t("{count} суреттің балама мәтіні (alt) жоқ, мысалы: {examples}",
          "У {count} {count:p|изображения|изображений|изображений} нет альтернативного текста, например: {examples}",
          "{count} {count:p|image has|images have} no alternative text, e.g. {examples}"),
        t("Әр суретке не көрсетілгенін жазыңыз — экран оқу құралы осыны оқиды.",
          "Опишите каждое изображение — это читает экранный диктор.",
          "Describe each image — screen readers read it.")),
}  # fmt: skip


MAX_SINGLE = 3  # images without alt named one by one; more become one finding
EXAMPLES = 3


def check(subject: Subject) -> Iterator[Diagnostic]:
    bare = [img for img in known(subject.images) or [] if not img.alt.strip()]
    if len(bare) <= MAX_SINGLE:
        for img in bare:
            yield finding(ID, "", img.location, target=img.src)
        return
    examples = list(dict.fromkeys(img.src for img in bare))[:EXAMPLES]
    yield finding(ID, "many", subject.location, count=len(bare), examples=", ".join(examples))
