"""Background jobs (``django.tasks``): check and build a submitted version.

:func:`check_version` copies the upload from storage to a temporary folder, runs the library's
``oqu check`` (with the syllabus, rule 7.6) and, for an Oqu source, ``oqu build`` (SCORM 1.2),
stores the report in the three languages and the built package, and records progress on the
:class:`~oqu.portal.workflow.models.Version` as it goes, so the page can show it. It runs on the
database queue's workers (``oqu portal db_worker``) or inline in tests.

The smoke run (``oqu check --smoke``: the package played in headless Chromium, capped in time
by the library) is part of the check as ``settings.OQU_CHECK_SMOKE`` says: ``auto`` and ``on``
ask for it, ``off`` never. An uploaded package is played by the check itself; an Oqu source
(which the library does not play) through the package built from it. A browser that is missing
or fails is a finding of the report (``10.7/smoke``), never a failed job.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.tasks import task
from django.utils.translation import gettext_noop

from oqu.diagnostics import LANGS, SourceUnreadable
from oqu.portal.audit import chain as audit
from oqu.portal.workflow import moodle
from oqu.portal.workflow.models import JobState, Resource, State, Version, VersionKind
from oqu.portal.workflow.uploads import Refused, extract_source, judge_package
from oqu.portal.workflow.worker import ABANDONED, RETRIED, JobTimeLimit, job_temp_dir

if TYPE_CHECKING:
    from oqu.check import Report
    from oqu.smoke import SmokeResult

log = logging.getLogger("oqu.portal.jobs")

# What the author reads (version_detail.html translates job_message): kk/ru in the catalogues.
RETRYING = gettext_noop(
    "The server's worker checking this version stopped; the check starts again by itself."
)
WORKER_LOST = gettext_noop(
    "The check could not finish: the server's worker stopped each time it checked this version "
    "(very large or unusual files can cause this). The resource is back in draft: submit it "
    "again, and if this happens again, write to the Center."
)
TOO_LONG = gettext_noop(
    "The check took longer than the server allows and was stopped. The resource is back in "
    "draft: make the package lighter (fewer or smaller media files) and submit it again."
)


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


def _smoke_wanted() -> bool:
    """Whether this job asks for the smoke run (``settings.OQU_CHECK_SMOKE``)."""
    mode = settings.OQU_CHECK_SMOKE
    if mode == "off":
        return False
    if mode == "on":
        from oqu.smoke import unavailable

        why = unavailable()
        if why:  # asked for on this server, yet impossible here: the report says so too
            log.error("OQU_CHECK_SMOKE is on, but the smoke run cannot run: %s", why)
    return True


def _with_smoke(report: Report, result: SmokeResult) -> Report:
    """``report`` with the smoke run's findings and facts, as ``check(smoke=True)`` makes them."""
    from oqu.smoke import findings

    report.findings.extend(findings(result, report.subject.location))
    report.smoke = result.to_json()
    return report


def _failed(version: str, problem: BaseException) -> SmokeResult:
    from oqu.smoke import SmokeResult

    log.exception("the smoke run failed")
    return SmokeResult("failed", version, reason=f"{type(problem).__name__}: {problem}")


def _check_package(upload: Path, syllabus: Path, der_type: str, smoke: bool) -> Report:
    """``oqu check`` of an uploaded package, played in Chromium when ``smoke``; should the
    smoke run break in a way the library did not foresee, the package is checked without it and
    the break is the finding."""
    from oqu.check import check

    try:
        return check(upload, syllabus=syllabus, der_type=der_type, smoke=smoke)
    except SourceUnreadable:
        raise
    except Exception as e:
        if not smoke:
            raise
        report = check(upload, syllabus=syllabus, der_type=der_type)
        pkg = report.subject.package
        return _with_smoke(report, _failed(pkg.version if pkg else "", e))


def _smoke_built(report: Report, built: Path | None, launch: str) -> Report:
    """The smoke run of the package built from a source (SCORM 1.2), added to its report."""
    from oqu.smoke import SmokeResult, run_smoke

    if built is None or not launch:
        why = "the source was not built: there is no package to play"
        return _with_smoke(report, SmokeResult("skipped", "1.2", reason=why))
    try:
        result = run_smoke(built, "1.2", launch)
    except Exception as e:
        result = _failed("1.2", e)
    return _with_smoke(report, result)


@task()
def check_version(version_id: int) -> str:
    """Check (and for a source, build) one version; returns the verdict."""
    from oqu.check import check
    from oqu.packaging.pipeline import BuildResult, build
    from oqu.report import render_html, to_json

    version = Version.objects.select_related("resource").get(pk=version_id)
    _progress(version, 5, "started", job_state=JobState.RUNNING)
    smoke = _smoke_wanted()
    try:
        with job_temp_dir() as tmp_name:
            tmp = Path(tmp_name)
            upload = _copy_out(version.upload, tmp / "upload.zip")
            suffix = Path(version.syllabus.name or "").suffix or ".txt"
            syllabus = _copy_out(version.syllabus, tmp / f"syllabus{suffix}")
            _progress(version, 15, "read")
            judged = judge_package(upload)
            subject = upload
            built: Path | None = None
            result: BuildResult | None = None
            if judged.kind == VersionKind.OQU_SOURCE:
                subject = extract_source(upload, judged.root, tmp / "src")
                _progress(version, 30, "building")
                result = build(subject, tmp / "out", moodle.BUILD_FORMATS)
                if result.ok and result.outputs:
                    built = next(p for p in result.outputs if p.name.endswith("-scorm12.zip"))
            der_type = version.resource.planned_type  # the plan's type decides (8.2)
            launch = _launch(built or upload)
            if judged.kind == VersionKind.SCORM:
                step = "checking, with the smoke run in a browser" if smoke else "checking"
                _progress(version, 50, step)
                report = _check_package(subject, syllabus, der_type, smoke)
            else:
                _progress(version, 50, "checking")
                report = check(subject, syllabus=syllabus, der_type=der_type, built=result)
                if smoke:
                    _progress(version, 70, "smoke run: playing the built package in a browser")
                    report = _smoke_built(report, built, launch)
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
                if built is not None and result is not None:
                    with built.open("rb") as fh:
                        name = f"r{v.resource_id}-v{v.number}-{built.name}"
                        v.package.save(name, File(fh), save=False)
                    moodle.save_builds(v, result)  # SCORM 2004 and the Moodle backups
                elif judged.kind == VersionKind.SCORM:
                    v.package.name = v.upload.name  # the upload is the package
                v.report, v.report_html, v.verdict = data, html, report.verdict
                v.launch = launch
                v.job_state, v.job_progress, v.job_message = JobState.DONE, 100, ""
                v.save()
            return report.verdict
    except JobTimeLimit:
        log.warning("check of version %s stopped: over the time limit", version_id)
        _give_back(version_id, TOO_LONG, "time limit")
        return "error"
    except (SourceUnreadable, Refused, OSError) as e:
        message = e.diagnostic.message("en") if isinstance(e, SourceUnreadable) else str(e)
        log.warning("check of version %s failed: %s", version_id, message)
        _progress(version, 100, message, job_state=JobState.FAILED)
        return "error"
    except Exception:
        log.exception("check of version %s crashed", version_id)
        _progress(version, 100, "internal error", job_state=JobState.FAILED)
        raise


def _give_back(version_id: int, message: str, reason: str) -> None:
    Version.objects.filter(pk=version_id).update(
        job_state=JobState.FAILED, job_progress=100, job_message=message
    )
    give_back_after_failed_check(version_id, reason)


def give_back_after_failed_check(version_id: int, reason: str) -> bool:
    """The check of a version could not finish (its workers died, or it ran out of time): the
    resource goes back to *draft*, so its authors can submit again, and the audit log says why.
    Nothing happens when the version is no longer the one under submission. True when moved."""
    with transaction.atomic():
        version = Version.objects.select_related("resource").filter(pk=version_id).first()
        if version is None:
            return False
        resource = Resource.objects.select_for_update().get(pk=version.resource_id)
        latest = resource.versions.order_by("-number").values_list("pk", flat=True).first()
        if resource.state != State.SUBMITTED or latest != version.pk:
            return False
        before = resource.state
        resource.state = State.DRAFT
        resource.revision += 1
        resource.save(update_fields=["state", "revision", "updated_at"])
        audit.append(
            None, "resource.check_failed", resource, from_state=before, to_state=State.DRAFT,
            data={"version": version.number, "reason": reason},
        )  # fmt: skip
        return True


def _check_retried(args: list[Any], kwargs: dict[str, Any], attempts: int) -> None:
    version_id = kwargs.get("version_id", args[0] if args else None)
    if version_id is None:
        return
    Version.objects.filter(pk=int(version_id)).update(
        job_state=JobState.QUEUED, job_progress=0, job_message=RETRYING
    )


def _check_abandoned(args: list[Any], kwargs: dict[str, Any], attempts: int) -> None:
    version_id = kwargs.get("version_id", args[0] if args else None)
    if version_id is not None:
        _give_back(int(version_id), WORKER_LOST, f"worker lost {attempts} times")


RETRIED[check_version.module_path] = _check_retried
ABANDONED[check_version.module_path] = _check_abandoned
