"""Comments follow their post into and out of the trash (wp_trash_post_comments and
wp_untrash_post_comments), whoever moves the post: the REST API, the admin or a command."""

from typing import Any

from django.db.models import F

from comments.models import Comment


def post_saved(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    """A trashed post's comments become 'post-trashed'; they get their statuses back when it
    leaves the trash. One UPDATE, and only when the post is or was in the trash."""
    if created or not instance.status_changed:
        return
    comments = Comment.objects.filter(post_id=instance.pk)
    if instance.status == "trash":
        comments.exclude(status=Comment.Status.POST_TRASHED).update(
            status_before_post_trash=F("status"), status=Comment.Status.POST_TRASHED
        )
    else:
        comments.filter(status=Comment.Status.POST_TRASHED).update(
            status=F("status_before_post_trash"), status_before_post_trash=""
        )
