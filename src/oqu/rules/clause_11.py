# ruff: noqa: E501  (a message catalogue: one message per line in three languages)
"""11 — authors respect copyright: every media file records its source and licence.

Also the author's duty to hand in a finished DER (clause 11): a template placeholder or a TODO
mark left in a metadata field that is not on the title slide (those are 10.1.1's), and a media
file that is the template's own placeholder (:mod:`oqu.rules.placeholders`), are errors.
"""

from __future__ import annotations

from collections.abc import Iterator

from oqu.diagnostics import Diagnostic
from oqu.model.subject import UNKNOWN, Subject, known
from oqu.rules.base import finding, msg, t
from oqu.rules.clause_10_1_1 import short
from oqu.rules.placeholders import is_placeholder, is_placeholder_media, is_title_slide_field

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
          "Пакет не хранит источники медиафайлов ({count} {count:p|файл|файла|файлов}): проверяет эксперт",
          "The package does not record media sources ({count} {count:p|file|files}): a reviewer checks them"),
        t("Дереккөздер мен лицензиялар тізімін өтінімге қосыңыз.",
          "Приложите к заявке список источников и лицензий.",
          "Attach a list of sources and licences to the submission.")),
    "placeholder": msg("error",
        t("Мәліметтің орнында үлгінің толтырғышы қалды: {field} = «{value}»",
          "Вместо сведений остался заполнитель: {field} = «{value}»",
          "A placeholder is left instead of the information: {field} = '{value}'"),
        t("«{field}» өрісіне нақты мәліметті жазыңыз: дереккөз бен лицензия (11-тармақ), каталог пен LMS үшін сипаттама.",
          "Впишите в поле «{field}» настоящие сведения: источник и лицензию (п. 11), описание для каталога и LMS.",
          "Put the real information in '{field}': the source and licence (clause 11), the description for the catalogue and the LMS.")),
    "placeholder-media": msg("error",
        t("«{target}» — Oqu үлгісінің толтырғыш файлы", "«{target}» — файл-заглушка шаблона Oqu",
          "'{target}' is the Oqu template's placeholder file"),
        t("Файлды өз суретіңізбен, бейнеңізбен немесе субтитрлеріңізбен ауыстырып, der.yaml ішіндегі «media» жазбасын жаңартыңыз.",
          "Замените файл своим изображением, видео или субтитрами и обновите запись «media» в der.yaml.",
          "Replace the file with your own picture, video or subtitles, and update its 'media' entry in der.yaml.")),
}  # fmt: skip


def check(subject: Subject) -> Iterator[Diagnostic]:
    for f in known(subject.fields) or []:  # title-slide fields are 10.1.1's
        if not is_title_slide_field(f.path) and is_placeholder(f.value):
            yield finding(ID, "placeholder", f.loc, path=f.path, field=f.path, value=short(f.value))
    photo = subject.title_slide.photo
    for m in known(subject.media) or []:
        if m.path != photo and is_placeholder_media(m.size, m.read):
            yield finding(
                ID, "placeholder-media", m.location, path=f"media[{m.path!r}]", target=m.path
            )
    media = [m for m in known(subject.media) or [] if m.kind != "other"]
    hidden = [m for m in media if m.credit is UNKNOWN]
    if hidden:
        yield finding(ID, "package", subject.location, count=len(hidden))
    for m in media:
        if m.credit is None:
            yield finding(ID, "", m.location, path=f"media[{m.path!r}]", target=m.path)
