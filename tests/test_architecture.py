"""The layers of ``src/oqu`` and their one-way flow, checked from the source (docs/architecture.md).

Every module under ``src/oqu`` is parsed with ``ast``; every ``import``/``from … import`` of
``oqu.*`` — at the top, inside functions, under ``TYPE_CHECKING`` alike, relative ones resolved —
is an edge of the import graph. A local import that only hides a cycle is still a cycle.

- no cycles (the portal's are kept apart: it is being split into apps, issue 11);
- no module imports another module's private (``_x``) names (nor a ``_private`` module);
- each module imports only its own layer and the layers below it (``LAYERS``); only the portal
  imports the portal, but for the CLI's one door to it (``oqu serve``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PKG = SRC / "oqu"


@dataclass(frozen=True)
class Edge:
    source: str  # importing module, e.g. "oqu.sources.scorm"
    target: str  # imported module, e.g. "oqu.model.subject"
    names: tuple[str, ...]  # names taken with ``from target import …``
    line: int


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PKG.rglob("*.py"))}


def resolve(importer: str, is_package: bool, level: int, module: str | None) -> str:
    """The absolute name of ``from <.level><module> import …`` written in ``importer``."""
    if level == 0:
        return module or ""
    base = importer.split(".")
    if not is_package:
        base.pop()
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join([*base, module] if module else base)


def edges_of(name: str, path: Path, modules: dict[str, Path]) -> Iterator[Edge]:
    tree = ast.parse(path.read_text("utf-8"), str(path))
    is_package = path.name == "__init__.py"
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "oqu":
                    yield Edge(name, alias.name, (), node.lineno)
        elif isinstance(node, ast.ImportFrom):
            target = resolve(name, is_package, node.level, node.module)
            if target.split(".")[0] != "oqu":
                continue
            plain: list[str] = []
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                if sub in modules:  # ``from oqu.model import content``: a submodule
                    yield Edge(name, sub, (), node.lineno)
                else:
                    plain.append(alias.name)
            if plain or not node.names:
                yield Edge(name, target, tuple(plain), node.lineno)


@cache
def import_graph() -> tuple[dict[str, set[str]], list[Edge]]:
    modules = all_modules()
    edges = [e for n, p in modules.items() for e in edges_of(n, p, modules)]
    graph: dict[str, set[str]] = {n: set() for n in modules}
    for e in edges:
        # importing ``oqu.a.b`` runs ``oqu/a/__init__.py`` too, but that is the package's own
        # business: a module is charged only with what it names.
        if e.target in modules and e.target != e.source:
            graph[e.source].add(e.target)
    return graph, edges


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
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


def a_cycle_through(component: list[str], graph: dict[str, set[str]]) -> list[str]:
    """One concrete cycle inside a strongly connected component, for the failure message."""
    members = set(component)
    start = component[0]
    path = [start]
    seen = {start}
    v = start
    while True:
        nxt = sorted(w for w in graph[v] if w in members)
        if start in nxt and len(path) > 1:
            return [*path, start]
        fresh = [w for w in nxt if w not in seen]
        if not fresh:  # a longer way round: close the loop where it first repeats
            w = nxt[0]
            return [*path[path.index(w) :], w]
        v = fresh[0]
        path.append(v)
        seen.add(v)


def in_layer(module: str, layer: str) -> bool:
    return module == layer or module.startswith(layer + ".")


def describe(found: list[list[str]], graph: dict[str, set[str]]) -> str:
    return "\n".join(" → ".join(a_cycle_through(c, graph)) for c in found)


def test_no_import_cycles_in_the_library() -> None:
    graph, _ = import_graph()
    found = [c for c in cycles(graph) if not any(in_layer(m, "oqu.portal") for m in c)]
    assert found == [], "import cycles:\n" + describe(found, graph)


def test_no_import_cycles_in_the_portal() -> None:
    graph, _ = import_graph()
    found = [c for c in cycles(graph) if any(in_layer(m, "oqu.portal") for m in c)]
    assert found == [], "import cycles:\n" + describe(found, graph)


def private_imports(edges: list[Edge]) -> list[str]:
    found = [
        f"{e.source}:{e.line} imports {name} from {e.target}"
        for e in edges
        for name in e.names
        if name.startswith("_") and not name.startswith("__") and e.target != e.source
    ]
    found += [
        f"{e.source}:{e.line} imports {e.target}"
        for e in edges
        if any(part.startswith("_") and part != "__init__" for part in e.target.split(".")[1:])
    ]
    return found


def test_no_module_imports_private_names_of_another() -> None:
    _, edges = import_graph()
    library = [e for e in edges if not in_layer(e.source, "oqu.portal")]
    assert private_imports(library) == []


def test_the_portal_imports_no_private_names_of_another_module() -> None:
    _, edges = import_graph()
    portal = [e for e in edges if in_layer(e.source, "oqu.portal")]
    assert private_imports(portal) == []


# The layers, lowest first; a module may import its own layer and the layers below it, never one
# above. The leaves import nothing but each other: diagnostics (one Diagnostic type, the message
# catalogue), i18n (the few words every layer shows), paths (an author's path, resolved safely),
# scorm (the standard's namespaces and official XSDs, shared by the reader and the writer of
# packages) and player (the learner's JS and CSS, read as package data).
# The model imports only leaves, so every reader, rule and writer can use it.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("oqu.diagnostics", "oqu.i18n", "oqu.numerals", "oqu.paths", "oqu.scorm", "oqu.player"),
    ("oqu.model",),
    ("oqu.assess",),  # scoring and question banks: the model's questions, read and written
    ("oqu.sources",),  # readers: Markdown + YAML, PowerPoint, SCORM zips, syllabi
    ("oqu.packaging",),  # writers: site, SCORM packages; the build pipeline (load → … → write)
    ("oqu.rules",),  # the regulation's rules, over the facts in oqu.model.subject
    ("oqu.smoke",),  # playing a package in Chromium: one more rule (10.7/smoke)
    ("oqu.check", "oqu.report", "oqu.preview", "oqu.scaffold"),  # what the commands run
    ("oqu", "oqu.cli"),  # the public face (oqu/__init__.py) and the command
    ("oqu.portal",),  # a client of the library
)


def layer_of(module: str) -> int:
    best, rank = -1, -1
    for n, names in enumerate(LAYERS):
        for name in names:
            if in_layer(module, name) and len(name) > best:
                best, rank = len(name), n
    if rank < 0:
        raise AssertionError(f"{module} belongs to no layer: add it to LAYERS (and the docs)")
    return rank


# The CLI starts the portal (`oqu serve`, `oqu portal …`) through its one front door.
CLI_STARTS_THE_PORTAL = ("oqu.cli", "oqu.portal.serve")


def layer_violations(edges: list[Edge]) -> list[str]:
    bad: list[str] = []
    for e in edges:
        if (e.source, e.target) == CLI_STARTS_THE_PORTAL:
            continue
        if in_layer(e.target, "oqu.portal") and not in_layer(e.source, "oqu.portal"):
            bad.append(f"{e.source}:{e.line} imports {e.target}: only the portal imports itself")
        elif layer_of(e.target) > layer_of(e.source):
            bad.append(f"{e.source}:{e.line} imports {e.target}: a layer above it")
    return bad


def test_layers_import_only_downstream() -> None:
    graph, edges = import_graph()
    for module in graph:
        layer_of(module)  # every module has its place in the picture
    assert layer_violations(edges) == []


# --- the checks themselves can fail -----------------------------------------------------------


def test_the_graph_sees_relative_and_function_level_imports(tmp_path: Path) -> None:
    pkg = tmp_path / "oqu"
    (pkg / "sources").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sources" / "__init__.py").write_text("")
    (pkg / "sources" / "a.py").write_text("def f():\n    from .b import _Walker\n")
    (pkg / "sources" / "b.py").write_text("from oqu.sources import a\n")
    modules = {module_name_in(tmp_path, p): p for p in pkg.rglob("*.py")}
    edges = [e for n, p in modules.items() for e in edges_of(n, p, modules)]
    graph = {n: {e.target for e in edges if e.source == n and e.target in modules} for n in modules}
    assert cycles(graph) == [["oqu.sources.a", "oqu.sources.b"]]
    assert Edge("oqu.sources.a", "oqu.sources.b", ("_Walker",), 2) in edges
    assert a_cycle_through(["oqu.sources.a", "oqu.sources.b"], graph) == [
        "oqu.sources.a",
        "oqu.sources.b",
        "oqu.sources.a",
    ]


def module_name_in(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def test_the_layer_rules_catch_a_reader_that_imports_the_checker() -> None:
    bad = layer_violations([Edge("oqu.sources.scorm", "oqu.rules.subject", ("Subject",), 40)])
    assert bad == ["oqu.sources.scorm:40 imports oqu.rules.subject: a layer above it"]
    assert layer_violations([Edge("oqu.sources.pptx", "oqu.packaging.media", (), 1)]) != []
    assert layer_violations([Edge("oqu.cli", "oqu.portal.settings", (), 1)]) != []
    assert layer_violations([Edge("oqu.rules.base", "oqu.portal.models", (), 1)]) != []
    assert layer_violations([Edge("oqu.model.content", "oqu.sources", (), 1)]) != []
    assert layer_violations([Edge("oqu.model.content", "oqu.assess.scoring", (), 1)]) != []
    assert layer_violations([Edge("oqu.scorm", "oqu.model", (), 1)]) != []
    assert layer_violations([Edge("oqu.sources.markdown", "oqu.model", ("Resource",), 1)]) == []
    assert layer_violations([Edge("oqu.portal.jobs", "oqu.packaging.pipeline", (), 1)]) == []
