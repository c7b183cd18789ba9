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
    # the quiz player (player/quiz.js)
    "quiz_submit": {"kk": "Тестті тапсыру", "ru": "Сдать тест", "en": "Submit the test"},
    "quiz_retry": {"kk": "Қайта тапсыру", "ru": "Пройти заново", "en": "Try again"},
    "quiz_attempt": {
        "kk": "{n}-әрекет / {total}",
        "ru": "Попытка {n} из {total}",
        "en": "Attempt {n} of {total}",
    },
    "quiz_attempt_free": {"kk": "{n}-әрекет", "ru": "Попытка {n}", "en": "Attempt {n}"},
    "quiz_no_attempts": {
        "kk": "Әрекеттер таусылды",
        "ru": "Попытки закончились",
        "en": "No attempts left",
    },
    "quiz_pass_mark": {
        "kk": "Өту шегі: {pct} %",
        "ru": "Проходной балл: {pct} %",
        "en": "Pass mark: {pct} %",
    },
    "quiz_score": {
        "kk": "Нәтиже: {score} / {max} балл ({pct} %)",
        "ru": "Результат: {score} из {max} баллов ({pct} %)",
        "en": "Score: {score} of {max} points ({pct}%)",
    },
    "quiz_results": {"kk": "Тест нәтижелері", "ru": "Результаты теста", "en": "Test results"},
    "quiz_no_answer": {"kk": "Жауап берілмеді", "ru": "Нет ответа", "en": "No answer"},
    "quiz_attempts_left": {
        "kk": "Қалған әрекет саны: {n}",
        "ru": "Осталось попыток: {n}",
        "en": "Attempts left: {n}",
    },
    "quiz_points": {
        "kk": "{score} / {max} балл",
        "ru": "{score} из {max}",
        "en": "{score} of {max}",
    },
    "quiz_passed": {"kk": "Тест тапсырылды", "ru": "Тест сдан", "en": "Passed"},
    "quiz_failed": {"kk": "Тест тапсырылмады", "ru": "Тест не сдан", "en": "Not passed"},
    "quiz_time_left": {"kk": "Қалған уақыт", "ru": "Осталось времени", "en": "Time left"},
    "quiz_time_warn": {
        "kk": "Қалған уақыт: {t}",
        "ru": "Осталось времени: {t}",
        "en": "Time left: {t}",
    },
    "quiz_time_up": {
        "kk": "Уақыт бітті: тест тапсырылды",
        "ru": "Время вышло: тест отправлен",
        "en": "Time is up: the test was submitted",
    },
    "quiz_hint": {"kk": "Кеңес", "ru": "Подсказка", "en": "Hint"},
    "quiz_right": {"kk": "Дұрыс", "ru": "Верно", "en": "Right"},
    "quiz_wrong": {"kk": "Қате", "ru": "Неверно", "en": "Wrong"},
    "quiz_partly": {"kk": "Жартылай дұрыс", "ru": "Частично верно", "en": "Partly right"},
    "quiz_recorded": {
        "kk": "Жауабыңыз сақталды",
        "ru": "Ваш ответ сохранён",
        "en": "Your answer was recorded",
    },
    "quiz_right_answer": {
        "kk": "Дұрыс жауап:",
        "ru": "Правильный ответ:",
        "en": "Right answer:",
    },
    "quiz_chosen": {"kk": "сіздің таңдауыңыз", "ru": "ваш выбор", "en": "your choice"},
    # drag and drop (player/quiz.js, dnd()): instructions and what a screen reader hears
    "quiz_dnd_help": {
        "kk": "Пробел — алу не қою; бағыттауыштар — орынды таңдау; Escape — болдырмау.",
        "ru": "Пробел — взять или положить; стрелки — выбрать место; Escape — отменить.",
        "en": "Space: pick up or drop; arrows: choose the place; Escape: cancel.",
    },
    "quiz_dnd_pick": {"kk": "«{item}» алынды", "ru": "«{item}» взято", "en": "“{item}” picked up"},
    "quiz_dnd_drop": {
        "kk": "«{item}» қойылды: {place}",
        "ru": "«{item}» положено: {place}",
        "en": "“{item}” dropped: {place}",
    },
    "quiz_dnd_cancel": {
        "kk": "Болдырылмады: «{item}» орнында қалды",
        "ru": "Отменено: «{item}» на прежнем месте",
        "en": "Cancelled: “{item}” is back",
    },
    "quiz_dnd_gap": {
        "kk": "бос орын {n} / {total}",
        "ru": "пропуск {n} из {total}",
        "en": "gap {n} of {total}",
    },
    "quiz_dnd_pos": {
        "kk": "орын {n} / {total}",
        "ru": "место {n} из {total}",
        "en": "place {n} of {total}",
    },
    "quiz_dnd_bank": {"kk": "тізімге қайта", "ru": "обратно в список", "en": "back to the list"},
    "quiz_dnd_cross": {
        "kk": "Сурет: айқышты бағыттауыштармен жылжытыңыз (Shift — үлкен қадам); "
        "Пробел не Enter нүктені қояды",
        "ru": "Рисунок: двигайте крестик стрелками (Shift — крупный шаг); "
        "Пробел или Enter ставит точку",
        "en": "Picture: move the cross with the arrows (Shift: bigger steps); "
        "Space or Enter places the point",
    },
    "quiz_dnd_xy": {
        "kk": "көлденеңінен {x} %, тігінен {y} %",
        "ru": "{x} % по горизонтали, {y} % по вертикали",
        "en": "{x} % across, {y} % down",
    },
    "quiz_point": {
        "kk": "Суреттегі нүкте таңдалды",
        "ru": "Выбрана точка на рисунке",
        "en": "A point on the picture is chosen",
    },
    "quiz_unanswered": {
        "kk": "Жауапсыз сұрақтар: {n}",
        "ru": "Вопросов без ответа: {n}",
        "en": "Questions not answered: {n}",
    },
    "quiz_question_of": {
        "kk": "{n}-сұрақ / {total}",
        "ru": "Вопрос {n} из {total}",
        "en": "Question {n} of {total}",
    },
    "quiz_words": {"kk": "Сөздер", "ru": "Слова", "en": "Words"},
    "quiz_essay_min": {
        "kk": "Кемінде {min} сөз",
        "ru": "Не менее {min} слов",
        "en": "At least {min} words",
    },
    "quiz_essay_count": {
        "kk": "Сөз саны: {n}, кемінде {min} керек",
        "ru": "Слов: {n}, нужно не менее {min}",
        "en": "Words: {n} of at least {min}",
    },
    "your_answer": {"kk": "Жауабыңыз", "ru": "Ваш ответ", "en": "Your answer"},
    "transcript": {"kk": "Мәтіні", "ru": "Расшифровка", "en": "Transcript"},
    "code": {"kk": "Код", "ru": "Код", "en": "Code"},  # a code block's name (sources/markdown.py)
    "notes": {"kk": "Ескертпелер", "ru": "Заметки", "en": "Notes"},
    "glossary": {"kk": "Глоссарий", "ru": "Глоссарий", "en": "Glossary"},
    "outline": {"kk": "Құрылымы", "ru": "Оглавление", "en": "Outline"},
    "search": {"kk": "Іздеу", "ru": "Поиск", "en": "Search"},
    "search_hits": {
        "kk": "Табылғаны: {n}",
        "ru": "Найдено: {n}",
        "en": "Found: {n}",
    },
    "references": {"kk": "Әдебиеттер", "ru": "Литература", "en": "References"},
    "references_basic": {"kk": "Негізгі әдебиет", "ru": "Основная литература", "en": "Basic"},
    "references_additional": {
        "kk": "Қосымша әдебиет",
        "ru": "Дополнительная литература",
        "en": "Additional",
    },
    "media_list": {"kk": "Медиа", "ru": "Медиа", "en": "Media"},
    "video": {"kk": "Бейне", "ru": "Видео", "en": "Video"},
    "audio": {"kk": "Аудио", "ru": "Аудио", "en": "Audio"},
    "figure": {"kk": "Сурет", "ru": "Рисунок", "en": "Figure"},
    "write_teacher": {
        "kk": "Оқытушыға жазу",
        "ru": "Написать преподавателю",
        "en": "Write to the teacher",
    },
    "fullscreen": {"kk": "Толық экран", "ru": "Во весь экран", "en": "Full screen"},
    "close": {"kk": "Жабу", "ru": "Закрыть", "en": "Close"},
    "goto": {"kk": "Слайдқа өту", "ru": "Перейти к слайду", "en": "Go to slide"},
    "go": {"kk": "Өту", "ru": "Перейти", "en": "Go"},
    "progress": {"kk": "Қаралғаны", "ru": "Просмотрено", "en": "Viewed"},
    "menu": {"kk": "Мәзір", "ru": "Меню", "en": "Menu"},
    "step_of": {
        "kk": "{total} қадамның {n}-і",
        "ru": "Шаг {n} из {total}",
        "en": "Step {n} of {total}",
    },
    "prev_step": {"kk": "Алдыңғы қадам", "ru": "Предыдущий шаг", "en": "Previous step"},
    "next_step": {"kk": "Келесі қадам", "ru": "Следующий шаг", "en": "Next step"},
    "restart": {"kk": "Басынан бастау", "ru": "Начать сначала", "en": "Start over"},
    "flip": {"kk": "Карточканы аудару", "ru": "Перевернуть карточку", "en": "Turn the card"},
    "flipped": {
        "kk": "Карточканың артқы беті",
        "ru": "Обратная сторона карточки",
        "en": "Back of the card",
    },
    "media_error": {
        "kk": "Медиафайл жүктелмеді",
        "ru": "Не удалось загрузить медиафайл",
        "en": "The media file could not be loaded",
    },
    "missing": {
        "kk": "Бұл элементтің мазмұны жоқ",
        "ru": "У этого элемента нет содержимого",
        "en": "This element has no content",
    },
    "open": {"kk": "Ашу", "ru": "Открыть", "en": "Open"},
    "slides_panel": {"kk": "Слайдтар", "ru": "Слайды", "en": "Slides"},
    "zoom": {"kk": "Суретті үлкейту", "ru": "Увеличить рисунок", "en": "Enlarge the picture"},
}

# Each language named in itself, as a language menu shows it (caption tracks).
LANGUAGE_NAMES: dict[str, str] = {"kk": "Қазақша", "ru": "Русский", "en": "English"}

LIKERT_DEFAULT: dict[Lang, list[str]] = {
    "kk": ["Мүлдем келіспеймін", "Келіспеймін", "Бейтарап", "Келісемін", "Толық келісемін"],
    "ru": ["Совсем не согласен", "Не согласен", "Нейтрально", "Согласен", "Полностью согласен"],
    "en": ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"],
}


def t(key: str, lang: Lang) -> str:
    return STRINGS[key][lang]


def strings(lang: Lang) -> dict[str, str]:
    return {k: v[lang] for k, v in STRINGS.items()}
