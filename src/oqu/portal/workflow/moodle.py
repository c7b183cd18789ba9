"""What the portal gives Moodle for a resource (issue 18, docs/moodle.md): the SCORM packages
its stable address serves, and the two Moodle activity backups (``.mbz``) the Center restores.

The check job (:mod:`oqu.portal.workflow.jobs`) builds an Oqu source into the SCORM 1.2 zip,
the SCORM 2004 zip and the library's backup with the package inside
(``oqu build --format moodle``), and makes the backup whose activity downloads the package
from the resource's stable address instead (``oqu.moodle_backup(..., package_url=...)``):
the same bytes the library writes, stored with the version. An uploaded SCORM package is served
at the address of its own edition; it has no backup (the backup's settings — pass mark,
attempts, intro — come from the DER's source, which an upload does not have).
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from django.conf import settings
from django.core.cache import cache
from django.core.files import File
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils.translation import gettext as _

from oqu.portal.workflow import lms_preview
from oqu.portal.workflow.models import Version, VersionKind

if TYPE_CHECKING:
    from oqu.packaging.pipeline import BuildResult, Format

Edition = Literal["scorm12", "scorm2004"]
EDITIONS: tuple[Edition, ...] = ("scorm12", "scorm2004")
EDITION_LABELS: dict[Edition, str] = {"scorm12": "SCORM 1.2", "scorm2004": "SCORM 2004"}
Variant = Literal["package", "address"]
VARIANTS: tuple[Variant, ...] = ("package", "address")
# what the job builds from an Oqu source
BUILD_FORMATS: tuple[Format, ...] = ("scorm12", "scorm2004", "moodle")
log = logging.getLogger("oqu.portal.moodle")
MBZ_TYPE = "application/vnd.moodle.backup"  # Moodle's own type for .mbz (lib/classes/filetypes)
SHA1_SECONDS = 24 * 3600  # a stored file never changes: its hash is cached by its name


def package_path(resource_id: int, edition: Edition = "scorm12") -> str:
    """The stable address's path: always the package of the resource's current placement."""
    name = "portal:catalogue_package" if edition == "scorm12" else "portal:catalogue_package_2004"
    return reverse(name, args=[resource_id])


def package_address(resource_id: int, edition: Edition = "scorm12") -> str:
    """The absolute stable address on ``OQU_BASE_URL`` (as the register's links are): the one
    a Moodle activity keeps, whoever downloaded the backup and by whatever host name."""
    return settings.OQU_BASE_URL.rstrip("/") + package_path(resource_id, edition)


def package_file(version: Version, edition: Edition) -> FieldFile | None:
    """The version's package in ``edition``, or ``None`` when it has none in that edition."""
    if version.kind == VersionKind.OQU_SOURCE:
        field = version.package if edition == "scorm12" else version.package_2004
    else:  # an uploaded package is served at the address of the edition it declares
        declared = lms_preview.edition(version.kind, version.report)
        if declared != {"scorm12": "1.2", "scorm2004": "2004"}[edition]:
            return None
        field = version.package
    return field if field else None


def backup_file(version: Version, variant: Variant) -> FieldFile | None:
    field = version.moodle_backup if variant == "package" else version.moodle_backup_url
    return field if field else None


def backup_links(resource_id: int, version: Version) -> list[dict[str, str]]:
    """The version's Moodle backups as links for the Center (both variants, when built)."""
    labels = {
        "package": _("Moodle backup (.mbz), the package inside"),
        "address": _("Moodle backup (.mbz), downloads from the package address, auto-update"),
    }
    return [
        {
            "variant": variant,
            "label": labels[variant],
            "url": reverse("portal:moodle_backup", args=[resource_id, variant]),
        }
        for variant in VARIANTS
        if backup_file(version, variant)
    ]


def sha1(field: FieldFile) -> str:
    """The SHA-1 of a stored file (Moodle compares packages by it, and it is the address's
    ETag), read once per file and cached by its name and size (storage gives a new file a
    name of its own, and a package is never rewritten in place)."""
    key = f"oqu.package.sha1:{field.storage.__class__.__name__}:{field.name}:{field.size}"
    cached: str | None = cache.get(key)
    if cached is None:
        digest = hashlib.sha1(usedforsecurity=False)
        with field.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1024 * 1024), b""):
                digest.update(chunk)
        cached = digest.hexdigest()
        cache.set(key, cached, SHA1_SECONDS)
    return cached


def save_builds(version: Version, result: BuildResult) -> None:
    """Store the SCORM 2004 zip and both backups of a source built with :data:`BUILD_FORMATS`
    on ``version`` (saved by the caller); the SCORM 1.2 zip is the job's ``package``."""
    from oqu.packaging.moodle import URL_PROBLEMS, check_package_url, moodle_backup

    by_suffix = {p.name.rsplit("-", 1)[-1]: p for p in result.outputs}
    prefix = f"r{version.resource_id}-v{version.number}-"
    scorm12, scorm2004, mbz = (
        by_suffix["scorm12.zip"],
        by_suffix["scorm2004.zip"],
        by_suffix["moodle.mbz"],
    )
    _store(version.package_2004, prefix + scorm2004.name, scorm2004)
    _store(version.moodle_backup, prefix + mbz.name, mbz)
    assert result.resource is not None  # a build with outputs has its resource
    url = package_address(version.resource_id)
    problem = check_package_url(url)
    if problem:  # a misconfigured OQU_BASE_URL costs this backup, never the check
        log.error("no address backup: OQU_BASE_URL gives %r, %s", url, URL_PROBLEMS[problem].en)
        return
    address = moodle_backup(result.resource, scorm12.read_bytes(), scorm12.name, package_url=url)
    url_mbz = mbz.with_name(mbz.name.replace("-moodle.mbz", "-moodle-address.mbz"))
    url_mbz.write_bytes(address)
    _store(version.moodle_backup_url, prefix + url_mbz.name, url_mbz)


def _store(field: FieldFile, name: str, path: Path) -> None:
    with path.open("rb") as fh:
        field.save(name, File(fh), save=False)
