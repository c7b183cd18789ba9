"""10.1.4 — a final test of at least five questions of varied kinds."""

from __future__ import annotations

from collections.abc import Iterator

from oqu.diagnostics import Diagnostic
from oqu.model.subject import Subject, known
from oqu.rules.base import finding, msg, t

ID = "10.1.4"
SEVERITY = "error"
NEEDS = ("quizzes",)
MIN_QUESTIONS = 5
MIN_KINDS = 3
TITLE = t("Қорытынды тест", "Итоговый тест", "Final test")
MESSAGES = {
    "": msg(
        "error",
        t("Қорытынды тест жоқ", "Нет итогового теста", "There is no final test"),
        t("Соңғы слайдқа «:::quiz {{final: true}}» блогын қосыңыз.",
          "Добавьте на последний слайд блок «:::quiz {{final: true}}».",
          "Add a ':::quiz {{final: true}}' block on the last slide."),
    ),
    "count": msg(
        "error",
        t("Қорытынды тестте {count} сұрақ, кемінде {min} керек",
          "В итоговом тесте {count} {count:p|вопрос|вопроса|вопросов}, нужно не менее {min}",
          "The final test has {count} {count:p|question|questions}; it needs at least {min}"),
        t("Алдыңғы слайдтардың негізгі тұстары бойынша сұрақтар қосыңыз.",
          "Добавьте вопросы по ключевым моментам предыдущих слайдов.",
          "Add questions on the key points of the earlier slides."),
    ),
    "kinds": msg(
        "error",
        t("Қорытынды тестте сұрақ түрлері тым аз: {kinds} (кемінде {min} түр керек)",
          "В итоговом тесте мало типов вопросов: {kinds} (нужно не менее {min})",
          "The final test has too few kinds of question: {kinds} (at least {min} needed)"),
        t("Әртүрлі түрлерді қолданыңыз: бір/көп таңдау, реттілік, сәйкестендіру, бос орын…",
          "Используйте разные типы: выбор, порядок, сопоставление, пропуски…",
          "Mix kinds: choice, correct order, matching, fill in the blanks…"),
    ),
    "last": msg(
        "warning",
        t("Қорытынды тест соңғы слайдта емес (слайд {slide} / {total})",
          "Итоговый тест не на последнем слайде (слайд {slide} из {total})",
          "The final test is not on the last slide (slide {slide} of {total})"),
        t("Тестті соңғы слайдқа жылжытыңыз.", "Перенесите тест на последний слайд.",
          "Move the test to the last slide."),
    ),
}  # fmt: skip

# Kinds the regulation names as different: single and multiple choice are one kind.
_FAMILY = {"single": "choice", "multiple": "choice"}


def check(subject: Subject) -> Iterator[Diagnostic]:
    quizzes = known(subject.quizzes) or []
    finals = [q for q in quizzes if q.final]
    if not finals:
        yield finding(ID, "", subject.location)
        return
    quiz = finals[-1]
    n = len(quiz.questions)
    if n < MIN_QUESTIONS:
        yield finding(
            ID, "count", quiz.location, path=f"slide {quiz.slide}", count=n, min=MIN_QUESTIONS
        )
    kinds = sorted({_FAMILY.get(q.kind, q.kind) for q in quiz.questions})
    if len(kinds) < MIN_KINDS:
        yield finding(
            ID, "kinds", quiz.location, path=f"slide {quiz.slide}",
            kinds=", ".join(kinds) or "-", min=MIN_KINDS,
        )  # fmt: skip
    slides = known(subject.slides)
    if slides and quiz.slide < len(slides):
        yield finding(ID, "last", quiz.location, slide=quiz.slide, total=len(slides))
