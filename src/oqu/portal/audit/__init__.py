"""The audit log (12): an append-only, hash-chained record of every state change."""
