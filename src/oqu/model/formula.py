"""Formulas of calculated questions: a small, safe arithmetic language.

``m * 4.18 * (t2 - t1)``, ``sqrt(a**2 + b**2)``: numbers, the question's variables, + - * / **
and a few functions. Parsed with :mod:`ast` and evaluated by walking the tree — never
``eval`` — so a formula can only compute. :func:`check_formula` evaluates it on the corners and
the middle of every variable's range, so a formula that fails for some drawn values (division by
zero, root of a negative) is caught at build time, not in front of a learner.
"""

from __future__ import annotations

import ast
import itertools
import math
import operator
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from oqu.model.content import Variable


class FormulaError(ValueError):
    pass


_BIN: dict[type[ast.operator], Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
    ast.Mod: operator.mod,
}
_FUNCS: dict[str, Callable[..., float]] = {
    "sqrt": math.sqrt,
    "log": math.log,
    "ln": math.log,
    "log10": math.log10,
    "exp": math.exp,
    "sin": math.sin,
    "cos": math.cos,
    "tan": math.tan,
    "abs": abs,
    "min": min,
    "max": max,
    "round": round,
}
_CONSTS = {"pi": math.pi, "e": math.e}
MAX_LENGTH = 500


# Plain decimal numbers only: Python would also read 1_000, 0x10 and 2j, which the player's
# formula parser (player/scoring.js) does not, and a formula must mean the same in both.
_NUMBER = re.compile(r"(?<![\w.])\d[\w.]*(?:(?<=[eE])[-+]\d+)?")
_PLAIN = re.compile(r"\d+(?:\.\d*)?(?:[eE][-+]?\d+)?")


def parse_formula(src: str) -> ast.expr:
    if len(src) > MAX_LENGTH:
        raise FormulaError("formula too long")
    for m in _NUMBER.finditer(src):
        if not _PLAIN.fullmatch(m.group(0)):
            raise FormulaError(f"not a plain number: {m.group(0)}")
    try:
        tree = ast.parse(src.replace("^", "**"), mode="eval")
    except SyntaxError as e:
        raise FormulaError(f"syntax: {e.msg}") from None
    return tree.body


def evaluate(node: ast.expr, values: Mapping[str, float]) -> float:
    match node:
        case ast.Constant(value=int() | float() as v) if not isinstance(v, bool):
            return float(v)
        case ast.Name(id=name):
            if name in values:
                return values[name]
            if name in _CONSTS:
                return _CONSTS[name]
            raise FormulaError(f"unknown name '{name}'")
        case ast.UnaryOp(op=ast.USub(), operand=x):
            return -evaluate(x, values)
        case ast.UnaryOp(op=ast.UAdd(), operand=x):
            return evaluate(x, values)
        case ast.BinOp(left=a, op=op, right=b) if type(op) in _BIN:
            left, right = evaluate(a, values), evaluate(b, values)
            if isinstance(op, ast.Pow) and abs(right) > 100:
                raise FormulaError("exponent too large")
            return _BIN[type(op)](left, right)
        case ast.Call(func=ast.Name(id=fn), args=args, keywords=[]) if fn in _FUNCS:
            return float(_FUNCS[fn](*(evaluate(a, values) for a in args)))
    raise FormulaError(f"not allowed in a formula: {ast.unparse(node)}")


def compute(src: str, values: Mapping[str, float]) -> float:
    try:
        result: Any = evaluate(parse_formula(src), values)
    except FormulaError:
        raise
    except (ArithmeticError, ValueError, TypeError) as e:
        raise FormulaError(str(e) or type(e).__name__) from None
    if not isinstance(result, float) or math.isnan(result) or math.isinf(result):
        raise FormulaError("the result is not a finite number")
    return result


def check_formula(src: str, variables: Sequence[Variable]) -> None:
    """Raise :class:`FormulaError` if the formula fails anywhere we can cheaply test."""
    tree = parse_formula(src)
    names = {v.name for v in variables}
    for n in ast.walk(tree):
        if (
            isinstance(n, ast.Name)
            and n.id not in names
            and n.id not in _CONSTS
            and n.id not in _FUNCS
        ):
            raise FormulaError(f"unknown name '{n.id}'")
    points = [sorted({v.low, v.high, _snap(v, (v.low + v.high) / 2)}) for v in variables]
    for combo in itertools.islice(itertools.product(*points), 729):
        values = {v.name: x for v, x in zip(variables, combo, strict=True)}
        try:
            compute(src, values)
        except FormulaError as e:
            shown = ", ".join(f"{k}={x:g}" for k, x in values.items())
            raise FormulaError(f"{e} ({shown})") from None


def _snap(v: Variable, x: float) -> float:
    return v.low + round((x - v.low) / v.step) * v.step
