"""One slide's data → Markdown in the Oqu source format, and a line saying what became what.

The interactive element a slide becomes is chosen from its content, with the slide's title as a
hint (form 02 names the element in the title: «Процесс: …», «Tabs: …»):

1. audio or video in the slide → ``:::video`` / ``:::audio`` with the slide's text as description;
2. a picture with callouts (or small text boxes on it) → ``:::hotspots`` (``:::map`` when the
   title says map), markers at the callouts' tips in percent of the picture;
3. several text boxes, each a titled part → ``:::tabs`` (or the kind the title names;
   ``:::process`` when the parts are numbered);
4. numbered steps → ``:::process``; a list whose top lines have sub-lines → tabs or the named
   kind (``:::hierarchy`` keeps the levels);
5. otherwise the text as it is — beside its one picture, as ``:::columns`` when they sit side by
   side in the deck — and, on the template's element slides (3–9), a TODO note.

Nothing is dropped: text that does not fit an element stays on the slide as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from oqu.diagnostics import Lang
from oqu.sources.pptx.reader import Box, Picture, SlideData, TextShape
from oqu.sources.pptx.text import Para, esc, paras_to_md
from oqu.sources.pptx.texts import tr

_HINTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("video", ("бейне", "видео", "video")),
    ("map", ("карта", "map")),
    ("hierarchy", ("иерархия", "hierarchy")),
    ("catalogue", ("каталог", "catalog")),
    ("tabs", ("қойынды", "вкладк", "tabs")),
    ("reveal", ("анимация", "animation")),
    ("cycle", ("цикл", "cycle")),
    ("timeline", ("timeline", "хронолог")),
    ("process", ("процесс", "үдеріс", "process", "кезеңдер", "этапы", "steps", "алгоритм")),
)
_PART_KINDS = {"tabs", "process", "catalogue", "cycle", "timeline", "hierarchy", "reveal"}
_STEP = re.compile(
    r"^\s*(?:(?:step|шаг|этап|кезең|қадам)\s*(\d+)\s*[.:)\-—–]?|(\d+)\s*[.)]|(\d+)\s*-\s*(?:кезең|қадам|этап)\s*[.:)\-—–]?)\s*",
    re.IGNORECASE,
)
_ESCAPED_NUMBER = re.compile(r"^\s*\d+\s*\\[.)]\s*")
_COLON = re.compile(r"^(.{2,60}?)\s*:\s+(.+)$")
_DASH = re.compile(r"^(.{2,60}?)\s+[—–-]\s+(.+)$")
MIN_DASH_BODY_WORDS = 5


def split_title_body(text: str) -> tuple[str, str] | None:
    """«Title: body» → (title, body); «Title — body» only when the body is a sentence.

    A colon is the author's own label mark. A dash is also Russian and Kazakh punctuation inside
    a statement («От 5 до 60 °C — опасная зона», «СБН — бақылау нүктесі»): it splits only when
    what follows has at least five words and is longer than what precedes (a title, then its
    explanation); otherwise the line stays whole.
    """
    if m := _COLON.match(text):
        return m.group(1), m.group(2)
    m = _DASH.match(text)
    if m and len(m.group(2).split()) >= MIN_DASH_BODY_WORDS and len(m.group(2)) > len(m.group(1)):
        return m.group(1), m.group(2)
    return None


@dataclass(slots=True)
class Composed:
    lines: list[str]
    mapped: str  # for the report: ":::tabs (3 items)", "text", …
    kind: str | None  # the interaction kind, when one was made
    visual: bool  # an image, video or audio is on the slide
    todo: bool = False
    extras: list[str] = field(default_factory=list)


def hint(title: str) -> str | None:
    low = title.casefold()
    for kind, words in _HINTS:
        if any(w in low for w in words):
            return kind
    return None


def image_md(p: Picture) -> str:
    return f"![{esc(p.alt)}]({p.path})"


def compose_slide(s: SlideData, lang: Lang, *, element_slot: bool) -> Composed:
    kind_hint = hint(s.title)
    pictures = [p for p in s.pictures if p.path]
    playable = [m for m in s.media if m.playable]
    in_tree = {id(t) for _, t in s.tree}
    texts = [t for t in s.texts if t.placeholder != "title" and id(t) not in in_tree]
    columns = two_columns(texts, pictures)
    visual = bool(pictures or playable or s.rendered)
    lines: list[str] = []
    if s.rendered:
        alt = tr("rendered_alt", lang, title=s.title or tr("slide_title", lang, n=s.number))
        lines += [f"![{esc(alt)}]({s.rendered})", ""]

    body: list[str]
    kind: str | None = None
    n_items = 0
    if playable:
        m = playable[0]
        kind = m.kind
        attrs = f"src={m.path}" + (f" poster={m.poster}" if m.poster else "")
        desc = paras_to_md([p for t in texts for p in t.paras])
        body = [image_md(p) for p in pictures]
        body += [""] if body else []
        body += [f":::{m.kind} {{{attrs}}}", *desc, ":::"]
        for extra in playable[1:]:
            body += ["", f":::{extra.kind} {{src={extra.path}}}", esc(s.title or extra.path), ":::"]
        mapped = tr("map_media", lang, kind=m.kind, path=m.path)
    elif s.tree:  # an org chart drawn with shapes and connectors
        kind, n_items = "hierarchy", len(s.tree)
        body = _tree(s.tree, texts, pictures)
        mapped = tr("map_tree", lang, n=n_items)
    else:
        # outside the template's element slides only an explicit sign makes an element:
        # the title names a kind, or callouts sit on a picture
        eager = element_slot or kind_hint is not None
        made = (
            _hotspots(texts, pictures, kind_hint)
            if eager or any(t.callout for t in texts)
            else None
        )
        if made is None and eager:
            made = _parts(texts, pictures, kind_hint) or _steps(texts, pictures, kind_hint)
        if made is not None:
            kind, body, n_items = made
            why = tr("why_hint", lang) if kind_hint == kind else ""
            mapped = tr("map_kind", lang, kind=kind, n=n_items, why=why)
        elif columns is not None:  # text and picture side by side: they stay so
            body = _columns_md(columns, texts, pictures[0])
            mapped = tr("map_text", lang) + tr("map_columns", lang)
        else:
            body = []
            for t in texts:
                md = paras_to_md(t.paras)
                if md:
                    body += [*md, ""]
            for p in pictures:
                body += [image_md(p), ""]
            mapped = tr("map_text", lang)
    lines += body
    for table in s.tables:
        if table:
            lines += ["", *table]
    if s.extra_text:
        lines += ["", *s.extra_text]
    todo = False
    if kind is None and element_slot:
        todo = True
        lines += ["", ":::note", tr("todo_element", lang), ":::"]
        mapped = tr("map_todo", lang)
    return Composed(_tidy(lines), mapped, kind, visual, todo)


def two_columns(texts: list[TextShape], pictures: list[Picture]) -> list[TextShape] | None:
    """The text boxes beside the slide's one picture, when text and picture sit side by side.

    Side by side (the «Two Content» and «Comparison» layouts, or boxes placed so): a text box
    overlaps the picture little across (at most a tenth of the narrower one's width) and much
    down (at least half of the shorter one's height), all such boxes on the same side. Other
    text boxes must lie wholly above or below the picture (a heading line, a source line);
    a text box partly over the picture means another layout (a label, a callout): ``None``.
    """
    if len(pictures) != 1:
        return None
    pic = pictures[0].box
    shown = [t for t in texts if any(p.plain for p in t.paras)]
    beside: list[TextShape] = []
    for t in shown:
        b = t.box
        across = _span(b.left, b.width, pic.left, pic.width)
        down = _span(b.top, b.height, pic.top, pic.height)
        if across <= 0.1 * min(b.width, pic.width) and down >= 0.5 * min(b.height, pic.height):
            beside.append(t)
        elif down > 0:
            return None
    if not beside or len({t.box.cx < pic.cx for t in beside}) != 1:
        return None
    return beside


def _span(a: float, a_len: float, b: float, b_len: float) -> float:
    """How far two intervals overlap (0 when apart)."""
    return max(0.0, min(a + a_len, b + b_len) - max(a, b))


def _columns_md(beside: list[TextShape], texts: list[TextShape], picture: Picture) -> list[str]:
    """``:::columns``: the text and the picture in the deck's left-to-right order; text boxes
    above the pair before it, below it after it (10.1.3: text beside the picture, not over)."""
    inside = {id(t) for t in beside}
    above = [t for t in texts if id(t) not in inside and t.box.top < picture.box.top]
    below = [t for t in texts if id(t) not in inside and t.box.top >= picture.box.top]
    text: list[str] = []
    for t in sorted(beside, key=lambda t: (t.box.top, t.box.left)):
        text += [*paras_to_md(t.paras), ""]
    text = [("\\" + x if x.strip() == "+++" else x) for x in _tidy(text)]  # text, not a break
    image = [image_md(picture)]
    left, right = (image, text) if picture.box.cx < beside[0].box.cx else (text, image)
    lines: list[str] = []
    for t in above:
        lines += [*paras_to_md(t.paras), ""]
    lines += [":::columns", *left, "+++", *right, ":::", ""]
    for t in below:
        lines += [*paras_to_md(t.paras), ""]
    return _tidy(lines)


def _tree(
    tree: list[tuple[int, TextShape]], texts: list[TextShape], pictures: list[Picture]
) -> list[str]:
    lines = [":::hierarchy"]
    for t in texts:
        lines += [*paras_to_md(t.paras), ""]
    for p in pictures:
        lines += [image_md(p), ""]
    for depth, t in tree:
        head, body = _heading_body(t.paras)
        lines += [f"{'#' * (3 + depth)} {head}", *body, ""]
    return [*_tidy(lines), ":::"]


def _tidy(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if line == "" and (not out or out[-1] == ""):
            continue
        out.append(line.rstrip())
    while out and out[-1] == "":
        out.pop()
    return out


def _heading_body(paras: list[Para]) -> tuple[str, list[str]]:
    """A text box as an item: its first line is the heading, the rest the body.

    A line break inside the first paragraph (Shift+Enter) ends the heading too: «Қауіптерді
    талдау↵Әр кезеңде …» is a step's title and its text.
    """
    paras = [p for p in paras if p.plain]
    first = paras[0]
    head, _, more = first.plain.partition("\n")
    if more.strip():
        rest = [esc(x) for x in more.split("\n") if x.strip()]
        return esc(head), ["\\\n".join(rest)] + ([""] if len(paras) > 1 else []) + paras_to_md(
            paras[1:]
        )
    if len(paras) > 1:
        return esc(head), paras_to_md(paras[1:])
    text = head
    if pair := split_title_body(text):
        return esc(pair[0]), [esc(pair[1])]
    if len(text) <= 80:
        return esc(text), []
    words = text.split()
    return esc(" ".join(words[:6]) + " …"), [first.md]


def _hotspots(
    texts: list[TextShape], pictures: list[Picture], kind_hint: str | None
) -> tuple[str, list[str], int] | None:
    if not pictures:
        return None
    base = max(pictures, key=lambda p: p.box.width * p.box.height)
    b = base.box
    if b.width <= 0 or b.height <= 0:
        return None
    marks: list[tuple[TextShape, float, float]] = []
    rest: list[TextShape] = []
    for t in texts:
        point = t.tail if t.callout and t.tail else (t.box.cx, t.box.cy)
        small = t.box.width * t.box.height < 0.25 * b.width * b.height
        on_picture = (t.callout or (small and t.placeholder != "body")) and b.contains(*point)
        if on_picture or (t.callout and t.tail):  # a callout just outside: clamped to the edge
            marks.append((t, point[0], point[1]))
        else:
            rest.append(t)
    need = 1 if kind_hint == "map" else 2
    if len(marks) < need:
        return None
    kind = "map" if kind_hint == "map" else "hotspots"
    lines = [image_md(base), ""]
    for t in rest:
        lines += [*paras_to_md(t.paras), ""]
    for p in pictures:
        if p is not base:
            lines += [image_md(p), ""]
    for t, x, y in marks:
        px = _pct((x - b.left) / b.width)
        py = _pct((y - b.top) / b.height)
        head, body = _heading_body(t.paras)
        lines += [f"{{x={px} y={py}}}", f"### {head}", *body, ""]
    return kind, [f":::{kind}", *_tidy(lines), ":::"], len(marks)


def _pct(v: float) -> int:
    return max(0, min(100, round(v * 100)))


def _parts(
    texts: list[TextShape], pictures: list[Picture], kind_hint: str | None
) -> tuple[str, list[str], int] | None:
    parts = [t for t in texts if any(p.plain for p in t.paras)]
    if len(parts) < 2 or sum(1 for t in parts if t.placeholder == "body") > 1:
        return None
    if any(len([p for p in t.paras if p.plain]) > 12 for t in parts):
        return None
    pairs = _paired(parts)
    if pairs is not None:  # step shapes in a row, each with its text box under (or beside) it
        numbered = all(_STEP.match(h.paras[0].plain) for h, _ in pairs if h.paras)
        kind = kind_hint if kind_hint in _PART_KINDS else ("process" if numbered else "tabs")
        items = []
        for head_shape, text_shape in pairs:
            head, body = _heading_body(head_shape.paras)
            items.append((head, [*body, *([""] if body else []), *paras_to_md(text_shape.paras)]))
        return kind, _items(kind, items, pictures, []), len(items)
    numbered = all(_STEP.match(t.paras[0].plain) for t in parts if t.paras)
    kind = kind_hint if kind_hint in _PART_KINDS else ("process" if numbered else "tabs")
    return kind, _items(kind, [_heading_body(t.paras) for t in parts], pictures, []), len(parts)


def _lines(parts: list[TextShape], *, rows: bool) -> list[list[TextShape]]:
    """The shapes grouped into rows (or columns) by their centres."""

    def at(t: TextShape) -> float:
        return t.box.cy if rows else t.box.cx

    def size(t: TextShape) -> float:
        return t.box.height if rows else t.box.width

    def along(t: TextShape) -> float:
        return t.box.cx if rows else t.box.cy

    groups: list[list[TextShape]] = []
    for t in sorted(parts, key=at):
        if groups and abs(at(t) - at(groups[-1][0])) < 0.5 * max(size(groups[-1][0]), 1):
            groups[-1].append(t)
        else:
            groups.append([t])
    return [sorted(g, key=along) for g in groups]


def _paired(parts: list[TextShape]) -> list[tuple[TextShape, TextShape]] | None:
    """Two rows (or columns) of as many shapes, one above (left of) the other: title and text.

    A process drawn as chevrons or numbered circles with a text box under each one; the upper
    shapes hold one line each.
    """
    if len(parts) < 4 or len(parts) % 2:
        return None
    for rows in (True, False):
        lines = _lines(parts, rows=rows)
        if len(lines) != 2 or len(lines[0]) != len(lines[1]):
            continue
        heads, texts = lines
        if any(len([p for p in h.paras if p.plain]) > 1 for h in heads):
            continue
        # titles and their texts, not a grid of like items: the texts say more than the titles
        if sum(len(t.plain) for t in texts) < 1.5 * sum(len(h.plain) for h in heads):
            continue
        if all(_overlap(h.box, t.box, across=rows) for h, t in zip(heads, texts, strict=True)):
            return list(zip(heads, texts, strict=True))
    return None


def _overlap(a: Box, b: Box, *, across: bool) -> bool:
    if across:  # one above the other: their columns overlap
        return a.left < b.left + b.width and b.left < a.left + a.width
    return a.top < b.top + b.height and b.top < a.top + a.height


def _items(
    kind: str,
    items: list[tuple[str, list[str]]],
    pictures: list[Picture],
    intro: list[str],
    levels: list[int] | None = None,
) -> list[str]:
    lines = [f":::{kind}", *intro]
    cards = kind == "catalogue" and len(pictures) == len(items)
    if not cards:
        for p in pictures:
            lines += ["", image_md(p)]
    lines.append("")
    for i, (head, body) in enumerate(items):
        if kind == "process":  # the step's number goes: «1\\. Step» (as escaped), «Step 1: …»
            head = _STEP.sub("", _ESCAPED_NUMBER.sub("", head, count=1), count=1)
        depth = 3 + (levels[i] if levels else 0)
        lines.append(f"{'#' * min(depth, 6)} {head or str(i + 1)}")
        if cards:
            lines.append(image_md(pictures[i]))
            lines.append("")
        lines += [*body, ""]
    return [*_tidy(lines), ":::"]


def _steps(
    texts: list[TextShape], pictures: list[Picture], kind_hint: str | None
) -> tuple[str, list[str], int] | None:
    paras = [p for t in texts for p in t.paras if p.plain]
    if len(paras) < 2:
        return None
    top = min(p.level for p in paras)
    heads = [i for i, p in enumerate(paras) if p.level == top]
    steps = [i for i in heads if paras[i].bullet == "number" or _STEP.match(paras[i].plain)]
    grouped = [
        i
        for n, i in enumerate(heads)
        if (heads[n + 1] if n + 1 < len(heads) else len(paras)) > i + 1
    ]
    # numbered lines are steps; what follows a step, up to the next one, is its text
    if len(steps) >= 2:
        kind = kind_hint if kind_hint in ("process", "cycle", "timeline", "reveal") else "process"
        chosen = steps
    elif kind_hint == "hierarchy" and len({p.level for p in paras}) >= 2 and heads[0] == 0:
        kind, chosen = "hierarchy", heads
    elif len(grouped) >= 2 and grouped == heads[len(heads) - len(grouped) :]:
        kind = kind_hint if kind_hint in _PART_KINDS else "tabs"
        chosen = grouped
    elif kind_hint == "reveal" and len(heads) >= 2:
        kind, chosen = "reveal", heads
    else:
        return None
    intro = paras_to_md(paras[: chosen[0]])
    items: list[tuple[str, list[str]]] = []
    levels: list[int] = []
    for n, i in enumerate(chosen):
        stop = chosen[n + 1] if n + 1 < len(chosen) else len(paras)
        sub = paras[i + 1 : stop]
        text = _STEP.sub("", paras[i].plain, count=1)
        text, _, more = text.partition("\n")  # Shift+Enter: the step's title, then its text
        pair = split_title_body(text)
        if more.strip():
            head = esc(text)
            body = ["\\\n".join(esc(x) for x in more.split("\n") if x.strip())]
            body += [""] if sub else []
        elif pair and not sub:
            head, body = esc(pair[0]), [esc(pair[1])]
        elif len(text) > 80 and not sub:
            head, body = esc(" ".join(text.split()[:6]) + " …"), [esc(text)]
        else:
            head, body = esc(text), []
        if kind == "hierarchy":
            items.append((head, body))
            levels.append(0)
            for p in sub:
                items.append((esc(p.plain.replace("\n", " ")), []))
                levels.append(max(1, min(p.level - top, 3)))
            continue
        body += paras_to_md(
            [Para(p.md, p.plain, p.level - top - 1, p.bullet, p.bold, p.links) for p in sub]
        )
        items.append((head, body))
        levels.append(0)
    return kind, _items(kind, items, pictures, intro, levels), len(items)
