"""Validate the metadata mapping and turn pydantic's errors into positioned diagnostics.

A correct document is checked by :func:`oqu.model.metadata.parse_metadata` alone; pydantic
(imported only then) validates what that refuses, to report every mistake with its place.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import TYPE_CHECKING, Any

from oqu.diagnostics import Diagnostics, Location, Text, diag
from oqu.model.content import FieldValue
from oqu.model.metadata import Metadata, ModuleRef, from_model, parse_metadata, parse_module_ref
from oqu.sources.yamlpos import Positions

if TYPE_CHECKING:
    from pydantic import BaseModel

# What a value should look like, by pydantic error type (OQ105's hint and problem).
_PROBLEMS: dict[str, Text] = {
    "string_type": Text("мәтін күтілді", "ожидался текст", "text expected"),
    "string_too_short": Text("бос болмауы керек", "не должно быть пустым", "must not be empty"),
    "string_pattern_mismatch": Text(
        "пішімі дұрыс емес (e-mail: name@atu.edu.kz; slug: кіші латын әріптері, сандар, «-»)",
        "неверный формат (e-mail: name@atu.edu.kz; slug: строчные латинские буквы, цифры, «-»)",
        "wrong format (e-mail: name@atu.edu.kz; slug: lower-case latin letters, digits, '-')",
    ),
    "date_from_datetime_parsing": Text(
        "күн ЖЖЖЖ-АА-КК түрінде жазылады", "дата пишется как ГГГГ-ММ-ДД", "a date is YYYY-MM-DD"
    ),
    "date_parsing": Text(
        "күн ЖЖЖЖ-АА-КК түрінде жазылады", "дата пишется как ГГГГ-ММ-ДД", "a date is YYYY-MM-DD"
    ),
    "date_type": Text(
        "күн ЖЖЖЖ-АА-КК түрінде жазылады", "дата пишется как ГГГГ-ММ-ДД", "a date is YYYY-MM-DD"
    ),
    "list_type": Text(
        "тізім күтілді («- » жолдары)",
        "ожидался список (строки «- »)",
        "a list expected ('- ' lines)",
    ),
    "dict_type": Text(
        "«кілт: мән» жиыны күтілді",
        "ожидался набор «ключ: значение»",
        "a mapping of 'key: value' expected",
    ),
    "model_type": Text(
        "«кілт: мән» жиыны күтілді",
        "ожидался набор «ключ: значение»",
        "a mapping of 'key: value' expected",
    ),
    "too_short": Text(
        "кемінде бір жазба керек", "нужна хотя бы одна запись", "at least one entry needed"
    ),
    "float_parsing": Text("сан күтілді", "ожидалось число", "a number expected"),
    "float_type": Text("сан күтілді", "ожидалось число", "a number expected"),
    "greater_than_equal": Text(
        "теріс болмауы керек", "не может быть отрицательным", "cannot be negative"
    ),
}
_UNKNOWN = Text("мән жарамсыз", "недопустимое значение", "value not allowed")


def _allowed_problem(expected: str) -> Text:
    expected = expected.replace("' or '", "', '")  # pydantic joins the last choice with "or"
    return Text(
        f"мүмкін мәндер: {expected}", f"допустимые значения: {expected}", f"allowed: {expected}"
    )


def validate_metadata(data: Any, pos: Positions, diags: Diagnostics) -> Metadata | None:
    if not isinstance(data, dict):
        line, col = pos.find(())
        diags.add(
            diag("OQ105", pos.file, line, col, field="der.yaml", problem=_PROBLEMS["dict_type"])
        )
        return None
    if isinstance(data.get("version"), int | float):  # `version: 1.0` is a number in YAML
        data = {**data, "version": str(data["version"])}
    meta = parse_metadata(data)
    if meta is not None:
        return meta
    from pydantic import ValidationError

    from oqu.model import metadata_schema

    try:
        return from_model(metadata_schema.Metadata.model_validate(data))  # type: ignore[no-any-return]
    except ValidationError as e:
        errors = e.errors()
        for err in _link_misspelt(errors, pos, diags):
            _report(err, pos, diags)
        return None


def validate_module_ref(data: Any) -> ModuleRef | None:
    """One item of ``modules:`` of metadata that failed validation, or ``None`` if it is wrong
    too (validate_metadata has reported it)."""
    ref = parse_module_ref(data)
    if ref is not None:
        return ref
    from pydantic import ValidationError

    from oqu.model import metadata_schema

    try:
        return from_model(metadata_schema.ModuleRef.model_validate(data))  # type: ignore[no-any-return]
    except ValidationError:
        return None


def string_fields(data: Any, pos: Positions) -> list[FieldValue]:
    """Every text value of the metadata with its dotted path and ``file:line:col``."""
    out: list[FieldValue] = []

    def walk(value: Any, path: tuple[str | int, ...], dotted: str) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                key = str(k)
                if path == ("media",):  # media file names hold dots and slashes
                    sub = f"{dotted}[{key!r}]"
                else:
                    sub = f"{dotted}.{key}" if dotted else key
                walk(v, (*path, k), sub)
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, (*path, i), f"{dotted}[{i}]")
        elif isinstance(value, str):
            line, col = pos.find(path)
            out.append(FieldValue(dotted, value, Location(pos.file, line, col)))

    walk(data, (), "")
    return out


def field_locations(pos: Positions) -> dict[str, Location]:
    """Where every key of the metadata is written, by dotted path ("authors[0].photo"); a list
    item ("authors[0]") where its value starts."""
    out = {_dotted(p): Location(pos.file, *at) for p, at in pos.at.items() if p}
    out.update({_dotted(p): Location(pos.file, *at) for p, at in pos.keys.items() if p})
    return out


def _dotted(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _report(err: Any, pos: Positions, diags: Diagnostics) -> None:
    loc: tuple[str | int, ...] = tuple(p for p in err["loc"] if not str(p).startswith("function-"))
    kind: str = err["type"]
    field = _dotted(loc)
    if kind == "missing":
        line, col = pos.find(loc[:-1])
        diags.add(diag("OQ104", pos.file, line, col, field=field, path=field))
    elif kind == "extra_forbidden":
        line, col = pos.find(loc, key=True)
        fields = list(_model_at(loc[:-1]).model_fields)
        near = difflib.get_close_matches(str(loc[-1]), fields, n=1, cutoff=0.75)
        diags.add(
            diag(
                "OQ103",
                pos.file,
                line,
                col,
                variant="near" if near else "",
                field=loc[-1],
                allowed=", ".join(fields),
                near=near[0] if near else "",
                path=field,
            )
        )
    else:
        line, col = pos.find(loc)
        expected = err.get("ctx", {}).get("expected")
        problem = _allowed_problem(str(expected)) if expected else _PROBLEMS.get(kind, _UNKNOWN)
        diags.add(diag("OQ105", pos.file, line, col, field=field, problem=problem, path=field))


def _model_at(loc: tuple[str | int, ...]) -> type[BaseModel]:
    from pydantic import BaseModel

    from oqu.model.metadata_schema import Metadata as Model

    model: type[BaseModel] = Model
    ann: Any = Model
    for part in loc:
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            model = ann
            if isinstance(part, str) and part in ann.model_fields:
                ann = ann.model_fields[part].annotation
            continue
        ann = _inner(ann)
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            model = ann
    inner = _inner(ann)
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return inner
    return model


def _inner(ann: Any) -> Any:
    """list[X] → X, dict[K, X] → X, X | None → X."""
    origin = typing.get_origin(ann)
    args = [a for a in typing.get_args(ann) if a is not type(None)]
    if origin in (list, dict) and args:
        return args[-1]
    if origin in (typing.Union, types.UnionType) and len(args) == 1:
        return args[0]
    return ann


def _link_misspelt(errors: list[Any], pos: Positions, diags: Diagnostics) -> list[Any]:
    """An unknown key that is a misspelt missing one (``dicipline``) is one finding, not two.

    Returns the errors still to report; the pairs found are reported here as OQ103's
    ``misspelt_required`` variant at the misspelt key.
    """
    missing = {
        tuple(err["loc"]): err
        for err in errors
        if err["type"] == "missing" and isinstance(err["loc"][-1], str)
    }
    linked: set[int] = set()
    for n, err in enumerate(errors):
        if err["type"] != "extra_forbidden":
            continue
        loc = tuple(err["loc"])
        parent = loc[:-1]
        names = [str(m[-1]) for m in missing if m[:-1] == parent]
        near = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.75)
        if not near:
            continue
        twin = missing.pop((*parent, near[0]))
        linked.update({n, next(i for i, e in enumerate(errors) if e is twin)})
        line, col = pos.find(loc, key=True)
        field = _dotted(loc)
        diags.add(
            diag(
                "OQ103",
                pos.file,
                line,
                col,
                variant="misspelt_required",
                field=loc[-1],
                near=near[0],
                allowed="",
                path=field,
            )
        )
    return [err for n, err in enumerate(errors) if n not in linked]
