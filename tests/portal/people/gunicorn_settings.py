"""The production settings (``oqu.portal.settings``, as docs/deployment.md runs them) for the
real-gunicorn throttle tests, with one change: passwords hash fast. Production's PBKDF2 costs
about half a second of CPU per hash, and those tests hash ~70 times (26 seeded accounts, every
sign-in attempt) — half a minute of a 2-core machine spent on what the throttles do not depend
on. Everything the tests are about (``OQU_TRUSTED_PROXIES``, the forwarded headers, the
throttle rows in the database) is production's own."""

from oqu.portal.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # tests only
