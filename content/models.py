"""WordPress content: one table for every post type (wp_posts), and post meta (wp_postmeta)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from wpapi.registry import PostType, get_post_type


class OrderedJSONField(models.JSONField):
    """JSON kept as written: PostgreSQL's `json` type (not `jsonb`, which sorts keys), because
    WordPress's attachment metadata is answered in the order it was generated."""

    def db_type(self, connection):  # noqa: ANN001, ANN201 - Django's signature
        if connection.vendor == "postgresql":
            return "json"
        return super().db_type(connection)

    def get_db_prep_value(self, value, connection, prepared=False):  # noqa: ANN001, ANN201
        if connection.vendor == "postgresql" and value is not None:
            from psycopg.types.json import Json

            return Json(value)  # sent as `json`: a `jsonb` parameter would be re-sorted first
        return super().get_db_prep_value(value, connection, prepared)

    def from_db_value(self, value, expression, connection):  # noqa: ANN001, ANN201
        if isinstance(value, dict | list):  # psycopg decodes `json` itself, in order
            return value
        return super().from_db_value(value, expression, connection)


class Post(models.Model):
    """A WordPress post of any type: post, page, attachment, revision or a registered type.

    One table, so IDs are shared across types (featured_media, parent and revisions point into
    one ID space), as in WordPress. `date` is stored in UTC; the site-local `date` field of the
    API is derived from it with the site timezone.
    """

    class Status(models.TextChoices):
        PUBLISH = "publish", "Published"
        FUTURE = "future", "Scheduled"
        DRAFT = "draft", "Draft"
        PENDING = "pending", "Pending"
        PRIVATE = "private", "Private"
        TRASH = "trash", "Trash"
        AUTO_DRAFT = "auto-draft", "Auto draft"
        INHERIT = "inherit", "Inherit"

    class Type(models.TextChoices):
        POST = "post", "Post"
        PAGE = "page", "Page"
        ATTACHMENT = "attachment", "Attachment"
        REVISION = "revision", "Revision"

    type = models.CharField(max_length=20, default=Type.POST)
    status = models.CharField(max_length=20, default=Status.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
    )
    date = models.DateTimeField(default=timezone.now)
    #: False while a draft has no date of its own (WordPress's 0000-00-00 post_date_gmt)
    date_gmt_set = models.BooleanField(default=True)
    modified = models.DateTimeField(default=timezone.now)
    title = models.TextField(blank=True, default="")
    content = models.TextField(blank=True, default="")
    excerpt = models.TextField(blank=True, default="")
    slug = models.CharField(max_length=200, blank=True, default="")
    password = models.CharField(max_length=255, blank=True, default="")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    menu_order = models.IntegerField(default=0)
    comment_status = models.CharField(max_length=20, default="open")
    ping_status = models.CharField(max_length=20, default="open")
    sticky = models.BooleanField(default=False)
    format = models.CharField(max_length=20, default="standard")
    template = models.CharField(max_length=255, blank=True, default="")
    guid = models.CharField(max_length=255, blank=True, default="")
    comment_count = models.IntegerField(default=0)
    #: the attachment shown as the post's image (WordPress's _thumbnail_id meta)
    featured_media = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="featured_in"
    )
    #: the status a trashed post had (WordPress's _wp_trash_meta_status), restored on untrash
    trashed_from_status = models.CharField(max_length=20, blank=True, default="")
    # Attachments
    mime_type = models.CharField(max_length=100, blank=True, default="")
    file = models.FileField(upload_to="%Y/%m/", blank=True, max_length=255)
    alt_text = models.TextField(blank=True, default="")
    media_details = OrderedJSONField(default=dict, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["type", "status", "-date", "-id"], name="post_type_status_date_id"
            ),
            models.Index(fields=["slug"], name="post_slug"),
            # wp_unique_post_slug's `slug LIKE 'base-%'` as an index range (PostgreSQL)
            models.Index(
                fields=["slug"], name="post_slug_prefix", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(fields=["author", "type"], name="post_author_type"),
            models.Index(fields=["parent", "type"], name="post_parent_type"),
        ]
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return self.title or f"{self.type} {self.pk}"

    def save(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().save(*args, **kwargs)  # post_save receivers still see the status it had
        self.stored_status = self.status

    @classmethod
    def from_db(cls, db, field_names, values):  # noqa: ANN001, ANN206 - Django's signature
        post = super().from_db(db, field_names, values)
        post.stored_status = post.__dict__.get("status")  # what transition_post_status compares
        return post

    @property
    def type_object(self) -> PostType | None:
        return get_post_type(self.type)

    @property
    def status_changed(self) -> bool:
        """Whether `status` differs from what was read from the database (always true for a
        post not read from it). The stored counts follow status transitions."""
        return getattr(self, "stored_status", None) != self.status


class PostMeta(models.Model):
    """One post meta value (wp_postmeta); a key may hold several rows."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="meta_entries")
    key = models.CharField(max_length=255)
    value = models.TextField(blank=True, default="")

    class Meta:
        indexes = [models.Index(fields=["post", "key"], name="postmeta_post_key")]
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.key}={self.value[:40]}"
