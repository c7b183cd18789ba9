"""11 — authors respect copyright: every media file records its source and licence."""

from __future__ import annotations

from collections.abc import Iterator

from oqu.diagnostics import Diagnostic
from oqu.rules.base import finding, msg, t
from oqu.rules.subject import UNKNOWN, Subject, known

ID = "11"
SEVERITY = "warning"
UNCHECKED_VARIANTS = ("package",)  # media sources a package does not record: left to a reviewer
NEEDS = ("media",)
TITLE = t("Авторлық құқық", "Авторское право", "Copyright")
MESSAGES = {
    "": msg("warning",
        t("«{target}» файлының дереккөзі мен лицензиясы көрсетілмеген",
          "Для файла «{target}» не указаны источник и лицензия",
          "'{target}' has no recorded source and licence"),
        t("der.yaml ішіндегі «media» бөліміне жазыңыз: {target}: {{source: …, licence: …}}",
          "Добавьте в раздел «media» der.yaml: {target}: {{source: …, licence: …}}",
          "Add to der.yaml's 'media': {target}: {{source: …, licence: …}}")),
    "package": msg("info",
        t("Пакет медиафайлдардың дереккөзін сақтамайды ({count} файл): сарапшы тексереді",
          "Пакет не хранит источники медиафайлов ({count} файлов): проверяет эксперт",
          "The package does not record media sources ({count} files): a reviewer checks them"),
        t("Дереккөздер мен лицензиялар тізімін өтінімге қосыңыз.",
          "Приложите к заявке список источников и лицензий.",
          "Attach a list of sources and licences to the submission.")),
}  # fmt: skip


def check(subject: Subject) -> Iterator[Diagnostic]:
    media = [m for m in known(subject.media) or [] if m.kind != "other"]
    hidden = [m for m in media if m.credit is UNKNOWN]
    if hidden:
        yield finding(ID, "package", subject.location, count=len(hidden))
    for m in media:
        if m.credit is None:
            yield finding(ID, "", m.location, path=f"media[{m.path!r}]", target=m.path)
