"""The demo terms match the reference site's, so responses compare 1:1."""

from taxonomy import demo
from taxonomy.models import Term


def test_demo_terms(api_client, ref_color_meta):
    demo.seed()
    demo.seed()  # idempotent
    body = api_client.get("/wp-json/wp/v2/categories", {"_fields": "slug,parent,meta"}).json()
    tech = Term.objects.get(slug="tech")
    assert body == [
        {"slug": "empty-category", "parent": 0, "meta": {"ref_color": ""}},
        {"slug": "news", "parent": 0, "meta": {"ref_color": "orange"}},
        {"slug": "php", "parent": tech.pk, "meta": {"ref_color": "purple"}},
        {"slug": "python", "parent": tech.pk, "meta": {"ref_color": "yellow"}},
        {"slug": "tech", "parent": 0, "meta": {"ref_color": "blue"}},
        {"slug": "uncategorized", "parent": 0, "meta": {"ref_color": ""}},
    ]
    tags = api_client.get("/wp-json/wp/v2/tags", {"_fields": "name,description"}).json()
    assert tags[-1] == {"name": "Unused tag", "description": "Tag unused-tag."}
    assert len(tags) == 6
