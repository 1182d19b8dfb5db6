"""`manage.py openapi > openapi.json`: the API's OpenAPI 3.1 document (wpapi/openapi.py)."""

import json

from django.conf import settings
from django.core.management.base import BaseCommand

from wpapi.openapi import openapi_document


class Command(BaseCommand):
    help = "Print the OpenAPI 3.1 document of the REST API (the same as /openapi.json)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--site-url",
            default=settings.WP_SITE_URL or "http://127.0.0.1:8000",
            help="the server URL written in the document (default: WP_SITE_URL)",
        )

    def handle(self, *args, **options) -> None:
        document = openapi_document(options["site_url"].rstrip("/"))
        self.stdout.write(json.dumps(document, indent=2, ensure_ascii=False))
