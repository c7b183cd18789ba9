"""What a placeholder is: the values and media ``oqu new`` ships, and ``TODO`` marks.

The placeholder texts are **read from the templates themselves** (every string value of
``templates/<lang>/der.yaml`` except the fields whose template value is a real default, see
:data:`DEFAULTS`), and the placeholder media are the SHA-256 digests of ``templates/*/media/*``.
So editing a template cannot leave the checker behind: there is no second list to keep in step.

A value is a placeholder when, after NFKC normalisation, case folding, ё→е and collapsing spaces,
it *equals* one of the template's texts (a value that merely contains one, such as a real title
that begins with the word "Модуль", is not), when it carries a ``TODO`` mark (the word TODO in
capitals, as ``oqu import pptx`` writes: ``licence: 'TODO: укажите лицензию'``), or when it is
only dots or an ellipsis.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterator
from importlib.resources import files
from typing import Any, Final

import yaml

__all__ = [
    "DEFAULTS",
    "is_placeholder",
    "is_placeholder_media",
    "is_title_slide_field",
    "placeholder_media",
    "placeholder_texts",
]

# Template fields whose value is a real default the author may keep (path patterns, "*" = any
# list index or media file): the format version, type, language, the university, the date,
# the DER's own licence, completion, module files, the photo's path (the photo itself is found
# by its digest) and the media licences (CC0-1.0 is true of the template's own pictures).
DEFAULTS: Final[frozenset[str]] = frozenset(
    {
        "oqu",
        "type",
        "language",
        "university.name",
        "university.url",
        "date",
        "version",
        "licence",
        "completion",
        "modules[*].file",
        "authors[*].photo",
        "media[*].licence",
    }
)
# Fields shown on the title slide (10.1.1 and form 02); placeholders elsewhere fall under 11.
_TITLE_SLIDE = re.compile(
    r"^(?:title|discipline|department|faculty|date|university\.name|university\.url"
    r"|authors\[\d+\]\.(?:name|position|degree|title|email|photo))$"
)
_TODO = re.compile(r"(?<![A-Za-z])TODO(?![A-Za-z])")
_DOTS = re.compile(r"^[\s.…_\-–—]*$")


def normalise(value: str) -> str:
    text = unicodedata.normalize("NFKC", value).casefold().replace("ё", "е")
    return " ".join(text.split())


def _pattern(path: tuple[str | int, ...]) -> str:
    out = ""
    for i, part in enumerate(path):
        if isinstance(part, int) or (i and path[i - 1] == "media"):
            out += "[*]"
        else:
            out += f".{part}" if out else part
    return out


def _strings(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, (*path, str(k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, (*path, i))
    elif isinstance(value, str):
        yield _pattern(path), value


@functools.cache
def placeholder_texts() -> frozenset[str]:
    """The normalised placeholder values of every language's template."""
    out: set[str] = set()
    for lang in files("oqu").joinpath("scaffold", "templates").iterdir():
        der = lang.joinpath("der.yaml")
        if not der.is_file():
            continue
        data = yaml.safe_load(der.read_text("utf-8"))
        out.update(normalise(v) for p, v in _strings(data) if p not in DEFAULTS and v.strip())
    return frozenset(out)


@functools.cache
def placeholder_media() -> dict[int, frozenset[str]]:
    """size → SHA-256 digests of the template's media files of that size."""
    by_size: dict[int, set[str]] = {}
    for lang in files("oqu").joinpath("scaffold", "templates").iterdir():
        media = lang.joinpath("media")
        if not media.is_dir():
            continue
        for f in media.iterdir():
            if f.is_file():
                data = f.read_bytes()
                by_size.setdefault(len(data), set()).add(hashlib.sha256(data).hexdigest())
    return {size: frozenset(d) for size, d in by_size.items()}


def is_placeholder(value: str) -> bool:
    """``value`` is a template placeholder, carries a TODO mark, or is only dots."""
    if not isinstance(value, str) or not value:
        return False
    if _TODO.search(value) or _DOTS.match(value):
        return True
    return normalise(value) in placeholder_texts()


def is_placeholder_media(size: int, read: Callable[[], bytes] | None) -> bool:
    """A media file is one the template ships (compared by size first, then by digest)."""
    digests = placeholder_media().get(size)
    if not digests or read is None:
        return False
    try:
        return hashlib.sha256(read()).hexdigest() in digests
    except OSError:
        return False


def is_title_slide_field(dotted: str) -> bool:
    return bool(_TITLE_SLIDE.match(dotted))
