"""Interface text a learner reads (generated slides and the player), in kk, ru and en."""

from __future__ import annotations

from oqu.diagnostics import Lang

STRINGS: dict[str, dict[Lang, str]] = {
    "discipline": {"kk": "Пән", "ru": "Дисциплина", "en": "Discipline"},
    "department": {"kk": "Кафедра", "ru": "Кафедра", "en": "Department"},
    "faculty": {"kk": "Факультет", "ru": "Факультет", "en": "Faculty"},
    "authors": {"kk": "Авторы", "ru": "Автор", "en": "Author"},
    "date": {"kk": "Әзірленген күні", "ru": "Дата разработки", "en": "Date of development"},
    "audience": {"kk": "Мақсатты аудитория", "ru": "Целевая аудитория", "en": "Target audience"},
    "contents": {"kk": "Мазмұны", "ru": "Содержание", "en": "Contents"},
    "contact": {"kk": "Байланыс", "ru": "Контакты", "en": "Contact"},
    "prev": {"kk": "Алдыңғы", "ru": "Назад", "en": "Previous"},
    "next": {"kk": "Келесі", "ru": "Далее", "en": "Next"},
    "slide_of": {"kk": "{n} / {total}", "ru": "{n} из {total}", "en": "{n} of {total}"},
    "navigation": {
        "kk": "Слайдтар бойынша навигация",
        "ru": "Навигация по слайдам",
        "en": "Slide navigation",
    },
    "slide": {"kk": "Слайд", "ru": "Слайд", "en": "Slide"},
    "true": {"kk": "Дұрыс", "ru": "Верно", "en": "True"},
    "false": {"kk": "Қате", "ru": "Неверно", "en": "False"},
    "check": {"kk": "Тексеру", "ru": "Проверить", "en": "Check"},
    "your_answer": {"kk": "Жауабыңыз", "ru": "Ваш ответ", "en": "Your answer"},
    "transcript": {"kk": "Мәтіні", "ru": "Расшифровка", "en": "Transcript"},
    "notes": {"kk": "Ескертпелер", "ru": "Заметки", "en": "Notes"},
    "glossary": {"kk": "Глоссарий", "ru": "Глоссарий", "en": "Glossary"},
}

LIKERT_DEFAULT: dict[Lang, list[str]] = {
    "kk": ["Мүлдем келіспеймін", "Келіспеймін", "Бейтарап", "Келісемін", "Толық келісемін"],
    "ru": ["Совсем не согласен", "Не согласен", "Нейтрально", "Согласен", "Полностью согласен"],
    "en": ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"],
}


def t(key: str, lang: Lang) -> str:
    return STRINGS[key][lang]


def strings(lang: Lang) -> dict[str, str]:
    return {k: v[lang] for k, v in STRINGS.items()}
