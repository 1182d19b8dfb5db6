"""What import_wordpress wrote, per source site: the ledger that makes an import idempotent."""

from django.db import models


class ImportedObject(models.Model):
    """One object of a WordPress site as import_wordpress wrote it: which local object holds
    it, and a checksum of what was written. A run compares checksums to skip what did not
    change, and tells its own objects from others that hold the same ID."""

    class Kind(models.TextChoices):
        USER = "user", "User"
        TERM = "term", "Term"
        POST = "post", "Post"
        COMMENT = "comment", "Comment"

    #: the source site's home URL
    source = models.CharField(max_length=255)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    #: the object's ID on the source site (or "taxonomy:slug" for a term a WXR file names only)
    source_key = models.CharField(max_length=255)
    object_id = models.BigIntegerField()
    checksum = models.CharField(max_length=40)
    #: a user's password hash as last imported, so a password changed here since is kept
    password_checksum = models.CharField(max_length=40, blank=True, default="")
    imported = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "source_key"], name="imported_object_unique"
            )
        ]
        indexes = [models.Index(fields=["kind", "object_id"], name="imported_kind_object")]

    def __str__(self) -> str:
        return f"{self.source} {self.kind} {self.source_key} -> {self.object_id}"
