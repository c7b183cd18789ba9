"""10.1 — a DER follows form 02 and has at least ten slides."""

from __future__ import annotations

from collections.abc import Iterator

from oqu.diagnostics import Diagnostic
from oqu.model.subject import Subject, known
from oqu.rules.base import finding, msg, t

ID = "10.1"
SEVERITY = "error"
NEEDS = ("slides",)
MIN_SLIDES = 10
TITLE = t("Кемінде 10 слайд", "Не менее 10 слайдов", "At least 10 slides")
MESSAGES = {
    "": msg(
        "error",
        t(
            "Слайдтар саны {count}, ал кемінде {min} болуы керек",
            "В ЦОР {count} {count:p|слайд|слайда|слайдов}, а должно быть не менее {min}",
            "The DER has {count} {count:p|slide|slides}; it needs at least {min}",
        ),
        t(
            "Ү.ЖИЦДО-7.5.1-2025-03-02 үлгісі бойынша слайдтар қосыңыз: титул, мазмұны, "
            "интерактивті элементтер, қорытынды тест.",
            "Добавьте слайды по шаблону формы 02: титульный, содержание, интерактивные "
            "элементы, итоговый тест.",
            "Add slides following form 02: title, contents, interactive elements, final test.",
        ),
    ),
}


def check(subject: Subject) -> Iterator[Diagnostic]:
    slides = known(subject.slides) or []
    if len(slides) < MIN_SLIDES:
        yield finding(ID, "", subject.location, count=len(slides), min=MIN_SLIDES)
