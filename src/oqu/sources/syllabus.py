"""Reading a syllabus's topics for rule 7.6: DOCX, PDF or plain text; Kazakh, Russian, English.

A syllabus of the credit system (as Kazakhstan universities lay it out) has a header (Пәннің
коды / Код дисциплины, Кредит саны / Количество кредитов, Оқытушы / Преподаватель,
пререквизиттер / пререквизиты …), learning outcomes, the **weekly calendar-thematic plan** — a
table with columns Апта / Неделя / Week, Тақырып / Тема / Topic, hours, literature — and then the
literature list. Only the plan holds topics: each week's lecture, practical (seminar,
laboratory) topics; independent-work lines (СӨЖ, СРО, СРС) and control points (аралық бақылау,
рубежный контроль, midterm, exam) are not topics.

How the plan is found:

* DOCX (python-docx): a table whose header row (one of its first three rows) names a week column
  and a topic column; its topic cells, one line per lesson. A DOCX without such a table is read
  as text (paragraphs and table rows, in document order).
* PDF (pypdf; pure Python, no system libraries) and text: the lines after the plan's heading
  ("күнтізбелік-тақырыптық жоспар", "календарно-тематический план", "course schedule" …) or after
  the table's header line, up to the next section heading (literature, assessment, policy).

A file with none of a syllabus's structure (no header field, no section heading) is a plain
topic list, one topic a line ("1. …", "Тақырып 2. …") — the simplest form an author can give.
A syllabus whose structure is recognised but holds no plan yields **no topics**: rule 7.6 then
says so once, instead of counting the header lines as topics.

A file that cannot be read — empty, not a DOCX/PDF at all, a zip bomb, a PDF without a text
layer (a scan) — raises :class:`~oqu.diagnostics.SourceUnreadable` with OQ140 and the reason.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from oqu.diagnostics import SourceUnreadable, Text, diag

__all__ = ["Syllabus", "parse_syllabus", "read_syllabus", "topic_lines"]

MAX_SYLLABUS = 30_000_000
MAX_DOCX_ENTRIES = 2_000
MAX_DOCX_UNPACKED = 200_000_000
MAX_RATIO = 200  # an entry over 1 MB compressed more than 200:1 is a bomb
MAX_PDF_PAGES = 200

# ── words a syllabus is made of ─────────────────────────────────────────────────────────────
_WEEK = r"(?:апта|аптасы|неделя|недели|нед\.|week|wk)"
_TOPIC = r"(?:тақырып|тақырыбы|тема|темы|наименование|мазмұны|содержание|topic|content)"
# headings that open the plan
_PLAN_HEADING = re.compile(
    r"күнтізбелік|тақырыптық\s+жоспар|календарн|тематическ\w*\s+план|содержание\s+дисциплины"
    r"|пәннің\s+мазмұны|course\s+(?:schedule|calendar|outline|content)|weekly\s+(?:plan|schedule)"
    r"|calendar[-\s]+thematic|thematic\s+plan",
    re.IGNORECASE,
)
# headings that close it (whole lines: a topic "Литература Казахстана" closes nothing)
_SECTION = re.compile(
    r"(?:\d+(?:\.\d+)*\.?\s*)?(?:"
    r"(?:негізгі|қосымша|ұсынылатын|пайдаланылатын|пайдаланылған)?\s*әдебиет(?:тер)?(?:\s+тізімі)?"
    r"|(?:основная|дополнительная|рекомендуемая)?\s*литература"
    r"|список\s+(?:рекомендуемой\s+|использованной\s+|основной\s+)?литературы"
    r"|(?:basic|additional|recommended|required)?\s*(?:references|literature|reading\s+list"
    r"|readings|bibliography)"
    r"|бағалау(?:\s+(?:саясаты|критерийлері|жүйесі))?|(?:курс|курстың|пәннің|пән)\s+саясаты"
    r"|академиялық\s+(?:саясат|тәртіп)\S*|оқу[-\s]әдістемелік\s+.{0,40}"
    r"|(?:система|политика|критерии)\s+оценива\S*|оценивание|критерии\s+оценки\S*"
    r"|политика\s+(?:курса|дисциплины)|академическая\s+политика|учебно[-\s]методическ.{0,40}"
    r"|(?:assessment|grading)(?:\s+(?:policy|criteria))?|course\s+polic(?:y|ies)|policies"
    r")\s*[:.]?",
    re.IGNORECASE,
)
# header fields ("Key: value") and headings that make a text a syllabus, not a topic list
_FIELD = re.compile(
    r"(?:пәннің\s+коды|пән\s+коды|код\s+дисциплины|course\s+code|кредит(?:тер)?\s+саны"
    r"|количество\s+кредитов|credits|оқытушы(?:лар)?|преподавател[ьи]|instructor|lecturer"
    r"|пререквизит(?:тер|ы)|постреквизит(?:тер|ы)|prerequisites?|postrequisites?)\s*[:\-–—]",
    re.IGNORECASE,
)
_TITLE = re.compile(
    r"(?:силлабус|syllabus|оқыту\s+нәтижелері|күтілетін\s+нәтижелер|результаты\s+обучения"
    r"|learning\s+outcomes)\s*[:.]?",
    re.IGNORECASE,
)
# what a plan line is: a lesson kind, or something that is not a topic
_LESSON = re.compile(
    r"^(?:дәріс|лекция|лекц\.|lecture|лк|(?:д|л|l|пр|pr)(?=\s)"
    r"|практикалық\s+сабақ|практикалық|практическое\s+занятие|практическ\w*|практ\.|practical"
    r"|семинар\w*|seminar|пс|пз|сз|прз|spz|ps"
    r"|зертханалық\s+(?:жұмыс|сабақ)|лабораторн\w*\s+(?:работа|занятие)|лаб\.|laboratory|lab|зж|лр)"
    r"(?:\s*(?:№\s*)?\d+)?\s*(?:[.:)\-–—]|\s)\s*",
    re.IGNORECASE,
)
_NOT_TOPIC = re.compile(
    r"^(?:сөж|соөж|ожсөж|оқсөж|срс|срсп|сро|сроп|iw|isw|siw|self[-\s]*study|independent"
    r"|аралық\s+бақылау|аралық\s+аттестация|аб\s*\d|рубежный\s+контроль|рк\s*\d|midterm|mid-term"
    r"|емтихан|экзамен|exam|final\s+exam|қорытынды\s+бақылау|итоговый\s+контроль"
    r"|промежуточная\s+аттестация|коллоквиум|colloquium|барлығы|итого|всего|total"
    r"|модуль\s*\d|module\s*\d)",
    re.IGNORECASE,
)
_WEEK_LEAD = re.compile(
    rf"^\s*(?:{_WEEK}\s*(?:№\s*)?\d+|\d+\s*[-–]?\s*{_WEEK}|\d{{1,2}})(?:\s*[.:)\-–]\s*|\s+|$)",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"(?:\s+(?:\d+(?:[.,]\d+)?|\[[^\]]{0,40}\]|[\d,\s\-–]+б\.?|\d+[-–]\d+)[,;]?)+$"
)
_NUMBER = re.compile(
    r"^\s*(?:[-•*–·▪]\s*|(?:тақырып|тема|topic|апта|неделя|week|дәріс|лекция|lecture)?\s*"
    r"\d+(?:\.\d+)*\s*[.):-]?\s*)",
    re.IGNORECASE,
)
_TOPIC_WORD = re.compile(r"^(?:тақырып|тема|topic)\s*\d*\s*[.:)-]\s*", re.IGNORECASE)


@dataclass(slots=True)
class Syllabus:
    """What a syllabus file gave: its topics and where they came from."""

    topics: list[str] = field(default_factory=list)
    # "plan": the weekly plan; "list": a plain topic list; "none": a syllabus without a plan
    found: Literal["plan", "list", "none"] = "none"


# ── reasons a syllabus cannot be read (OQ140) ───────────────────────────────────────────────
_EMPTY = Text("файл бос", "файл пуст", "the file is empty")
_NOT_DOCX = Text(
    "DOCX емес немесе бүлінген (zip архиві ашылмайды)",
    "не DOCX или повреждён (zip-архив не открывается)",
    "not a DOCX, or damaged (not a readable zip)",
)
_BOMB = Text(
    "DOCX ішіндегі деректер шектен тыс үлкен (zip-бомба)",
    "данные внутри DOCX превышают пределы (zip-бомба)",
    "the DOCX unpacks to far more than a document (a zip bomb)",
)
_DTD = Text(
    "DOCX ішінде DOCTYPE бар (рұқсат етілмейді)",
    "DOCX содержит DOCTYPE (не допускается)",
    "the DOCX declares a DOCTYPE (refused)",
)
_NOT_PDF = Text("PDF бүлінген немесе шифрланған", "PDF повреждён или зашифрован",
                "the PDF is damaged or encrypted")  # fmt: skip
_SCAN = Text(
    "PDF-те мәтін жоқ (сканерленген бет?): мәтіні бар PDF немесе DOCX беріңіз",
    "в PDF нет текста (скан?): дайте PDF с текстом или DOCX",
    "the PDF has no text (a scan?): give a PDF with text, or the DOCX",
)
_TOO_BIG = Text("файл тым үлкен (30 МБ-тан асады)", "файл слишком велик (более 30 МБ)",
                "the file is too large (over 30 MB)")  # fmt: skip


def _refuse(path: Path, reason: Text) -> SourceUnreadable:
    return SourceUnreadable(diag("OQ140", str(path), path=str(path), reason=reason))


def read_syllabus(path: Path) -> list[str]:
    """The topics of a syllabus file (empty: a syllabus in which no weekly plan was found).

    Raises :class:`SourceUnreadable`: OQ100 (no such file), OQ101 (text not UTF-8), OQ140
    (empty, damaged, a zip bomb, a PDF without text).
    """
    return parse_syllabus(path).topics


def parse_syllabus(path: Path) -> Syllabus:
    try:
        data = path.read_bytes()
    except OSError:
        raise SourceUnreadable(diag("OQ100", str(path), path=str(path))) from None
    if len(data) > MAX_SYLLABUS:
        raise _refuse(path, _TOO_BIG)
    if not data.strip():
        raise _refuse(path, _EMPTY)
    suffix = path.suffix.lower()
    if suffix == ".docx" or (suffix not in (".pdf", ".txt") and data[:2] == b"PK"):
        return _read_docx(path, data)
    if suffix == ".pdf" or data[:5] == b"%PDF-":
        text = _pdf_text(path, data)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise SourceUnreadable(diag("OQ101", str(path), offset=e.start)) from None
    if not text.strip():
        raise _refuse(path, _EMPTY)
    return parse_text(text)


# ── text (and PDF text) ─────────────────────────────────────────────────────────────────────


def parse_text(text: str) -> Syllabus:
    lines = [re.sub(r"[ \u00a0]+", " ", line).strip() for line in text.splitlines()]
    lines = [line for line in lines if line.strip()]
    start = _plan_start(lines)
    if start is not None:
        topics = _plan_topics(lines[start:])
        if topics:
            return Syllabus(topics, "plan")
    if any(_FIELD.match(x) or _TITLE.fullmatch(x) or _is_section(x) for x in lines):
        return Syllabus([], "none")
    return Syllabus(topic_lines(text), "list")


def _is_header_row(line: str) -> bool:
    return bool(
        re.search(rf"(?<!\w){_WEEK}", line, re.IGNORECASE)
        and re.search(rf"(?<!\w){_TOPIC}", line, re.IGNORECASE)
    )


def _is_section(line: str) -> bool:
    return len(line) <= 80 and bool(_SECTION.fullmatch(line.strip(" \t#*")))


def _plan_start(lines: list[str]) -> int | None:
    for i, line in enumerate(lines):
        if _is_header_row(line) or (len(line) <= 120 and _PLAN_HEADING.search(line)):
            return i + 1
    return None


_CELL_END = "0"  # a line without letters: ends the current item, as a number cell does


def _plan_topics(lines: list[str]) -> list[str]:
    """Topics of the lines of a plan: one item per lesson, continued over wrapped lines.

    A PDF gives a table row as one line or as several ("1 Д HACCP қағидаттары 2 [1]", or a cell
    wrapped over lines and then "қағидаттары 2 Қауіптерді талдау 1 [1]"). What starts an item:
    a week number, a lesson kind, a control point, the line after a number cell (hours,
    literature); a small number between words, before a capital, ends one cell and starts the
    next. Everything else continues the item before it.
    """
    items: list[list[str]] = []
    current: list[str] | None = None
    for raw in lines:
        if _is_header_row(raw) or (_PLAN_HEADING.search(raw) and len(raw) <= 120):
            current = None
            continue
        if _is_section(raw):
            break
        cells = [c.strip() for c in raw.split("\t") if c.strip()]
        # a tab-separated row: the topic is its widest cell with letters
        line = max(cells, key=_letters) if len(cells) > 1 else (cells[0] if cells else "")
        for n, segment in enumerate(_CELL_SPLIT.split(line)):
            if _letters(segment) == 0:  # week number, hours, literature numbers: a new cell
                current = None
                continue
            if n:
                current = None  # after a number between two cells
            text = segment.strip()
            if not _LESSON.match(text):
                stripped = _WEEK_LEAD.sub("", text, count=1)
                if stripped != text:
                    current, text = None, stripped
            trimmed = _TRAILING.sub("", text).strip()
            if _LESSON.match(trimmed) or _NOT_TOPIC.match(trimmed) or current is None:
                current = [trimmed]
                items.append(current)
            else:
                current.append(trimmed)
            if trimmed != text:  # the line ended in a number cell: the next line is a new cell
                current = None
    out: list[str] = []
    seen: set[str] = set()
    for item in items:
        topic = _clean(" ".join(item))
        if topic and topic.casefold() not in seen and not _only_header_words(topic):
            seen.add(topic.casefold())
            out.append(topic)
    return out


# a number between two cells of one PDF line: "қағидаттары 2 Қауіптерді" (before a capital)
_CELL_SPLIT = re.compile(r"(?<=\w)\s+\d{1,2}(?:[.,]\d)?\s+(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])")
_HEADER_WORD = re.compile(
    r"тема|темы|тақырып\w*|наименование|содержание|мазмұны|практическ\w*|лаборатор\w*"
    r"|семинар\w*|занят\w*|лекци\w*|дәріс\w*|практикалық|сабақ\w*|зертханалық|жұмыс\w*|час\w*"
    r"|сағ\w*|литератур\w*|әдебиет\w*|неделя|недели|апта\w*|week|topics?|lecture|practical|class"
    r"|seminar|hours?|hrs|reading|literature|вид|түрі|type|форма|д|пс|л|пр|кол|во|саны|количество"
    r"|и|мен|және|and|of|the",
    re.IGNORECASE,
)


def _only_header_words(text: str) -> bool:
    """A header cell wrapped over lines ("Тема практического занятия Час. Литература")."""
    words = re.findall(r"\w+", text)
    return bool(words) and all(_HEADER_WORD.fullmatch(w) for w in words)


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _clean(item: str) -> str:
    """One plan line as a topic ("Дәріс 1. X" → "X"); "" when it is not a topic."""
    item = " ".join(item.split())
    if _NOT_TOPIC.match(item):
        return ""
    item = _LESSON.sub("", item, count=1)
    item = _TOPIC_WORD.sub("", item)
    item = _NUMBER.sub("", item).strip(" .;:-–—")
    if _NOT_TOPIC.match(item) or len(item) < 8 or _letters(item) < 4:
        return ""
    return item


def topic_lines(text: str) -> list[str]:
    """A plain topic list: every line a topic (numbering, bullets, week/hour columns dropped)."""
    out: list[str] = []
    seen: set[str] = set()
    for raw in text.splitlines():
        line = " ".join(raw.split())
        line = _TOPIC_WORD.sub("", line)
        line = _NUMBER.sub("", line).strip(" .;:-–")
        if len(line) < 8 or not any(ch.isalpha() for ch in line):
            continue
        key = line.casefold()
        if key not in seen:
            seen.add(key)
            out.append(line)
    return out


def _pdf_text(path: Path, data: bytes) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise _refuse(path, _NOT_PDF)
        text = "\n".join(page.extract_text() or "" for page in reader.pages[:MAX_PDF_PAGES])
    except SourceUnreadable:
        raise
    except Exception:  # a damaged PDF: pypdf raises many kinds
        raise _refuse(path, _NOT_PDF) from None
    if _letters(text) < 20:
        raise _refuse(path, _SCAN)
    return text


# ── DOCX ────────────────────────────────────────────────────────────────────────────────────


def _read_docx(path: Path, data: bytes) -> Syllabus:
    _guard_docx(path, data)
    import docx
    from docx.table import Table

    try:
        doc = docx.Document(io.BytesIO(data))
        blocks = list(doc.iter_inner_content())
    except Exception:  # a damaged DOCX: the libraries raise many kinds
        raise _refuse(path, _NOT_DOCX) from None
    for block in blocks:
        if isinstance(block, Table):
            topics = _table_topics(_rows(block))
            if topics:
                return Syllabus(topics, "plan")
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            lines += ["\t".join(_unique(row)) for row in _rows(block)]
        else:
            lines.append(block.text)
    text = "\n".join(lines)
    if not text.strip():
        raise _refuse(path, _EMPTY)
    return parse_text(text)


def _guard_docx(path: Path, data: bytes) -> None:
    """Refuse what is not a zip, and zips that unpack to far more than a document."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_DOCX_ENTRIES:
                raise _refuse(path, _BOMB)
            if sum(i.file_size for i in infos) > MAX_DOCX_UNPACKED:
                raise _refuse(path, _BOMB)
            for i in infos:
                if i.file_size > 1_000_000 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
                    raise _refuse(path, _BOMB)
            for i in infos:
                if i.filename.endswith((".xml", ".rels")):
                    with zf.open(i) as fh:
                        head = fh.read(4096)
                    if b"<!DOCTYPE" in head.upper():
                        raise _refuse(path, _DTD)
    except SourceUnreadable:
        raise
    except Exception:  # not a zip, or a damaged one
        raise _refuse(path, _NOT_DOCX) from None


def _rows(table: object) -> list[list[str]]:
    from docx.table import Table

    assert isinstance(table, Table)
    return [[c.text.strip() for c in row.cells] for row in table.rows]


def _unique(cells: list[str]) -> list[str]:
    """A row's cells with horizontally merged ones (python-docx repeats them) once."""
    out: list[str] = []
    for c in cells:
        if c and (not out or out[-1] != c):
            out.append(c)
    return out


def _table_topics(rows: list[list[str]]) -> list[str]:
    """Topics of a calendar-thematic plan table; [] when the table is not one.

    The topic column's cells, line by line (one cell may hold the week's lecture, practical and
    independent-work lines); rows whose lesson-kind column says independent work or control are
    skipped. Each cell starts a new item; a line inside a cell continues the previous item
    unless it starts with a lesson kind ("ПС 1.", "Лекция 2.").
    """
    header = next((i for i, r in enumerate(rows[:3]) if _header_columns(r)), None)
    if header is None:
        return []
    _week, topic_cols, kind_col = _header_columns(rows[header]) or (0, [], None)
    lines: list[str] = []
    for row in rows[header + 1 :]:
        if _is_header_row(" ".join(row)):
            continue
        if kind_col is not None and kind_col < len(row) and _NOT_TOPIC.match(row[kind_col]):
            continue
        for col in topic_cols:
            if col < len(row):
                lines += [x for x in row[col].splitlines() if x.strip()]
                lines.append(_CELL_END)
    return _plan_topics(lines)


def _header_columns(row: list[str]) -> tuple[int, list[int], int | None] | None:
    """(week column, topic columns, lesson-kind column) of a plan's header row, or None.

    Several topic columns are usual ("Дәріс тақырыбы", "Практикалық сабақ тақырыбы"); a merged
    header cell repeated by python-docx counts once.
    """
    week: int | None = None
    topics: list[int] = []
    kind: int | None = None
    for i, cell in enumerate(row):
        text = cell.strip()
        if i and text and text == row[i - 1].strip():
            continue  # a horizontally merged cell
        if week is None and re.search(rf"(?<!\w){_WEEK}", text, re.IGNORECASE):
            week = i
        elif re.search(rf"(?<!\w){_TOPIC}", text, re.IGNORECASE):
            topics.append(i)
        elif kind is None and re.search(
            r"сабақ\s+түрі|сабақтың\s+түрі|вид\s+занят|форма\s+занят|type", text, re.IGNORECASE
        ):
            kind = i
    if week is None or not topics:
        return None
    return week, topics, kind
