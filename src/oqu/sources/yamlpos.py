"""YAML that remembers where every value came from.

PyYAML's composer keeps a mark (line, column) on each node; we build plain Python values with
the safe constructor and keep a map from the value's path (``("authors", 0, "email")``) to its
position, so a validation error on any field can point at ``der.yaml:12:10``.

Anchors and aliases (``&a``, ``*a``) are refused at the first one, before anything is built
(OQ128): a DER source never needs them, and seven levels of aliases to lists (~600 bytes) made
this loader walk 9^7 nodes — 1.57 GB and 65 s (issue 12). :func:`refuse_anchors` scans the
parser's events first, whatever loader follows; :func:`safe_load` is the same guard without
positions, for every other place that reads a source's YAML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from oqu.diagnostics import Diagnostics, diag
from oqu.sources.yamlerrors import syntax_error

Path_ = tuple[str | int, ...]


class AliasRefused(yaml.MarkedYAMLError):
    """An anchor or an alias in a DER source (OQ128)."""


# The event scanner: libyaml's when PyYAML was built with it (the wheels are).
_EVENTS: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def refuse_anchors(text: str) -> None:
    """Raise :class:`AliasRefused` at the first anchor or alias in ``text``.

    A pass over the parser's events, before any loader composes a node: whichever loader reads
    the text next (pure-Python or libyaml), it never meets an alias. Events are not expanded,
    so the pass is linear in the text; a text without ``&`` or ``*`` has neither and is not
    scanned. A syntax error met first is left to the loader that follows, which reports it."""
    if "&" not in text and "*" not in text:
        return
    scanner = _EVENTS(text)
    try:
        while scanner.check_event():
            event = scanner.get_event()
            anchor = getattr(event, "anchor", None)
            if anchor is not None:  # an alias event carries the anchor it refers to
                sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
                raise AliasRefused(problem=f"{sign}{anchor}", problem_mark=event.start_mark)
    except AliasRefused:
        raise
    except yaml.YAMLError:
        return  # a syntax error before any anchor: the loader that follows reports it (OQ102)
    finally:
        scanner.dispose()


def safe_load(text: str) -> Any:
    """``yaml.safe_load`` that refuses anchors and aliases (raises :class:`AliasRefused`)."""
    refuse_anchors(text)
    return yaml.load(text, Loader=_EVENTS)  # noqa: S506 - a safe loader (libyaml's when present)


@dataclass(slots=True)
class Positions:
    file: str
    line_offset: int = 0  # front matter: lines before the YAML text
    at: dict[Path_, tuple[int, int]] = field(default_factory=dict)  # value position
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)  # key position

    def find(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Position of ``path``, or of its nearest ancestor that has one."""
        table = self.keys if key else self.at
        p = tuple(path)
        while p:
            if p in table:
                return table[p]
            if p in self.at:
                return self.at[p]
            p = p[:-1]
        return self.at.get((), (1 + self.line_offset, 1))


# libyaml's parser when PyYAML was built with it (the wheels are), else None.
_FAST: Any = getattr(yaml, "CSafeLoader", None)


def load_yaml(
    text: str, file: str, diags: Diagnostics, line_offset: int = 0
) -> tuple[Any, Positions]:
    """Parse ``text``; on a syntax error add OQ102 and return ``(None, positions)``.

    libyaml's parser (``CSafeLoader``: the same nodes, marks counted in characters) reads a
    ``der.yaml`` several times faster than the pure-Python one. A text it refuses is read again
    by the pure-Python parser, whose messages are the ones OQ102 quotes.
    """
    try:
        refuse_anchors(text)  # first: no loader below may ever compose an alias (OQ128)
    except AliasRefused as e:
        mark = e.problem_mark
        line = (mark.line + 1 + line_offset) if mark else 1 + line_offset
        col = (mark.column + 1) if mark else 1
        diags.add(diag("OQ128", file, line, col, what=e.problem or "&, *"))
        return None, Positions(file, line_offset)
    except yaml.YAMLError:
        pass  # a syntax error: the pure-Python parser below says what it is (OQ102)
    if _FAST is not None:
        pos = Positions(file, line_offset)
        found = Diagnostics()
        loader = _FAST(text)
        try:
            node = loader.get_single_node()
            value = {} if node is None else _build(node, (), loader, pos, found)
        except yaml.YAMLError:
            pass
        else:
            diags.extend(found)
            return value, pos
        finally:
            loader.dispose()
    pos = Positions(file, line_offset)
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, pos
        value = _build(node, (), loader, pos, diags)
    except yaml.MarkedYAMLError as e:
        told = syntax_error(e, text, file, line_offset)
        if told is not None:
            diags.add(told)
            return None, pos
        mark = e.problem_mark or e.context_mark
        line = (mark.line + 1 + line_offset) if mark else 1 + line_offset
        col = (mark.column + 1) if mark else 1
        diags.add(diag("OQ102", file, line, col, problem=e.problem or e.context or "?"))
        return None, pos
    except yaml.YAMLError as e:  # e.g. a reader error on control characters
        diags.add(diag("OQ102", file, 1 + line_offset, 1, problem=str(e).splitlines()[0]))
        return None, pos
    finally:
        loader.dispose()
    return value, pos


def _mark(node: yaml.Node, pos: Positions) -> tuple[int, int]:
    return (node.start_mark.line + 1 + pos.line_offset, node.start_mark.column + 1)


def _build(node: yaml.Node, path: Path_, loader: Any, pos: Positions, diags: Diagnostics) -> Any:
    pos.at[path] = _mark(node, pos)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for k_node, v_node in node.value:
            key = loader.construct_object(k_node, deep=True)
            if not isinstance(key, str | int):
                key = str(key)
            if key in out:
                line, col = _mark(k_node, pos)
                diags.add(diag("OQ102", pos.file, line, col, problem=f"duplicate key '{key}'"))
            pos.keys[(*path, key)] = _mark(k_node, pos)
            out[key] = _build(v_node, (*path, key), loader, pos, diags)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(v, (*path, i), loader, pos, diags) for i, v in enumerate(node.value)]
    return loader.construct_object(node, deep=True)
