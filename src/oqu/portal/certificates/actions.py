"""Issuing and correcting placement certificates, in the portal's actions style.

Each ``do_*`` runs in one transaction: lock the resource, check the precondition (published,
with a publication record: items 7 and 8 of the form are the placement's date and link), the
director role and the conflict-of-interest rule (re-checked here, not trusted to the caller),
take the next number of the year under a row lock, fill the variable table from the record,
render the PDF and the DOCX, store them with their sha256, append the audit entry.

Numbers are ``YYYY-NNN`` per calendar year of issue (Asia/Almaty): :class:`YearCounter` is
locked with ``SELECT … FOR UPDATE`` (SQLite serialises writers), and the unique constraint on
``(year, seq)`` would refuse a duplicate even if that lock were bypassed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from oqu.portal.audit import chain as audit
from oqu.portal.certificates import policy, render, variables
from oqu.portal.certificates.models import Certificate, YearCounter
from oqu.portal.core.actions import Refused
from oqu.portal.people.models import User
from oqu.portal.workflow.models import Publication, Resource, Version

MAX_TOPICS = 40
_NUMBERED = re.compile(r"^\s*(?:\d+[.)]|[-•*])\s*")


def _next_seq(year: int) -> int:
    counter, _created = YearCounter.objects.select_for_update().get_or_create(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def verify_url(number: str, token: str) -> str:
    path = reverse("certificates:verify", args=[number, token])
    return str(settings.OQU_BASE_URL).rstrip("/") + path


def syllabus_topics(version: Version) -> tuple[str, ...]:
    """The topics listed in a plain-text syllabus, one a line ("1. …"); other formats: none.
    Used when the resource itself lists no topics."""
    if not version.syllabus or not (version.syllabus.name or "").lower().endswith(".txt"):
        return ()
    with version.syllabus.open("rb") as fh:
        text = fh.read(256 * 1024).decode("utf-8", errors="replace")
    topics = [_NUMBERED.sub("", line).strip() for line in text.splitlines()]
    return tuple(t[:300] for t in topics if t)[:MAX_TOPICS]


def resource_topics(resource: Resource) -> tuple[str, ...]:
    """The resource's own topics (one a line), where the record carries them."""
    text = str(getattr(resource, "topics", "") or "")
    return tuple(t.strip()[:300] for t in text.splitlines() if t.strip())[:MAX_TOPICS]


def _name(field_name: str | None) -> str:
    return PurePosixPath(field_name).name if field_name else ""


def _format(field_name: str | None) -> str:
    """A stored document as form 01's item 9 names it: its format ("PDF"), never the storage's
    own file name (``r6-v2-syllabus.txt``, issue 15.11)."""
    suffix = PurePosixPath(field_name).suffix.lstrip(".").upper() if field_name else ""
    return {"TXT": "TXT (мәтін / текст)"}.get(suffix, suffix or ("—" if field_name else ""))


def record_for(
    resource: Resource, publication: Publication, *, number: str, issued_on: dt.date,
    director: User, url: str, supersedes: str = "",
) -> variables.Record:  # fmt: skip
    """What form 01 says about ``resource``, read from the database."""
    version = publication.version
    authors = tuple(
        variables.Author(a.full_name, a.position, a.degree, a.academic_title)
        for a in resource.authors.order_by("full_name", "pk")
    )
    # the package as its author named it (what they uploaded), not the built file's storage name
    package = version.upload_name or _name(version.package.name)
    return variables.Record(
        number=number,
        issued_on=issued_on,
        authors=authors,
        department=resource.department.name,
        faculty=resource.department.faculty.name,
        title=resource.title,
        discipline=resource.discipline,
        der_type=resource.der_type,
        topics=resource_topics(resource) or syllabus_topics(version),
        platform=publication.platform,
        language=resource.language,
        audience=resource.audience,
        placed_on=publication.published_on,
        link=publication.link,
        syllabus=_format(version.syllabus.name),
        minutes=_format(version.minutes_extract.name),
        package=package,
        director=director.full_name,
        verify_url=url,
        supersedes=supersedes,
    )


# What form 01 fills from the record itself (items 1–3, 5, 6); the rest of a certificate (number,
# dates, placement, documents, director) does not follow an edit of the record.
RECORD_KEYS = ("authors", "department", "faculty", "title", "discipline", "der_type", "topics",
               "language", "audience")  # fmt: skip


def standing(publication: Publication) -> Certificate | None:
    """The certificate of a placement that is not superseded (at most one, 8.5). Each placement
    of a resource has its own: after a new version is placed, the old one's certificate stays
    valid for what it certified — that version, on that date (10.2)."""
    return (
        Certificate.objects.filter(publication=publication, superseded_by__isnull=True)
        .defer("pdf", "docx")
        .first()
    )


def stale_standing(resource: Resource) -> Certificate | None:
    """The standing certificate of the resource's current placement when what it says about the
    record no longer matches the record (after a correction: the director then supersedes it);
    else ``None``."""
    publication = resource.current_publication
    if publication is None:
        return None
    cert = (
        Certificate.objects.filter(publication=publication, superseded_by__isnull=True)
        .select_related("publication__version", "issued_by")
        .defer("pdf", "docx")
        .first()
    )
    if cert is None:
        return None
    record = record_for(
        resource, cert.publication, number=cert.number, issued_on=cert.issued_on,
        director=cert.issued_by, url="",
    )  # fmt: skip
    now = variables.values(record)
    return None if all(now[k] == cert.data.get(k) for k in RECORD_KEYS) else cert


def _issue(
    actor: User, resource: Resource, *, supersedes: Certificate | None = None, reason: str = ""
) -> Certificate:
    """Inside the caller's transaction, with the resource locked."""
    refusal = policy.issue_refusal(actor, resource)
    if refusal:
        raise Refused(refusal)
    publication = resource.current_publication  # placed: published, or updated in review
    if publication is None:
        raise Refused(
            _(
                "A placement certificate is issued once the resource is published (it states "
                "where and when it was placed); it is “%(state)s”."
            )
            % {"state": resource.get_state_display()}
        )
    if supersedes is not None and supersedes.publication_id != publication.pk:
        raise Refused(
            _(
                "Certificate %(n)s certifies an earlier placement, which a newer version has "
                "replaced: it stays valid for what it certified. Issue the certificate of the "
                "current placement instead."
            )
            % {"n": supersedes.number}
        )
    if supersedes is None:
        current = standing(publication)
        if current is not None:
            raise Refused(
                _(
                    "This resource already has certificate %(n)s. An issued certificate never "
                    "changes: to correct it, issue a correction that supersedes it."
                )
                % {"n": current.number}
            )
    now = timezone.now()
    issued_on = timezone.localdate(now)
    seq = _next_seq(issued_on.year)
    number = f"{issued_on.year}-{seq:03d}"
    token = secrets.token_urlsafe(18)
    record = record_for(
        resource, publication, number=number, issued_on=issued_on, director=actor,
        url=verify_url(number, token), supersedes=supersedes.number if supersedes else "",
    )  # fmt: skip
    vals = variables.values(record)
    pdf = render.pdf(vals)
    docx = render.docx(vals)
    cert = Certificate(
        number=number,
        year=issued_on.year,
        seq=seq,
        resource=resource,
        publication=publication,
        issued_on=issued_on,
        issued_at=now,
        issued_by=actor,
        token=token,
        supersedes=supersedes,
        reason=reason,
        data=vals,
        pdf=pdf,
        pdf_sha256=hashlib.sha256(pdf).hexdigest(),
        docx=docx,
        docx_sha256=hashlib.sha256(docx).hexdigest(),
    )
    cert.save()
    audit.append(
        actor,
        "certificate.issue",
        cert,
        to_state="valid",
        data={
            "number": number,
            "resource": resource.pk,
            "supersedes": cert.supersedes.number if cert.supersedes else None,
            "version": publication.version.number,
            **({"reason": reason} if reason else {}),
            "pdf_sha256": cert.pdf_sha256,
            "docx_sha256": cert.docx_sha256,
        },
    )
    return cert


def history(resource: Resource) -> list[Any]:
    """The audit entries of the resource's certificates (issued, superseded with the reason),
    for the resource's history beside its own."""
    return [e for cert in Certificate.objects.filter(resource=resource).only("pk")
            for e in audit.history(cert)]  # fmt: skip


def do_issue_certificate(actor: User, resource: Resource) -> Certificate:
    """Issue form 01 for a published resource (8.5)."""
    with transaction.atomic():
        resource = Resource.objects.select_for_update().get(pk=resource.pk)
        return _issue(actor, resource)


def do_supersede_certificate(actor: User, old: Certificate, reason: str) -> Certificate:
    """A correction: a new certificate, filled from the record as it is now, supersedes ``old``.
    ``old`` is not changed — its status follows from the new one's ``supersedes``."""
    if not reason.strip():
        raise Refused(_("Say what the correction is: the reason is kept with the certificate."))
    with transaction.atomic():
        resource = Resource.objects.select_for_update().get(pk=old.resource_id)
        old = Certificate.objects.select_for_update().get(pk=old.pk)
        successor = Certificate.objects.filter(supersedes=old).first()
        if successor is not None:
            raise Refused(
                _("Certificate %(old)s is already superseded by %(new)s: correct that one.")
                % {"old": old.number, "new": successor.number}
            )
        new = _issue(actor, resource, supersedes=old, reason=reason.strip())
        audit.append(
            actor,
            "certificate.supersede",
            old,
            from_state="valid",
            to_state="superseded",
            data={"number": old.number, "by": new.number, "reason": reason.strip()},
        )
    return new
