"""WSGI entry point (gunicorn wpapi.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wpapi.settings")

from wpapi import settings as _settings  # noqa: E402

_settings.refuse_dev_secret_key()
application = get_wsgi_application()
