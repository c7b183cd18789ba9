"""Counts and numbers as a reader of kk, ru or en expects them: CLDR plural rules and decimals.

The one helper for every count Oqu shows (CLI summaries, reports, rule messages, the portal).
The plural *category* of a number (``one``, ``few``, ``many``, ``other``) comes from the CLDR
data shipped with Babel, so "1 ошибка, 2 ошибки, 5 ошибок, 21 ошибка" follows the language's
rule instead of a hand-written one. Kazakh has the categories ``one`` and ``other`` but a noun
after a numeral stays singular ("5 қате"), so its two forms are usually the same word.

:func:`plural` picks the word; :func:`count` writes "N word"; :func:`number` writes a decimal
with the language's separator (72,5 in kk and ru). In a message template, ``{n:p|one|few|many}``
(forms in the order of :data:`CATEGORIES`) is the word for the count ``n`` and ``{x:num}`` is a
number in the language's format (:func:`format_spec`).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

__all__ = [
    "CATEGORIES",
    "count",
    "decimal_separator",
    "format_spec",
    "number",
    "plural",
    "plural_category",
]

# The CLDR plural categories of whole numbers in each language, in the order forms are given.
CATEGORIES: dict[str, tuple[str, ...]] = {
    "kk": ("one", "other"),
    "ru": ("one", "few", "many"),
    "en": ("one", "other"),
}


@cache
def _locale(lang: str) -> Locale:
    from babel import Locale  # on the first count: a build that shows none never imports Babel

    return Locale.parse(lang)


def plural_category(n: int | float, lang: str) -> str:
    """CLDR's plural category of ``n`` in ``lang`` (``one``, ``few``, ``many`` or ``other``)."""
    return str(_locale(lang).plural_form(abs(n)))


def plural(n: int | float, lang: str, *forms: str) -> str:
    """The form of a word for the count ``n``; ``forms`` in the order of ``CATEGORIES[lang]``.

    A category the forms do not cover (Russian ``other``, for fractions: "2,5 ошибки") takes
    the ``few`` form in Russian and the last form otherwise.
    """
    cats = CATEGORIES.get(lang, ("one", "other"))
    if len(forms) != len(cats):
        raise ValueError(f"{lang} needs {len(cats)} forms {cats}, got {len(forms)}: {forms}")
    cat = plural_category(n, lang)
    if cat in cats:
        return forms[cats.index(cat)]
    return forms[cats.index("few")] if "few" in cats else forms[-1]


def number(value: int | float, lang: str) -> str:
    """``value`` with the language's decimal separator and grouping: 72,5 in kk/ru, 72.5 in en."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_locale(lang), group_separator=False)


# CLDR's decimal symbol of each language (tests/test_numerals.py checks it against Babel's data):
# what the player writes scores with, known without importing Babel on every build.
DECIMAL_SEPARATORS: dict[str, str] = {"kk": ",", "ru": ",", "en": "."}


def decimal_separator(lang: str) -> str:
    """The decimal separator of ``lang``: "," in kk and ru, "." in en."""
    sep = DECIMAL_SEPARATORS.get(lang)
    return sep if sep is not None else number(0.5, lang)[1]


def count(n: int, lang: str, *forms: str) -> str:
    """ "N word" with the word in the form for ``n``: ``count(5, "ru", "ошибка", "ошибки",
    "ошибок")`` is "5 ошибок"."""
    return f"{number(n, lang)} {plural(n, lang, *forms)}"


def _to_number(value: object) -> int | float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return value
    try:
        text = str(value).strip()
        return int(text) if text.lstrip("-").isdigit() else float(text)
    except ValueError:
        return None


def format_spec(value: object, spec: str, lang: str) -> str | None:
    """A message field's Oqu format spec, or ``None`` when ``spec`` is not one of them.

    ``p|form|form…`` → the word for the count ``value``; ``num`` → ``value`` as a number in the
    language's format. A value that is not a number is shown as it is.
    """
    if spec.startswith("p|"):
        n = _to_number(value)
        forms = spec[2:].split("|")
        return forms[-1] if n is None else plural(n, lang, *forms)
    if spec == "num":
        n = _to_number(value)
        return str(value) if n is None else number(n, lang)
    return None
