"""The certificate and its yearly counter.

An issued :class:`Certificate` never changes: ``save`` on an existing row, ``delete`` and the
queryset's ``update``/``delete`` raise :class:`Immutable`. It keeps the values it was filled
with (``data``), the rendered PDF and DOCX and their sha256, so what the verification page
shows is what was signed. A correction is a *new* certificate whose ``supersedes`` names the
old one; the old row is not touched, its status is derived from that link.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from oqu.portal.people.models import User
from oqu.portal.workflow.models import Publication, Resource


class Immutable(Exception):
    """An issued certificate was about to be changed or deleted."""


class CertificateQuerySet(models.QuerySet["Certificate"]):
    def update(self, **kwargs: Any) -> int:
        raise Immutable("issued certificates are never changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise Immutable("issued certificates are never deleted")


class YearCounter(models.Model):
    """The last number issued in a calendar year; locked while issuing (numbers never repeat)."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)


class Certificate(models.Model):
    number = models.CharField(_("number"), max_length=20, unique=True)  # "2026-001"
    year = models.PositiveIntegerField()
    seq = models.PositiveIntegerField()
    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="certificates")
    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="+")
    issued_on = models.DateField(_("date"))
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    # A random secret in the QR code's URL: the number alone is guessable.
    token = models.CharField(max_length=64, unique=True)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    reason = models.TextField(_("reason for the correction"), blank=True)
    data = models.JSONField()  # {placeholder: value} exactly as filled in
    pdf = models.BinaryField()
    pdf_sha256 = models.CharField(max_length=64)
    docx = models.BinaryField()
    docx_sha256 = models.CharField(max_length=64)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ("-year", "-seq")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("year", "seq"), name="certificate_unique_year_seq")
        ]
        verbose_name = _("placement certificate")

    def __str__(self) -> str:
        return self.number

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise Immutable("issued certificates are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise Immutable("issued certificates are never deleted")

    @property
    def successor(self) -> Certificate | None:
        try:
            return self.superseded_by
        except Certificate.DoesNotExist:
            return None

    @property
    def is_valid(self) -> bool:
        return self.successor is None
