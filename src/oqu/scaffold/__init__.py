"""``oqu new``: a new DER source that follows the presentation template (form 02).

The templates are real files under ``templates/<lang>/`` (package data): ``der.yaml`` with every
field of form 02 filled by a placeholder, the module file ``01-lesson.md`` with the seven
interactive elements in form 02's order (process, animation, hierarchy, catalogue, tabs, map,
video) and the final test, and placeholder media in ``media/``. A fresh copy builds without
errors, so an author starts from a working DER and replaces the placeholders one by one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Final, Literal, get_args

__all__ = ["LANGUAGES", "Language", "create"]

Language = Literal["kk", "ru", "en"]
LANGUAGES: Final[tuple[Language, ...]] = get_args(Language)


def _template(lang: str) -> Traversable:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    return files(__name__) / "templates" / lang


def _copy_tree(src: Traversable, dst: Path, rel: Path, out: list[Path]) -> None:
    """Copy ``src`` into ``dst`` and record each file as ``rel``-relative path in ``out``."""
    for entry in sorted(src.iterdir(), key=lambda e: e.name):
        if entry.name.startswith(".") or entry.name == "__pycache__":
            continue
        if entry.is_dir():
            (dst / entry.name).mkdir()
            _copy_tree(entry, dst / entry.name, rel / entry.name, out)
        else:
            (dst / entry.name).write_bytes(entry.read_bytes())
            out.append(rel / entry.name)


def create(target: Path, lang: str) -> list[Path]:
    """Create ``target`` with a DER source in language ``lang`` (``kk``, ``ru`` or ``en``).

    The tree is built in a temporary folder beside ``target`` and renamed into place, so a
    failure never leaves a half-written source. ``target`` may be an empty folder, which is
    replaced.

    Returns the created files (paths under ``target``), sorted.

    Raises:
        FileExistsError: ``target`` exists and is not an empty folder; nothing is written.
        ValueError: ``lang`` is not one of :data:`LANGUAGES`.
    """
    template = _template(lang)
    target = Path(target)
    exists = target.exists() or target.is_symlink()
    if exists and (target.is_symlink() or not target.is_dir() or any(target.iterdir())):
        raise FileExistsError(target)
    parent = target.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
    try:
        rel: list[Path] = []
        _copy_tree(template, tmp, Path(), rel)
        for path in (tmp, *(tmp / r.parent for r in rel)):
            path.chmod(0o755)
        for r in rel:
            (tmp / r).chmod(0o644)
        try:
            if target.is_dir():
                target.rmdir()  # empty (checked above); fails if something appeared meanwhile
            os.rename(tmp, target)  # never replaces a file or a non-empty folder
        except OSError as e:
            raise FileExistsError(target) from e
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return sorted(target / r for r in rel)
