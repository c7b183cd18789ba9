"""YAML that remembers where every value came from.

PyYAML's composer keeps a mark (line, column) on each node; we build plain Python values with
the safe constructor and keep a map from the value's path (``("authors", 0, "email")``) to its
position, so a validation error on any field can point at ``der.yaml:12:10``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from oqu.diagnostics import Diagnostics, diag
from oqu.sources.yamlerrors import syntax_error

Path_ = tuple[str | int, ...]


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
