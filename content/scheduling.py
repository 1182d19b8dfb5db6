"""Scheduled posts go live when their date comes (WordPress's publish_future_post cron event).

WordPress runs its cron on page loads; so does this: at most once every CHECK_SECONDS per
process, a request first publishes every post whose scheduled date has passed. Sites that want
it to the second can also run `manage.py publish_scheduled` from cron.
"""

import time
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

CHECK_SECONDS = 15
_last_check = 0.0


def publish_due_posts() -> int:
    """Publish every `future` post whose date has passed; returns how many went live."""
    from content.models import Post

    due = Post.objects.filter(status=Post.Status.FUTURE, date__lte=timezone.now())
    # Most checks find nothing due; only a check that does takes a write transaction (on SQLite
    # a write transaction waits for, and holds up, every other writer of the site).
    if not due.exists():
        return 0
    return _publish(due)


@transaction.atomic
def _publish(due: QuerySet) -> int:
    """Publish `due` (re-read under a row lock, so two processes cannot both publish it)."""
    from content.models import Post
    from wpapi.cache import bump

    due = list(due.select_for_update())
    for post in due:
        post.status = Post.Status.PUBLISH
        post.save(update_fields=["status"])
    if due:
        bump()
    return len(due)


def publish_due_posts_now_and_then(**_: Any) -> None:
    """request_started receiver: the check runs at most once every CHECK_SECONDS."""
    global _last_check
    if not getattr(settings, "WP_PUBLISH_SCHEDULED_ON_REQUEST", True):
        return
    now = time.monotonic()
    if now - _last_check < CHECK_SECONDS:
        return
    _last_check = now
    publish_due_posts()
