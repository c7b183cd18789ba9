"""Readers that turn a source into the content model, one module each: :mod:`oqu.sources.der`
(an Oqu source, Markdown + YAML), :mod:`oqu.sources.pptx` (PowerPoint), :mod:`oqu.sources.scorm`
(SCORM zips), :mod:`oqu.sources.syllabus` (syllabi).

The package itself imports nothing: a process that reads a SCORM zip (the smoke run's child,
``oqu check package.zip``) does not pay for markdown-it, YAML and the rules the DER reader needs.
The DER reader's names are still found here, loaded on first use (PEP 562 ``__getattr__``).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = ["apply_select", "detect_language", "load", "read_text", "slugify"]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'oqu.sources' has no attribute {name!r}")
    value = getattr(import_module("oqu.sources.der"), name)
    globals()[name] = value  # once loaded, a plain attribute
    return value
