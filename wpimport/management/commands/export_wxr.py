"""`manage.py export_wxr FILE`: the site as a WXR 1.2 file WordPress's importer reads."""

import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wpimport.export import WXRWriter


class Command(BaseCommand):
    help = (
        "Write the site as a WXR 1.2 file (WordPress's Tools > Export format) that WordPress's "
        "importer reads, or import_wordpress on another wpapi. FILE '-' writes to stdout."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="where to write the WXR file ('-' for stdout)")
        parser.add_argument(
            "--site-url",
            default=None,
            help="the site's address in links and GUIDs (default: WP_SITE_URL)",
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help="only what WordPress's exporter writes: no other users, revisions, spam "
            "comments or user profiles",
        )

    def handle(self, *args, **options) -> None:
        site_url = options["site_url"] or settings.WP_SITE_URL
        if not site_url:
            raise CommandError("say where the site lives: --site-url or WP_SITE_URL")
        try:
            out = (
                sys.stdout
                if options["file"] == "-"
                else open(options["file"], "w", encoding="utf-8")  # noqa: SIM115
            )
        except OSError as error:
            raise CommandError(f"{options['file']}: cannot be written: {error}") from None
        try:
            counts = WXRWriter(out, site_url=site_url, strict=options["strict"]).write()
        finally:
            if out is not sys.stdout:
                out.close()
        if options["file"] != "-":
            summary = ", ".join(f"{n} {kind}" for kind, n in counts.items())
            self.stdout.write(f"Wrote {options['file']}: {summary}.")
