"""PyYAML's syntax errors retold in a lecturer's words (OQ102's variants).

PyYAML says ``expected <block end>, but found '<block mapping start>'`` in English whatever the
DER's language, and at the line where it gave up — often not the line that needs the change. We
recognise the few mistakes people make by hand in a ``der.yaml`` (a tab, a key indented too far
or not far enough, no space after ``:``, a ``:`` inside a value, an unclosed quote or ``[``, a
list item among ``key: value`` lines and the reverse) from PyYAML's problem string and marks,
look at the source lines to find the line to change and the key it belongs under, and name one
of OQ102's variants (their messages, in kk/ru/en, are in :data:`oqu.diagnostics.VARIANTS`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from oqu.diagnostics import Diagnostic, diag

_KEY = re.compile(r"^\s*(?:-\s+)?([^\s:#'\"][^:#]*?|\"[^\"]*\"|'[^']*')\s*:(?:\s|$)")
_KEY_NOSPACE = re.compile(r"^\s*(?:-\s+)?([^\s:#'\"][^:\s]*):(\S.*)$")


@dataclass(frozen=True, slots=True)
class Explained:
    """Which mistake, the 0-based line and column to point at, and the message's arguments."""

    variant: str
    line: int
    column: int
    args: dict[str, str]


def _indent(s: str) -> int:
    return len(s) - len(s.lstrip(" "))


def _key(s: str) -> str:
    m = _KEY.match(s)
    return m.group(1).strip().strip("'\"") if m else s.strip().lstrip("- ").strip()


def _meaningful(lines: list[str], i: int) -> bool:
    return 0 <= i < len(lines) and bool(lines[i].strip()) and not lines[i].lstrip().startswith("#")


def _previous(lines: list[str], i: int) -> int:
    j = i - 1
    while j >= 0 and not _meaningful(lines, j):
        j -= 1
    return j


def _parent(lines: list[str], i: int, column: int | None = None) -> str:
    """The key a line at ``column`` (default: line ``i``'s indentation) belongs under."""
    col = _indent(lines[i]) if column is None else column
    for j in range(i - 1, -1, -1):
        if _meaningful(lines, j) and _indent(lines[j]) < col and _KEY.match(lines[j]):
            return _key(lines[j])
    return "der.yaml"


def _short(s: str, n: int = 60) -> str:
    s = s.strip()
    return s if len(s) <= n else s[: n - 1] + "…"


_VALUE_START = re.compile(r"""^\s*(?:-\s+)*(?:[^\s:#'"][^:#]*?:\s+)?(?:-\s+)?(["'])""")


def _unclosed_quote(lines: list[str], upto: int) -> tuple[int, int] | None:
    """The first line up to ``upto`` whose value opens a quote it does not close."""
    for j in range(min(upto, len(lines) - 1) + 1):
        m = _VALUE_START.match(lines[j])
        if not m or not _meaningful(lines, j):
            continue
        q, start = m.group(1), m.end()
        rest = lines[j][start:]
        if q == '"':
            closed = re.search(r'(?<!\\)"', rest) is not None
        else:
            closed = "'" in rest.replace("''", "")
        if not closed:
            return j, start - 1
    return None


def _stray_text(lines: list[str], upto: int) -> int | None:
    """The line of bare text (no ``key:``, no ``- ``, no ``#``) just above ``upto``, if any."""
    j = _previous(lines, upto)
    if j < 0:
        return None
    src = lines[j].strip()
    if _KEY.match(lines[j]) or src.startswith(("-", "#", "{", "[", '"', "'")) or ":" in src:
        return None
    return j


def explain(e: yaml.MarkedYAMLError, text: str) -> Explained | None:
    """The mistake behind ``e``, or None when it is none of the ones we know."""
    lines = text.splitlines() or [""]
    problem = e.problem or ""
    context = e.context or ""
    pm, cm = e.problem_mark, e.context_mark
    p_line = min(pm.line, len(lines) - 1) if pm else 0
    p_col = pm.column if pm else 0
    c_line = min(cm.line, len(lines) - 1) if cm else p_line
    c_col = cm.column if cm else 0

    if "'\\t'" in problem:
        return Explained("tab", p_line, p_col, {"lineno": str(p_line + 1)})

    opened = _unclosed_quote(lines, max(p_line, c_line))
    if opened is not None and "unknown escape character" not in problem:
        j, col = opened
        return Explained(
            "unclosed_quote",
            j,
            col,
            {"lineno": str(j + 1), "quote": lines[j][col], "key": _key(lines[j])},
        )

    if "could not find expected ':'" in problem:
        src = lines[c_line]
        m = _KEY_NOSPACE.match(src)
        if m:
            key, value = m.group(1), m.group(2).strip()
            col = src.index(":", _indent(src)) + 1
            return Explained(
                "no_space",
                c_line,
                col,
                {
                    "lineno": str(c_line + 1),
                    "text": _short(src),
                    "key": key,
                    "value": _short(value),
                },
            )
        return Explained(
            "no_colon",
            c_line,
            _indent(src),
            {"lineno": str(c_line + 1), "text": _short(src), "parent": _parent(lines, c_line)},
        )

    if "mapping values are not allowed here" in problem or "<document start>" in problem:
        stray = _stray_text(lines, p_line)
        if stray is not None:  # a line of bare text above: a comment that lost its '#'…
            return Explained(
                "no_colon",
                stray,
                _indent(lines[stray]),
                {
                    "lineno": str(stray + 1),
                    "text": _short(lines[stray]),
                    "parent": _parent(lines, stray),
                },
            )
    if "mapping values are not allowed here" in problem:
        src = lines[p_line]
        m = _KEY.match(src)
        if m and m.end() <= p_col:  # a second ': ' after the key's: the value holds a colon
            key = _key(src)
            value = src[m.end() :].strip()
            return Explained(
                "colon_in_value",
                p_line,
                m.end(),
                {"lineno": str(p_line + 1), "key": key, "value": _short(value)},
            )
        prev = _previous(lines, p_line)
        if prev >= 0 and re.match(r"^\s*-[^\s-]", lines[prev]):  # "-name: …"
            return Explained(
                "dash_no_space",
                prev,
                _indent(lines[prev]) + 1,
                {"lineno": str(prev + 1), "text": _short(lines[prev])},
            )
        if prev >= 0 and _indent(src) > _indent(lines[prev]):
            return Explained(
                "indent_more",
                p_line,
                _indent(src),
                {
                    "lineno": str(p_line + 1),
                    "key": _key(src),
                    "sibling": _key(lines[prev]),
                    "sibling_line": str(prev + 1),
                    "parent": _parent(lines, prev),
                },
            )
        return None

    if "expected <block end>" in problem and "'<scalar>'" in problem:
        src = lines[p_line]
        before = src[:p_col].rstrip()
        if before.endswith(('"', "'")):  # "Нан "өнімдері" технологиясы": quotes in quotes
            return Explained(
                "quote_inside",
                p_line,
                len(before) - 1,
                {"lineno": str(p_line + 1), "key": _key(src), "quote": before[-1]},
            )
    if "expected <block end>" in problem:
        src = lines[p_line]
        if "found '-'" in problem:
            return Explained(
                "list_in_mapping",
                p_line,
                p_col,
                {"lineno": str(p_line + 1), "parent": _parent(lines, c_line, c_col)},
            )
        if "found '?'" in problem or ("block collection" in context and "-" not in src[:p_col]):
            if "block mapping start" in problem:
                # a key not aligned with the item's other keys (indented less or more)
                prev = _previous(lines, p_line)
                sib_src = lines[prev] if prev >= 0 else ""
                want = _indent(sib_src) + (2 if sib_src.lstrip().startswith("- ") else 0)
                return Explained(
                    "indent_mismatch",
                    p_line,
                    _indent(src),
                    {
                        "lineno": str(p_line + 1),
                        "key": _key(src),
                        "sibling": _key(sib_src),
                        "sibling_line": str(prev + 1),
                        "col": str(want + 1),
                        "parent": _parent(lines, c_line, c_col),
                    },
                )
            return Explained(
                "mapping_in_list",
                p_line,
                p_col,
                {
                    "lineno": str(p_line + 1),
                    "key": _key(src),
                    "parent": _parent(lines, c_line, c_col),
                },
            )
        if "block mapping start" in problem or "block mapping" in context:
            prev = _previous(lines, p_line)
            sib_src = lines[prev] if prev >= 0 else ""
            return Explained(
                "indent_mismatch",
                p_line,
                _indent(src),
                {
                    "lineno": str(p_line + 1),
                    "key": _key(src),
                    "sibling": _key(sib_src),
                    "sibling_line": str(prev + 1),
                    "col": str(_indent(sib_src) + 1),
                    "parent": _parent(lines, c_line, c_col),
                },
            )
        return None

    if "quoted scalar" in context:
        if "unknown escape character" in problem:
            return Explained("bad_escape", p_line, p_col, {"lineno": str(p_line + 1)})
        src = lines[c_line]
        quote = src[c_col] if c_col < len(src) else '"'
        return Explained(
            "unclosed_quote",
            c_line,
            c_col,
            {"lineno": str(c_line + 1), "quote": quote, "key": _key(src)},
        )

    if "flow sequence" in context or "flow mapping" in context:
        src = lines[c_line]
        bracket = src[c_col] if c_col < len(src) else "["
        close = "]" if bracket == "[" else "}"
        return Explained(
            "unclosed_bracket",
            c_line,
            c_col,
            {"lineno": str(c_line + 1), "open": bracket, "close": close, "key": _key(src)},
        )

    if "sequence entries are not allowed here" in problem:  # "description: - text"
        return Explained("bad_start", p_line, p_col, {"lineno": str(p_line + 1), "char": "-"})
    m = re.search(r"found character '(.)' that cannot start any token", problem)
    if m:
        return Explained(
            "bad_start", p_line, p_col, {"lineno": str(p_line + 1), "char": m.group(1)}
        )
    return None


def syntax_error(
    e: yaml.MarkedYAMLError, text: str, file: str, line_offset: int = 0
) -> Diagnostic | None:
    """OQ102 in the variant that names the mistake, at the line to change; None if unknown."""
    try:
        told = explain(e, text)
    except (IndexError, ValueError):  # a guess gone wrong must not hide the mistake
        told = None
    if told is None:
        return None
    args: dict[
        str, Any
    ] = {  # line numbers in the file (a front matter starts below the file's first line)
        k: str(int(v) + line_offset) if k in ("lineno", "sibling_line") else v
        for k, v in told.args.items()
    }
    line, col = told.line + 1 + line_offset, told.column + 1
    return diag("OQ102", file, line, col, variant=told.variant, **args)
