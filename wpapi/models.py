"""Site options (WordPress's wp_options): the few site-wide values the REST API reads and
/wp/v2/settings writes. The only model of the core: every app reads them through wpapi.site."""

from django.db import models


class Option(models.Model):
    """One site option, stored as JSON (title, posts_per_page, default_category, ...)."""

    name = models.CharField(max_length=191, unique=True)
    value = models.JSONField(null=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
