"""10.1.2 — a contents slide listing the topics (questions) the DER covers."""

from __future__ import annotations

from collections.abc import Iterator

from oqu.diagnostics import Diagnostic
from oqu.model.subject import Subject, known
from oqu.rules.base import finding, msg, t

ID = "10.1.2"
SEVERITY = "error"
NEEDS = ("contents_topics",)
TITLE = t("Мазмұны слайды", "Слайд содержания", "Contents slide")
MESSAGES = {
    "": msg(
        "error",
        t("Мазмұны слайды жоқ немесе онда тақырыптар жоқ",
          "Нет слайда содержания или в нём нет тем",
          "There is no contents slide, or it lists no topics"),
        t("der.yaml ішінде «topics» тізімін толтырыңыз (1–3 сұрақ).",
          "Заполните список «topics» в der.yaml (вопросы 1–3).",
          "Fill in the 'topics' list in der.yaml (questions 1-3)."),
    ),
}  # fmt: skip


def check(subject: Subject) -> Iterator[Diagnostic]:
    if not known(subject.contents_topics):
        yield finding(ID, "", subject.location, path="topics")
