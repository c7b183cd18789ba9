"""Every state change of a resource, one function each (Zulip's ``zerver/actions`` shape):
create and edit the record, submit a version, review, publish.

Each ``do_*`` runs in one transaction: lock the row, check the precondition, change state,
append the audit entry (:mod:`oqu.portal.audit.chain`), and leave mail and background jobs to
``transaction.on_commit`` — nothing is sent for a change that did not happen. Callers (views,
the demo loader, tests) have already authorised the user through
:mod:`oqu.portal.workflow.policy`; the actions re-check only what the *state* must be, and the
conflict-of-interest rule, which is too important to trust to the caller.

Refusals raise :class:`~oqu.portal.core.actions.Refused` (the precondition does not hold: a
message for the user) or :class:`~oqu.portal.core.actions.Conflict` (someone else changed the
resource since the user loaded it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oqu.portal.audit import chain as audit
from oqu.portal.core.actions import (
    ActionError,
    Conflict,
    Refused,
    absolute_url,
    mail_after_commit,
)
from oqu.portal.people.models import Department, Role, User
from oqu.portal.people.policy import departments_with, has_role
from oqu.portal.plans.models import PlanItem
from oqu.portal.workflow import policy
from oqu.portal.workflow.jobs import check_version
from oqu.portal.workflow.models import (
    Decision,
    JobState,
    MoodleDelivery,
    Publication,
    Resource,
    Review,
    SlideComment,
    State,
    Version,
)
from oqu.portal.workflow.uploads import Judged

__all__ = ["ActionError", "Conflict", "Refused"]  # the refusals, where views and tests meet them


# --- helpers ----------------------------------------------------------------------------------


def _lock(resource: Resource, revision: int | None = None) -> Resource:
    """Re-read the resource under a row lock; refuse when ``revision`` is stale."""
    locked = Resource.objects.select_for_update().get(pk=resource.pk)
    if revision is not None and locked.revision != revision:
        raise Conflict(
            _(
                "Someone else changed this resource while you were working on it (it is now "
                "“%(state)s”). Nothing was saved; reload the page to see the current state."
            )
            % {"state": locked.get_state_display()}
        )
    return locked


def _move(actor: User, resource: Resource, to: State, action: str, **data: Any) -> None:
    before = resource.state
    resource.state = to
    resource.revision += 1
    resource.save(update_fields=["state", "revision", "updated_at"])
    audit.append(actor, action, resource, from_state=before, to_state=to, data=data)


def _require(resource: Resource, *states: State) -> None:
    if resource.state not in states:
        raise Refused(
            _("This cannot be done while the resource is “%(state)s”.")
            % {"state": resource.get_state_display()}
        )


def _not_author(actor: User, resource: Resource) -> None:
    if resource.authors.filter(pk=actor.pk).exists():
        raise Refused(
            _("You are an author of this resource: you cannot review, approve or publish it.")
        )


def _reviewer_emails(resource: Resource) -> list[str]:
    """The Center's reviewers, except any who are authors of the resource."""
    return list(
        User.objects.filter(roles__role=Role.REVIEWER, is_active=True)
        .exclude(pk__in=resource.authors.values("pk"))
        .values_list("email", flat=True)
    )


def _author_emails(resource: Resource) -> list[str]:
    return list(resource.authors.values_list("email", flat=True))


# --- resources and versions (8.4, 8.6) --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ResourceSpec:
    title: str
    discipline: str
    der_type: str
    language: str
    audience: str = ""
    plan_item: PlanItem | None = None
    topics: str = ""  # form 01 item 3: one topic a line
    keywords: str = ""


def do_create_resource(
    actor: User, department: Department, spec: ResourceSpec, authors: Iterable[User] = ()
) -> Resource:
    with transaction.atomic():
        resource = Resource.objects.create(
            department=department,
            plan_item=spec.plan_item,
            title=spec.title,
            discipline=spec.discipline,
            der_type=spec.der_type,
            language=spec.language,
            audience=spec.audience,
            topics=spec.topics,
            keywords=spec.keywords,
            created_by=actor,
        )
        resource.authors.set({actor, *authors})
        audit.append(
            actor,
            "resource.create",
            resource,
            to_state=State.DRAFT,
            data={"title": spec.title, "authors": sorted(a.email for a in resource.authors.all())},
        )
    return resource


# --- editing the record and its authors after creation ---------------------------------------

AUTHOR_EDIT_STATES = (State.DRAFT, State.RETURNED)
CORRECTION_STATES = (State.APPROVED, State.PUBLISHED)
# The fields of ResourceSpec that an edit may change (the department is fixed at creation: it
# decides who sees a draft and whose plan the resource belongs to).
RECORD_FIELDS = (
    "title",
    "discipline",
    "der_type",
    "language",
    "audience",
    "plan_item",
    "topics",
    "keywords",
)


def edit_refusal(user: User, resource: Resource) -> str | None:
    """Why ``user`` may not change the record or the authors of ``resource`` now; ``None`` when
    they may. The authors edit it while it is a draft or returned; once approved or published,
    only the Center director corrects it, with a reason (form 01 is filled from the record).
    The conflict-of-interest rule plays no part: changing the record decides nothing. Views call
    it for the 403; :func:`do_update_resource` and :func:`do_set_authors` call it again under the
    row lock, because the state decides."""
    author = policy.is_author(user, resource)
    director = has_role(user, Role.DIRECTOR)
    correction = is_correction(resource)
    if resource.state in AUTHOR_EDIT_STATES and author and not correction:
        return None
    if correction and director:
        return None
    if author and resource.state in AUTHOR_EDIT_STATES:  # placed, with a new version returned
        return _(
            "The record of a placed resource is public: while a new version is prepared, only "
            "the Center director corrects it."
        )
    if author or director:
        return _(
            "The record cannot be changed while the resource is “%(state)s”: its authors edit "
            "it while it is a draft or returned, and the Center director corrects it once it is "
            "approved or published."
        ) % {"state": resource.get_state_display()}
    return _(
        "Only the resource's authors (while it is a draft or returned) and the Center director "
        "(once it is approved or published) can change its record."
    )


def is_correction(resource: Resource) -> bool:
    """A change of the record is the director's correction once the resource is approved or
    placed: form 01 and the public catalogue are filled from it. A placed resource whose new
    version is in the workflow keeps its public record (10.2): its authors do not edit it."""
    return resource.state in CORRECTION_STATES or resource.is_placed


def _may_change(actor: User, resource: Resource, reason: str | None) -> bool:
    """Check :func:`edit_refusal` on the locked row; ``True`` for a correction."""
    refusal = edit_refusal(actor, resource)
    if refusal:
        raise Refused(refusal)
    correction = is_correction(resource)
    if correction and not (reason or "").strip():
        raise Refused(
            _("Say what is corrected and why: the reason is kept in the resource's history.")
        )
    return correction


def _after_change(
    actor: User,
    resource: Resource,
    action: str,
    data: dict[str, Any],
    *,
    correction: bool,
    reason: str | None,
    notify: Iterable[str],
    fields: Iterable[str] = (),
) -> None:
    """Save ``fields`` with a new revision (save() refreshes ``search_text``), append the audit
    entry, and tell ``notify`` after commit when it was the director's correction."""
    resource.revision += 1
    resource.save(update_fields=[*fields, "revision", "updated_at"])
    data = {**data, "correction": correction}
    if reason and reason.strip():
        data["reason"] = reason.strip()
    audit.append(actor, action, resource, data=data)
    if correction:
        mail_after_commit(
            _("The record of your DER was corrected: %(title)s") % {"title": resource.title},
            _("The Center director corrected the record of “%(title)s”: %(reason)s\n\n%(link)s")
            % {
                "title": resource.title,
                "reason": data["reason"],
                "link": absolute_url("portal:resource", resource.pk),
            },
            notify,
        )


def _audit_value(value: Any) -> Any:
    return value.pk if isinstance(value, PlanItem) else value


def do_update_resource(
    actor: User, resource: Resource, revision: int, spec: ResourceSpec, reason: str | None = None
) -> list[str]:
    """Change the record's fields to ``spec``; returns the names of the fields that changed
    (none: nothing is saved). The audit entry names each changed field with its old and new
    value. A stale ``revision`` raises :class:`Conflict`."""
    with transaction.atomic():
        resource = _lock(resource, revision)
        correction = _may_change(actor, resource, reason)
        changes: dict[str, dict[str, Any]] = {}
        for name in RECORD_FIELDS:
            before = resource.plan_item if name == "plan_item" else getattr(resource, name)
            after = getattr(spec, name)
            if before != after:
                changes[name] = {"from": _audit_value(before), "to": _audit_value(after)}
                setattr(resource, name, after)
        if not changes:
            return []
        _after_change(
            actor,
            resource,
            "resource.edit",
            {"changes": changes},
            correction=correction,
            reason=reason,
            notify=_author_emails(resource),
            fields=changes,
        )
    return list(changes)


def author_refusal(user: User) -> str | None:
    """Why ``user`` cannot be added as an author: only active users holding the author role (in
    any department of the university — a DER is often written across departments)."""
    if user.is_active and user.roles.filter(role=Role.AUTHOR).exists():
        return None
    return _("%(email)s cannot be an author: only active users with the author role can.") % {
        "email": user.email
    }


def do_set_authors(
    actor: User,
    resource: Resource,
    revision: int,
    authors: Iterable[User],
    reason: str | None = None,
) -> bool:
    """Make ``authors`` the resource's authors; ``False`` when they already are (nothing saved).
    Added authors must be able to author (:func:`author_refusal`); those already on the record
    stay even if they no longer could. At least one author remains, so an author cannot remove
    themselves when they are the last one."""
    wanted = {a.pk: a for a in authors}
    with transaction.atomic():
        resource = _lock(resource, revision)
        correction = _may_change(actor, resource, reason)
        before = {a.pk: a for a in resource.authors.all()}
        if not wanted:
            raise Refused(
                _("A resource keeps at least one author: add another before removing the last.")
            )
        added = [a for pk, a in wanted.items() if pk not in before]
        removed = [a for pk, a in before.items() if pk not in wanted]
        if not added and not removed:
            return False
        for user in added:
            refusal = author_refusal(user)
            if refusal:
                raise Refused(refusal)
        resource.authors.set(wanted.values())
        _after_change(
            actor,
            resource,
            "resource.authors",
            {
                "authors": {
                    "from": sorted(a.email for a in before.values()),
                    "to": sorted(a.email for a in wanted.values()),
                },
                "added": sorted(a.email for a in added),
                "removed": sorted(a.email for a in removed),
            },
            correction=correction,
            reason=reason,
            notify=[a.email for a in (*before.values(), *added)],
        )
        if not correction:
            mail_after_commit(
                _("You are an author of a DER: %(title)s") % {"title": resource.title},
                _("%(who)s added you as an author of “%(title)s”: %(link)s")
                % {
                    "who": actor,
                    "title": resource.title,
                    "link": absolute_url("portal:resource", resource.pk),
                },
                [a.email for a in added],
            )
    return True


@dataclass(frozen=True, slots=True)
class Submission:
    upload: UploadedFile[bytes]
    judged: Judged
    sha256: str
    syllabus: UploadedFile[bytes]
    syllabus_suffix: str
    minutes_extract: UploadedFile[bytes]
    minutes_suffix: str
    note: str = ""


# A version is submitted to a draft, a returned resource, or a published one (10.2: a DER "can
# be updated in use"; 11: its authors keep it up to date). Never while one is submitted, in
# review or approved and waiting for its placement: one version goes through the Center at a time.
SUBMIT_STATES = (State.DRAFT, State.RETURNED, State.PUBLISHED)


def do_submit_version(actor: User, resource: Resource, sub: Submission) -> Version:
    """A new version goes to the Center: stored, queued for check + build, resource submitted.
    A published resource stays placed meanwhile: the catalogue keeps showing and serving its
    current placement (``Resource.current_publication``) until :func:`do_publish` places the
    new version."""
    with transaction.atomic():
        resource = _lock(resource)
        if resource.state not in SUBMIT_STATES:
            raise Refused(
                _(
                    "A new version cannot be submitted while the resource is “%(state)s”: the "
                    "Center is still working on the last one."
                )
                % {"state": resource.get_state_display()}
            )
        if not resource.authors.filter(pk=actor.pk).exists():
            raise Refused(_("Only the resource's authors can submit versions."))
        number = (resource.versions.order_by("-number").values_list("number", flat=True).first()
                  or 0) + 1  # fmt: skip
        version = Version(
            resource=resource,
            number=number,
            kind=sub.judged.kind,
            upload_name=(sub.upload.name or "upload.zip")[:255],
            upload_size=sub.upload.size or 0,
            upload_sha256=sub.sha256,
            note=sub.note,
            submitted_by=actor,
            job_state=JobState.QUEUED,
        )
        version.upload.save(f"r{resource.pk}-v{number}.zip", sub.upload, save=False)
        version.syllabus.save(
            f"r{resource.pk}-v{number}-syllabus{sub.syllabus_suffix}", sub.syllabus, save=False
        )
        version.minutes_extract.save(
            f"r{resource.pk}-v{number}-minutes{sub.minutes_suffix}",
            sub.minutes_extract,
            save=False,
        )
        if _is_head(actor, resource):  # the head submitting provides the extract (11)
            version.extract_confirmed_by, version.extract_confirmed_at = actor, timezone.now()
        version.save()
        placed = resource.current_publication
        _move(
            actor,
            resource,
            State.SUBMITTED,
            "resource.submit",
            version=number,
            sha256=sub.sha256,
            kind=sub.judged.kind,
            # an update of a placed resource names the placement it is to replace
            **({"placed_version": placed.version.number} if placed else {}),
        )
        transaction.on_commit(lambda: check_version.enqueue(version.pk))
        mail_after_commit(
            _("A DER was submitted for review: %(title)s") % {"title": resource.title},
            _("Version %(n)d of “%(title)s” is waiting for review: %(link)s")
            % {
                "n": number,
                "title": resource.title,
                "link": absolute_url("portal:resource", resource.pk),
            },
            _reviewer_emails(resource),
        )
    return version


def _is_head(user: User, resource: Resource) -> bool:
    return resource.department_id in departments_with(user, Role.HEAD)


EXTRACT_STATES = (State.SUBMITTED, State.IN_REVIEW)


def do_confirm_extract(
    actor: User,
    resource: Resource,
    number: int,
    upload: UploadedFile[bytes] | None = None,
    suffix: str = "",
) -> Version:
    """The head of the resource's department provides the extract from the department meeting's
    minutes that recommends placement (clause 11, 8.4): confirms the one submitted with version
    ``number`` or, with ``upload`` (judged by the caller), replaces it with the department's own.
    Only for the version being reviewed, while the Center has it; the head is checked again
    here, as the conflict-of-interest rule is: the Center relies on this confirmation.
    Confirming an already confirmed extract changes nothing."""
    with transaction.atomic():
        resource = _lock(resource)
        if not _is_head(actor, resource):
            raise Refused(
                _(
                    "Only the head of the resource's department provides the extract from the "
                    "department meeting's minutes."
                )
            )
        _require(resource, *EXTRACT_STATES)
        version = resource.latest_version
        if version is None or version.number != number:
            raise Refused(_("Only the extract of the version under review can be confirmed."))
        if upload is None and version.extract_confirmed_at is not None:
            return version  # already confirmed: nothing changes
        if upload is not None:
            version.minutes_extract.save(
                f"r{resource.pk}-v{number}-minutes-head{suffix}", upload, save=False
            )
        version.extract_confirmed_by, version.extract_confirmed_at = actor, timezone.now()
        version.extract_from_head = upload is not None
        version.save(
            update_fields=[
                "minutes_extract",
                "extract_confirmed_by",
                "extract_confirmed_at",
                "extract_from_head",
            ]
        )
        audit.append(
            actor,
            "resource.extract",
            resource,
            data={"version": number, "provided_by_head": upload is not None},
        )
    return version


def do_start_review(actor: User, resource: Resource, revision: int | None = None) -> Resource:
    with transaction.atomic():
        resource = _lock(resource, revision)
        _require(resource, State.SUBMITTED)
        _not_author(actor, resource)
        version = resource.latest_version
        if version is None:  # pragma: no cover - submitted implies a version
            raise Refused(_("There is no version to review."))
        _move(actor, resource, State.IN_REVIEW, "review.start", version=version.number)
    return resource


@dataclass(frozen=True, slots=True)
class ReviewSpec:
    content_score: int
    presentation_score: int
    economy_score: int
    content_comment: str = ""
    presentation_comment: str = ""
    economy_comment: str = ""
    reasons: str = ""


def _decide(
    actor: User, resource: Resource, revision: int, spec: ReviewSpec, decision: Decision
) -> Review:
    with transaction.atomic():
        resource = _lock(resource, revision)
        _require(resource, State.IN_REVIEW)
        _not_author(actor, resource)
        version = resource.latest_version
        assert version is not None  # in_review implies a version
        if decision == Decision.RETURN and not spec.reasons.strip():
            raise Refused(_("Say why the resource is returned: the authors need the reasons."))
        if decision == Decision.APPROVE and version.extract_confirmed_at is None:
            raise Refused(
                _(
                    "The head of the department has not confirmed the extract from the "
                    "department meeting's minutes that recommends placement (11, 8.4): the "
                    "resource can be approved once they do."
                )
            )
        review = Review.objects.create(
            version=version,
            reviewer=actor,
            content_score=spec.content_score,
            content_comment=spec.content_comment,
            presentation_score=spec.presentation_score,
            presentation_comment=spec.presentation_comment,
            economy_score=spec.economy_score,
            economy_comment=spec.economy_comment,
            decision=decision,
            reasons=spec.reasons,
        )
        to = State.APPROVED if decision == Decision.APPROVE else State.RETURNED
        _move(
            actor,
            resource,
            to,
            f"review.{decision.value}",
            version=version.number,
            review=review.pk,
            scores=[spec.content_score, spec.presentation_score, spec.economy_score],
        )
        subject = (
            _("Your DER is approved: %(title)s")
            if to == State.APPROVED
            else _("Your DER is returned for revision: %(title)s")
        ) % {"title": resource.title}
        mail_after_commit(
            subject,
            f"{spec.reasons}\n\n{absolute_url('portal:resource', resource.pk)}",
            _author_emails(resource),
        )
    return review


def do_approve(actor: User, resource: Resource, revision: int, spec: ReviewSpec) -> Review:
    return _decide(actor, resource, revision, spec, Decision.APPROVE)


def do_return(actor: User, resource: Resource, revision: int, spec: ReviewSpec) -> Review:
    return _decide(actor, resource, revision, spec, Decision.RETURN)


def do_comment_slide(actor: User, resource: Resource, slide: int, text: str) -> SlideComment:
    with transaction.atomic():
        resource = _lock(resource)
        _require(resource, State.IN_REVIEW)
        _not_author(actor, resource)
        version = resource.latest_version
        assert version is not None
        comment = SlideComment.objects.create(version=version, author=actor, slide=slide, text=text)
        audit.append(
            actor, "review.comment", resource, data={"version": version.number, "slide": slide}
        )
    return comment


def do_publish(
    actor: User,
    resource: Resource,
    revision: int,
    *,
    platform: str,
    link: str,
    published_on: dt.date,
    moodle_delivery: str = "",
) -> Publication:
    """Record the placement on the platform (8.6–8.7), and how the Moodle activity gets the
    package (:class:`MoodleDelivery`: from the stable address, or inside the backup)."""
    if moodle_delivery not in MoodleDelivery.values:
        raise Refused(_("Choose how the Moodle activity gets the package."))
    with transaction.atomic():
        resource = _lock(resource, revision)
        _require(resource, State.APPROVED)
        _not_author(actor, resource)
        version = resource.latest_version
        assert version is not None
        before = resource.current_publication
        if before is not None and published_on < before.published_on:
            raise Refused(
                _(
                    "Version %(n)d was placed on %(date)s: the new version's date of placement "
                    "cannot be earlier."
                )
                % {"n": before.version.number, "date": before.published_on.isoformat()}
            )
        publication = Publication.objects.create(
            resource=resource,
            version=version,
            platform=platform,
            link=link,
            published_on=published_on,
            published_by=actor,
            moodle_delivery=moodle_delivery,
        )
        resource.published_on = published_on  # the catalogue's order and year filter
        resource.save(update_fields=["published_on"])
        _move(
            actor,
            resource,
            State.PUBLISHED,
            "resource.publish",
            version=version.number,
            platform=platform,
            link=link,
            published_on=published_on.isoformat(),
            moodle_delivery=moodle_delivery,
            # a new version replaces the one placed before (10.2)
            **({"replaces_version": before.version.number} if before else {}),
        )
        mail_after_commit(
            _("Your DER is published: %(title)s") % {"title": resource.title},
            link,
            _author_emails(resource),
        )
    return publication
