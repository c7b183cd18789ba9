"""Syllabi laid out as Kazakhstan universities lay them out (the credit-system syllabus).

Each builder writes a real document: python-docx with the weekly calendar-thematic plan as a
table (header row, week numbers, lecture and practical topics in one cell or in separate rows,
hours and literature columns), plain text, and PDFs printed from the DOCX by LibreOffice. The
header (code, credits, teacher, prerequisites, learning outcomes) and the literature list come
before and after the plan, as in the real documents, so a reader that takes every line as a
topic fails on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document


@dataclass(frozen=True)
class Layout:
    lang: str
    header: list[tuple[str, str]]  # field → value, before the plan
    sections_before: list[tuple[str, str]]  # heading → paragraph (outcomes, prerequisites…)
    plan_heading: str
    columns: list[str]  # the plan table's header row
    weeks: list[tuple[str, str]]  # (lecture topic, practical topic) per week
    lecture: str  # "Дәріс", "Лекция", "Lecture"
    practical: str  # "ПС", "Практическое занятие", "Practical"
    independent: str  # СӨЖ / СРО / IW — not a topic
    midterm: str  # Аралық бақылау / Рубежный контроль / Midterm — not a topic
    literature_heading: str
    literature: list[str]


KK = Layout(
    lang="kk",
    header=[
        ("Пәннің коды", "TPT3201"),
        ("Пәннің атауы", "Тағам өндірісінің технологиясы"),
        ("Кредит саны", "5"),
        ("Оқытушы", "Әлиева Айгүл Сериковна, т.ғ.к., аға оқытушы"),
        ("Пререквизиттер", "Тағам химиясы, Микробиология"),
        ("Постреквизиттер", "Дипломдық жоба"),
    ],
    sections_before=[
        (
            "Оқыту нәтижелері",
            "Пәнді оқып болғаннан кейін білім алушы тағам қауіпсіздігін басқара алады.",
        ),
    ],
    plan_heading="Пәннің күнтізбелік-тақырыптық жоспары",
    columns=["Апта", "Тақырып атауы", "Сағат саны", "Әдебиет"],
    weeks=[
        ("HACCP жүйесінің қағидаттары", "Қауіптерді талдау кестесін құру"),
        ("Сыни бақылау нүктелерін анықтау", "Шешімдер ағашын қолдану"),
        ("Нанның ашытқысы және ашыту технологиясы", "Қамырдың қышқылдығын өлшеу"),
    ],
    lecture="Дәріс",
    practical="ПС",
    independent="СӨЖ",
    midterm="Аралық бақылау 1",
    literature_heading="Әдебиеттер тізімі",
    literature=[
        "Иванов И. И. Тағам технологиясы. — Алматы: Білім, 2020. — 300 б.",
        "Codex Alimentarius. General Principles of Food Hygiene. — Rome: FAO, 2020.",
    ],
)

RU = Layout(
    lang="ru",
    header=[
        ("Код дисциплины", "TPT3201"),
        ("Наименование дисциплины", "Технология пищевых производств"),
        ("Количество кредитов", "5"),
        ("Преподаватель", "Петрова Анна Сергеевна, к.т.н., доцент"),
        ("Пререквизиты", "Пищевая химия, Микробиология"),
        ("Постреквизиты", "Дипломное проектирование"),
    ],
    sections_before=[
        ("Результаты обучения", "По окончании курса обучающийся умеет выбирать сорт муки."),
    ],
    plan_heading="Календарно-тематический план",
    columns=["Неделя", "Тема занятия", "Часы", "Литература"],
    weeks=[
        ("Пшеничная мука: сорта и хлебопекарные свойства", "Определение клейковины муки"),
        ("Пищевая безопасность молочных продуктов", "Контроль пастеризации молока"),
    ],
    lecture="Лекция",
    practical="Практическое занятие",
    independent="СРО",
    midterm="Рубежный контроль 1",
    literature_heading="Список литературы",
    literature=["Ауэрман Л. Я. Технология хлебопекарного производства. — СПб.: Профессия, 2009."],
)

EN = Layout(
    lang="en",
    header=[
        ("Course code", "TPT3201"),
        ("Course title", "Food production technology"),
        ("Credits", "5"),
        ("Instructor", "Aigul Alieva, PhD, senior lecturer"),
        ("Prerequisites", "Food chemistry"),
        ("Postrequisites", "Diploma project"),
    ],
    sections_before=[("Learning outcomes", "The student can run a hazard analysis.")],
    plan_heading="Course schedule",
    columns=["Week", "Topic", "Hours", "Reading"],
    weeks=[
        ("HACCP principles and hazard analysis", "Building a hazard analysis worksheet"),
        ("Sourdough fermentation technology", "Measuring dough acidity"),
    ],
    lecture="Lecture",
    practical="Practical",
    independent="IW",
    midterm="Midterm 1",
    literature_heading="References",
    literature=["Jay J. M. Modern food microbiology. — Springer, 2005."],
)


def topics(layout: Layout) -> list[str]:
    """What a reader should find: the lecture and the practical topic of every week."""
    return [t for pair in layout.weeks for t in pair]


def _front(d: Document, layout: Layout, title: str = "СИЛЛАБУС") -> None:
    d.add_heading(title, 0)
    for key, value in layout.header:
        d.add_paragraph(f"{key}: {value}")
    for heading, text in layout.sections_before:
        d.add_heading(heading, 1)
        d.add_paragraph(text)


def _back(d: Document, layout: Layout) -> None:
    d.add_heading(layout.literature_heading, 1)
    for i, ref in enumerate(layout.literature, 1):
        d.add_paragraph(f"{i}. {ref}")


def docx_one_cell(layout: Layout, path: Path) -> Path:
    """Layout A: one row per week; the topic cell holds the lecture, practical and IW lines."""
    d = docx.Document()
    _front(d, layout)
    d.add_paragraph(layout.plan_heading)
    table = d.add_table(rows=1, cols=len(layout.columns))
    for cell, name in zip(table.rows[0].cells, layout.columns, strict=True):
        cell.text = name
    for week, (lecture, practical) in enumerate(layout.weeks, 1):
        row = table.add_row().cells
        row[0].text = str(week)
        row[1].text = f"{layout.lecture} {week}. {lecture}"
        row[1].add_paragraph(f"{layout.practical} {week}. {practical}")
        row[1].add_paragraph(f"{layout.independent} {week}. Реферат / essay")
        row[2].text = "1\n2\n4"
        row[3].text = "[1], [2]"
    row = table.add_row().cells
    row[0].text = str(len(layout.weeks) + 1)
    row[1].text = layout.midterm
    row[2].text = "100"
    _back(d, layout)
    d.save(path)
    return path


def docx_rows(layout: Layout, path: Path) -> Path:
    """Layout B: a header over two rows, a lesson-kind column, one row per lesson, merged weeks."""
    d = docx.Document()
    _front(d, layout)
    d.add_heading(layout.plan_heading, 1)
    kind = {"kk": "Сабақ түрі", "ru": "Вид занятия", "en": "Type"}[layout.lang]
    cols = [layout.columns[0], kind, layout.columns[1], layout.columns[2], layout.columns[3]]
    table = d.add_table(rows=2, cols=5)
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, cols, strict=True):
        cell.text = name
    for cell, name in zip(table.rows[1].cells, ["", "", "", "Д / ПС", ""], strict=True):
        cell.text = name
    table.rows[0].cells[3].merge(table.rows[0].cells[3])
    for week, (lecture, practical) in enumerate(layout.weeks, 1):
        first = table.add_row().cells
        second = table.add_row().cells
        first[0].merge(second[0]).text = str(week)
        first[1].text, first[2].text = layout.lecture[:1], lecture
        second[1].text, second[2].text = layout.practical[:2], practical
        first[3].text, second[3].text = "2", "1"
        first[4].text, second[4].text = "[1] 10–25 б.", "[2]"
        third = table.add_row().cells
        third[1].text, third[2].text, third[3].text = layout.independent, "Реферат / essay", "4"
    _back(d, layout)
    d.save(path)
    return path


def text_syllabus(layout: Layout) -> str:
    """The plan as text: a header, then "1-апта"/"Неделя 1"/"Week 1" lines."""
    lines = ["СИЛЛАБУС"]
    lines += [f"{k}: {v}" for k, v in layout.header]
    for heading, text in layout.sections_before:
        lines += [heading, text]
    lines += [layout.plan_heading, "\t".join(layout.columns)]
    for week, (lecture, practical) in enumerate(layout.weeks, 1):
        lines.append(f"{week}\t{layout.lecture} {week}. {lecture}\t2\t[1]")
        lines.append(f"\t{layout.practical} {week}. {practical}\t1\t[2]")
        lines.append(f"\t{layout.independent} {week}. Конспект\t4\t")
    lines.append(f"{len(layout.weeks) + 1}\t{layout.midterm}\t\t")
    lines.append(layout.literature_heading)
    lines += [f"{i}. {ref}" for i, ref in enumerate(layout.literature, 1)]
    return "\n".join(lines) + "\n"


def html_syllabus(layout: Layout) -> str:
    """The same syllabus as an HTML page with the plan as a real table (layout A)."""
    head = "".join(f"<p>{k}: {v}</p>" for k, v in layout.header)
    head += "".join(f"<h2>{h}</h2><p>{t}</p>" for h, t in layout.sections_before)
    cols = "".join(f"<th>{c}</th>" for c in layout.columns)
    rows = ""
    for week, (lecture, practical) in enumerate(layout.weeks, 1):
        rows += (
            f"<tr><td>{week}</td><td>{layout.lecture} {week}. {lecture}<br>"
            f"{layout.practical} {week}. {practical}<br>{layout.independent} {week}. Конспект</td>"
            "<td>2<br>1<br>4</td><td>[1], [2]</td></tr>"
        )
    rows += f"<tr><td>{len(layout.weeks) + 1}</td><td>{layout.midterm}</td><td></td><td></td></tr>"
    refs = "".join(f"<li>{r}</li>" for r in layout.literature)
    return (
        f"<!doctype html><html lang={layout.lang}><meta charset=utf-8>"
        "<style>@page{size:A4;margin:2cm} body{font:11pt 'DejaVu Sans',sans-serif}"
        "table{border-collapse:collapse;width:100%} td,th{border:1px solid #000;padding:3pt}"
        "</style><h1>СИЛЛАБУС</h1>"
        f"{head}<h2>{layout.plan_heading}</h2><table><tr>{cols}</tr>{rows}</table>"
        f"<h2>{layout.literature_heading}</h2><ol>{refs}</ol></html>"
    )


def pdf_syllabus(layout: Layout, path: Path) -> Path:
    """Print the HTML syllabus to PDF with WeasyPrint (a real text layer, real table layout)."""
    from weasyprint import HTML

    HTML(string=html_syllabus(layout)).write_pdf(path)
    return path


def docx_two_columns(layout: Layout, path: Path) -> Path:
    """Layout C: lecture and practical topics in two columns, module rows merged across."""
    names = {
        "kk": ("Апта", "Дәріс тақырыбы", "Сағ.", "Практикалық сабақ тақырыбы", "Сағ.", "Әдебиет",
               "Модуль 1. Тағам қауіпсіздігінің негіздері", "{n}-апта"),
        "ru": ("Неделя", "Тема лекции", "Час.", "Тема практического занятия", "Час.", "Литература",
               "Модуль 1. Основы технологии", "{n} неделя"),
        "en": ("Week", "Lecture topic", "Hrs", "Practical class topic", "Hrs", "Reading",
               "Module 1. Foundations", "Week {n}"),
    }[layout.lang]  # fmt: skip
    d = docx.Document()
    _front(d, layout, title="Syllabus" if layout.lang == "en" else "Силлабус")
    d.add_paragraph(layout.plan_heading)
    table = d.add_table(rows=2, cols=6)
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, names[:6], strict=True):
        cell.text = name
    module = table.rows[1].cells
    module[0].merge(module[5]).text = names[6]
    for week, (lecture, practical) in enumerate(layout.weeks, 1):
        row = table.add_row().cells
        row[0].text = names[7].format(n=week)
        row[1].text, row[2].text = f"{week}. {lecture}", "2"
        row[3].text, row[4].text = practical, "1"
        row[5].text = "[1], [3]"
    _back(d, layout)
    d.save(path)
    return path


def docx_to_pdf(source: Path, path: Path) -> Path:
    """Print a DOCX to PDF through HTML with WeasyPrint (LibreOffice Writer is not installed
    here): paragraphs and tables in document order, merged cells spanning their columns."""
    from html import escape

    from docx.table import Table
    from weasyprint import HTML

    body = ""
    for block in docx.Document(str(source)).iter_inner_content():
        if isinstance(block, Table):
            body += "<table>"
            for row in block.rows:
                cells: list[list[object]] = []
                for cell in row.cells:
                    if cells and cells[-1][0] is cell._tc:
                        cells[-1][2] = int(str(cells[-1][2])) + 1  # a merged cell: one more column
                    else:
                        cells.append([cell._tc, cell.text, 1])
                body += (
                    "<tr>"
                    + "".join(
                        f"<td colspan={span}>{escape(str(text)).replace(chr(10), '<br>')}</td>"
                        for _, text, span in cells
                    )
                    + "</tr>"
                )
            body += "</table>"
        else:
            body += f"<p>{escape(block.text)}</p>"
    HTML(
        string="<!doctype html><meta charset=utf-8><style>@page{size:A4;margin:2cm}"
        "body{font:11pt 'DejaVu Sans',sans-serif}table{border-collapse:collapse;width:100%}"
        f"td{{border:1px solid #000;padding:3pt}}</style>{body}"
    ).write_pdf(path)
    return path
