"""7.5 / size — media small enough for students on slow links and phones (7.5, 10.2 economy)."""

from __future__ import annotations

from collections.abc import Iterator

from oqu.diagnostics import Diagnostic
from oqu.model.subject import Subject, known
from oqu.rules.base import finding, msg, t

ID = "7.5/size"
SEVERITY = "warning"
NEEDS = ("media",)
TITLE = t("Медиа көлемі", "Размер медиа", "Media size")
MB = 1_000_000
LIMITS = {"image": 2 * MB, "audio": 20 * MB, "video": 50 * MB, "other": 20 * MB}
MESSAGES = {
    "": msg("warning",
        t("«{target}» файлы үлкен: {size:num} МБ (ұсынылатын шек {limit} МБ)",
          "Файл «{target}» велик: {size:num} МБ (рекомендуемый предел {limit} МБ)",
          "'{target}' is large: {size:num} MB (recommended limit {limit} MB)"),
        t("Баяу интернеті бар студенттер үшін файлды сығыңыз.",
          "Сожмите файл для студентов с медленным интернетом.",
          "Compress the file for students on slow connections.")),
}  # fmt: skip


def check(subject: Subject) -> Iterator[Diagnostic]:
    for m in known(subject.media) or []:
        limit = LIMITS[m.kind]
        if m.size > limit:
            yield finding(
                ID, "", m.location, target=m.path, size=f"{m.size / MB:.1f}", limit=limit // MB
            )
