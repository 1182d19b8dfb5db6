"""Writes on terms and the term rules other apps rely on."""

from taxonomy.models import Term


def default_category() -> Term:
    """The category a post gets when it has none (WordPress's default_category, "Uncategorized")."""
    term, _ = Term.objects.get_or_create(taxonomy="category", slug="uncategorized",
                                         defaults={"name": "Uncategorized"})
    return term
