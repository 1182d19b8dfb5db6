"""Site options (WordPress's wp_options): the few site-wide values the REST API reads and
/wp/v2/settings writes (every app reads them through wpapi.site); and the content version."""

from django.db import models


class Option(models.Model):
    """One site option, stored as JSON (title, posts_per_page, default_category, ...)."""

    name = models.CharField(max_length=191, unique=True)
    value = models.JSONField(null=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ContentVersion(models.Model):
    """One row whose number goes up with every transaction that writes the site's content: what
    is derived from the content (a list's total) may be kept in a process under it, since every
    request reads the number afresh (wpapi.versions)."""

    version = models.BigIntegerField(default=1)

    def __str__(self) -> str:
        return str(self.version)


def overlong_fields(instance: models.Model, text_bytes: dict[str, int] | None = None) -> list[str]:
    """Fields of `instance` holding more text than their column takes: a CharField's max_length
    in characters, or for the fields in `text_bytes` that many bytes of UTF-8 (WordPress's TEXT
    columns). WordPress's wpdb refuses such a write with the resource's database error, and
    PostgreSQL would refuse it with a server error: services check first."""
    found = []
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if not isinstance(value, str):
            continue
        if isinstance(field, models.CharField) and field.max_length:
            size, limit = len(value), field.max_length
        elif text_bytes and field.name in text_bytes:
            size, limit = len(value.encode("utf-8", "surrogatepass")), text_bytes[field.name]
        else:
            continue
        if size > limit:
            found.append(field.name)
    return found
