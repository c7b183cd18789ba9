"""Tables of the workflow: the resource, its versions (upload, check and build job), reviews,
slide comments and publications (8.3–8.7, 10.2).

Models hold invariants, querysets and status enums; every state change is an action in
:mod:`oqu.portal.workflow.actions`, and who may see what is :mod:`oqu.portal.workflow.policy`'s.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from oqu.portal.people.models import Department, User, fold
from oqu.portal.plans.models import DER_TYPE_CHOICES, Language, PlanItem

# --- the resource, its versions, reviews and publication --------------------------------------


class State(models.TextChoices):
    """The workflow: draft → submitted → in_review → returned | approved → published."""

    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    IN_REVIEW = "in_review", _("in review")
    RETURNED = "returned", _("returned for revision")
    APPROVED = "approved", _("approved")
    PUBLISHED = "published", _("published")


class ResourceQuerySet(models.QuerySet["Resource"]):
    def not_draft(self) -> ResourceQuerySet:
        return self.exclude(state=State.DRAFT)

    def published(self) -> ResourceQuerySet:
        return self.filter(state=State.PUBLISHED)

    def placed(self) -> ResourceQuerySet:
        """Resources with a placement (8.6–8.7): published, or published once and now carrying
        a new version through review (10.2: "can be updated in use") — the old placement stays
        public until the new one replaces it."""
        return self.filter(published_on__isnull=False)


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
        db_table = "portal_resource"  # its table from before the split into apps
        ordering = ("-updated_at",)
        indexes: ClassVar = [
            # the catalogue's order (newest placement first) and its year filter
            models.Index(fields=("state", "-published_on", "-id"), name="resource_catalogue"),
            # the same order over every placed resource (ResourceQuerySet.placed): a published
            # resource stays in the catalogue while its new version is in review
            models.Index(fields=("-published_on", "-id"), name="resource_placed"),
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
    def planned_type(self) -> str:
        """The DER type the check runs against: the plan item's when the resource was made for
        one (the plan decides, 8.2), else the record's."""
        return self.plan_item.der_type if self.plan_item is not None else self.der_type

    @property
    def type_differs(self) -> bool:
        """The record names another type than its plan item (a record made before the plan
        decided, or corrected since): shown as a warning on the resource and submission pages."""
        return self.plan_item is not None and self.der_type != self.plan_item.der_type

    @property
    def is_placed(self) -> bool:
        """Placed once at least (``do_publish`` sets the date): in the public catalogue, even
        while a new version is in review (:meth:`ResourceQuerySet.placed`)."""
        return self.published_on is not None

    @property
    def current_publication(self) -> Publication | None:
        """The latest placement: what the catalogue shows and the package address serves. A new
        placement is never dated before the one it replaces (``do_publish``), so the latest date
        is the latest placement."""
        return self.publications.select_related("version").order_by("-published_on", "-id").first()

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
    # The head of the department provides the minutes' extract recommending placement (clause
    # 11, 8.4): the author's upload waits for the head's confirmation (or the head uploads the
    # department's own, ``extract_from_head``), and the Center approves only a confirmed one.
    extract_confirmed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    extract_confirmed_at = models.DateTimeField(null=True, blank=True)
    extract_from_head = models.BooleanField(default=False)
    note = models.TextField(_("note to the reviewer"), blank=True)
    submitted_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)
    # the check + build job
    job_state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    job_progress = models.PositiveSmallIntegerField(default=0)  # percent
    job_message = models.CharField(max_length=500, blank=True)
    verdict = models.CharField(max_length=10, blank=True)  # "pass" | "fail" | "incomplete" | ""
    report = models.JSONField(default=dict, blank=True)  # {lang: oqu-check/2 JSON}
    report_html = models.JSONField(default=dict, blank=True)  # {lang: HTML}
    package = models.FileField(upload_to="packages/%Y/%m/", blank=True)  # SCORM 1.2 zip
    # Built from an Oqu source by the job besides the SCORM 1.2 zip (docs/moodle.md): the SCORM
    # 2004 zip, and the Moodle activity backups with the package inside and with the resource's
    # stable package address (auto-update). An uploaded package has none of them.
    package_2004 = models.FileField(upload_to="packages/%Y/%m/", blank=True)
    moodle_backup = models.FileField(upload_to="packages/%Y/%m/", blank=True)
    moodle_backup_url = models.FileField(upload_to="packages/%Y/%m/", blank=True)
    launch = models.CharField(max_length=500, blank=True)  # the package's launch page

    class Meta:
        db_table = "portal_version"  # its table from before the split into apps
        ordering = ("-number",)
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("resource", "number"), name="version_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.resource} v{self.number}"

    @property
    def unchecked(self) -> list[str]:
        """The clauses ``oqu check`` could not check (its verdict ``incomplete``)."""
        for data in self.report.values():
            return sorted(data.get("unchecked", []))
        return []

    def problems(self) -> set[tuple[str, str]]:
        """The errors and warnings as (rule, location): what "what changed since the previous
        version" compares; info-level findings are not problems to fix (issue 15.3). Any
        language's report: rules and locations do not depend on it."""
        for data in self.report.values():
            return {
                (f["rule"], f.get("location") or "")
                for f in data.get("findings", [])
                if f.get("severity") in ("error", "warning")
            }
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
        db_table = "portal_review"  # its table from before the split into apps
        ordering = ("-decided_at",)


class SlideComment(models.Model):
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="slide_comments")
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    slide = models.PositiveIntegerField(_("slide"))
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "portal_slidecomment"  # its table from before the split into apps
        ordering = ("slide", "created_at")


class MoodleDelivery(models.TextChoices):
    """How the Moodle activity gets the package (docs/moodle.md): the director's choice."""

    ADDRESS = "address", _("Moodle downloads it from the package address (auto-update)")
    BACKUP = "backup", _("The package is inside the restored backup")
    NONE = "", _("Not a Moodle activity, or not said")


class Publication(models.Model):
    """Where the approved resource is placed (8.6–8.7)."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="publications")
    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="+")
    platform = models.CharField(_("platform"), max_length=255)
    link = models.URLField(_("link"), max_length=1000)
    published_on = models.DateField(_("date of placement"))
    published_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    moodle_delivery = models.CharField(
        _("how Moodle gets the package"),
        max_length=10,
        choices=MoodleDelivery.choices,
        default=MoodleDelivery.NONE,
        blank=True,
    )

    class Meta:
        db_table = "portal_publication"  # its table from before the split into apps
        ordering = ("-published_on",)


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


# --- leases of background jobs (oqu.portal.workflow.worker) -----------------------------------


class JobLease(models.Model):
    """A running job's lease: the worker running it renews ``heartbeat_at`` every few seconds;
    a lease not renewed for ``OQU_JOB_LEASE_SECONDS`` means the worker died (``kill -9``, the
    out-of-memory killer, a lost machine), and another worker runs the job again (at most
    ``OQU_JOB_MAX_ATTEMPTS`` times in all) or fails it. One row per django-tasks-db task."""

    task_id = models.CharField(max_length=64, primary_key=True)  # DBTaskResult.id
    worker_id = models.CharField(max_length=64)
    host = models.CharField(max_length=255, blank=True)
    pid = models.IntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    heartbeat_at = models.DateTimeField()
