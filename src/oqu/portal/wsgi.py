"""WSGI entry point: ``gunicorn oqu.portal.wsgi`` (docs/deployment.md)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oqu.portal.settings")
application = get_wsgi_application()
