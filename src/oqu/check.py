"""``oqu check``: one verdict for an Oqu source or any SCORM package, clause by clause.

read the subject (source → model → facts; package → safe zip → facts) → add the syllabus →
run every rule → a :class:`Report`. Rendering (text, JSON, HTML) is :mod:`oqu.report`'s.
Raises :class:`~oqu.diagnostics.SourceUnreadable` only when PATH (or the syllabus) cannot be
read at all; everything else is a finding.
"""

from __future__ import annotations

import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oqu.diagnostics import Diagnostic, Diagnostics, Location, SourceUnreadable, diag
from oqu.model.subject import Subject, from_resource
from oqu.rules import RULES, run

if TYPE_CHECKING:
    from oqu.packaging.pipeline import BuildResult

__all__ = ["Report", "check"]


@dataclass(slots=True)
class Report:
    subject: Subject
    findings: list[Diagnostic]
    unchecked: list[str] = field(default_factory=list)
    elapsed: float = 0.0
    smoke: dict[str, Any] | None = None  # the dynamic smoke run (--smoke), oqu.smoke

    @property
    def verdict(self) -> str:
        """``fail`` (an error), ``incomplete`` (no error, but rules that could not be checked),
        or ``pass`` (every rule that applies was checked and none failed)."""
        if any(d.severity == "error" for d in self.findings):
            return "fail"
        return "incomplete" if self.unchecked else "pass"

    def count(self, severity: str) -> int:
        return sum(1 for d in self.findings if d.severity == severity)


def _is_package(path: Path) -> bool:
    if path.is_dir():
        return False
    if path.suffix.lower() in (".zip", ".pif"):
        return True
    return path.suffix.lower() != ".md" and path.is_file() and zipfile.is_zipfile(path)


def check(
    path: Path,
    *,
    syllabus: Path | None = None,
    der_type: str | None = None,
    smoke: bool = False,
    smoke_budget: float = 15.0,
    built: BuildResult | None = None,
) -> Report:
    """Check ``path``; with ``smoke`` a package is also played in headless Chromium.

    ``built``: what ``build(path, …)`` (no selection) just returned for this source. Its
    diagnostics and resource are the very ones :func:`~oqu.packaging.pipeline.prepare` would
    give, so the source is not read and its media not prepared a second time (the portal's
    check job builds, then checks)."""
    start = time.perf_counter()
    smoke_json: dict[str, Any] | None = None
    topics = None
    if syllabus is not None:
        from oqu.sources.syllabus import read_syllabus

        topics = read_syllabus(syllabus)
    findings: list[Diagnostic] = []
    from oqu.sources.scorm import is_web_folder

    folder = is_web_folder(path)
    if folder or _is_package(path):
        from oqu.sources.scorm import open_folder, open_package, package_subject

        if not folder and not path.is_file():
            raise SourceUnreadable(diag("OQ100", str(path), path=str(path)))
        pkg = open_folder(path) if folder else open_package(path)
        try:
            subject = package_subject(pkg, str(path))
            if der_type:  # --type overrides what the package says (an Oqu package records it)
                subject.der_type = der_type
            subject.syllabus = topics
            more, unchecked = run(subject, RULES)
        finally:
            pkg.close()
        if smoke:
            findings_smoke, smoke_json = _smoke(path, subject, smoke_budget)
            more.extend(findings_smoke)
    else:
        from oqu.packaging.pipeline import prepare

        if built is not None:
            diags, resource = built.diagnostics, built.resource
        else:
            diags = Diagnostics()
            prepared = prepare(path, diags)  # the very checks oqu build makes (media included)
            resource = prepared.resource if prepared is not None else None
        findings.extend(diags)
        if resource is None:  # the source could not be read: its errors are the findings
            subject = Subject(kind="source", name=str(path), location=Location(str(path)))
            return Report(subject, findings, [r.id for r in RULES], time.perf_counter() - start)
        subject = from_resource(resource, der_type=der_type)
        subject.name = str(path)
        subject.syllabus = topics
        more, unchecked = run(subject, RULES)
    findings.extend(more)
    return Report(subject, findings, unchecked, time.perf_counter() - start, smoke_json)


def _smoke(path: Path, subject: Subject, budget: float) -> tuple[list[Diagnostic], dict[str, Any]]:
    from oqu.smoke import FOLDER, NO_LAUNCH, SmokeResult, findings, run_smoke

    pkg = subject.package
    if path.is_dir():
        why = FOLDER
        result = SmokeResult("skipped", pkg.version if pkg else "", reason=why, budget=budget)
    elif pkg is None or not pkg.version or not pkg.launch or pkg.launch in _missing_launch(subject):
        why = NO_LAUNCH
        result = SmokeResult("skipped", pkg.version if pkg else "", reason=why, budget=budget)
    else:
        result = run_smoke(path, pkg.version, pkg.launch, budget=budget)
    return list(findings(result, subject.location)), result.to_json()


def _missing_launch(subject: Subject) -> set[str]:
    pkg = subject.package
    return {p[2].get("target", "") for p in pkg.problems if p[0] == "launch"} if pkg else set()
