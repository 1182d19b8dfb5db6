"""Comments (wp_comments) and comment meta (wp_commentmeta)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Comment(models.Model):
    """A WordPress comment, pingback or trackback on a post (wp_comments).

    `status` holds WordPress's comment_approved values ('1', '0', 'spam', 'trash'); the API
    shows them as approved / hold / spam / trash. `date` is stored in UTC; the site-local `date`
    field of the API is derived from it with the site timezone.
    """

    class Status(models.TextChoices):
        APPROVED = "1", "Approved"
        HOLD = "0", "Pending"
        SPAM = "spam", "Spam"
        TRASH = "trash", "Trash"
        POST_TRASHED = "post-trashed", "Post trashed"

    post = models.ForeignKey("content.Post", on_delete=models.CASCADE, related_name="comments")
    #: the comment replied to; WordPress keeps replies when their parent is deleted (they point
    #: at a missing parent), so no cascade here: services re-parent them first.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    author_name = models.CharField(max_length=245, blank=True, default="")
    author_email = models.CharField(max_length=100, blank=True, default="")
    author_url = models.CharField(max_length=200, blank=True, default="")
    author_ip = models.CharField(max_length=100, blank=True, default="")
    author_user_agent = models.CharField(max_length=255, blank=True, default="")
    date = models.DateTimeField(default=timezone.now)
    content = models.TextField(blank=True, default="")
    karma = models.IntegerField(default=0)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.HOLD)
    type = models.CharField(max_length=20, default="comment")
    #: the status a trashed or spammed comment had (WordPress's _wp_trash_meta_status)
    previous_status = models.CharField(max_length=20, blank=True, default="")
    #: the status the comment had before its post went to the trash (WordPress keeps these in
    #: the post's _wp_trash_meta_comments_status); restored when the post leaves the trash
    status_before_post_trash = models.CharField(max_length=20, blank=True, default="")

    class Meta:
        indexes = [
            models.Index(fields=["post", "status", "date"], name="comment_post_status_date"),
            models.Index(fields=["status", "date"], name="comment_status_date"),
            models.Index(fields=["parent"], name="comment_parent"),
            models.Index(fields=["author_email"], name="comment_author_email"),
        ]
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.author_name or 'Anonymous'} on {self.post_id}: {self.content[:40]}"

    @property
    def api_status(self) -> str:
        """The status as the REST API shows it."""
        return {"1": "approved", "0": "hold"}.get(self.status, self.status)


class CommentMeta(models.Model):
    """One comment meta value (wp_commentmeta); a key may hold several rows."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="meta_entries")
    key = models.CharField(max_length=255)
    value = models.TextField(blank=True, default="")

    class Meta:
        indexes = [models.Index(fields=["comment", "key"], name="commentmeta_comment_key")]
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.key}={self.value[:40]}"
