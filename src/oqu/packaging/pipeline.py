"""``oqu build``: load → select → validate → resolve media → render → package → write.

Everything is gathered and checked in memory first; only a build without errors writes, and it
writes atomically (a temporary file or folder renamed into place), so a failed build never
leaves partial output and never harms the previous one. Output is deterministic: sorted zip
entries, fixed timestamps and permissions, stable ids — the same source gives byte-identical
packages.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from oqu.diagnostics import Diagnostics
from oqu.model.content import Resource
from oqu.packaging.manifest import PackageInfo, scorm12_manifest, scorm2004_manifest
from oqu.packaging.media import process_media
from oqu.packaging.moodle import URL_PROBLEMS, check_package_url, moodle_backup
from oqu.packaging.site import Package, player_files, render_index
from oqu.paths import write_atomic
from oqu.scorm import schema_files
from oqu.sources.der import apply_select, load

Format = Literal["scorm12", "scorm2004", "web", "moodle"]
FORMATS: tuple[Format, ...] = ("scorm12", "scorm2004", "web", "moodle")
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
# Already-compressed media are stored, not deflated again: faster, and no smaller when deflated.
_STORED = (
    ".png",
    ".jpg",
    ".jpeg",
    ".webp",
    ".gif",
    ".mp4",
    ".webm",
    ".mp3",
    ".ogg",
    ".m4a",
    ".opus",
)


@dataclass(slots=True)
class Prepared:
    """A source that passed every check a build makes: the resource and its media, ready."""

    resource: Resource
    media: dict[str, bytes]


def prepare(src: Path, diags: Diagnostics, select: Sequence[str] = ()) -> Prepared | None:
    """Load → select → resolve, check and prepare media: every diagnostic a build can raise.

    ``oqu build`` and ``oqu check`` both call this, so check never passes a source that build
    refuses (media paths leaving the folder, symbolic links, SVG with entities, image bombs:
    OQ106–OQ109). Returns ``None`` when the source cannot be read at all; otherwise the
    resource even when ``diags`` holds errors (the checker still runs its rules on it)."""
    resource = load(src, diags)
    if resource is None:
        return None
    if select:  # one category of learners (10.8.2)
        resource = apply_select(resource, list(select), diags)
    media = process_media(Path(resource.root), resource.media, diags)
    return Prepared(resource, media)


@dataclass(slots=True)
class BuildResult:
    diagnostics: Diagnostics
    outputs: list[Path] = field(default_factory=list)
    resource: Resource | None = None

    @property
    def ok(self) -> bool:
        return not self.diagnostics.has_errors


def output_names(slug: str) -> dict[Format, str]:
    return {
        "scorm12": f"{slug}-scorm12.zip",
        "scorm2004": f"{slug}-scorm2004.zip",
        "web": f"{slug}-web",
        "moodle": f"{slug}-moodle.mbz",
    }


def verify_source(src: Path, diags: Diagnostics) -> None:
    """What ``oqu build`` checks before it writes anything: the source loads, its media pass."""
    resource = load(src, diags)
    if resource is not None:
        process_media(Path(resource.root), resource.media, diags)


def build(
    src: Path,
    out: Path,
    formats: Iterable[Format] = FORMATS,
    select: Sequence[str] = (),
    package_url: str | None = None,
) -> BuildResult:
    """Build ``src`` into ``out``. Raises :class:`~oqu.diagnostics.SourceUnreadable` only.

    ``package_url``: the Moodle backup's activity downloads its package from this address
    (auto-update every time it is used) instead of holding it; ``ValueError`` when it is not
    an http(s) address (:func:`oqu.packaging.moodle.check_package_url`).
    """
    if package_url is not None and (problem := check_package_url(package_url)):
        raise ValueError(f"package URL {package_url!r}: {URL_PROBLEMS[problem].en}")
    diags = Diagnostics()
    result = BuildResult(diags)
    # 1. load and validate the source, 2. select units, 3. resolve, check and prepare media
    prepared = prepare(src, diags, select)
    if prepared is None:
        return result
    resource, media = prepared.resource, prepared.media
    result.resource = resource
    if diags.has_errors:
        return result
    # 4. render and 5. package, all in memory
    common = dict(sorted([*player_files(), *media.items()]))
    names = output_names(resource.slug)
    outputs: list[tuple[Path, bytes | dict[str, bytes]]] = []
    zips: dict[Package, bytes] = {}
    for fmt in sorted(set(formats)):
        if fmt == "moodle":
            # the activity holds the SCORM 1.2 package, byte for byte the scorm12 output
            if "scorm12" not in zips:
                files = {"index.html": render_index(resource, "scorm12", media), **common}
                zips["scorm12"] = _scorm_zip(resource, "scorm12", files)
            mbz = moodle_backup(
                resource, zips["scorm12"], names["scorm12"], package_url=package_url
            )
            outputs.append((out / names[fmt], mbz))
            continue
        if fmt in zips:  # the SCORM 1.2 package the Moodle backup holds, already made
            outputs.append((out / names[fmt], zips[fmt]))
            continue
        files = {"index.html": render_index(resource, fmt, media), **common}
        if fmt == "web":
            outputs.append((out / names[fmt], files))
        else:
            zips[fmt] = _scorm_zip(resource, fmt, files)
            outputs.append((out / names[fmt], zips[fmt]))
    # 6. write atomically
    out.mkdir(parents=True, exist_ok=True)
    for path, content in outputs:
        if isinstance(content, bytes):
            write_atomic(path, content)
        else:
            _write_folder(path, content)
        result.outputs.append(path)
    return result


def _package_info(r: Resource, files: Iterable[str]) -> PackageInfo:
    final = next((q for q in r.quizzes() if q.final), None)
    m = r.meta
    return PackageInfo(
        identifier=f"oqu-{r.slug}",
        title=m.title,
        language=m.language,
        description=m.description or f"{m.discipline}. {m.title}",
        keywords=tuple(m.keywords),
        version=m.version,
        files=tuple(sorted(files)),
        # The pass mark goes in whatever `completion` says: the LMS's grade to pass and its
        # passed/failed come from it (issue 13).
        mastery_score=final.pass_mark if final else None,
    )


def _scorm_zip(r: Resource, fmt: Package, files: dict[str, bytes]) -> bytes:
    info = _package_info(r, files)
    manifest = scorm12_manifest(info) if fmt == "scorm12" else scorm2004_manifest(info)
    entries = {
        **files,
        **dict(schema_files("scorm12" if fmt == "scorm12" else "scorm2004")),
        "imsmanifest.xml": manifest,
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name in sorted(entries):
            zi = zipfile.ZipInfo(name, ZIP_DATE)
            zi.external_attr = 0o644 << 16
            zi.create_system = 3
            stored = name.lower().endswith(_STORED)
            zi.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            z.writestr(zi, entries[name], compresslevel=None if stored else 6)
    return buf.getvalue()


def _write_folder(path: Path, files: dict[str, bytes]) -> None:
    """Write into a fresh temporary folder, then swap it in with two renames."""
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    try:
        for name, data in files.items():
            target = tmp / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        tmp.chmod(0o755)
        old = None
        if path.exists():
            old = path.with_name(f".{path.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(path, old)
        os.replace(tmp, path)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
