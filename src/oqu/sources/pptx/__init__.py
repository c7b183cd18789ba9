"""``oqu import pptx``: a PowerPoint deck (form 02 or not) → an Oqu source folder.

The stages, in order:

1. **guard** — refuse what must not reach python-pptx (not a PPTX, encrypted, old .ppt, corrupt,
   zip bomb, too large), from the file's header and zip directory only;
2. **read** — python-pptx, slide by slide: text, pictures, tables, charts, SmartArt text,
   audio/video, notes (:mod:`.reader`);
3. **recognise** — title slide → metadata, contents slide → topics, trailing question slides →
   the final test, element slides → interactive blocks (:mod:`.titleslide`, :mod:`.quiz`,
   :mod:`.compose`);
4. **render** — slides whose layout Markdown cannot hold, to PNG with LibreOffice when present;
5. **write** — everything into a temporary folder beside the target, checked by the same
   loader ``oqu build`` uses, then renamed into place: on failure nothing is written;
6. **check** — ``oqu check`` on the result (``check``, passed in by the CLI; else a subprocess
   when the checker exists), appended to the report.

Exceptions (the CLI turns them into exit codes)::

    OquError
    ├── DeckRefused         the file is not an importable deck (exit 1)
    ├── OutputNotEmpty      --out exists and is not empty (exit 2)
    └── SourceUnreadable    the deck's path does not exist (exit 2)
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from oqu.diagnostics import Diagnostic, Diagnostics, Lang, OquError, SourceUnreadable, diag
from oqu.paths import write_atomic
from oqu.sources.der import load
from oqu.sources.pptx.compose import compose_slide, hint
from oqu.sources.pptx.diagram import build_tree
from oqu.sources.pptx.guard import MAX_DECK_BYTES, DeckRefused, Inspection, inspect
from oqu.sources.pptx.quiz import QuizParse, parse_questions
from oqu.sources.pptx.reader import Deck, SlideData, read_deck
from oqu.sources.pptx.render import RenderError, render, tools
from oqu.sources.pptx.text import esc, paras_to_md
from oqu.sources.pptx.texts import PARTS, detect_language, tr
from oqu.sources.pptx.titleslide import TitleFields, read_title_slide

__all__ = ["DeckRefused", "ImportResult", "OutputNotEmpty", "import_pptx"]

MODULE_FILE = "01-lesson.md"
REPORT_FILE = "import-report.md"
type Verify = Callable[[Path, Diagnostics], None]
type Check = Callable[[Path, Lang], Any]  # ``oqu check FOLDER --format json``, parsed
CHECK_TIMEOUT = 300
_CONTENTS = (
    "мазмұны",
    "мазмұн",
    "жоспар",
    "содержание",
    "план лекции",
    "план занятия",
    "план",
    "contents",
    "outline",
    "agenda",
    "сұрақтар",
    "вопросы",
)
_NUMBERING = re.compile(r"^\s*(?:\d{1,2}\s*[.)]|[-•▪●–])\s*")


class OutputNotEmpty(OquError):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.code)
        self.diagnostic = diagnostic


@dataclass(slots=True)
class SlideReport:
    number: int
    title: str
    mapped: str


@dataclass(slots=True)
class ImportResult:
    out: Path
    language: Lang
    report: str  # the Markdown of import-report.md
    warnings: Diagnostics
    slides: list[SlideReport] = field(default_factory=list)
    rendered: list[int] = field(default_factory=list)
    questions: int = 0
    build_errors: list[str] = field(default_factory=list)


def import_pptx(
    deck_path: Path,
    out: Path,
    *,
    render_slides: bool = True,
    run_checker: bool = True,
    max_bytes: int = MAX_DECK_BYTES,
    today: dt.date | None = None,
    verify: Verify | None = None,
    check: Check | None = None,
    progress: Callable[[str], None] | None = None,
    progress_lang: Lang | None = None,
) -> ImportResult:
    """Import ``deck_path`` into the new folder ``out``; see the module's docstring.

    ``verify(folder, diags)`` checks the written source as ``oqu build`` would before the
    folder is renamed into place — the CLI passes :func:`oqu.packaging.pipeline.verify_source`
    (a reader does not import the packaging layer); without it the source is only loaded.

    ``progress`` receives a line, in ``progress_lang`` (default: the deck's language), as each
    stage starts and as each slide is rendered (the CLI prints them on stderr).

    ``check(folder, lang)`` is ``oqu check`` in this process, its JSON report parsed (the CLI
    passes it: the modules are loaded already, so no second interpreter starts); without it
    ``oqu check --format json`` runs as a subprocess when the checker is installed.
    """
    if not deck_path.is_file():
        raise SourceUnreadable(diag("OQ100", str(deck_path), path=str(deck_path)))
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise OutputNotEmpty(diag("OQ306", str(out), target=str(out)))
    started = time.monotonic()
    say = progress or _silent
    inspection = inspect(deck_path, max_bytes)
    deck = _read(deck_path)
    if not deck.slides:
        raise DeckRefused(
            diag("OQ300", str(deck_path), deck=str(deck_path), problem="it has no slides")
        )
    job = _Import(deck_path, out, deck, inspection, today or dt.date.today())
    job.say = say
    job.say_lang = progress_lang or job.lang
    say(tr("progress_read", job.say_lang, deck=deck_path.name, n=len(deck.slides)))
    if render_slides:
        job.render()
    else:
        job.render_skipped = True
    files = job.compose()
    result = job.result
    _write(out, files, job, verify)
    if run_checker:
        say(tr("progress_check", job.say_lang))
    job.report_check(
        _run_checker(out, job.lang, check) if run_checker else [tr("checker_skipped", job.lang)]
    )
    final = job.report_text()
    write_atomic(out / REPORT_FILE, final.encode("utf-8"))
    result.report = final
    say(tr("progress_done", job.say_lang, s=f"{time.monotonic() - started:.1f}"))
    return result


def _silent(_message: str) -> None:
    pass


def _read(path: Path) -> Deck:
    from pptx import Presentation

    try:
        prs = Presentation(str(path))
        deck = read_deck(prs)
    except DeckRefused:
        raise
    except Exception as e:  # python-pptx raises many kinds on a damaged package
        problem = f"{type(e).__name__}: {e}"[:200]
        raise DeckRefused(diag("OQ303", str(path), problem=problem)) from None
    for s in deck.slides:  # an org chart drawn with connectors: a tree, or a picture
        build_tree(s)
        if s.tree:
            s.complex = [c for c in s.complex if c != "group"]
        elif s.tree_failed:
            s.complex.append("diagram")
    return deck


class _Import:
    """The state of one import: recognised parts, warnings, report lines."""

    def __init__(
        self, path: Path, out: Path, deck: Deck, inspection: Inspection, today: dt.date
    ) -> None:
        self.path, self.out, self.deck, self.inspection, self.today = (
            path,
            out,
            deck,
            inspection,
            today,
        )
        self.name = path.name
        text = " ".join(
            [s.title for s in deck.slides]
            + [t.plain for s in deck.slides for t in s.texts]
            + [p.plain for s in deck.slides for p in s.notes]
        )
        self.lang: Lang = detect_language(text)
        self.warnings = Diagnostics()
        self.attention: list[str] = []
        self.meta_rows: list[tuple[str, str, str]] = []
        self.render_note = ""
        self.render_skipped = False
        self.check_lines: list[str] = []
        self.build_lines: list[str] = []
        self.result = ImportResult(out, self.lang, "", self.warnings)
        self.say: Callable[[str], None] = _silent
        self.say_lang: Lang = self.lang  # progress lines: the deck's language or --lang
        self._classify()

    # --- recognising the template -----------------------------------------------------------
    def _classify(self) -> None:
        slides = self.deck.slides
        self.title_slide = slides[0] if slides else None
        self.contents: SlideData | None = None
        if len(slides) >= 2 and _is_contents(slides[1]):
            self.contents = slides[1]
        self.quiz_slides: list[tuple[SlideData, QuizParse]] = []
        first_body = 1 + (self.contents is not None)
        for s in reversed(slides[first_body:]):
            if hint(s.title) is not None:  # «Процесс: …» is an element, not a test
                break
            parsed = parse_questions([p for t in s.texts for p in t.paras])
            if not parsed.questions and not any(q.options for q in parsed.unresolved):
                break
            self.quiz_slides.insert(0, (s, parsed))
        quiz_numbers = {s.number for s, _ in self.quiz_slides}
        self.body = [s for s in slides[first_body:] if s.number not in quiz_numbers]

    # --- rendering --------------------------------------------------------------------------
    def render(self) -> None:
        wanted = [s for s in self.body if s.complex]
        if not wanted:
            return
        if tools() is None:
            self.render_note = tr("render_missing", self.lang)
            for s in wanted:
                self.warnings.add(
                    diag("OQ313", self.name, slide=s.number, problem="LibreOffice not found")
                )
            return
        risky = [e for e in self.inspection.external if e.kind != "hyperlink"]
        if risky:  # LibreOffice would follow linked pictures/objects: never let it
            for s in wanted:
                problem = f"the deck links external files ({risky[0].target})"
                self.warnings.add(diag("OQ313", self.name, slide=s.number, problem=problem))
            return
        pages: dict[int, int] = {}  # hidden slides are not in the PDF: count the shown ones
        for s in self.deck.slides:
            if not s.hidden:
                pages[s.number] = len(pages) + 1
        todo = {s.number: pages[s.number] for s in wanted if s.number in pages}
        say = self.say
        numbers = ", ".join(str(n) for n in sorted(todo))
        say(tr("progress_render", self.say_lang, n=len(todo), slides=numbers))
        try:
            images = render(
                self.path,
                todo,
                progress=lambda slide, done, total: say(
                    tr("progress_page", self.say_lang, slide=slide, done=done, total=total)
                ),
                waiting=lambda sec: say(tr("progress_wait", self.say_lang, s=round(sec))),
            )
        except RenderError as e:
            for s in wanted:
                self.warnings.add(diag("OQ313", self.name, slide=s.number, problem=str(e)))
            return
        for s in wanted:
            png = images.get(s.number)
            if png is None:
                self.warnings.add(
                    diag("OQ313", self.name, slide=s.number, problem="no page rendered")
                )
                continue
            path = f"media/slide-{s.number:02d}.png"
            self.deck.files[path] = png
            s.rendered = path
            self.result.rendered.append(s.number)
            what = ", ".join(sorted(set(s.complex)))
            self.attention.append(
                tr("rendered_ok", self.lang, slide=s.number, what=what, path=path)
            )

    # --- composing --------------------------------------------------------------------------
    def compose(self) -> dict[str, bytes]:
        lang, slides_md = self.lang, []
        fields = read_title_slide(self.title_slide) if self.title_slide else TitleFields()
        meta = self._metadata(fields)
        report = self.result.slides
        if self.title_slide:
            report.append(SlideReport(1, self.title_slide.title, tr("map_title", lang)))
        if self.contents:
            n = len(meta.get("topics", []))
            report.append(
                SlideReport(
                    self.contents.number, self.contents.title, tr("map_contents", lang, n=n)
                )
            )
        form02 = self.contents is not None
        for s in self.body:
            element_slot = form02 and 3 <= s.number <= 9
            c = compose_slide(s, lang, element_slot=element_slot)
            title = s.title_md or esc(tr("slide_title", lang, n=s.number))
            lines = [f"## {title}", "", *c.lines]
            lines += self._media_todo(s)
            lines += _notes(s)
            slides_md.append("\n".join(lines).rstrip() + "\n")
            extras = [PARTS[k][lang] for k, on in self._parts(s) if on]
            mapped = c.mapped + (f" + {', '.join(extras)}" if extras else "")
            report.append(SlideReport(s.number, s.title, mapped))
            if c.kind and not c.visual and element_slot:
                self.attention.append(tr("no_visual", lang, slide=s.number))
            if s.tree_failed:
                self.attention.append(tr("tree_failed", lang, slide=s.number, why=s.tree_failed))
            self._slide_warnings(s)
        if not self.body and not self.quiz_slides:  # a title slide alone: say what is missing
            title = esc(meta["title"])
            slides_md.append(f"## {title}\n\n:::note\n{tr('todo_empty', lang)}\n:::\n")
        if self.quiz_slides:
            slides_md.append(self._quiz(meta))
        else:
            self.attention.append(tr("no_final", lang))
        for s in [x for x in (self.title_slide, self.contents) if x is not None]:
            self._slide_warnings(s, alt=s is not self.title_slide)
        for link in self.inspection.local_links:  # never read: listed for the author
            m = re.search(r"slide(\d+)\.xml\.rels$", link.part)
            where = m.group(1) if m else link.part
            self.warnings.add(diag("OQ310", self.name, slide=where, target=link.target))
        module = "\n".join(slides_md)
        files = {
            "der.yaml": self._yaml(meta).encode("utf-8"),
            MODULE_FILE: module.encode("utf-8"),
        }
        files.update(self.deck.files)
        self.result.report = self.report_text()
        return files

    def _parts(self, s: SlideData) -> list[tuple[str, bool]]:
        return [
            ("table", bool(s.tables)),
            ("image", bool(s.pictures)),
            ("rendered", bool(s.rendered)),
            ("notes", any(p.plain for p in s.notes)),
        ]

    def _media_todo(self, s: SlideData) -> list[str]:
        lines = []
        if s.linked_media and not any(m.playable for m in s.media):
            files = ", ".join(s.linked_media)
            lines += ["", ":::note", tr("todo_linked", self.lang, files=files), ":::"]
        shown = [f for f in s.unplayable if f not in s.linked_media]
        if shown:
            files = ", ".join(shown)
            lines += ["", ":::note", tr("todo_media", self.lang, files=files), ":::"]
        return lines

    def _slide_warnings(self, s: SlideData, *, alt: bool = True) -> None:
        if alt:
            for path in s.no_alt:
                self.warnings.add(diag("OQ311", self.name, slide=s.number, target=path))
        for path in s.unplayable:
            self.warnings.add(diag("OQ314", self.name, slide=s.number, target=path))
        if s.merged_cells:
            self.attention.append(tr("merged", self.lang, slide=s.number))
        if s.complex and not s.rendered and s is not self.title_slide and self.render_skipped:
            self.warnings.add(
                diag("OQ313", self.name, slide=s.number, problem="rendering switched off")
            )

    def _quiz(self, meta: dict[str, Any]) -> str:
        lang = self.lang
        first = self.quiz_slides[0][0]
        title = first.title_md or esc(tr("slide_title", lang, n=first.number))
        intro: list[str] = []
        questions: list[str] = []
        unresolved: list[str] = []
        trailing: list[str] = []
        notes: list[str] = []
        count = 0
        for s, parsed in self.quiz_slides:
            intro += paras_to_md(parsed.intro)
            for q in parsed.questions:
                questions += [*q.markdown(), ""]
                count += 1
            for q in parsed.unresolved:
                unresolved += [*q.plain_markdown(), ""]
                why = tr(f"why_{q.problem}", lang)
                self.attention.append(
                    tr("q_unresolved", lang, slide=s.number, num=q.number, why=why)
                )
            trailing += paras_to_md(parsed.trailing)
            for pic in s.pictures:
                trailing += ["", f"![{esc(pic.alt)}]({pic.path})"]
            notes += _notes(s)
            self._slide_warnings(s)
            todo = tr("quiz_todo", lang, n=len(parsed.unresolved)) if parsed.unresolved else ""
            final = " {final=true}" if count and s is self.quiz_slides[-1][0] else ""
            mapped = tr("map_quiz", lang, final=final, n=len(parsed.questions), todo=todo)
            self.result.slides.append(SlideReport(s.number, s.title, mapped))
        self.result.questions = count
        if count and count < 5:
            self.attention.append(tr("few_questions", lang, n=count))
        if not count:
            self.attention.append(tr("no_final", lang))
        lines = ["{#final-test}", f"## {title}", ""]
        if intro:
            lines += [*intro, ""]
        if count:
            meta["completion"] = "test"
            lines += [":::quiz {final=true}", *questions[:-1], ":::", ""]
        if unresolved:
            lines += [":::note", tr("todo_questions", lang), "", *unresolved[:-1], ":::", ""]
        if trailing:
            lines += [*trailing, ""]
        lines += notes
        return "\n".join(lines).rstrip() + "\n"

    # --- metadata ---------------------------------------------------------------------------
    def _metadata(self, f: TitleFields) -> dict[str, Any]:
        lang = self.lang
        rows = self.meta_rows

        def req(key: str, value: str | None, placeholder: str) -> str:
            if value:
                rows.append((key, value, tr("found", lang)))
                return value
            self.warnings.add(diag("OQ312", self.name, field=key))
            rows.append((key, tr(placeholder, lang), tr("missing", lang)))
            return tr(placeholder, lang)

        def opt(key: str, value: str | None) -> str | None:
            rows.append((key, value or "—", tr("found" if value else "missing", lang)))
            return value

        title = f.title or self.deck.core_title
        meta: dict[str, Any] = {"oqu": 1, "title": req("title", title, "ph_title")}
        meta["type"] = "interactive-presentation"
        meta["language"] = lang
        uni = opt("university", f.university)
        url = opt("university.url", f.url)
        if uni:
            meta["university"] = {"name": uni, **({"url": url} if url else {})}
        fac = opt("faculty", f.faculty)
        if fac:
            meta["faculty"] = fac
        meta["department"] = req("department", f.department, "ph_department")
        meta["discipline"] = req("discipline", f.discipline, "ph_discipline")
        if f.date:
            meta["date"] = dt.date.fromisoformat(f.date)
            rows.append(("date", f.date, tr("found", lang)))
        elif self.deck.core_created:
            meta["date"] = dt.date.fromisoformat(self.deck.core_created)
            rows.append(("date", self.deck.core_created, tr("from_props", lang)))
        else:
            meta["date"] = self.today
            rows.append(("date", self.today.isoformat(), tr("date_today", lang)))
            self.attention.append(f"date: {tr('date_today', lang)}")
        author: dict[str, str] = {"name": req("authors[0].name", f.name, "ph_name")}
        for key, value in (
            ("position", f.position),
            ("degree", f.degree),
            ("title", f.academic_title),
            ("email", f.email),
            ("photo", f.photo),
        ):
            if opt(f"authors[0].{key}", value) and value:
                author[key] = value
        meta["authors"] = [author]
        if f.photo:
            self.attention.append(tr("photo_guess", lang, path=f.photo))
        for line in f.unused:
            self.attention.append(tr("unused_line", lang, line=line))
        if self.contents is not None:
            topics = []
            for t in self.contents.texts:
                for p in t.paras:
                    for line in p.plain.split("\n"):
                        line = _NUMBERING.sub("", line).strip()
                        if line:
                            topics.append(line)
            if topics:
                meta["topics"] = topics
        return meta

    def _yaml(self, meta: dict[str, Any]) -> str:
        lang = self.lang
        credits: dict[str, dict[str, str]] = {}
        for path in sorted(self.deck.files):
            slide = _slide_of(path)
            credits[path] = {
                "source": tr("credit_source", lang, deck=self.name, slide=slide),
                "licence": tr("ph_licence", lang),
            }
        if credits:
            self.attention.append(tr("credits", lang))
        out = dict(meta)
        completion = out.pop("completion", None)
        if completion:
            out["completion"] = completion
        if credits:
            out["media"] = credits
        out["modules"] = [{"file": MODULE_FILE, "title": meta["title"]}]
        header = tr("yaml_header", lang, deck=self.name)
        body = yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=100)
        return f"{header}\n{body}"

    # --- the report -------------------------------------------------------------------------
    def report_check(self, lines: list[str]) -> None:
        self.check_lines = lines

    def report_text(self) -> str:
        lang = self.lang
        out = [tr("report_title", lang, deck=self.name), ""]
        out.append(
            tr(
                "summary",
                lang,
                slides=len(self.deck.slides),
                language=lang,
                media=len(self.deck.files),
                out=self.out,
            )
        )
        out += ["", tr("h_meta", lang), "", "| | | |", "| --- | --- | --- |"]
        out += [f"| `{k}` | {_cell(v)} | {s} |" for k, v, s in self.meta_rows]
        out += ["", tr("h_slides", lang), "", "| # | | → |", "| --- | --- | --- |"]
        for r in sorted(self.result.slides, key=lambda r: r.number):
            out.append(f"| {r.number} | {_cell(r.title)} | {_cell(r.mapped)} |")
        out += ["", tr("h_attention", lang), ""]
        items = [f"- {d.code} {d.message(lang)} — {d.hint(lang)}" for d in self.warnings]
        items += [f"- {x}" for x in self.attention]
        if self.render_note:
            items.append(f"- {self.render_note}")
        out += items or [tr("nothing", lang)]
        if self.build_lines:
            out += ["", tr("h_build", lang), "", *self.build_lines]
        out += ["", tr("h_check", lang), "", *(self.check_lines or [tr("checker_missing", lang)])]
        return "\n".join(out).rstrip() + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ") or "—"


def _slide_of(path: str) -> str:
    m = re.search(r"slide-(\d+)", path)
    return str(int(m.group(1))) if m else "?"


def _is_contents(s: SlideData) -> bool:
    low = s.title.casefold().strip()
    return any(low.startswith(w) for w in _CONTENTS)


def _notes(s: SlideData) -> list[str]:
    md = paras_to_md([p for p in s.notes if p.plain])
    return ["", ":::notes", *md, ":::"] if md else []


# --- writing ------------------------------------------------------------------------------


def _write(out: Path, files: dict[str, bytes], job: _Import, verify: Verify | None) -> None:
    """Write into a temporary folder beside ``out``, check it as ``oqu build`` would, rename."""
    parent = out.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=parent))
    try:
        for name, data in files.items():
            target = tmp / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        job.build_lines = _self_check(tmp, job, verify)
        (tmp / REPORT_FILE).write_text(job.report_text(), "utf-8")
        tmp.chmod(0o755)
        if out.exists():
            out.rmdir()  # checked empty at the start
        os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _self_check(folder: Path, job: _Import, verify: Verify | None) -> list[str]:
    """Check the result as ``oqu build`` would (``verify``; else load it); list any error."""
    diags = Diagnostics()
    try:
        if verify is not None:
            verify(folder, diags)
        else:
            load(folder, diags)
    except OquError as e:
        return [f"- {e}"]
    errors = [d for d in diags if d.severity == "error"]
    job.result.build_errors = [d.format(job.lang) for d in errors]
    if not errors:
        return [tr("build_ok", job.lang)]
    rel = str(folder)
    return [tr("build_bad", job.lang), ""] + [
        f"- `{d.format(job.lang).replace(rel, str(job.out))}`" for d in errors
    ]


def _run_checker(out: Path, lang: Lang, check: Check | None = None) -> list[str]:
    """``oqu check OUT`` — ``check`` in this process, else the command as a subprocess when
    the checker exists — and its findings as report lines."""
    if check is not None:
        try:
            data = check(out, lang)
        except Exception as e:  # the checker's own failure must not lose the import
            return [tr("checker_failed", lang, problem=f"{type(e).__name__}: {e}"[:200])]
    else:
        import importlib.util

        if importlib.util.find_spec("oqu.rules") is None:
            return [tr("checker_missing", lang)]
        cmd = [sys.executable, "-m", "oqu.cli", "check", str(out), "--format", "json"]
        try:
            done = subprocess.run(
                [*cmd, "--lang", lang], capture_output=True, text=True, timeout=CHECK_TIMEOUT
            )
        except (OSError, subprocess.TimeoutExpired) as e:
            return [tr("checker_failed", lang, problem=type(e).__name__)]
        if "No such command" in done.stderr:
            return [tr("checker_missing", lang)]
        try:
            data = json.loads(done.stdout)
        except json.JSONDecodeError:
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            problem = " / ".join(tail) or f"exit {done.returncode}"
            return [tr("checker_failed", lang, problem=problem)]
    if not isinstance(data, dict):
        return [tr("checker_failed", lang, problem="no JSON report")]
    findings = data.get("findings", [])
    lines = [tr("checker_verdict", lang, verdict=data.get("verdict", "?"), n=len(findings)), ""]
    for f in findings:
        if not isinstance(f, dict):
            continue
        loc = f.get("location", "")
        if isinstance(loc, dict):
            loc = ":".join(str(loc[k]) for k in ("file", "line", "column") if loc.get(k))
        lines.append(
            f"- {f.get('rule', '?')} {f.get('severity', '?')}: {f.get('message', '')}"
            + (f" ({loc})" if loc else "")
        )
    return lines
