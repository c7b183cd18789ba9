"""What every rule module uses: :func:`finding` and :func:`t` (a message in kk/ru/en)."""

from __future__ import annotations

from oqu.diagnostics import Diagnostic, Entry, Location, Severity, Text

__all__ = ["Entry", "finding", "msg", "t"]


def t(kk: str, ru: str, en: str) -> Text:
    return Text(kk, ru, en)


def msg(severity: Severity, message: Text, hint: Text | None = None) -> Entry:
    return Entry(severity, message, hint)


def finding(
    rule_id: str,
    variant: str = "",
    location: Location | None = None,
    *,
    path: str = "",
    **args: object,
) -> Diagnostic:
    """A rule's finding; ``variant`` picks one of the rule's MESSAGES."""
    return Diagnostic(
        code=rule_id,
        location=location or Location(),
        args=tuple(sorted((k, v if isinstance(v, Text) else str(v)) for k, v in args.items())),
        path=path,
        variant=variant,
    )
