"""Demo terms, as the reference WordPress site has them (same names, slugs, descriptions and
hierarchy, created in the same order so IDs line up): categories Uncategorized (1), News, Tech
with children PHP and Python, Empty Category; tags alpha..epsilon and unused-tag. The content
demo attaches posts to them by slug."""

from taxonomy.models import Term
from taxonomy.services import default_category

CATEGORIES = [
    # slug, name, description, parent slug
    ("news", "News", "Announcements and news.", None),
    ("tech", "Tech", "Technology posts.", None),
    ("php", "PHP", "Child of Tech.", "tech"),
    ("python", "Python", "Child of Tech.", "tech"),
    ("empty-category", "Empty Category", "Has no posts.", None),
]
TAGS = ["alpha", "beta", "gamma", "delta", "epsilon"]


def seed() -> None:
    default_category()
    for slug, name, description, parent_slug in CATEGORIES:
        parent = Term.objects.get(taxonomy="category", slug=parent_slug) if parent_slug else None
        Term.objects.get_or_create(taxonomy="category", slug=slug, defaults={
            "name": name, "description": description, "parent": parent})
    for slug in TAGS:
        Term.objects.get_or_create(taxonomy="post_tag", slug=slug, defaults={
            "name": slug.title(), "description": f"Tag {slug}."})
    Term.objects.get_or_create(taxonomy="post_tag", slug="unused-tag", defaults={
        "name": "Unused tag", "description": "Tag unused-tag."})
