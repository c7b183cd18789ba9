"""Yearly plans (8.2): the plan, its items (discipline, DER type, authors, deadline), its
approval, and the deadline reminders."""
