"""The words the importer writes: placeholders, TODO notes and the import report, in kk/ru/en."""

from __future__ import annotations

import re

from oqu.diagnostics import Lang

_KK_ONLY = re.compile(r"[әіңғүұқөһӘІҢҒҮҰҚӨҺ]")
_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")


def detect_language(text: str) -> Lang:
    """Kazakh when its own letters appear, Russian for other Cyrillic, else English."""
    kk = len(_KK_ONLY.findall(text))
    cyr = len(_CYRILLIC.findall(text))
    if kk and kk * 200 >= cyr:  # a Russian deck that quotes one Kazakh word stays Russian
        return "kk"
    if cyr:
        return "ru"
    return "en"


T: dict[str, dict[Lang, str]] = {
    # placeholders written into der.yaml (clearly marked, never a guess)
    "ph_title": {
        "kk": "TODO: ЦББР атауы",
        "ru": "TODO: название ЦОР",
        "en": "TODO: name of the DER",
    },
    "ph_department": {
        "kk": "TODO: кафедраның толық атауы",
        "ru": "TODO: полное название кафедры",
        "en": "TODO: full name of the department",
    },
    "ph_discipline": {
        "kk": "TODO: пәннің атауы",
        "ru": "TODO: название дисциплины",
        "en": "TODO: name of the discipline",
    },
    "ph_name": {
        "kk": "TODO: авторның толық аты-жөні",
        "ru": "TODO: ФИО автора",
        "en": "TODO: the author's full name",
    },
    "ph_licence": {
        "kk": "TODO: лицензиясын көрсетіңіз",
        "ru": "TODO: укажите лицензию",
        "en": "TODO: state the licence",
    },
    "credit_source": {
        "kk": "{deck}, {slide}-слайд (TODO: бастапқы көзін көрсетіңіз)",
        "ru": "{deck}, слайд {slide} (TODO: укажите первоисточник)",
        "en": "{deck}, slide {slide} (TODO: state the original source)",
    },
    "yaml_header": {
        "kk": "# {deck} файлынан `oqu import pptx` арқылы алынды. TODO белгіленген мәндерді\n"
        "# толтырыңыз; не тексеру керегі import-report.md файлында.",
        "ru": "# Импортировано из {deck} командой `oqu import pptx`. Заполните значения с\n"
        "# пометкой TODO; что проверить — в import-report.md.",
        "en": "# Imported from {deck} by `oqu import pptx`. Fill in the values marked TODO;\n"
        "# what to check is listed in import-report.md.",
    },
    "slide_title": {"kk": "{n}-слайд", "ru": "Слайд {n}", "en": "Slide {n}"},
    "module_title": {"kk": "Негізгі бөлім", "ru": "Основная часть", "en": "Main part"},
    "rendered_alt": {
        "kk": "«{title}» слайдының суреті",
        "ru": "Изображение слайда «{title}»",
        "en": "Picture of the slide '{title}'",
    },
    # TODO notes inside the module
    "todo_element": {
        "kk": "TODO: Бұл слайд — үлгінің интерактивті элементі (10.1.3), бірақ оның мазмұнынан "
        "элемент түрі анықталмады. Мәтінді :::process, :::tabs, :::catalogue, :::hotspots "
        "немесе басқа блокқа орналастырыңыз және сурет не бейне қосыңыз (docs/format.md).",
        "ru": "TODO: Этот слайд — интерактивный элемент шаблона (10.1.3), но по его содержимому "
        "тип элемента не определён. Поместите текст в блок :::process, :::tabs, :::catalogue, "
        ":::hotspots или другой и добавьте изображение или видео (docs/format.md).",
        "en": "TODO: This slide is one of the template's interactive elements (10.1.3), but its "
        "content does not show which kind. Put the text into a :::process, :::tabs, "
        ":::catalogue, :::hotspots or other block and add a picture or video (docs/format.md).",
    },
    "todo_empty": {
        "kk": "TODO: Презентацияда титул слайдынан басқа слайд жоқ. Мазмұн слайдтарын «## "
        "Тақырып» жолдарымен қосыңыз (docs/format.md).",
        "ru": "TODO: В презентации нет слайдов, кроме титульного. Добавьте слайды строками "
        "«## Заголовок» (docs/format.md).",
        "en": "TODO: The deck has no slide besides the title slide. Add slides with '## Title' "
        "lines (docs/format.md).",
    },
    "todo_questions": {
        "kk": "TODO: Бұл сұрақтардың дұрыс жауабы немесе нұсқалары анықталмады. Оларды "
        ":::quiz ішіне «### Сұрақ» және «- [x] дұрыс жауап» түрінде көшіріңіз.",
        "ru": "TODO: У этих вопросов не удалось определить варианты или правильный ответ. "
        "Перенесите их в :::quiz в виде «### Вопрос» и «- [x] правильный ответ».",
        "en": "TODO: The options or the correct answer of these questions could not be "
        "recognised. Move them into :::quiz as '### Question' and '- [x] right answer'.",
    },
    "todo_media": {
        "kk": "TODO: {files} файлын ойнатқыш көрсете алмайды; MP4 (бейне), MP3 (дыбыс) немесе "
        "PNG (сурет) пішіміне түрлендіріп, осында қосыңыз.",
        "ru": "TODO: Файл {files} проигрыватель показать не может; преобразуйте его в MP4 "
        "(видео), MP3 (звук) или PNG (изображение) и добавьте сюда.",
        "en": "TODO: The player cannot show {files}; convert it to MP4 (video), MP3 (audio) "
        "or PNG (picture) and add it here.",
    },
    "todo_linked": {
        "kk": "TODO: Бейне/дыбыс презентацияның ішінде емес, сыртқы файлға сілтеме ретінде "
        "қойылған ({files}), сондықтан оқылмады. Оны қайта қойыңыз: LibreOffice-те «Кірістіру "
        "▸ Дыбыс не бейне», «Сілтеме» белгісін алып тастаңыз; немесе файлды media/ ішіне "
        "көшіріп, :::video {{src=media/…}} қосыңыз.",
        "ru": "TODO: Видео/звук не внутри презентации, а вставлено ссылкой на внешний файл "
        "({files}), поэтому не прочитано. Вставьте его заново: в LibreOffice «Вставка ▸ Звук "
        "или видео», снимите флажок «Связь»; или скопируйте файл в media/ и добавьте "
        ":::video {{src=media/…}}.",
        "en": "TODO: The video/audio is not inside the deck but linked to a file outside it "
        "({files}), so it was not read. Insert it again: in LibreOffice, Insert ▸ Audio or "
        "Video with «Link» unticked; or copy the file into media/ and add :::video "
        "{{src=media/…}}.",
    },
    "todo_render": {
        "kk": "TODO: Бұл слайдта {what} бар; LibreOffice болмағандықтан, слайдтың суреті "
        "жасалмады. Мәтіні төменде сақталды — суретін қосыңыз.",
        "ru": "TODO: На этом слайде есть {what}; LibreOffice недоступен, поэтому изображение "
        "слайда не создано. Текст сохранён ниже — добавьте изображение.",
        "en": "TODO: This slide has {what}; LibreOffice was not available, so no picture of "
        "the slide was made. Its text is kept below: add a picture.",
    },
    # the report
    "report_title": {
        "kk": "# Импорттау есебі: {deck}",
        "ru": "# Отчёт об импорте: {deck}",
        "en": "# Import report: {deck}",
    },
    "summary": {
        "kk": "Слайдтар: {slides}. Тіл: {language}. Медиафайлдар: {media}. Нәтиже: `{out}`.",
        "ru": "Слайдов: {slides}. Язык: {language}. Медиафайлов: {media}. Результат: `{out}`.",
        "en": "Slides: {slides}. Language: {language}. Media files: {media}. Output: `{out}`.",
    },
    "h_meta": {
        "kk": "## Метадеректер (der.yaml)",
        "ru": "## Метаданные (der.yaml)",
        "en": "## Metadata (der.yaml)",
    },
    "h_slides": {"kk": "## Слайдтар", "ru": "## Слайды", "en": "## Slides"},
    "h_attention": {
        "kk": "## Назар аударыңыз",
        "ru": "## Требует внимания",
        "en": "## Needs your attention",
    },
    "h_build": {"kk": "## Құрастыру тексерісі", "ru": "## Проверка сборки", "en": "## Build check"},
    "h_check": {
        "kk": "## Тексеру (oqu check)",
        "ru": "## Проверка (oqu check)",
        "en": "## Check (oqu check)",
    },
    "found": {"kk": "табылды", "ru": "найдено", "en": "found"},
    "missing": {"kk": "табылмады", "ru": "не найдено", "en": "not found"},
    "from_props": {
        "kk": "файлдың қасиеттерінен (құрылған күні)",
        "ru": "из свойств файла (дата создания)",
        "en": "from the file's properties (date created)",
    },
    "date_today": {
        "kk": "импорттау күні — әзірленген күнмен ауыстырыңыз",
        "ru": "дата импорта — замените датой разработки",
        "en": "the import date: replace it with the date of development",
    },
    "none": {"kk": "жоқ", "ru": "нет", "en": "none"},
    "unused_line": {
        "kk": "Титул слайдының «{line}» жолы ешбір өріске сәйкес келмеді",
        "ru": "Строка титульного слайда «{line}» не отнесена ни к одному полю",
        "en": "Title-slide line '{line}' did not match any field",
    },
    "photo_guess": {
        "kk": "Автордың фотосы: {path} (суреттің пішіні бойынша таңдалды — тексеріңіз)",
        "ru": "Фото автора: {path} (выбрано по форме изображения — проверьте)",
        "en": "Author's photo: {path} (chosen by the picture's shape — check it)",
    },
    "map_title": {
        "kk": "титул слайды → der.yaml",
        "ru": "титульный слайд → der.yaml",
        "en": "title slide → der.yaml",
    },
    "map_contents": {
        "kk": "мазмұн слайды → topics ({n} тақырып)",
        "ru": "слайд содержания → topics (тем: {n})",
        "en": "contents slide → topics ({n} topics)",
    },
    "map_kind": {
        "kk": ":::{kind} ({n} элемент{why})",
        "ru": ":::{kind} (элементов: {n}{why})",
        "en": ":::{kind} ({n} items{why})",
    },
    "map_tree": {
        "kk": ":::hierarchy ({n} элемент, қосқыш сызықтары бойынша)",
        "ru": ":::hierarchy (элементов: {n}, по соединительным линиям)",
        "en": ":::hierarchy ({n} items, from the connectors)",
    },
    "map_columns": {
        "kk": "; екі баған (:::columns): мәтін мен сурет қатар",
        "ru": "; две колонки (:::columns): текст и изображение рядом",
        "en": "; two columns (:::columns): text and picture side by side",
    },
    "tree_failed": {
        "kk": "{slide}-слайд: пішіндер мен қосқыш сызықтарынан ағаш құрылмады ({why}) — "
        "слайд суретке айналдырылды, мәтіні сақталды",
        "ru": "Слайд {slide}: из фигур и соединительных линий не удалось построить дерево "
        "({why}) — слайд преобразован в изображение, текст сохранён",
        "en": "Slide {slide}: the shapes and connectors do not make a tree ({why}); the slide "
        "was rendered to a picture and its text kept",
    },
    "why_hint": {"kk": ", тақырыбы бойынша", "ru": ", по заголовку", "en": ", from its title"},
    "map_media": {
        "kk": ":::{kind} ({path})",
        "ru": ":::{kind} ({path})",
        "en": ":::{kind} ({path})",
    },
    "map_text": {"kk": "мәтін", "ru": "текст", "en": "text"},
    "map_todo": {
        "kk": "мәтін + TODO (элемент түрі анықталмады)",
        "ru": "текст + TODO (тип элемента не определён)",
        "en": "text + TODO (kind of element not recognised)",
    },
    "map_quiz": {
        "kk": ":::quiz{final} ({n} сұрақ{todo})",
        "ru": ":::quiz{final} (вопросов: {n}{todo})",
        "en": ":::quiz{final} ({n} questions{todo})",
    },
    "quiz_todo": {"kk": ", {n} — TODO", "ru": ", {n} — TODO", "en": ", {n} left as TODO"},
    "few_questions": {
        "kk": "Қорытынды тестте {n} сұрақ бар; 10.1.4 кемінде 5 сұрақ талап етеді",
        "ru": "В итоговом тесте {n} вопросов; пункт 10.1.4 требует не менее 5",
        "en": "The final test has {n} questions; clause 10.1.4 asks for at least 5",
    },
    "no_final": {
        "kk": "Соңғы слайдта сұрақтар табылмады: қорытынды тест жоқ (10.1.4)",
        "ru": "На последнем слайде вопросы не найдены: итогового теста нет (10.1.4)",
        "en": "No questions found on the last slide: there is no final test (10.1.4)",
    },
    "q_unresolved": {
        "kk": "{slide}-слайд, {num}-сұрақ: {why} — TODO блогында қалдырылды",
        "ru": "Слайд {slide}, вопрос {num}: {why} — оставлен в блоке TODO",
        "en": "Slide {slide}, question {num}: {why} — kept in a TODO note",
    },
    "why_options": {"kk": "нұсқалары жоқ", "ru": "нет вариантов", "en": "no options"},
    "why_answer": {
        "kk": "дұрыс жауабы белгіленбеген",
        "ru": "правильный ответ не отмечен",
        "en": "no answer marked",
    },
    "why_duplicate": {
        "kk": "нұсқалары қайталанады",
        "ru": "варианты повторяются",
        "en": "options repeat",
    },
    "merged": {
        "kk": "{slide}-слайд: кестеде біріктірілген ұяшықтар бар — Markdown-да олар бос ұяшық",
        "ru": "Слайд {slide}: в таблице объединённые ячейки — в Markdown они пустые",
        "en": "Slide {slide}: the table has merged cells; in Markdown they are empty cells",
    },
    "no_visual": {
        "kk": "{slide}-слайд: интерактивті элементте сурет не бейне жоқ (10.1.3)",
        "ru": "Слайд {slide}: в интерактивном элементе нет изображения или видео (10.1.3)",
        "en": "Slide {slide}: the interactive element has no picture or video (10.1.3)",
    },
    "rendered_ok": {
        "kk": "{slide}-слайд ({what}) LibreOffice арқылы суретке айналдырылды: {path}",
        "ru": "Слайд {slide} ({what}) преобразован в изображение LibreOffice: {path}",
        "en": "Slide {slide} ({what}) rendered to a picture by LibreOffice: {path}",
    },
    "credits": {
        "kk": "Әр медиафайлдың көзі мен лицензиясын der.yaml ішіндегі media: бөлімінде "
        "толтырыңыз (11-тармақ)",
        "ru": "Укажите источник и лицензию каждого медиафайла в разделе media: файла der.yaml "
        "(пункт 11)",
        "en": "Fill in the source and licence of each media file under media: in der.yaml "
        "(clause 11)",
    },
    "build_ok": {
        "kk": "Нәтиже `oqu build` тексерісінен қатесіз өтті.",
        "ru": "Результат прошёл проверку `oqu build` без ошибок.",
        "en": "The result passes `oqu build`'s checks without errors.",
    },
    "build_bad": {
        "kk": "`oqu build` тексерісі қателер тапты (импорттағы ақау — хабарлаңыз):",
        "ru": "Проверка `oqu build` нашла ошибки (это недочёт импорта — сообщите):",
        "en": "`oqu build`'s checks found errors (an importer bug — please report it):",
    },
    "checker_missing": {
        "kk": "checker not available: `oqu check` әлі жоқ.",
        "ru": "checker not available: команды `oqu check` пока нет.",
        "en": "checker not available: `oqu check` does not exist yet.",
    },
    "checker_skipped": {
        "kk": "`oqu check` іске қосылмады (--no-check).",
        "ru": "`oqu check` не запускался (--no-check).",
        "en": "`oqu check` was not run (--no-check).",
    },
    "checker_failed": {
        "kk": "`oqu check` іске қосылмады: {problem}",
        "ru": "`oqu check` не запустился: {problem}",
        "en": "`oqu check` could not run: {problem}",
    },
    "checker_verdict": {
        "kk": "Қорытынды: {verdict}; табылғандар: {n}.",
        "ru": "Итог: {verdict}; замечаний: {n}.",
        "en": "Verdict: {verdict}; findings: {n}.",
    },
    "render_missing": {
        "kk": "LibreOffice (soffice) табылмады: күрделі слайдтар суретке айналдырылмады.",
        "ru": "LibreOffice (soffice) не найден: сложные слайды не преобразованы в изображения.",
        "en": "LibreOffice (soffice) not found: complex slides were not rendered to pictures.",
    },
    "progress_read": {
        "kk": "{deck}: {n} слайд оқылды",
        "ru": "{deck}: прочитано слайдов: {n}",
        "en": "{deck}: {n} slides read",
    },
    "progress_render": {
        "kk": "LibreOffice {n} слайдты суретке айналдыруда: {slides}",
        "ru": "LibreOffice преобразует в изображения слайды ({n}): {slides}",
        "en": "LibreOffice is rendering {n} slide(s) to pictures: {slides}",
    },
    "progress_wait": {
        "kk": "  LibreOffice жұмыс істеп жатыр… {s} с",
        "ru": "  LibreOffice работает… {s} с",
        "en": "  LibreOffice is working… {s} s",
    },
    "progress_page": {
        "kk": "  {slide}-слайд дайын ({done}/{total})",
        "ru": "  слайд {slide} готов ({done}/{total})",
        "en": "  slide {slide} done ({done}/{total})",
    },
    "progress_check": {
        "kk": "Нәтиже тексерілуде (oqu check)…",
        "ru": "Проверка результата (oqu check)…",
        "en": "Checking the result (oqu check)…",
    },
    "progress_done": {
        "kk": "Дайын: {s} с",
        "ru": "Готово за {s} с",
        "en": "Done in {s} s",
    },
    "nothing": {"kk": "Ескертпе жоқ.", "ru": "Замечаний нет.", "en": "Nothing to report."},
    "written": {
        "kk": "Жазылды: {out} (есеп: {report})",
        "ru": "Записано: {out} (отчёт: {report})",
        "en": "Written: {out} (report: {report})",
    },
}


def tr(key: str, lang: Lang, **args: object) -> str:
    text = T[key][lang]
    return text.format(**args) if args else text


PARTS: dict[str, dict[Lang, str]] = {
    "table": {"kk": "кесте", "ru": "таблица", "en": "table"},
    "image": {"kk": "сурет", "ru": "изображение", "en": "image"},
    "notes": {"kk": "ескертпелер", "ru": "заметки", "en": "notes"},
    "rendered": {"kk": "слайд суреті", "ru": "изображение слайда", "en": "slide picture"},
}
