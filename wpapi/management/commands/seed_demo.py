"""`manage.py seed_demo`: demo content, once. Each app contributes through `<app>/demo.py`."""

from importlib import import_module
from importlib.util import find_spec
from io import StringIO

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

# Users first (authors), then terms, then content that uses them, then comments on it, then
# the menus linking to all of it.
ORDER = ["users", "taxonomy", "content", "comments", "menus"]


class Command(BaseCommand):
    help = "Load the demo site (users, categories, tags, posts, pages, comments) if it is empty."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force", action="store_true", help="Seed even if demo content was loaded before."
        )

    def handle(self, *args, **options) -> None:
        from content.models import Post

        if Post.objects.exists() and not options["force"]:
            self.stdout.write("Demo content is already there; nothing to do.")
            return
        labels = [a.label for a in apps.get_app_configs()]
        with transaction.atomic():
            for label in sorted(labels, key=lambda x: ORDER.index(x) if x in ORDER else 99):
                if label in ORDER and find_spec(f"{label}.demo") is not None:
                    import_module(f"{label}.demo").seed()
            call_command("recount", stdout=StringIO())  # the demo writes rows in bulk
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
