"""Demo terms, as the reference WordPress site has them (same names, slugs, descriptions and
hierarchy, created in the same order so IDs line up): categories Uncategorized (1), News, Tech
with children PHP and Python, Empty Category; tags alpha..epsilon and unused-tag. The content
demo attaches posts to them by slug."""

from taxonomy.models import Term
from taxonomy.services import default_category

CATEGORIES = [
    # slug, name, description, parent slug, ref_color meta
    ("news", "News", "Announcements and news.", None, "orange"),
    ("tech", "Tech", "Technology posts.", None, "blue"),
    ("php", "PHP", "Child of Tech.", "tech", "purple"),
    ("python", "Python", "Child of Tech.", "tech", "yellow"),
    ("empty-category", "Empty Category", "Has no posts.", None, ""),
]
TAGS = ["alpha", "beta", "gamma", "delta", "epsilon"]


def seed() -> None:
    default_category()
    for slug, name, description, parent_slug, color in CATEGORIES:
        parent = Term.objects.get(taxonomy="category", slug=parent_slug) if parent_slug else None
        term, created = Term.objects.get_or_create(
            taxonomy="category",
            slug=slug,
            defaults={"name": name, "description": description, "parent": parent},
        )
        if created and color:
            # Shown only where a project registers it (settings.WP_TERM_META), as on the
            # reference site, which registers ref_color for categories.
            term.meta_entries.create(key="ref_color", value=color)
    for slug in TAGS:
        Term.objects.get_or_create(
            taxonomy="post_tag",
            slug=slug,
            defaults={"name": slug.title(), "description": f"Tag {slug}."},
        )
    Term.objects.get_or_create(
        taxonomy="post_tag",
        slug="unused-tag",
        defaults={"name": "Unused tag", "description": "Tag unused-tag."},
    )
