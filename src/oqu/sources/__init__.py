"""Readers that turn a source into the content model, one module each: :mod:`oqu.sources.der`
(an Oqu source, Markdown + YAML), :mod:`oqu.sources.pptx` (PowerPoint), :mod:`oqu.sources.scorm`
(SCORM zips), :mod:`oqu.sources.syllabus` (syllabi).

The package itself imports nothing: a process that reads a SCORM zip (the smoke run's child,
``oqu check package.zip``) does not pay for markdown-it, YAML and the rules the DER reader needs.
"""
