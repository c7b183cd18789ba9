"""Reading what Adapt and eXeLearning publish, as far as their files allow (issue 14).

* **Adapt** keeps the course as JSON: ``course/<lang>/course.json`` (title, body),
  ``contentObjects.json`` (menus and pages, ``_type``), ``articles.json``, ``blocks.json`` and
  ``components.json`` (``_component``: ``text``, ``graphic``, ``narrative``, ``accordion``,
  ``hotgraphic``, ``media``, and the questions ``mcq``, ``gmcq``, ``matching``, ``slider``,
  ``textinput``…), each item under its parent by ``_parentId``. An article with
  ``_assessment._isEnabled`` is an assessment. Pages are the slides the learner sees; the
  course's menu lists them (the contents).
* **eXeLearning 3** keeps the project as ``content.xml``: ``<odeNavStructure>`` pages (their
  ``<pageName>``) → ``<odePagStructure>`` blocks → ``<odeComponent>`` iDevices with
  ``<odeIdeviceTypeName>`` and the HTML they show in ``<htmlView>``. Question iDevices
  (``trueorfalse``, ``quick-questions*``, ``guess``, ``complete``, ``sort``, ``relate``,
  ``classify``, ``dragdrop``…) are the questions; other non-text iDevices are interactions.
  eXeLearning 2's ``contentv3.xml`` is a serialised Python object tree: not read.

Both are read with the hardened XML parser / ``json`` under the size cap of
:data:`oqu.sources.scorm.MAX_DATA_FILE`; a file that cannot be read is a 10.7 finding and the
facts that need it stay unknown.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from lxml import etree

from oqu.diagnostics import Location
from oqu.model.subject import (
    UNKNOWN,
    ImageUse,
    InteractionFact,
    Navigation,
    QuestionFact,
    QuizFact,
    SlideFact,
    SlideKind,
    Subject,
    UnitFact,
    known,
)
from oqu.sources.foreign import find_email, guess_language, title_facts

__all__ = ["ADAPT_INTERACTIONS", "ADAPT_QUESTIONS", "EXE_QUESTIONS", "read_adapt", "read_exe"]

Reader = Callable[[str], bytes]

ADAPT_QUESTIONS = {
    "mcq": "single", "gmcq": "single", "matching": "matching", "slider": "numeric",
    "textinput": "short", "openTextInput": "essay", "confidenceSlider": "likert",
}  # fmt: skip
ADAPT_INTERACTIONS = {
    "narrative": "process", "accordion": "accordion", "hotgraphic": "hotspots",
    "media": "video", "flipcard": "flipcards", "tabs": "tabs", "timeline": "timeline",
}  # fmt: skip
EXE_QUESTIONS = {
    "trueorfalse": "truefalse", "quick-questions": "single",
    "quick-questions-multiple-choice": "single", "quick-questions-video": "single",
    "guess": "short", "complete": "blanks", "sort": "sequence", "relate": "matching",
    "classify": "matching", "dragdrop": "dragwords", "identify": "short",
    "scrambled-list": "sequence", "mathproblems": "numeric",
    "mathematicaloperations": "numeric", "crossword": "crossword", "word-search": "wordsearch",
    "puzzle": "puzzle", "trivial": "trivial", "az-quiz-game": "azquiz", "discover": "discover",
}  # fmt: skip
_EXE_TEXT = frozenset({"text", "freetextidevice", "freetext", "rubric", "download-source-file"})
_TAG = re.compile(r"<[^>]*>")
_IMG = re.compile(r"<img\b[^>]*>", re.I)
_ATTR = re.compile(r"""\b(src|alt)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_MEDIA = re.compile(
    r"\.(?:png|jpe?g|gif|webp|svg|mp4|webm|mp3|m4a|ogg)\b|<(?:img|video|audio)\b", re.I
)
_ADAPT_DIR = re.compile(r"^(.*?course/([^/]+))/components\.json$")


def _plain(html: object) -> str:
    return " ".join(_TAG.sub(" ", html).split()) if isinstance(html, str) else ""


def _imgs(html: str, where: Location) -> list[ImageUse]:
    out = []
    for tag in _IMG.findall(html):
        attrs = {k.lower(): a or b for k, a, b in _ATTR.findall(tag)}
        out.append(ImageUse(attrs.get("src", ""), attrs.get("alt", ""), "", where))
    return out


def _unread(subject: Subject, name: str, problem: str) -> None:
    if subject.package is not None:
        subject.package.problems.append(
            ("undecodable", name, {"target": name, "step": "file", "problem": problem})
        )
        subject.package.unread.append(f"{name}: {problem}")


def _contents_and_nav(subject: Subject, pages: list[SlideFact], texts: list[str]) -> None:
    """The tool's own menu lists every page: that is the contents (10.1.2, 10.9)."""
    subject.contents_topics = [p.title for p in pages if p.title] if len(pages) > 1 else None
    media = known(subject.media) or []
    inter = known(subject.interactions) or []
    subject.navigation = Navigation(
        contents=len(pages) > 1,
        search=UNKNOWN,
        glossary=UNKNOWN,
        media_access=any(m.kind != "other" and m.role == "picture" for m in media)
        or any(i.has_visual for i in inter),
        contact_email=find_email(texts),
    )
    subject.language = subject.language or guess_language(" ".join(texts))


# --- Adapt ------------------------------------------------------------------------------------


def _json_list(read: Reader, name: str, subject: Subject) -> list[dict[str, Any]] | None:
    try:
        data = json.loads(read(name).decode("utf-8-sig"))
    except KeyError:
        _unread(subject, name, "missing")
        return None
    except (ValueError, UnicodeDecodeError, RecursionError) as e:
        _unread(subject, name, str(e)[:200])
        return None
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        _unread(subject, name, "not a JSON list")
        return None
    return [x for x in data if isinstance(x, dict)]


def read_adapt(subject: Subject, read: Reader, names: set[str], shown: str) -> None:
    """Pages, components, questions of an Adapt course (the first language folder)."""
    found = sorted(m.group(1) for n in names if (m := _ADAPT_DIR.match(n)))
    if not found:
        _unread(subject, "course/*/components.json", "missing")
        return
    base = found[0]
    lang = base.rsplit("/", 1)[-1]
    tables = {}
    for part in ("contentObjects", "articles", "blocks", "components"):
        rows = _json_list(read, f"{base}/{part}.json", subject)
        if rows is None:
            return
        tables[part] = rows
    course = _json_list(read, f"{base}/course.json", subject) or [{}]
    parent = {
        str(x.get("_id")): str(x.get("_parentId"))
        for part in ("contentObjects", "articles", "blocks", "components")
        for x in tables[part]
    }
    pages = [x for x in tables["contentObjects"] if x.get("_type") == "page"]
    page_no = {str(p.get("_id")): n for n, p in enumerate(pages, start=1)}
    assessment = {
        str(a.get("_id"))
        for a in tables["articles"]
        if isinstance(a.get("_assessment"), dict) and a["_assessment"].get("_isEnabled")
    }

    def page_of(cid: str) -> tuple[int, str]:
        node, article = cid, ""
        for _ in range(10):
            node = parent.get(node, "")
            if node in assessment:
                article = node
            if node in page_no:
                return page_no[node], article
        return 0, article

    where = Location(f"{shown}!{base}/components.json")
    texts: dict[int, list[str]] = {n: [] for n in page_no.values()}
    inter: list[InteractionFact] = []
    quizzes: dict[int, tuple[bool, list[QuestionFact]]] = {}
    images: list[ImageUse] = []
    for c in tables["components"]:
        n, article = page_of(str(c.get("_id")))
        if not n:
            continue
        blob = json.dumps(c, ensure_ascii=False)
        title = _plain(c.get("displayTitle") or c.get("title"))
        body = _plain(c.get("body"))
        texts[n].append(f"{title} {body}")
        kind = str(c.get("_component", ""))
        images.extend(_imgs(str(c.get("body", "")), where))
        items = [i for i in c.get("_items") or [] if isinstance(i, dict)]
        for graphic in [c.get("_graphic"), *(i.get("_graphic") for i in items)]:
            if isinstance(graphic, dict) and isinstance(graphic.get("src"), str):
                images.append(ImageUse(graphic["src"], str(graphic.get("alt", "")), "", where))
        if kind in ADAPT_QUESTIONS:
            q = ADAPT_QUESTIONS[kind]
            if kind in ("mcq", "gmcq") and int(c.get("_selectable") or 1) > 1:
                q = "multiple"
            final, qs = quizzes.get(n, (False, []))
            quizzes[n] = (final or bool(article), [*qs, QuestionFact(q)])
        elif kind in ADAPT_INTERACTIONS or isinstance(c.get("_items"), list):
            has_text = bool(body) or any(
                _plain(i.get("body") or i.get("title"))
                for i in c.get("_items") or []
                if isinstance(i, dict)
            )
            inter.append(
                InteractionFact(
                    ADAPT_INTERACTIONS.get(kind, kind),
                    title,
                    has_text,
                    bool(_MEDIA.search(blob)),
                    n,
                    where,
                )
            )
    slides = []
    for p in pages:
        n = page_no[str(p.get("_id"))]
        title = _plain(p.get("displayTitle") or p.get("title"))
        skind: SlideKind = (
            "test" if n in quizzes and not any(i.slide == n for i in inter) else "content"
        )
        n_inter = sum(1 for i in inter if i.slide == n)
        slides.append(
            SlideFact(n, title, " ".join(texts[n]), skind, n_inter, int(n in quizzes), where)
        )
    ordered = sorted(quizzes.items())
    any_assessment = any(final for _, (final, _) in ordered)
    subject.quizzes = [
        QuizFact(final if any_assessment else k == len(ordered) - 1, qs, n, where)
        for k, (n, (final, qs)) in enumerate(ordered)
    ]
    if any_assessment:  # the last assessment is the final test
        last = max(qf.slide for qf in subject.quizzes if qf.final)
        for qf in subject.quizzes:
            qf.final = qf.slide == last
    subject.slides = slides
    subject.interactions = inter
    subject.images = images
    c0 = course[0]
    subject.title = _plain(c0.get("displayTitle") or c0.get("title")) or subject.title
    cover = f"{subject.title}\n{_plain(c0.get('body'))}\n{_plain(c0.get('description'))}"
    subject.title_slide = title_facts(cover, Location(f"{shown}!{base}/course.json"))
    if lang in ("kk", "ru", "en"):
        subject.language = lang
    all_text = [cover, *(" ".join(t) for t in texts.values())]
    _contents_and_nav(subject, slides, all_text)
    if subject.units is UNKNOWN:
        subject.modules = []
        subject.units = [UnitFact(s.title, "", 1, s.text, where) for s in slides]


# --- eXeLearning --------------------------------------------------------------------------------


def _child_text(el: etree._Element, name: str) -> str:
    for child in el:
        if isinstance(child.tag, str) and etree.QName(child).localname == name:
            return child.text or ""
    return el.get(name, "") or el.get(f"ode{name[0].upper()}{name[1:]}", "")


def _children(el: etree._Element, name: str) -> list[etree._Element]:
    return [x for x in el.iter() if isinstance(x.tag, str) and etree.QName(x).localname == name]


def read_exe(subject: Subject, read: Reader, names: set[str], shown: str) -> None:
    """Pages, iDevices and question iDevices of an eXeLearning 3 ``content.xml``."""
    from oqu.sources.safexml import XMLRefused, parse_xml

    if "content.xml" not in names:
        what = "contentv3.xml" if "contentv3.xml" in names else "content.xml"
        problem = (
            "eXeLearning 2's serialised object tree is not read"
            if what == "contentv3.xml"
            else "missing"
        )
        _unread(subject, what, problem)
        return
    try:
        root = parse_xml(read("content.xml"))
    except (ValueError, etree.XMLSyntaxError, XMLRefused) as e:
        _unread(subject, "content.xml", str(e)[:200])
        return
    where = Location(f"{shown}!content.xml")
    slides: list[SlideFact] = []
    inter: list[InteractionFact] = []
    quizzes: list[QuizFact] = []
    images: list[ImageUse] = []
    texts: list[str] = []
    for n, page in enumerate(_children(root, "odeNavStructure"), start=1):
        title = _plain(_child_text(page, "pageName") or page.get("odePageName", ""))
        words: list[str] = [title]
        questions: list[QuestionFact] = []
        n_inter = 0
        for comp in _children(page, "odeComponent"):
            kind = _child_text(comp, "odeIdeviceTypeName").strip() or comp.get(
                "odeIdeviceTypeName", ""
            )
            html = _child_text(comp, "htmlView")
            text = _plain(html)
            words.append(text)
            images.extend(_imgs(html, where))
            low = kind.lower()
            if low in EXE_QUESTIONS:
                questions.append(QuestionFact(EXE_QUESTIONS[low]))
            elif low and low not in _EXE_TEXT:
                n_inter += 1
                has_visual = bool(_MEDIA.search(html + _child_text(comp, "jsonProperties")))
                inter.append(InteractionFact(kind, title, bool(text), has_visual, n, where))
        if questions:
            quizzes.append(QuizFact(False, questions, n, where))
        kind_: SlideKind = "test" if questions and not n_inter else "content"
        if n == 1:
            kind_ = "title"
        body = " ".join(w for w in words if w)
        texts.append(body)
        slides.append(SlideFact(n, title, body, kind_, n_inter, int(bool(questions)), where))
    if quizzes:
        quizzes[-1].final = True
    subject.slides = slides
    subject.interactions = inter
    subject.quizzes = quizzes
    subject.images = images
    if slides:
        subject.title_slide = title_facts(f"{slides[0].title}\n{slides[0].text}", where)
    _contents_and_nav(subject, slides, texts)
    if subject.units is UNKNOWN:
        subject.modules = []
        subject.units = [UnitFact(s.title, "", 1, s.text, where) for s in slides]
