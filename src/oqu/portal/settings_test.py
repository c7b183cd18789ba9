"""Settings for the portal's test suite (pytest-django): ``settings`` with test defaults.

Tasks run inline (Immediate backend), files go to a temporary folder removed at exit,
passwords hash fast. ``DATABASE_URL`` still chooses the database, so the same suite runs on
SQLite (default) and PostgreSQL (``DATABASE_URL=$DATABASE_URL_POSTGRES``, see docs/portal.md).
"""

import atexit
import os
import shutil
import tempfile

_tmp = tempfile.mkdtemp(prefix="oqu-portal-test-")
atexit.register(shutil.rmtree, _tmp, True)
os.environ.setdefault("SECRET_KEY", "test-only-key-" + "x" * 40)
os.environ["OQU_TASKS_BACKEND"] = "immediate"
os.environ["OQU_DATA_DIR"] = _tmp
os.environ.pop("OQU_S3_BUCKET", None)
os.environ.pop("OQU_MEDIA_ROOT", None)

from oqu.portal.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed; tests only
# Seconds of Chromium per submission: off, except in the tests that turn it on (test_smoke_job).
OQU_CHECK_SMOKE = "off"

# A file, not SQLite's shared in-memory database: the concurrency tests open real second
# connections, as the web and worker processes do in production.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(_tmp, "test.sqlite3")}  # noqa: F405
