"""Forms: they parse and validate input; they never change state (that is ``actions``')."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oqu.portal.models import (
    DER_TYPE_CHOICES,
    SCORES,
    Department,
    Language,
    PlanItem,
    User,
)


class LoginForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, max_length=256)


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


class PlanItemForm(forms.Form):
    discipline = forms.CharField(label=_("Discipline"), max_length=255)
    der_type = forms.ChoiceField(label=_("DER type"), choices=DER_TYPE_CHOICES)
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))
    authors = forms.ModelMultipleChoiceField(queryset=User.objects.none(), label=_("Authors"))

    def __init__(self, *args: Any, authors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["authors"].queryset = authors  # type: ignore[attr-defined]


class ApprovePlanForm(forms.Form):
    minutes_number = forms.CharField(label=_("Minutes number"), max_length=50)
    minutes_date = forms.DateField(
        label=_("Minutes date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    minutes_file = forms.FileField(label=_("Minutes (PDF, DOCX)"), required=False)


class ResourceForm(forms.Form):
    department = forms.ModelChoiceField(queryset=Department.objects.none(), label=_("Department"))
    plan_item = forms.ModelChoiceField(
        queryset=PlanItem.objects.none(), label=_("Plan item"), required=False
    )
    title = forms.CharField(label=_("Title"), max_length=500)
    discipline = forms.CharField(label=_("Discipline"), max_length=255)
    der_type = forms.ChoiceField(label=_("DER type"), choices=DER_TYPE_CHOICES)
    language = forms.ChoiceField(label=_("Language of instruction"), choices=Language.choices)
    audience = forms.CharField(label=_("Target audience"), max_length=255, required=False)
    topics = forms.CharField(
        label=_("Topics"), widget=forms.Textarea, required=False, help_text=_("One topic a line.")
    )
    keywords = forms.CharField(label=_("Keywords"), max_length=500, required=False)

    def __init__(self, *args: Any, departments: Any, plan_items: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]
        self.fields["plan_item"].queryset = plan_items  # type: ignore[attr-defined]


class VersionForm(forms.Form):
    package = forms.FileField(
        label=_("Oqu source (zip) or SCORM package (zip)"), allow_empty_file=False
    )
    syllabus = forms.FileField(label=_("Syllabus (PDF, DOCX or text)"), allow_empty_file=False)
    minutes_extract = forms.FileField(
        label=_("Extract from the department meeting's minutes"), allow_empty_file=False
    )
    note = forms.CharField(
        label=_("Note to the reviewer"), widget=forms.Textarea, required=False, max_length=5000
    )


class ReviewForm(forms.Form):
    """The expert review of clause 10.2."""

    revision = forms.IntegerField(widget=forms.HiddenInput)
    content_score = forms.TypedChoiceField(
        label=_("Fitness of content (state standard, completeness, current state of the field)"),
        choices=SCORES,
        coerce=int,
    )
    content_comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea, required=False, max_length=10000
    )
    presentation_score = forms.TypedChoiceField(
        label=_("Effectiveness of presentation (ergonomic, activates the learner, protected)"),
        choices=SCORES,
        coerce=int,
    )
    presentation_comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea, required=False, max_length=10000
    )
    economy_score = forms.TypedChoiceField(
        label=_("Economy (long life, can be updated, modest requirements)"),
        choices=SCORES,
        coerce=int,
    )
    economy_comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea, required=False, max_length=10000
    )
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("return", _("Return for revision"))],
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=_("Reasons"), widget=forms.Textarea, required=False, max_length=10000
    )


class SlideCommentForm(forms.Form):
    slide = forms.IntegerField(label=_("Slide"), min_value=1, max_value=10000)
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea, max_length=5000)


class RevisionForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)


class PublishForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)
    platform = forms.CharField(label=_("Platform"), max_length=255, initial="ATU Moodle")
    link = forms.URLField(label=_("Link"), max_length=1000, assume_scheme="https")
    published_on = forms.DateField(
        label=_("Date of placement"), widget=forms.DateInput(attrs={"type": "date"})
    )
