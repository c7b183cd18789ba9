"""Forms of a resource's pages: they parse and validate input; they never change state (that is
:mod:`oqu.portal.workflow.actions`')."""

from __future__ import annotations

import operator
import re
from functools import reduce
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from oqu.portal.core.widgets import BLANK_CHOICE_LABEL, IsoDateInput
from oqu.portal.people.models import Department, User
from oqu.portal.plans.models import DER_TYPE_CHOICES, Language, PlanItem
from oqu.portal.workflow.models import SCORES, MoodleDelivery

FROM_PLAN = _("Taken from the plan item when one is chosen.")


class ResourceForm(forms.Form):
    department = forms.ModelChoiceField(queryset=Department.objects.none(), label=_("Department"))
    plan_item = forms.ModelChoiceField(
        queryset=PlanItem.objects.none(), label=_("Plan item"), required=False
    )
    title = forms.CharField(label=_("Title"), max_length=500)
    # With a plan item chosen, these three are the item's (the plan decides, 8.2): required
    # only without one (clean()).
    discipline = forms.CharField(
        label=_("Discipline"), max_length=255, required=False, help_text=FROM_PLAN
    )
    der_type = forms.ChoiceField(
        label=_("DER type"),
        choices=[("", BLANK_CHOICE_LABEL), *DER_TYPE_CHOICES],
        required=False,
        help_text=FROM_PLAN,
    )
    language = forms.ChoiceField(
        label=_("Language of instruction"),
        choices=[("", BLANK_CHOICE_LABEL), *Language.choices],
        required=False,
        help_text=FROM_PLAN,
    )
    audience = forms.CharField(label=_("Target audience"), max_length=255, required=False)
    topics = forms.CharField(
        label=_("Topics"), widget=forms.Textarea, required=False, help_text=_("One topic a line.")
    )
    keywords = forms.CharField(label=_("Keywords"), max_length=500, required=False)

    def __init__(self, *args: Any, departments: Any, plan_items: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]
        field = self.fields["plan_item"]
        field.queryset = plan_items.select_related("plan")  # type: ignore[attr-defined]
        field.label_from_instance = plan_item_label  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        """A resource made for a plan item takes the item's discipline, type and language (when
        the plan names one): the plan decides what is made (8.2), and the check runs against
        the plan's type. Without an item the three are required."""
        data: dict[str, Any] = super().clean() or {}
        item: PlanItem | None = data.get("plan_item")
        if item is not None:
            data["discipline"], data["der_type"] = item.discipline, item.der_type
            if item.language:
                data["language"] = item.language
        for name in ("discipline", "der_type", "language"):
            if not data.get(name) and name not in self.errors:
                message = self.fields[name].error_messages["required"]  # Django's own words
                self.add_error(name, forms.ValidationError(message, code="required"))
        return data


def plan_item_label(item: PlanItem) -> str:
    """A plan item as a choice: its discipline, the plan's year and its deadline (issue 15.11 —
    the same discipline is planned every year)."""
    return _("%(discipline)s — %(year)s, deadline %(deadline)s") % {
        "discipline": item.discipline,
        "year": item.plan.academic_year,
        "deadline": date_format(item.deadline, "SHORT_DATE_FORMAT"),
    }


DOCUMENT_TYPES = ".pdf,.docx,.txt,application/pdf,text/plain"


class VersionForm(forms.Form):
    """The three files of a submission (8.4) — each says what it is, and its picker offers only
    the files it takes (issue 15.11); the server still judges each by its content (uploads)."""

    package = forms.FileField(
        label=_("Oqu source (zip) or SCORM package (zip)"),
        allow_empty_file=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
        help_text=_(
            "The DER itself: the zip of its Oqu source folder, or the SCORM 1.2 or 2004 package "
            "your authoring tool published (iSpring, Articulate, Moodle…)."
        ),
    )
    syllabus = forms.FileField(
        label=_("Syllabus (PDF, DOCX or text)"),
        allow_empty_file=False,
        widget=forms.ClearableFileInput(attrs={"accept": DOCUMENT_TYPES}),
        help_text=_(
            "The discipline's syllabus: the check compares the DER's topics with its weekly plan "
            "(7.6)."
        ),
    )
    minutes_extract = forms.FileField(
        label=_("Extract from the department meeting's minutes"),
        allow_empty_file=False,
        widget=forms.ClearableFileInput(attrs={"accept": DOCUMENT_TYPES}),
        help_text=_(
            "The extract from the minutes of the department meeting that recommended the DER "
            "for placement (8.4), as PDF, DOCX or text."
        ),
    )
    note = forms.CharField(
        label=_("Note to the reviewer"), widget=forms.Textarea, required=False, max_length=5000
    )


class ExtractForm(forms.Form):
    """The head's answer on a version's minutes' extract (11, 8.4): confirm the author's, or
    upload the department's own."""

    extract = forms.FileField(
        label=_("Or upload the department's own extract (PDF, DOCX or text)"),
        required=False,
        allow_empty_file=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.txt"}),
    )


# No default score (issue 15.5): an untouched select is empty and refused, never a silent 1/5.
SCORE_CHOICES = [("", BLANK_CHOICE_LABEL), *SCORES]


class ReviewForm(forms.Form):
    """The expert review of clause 10.2."""

    revision = forms.IntegerField(widget=forms.HiddenInput)
    content_score = forms.TypedChoiceField(
        label=_("Fitness of content (state standard, completeness, current state of the field)"),
        choices=SCORE_CHOICES,
        coerce=int,
    )
    content_comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea, required=False, max_length=10000
    )
    presentation_score = forms.TypedChoiceField(
        label=_("Effectiveness of presentation (ergonomic, activates the learner, protected)"),
        choices=SCORE_CHOICES,
        coerce=int,
    )
    presentation_comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea, required=False, max_length=10000
    )
    economy_score = forms.TypedChoiceField(
        label=_("Economy (long life, can be updated, modest requirements)"),
        choices=SCORE_CHOICES,
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

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "return" and not data.get("reasons", "").strip():
            self.add_error(
                "reasons", _("Say why the resource is returned: the authors need the reasons.")
            )
        return data


class SlideCommentForm(forms.Form):
    slide = forms.IntegerField(label=_("Slide"), min_value=1, max_value=10000)
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea, max_length=5000)


class RevisionForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)


class PublishForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)
    platform = forms.CharField(label=_("Platform"), max_length=255, initial="ATU Moodle")
    link = forms.URLField(label=_("Link"), max_length=1000, assume_scheme="https")
    published_on = forms.DateField(label=_("Date of placement"), widget=IsoDateInput())
    moodle_delivery = forms.ChoiceField(
        label=_("How the Moodle activity gets the package"),
        choices=MoodleDelivery.choices,
        widget=forms.RadioSelect,
        required=False,
        initial=MoodleDelivery.ADDRESS,
    )


# --- editing the record and its authors (actions.do_update_resource, do_set_authors) ----------

MAX_AUTHORS = 50


def _is_email(value: str) -> bool:
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def _reason_field() -> forms.CharField:
    return forms.CharField(
        label=_("Reason for the correction"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_(
            "Kept in the resource's history. If the resource has a placement certificate, the "
            "Center director then issues a correction of it on the resource page."
        ),
    )


class ResourceEditForm(ResourceForm):
    """:class:`ResourceForm`'s record fields (not the department: it is fixed at creation), the
    revision the page was loaded at, and — when the director corrects an approved or published
    resource (``correction``) — the required reason."""

    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, plan_items: Any, correction: bool, **kwargs: Any) -> None:
        super().__init__(
            *args, departments=Department.objects.none(), plan_items=plan_items, **kwargs
        )
        del self.fields["department"]
        if correction:
            self.fields["reason"] = _reason_field()

    def clean_topics(self) -> str:
        """Browsers send CRLF: an untouched list of topics is not a change."""
        topics: str = self.cleaned_data["topics"]
        return topics.replace("\r\n", "\n").replace("\r", "\n")


class AuthorsForm(forms.Form):
    """The authors as e-mail addresses, one a line or separated by commas: each must belong to a
    user (unknown addresses are named); whether they may author is the action's rule."""

    revision = forms.IntegerField(widget=forms.HiddenInput)
    authors = forms.CharField(
        label=_("Authors' e-mail addresses"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,  # none at all: the action says a resource keeps one author
        max_length=5000,
        help_text=_(
            "One a line, or separated by commas. Co-authors are users with the author role, in "
            "any department of the university. At least one author remains."
        ),
    )

    def __init__(self, *args: Any, correction: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if correction:
            self.fields["reason"] = _reason_field()

    def clean_authors(self) -> list[User]:
        raw: str = self.cleaned_data["authors"]
        emails = list(dict.fromkeys(e.lower() for e in re.split(r"[,;\s]+", raw) if e))
        if len(emails) > MAX_AUTHORS:
            raise forms.ValidationError(
                _("At most %(n)d authors.") % {"n": MAX_AUTHORS}, code="too_many"
            )
        invalid = [e for e in emails if not _is_email(e)]
        if invalid:
            raise forms.ValidationError(
                _("Not an e-mail address: %(emails)s.") % {"emails": ", ".join(invalid)},
                code="invalid",
            )
        if not emails:
            return []
        match = reduce(operator.or_, (Q(email__iexact=e) for e in emails))
        users = {u.email.lower(): u for u in User.objects.filter(match)}
        unknown = [e for e in emails if e not in users]
        if unknown:
            raise forms.ValidationError(
                _("No user has the e-mail address %(emails)s.") % {"emails": ", ".join(unknown)},
                code="unknown",
            )
        return [users[e] for e in emails]
