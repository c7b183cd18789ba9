# ruff: noqa: E501  (a message catalogue: one message per line in three languages)
"""10.1.3 / styles — consistent text styles across the slides (form 02 notes).

Counts the distinct font families and font sizes the slides declare. A deck typically needs
one or two families (headings, body, maybe code) and a handful of sizes (title, heading,
body, caption); more than :data:`MAX_FAMILIES` families or :data:`MAX_SIZES` sizes is a warning.
"""

from __future__ import annotations

from collections.abc import Iterator

from oqu.diagnostics import Diagnostic
from oqu.model.subject import Subject, known
from oqu.rules.base import finding, msg, t

ID = "10.1.3/styles"
SEVERITY = "warning"
NEEDS = ("text_styles",)
TITLE = t("Мәтін стильдерінің бірізділігі", "Единообразие стилей текста", "Consistent text styles")
MAX_FAMILIES = 3
MAX_SIZES = 8
MESSAGES = {
    "": msg("warning",
        t("Слайдтарда {count} түрлі қаріп бар (шегі {limit}): {examples}",
          "На слайдах {count} {count:p|разный шрифт|разных шрифта|разных шрифтов} (предел {limit}): {examples}",
          "The slides use {count} {count:p|font family|font families} (limit {limit}): {examples}"),
        t("Бір-екі қаріп таңдап, слайд шеблонында белгілеңіз.",
          "Выберите один-два шрифта и задайте их в шаблоне слайдов.",
          "Pick one or two fonts and set them in the slide master.")),
    "sizes": msg("warning",
        t("Слайдтарда {count} түрлі қаріп өлшемі бар (шегі {limit}): {examples}",
          "На слайдах {count} {count:p|разный размер|разных размера|разных размеров} шрифта (предел {limit}): {examples}",
          "The slides use {count} {count:p|font size|font sizes} (limit {limit}): {examples}"),
        t("Тақырып, мәтін және жазба үшін бірнеше тұрақты өлшем қолданыңыз.",
          "Используйте несколько постоянных размеров: заголовок, текст, подпись.",
          "Use a few fixed sizes: title, heading, body, caption.")),
}  # fmt: skip


def check(subject: Subject) -> Iterator[Diagnostic]:
    styles = known(subject.text_styles)
    if styles is None:
        return
    if len(styles.families) > MAX_FAMILIES:
        first = next(iter(styles.families.values()))
        examples = ", ".join(sorted(styles.families)[:8])
        yield finding(
            ID, "", first, count=len(styles.families), limit=MAX_FAMILIES, examples=examples
        )
    if len(styles.sizes) > MAX_SIZES:
        first = next(iter(styles.sizes.values()))
        examples = ", ".join(sorted(styles.sizes)[:10])
        yield finding(
            ID, "sizes", first, count=len(styles.sizes), limit=MAX_SIZES, examples=examples
        )
