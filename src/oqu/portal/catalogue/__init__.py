"""The public catalogue: published resources, searched and filtered, the news feed, the
register as CSV and XLSX (no log-in)."""
