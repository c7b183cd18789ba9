"""Forms of the plan pages: they parse and validate input; changes are
:mod:`oqu.portal.plans.actions`'."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oqu.portal.core.widgets import BLANK_CHOICE_LABEL, IsoDateInput
from oqu.portal.people.models import Department, User
from oqu.portal.plans.models import DER_TYPE_CHOICES, Language


class PlanForm(forms.Form):
    department = forms.ModelChoiceField(queryset=Department.objects.none(), label=_("Department"))
    academic_year = forms.CharField(label=_("Academic year"), max_length=9, initial="2026-2027")

    def __init__(self, *args: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]

    def clean_academic_year(self) -> str:
        value: str = self.cleaned_data["academic_year"].strip()
        m = re.fullmatch(r"(\d{4})-(\d{4})", value)
        if not m or int(m[2]) != int(m[1]) + 1:
            raise forms.ValidationError(_("Write the academic year as 2026-2027."))
        return value


def _reason() -> forms.CharField:
    return forms.CharField(
        label=_("Reason for the change"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text=_("The plan is approved: the change and its reason go into its history (8.2)."),
    )


class PlanItemForm(forms.Form):
    discipline = forms.CharField(label=_("Discipline"), max_length=255)
    der_type = forms.ChoiceField(label=_("DER type"), choices=DER_TYPE_CHOICES)
    language = forms.ChoiceField(
        label=_("Language of instruction"),
        choices=[("", BLANK_CHOICE_LABEL), *Language.choices],
        required=False,
    )
    deadline = forms.DateField(label=_("Deadline"), widget=IsoDateInput())
    authors = forms.ModelMultipleChoiceField(queryset=User.objects.none(), label=_("Authors"))

    def __init__(self, *args: Any, authors: Any, approved: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["authors"].queryset = authors  # type: ignore[attr-defined]
        if approved:  # a change to the approved plan during the year (8.2) says why
            self.fields["reason"] = _reason()


class DeadlineForm(forms.Form):
    deadline = forms.DateField(label=_("Deadline"), widget=IsoDateInput())

    def __init__(self, *args: Any, approved: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if approved:
            self.fields["reason"] = _reason()


class ItemAuthorsForm(forms.Form):
    authors = forms.ModelMultipleChoiceField(queryset=User.objects.none(), label=_("Authors"))

    def __init__(self, *args: Any, authors: Any, approved: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["authors"].queryset = authors  # type: ignore[attr-defined]
        if approved:
            self.fields["reason"] = _reason()


class ApprovePlanForm(forms.Form):
    minutes_number = forms.CharField(label=_("Minutes number"), max_length=50)
    minutes_date = forms.DateField(label=_("Minutes date"), widget=IsoDateInput())
    minutes_file = forms.FileField(label=_("Minutes (PDF, DOCX)"), required=False)
