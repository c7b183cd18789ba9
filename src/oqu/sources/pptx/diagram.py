"""Shapes joined by connectors (an org chart drawn by hand) → a tree for ``:::hierarchy``.

A connector joins two shapes when PowerPoint or LibreOffice glued its ends to them
(``a:stCxn``/``a:endCxn``), else when its end lies on a shape's box. The upper shape of a pair is
the parent (the left one when both are on one row), whichever way the line was drawn. The result
is a tree only when every shape has at most one parent, there is no loop, and it is at most
:data:`MAX_DEPTH` levels deep (``###`` … ``######``); otherwise :func:`build_tree` says why, and
the slide is rendered as a picture instead. A plain chain (each shape joined to the next: a
process drawn with arrows) is left to the other rules.
"""

from __future__ import annotations

from oqu.sources.pptx.reader import Box, Connector, SlideData, TextShape

MAX_DEPTH = 4  # ### root, #### child, ##### grandchild, ###### great-grandchild
SNAP = 91440  # EMU (0.1 in): how far a loose end may be from a shape's edge


def _near(box: Box, x: float, y: float) -> bool:
    return (
        box.left - SNAP <= x <= box.left + box.width + SNAP
        and box.top - SNAP <= y <= box.top + box.height + SNAP
    )


def _end(shapes: list[TextShape], ident: int | None, point: tuple[float, float]) -> int | None:
    if ident is not None and any(t.shape_id == ident for t in shapes):
        return ident
    hits = [t for t in shapes if _near(t.box, *point)]
    if len(hits) == 1:
        return hits[0].shape_id
    return None


def build_tree(slide: SlideData) -> None:
    """Fill ``slide.tree`` (or ``slide.tree_failed``) from its connectors and text shapes."""
    if len(slide.connectors) < 2:
        return
    shapes = [t for t in slide.texts if t.placeholder not in ("title",) and t.shape_id]
    by_id = {t.shape_id: t for t in shapes}
    edges: set[tuple[int, int]] = set()
    for c in slide.connectors:
        a = _end(shapes, c.begin_id, c.begin)
        b = _end(shapes, c.end_id, c.end)
        if a is None or b is None or a == b:
            continue
        edges.add(_oriented(by_id[a], by_id[b]))
    if len(edges) < 2:
        return
    parent: dict[int, int] = {}
    for up, down in sorted(edges):
        if down in parent and parent[down] != up:
            slide.tree_failed = "a shape has two parents"
            return
        parent[down] = up
    nodes = {n for e in edges for n in e}
    children: dict[int, list[int]] = {n: [] for n in nodes}
    for down, up in parent.items():
        children[up].append(down)
    if all(len(kids) <= 1 for kids in children.values()) and len(parent) == len(nodes) - 1:
        return  # a chain A → B → C: a process drawn with arrows, not an org chart
    roots = [n for n in nodes if n not in parent]
    if not roots:
        slide.tree_failed = "the connectors make a loop"
        return
    order: list[tuple[int, TextShape]] = []

    def visit(n: int, depth: int, seen: set[int]) -> bool:
        if n in seen:
            return False
        seen.add(n)
        order.append((depth, by_id[n]))
        kids = sorted(children[n], key=lambda k: (by_id[k].box.cx, by_id[k].box.cy))
        return all(visit(k, depth + 1, seen) for k in kids)

    seen: set[int] = set()
    for r in sorted(roots, key=lambda k: (by_id[k].box.cy, by_id[k].box.cx)):
        if not visit(r, 0, seen):
            slide.tree_failed = "the connectors make a loop"
            return
    if len(seen) != len(nodes):
        slide.tree_failed = "the connectors make a loop"
        return
    if max(d for d, _ in order) >= MAX_DEPTH:
        slide.tree_failed = f"it is deeper than {MAX_DEPTH} levels"
        return
    slide.tree = order


def _oriented(a: TextShape, b: TextShape) -> tuple[int, int]:
    """(parent, child): the upper shape, or the left one when both sit on one row."""
    dy = b.box.cy - a.box.cy
    if abs(dy) > 0.25 * max(a.box.height, b.box.height):
        return (a.shape_id, b.shape_id) if dy > 0 else (b.shape_id, a.shape_id)
    return (a.shape_id, b.shape_id) if a.box.cx <= b.box.cx else (b.shape_id, a.shape_id)


__all__ = ["MAX_DEPTH", "Connector", "build_tree"]
