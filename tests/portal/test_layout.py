"""The portal's module graph: no import cycles, imports inside functions and under
``TYPE_CHECKING`` included (a local import that only hides a cycle is still one), and no module
importing another's private (``_name``) names. Read from the source with ``ast``: nothing is
imported, so a cycle is found even where Python would tolerate it at run time."""

from __future__ import annotations

import ast
from pathlib import Path

import oqu.portal

PORTAL = Path(oqu.portal.__file__).resolve().parent
SRC = PORTAL.parents[1]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _sources() -> dict[str, Path]:
    return {_module_name(p): p for p in PORTAL.rglob("*.py") if "migrations" not in p.parts}


def _modules() -> dict[str, ast.Module]:
    return {name: ast.parse(p.read_text("utf-8"), str(p)) for name, p in _sources().items()}


def _imports(name: str, tree: ast.Module, known: set[str], is_package: bool) -> set[str]:
    """Every ``oqu.portal`` module ``name`` imports, wherever the import statement is."""
    out: set[str] = set()
    package = name if is_package else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the module's package
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            out.add(base)
            out |= {f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in known}
    return {m for m in out if m in known and m != name}


def _graph() -> dict[str, set[str]]:
    sources, modules = _sources(), _modules()
    known = set(modules)
    return {
        name: _imports(name, tree, known, sources[name].name == "__init__.py")
        for name, tree in modules.items()
    }


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_portal_has_no_import_cycles() -> None:
    assert _cycles(_graph()) == []


def test_no_module_imports_another_modules_private_names() -> None:
    private = []
    for name, tree in _modules().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("oqu"):
                private += [f"{name}: {node.module}.{a.name}" for a in node.names
                            if a.name.startswith("_")]  # fmt: skip
    assert private == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
