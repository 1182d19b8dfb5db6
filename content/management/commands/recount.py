"""Store every count WordPress stores again, and report the drift found: the terms' counts
(term_taxonomy.count) and the posts' comment counts (comment_count)."""

from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Recount term and comment counts and report how many were wrong."

    def handle(self, *args, **options) -> None:
        from comments.services import update_post_comment_count
        from taxonomy.services import update_term_counts
        from wpapi.cache import bump

        with transaction.atomic():
            terms = update_term_counts()
            posts = update_post_comment_count()
            # queryset updates send no signal: retire every kept total and cached answer
            bump()
        self.stdout.write(f"term counts corrected: {terms}\ncomment counts corrected: {posts}")
