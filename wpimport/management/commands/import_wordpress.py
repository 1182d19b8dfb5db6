"""`manage.py import_wordpress SOURCE`: move a WordPress site onto wpapi, keeping its IDs.

SOURCE is a WXR file (Tools > Export) or a WordPress database, mysql://user:pw@host:port/db.
"""

from django.core.management.base import BaseCommand, CommandError

from wpimport.loader import Importer, ImportOptions, ImportStopped
from wpimport.records import SourceError
from wpimport.sources.base import open_source


class Command(BaseCommand):
    help = (
        "Import a WordPress site from a WXR file or straight from its database "
        "(mysql://user:password@host:port/dbname), keeping the original IDs. Running it again "
        "changes only what changed at the source."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("source", help="a WXR file, or mysql://user:password@host:port/db")
        parser.add_argument(
            "--table-prefix", default="wp_", help="the database's table prefix (wp_)"
        )
        parser.add_argument(
            "--uploads",
            metavar="DIR",
            help="copy attachments' files from this wp-content/uploads folder",
        )
        parser.add_argument(
            "--fetch-media",
            action="store_true",
            help="download attachments' files from their URLs",
        )
        parser.add_argument(
            "--remap-ids",
            action="store_true",
            help="give new IDs to objects whose ID is taken here (instead of skipping them)",
        )
        parser.add_argument(
            "--map-file",
            default="wpimport-id-map.json",
            help="where --remap-ids writes the source ID -> new ID mapping",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would change, write nothing"
        )
        parser.add_argument("--batch-size", type=int, default=1000, help="objects per transaction")
        parser.add_argument(
            "--progress",
            action="store_true",
            default=None,
            help="show the progress bar even when not on a terminal",
        )
        parser.add_argument(
            "--no-progress", dest="progress", action="store_false", help="no progress bar"
        )

    def handle(self, *args, **options) -> None:
        if options["uploads"] and options["fetch_media"]:
            raise CommandError("--uploads and --fetch-media are two ways of doing one thing")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1")
        try:
            source = open_source(options["source"], table_prefix=options["table_prefix"])
        except SourceError as error:
            raise CommandError(
                f"{error}\nNothing was written: the database is as it was."
            ) from None
        try:
            importer = Importer(
                source,
                ImportOptions(
                    dry_run=options["dry_run"],
                    remap_ids=options["remap_ids"],
                    map_file=options["map_file"],
                    uploads=options["uploads"],
                    fetch_media=options["fetch_media"],
                    batch_size=options["batch_size"],
                    progress=options["progress"],
                ),
            )
            report = importer.run()
        except ImportStopped as stopped:
            raise CommandError(str(stopped)) from None
        finally:
            source.close()
        title = f"{'Dry run: nothing written. ' if options['dry_run'] else ''}Imported from "
        title += f"{source.label} ({source.site.url or 'no site URL'}):"
        self.stdout.write(report.render(title))
