"""Tables of the yearly plan (8.2): a department's plan and its items (discipline, DER type,
authors, deadline). Changes are :mod:`oqu.portal.plans.actions`."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from oqu.model.metadata import DerType as LibDerType
from oqu.portal.people.models import Department, User

# --- the yearly plan (8.2) --------------------------------------------------------------------


_DER_TYPE_LABELS = {
    LibDerType.E_TEXTBOOK: _("e-textbook"),
    LibDerType.E_STUDY_GUIDE: _("e-study guide"),
    LibDerType.E_LECTURE_COURSE: _("e-lecture course"),
    LibDerType.REFERENCE_MATERIALS: _("digital reference materials"),
    LibDerType.INTERACTIVE_PRESENTATION: _("interactive presentation"),
    LibDerType.DIGITAL_PRACTICUM: _("digital practicum"),
    LibDerType.ASSESSMENT_MATERIALS: _("assessment materials"),
    LibDerType.TEACHING_MATERIALS: _("teaching-methodology materials"),
    LibDerType.SOURCE_COMPONENTS: _("source components"),
}
# The library's DerType (clause 9) is the one list of types; the portal only labels it.
DER_TYPE_CHOICES = [(t.value, _DER_TYPE_LABELS[t]) for t in LibDerType]


class Language(models.TextChoices):
    """The language of instruction of a DER (form 01 item 6), named in itself."""

    KK = "kk", "Қазақша"
    RU = "ru", "Русский"
    EN = "en", "English"


class PlanState(models.TextChoices):
    DRAFT = "draft", _("draft")
    APPROVED = "approved", _("approved")


class YearlyPlan(models.Model):
    """A department's list of disciplines that get DERs this academic year (8.2)."""

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="plans")
    academic_year = models.CharField(_("academic year"), max_length=9, help_text="2026-2027")
    state = models.CharField(max_length=10, choices=PlanState.choices, default=PlanState.DRAFT)
    minutes_number = models.CharField(_("minutes number"), max_length=50, blank=True)
    minutes_date = models.DateField(_("minutes date"), null=True, blank=True)
    minutes_file = models.FileField(_("minutes"), upload_to="plans/%Y/", blank=True)
    approved_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "portal_yearlyplan"  # its table from before the split into apps
        ordering = ("-academic_year", "department__name")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("department", "academic_year"), name="plan_one_per_department_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.department} {self.academic_year}"


class PlanItem(models.Model):
    plan = models.ForeignKey(YearlyPlan, on_delete=models.CASCADE, related_name="items")
    discipline = models.CharField(_("discipline"), max_length=255)
    der_type = models.CharField(_("DER type"), max_length=40, choices=DER_TYPE_CHOICES)
    authors = models.ManyToManyField(User, related_name="plan_items", verbose_name=_("authors"))
    # The language of instruction the department planned (blank on items made before it was
    # asked): with the discipline and the type, what a resource made from the item takes over.
    language = models.CharField(
        _("language of instruction"), max_length=2, choices=Language.choices, blank=True
    )
    deadline = models.DateField(_("deadline"))

    class Meta:
        db_table = "portal_planitem"  # its table from before the split into apps
        ordering = ("deadline", "discipline")

    def __str__(self) -> str:
        return self.discipline


class PlanChangeKind(models.TextChoices):
    ADD_ITEM = "add_item", _("discipline added")
    AUTHORS = "authors", _("authors changed")
    DEADLINE = "deadline", _("deadline moved")


class PlanChange(models.Model):
    """One change to an approved plan during the year (8.2): a discipline added, an author
    replaced, a deadline moved — who, when, what, and why. Written by
    :mod:`oqu.portal.plans.actions` beside the audit entry; never changed afterwards."""

    plan = models.ForeignKey(YearlyPlan, on_delete=models.CASCADE, related_name="changes")
    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=10, choices=PlanChangeKind.choices)
    before = models.CharField(max_length=1000, blank=True)  # as shown: a date, names
    after = models.CharField(max_length=1000, blank=True)
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-at", "-id")

    def __str__(self) -> str:
        return f"{self.plan}: {self.kind} {self.item}"
