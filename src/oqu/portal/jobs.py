"""Background jobs (``django.tasks``): check and build a submitted version.

:func:`check_version` copies the upload from storage to a temporary folder, runs the library's
``oqu check`` (with the syllabus, rule 7.6) and, for an Oqu source, ``oqu build`` (SCORM 1.2),
stores the report in the three languages and the built package, and records progress on the
:class:`~oqu.portal.models.Version` as it goes, so the page can show it. It runs on the
database queue's workers (``oqu portal db_worker``) or inline in tests.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.tasks import task

from oqu.diagnostics import LANGS, SourceUnreadable
from oqu.portal.models import JobState, Version, VersionKind
from oqu.portal.uploads import Refused, extract_source, judge_package

log = logging.getLogger("oqu.portal.jobs")


def _progress(version: Version, percent: int, message: str, **more: object) -> None:
    fields = {"job_progress": percent, "job_message": message[:500], **more}
    Version.objects.filter(pk=version.pk).update(**fields)


def _copy_out(field: File, dest: Path) -> Path:  # type: ignore[type-arg]
    with field.open("rb") as src, dest.open("wb") as out:
        shutil.copyfileobj(src, out, 1024 * 1024)
    return dest


def _launch(package: Path) -> str:
    """The launch page named by the package's manifest ("" when it names none)."""
    from oqu.sources.scorm import open_package, read_manifest

    pkg = open_package(package)
    try:
        return read_manifest(pkg).launch
    finally:
        pkg.close()


@task()
def check_version(version_id: int) -> str:
    """Check (and for a source, build) one version; returns the verdict."""
    from oqu.build.pipeline import build
    from oqu.check import check
    from oqu.report import render_html, to_json

    version = Version.objects.select_related("resource").get(pk=version_id)
    _progress(version, 5, "started", job_state=JobState.RUNNING)
    try:
        with tempfile.TemporaryDirectory(prefix="oqu-job-") as tmp_name:
            tmp = Path(tmp_name)
            upload = _copy_out(version.upload, tmp / "upload.zip")
            suffix = Path(version.syllabus.name or "").suffix or ".txt"
            syllabus = _copy_out(version.syllabus, tmp / f"syllabus{suffix}")
            _progress(version, 15, "read")
            judged = judge_package(upload)
            subject = upload
            built: Path | None = None
            if judged.kind == VersionKind.OQU_SOURCE:
                subject = extract_source(upload, judged.root, tmp / "src")
                _progress(version, 30, "building")
                result = build(subject, tmp / "out", ("scorm12",))
                if result.ok and result.outputs:
                    built = result.outputs[0]
            _progress(version, 60, "checking")
            report = check(subject, syllabus=syllabus, der_type=version.resource.der_type)
            launch = _launch(built or upload)
            # the report names the files it read: show them relative to the upload, not our temp
            hide = f"{tmp}/"
            data = {
                lang: json.loads(json.dumps(to_json(report, lang)).replace(hide, ""))
                for lang in LANGS
            }
            html = {lang: render_html(report, lang).replace(hide, "") for lang in LANGS}
            _progress(version, 90, "saving")
            with transaction.atomic():
                v = Version.objects.select_for_update().get(pk=version.pk)
                if built is not None:
                    with built.open("rb") as fh:
                        name = f"r{v.resource_id}-v{v.number}-{built.name}"
                        v.package.save(name, File(fh), save=False)
                elif judged.kind == VersionKind.SCORM:
                    v.package.name = v.upload.name  # the upload is the package
                v.report, v.report_html, v.verdict = data, html, report.verdict
                v.launch = launch
                v.job_state, v.job_progress, v.job_message = JobState.DONE, 100, ""
                v.save()
            return report.verdict
    except (SourceUnreadable, Refused, OSError) as e:
        message = e.diagnostic.message("en") if isinstance(e, SourceUnreadable) else str(e)
        log.warning("check of version %s failed: %s", version_id, message)
        _progress(version, 100, message, job_state=JobState.FAILED)
        return "error"
    except Exception:
        log.exception("check of version %s crashed", version_id)
        _progress(version, 100, "internal error", job_state=JobState.FAILED)
        raise
