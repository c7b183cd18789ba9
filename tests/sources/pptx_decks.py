"""PowerPoint decks for the import tests and the benchmark, built with python-pptx.

A deck that follows form 02 (title, contents, seven element slides, a final test) in Kazakh,
Russian or English, and the pieces to break it with: no title fields, tables, notes, pictures
with and without alt text, an embedded video, group shapes, charts, many slides.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu, Inches, Pt

REPO = Path(__file__).resolve().parents[2]
VIDEO = REPO / "src/oqu/scaffold/templates/kk/media/video.mp4"

TITLE, TITLE_AND_CONTENT, TITLE_ONLY = 0, 1, 5


def png(
    width: int = 640, height: int = 360, colour: tuple[int, int, int] = (40, 110, 160)
) -> bytes:
    im = Image.new("RGB", (width, height), colour)
    d = ImageDraw.Draw(im)
    for x in range(0, width, 40):
        d.line([(x, 0), (x, height)], fill=(255, 255, 255), width=2)
    out = io.BytesIO()
    im.save(out, "PNG")
    return out.getvalue()


def jpeg(width: int = 300, height: int = 400, seed: int = 0) -> bytes:
    im = Image.new("RGB", (width, height), (120 + seed % 100, 90, 60))
    ImageDraw.Draw(im).ellipse([40, 40, width - 40, height - 120], fill=(230, 200, 170))
    out = io.BytesIO()
    im.save(out, "JPEG", quality=85)
    return out.getvalue()


def set_alt(shape: Any, text: str) -> None:
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", text)


def add_picture(
    slide: Any, data: bytes, left: float, top: float, width: float, alt: str | None
) -> Any:
    pic = slide.shapes.add_picture(io.BytesIO(data), Inches(left), Inches(top), width=Inches(width))
    if alt is not None:
        set_alt(pic, alt)
    else:  # python-pptx writes the file name as descr; a deck "without alt text" has none
        pic._element.xpath("./*[1]/p:cNvPr")[0].attrib.pop("descr", None)
    return pic


def text_box(
    slide: Any, left: float, top: float, width: float, height: float, paras: list[tuple[str, bool]]
) -> Any:
    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    tf = box.text_frame
    for i, (text, bold) in enumerate(paras):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        r = p.add_run()
        r.text = text
        r.font.bold = bold or None
    return box


def bullets(shape: Any, items: list[tuple[str, int]]) -> None:
    tf = shape.text_frame
    for i, (text, level) in enumerate(items):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        p.text = text
        p.level = level


def notes(slide: Any, text: str) -> None:
    slide.notes_slide.notes_text_frame.text = text


TEXT: dict[str, dict[str, Any]] = {
    "kk": {
        "title": "HACCP жүйесінің негіздері",
        "title_lines": [
            "Алматы технологиялық университеті",
            "https://atu.edu.kz",
            "Тағам өндірісі факультеті",
            "Тамақ өнімдерінің технологиясы және қауіпсіздігі кафедрасы",
            "Пән: Тағам қауіпсіздігі",
            "Әлиева Айгүл Серікқызы",
            "аға оқытушы, т.ғ.к.",
            "a.alieva@atu.edu.kz",
        ],
        "contents": "Мазмұны",
        "topics": [
            "HACCP қағидаттары",
            "Сыни бақылау нүктелері",
            "Мониторинг және түзету әрекеттері",
        ],
        "process": (
            "Процесс: HACCP жоспарын әзірлеу",
            ["1. Топ құру", "2. Өнімді сипаттау", "3. Технологиялық сызбаны құру"],
        ),
        "animation": (
            "Анимация: қауіп түрлері",
            [
                "Биологиялық қауіптер: бактериялар мен вирустар",
                "Химиялық қауіптер: жуғыш заттардың қалдықтары",
                "Физикалық қауіптер: шыны мен металл",
            ],
        ),
        "hierarchy": (
            "Иерархия: HACCP тобы",
            [("Топ жетекшісі", 0), ("Технолог", 1), ("Микробиолог", 1), ("Сапа менеджері", 1)],
        ),
        "catalogue": (
            "Каталог: қауіп көздері",
            [
                ("Шикізат", "Сүт пен ет шикізатының қауіптері."),
                ("Жабдық", "Жуылмаған жабдық — ластану көзі."),
                ("Персонал", "Қолдың гигиенасы маңызды."),
            ],
        ),
        "tabs": (
            "Қойындылар: бақылау түрлері",
            [
                ("Көзбен шолу", "Өнімнің сыртқы түрін тексеру."),
                ("Өлшеу", "Температура мен уақытты өлшеу."),
                ("Зертханалық талдау", "Микробиологиялық сынама алу."),
            ],
        ),
        "map": ("Карта: цехтың сызбасы", ["Қабылдау алаңы", "Пастерлеу бөлімі", "Қаптау бөлімі"]),
        "video": (
            "Бейне: пастерлеу — сыни бақылау нүктесі",
            "Бейнеде пастерлеу температурасын бақылау көрсетілген.",
        ),
        "alt": "Суреттің сипаттамасы: HACCP кезеңдерінің сызбасы",
        "notes": "Баяндамашыға ескертпе: кезеңдерді ретімен түсіндіріңіз.",
        "test": "Қорытынды тест",
        "questions": [
            "Төмендегі сұрақтарға жауап беріңіз.",
            "1. HACCP неше қағидаттан тұрады?",
            "а) 5",
            "ә) 7 *",
            "б) 9",
            "2. Сыни бақылау нүктесі дегеніміз не?",
            "A) Қауіпті болдырмауға болатын кезең (+)",
            "B) Кез келген кезең",
            "3. Пастерлеу температурасы қандай?",
            "a) 72 °C",
            "b) 100 °C",
            "Жауабы: a",
            "4. Қай қауіптер биологиялық?",
            "a) Бактериялар ✓",
            "b) Вирустар ✓",
            "c) Шыны",
            "5. HACCP жүйесін кім бекітті?",
            "a) Codex Alimentarius",
            "b) ЮНЕСКО",
            "Жауабы: a",
        ],
    },
    "ru": {
        "title": "Основы системы ХАССП",
        "title_lines": [
            "Алматинский технологический университет",
            "Факультет пищевых производств",
            "Кафедра технологии и безопасности пищевых продуктов",
            "Дисциплина: Безопасность пищевых продуктов",
            "Иванова Мария Петровна",
            "ст. преподаватель, к.т.н.",
            "m.ivanova@atu.edu.kz",
        ],
        "contents": "Содержание",
        "topics": [
            "Принципы ХАССП",
            "Критические контрольные точки",
            "Мониторинг и корректирующие действия",
        ],
        "process": (
            "Процесс: разработка плана ХАССП",
            ["1. Создание группы", "2. Описание продукта", "3. Построение технологической схемы"],
        ),
        "animation": (
            "Анимация: виды опасностей",
            [
                "Биологические опасности: бактерии и вирусы",
                "Химические опасности: остатки моющих средств",
                "Физические опасности: стекло и металл",
            ],
        ),
        "hierarchy": (
            "Иерархия: группа ХАССП",
            [
                ("Руководитель группы", 0),
                ("Технолог", 1),
                ("Микробиолог", 1),
                ("Менеджер по качеству", 1),
            ],
        ),
        "catalogue": (
            "Каталог: источники опасностей",
            [
                ("Сырьё", "Опасности молочного и мясного сырья."),
                ("Оборудование", "Немытое оборудование — источник загрязнения."),
                ("Персонал", "Гигиена рук важна."),
            ],
        ),
        "tabs": (
            "Вкладки: виды контроля",
            [
                ("Визуальный осмотр", "Проверка внешнего вида продукта."),
                ("Измерение", "Измерение температуры и времени."),
                ("Лабораторный анализ", "Отбор микробиологических проб."),
            ],
        ),
        "map": ("Карта: схема цеха", ["Приёмка сырья", "Участок пастеризации", "Участок упаковки"]),
        "video": (
            "Видео: пастеризация — критическая контрольная точка",
            "В видео показан контроль температуры пастеризации.",
        ),
        "alt": "Схема этапов ХАССП",
        "notes": "Заметка докладчика: объясните этапы по порядку.",
        "test": "Итоговый тест",
        "questions": [
            "Ответьте на вопросы.",
            "1. Сколько принципов у ХАССП?",
            "а) 5",
            "б) 7",
            "в) 9",
            "Ответ: б",
            "2. Что такое критическая контрольная точка?",
            "а) Этап, на котором опасность можно предотвратить *",
            "б) Любой этап",
            "3. Какова температура пастеризации?",
            "а) 72 °C ✓",
            "б) 100 °C",
            "4. Какие опасности биологические?",
            "а) Бактерии (+)",
            "б) Вирусы (+)",
            "в) Стекло",
            "5. Кто утвердил систему ХАССП?",
            "а) Codex Alimentarius",
            "б) ЮНЕСКО",
            "Ответ: а",
        ],
    },
}


def form02_deck(path: Path, lang: str = "kk", *, photo: bool = True, video: bool = True) -> Path:
    t = TEXT[lang]
    prs = Presentation()
    # 1. title slide
    s = prs.slides.add_slide(prs.slide_layouts[TITLE])
    s.shapes.title.text = t["title"]
    sub = s.placeholders[1]
    sub.text_frame.text = t["title_lines"][0]
    for line in t["title_lines"][1:]:
        sub.text_frame.add_paragraph().text = line
    if photo:
        add_picture(s, jpeg(), 0.3, 0.3, 1.2, "Автордың фотосы" if lang == "kk" else "Фото автора")
    # 2. contents
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_AND_CONTENT])
    s.shapes.title.text = t["contents"]
    bullets(s.placeholders[1], [(x, 0) for x in t["topics"]])
    # 3. process: numbered steps + picture + notes
    title, steps = t["process"]
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_AND_CONTENT])
    s.shapes.title.text = title
    bullets(s.placeholders[1], [(x, 0) for x in steps])
    add_picture(s, png(), 6.0, 2.0, 3.5, t["alt"])
    notes(s, t["notes"])
    # 4. animation: paragraphs + picture
    title, paras = t["animation"]
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_AND_CONTENT])
    s.shapes.title.text = title
    bullets(s.placeholders[1], [(x, 0) for x in paras])
    add_picture(s, png(colour=(160, 60, 40)), 6.0, 2.0, 3.5, t["alt"])
    # 5. hierarchy: levels + picture
    title, items = t["hierarchy"]
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_AND_CONTENT])
    s.shapes.title.text = title
    bullets(s.placeholders[1], items)
    add_picture(s, png(colour=(60, 140, 60)), 6.0, 2.0, 3.5, t["alt"])
    # 6. catalogue: three titled text boxes with a picture each
    title, cards = t["catalogue"]
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    s.shapes.title.text = title
    for i, (head, body) in enumerate(cards):
        text_box(s, 0.5 + 3.1 * i, 1.8, 2.9, 1.2, [(head, True), (body, False)])
        add_picture(s, png(320, 240, (30 * i, 100, 150)), 0.5 + 3.1 * i, 3.2, 2.9, f"{head}")
    # 7. tabs: three titled text boxes, one picture
    title, tabs = t["tabs"]
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    s.shapes.title.text = title
    for i, (head, body) in enumerate(tabs):
        text_box(s, 0.5 + 3.1 * i, 1.8, 2.9, 1.2, [(head, True), (body, False)])
    add_picture(s, png(colour=(90, 90, 160)), 3.0, 3.6, 4.0, t["alt"])
    # 8. map: picture + three callouts pointing into it
    title, labels = t["map"]
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    s.shapes.title.text = title
    add_picture(s, png(800, 450, (200, 200, 180)), 1.0, 1.5, 8.0, t["alt"])  # 8 x 4.5 in
    for i, label in enumerate(labels):
        c = s.shapes.add_shape(
            MSO_SHAPE.RECTANGULAR_CALLOUT,
            Inches(1.5 + 2.5 * i),
            Inches(2.0),
            Inches(1.6),
            Inches(0.6),
        )
        c.text_frame.text = label
        c.fill.solid()
        c.fill.fore_color.rgb = RGBColor(255, 255, 255)
    # 9. video
    title, desc = t["video"]
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    s.shapes.title.text = title
    text_box(s, 0.5, 1.5, 9.0, 0.8, [(desc, False)])
    if video:
        s.shapes.add_movie(
            str(VIDEO),
            Inches(1.5),
            Inches(2.5),
            Inches(6),
            Inches(3.4),
            mime_type="video/mp4",
            poster_frame_image=io.BytesIO(png(320, 180)),
        )
    # 10. final test
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    s.shapes.title.text = t["test"]
    text_box(s, 0.5, 1.4, 9.0, 5.5, [(q, False) for q in t["questions"]])
    prs.save(str(path))
    return path


def messy_deck(path: Path) -> Path:
    """Breaks the template: a bare title slide, a table, notes, alt text missing, a group, a link."""
    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[TITLE])
    s.shapes.title.text = "Food safety basics"
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    s.shapes.title.text = "Critical limits"
    rows = [
        ("Product", "Limit | unit", "Check"),
        ("Milk", "72 °C, 15 s", "*each batch*"),
        ("Meat", "70 °C", "$ probe"),
    ]
    table = s.shapes.add_table(3, 3, Inches(0.5), Inches(1.5), Inches(9), Inches(2)).table
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    notes(s, "Say why the limits matter.\nThen ask the students.")
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_AND_CONTENT])
    s.shapes.title.text = "Pictures"
    s.placeholders[1].text_frame.text = "One picture has alt text, one has none."
    add_picture(s, png(), 0.5, 3.0, 4.0, "A grid of white lines")
    add_picture(s, png(colour=(10, 200, 10)), 5.0, 3.0, 4.0, None)
    p = s.placeholders[1].text_frame.add_paragraph()
    r = p.add_run()
    r.text = "Codex Alimentarius"
    r.hyperlink.address = "https://www.fao.org/fao-who-codexalimentarius/"
    r2 = p.add_run()
    r2.text = " and a local file"
    r2.hyperlink.address = "file:///etc/passwd"
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    s.shapes.title.text = "Grouped drawing"
    group = s.shapes.add_group_shape()
    a = group.shapes.add_shape(MSO_SHAPE.OVAL, Inches(1), Inches(2), Inches(2), Inches(2))
    a.text_frame.text = "Hazard"
    b = group.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(4), Inches(2), Inches(2), Inches(2))
    b.text_frame.text = "Control"
    prs.save(str(path))
    return path


def chart_deck(path: Path) -> Path:
    """A slide with a chart and one with a group: both need rendering."""
    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[TITLE])
    s.shapes.title.text = "Pasteurisation data"
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    s.shapes.title.text = "Temperature by batch"
    data = CategoryChartData()
    data.categories = ["Batch 1", "Batch 2", "Batch 3"]
    data.add_series("°C", (72.1, 71.8, 72.4))
    s.shapes.add_chart(
        XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(1.5), Inches(8), Inches(5), data
    )
    prs.save(str(path))
    return path


def many_slides_deck(
    path: Path, slides: int = 60, images: int = 0, size: tuple[int, int] = (640, 360)
) -> Path:
    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[TITLE])
    s.shapes.title.text = "Тағам химиясы: дәрістер жинағы"
    made = 0
    for n in range(2, slides + 1):
        s = prs.slides.add_slide(prs.slide_layouts[TITLE_AND_CONTENT])
        s.shapes.title.text = f"{n}-дәріс: ақуыздар мен ферменттер"
        bullets(
            s.placeholders[1],
            [("Ақуыздың құрылымы", 0), ("Бірінші реттік құрылым", 1), ("Ферменттердің қызметі", 0)],
        )
        per = images // max(slides - 1, 1) + (1 if made < images % max(slides - 1, 1) else 0)
        for k in range(per):
            add_picture(
                s, photo_like(*size, seed=made), 5.0 + 0.2 * k, 2.0, 4.0, f"Сурет {made + 1}"
            )
            made += 1
        notes(s, f"{n}-слайдтың ескертпесі.")
    prs.save(str(path))
    return path


def photo_like(width: int, height: int, seed: int = 0) -> bytes:
    """A JPEG of realistic size: gradients and noise, like a photograph."""
    import random

    rnd = random.Random(seed)
    im = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    noise = Image.effect_noise((width, height), 40 + seed % 20).convert("RGB")
    im = Image.blend(im, noise, 0.35)
    d = ImageDraw.Draw(im)
    for _ in range(12):
        x, y = rnd.randrange(width), rnd.randrange(height)
        d.ellipse(
            [x, y, x + rnd.randrange(40, 300), y + rnd.randrange(40, 300)],
            fill=(rnd.randrange(256), rnd.randrange(256), rnd.randrange(256)),
        )
    out = io.BytesIO()
    im.save(out, "JPEG", quality=85)
    return out.getvalue()


def emu(inches: float) -> Emu:
    return Inches(inches)


__all__ = ["Pt", "chart_deck", "form02_deck", "many_slides_deck", "messy_deck", "photo_like"]


# --- structure (issue 16, item 10) ------------------------------------------------------------

ORG_CHART = [  # (text, left, top in inches, parent index)
    ("Директор\nА.С. Әлиева", 4.0, 1.6, None),
    ("Өндіріс бөлімі", 1.5, 3.2, 0),
    ("Сапа бөлімі", 6.5, 3.2, 0),
    ("Технолог", 0.5, 4.8, 1),
    ("Оператор", 2.6, 4.8, 1),
    ("Микробиолог", 6.5, 4.8, 2),
]


def org_chart_slide(prs: Any, title: str, *, loop: bool = False) -> Any:
    """Six boxes joined by elbow connectors; one connector drawn bottom-up, one only laid on the
    boxes (not glued), as lecturers draw them. ``loop``: a seventh line makes a cycle."""
    from pptx.enum.shapes import MSO_CONNECTOR

    s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    s.shapes.title.text = title
    boxes = []
    for text, left, top, _ in ORG_CHART:
        b = s.shapes.add_shape(
            MSO_SHAPE.ROUNDED_RECTANGLE, Inches(left), Inches(top), Inches(2.0), Inches(0.9)
        )
        b.text_frame.text = text.split("\n")[0]
        for more in text.split("\n")[1:]:
            b.text_frame.add_paragraph().text = more
        boxes.append(b)
    for n, (_, _, _, parent) in enumerate(ORG_CHART):
        if parent is None:
            continue
        up, down = boxes[parent], boxes[n]
        c = s.shapes.add_connector(MSO_CONNECTOR.ELBOW, 0, 0, 0, 0)
        if n == 4:  # not glued: its ends only lie on the boxes' edges
            c.begin_x, c.begin_y = up.left + up.width // 2, up.top + up.height
            c.end_x, c.end_y = down.left + down.width // 2, down.top
        elif n == 3:  # drawn from the child up to the parent
            c.begin_connect(down, 0)
            c.end_connect(up, 2)
        else:
            c.begin_connect(up, 2)
            c.end_connect(down, 0)
    if loop:
        c = s.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, 0, 0, 0, 0)
        c.begin_connect(boxes[3], 3)
        c.end_connect(boxes[5], 1)
    return s


def chevron_process_slide(prs: Any, title: str, steps: list[tuple[str, str]]) -> Any:
    """Numbered chevrons in a row, each with its text in a box under it."""
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    s.shapes.title.text = title
    width = 9.0 / len(steps)
    for i, (head, text) in enumerate(steps):
        c = s.shapes.add_shape(
            MSO_SHAPE.CHEVRON,
            Inches(0.5 + i * width),
            Inches(1.8),
            Inches(width - 0.1),
            Inches(0.8),
        )
        c.text_frame.text = f"{i + 1}. {head}"
        text_box(s, 0.5 + i * width, 2.8, width - 0.1, 2.0, [(text, False)])
    return s


def lecture_deck(path: Path) -> Path:
    """A 12-slide 16:9 deck made like a lecturer's (issue 16): photo title slide, contents,
    the template's interactive slides, a table with notes, an org chart drawn with connectors,
    a chart and a grouped drawing (the two slides that need a picture), a two-slide test."""
    t = TEXT["kk"]
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    s = prs.slides.add_slide(prs.slide_layouts[TITLE])
    s.shapes.title.text = t["title"]
    sub = s.placeholders[1].text_frame
    sub.text = t["title_lines"][0]
    for line in t["title_lines"][1:]:
        sub.add_paragraph().text = line
    add_picture(s, jpeg(), 0.3, 0.3, 1.2, "Автордың фотосы")
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_AND_CONTENT])
    s.shapes.title.text = t["contents"]
    bullets(s.placeholders[1], [(x, 0) for x in t["topics"]])
    title, steps = t["process"]
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_AND_CONTENT])
    s.shapes.title.text = title
    bullets(s.placeholders[1], [(x, 0) for x in steps])
    add_picture(s, png(), 8.0, 2.0, 4.5, t["alt"])
    notes(s, t["notes"])
    title, tabs = t["tabs"]
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    s.shapes.title.text = title
    for i, (head, body) in enumerate(tabs):
        text_box(s, 0.5 + 4.1 * i, 1.8, 3.9, 1.2, [(head, True), (body, False)])
    add_picture(s, png(colour=(90, 90, 160)), 4.5, 3.6, 4.0, t["alt"])
    title, labels = t["map"]
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    s.shapes.title.text = title
    add_picture(s, png(800, 450, (200, 200, 180)), 2.0, 1.5, 8.0, t["alt"])
    for i, label in enumerate(labels):
        c = s.shapes.add_shape(
            MSO_SHAPE.RECTANGULAR_CALLOUT,
            Inches(2.5 + 2.5 * i),
            Inches(2.0),
            Inches(1.6),
            Inches(0.6),
        )
        c.text_frame.text = label
    title, desc = t["video"]
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    s.shapes.title.text = title
    text_box(s, 0.5, 1.5, 9.0, 0.8, [(desc, False)])
    s.shapes.add_movie(
        str(VIDEO),
        Inches(2),
        Inches(2.5),
        Inches(6),
        Inches(3.4),
        mime_type="video/mp4",
        poster_frame_image=io.BytesIO(png(320, 180)),
    )
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    s.shapes.title.text = "Сыни шектер"
    rows = [
        ("Өнім", "Шек", "Бақылау"),
        ("Сүт", "72 °C, 15 с", "әр партия"),
        ("Ет", "70 °C", "зонд"),
    ]
    table = s.shapes.add_table(3, 3, Inches(0.5), Inches(1.5), Inches(9), Inches(2)).table
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    notes(s, "Шектердің неге маңызды екенін түсіндіріңіз.")
    org_chart_slide(prs, "HACCP тобының құрылымы")
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    s.shapes.title.text = "Пастерлеу температурасы"
    data = CategoryChartData()
    data.categories = ["1-партия", "2-партия", "3-партия"]
    data.add_series("°C", (72.1, 71.8, 72.4))
    s.shapes.add_chart(
        XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(1.5), Inches(8), Inches(5), data
    )
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    s.shapes.title.text = "Қауіп пен бақылау"
    group = s.shapes.add_group_shape()
    a = group.shapes.add_shape(MSO_SHAPE.OVAL, Inches(1), Inches(2), Inches(3), Inches(2))
    a.text_frame.text = "Қауіп"
    b = group.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(6), Inches(2), Inches(3), Inches(2))
    b.text_frame.text = "Бақылау"
    questions = t["questions"]
    half = questions.index("3. Пастерлеу температурасы қандай?")
    for part in (questions[:half], questions[half:]):
        s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
        s.shapes.title.text = t["test"]
        text_box(s, 0.5, 1.4, 12.0, 5.5, [(q, False) for q in part])
    prs.save(str(path))
    return path


# --- decks LibreOffice has saved (issue 16, item 11) -------------------------------------------


def freeform_callout(
    slide: Any, label: str, box: tuple[float, float, float, float], tip: tuple[float, float]
) -> Any:
    """A callout drawn as a freeform (what a callout becomes once its points are edited, and how
    some editors save it): a rectangle (left, top, width, height in inches) and a wedge whose
    point is ``tip``."""
    left, top, width, height = box
    scale = Inches(1) / 1000
    ff = slide.shapes.build_freeform(left * 1000, top * 1000, scale=scale)
    mid = left + width / 2
    ff.add_line_segments(
        [
            ((left + width) * 1000, top * 1000),
            ((left + width) * 1000, (top + height) * 1000),
            ((mid + 0.15) * 1000, (top + height) * 1000),
            (tip[0] * 1000, tip[1] * 1000),
            ((mid - 0.15) * 1000, (top + height) * 1000),
            (left * 1000, (top + height) * 1000),
        ],
        close=True,
    )
    shape = ff.convert_to_shape()
    shape.text_frame.text = label
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor(255, 255, 255)
    return shape


def libreoffice_source_deck(path: Path) -> Path:
    """What a lecturer gives LibreOffice: 16:9, a map whose labels sit above the picture with
    their points inside it (freeform callouts), a video, and a map with ordinary callouts."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    s = prs.slides.add_slide(prs.slide_layouts[TITLE])
    s.shapes.title.text = "Цехтың санитариясы"
    s.placeholders[1].text_frame.text = "Әлиева Айгүл Сериковна – аға оқытушы, т.ғ.к."
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    s.shapes.title.text = "Карта: цехтың сызбасы"
    add_picture(s, png(800, 450, (200, 200, 180)), 2.0, 2.0, 8.0, "Цехтың жоспары")  # 8 × 4.5 in
    for i, label in enumerate(["Қабылдау", "Пастерлеу", "Қаптау"]):
        freeform_callout(s, label, (2.2 + 2.8 * i, 0.9, 1.8, 0.6), (3.0 + 2.8 * i, 3.0))
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    s.shapes.title.text = "Бейне: қолды жуу"
    text_box(s, 0.5, 1.5, 9.0, 0.8, [("Қолды дұрыс жуу тәсілі.", False)])
    s.shapes.add_movie(
        str(VIDEO),
        Inches(2),
        Inches(2.5),
        Inches(6),
        Inches(3.4),
        mime_type="video/mp4",
        poster_frame_image=io.BytesIO(png(320, 180)),
    )
    prs.save(str(path))
    return path
