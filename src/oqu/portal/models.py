"""Tables of the portal: organisation, people and roles, plans, resources and their versions,
reviews, publications, the audit chain and log-in attempts.

Models hold invariants, querysets and status enums; every state change is an action in
:mod:`oqu.portal.actions`, and who may see what is :mod:`oqu.portal.policy`'s.
"""

from __future__ import annotations

import unicodedata
from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oqu.model.metadata import DerType as LibDerType

# --- organisation -----------------------------------------------------------------------------


class Faculty(models.Model):
    name = models.CharField(_("name"), max_length=255, unique=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)

    class Meta:
        ordering = ("name",)
        verbose_name = _("faculty")
        verbose_name_plural = _("faculties")

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    faculty = models.ForeignKey(Faculty, on_delete=models.PROTECT, related_name="departments")
    name = models.CharField(_("name"), max_length=255)

    class Meta:
        ordering = ("name",)
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("faculty", "name"), name="department_unique_name")
        ]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name


# --- people and roles -------------------------------------------------------------------------


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("an e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class AuthSource(models.TextChoices):
    """Where the account's identity comes from; OIDC/LDAP users carry ``external_id``."""

    LOCAL = "local", _("password")
    OIDC = "oidc", _("single sign-on (OIDC)")
    LDAP = "ldap", _("directory (LDAP)")


class User(AbstractBaseUser, PermissionsMixin):
    """A person: logs in with an e-mail address. Form 01 item 1 needs position, degree, title."""

    email = models.EmailField(_("e-mail"), unique=True)
    full_name = models.CharField(_("full name"), max_length=255)
    position = models.CharField(_("position"), max_length=255, blank=True)
    degree = models.CharField(_("academic degree"), max_length=100, blank=True)
    academic_title = models.CharField(_("academic title"), max_length=100, blank=True)
    auth_source = models.CharField(
        _("sign-in source"), max_length=10, choices=AuthSource.choices, default=AuthSource.LOCAL
    )
    external_id = models.CharField(_("external id"), max_length=255, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["full_name"]

    class Meta:
        ordering = ("full_name",)
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("auth_source", "external_id"),
                condition=~models.Q(external_id=""),
                name="user_unique_external_id",
            )
        ]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email


class Role(models.TextChoices):
    """Roles of clause 11; scope: author/head → department, dean → faculty, others → university."""

    AUTHOR = "author", _("author")
    HEAD = "head", _("head of department")
    DEAN = "dean", _("dean")
    REVIEWER = "reviewer", _("Center reviewer")
    DIRECTOR = "director", _("Center director")
    VICE_RECTOR = "vicerector", _("first vice-rector")
    ADMIN = "admin", _("administrator")


# Sorted wherever they reach a migration: a frozenset's order changes between runs, which made
# makemigrations see a "changed" constraint.
DEPARTMENT_ROLES = frozenset({Role.AUTHOR, Role.HEAD})
FACULTY_ROLES = frozenset({Role.DEAN})
SCOPED_ROLES = DEPARTMENT_ROLES | FACULTY_ROLES


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.CASCADE)
    faculty = models.ForeignKey(Faculty, null=True, blank=True, on_delete=models.CASCADE)

    class Meta:
        constraints: ClassVar = [
            # NULL scopes compare equal (SQLite has no NULLS NOT DISTINCT): an index on COALESCE.
            models.UniqueConstraint(
                "user",
                "role",
                Coalesce("department", 0),
                Coalesce("faculty", 0),
                name="role_assignment_unique",
            ),
            # The scope matches the role: department roles have a department only, and so on.
            models.CheckConstraint(
                condition=(
                    models.Q(
                        role__in=sorted(r.value for r in DEPARTMENT_ROLES),
                        department__isnull=False,
                        faculty__isnull=True,
                    )
                    | models.Q(
                        role__in=sorted(r.value for r in FACULTY_ROLES),
                        department__isnull=True,
                        faculty__isnull=False,
                    )
                    | (
                        ~models.Q(role__in=sorted(r.value for r in SCOPED_ROLES))
                        & models.Q(department__isnull=True, faculty__isnull=True)
                    )
                ),
                name="role_assignment_scope",
            ),
        ]

    def __str__(self) -> str:
        scope = self.department or self.faculty or _("university")
        return f"{self.user} — {self.get_role_display()} ({scope})"


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
    deadline = models.DateField(_("deadline"))

    class Meta:
        ordering = ("deadline", "discipline")

    def __str__(self) -> str:
        return self.discipline


# --- the resource, its versions, reviews and publication --------------------------------------


class State(models.TextChoices):
    """The workflow: draft → submitted → in_review → returned | approved → published."""

    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    IN_REVIEW = "in_review", _("in review")
    RETURNED = "returned", _("returned for revision")
    APPROVED = "approved", _("approved")
    PUBLISHED = "published", _("published")


class Language(models.TextChoices):
    KK = "kk", "Қазақша"
    RU = "ru", "Русский"
    EN = "en", "English"


def fold(text: str) -> str:
    """The search form of a text: NFKC, Unicode case folding (Kazakh and Russian letters too:
    SQLite's ``LIKE``/``lower()`` fold ASCII only), ``ё`` → ``е``, whitespace collapsed. Stored
    in :attr:`Resource.search_text` and applied to the query, so a plain ``LIKE`` matches on
    every database."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    return " ".join(folded.split())


class ResourceQuerySet(models.QuerySet["Resource"]):
    def not_draft(self) -> ResourceQuerySet:
        return self.exclude(state=State.DRAFT)

    def published(self) -> ResourceQuerySet:
        return self.filter(state=State.PUBLISHED)


class Resource(models.Model):
    """A DER record: one per resource, through all of its versions."""

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="resources")
    plan_item = models.ForeignKey(
        PlanItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="resources"
    )
    title = models.CharField(_("title"), max_length=500)
    discipline = models.CharField(_("discipline"), max_length=255)
    der_type = models.CharField(_("DER type"), max_length=40, choices=DER_TYPE_CHOICES)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    audience = models.CharField(_("target audience"), max_length=255, blank=True)
    topics = models.TextField(_("topics"), blank=True, help_text=_("One topic a line."))
    keywords = models.CharField(_("keywords"), max_length=500, blank=True)
    authors = models.ManyToManyField(User, related_name="resources", verbose_name=_("authors"))
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    # The public catalogue's columns: the date of placement (copied from the publication by
    # actions.do_publish) and the folded text searched (title, discipline, topics, keywords,
    # authors' names), kept by save() and by the signals below.
    published_on = models.DateField(_("date of placement"), null=True, blank=True)
    search_text = models.TextField(default="", blank=True, editable=False)
    # Optimistic concurrency: every state change increments it; a decision names the revision
    # it was made on, and a stale one is refused (actions.Conflict).
    revision = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ("-updated_at",)
        indexes: ClassVar = [
            # the catalogue's order (newest placement first) and its year filter
            models.Index(fields=("state", "-published_on", "-id"), name="resource_catalogue"),
        ]

    def __str__(self) -> str:
        return self.title

    def compute_search_text(self, author_names: list[str] | None = None) -> str:
        if author_names is None:
            author_names = list(self.authors.values_list("full_name", flat=True)) if self.pk else []
        parts = [self.title, self.discipline, self.topics, self.keywords, *author_names]
        return fold(" | ".join(parts))  # " | ": no match across two fields

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = self.compute_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def refresh_search_text(self) -> None:
        Resource.objects.filter(pk=self.pk).update(search_text=self.compute_search_text())

    @property
    def topic_list(self) -> list[str]:
        return [t.strip() for t in self.topics.splitlines() if t.strip()]

    @property
    def latest_version(self) -> Version | None:
        return self.versions.order_by("-number").first()


class VersionKind(models.TextChoices):
    OQU_SOURCE = "oqu-source", _("Oqu source (zip)")
    SCORM = "scorm", _("SCORM package (zip)")


class JobState(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class Version(models.Model):
    """One submission: the uploaded file, supporting documents (form 01 item 9), check, build."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=VersionKind.choices)
    upload = models.FileField(upload_to="versions/%Y/%m/")
    upload_name = models.CharField(max_length=255)
    upload_size = models.BigIntegerField()
    upload_sha256 = models.CharField(max_length=64)
    syllabus = models.FileField(_("syllabus"), upload_to="documents/%Y/%m/")
    minutes_extract = models.FileField(_("minutes extract"), upload_to="documents/%Y/%m/")
    note = models.TextField(_("note to the reviewer"), blank=True)
    submitted_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)
    # the check + build job
    job_state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    job_progress = models.PositiveSmallIntegerField(default=0)  # percent
    job_message = models.CharField(max_length=500, blank=True)
    verdict = models.CharField(max_length=10, blank=True)  # "pass" | "fail" | ""
    report = models.JSONField(default=dict, blank=True)  # {lang: oqu-check/1 JSON}
    report_html = models.JSONField(default=dict, blank=True)  # {lang: HTML}
    package = models.FileField(upload_to="packages/%Y/%m/", blank=True)  # SCORM 1.2 zip
    launch = models.CharField(max_length=500, blank=True)  # the package's launch page

    class Meta:
        ordering = ("-number",)
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("resource", "number"), name="version_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.resource} v{self.number}"

    def rule_ids(self) -> set[str]:
        """The rule ids of the findings (any language: ids do not depend on it)."""
        for data in self.report.values():
            return {f["rule"] for f in data.get("findings", [])}
        return set()


class Decision(models.TextChoices):
    APPROVE = "approve", _("approve")
    RETURN = "return", _("return for revision")


SCORES = [(i, str(i)) for i in range(1, 6)]


class Review(models.Model):
    """The expert review of clause 10.2 on one version: three criteria, comments, decision."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(User, on_delete=models.PROTECT, related_name="reviews")
    content_score = models.PositiveSmallIntegerField(_("fitness of content"), choices=SCORES)
    content_comment = models.TextField(_("content: comment"), blank=True)
    presentation_score = models.PositiveSmallIntegerField(
        _("effectiveness of presentation"), choices=SCORES
    )
    presentation_comment = models.TextField(_("presentation: comment"), blank=True)
    economy_score = models.PositiveSmallIntegerField(_("economy"), choices=SCORES)
    economy_comment = models.TextField(_("economy: comment"), blank=True)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    reasons = models.TextField(_("reasons"), blank=True)
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-decided_at",)


class SlideComment(models.Model):
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="slide_comments")
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    slide = models.PositiveIntegerField(_("slide"))
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("slide", "created_at")


class Publication(models.Model):
    """Where the approved resource is placed (8.6–8.7)."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="publications")
    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="+")
    platform = models.CharField(_("platform"), max_length=255)
    link = models.URLField(_("link"), max_length=1000)
    published_on = models.DateField(_("date of placement"))
    published_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ("-published_on",)


# --- the audit chain (12) -----------------------------------------------------------------------


class AppendOnly(Exception):
    """An audit entry was about to be changed or deleted."""


class AuditEntry(models.Model):
    """One state change; ``hash`` = sha256(``prev_hash`` + canonical JSON of the entry)."""

    at = models.DateTimeField()
    actor = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    actor_label = models.CharField(max_length=255)  # e-mail at the time: survives renames
    action = models.CharField(max_length=50)
    object_type = models.CharField(max_length=50)
    object_id = models.CharField(max_length=50)
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20, blank=True)
    data = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ("id",)
        verbose_name_plural = "audit entries"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnly("audit entries are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnly("audit entries are never deleted")


class AuditHead(models.Model):
    """One row: the hash of the last entry. Locked while appending, so the chain never forks."""

    last_hash = models.CharField(max_length=64)


# --- log-in attempts (rate limit) ---------------------------------------------------------------


class LoginThrottle(models.Model):
    key = models.CharField(max_length=300, unique=True)  # "ip|email"
    failures = models.PositiveIntegerField(default=0)
    first_failure_at = models.DateTimeField(null=True)
    locked_until = models.DateTimeField(null=True)


# --- keeping Resource.search_text current when authors change -----------------------------------


def _authors_changed(sender: Any, instance: Any, action: str, reverse: bool, **kw: Any) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # user.resources.add(...): instance is the user
        for resource in instance.resources.all():
            resource.refresh_search_text()
    else:
        instance.refresh_search_text()


def _user_saved(sender: Any, instance: User, created: bool, **kw: Any) -> None:
    fields = kw.get("update_fields")
    if created or (fields is not None and "full_name" not in fields):
        return  # e.g. a log-in saves last_login only
    for resource in instance.resources.all():  # a renamed author is found under the new name
        resource.refresh_search_text()


models.signals.m2m_changed.connect(
    _authors_changed, sender=Resource.authors.through, dispatch_uid="oqu.resource.authors"
)
models.signals.post_save.connect(_user_saved, sender=User, dispatch_uid="oqu.user.search")
