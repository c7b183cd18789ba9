"""Oqu: digital educational resources — read a DER source, check it, package it as SCORM.

The public surface of the library; everything else may move. The portal and the CLI are
clients of these names.

The names are loaded on first use (PEP 562 ``__getattr__``): ``import oqu`` alone, and so the
``oqu`` command's start (``oqu --help``), does not pay for pydantic, Pillow, lxml or
markdown-it until a name that needs them is touched.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from oqu.diagnostics import Diagnostic, Diagnostics, Location, OquError, SourceUnreadable

if TYPE_CHECKING:
    from oqu.model import Metadata, Resource, metadata_json_schema
    from oqu.packaging.moodle import check_package_url, moodle_backup
    from oqu.packaging.pipeline import BuildResult, build
    from oqu.sources.der import apply_select, load

__all__ = [
    "BuildResult",
    "Diagnostic",
    "Diagnostics",
    "Location",
    "Metadata",
    "OquError",
    "Resource",
    "SourceUnreadable",
    "apply_select",
    "build",
    "check_package_url",
    "load",
    "metadata_json_schema",
    "moodle_backup",
]
__version__ = "0.1.0"

# name → the module that defines it, imported when the name is first asked for
_LAZY = {
    "BuildResult": "oqu.packaging.pipeline",
    "build": "oqu.packaging.pipeline",
    "Metadata": "oqu.model",
    "Resource": "oqu.model",
    "metadata_json_schema": "oqu.model",
    "apply_select": "oqu.sources.der",
    "check_package_url": "oqu.packaging.moodle",
    "moodle_backup": "oqu.packaging.moodle",
    "load": "oqu.sources.der",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'oqu' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # once loaded, a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
