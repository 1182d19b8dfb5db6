"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wpapi.settings")

from wpapi import settings as _settings  # noqa: E402

_settings.refuse_dev_secret_key()
application = get_asgi_application()
