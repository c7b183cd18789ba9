"""The workflow of a resource: its record, versions (upload, check and build jobs), review
(8.4, 10.2), publication (8.6–8.7), and the review player (lms_preview)."""
