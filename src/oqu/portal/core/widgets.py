"""Widgets the portal's forms share."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy


class IsoDateInput(forms.DateInput):
    """``<input type="date">``: its value is always ISO 8601 (``2026-12-06``), whatever the page's
    language; a browser rejects ``06.12.2026`` and shows the field empty (issue 15.1). The browser
    shows the date in the user's own format; the form reads ISO in every language (Django
    accepts it besides the locale's formats)."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


# The label of an empty choice in Django's selects: Django's own catalogue has no Kazakh or
# Russian for it, so "- Select an option -" showed in English (issue 15.8). Named here, it is in
# the portal's catalogues, which Django reads before its own.
BLANK_CHOICE_LABEL = gettext_lazy("- Select an option -")
