"""Terms of every taxonomy (wp_terms + wp_term_taxonomy), their posts, and term meta."""

from django.db import models

from wpapi.registry import Taxonomy, get_taxonomy


class Term(models.Model):
    """A term in one taxonomy (a category, a tag, or a term of a registered taxonomy)."""

    taxonomy = models.CharField(max_length=32)
    name = models.CharField(max_length=200)
    slug = models.CharField(max_length=200)
    description = models.TextField(blank=True, default="")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    term_group = models.IntegerField(default=0)
    #: WordPress's term_taxonomy.count: the published objects in the term, kept on every write
    #: (taxonomy.services.update_term_counts) rather than counted on read
    count = models.IntegerField(default=0)
    posts = models.ManyToManyField(
        "content.Post", through="TermRelationship", related_name="terms", blank=True
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["taxonomy", "slug"], name="term_unique_slug_per_taxonomy"
            )
        ]
        indexes = [models.Index(fields=["taxonomy", "name"], name="term_taxonomy_name")]
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def taxonomy_object(self) -> Taxonomy | None:
        return get_taxonomy(self.taxonomy)


class TermRelationship(models.Model):
    """A post's membership of a term (wp_term_relationships)."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="relationships")
    post = models.ForeignKey(
        "content.Post", on_delete=models.CASCADE, related_name="term_relationships"
    )
    term_order = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["term", "post"], name="term_relationship_unique")
        ]
        indexes = [models.Index(fields=["post", "term"], name="termrel_post_term")]

    def __str__(self) -> str:
        return f"{self.post_id} in {self.term_id}"


class TermMeta(models.Model):
    """One term meta value (wp_termmeta)."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="meta_entries")
    key = models.CharField(max_length=255)
    value = models.TextField(blank=True, default="")

    class Meta:
        indexes = [models.Index(fields=["term", "key"], name="termmeta_term_key")]

    def __str__(self) -> str:
        return f"{self.key}={self.value[:40]}"
