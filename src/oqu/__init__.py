"""Oqu: digital educational resources — read a DER source, check it, package it as SCORM.

The public surface of the library; everything else may move. The portal and the CLI are
clients of these names.
"""

from oqu.diagnostics import Diagnostic, Diagnostics, Location, OquError, SourceUnreadable
from oqu.model import Metadata, Resource, metadata_json_schema
from oqu.packaging.pipeline import BuildResult, build
from oqu.sources import apply_select, load

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
    "load",
    "metadata_json_schema",
]
__version__ = "0.1.0"
