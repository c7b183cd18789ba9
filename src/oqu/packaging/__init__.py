"""Turning a validated DER into web and SCORM packages."""
