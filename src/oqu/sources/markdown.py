"""Markdown module files → units, slides and blocks of the content model.

The Markdown is parsed by markdown-it-py (CommonMark, tables, ``:::`` containers, ``$`` math,
``{…}`` block attributes) with raw HTML switched off, so nothing an author types can become
markup we did not produce. The token stream is then walked once:

- ``#`` starts a unit, ``##`` a slide;
- ``:::kind`` containers become callouts, notes, interactions or quizzes;
- everything else is rendered to an :class:`~oqu.model.Html` fragment, with glossary terms
  linked and formulas turned into MathML.

Problems go into the shared :class:`~oqu.diagnostics.Diagnostics` with file and line.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_block_plugin
from mdit_py_plugins.attrs.parse import ParseError
from mdit_py_plugins.attrs.parse import parse as parse_attrs
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin

from oqu.diagnostics import Diagnostics, Lang, Location, Text, diag, near
from oqu.i18n import t
from oqu.model.content import (
    CALLOUT_KINDS,
    INTERACTION_KINDS,
    Block,
    Callout,
    Columns,
    Html,
    Image,
    Interaction,
    Item,
    MediaRef,
    Slide,
    Track,
    Unit,
)
from oqu.model.metadata import GlossaryEntry
from oqu.paths import is_url
from oqu.sources.questions import parse_quiz

# --- markdown-it set-up -------------------------------------------------------------------

# Pygments and latex2mathml are imported when a code block or a formula is first met: most
# lessons have neither, and the two cost a build's start about 60 ms (docs/benchmarks.md).


def _highlight(code: str, lang: str, _attrs: str) -> str:
    if not lang:
        return ""  # markdown-it escapes the code itself
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        lexer = get_lexer_by_name(lang)
    except ClassNotFound:
        return ""
    return str(highlight(code, lexer, HtmlFormatter(nowrap=True)))


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "highlight": _highlight})
    md.enable(["table", "strikethrough"])
    container_plugin(md, "any", validate=lambda _params, _markup: True)
    dollarmath_plugin(md, allow_digits=False, double_inline=True)
    attrs_block_plugin(md)
    md.add_render_rule("fence", _render_fence)
    md.add_render_rule("math_inline", _render_math)
    md.add_render_rule("math_inline_double", _render_math)
    md.add_render_rule("math_block", _render_math)
    md.add_render_rule("math_block_label", _render_math)
    return md


def _render_fence(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    tok = tokens[idx]
    lang = tok.info.strip().split(maxsplit=1)[0] if tok.info.strip() else ""
    body = _highlight(tok.content, lang, "") or html.escape(tok.content)
    cls = f' data-lang="{html.escape(lang)}"' if lang else ""
    # A long line scrolls the block sideways (oqu.css): focusable, so the keyboard scrolls it
    # too (WCAG 2.1.1, axe's scrollable-region-focusable), and named for what it is on focus.
    name = html.escape(t("code", env.get("lang", "en")))
    return (
        f'<pre class="oqu-code" tabindex="0" role="group" aria-label="{name}"{cls}>'
        f"<code>{body}</code></pre>\n"
    )


def _render_math(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    tok = tokens[idx]
    display = (
        "block"
        if tok.type.startswith("math_block") or tok.type == "math_inline_double"
        else "inline"
    )
    import latex2mathml.converter

    try:
        out = str(latex2mathml.converter.convert(tok.content.strip(), display=display))
        if display == "block":  # it scrolls sideways when wider than the slide (oqu.css):
            # focusable, so the keyboard scrolls it too; its role (math) and reading stay
            out = out.replace("<math ", '<math tabindex="0" ', 1)
    except Exception as e:  # latex2mathml raises many types for bad input
        report: Callable[[str, Token], None] | None = env.get("math_error")
        if report:
            report(f"{type(e).__name__}: {e}" if str(e) else type(e).__name__, tok)
        out = f'<code class="oqu-math-error">{html.escape(tok.content)}</code>'
    return out + ("\n" if display == "block" else "")


MD = _markdown()

_MATHML_TAGS = {
    "math", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace", "msup", "msub", "msubsup",
    "mfrac", "msqrt", "mroot", "mstyle", "mtable", "mtr", "mtd", "mover", "munder",
    "munderover", "mpadded", "mphantom", "menclose", "semantics", "annotation", "merror",
}  # fmt: skip
_TAGS = {
    "p", "br", "em", "strong", "s", "del", "code", "pre", "span", "a", "img", "ul", "ol", "li",
    "table", "thead", "tbody", "tr", "th", "td", "blockquote", "h3", "h4", "h5", "h6", "hr",
    "figure", "figcaption", "sub", "sup", *_MATHML_TAGS,
}  # fmt: skip
_ATTRS = {
    "*": {"class", "id"},
    "a": {"href", "title", "data-term"},
    "img": {"src", "alt", "title"},
    "pre": {"data-lang", "tabindex", "role", "aria-label"},
    "th": {"style"},
    "td": {"style"},
    "ol": {"start"},
    "math": {"display", "xmlns", "tabindex"},
    "mo": {"stretchy", "fence", "separator", "lspace", "rspace", "form", "mathvariant"},
    "mi": {"mathvariant"},
    "mn": {"mathvariant"},
    "mstyle": {"displaystyle", "scriptlevel"},
    "mtable": {"columnalign", "rowspacing", "columnspacing"},
    "mtd": {"columnalign"},
    "mspace": {"width"},
    "mfrac": {"linethickness"},
    "mover": {"accent"},
    "munder": {"accentunder"},
    "menclose": {"notation"},
}


def sanitise(fragment: str) -> str:
    """Defence in depth: markdown-it already escapes raw HTML; nh3 keeps only what we emit."""
    return str(
        nh3.clean(
            fragment,
            tags=_TAGS,
            attributes=_ATTRS,
            url_schemes={"http", "https", "mailto", "tel"},
            link_rel="noopener noreferrer",
            strip_comments=True,
            filter_style_properties={"text-align"},
        )
    )


# --- the walker ---------------------------------------------------------------------------

_BARE_VALUE = re.compile(r"""(?<=[\s{])([A-Za-z_][\w-]*)=([^\s"'{}]+)""")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TRAILING_ATTRS = re.compile(r"\s(\{[^{}]*\})\s*$")
_INTERACTION_OPTIONS: dict[str, set[str]] = {
    "video": {"id", "title", "src", "captions", "captions-lang", "poster", "transcript"},
    "audio": {"id", "title", "src", "transcript"},
}
_DEFAULT_OPTIONS = {"id", "title"}
MAX_ENDING = 4  # letters a glossary term may gain and still link (an inflectional ending)


@dataclass(slots=True)
class ParseContext:
    """What the walker needs besides the tokens; shared by all files of one resource."""

    lang: Lang
    glossary: list[GlossaryEntry]
    diags: Diagnostics
    media: list[MediaRef] = field(default_factory=list)
    links: list[tuple[str, Location]] = field(default_factory=list)  # internal #targets
    ids: dict[str, Location] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)
    _terms: re.Pattern[str] | None = None
    _term_ids: dict[str, str] = field(default_factory=dict)

    def next_id(self, prefix: str) -> str:
        n = self.counters.get(prefix, 0) + 1
        self.counters[prefix] = n
        return f"{prefix}{n}"

    def claim(self, ident: str, loc: Location) -> None:
        first = self.ids.get(ident)
        if first is not None:
            self.diags.add(
                diag("OQ114", loc.file, loc.line, loc.column, id=ident, first=str(first))
            )
        else:
            self.ids[ident] = loc

    def terms(self) -> re.Pattern[str] | None:
        if self._terms is None and self.glossary:
            words: list[tuple[str, str]] = []
            for i, g in enumerate(self.glossary):
                tid = f"term-{i + 1}"
                for w in (g.term, *g.aliases):
                    words.append((w, tid))
                    self._term_ids[w.casefold()] = tid
            words.sort(key=lambda w: -len(w[0]))  # longest first: "HACCP жоспары" before "HACCP"
            alts = "|".join(re.escape(w) for w, _ in words)
            # A term starts at a word boundary and may take a short ending (kk/ru inflection:
            # "қауіптер", "пекарнях"); longer derivations ("қауіпсіздік") are other words.
            self._terms = re.compile(rf"(?<!\w)({alts})\w{{0,{MAX_ENDING}}}(?!\w)", re.IGNORECASE)
        return self._terms

    def term_id(self, matched: str) -> str:
        return self._term_ids[matched.casefold()]


def quote_bare_values(attrs: str) -> str:
    """``{src=media/a.mp4}`` → ``{src="media/a.mp4"}``: the attrs parser refuses ``/`` unquoted."""
    return _BARE_VALUE.sub(lambda m: f'{m.group(1)}="{m.group(2)}"', attrs)


def strip_comments(text: str) -> str:
    """Drop ``<!-- … -->`` notes to self, keeping their lines so line numbers stay true."""
    return _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)


def parse_module(
    text: str, file: str, ctx: ParseContext, *, module_id: str, default_unit_title: str
) -> list[Unit]:
    """Parse one module file into units. ``text`` keeps front-matter lines blanked out."""
    env: dict[str, Any] = {}
    tokens = MD.parse(strip_comments(text), env)
    walker = _Walker(tokens, file, ctx, text.splitlines())
    return walker.units(module_id, default_unit_title)


class _Walker:
    def __init__(self, tokens: list[Token], file: str, ctx: ParseContext, lines: list[str]) -> None:
        self.t = tokens
        self.file = file
        self.ctx = ctx
        self.lines = lines
        self.linked: set[str] = set()  # glossary terms already linked on the current slide
        self.slide_id = ""  # the slide being filled, for MediaRef.slide

    # locations ---------------------------------------------------------------------------
    def loc(self, tok: Token) -> Location:
        line = tok.map[0] + 1 if tok.map else 0
        col = 1
        if tok.map and 0 <= tok.map[0] < len(self.lines):
            src = self.lines[tok.map[0]]
            col = len(src) - len(src.lstrip()) + 1
        return Location(self.file, line, col)

    def add(self, code: str, tok: Token, **args: Any) -> None:
        loc = self.loc(tok)
        self.ctx.diags.add(diag(code, loc.file, loc.line, loc.column, **args))

    def add_at(self, code: str, line: int, **args: Any) -> None:
        """A diagnostic at the start of ``line`` (1-based) of this file: a line no token holds."""
        self.ctx.diags.add(diag(code, self.file, line, 1, **args))

    def end(self, i: int) -> int:
        """Index after the block that starts at ``i``."""
        tok = self.t[i]
        if tok.nesting != 1:
            return i + 1
        depth = 0
        for j in range(i, len(self.t)):
            depth += self.t[j].nesting
            if depth == 0:
                return j + 1
        return len(self.t)

    def heading(self, i: int) -> tuple[str, dict[str, Any]]:
        """A heading's text and attributes: ``{…}`` on the line before or at the line's end."""
        attrs: dict[str, Any] = dict(self.t[i].attrs)
        title = self.t[i + 1].content.strip()
        m = _TRAILING_ATTRS.search(title)
        if m:
            try:
                _, more = parse_attrs(quote_bare_values(m.group(1)))
            except ParseError:
                more = None
            if more is not None:
                attrs.update(more)
                title = title[: m.start()].rstrip()
        return title, attrs

    # structure ---------------------------------------------------------------------------
    def units(self, module_id: str, default_title: str) -> list[Unit]:
        units: list[Unit] = []
        unit: Unit | None = None
        slide: Slide | None = None
        i, n = 0, len(self.t)
        while i < n:
            tok = self.t[i]
            j = self.end(i)
            if tok.type == "container_any_open" and self.runs_over(i, j):
                i += 1  # told; read on as if it were closed, so no later slide is lost
                continue
            if tok.type == "container_any_close":  # the end of a block that ran over
                i += 1
                continue
            if tok.type == "heading_open" and tok.tag in ("h1", "h2"):
                title, attrs = self.heading(i)
                ident = str(attrs.pop("id", "")) or ""
                loc = self.loc(tok)
                if tok.tag == "h1":
                    ident = ident or self.ctx.next_id(f"{module_id}-u")
                    self.ctx.claim(ident, loc)
                    unit = Unit(ident, title, [], _tags(attrs), loc)
                    units.append(unit)
                    slide = None
                else:
                    if unit is None:
                        unit = Unit(self.ctx.next_id(f"{module_id}-u"), default_title, [], {}, loc)
                        units.append(unit)
                    ident = ident or self.ctx.next_id("s")
                    self.ctx.claim(ident, loc)
                    slide = Slide(ident, title, [], loc=loc)
                    unit.slides.append(slide)
                    self.linked, self.slide_id = set(), ident
                i = j
                continue
            if tok.type == "paragraph_open" and _UNSPACED_HEADING.match(self.t[i + 1].content):
                text = self.t[i + 1].content.partition("\n")[0].strip()  # "##Slide": not a slide
                hashes = text[: len(text) - len(text.lstrip("#"))]
                self.add(
                    "OQ116",
                    tok,
                    variant="heading_no_space",
                    severity="warning",
                    text=text,
                    hashes=hashes,
                    rest=text[len(hashes) :],
                )
            if slide is None:
                if unit is None:
                    self.add("OQ116", tok)
                    i = j
                    continue
                ident = self.ctx.next_id("s")
                slide = Slide(ident, unit.title, [], loc=self.loc(tok))
                unit.slides.append(slide)
                self.linked, self.slide_id = set(), ident
            self.block(i, j, slide.blocks, slide)
            i = j
        return units

    def blocks(self, i: int, end: int, slide: Slide | None) -> list[Block]:
        out: list[Block] = []
        while i < end:
            j = self.end(i)
            self.block(i, j, out, slide)
            i = j
        return out

    def block(self, i: int, j: int, out: list[Block], slide: Slide | None) -> None:
        tok = self.t[i]
        if tok.type == "container_any_open":
            self.container(i, j, out, slide)
            return
        image = self.lone_image(i, j)
        if image is not None:
            out.append(image)
            return
        out.append(self.html(i, j))

    # rich text ----------------------------------------------------------------------------
    def lone_image(self, i: int, j: int) -> Image | None:
        if j - i != 3 or self.t[i].type != "paragraph_open":
            return None
        children = [
            c
            for c in (self.t[i + 1].children or [])
            if not (c.type == "text" and not c.content.strip())
        ]
        if len(children) != 1 or children[0].type != "image":
            return None
        img = children[0]
        loc = self.loc(self.t[i])
        src = str(img.attrs.get("src", ""))
        self.media_ref(src, "image", loc)
        return Image(src, img.content, str(img.attrs.get("title", "") or ""), loc)

    def media_ref(self, src: str, role: Any, loc: Location) -> None:
        if src and not is_url(src):
            self.ctx.media.append(MediaRef(src, role, loc, self.slide_id))

    def render_env(self, loc: Location) -> dict[str, Any]:
        """What the renderer's rules read: where a formula's error goes (OQ118 at ``loc``) and
        the language a code block is named in (``_render_fence``)."""
        return {
            "math_error": lambda msg, _t: self.ctx.diags.add(
                diag("OQ118", loc.file, loc.line, loc.column, problem=msg)
            ),
            "lang": self.ctx.lang,
        }

    def html(self, i: int, j: int) -> Html:
        loc = self.loc(self.t[i])
        toks = self.t[i:j]
        text_parts: list[str] = []
        for tok in toks:
            if tok.type != "inline":
                continue
            text_parts.append(tok.content)
            self.inline_pass(tok, loc)
        env = self.render_env(loc)
        for tok in toks:  # block math (not inline children)
            if tok.type.startswith("math_block") or tok.type == "fence":
                text_parts.append(tok.content)
        rendered = MD.renderer.render(toks, MD.options, env)
        return Html(sanitise(rendered), " ".join(text_parts).strip(), loc)

    def inline_html(self, source: str, loc: Location) -> str:
        """Render one line of inline Markdown (an option, a prompt) to sanitised HTML."""
        env = self.render_env(loc)
        tokens = MD.parseInline(source, env)
        for tok in tokens:
            self.inline_pass(tok, loc, link_terms=False)
        return sanitise(MD.renderer.render(tokens, MD.options, env)).strip()

    def inline_pass(self, tok: Token, loc: Location, *, link_terms: bool = True) -> None:
        """Record images and internal links; link glossary terms in text."""
        children = tok.children or []
        new: list[Token] = []
        in_link = 0
        pattern = self.ctx.terms() if link_terms else None
        for c in children:
            if c.type == "image":
                self.media_ref(str(c.attrs.get("src", "")), "image", loc)
            elif c.type == "link_open":
                in_link += 1
                href = str(c.attrs.get("href", ""))
                if href.startswith("#") and len(href) > 1:
                    self.ctx.links.append((href[1:], loc))
            elif c.type == "link_close":
                in_link -= 1
            if c.type == "text" and pattern is not None and not in_link:
                new.extend(self.link_terms(c, pattern))
            else:
                new.append(c)
        tok.children = new

    def link_terms(self, tok: Token, pattern: re.Pattern[str]) -> list[Token]:
        out: list[Token] = []
        pos = 0
        text = tok.content
        for m in pattern.finditer(text):
            tid = self.ctx.term_id(m.group(1))
            if tid in self.linked:
                continue
            self.linked.add(tid)
            if m.start() > pos:
                out.append(_text(text[pos : m.start()]))
            a = Token("html_inline", "", 0)
            a.content = (
                f'<a class="oqu-term" href="#{tid}" data-term="{tid}">{html.escape(m.group(0))}</a>'
            )
            out.append(a)
            pos = m.end()
        if pos == 0:
            return [tok]
        if pos < len(text):
            out.append(_text(text[pos:]))
        return out

    # containers ---------------------------------------------------------------------------
    def container(self, i: int, j: int, out: list[Block], slide: Slide | None) -> None:
        tok = self.t[i]
        info = tok.info.strip()
        kind, _, rest = info.partition(" ")
        kind = kind.strip().lower()
        attrs = self.attrs(rest, tok)
        inner_start, inner_end = i + 1, j - 1
        if self.runs_over(i, j):
            return
        if kind in CALLOUT_KINDS:
            out.append(Callout(kind, self.blocks(inner_start, inner_end, slide), self.loc(tok)))
        elif kind == "notes":
            notes = self.blocks(inner_start, inner_end, slide)
            if slide is not None:
                slide.notes.extend(notes)
        elif kind in INTERACTION_KINDS:
            out.append(self.interaction(kind, attrs, inner_start, inner_end, tok, slide))
        elif kind == "columns":
            out.extend(self.columns(i, j, attrs, slide))
        elif kind == "quiz":
            word = self.word_style_quiz(i)
            if word == []:  # told already, at its line
                return
            if word is not None:  # "1. Question / a) 5 / b) 20 *" as pasted from Word
                sub = _Walker(word, self.file, self.ctx, self.lines)
                sub.slide_id = self.slide_id
                out.append(parse_quiz(sub, attrs, 0, len(word), tok, slide))
            else:
                out.append(parse_quiz(self, attrs, inner_start, inner_end, tok, slide))
        else:
            kinds = [*CALLOUT_KINDS, "notes", *INTERACTION_KINDS, "quiz", "columns"]
            # ":::proccess" → did you mean ":::process"
            self.add("OQ110", tok, kind=kind or "?", **near(kind, kinds))

    def columns(self, i: int, j: int, attrs: dict[str, str], slide: Slide | None) -> list[Block]:
        """``:::columns`` … ``+++`` … ``:::``: two columns side by side (a text and its picture).

        The ``+++`` line may touch the text around it (no blank line needed), so the block's
        lines are split there and each column is parsed on its own, its lines keeping their
        numbers. A mistake (one column, three, an empty one, no closing ``:::``) is told at its
        line (OQ111); the content is then kept as plain blocks, one after the other.
        """
        tok = self.t[i]
        opened = self.loc(tok).line
        for name in attrs:
            self.add("OQ112", tok, kind="columns", attr=name, allowed="—")
        first, last = (tok.map[0] + 1, tok.map[1]) if tok.map else (0, 0)
        seps: list[int] = []  # 0-based lines of "+++" among the block's own text
        k = i + 1
        while k < j - 1:
            child, after = self.t[k], self.end(k)
            if child.type in ("paragraph_open", "bullet_list_open", "ordered_list_open"):
                lo, hi = child.map or (0, 0)
                seps += [n for n in range(lo, hi) if self.lines[n].strip() == _COLUMN_BREAK]
            k = after
        bounds = [first - 1, *seps, last]
        columns: list[list[Block]] = []
        for before, stop in itertools.pairwise(bounds):
            chunk = strip_comments("\n".join(self.lines[before + 1 : stop]))
            tokens = MD.parse("\n" * (before + 1) + chunk + "\n", {})
            sub = _Walker(tokens, self.file, self.ctx, self.lines)
            sub.slide_id, sub.linked = self.slide_id, self.linked
            columns.append(sub.blocks(0, len(tokens), slide))
        flat = [b for column in columns for b in column]
        ok = True
        if self.t[j - 1].type == "container_any_close" and not self.t[j - 1].markup:
            self.add("OQ111", tok, variant="columns_unclosed", kind="columns", opened=opened)
            ok = False
        if not seps:
            self.add("OQ111", tok, variant="columns_one", kind="columns", opened=opened)
            return flat
        if len(seps) > 1:
            self.add_at(
                "OQ111",
                seps[1] + 1,
                variant="columns_many",
                kind="columns",
                opened=opened,
                lines=", ".join(str(n + 1) for n in seps),
            )
            return flat
        for n, column in enumerate(columns):
            if not column:
                where = seps[0] + 1
                self.add_at(
                    "OQ111",
                    where,
                    variant="columns_empty_left" if n == 0 else "columns_empty_right",
                    kind="columns",
                    opened=opened,
                    at=where,
                )
                ok = False
        return [Columns(columns, self.loc(tok))] if ok else flat

    def word_style_quiz(self, i: int) -> list[Token] | None:
        """The quiz at ``i`` written as in Word, re-read as ``###``/``- [x]`` Markdown.

        None when the quiz is not (all) in that layout. The lines keep their numbers, so every
        message about a question still points at its line.
        """
        tok = self.t[i]
        if not tok.map:
            return None
        first, last = tok.map[0] + 1, tok.map[1]
        if last > first and self.lines[last - 1].strip().startswith(":::"):
            last -= 1
        converted = word_quiz_lines(self.lines[first:last])
        if isinstance(converted, int):  # meant as in Word, but this line does not fit
            line = first + converted
            text = self.lines[line].strip()
            self.add_at("OQ116", line + 1, variant="word_line", text=text[:80])
            return []
        if converted is None:
            return None
        return MD.parse("\n" * first + "\n".join(converted) + "\n", {})

    def runs_over(self, i: int, j: int) -> bool:
        """Tell (OQ111) a block at ``i`` whose forgotten ``:::`` lets it swallow a slide."""
        for k in range(i + 1, j - 1):
            if self.t[k].type == "heading_open" and self.t[k].tag in ("h1", "h2"):
                tok = self.t[i]
                self.add(
                    "OQ111",
                    tok,
                    variant="runs_over",
                    kind=tok.info.strip().partition(" ")[0].lower() or "?",
                    opened=self.loc(tok).line,
                    heading=self.loc(self.t[k]).line,
                    title=self.t[k + 1].content.strip(),
                )
                return True
        return False

    def attrs(self, rest: str, tok: Token) -> dict[str, str]:
        rest = rest.strip()
        if not rest:
            return {}
        try:
            _, attrs = parse_attrs(quote_bare_values(rest))
        except ParseError as e:
            self.add("OQ105", tok, field=rest, problem=Text(str(e), str(e), str(e)))
            return {}
        return {str(k): str(v) for k, v in attrs.items()}

    def items(self, start: int, end: int, slide: Slide | None) -> tuple[list[Block], list[Item]]:
        """Split a container's tokens into the intro and the heading-led items."""
        heads = [
            k
            for k in range(start, end)
            if self.t[k].type == "heading_open" and self.t[k].level == self.t[start].level
        ]
        intro = self.blocks(start, heads[0] if heads else end, slide)
        items: list[Item] = []
        top = min((int(self.t[h].tag[1]) for h in heads), default=3)
        for n, h in enumerate(heads):
            head = self.t[h]
            stop = heads[n + 1] if n + 1 < len(heads) else end
            raw, hattrs = self.heading(h)
            title = self.inline_html(raw, self.loc(head))
            body = self.blocks(self.end(h), stop, slide)
            x, y = _number(hattrs.get("x")), _number(hattrs.get("y"))
            items.append(Item(title, body, int(head.tag[1]) - top, x, y, self.loc(head)))
        return intro, items

    def interaction(
        self,
        kind: str,
        attrs: dict[str, str],
        start: int,
        end: int,
        tok: Token,
        slide: Slide | None,
    ) -> Interaction:
        loc = self.loc(tok)
        allowed = _INTERACTION_OPTIONS.get(kind, _DEFAULT_OPTIONS)
        for a in attrs:
            if a not in allowed:
                self.add("OQ112", tok, kind=kind, attr=a, **near(a, sorted(allowed)))
        ident = attrs.get("id") or self.ctx.next_id("i")
        self.ctx.claim(ident, loc)
        intro, items = self.items(start, end, slide) if start < end else ([], [])
        inter = Interaction(kind, ident, attrs.get("title", ""), intro, items, loc=loc)  # type: ignore[arg-type]

        def incomplete(problem: Text, expected: Text) -> None:
            self.add("OQ111", tok, kind=kind, problem=problem, expected=expected)

        if kind in ("video", "audio"):
            src = attrs.get("src", "")
            if not src:
                incomplete(
                    Text("src көрсетілмеген", "не указан src", "no src"),
                    Text(
                        f":::{kind} {{src=media/файл}}",
                        f":::{kind} {{src=media/файл}}",
                        f":::{kind} {{src=media/file}}",
                    ),
                )
            inter.media = src or None
            self.media_ref(src, kind, loc)
            # One caption file per language, separated by spaces: a.kk.vtt a.ru.vtt a.en.vtt;
            # one file's language is captions-lang, else its name's, else the resource's.
            caps = attrs.get("captions", "").split()
            for cap in caps:
                named = _lang_from_name(cap)
                if len(caps) == 1:
                    lang = attrs.get("captions-lang") or named or self.ctx.lang
                elif named is None:
                    incomplete(
                        Text(
                            f"{cap}: субтитр тілі атауында жоқ",
                            f"{cap}: язык субтитров не указан в имени файла",
                            f"{cap}: the captions' language is not in the file's name",
                        ),
                        Text(
                            'Файлды тілімен атаңыз: captions="media/a.kk.vtt media/a.ru.vtt"',
                            'Назовите файл с языком: captions="media/a.kk.vtt media/a.ru.vtt"',
                            'Name each with its language: captions="media/a.kk.vtt media/a.ru.vtt"',
                        ),
                    )
                    continue
                else:
                    lang = named
                inter.tracks.append(Track(cap, lang))
                self.media_ref(cap, "captions", loc)
            if attrs.get("poster"):
                inter.poster = attrs["poster"]
                self.media_ref(inter.poster, "poster", loc)
            if attrs.get("transcript"):
                inter.transcript = attrs["transcript"]
                self.media_ref(inter.transcript, "transcript", loc)
            return inter
        if kind == "reveal" and not items:
            items = [Item("", [b], loc=getattr(b, "loc", loc)) for b in intro]
            inter.items, inter.intro = items, []
        if kind in ("hotspots", "map"):
            base = next((b for b in intro if isinstance(b, Image)), None)
            if base is None:
                incomplete(
                    Text("негізгі сурет жоқ", "нет основного изображения", "no base image"),
                    Text(
                        "Алғашқы «###» алдына ![сипаттама](media/сурет.svg) қойыңыз.",
                        "Поставьте ![описание](media/рисунок.svg) до первого «###».",
                        "Put ![description](media/picture.svg) before the first '###'.",
                    ),
                )
            else:
                inter.image = base
                inter.intro = [b for b in intro if b is not base]
            for it in items:
                if it.x is None or it.y is None:
                    self.ctx.diags.add(
                        diag(
                            "OQ111",
                            it.loc.file,
                            it.loc.line,
                            it.loc.column,
                            kind=kind,
                            problem=Text(
                                "белгінің орны жоқ",
                                "у метки нет координат",
                                "a marker has no position",
                            ),
                            expected=Text(
                                "Тақырыптың алдына {x=30 y=40} жазыңыз (пайызбен).",
                                "Напишите {x=30 y=40} перед заголовком (в процентах).",
                                "Write {x=30 y=40} (percent) on the line before the heading.",
                            ),
                        )
                    )
        if not inter.items:
            incomplete(
                Text("бірде-бір элемент жоқ", "нет ни одного элемента", "it has no items"),
                Text(
                    "Әр элементті «### Тақырып» жолынан бастаңыз.",
                    "Начинайте каждый элемент строкой «### Заголовок».",
                    "Start each item with a '### Title' line.",
                ),
            )
        return inter


_UNSPACED_HEADING = re.compile(r"^##[^\s#]")
_COLUMN_BREAK = "+++"  # between the two columns of :::columns
_LETTERS = "a-zA-Zа-яА-ЯёЁәӘіІңҢғҒүҮұҰқҚөӨһҺ"
_WORD_Q = re.compile(r"^\s*\d{1,3}\s*[.)]\s+(\S.*?)\s*$")
_WORD_OPT = re.compile(rf"^\s*[{_LETTERS}]\s*\)\s*(\S.*?)\s*$|^\s*[{_LETTERS}]\.\s+(\S.*?)\s*$")
_WORD_RIGHT = re.compile(r"^\s*(?:[*+✓✔]\s*)(\S.*)$|^(.*?\S)\s*(?:\*|\(\+\)|\+|✓|✔)$")
_WORD_KEY = re.compile(
    rf"^\s*(?:Ответ|Правильный ответ|Жауабы?|Дұрыс жауап|Answer|Correct answer)\s*[:：\-–—]"
    rf"\s*([{_LETTERS}](?:\s*[,;]\s*[{_LETTERS}])*)\s*\.?\s*$",
    re.IGNORECASE,
)
_INLINE_OPTION = re.compile(rf"(?:^|\s)[{_LETTERS}]\)\s")
_OPT_LETTER = re.compile(rf"^\s*([{_LETTERS}])")


def word_quiz_lines(lines: list[str]) -> list[str] | int | None:
    """``1. Question`` / ``a) 5`` / ``b) 20 *`` (or ``Ответ: б``) lines → ``###``/``- [x]`` lines.

    The layout lecturers paste from Word: numbered questions, lettered options, the right one
    marked by ``*``, ``+``, ``(+)``, ``✓`` or an answer line. A line between a question and its
    first option continues the prompt. Returns the converted lines; the index of the first line
    that does not fit when the quiz is clearly meant so (it has a numbered question); None when
    it is not in that layout at all.
    """
    out = list(lines)
    question: int | None = None
    options: dict[int, list[int]] = {}
    for n, line in enumerate(lines):
        if not line.strip():
            continue
        if line.lstrip().startswith(("#", "- [", "* [", "{")):
            return None  # Markdown questions: not this layout
        mq, mo, mk = _WORD_Q.match(line), _WORD_OPT.match(line), _WORD_KEY.match(line)
        if mk and question is not None:
            letters = {c.casefold() for c in re.findall(rf"[{_LETTERS}]", mk.group(1))}
            for k in options[question]:
                m = _OPT_LETTER.match(lines[k])
                if m and m.group(1).casefold() in letters:
                    out[k] = out[k].replace("- [ ] ", "- [x] ", 1)
            out[n] = ""
        elif mq:
            if len(_INLINE_OPTION.findall(mq.group(1))) >= 2:
                return n  # "1. Question a) 5 b) 20 *": options on the question's line
            if question is not None and len(options[question]) < 2:
                return question
            question = n
            options[n] = []
            out[n] = "### " + mq.group(1)
        elif mo and question is not None:
            text = (mo.group(1) or mo.group(2)).strip()
            right = _WORD_RIGHT.match(text)
            if right:
                text = (right.group(1) or right.group(2)).strip()
            options[question].append(n)
            out[n] = ("- [x] " if right else "- [ ] ") + text
        elif question is not None and not options[question]:
            continue  # more of the prompt
        else:
            return n if question is not None else None
    if question is not None and len(options[question]) < 2:
        return question
    return out if options else None


def _text(content: str) -> Token:
    t = Token("text", "", 0)
    t.content = content
    return t


def _tags(attrs: dict[str, Any]) -> dict[str, list[str]]:
    return {
        str(k): [v.strip() for v in str(val).split(",") if v.strip()]
        for k, val in attrs.items()
        if k != "class"
    }


def _number(v: object) -> float | None:
    if v is None:
        return None
    try:
        return float(str(v).rstrip("%").replace(",", "."))
    except ValueError:
        return None


def _lang_from_name(name: str) -> str | None:
    m = re.search(r"\.([a-z]{2})\.vtt$", name)
    return m.group(1) if m else None
