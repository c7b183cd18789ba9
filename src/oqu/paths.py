"""Resolving an author's relative path safely inside the source folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path, PurePosixPath


class PathEscape(ValueError):
    """The path is absolute, climbs out with '..', or is a link pointing outside the root."""


def safe_path(root: Path, rel: str) -> Path:
    """Return ``root/rel`` resolved, or raise :class:`PathEscape` if it leaves ``root``.

    Refuses absolute paths, drive letters, backslashes used as separators, any ``..`` part, and
    symbolic links (anywhere on the way) whose target lies outside ``root``. The file need not
    exist; callers check that.
    """
    if not rel or "\\" in rel or "\x00" in rel:
        raise PathEscape(rel)
    p = PurePosixPath(rel)
    if p.is_absolute() or ".." in p.parts or (p.parts and ":" in p.parts[0]):
        raise PathEscape(rel)
    root_real = Path(os.path.realpath(root))
    target = Path(os.path.realpath(root_real.joinpath(*p.parts)))
    if target != root_real and root_real not in target.parents:
        raise PathEscape(rel)
    return target


def is_url(ref: str) -> bool:
    return ref.startswith(("http://", "https://", "mailto:", "tel:", "//"))


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all at once: a temporary file beside it, renamed into place, so
    a reader never sees half a file and a failure leaves the old one (mode 0644)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
