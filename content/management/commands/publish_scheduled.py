"""`manage.py publish_scheduled`: publish scheduled posts whose date has come (for cron)."""

from django.core.management.base import BaseCommand

from content.scheduling import publish_due_posts


class Command(BaseCommand):
    help = "Publish every scheduled (future) post whose date has passed."

    def handle(self, *args, **options) -> None:
        count = publish_due_posts()
        self.stdout.write(f"Published {count} scheduled post(s).")
