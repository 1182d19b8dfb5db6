"""Taxonomies (register_taxonomy): core's category and post_tag, plus the project's own from
settings.WP_TAXONOMIES, e.g. ``{"genre": {"name": "Genres", "rest_base": "genres",
"hierarchical": True, "object_types": ["post"]}}``."""

from dataclasses import dataclass, field

from django.conf import settings


@dataclass(frozen=True)
class Taxonomy:
    slug: str
    name: str
    singular_name: str
    rest_base: str
    hierarchical: bool = False
    object_types: tuple[str, ...] = ("post",)
    description: str = ""
    show_cloud: bool = True
    public: bool = True
    capabilities: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def rest_namespace(self) -> str:
        return "wp/v2"


def _caps(manage: str, edit: str, delete: str, assign: str) -> dict[str, str]:
    return {"manage_terms": manage, "edit_terms": edit, "delete_terms": delete,
            "assign_terms": assign}


CORE_TAXONOMIES = {
    "category": Taxonomy("category", "Categories", "Category", "categories", hierarchical=True,
                         capabilities=_caps("manage_categories", "edit_categories",
                                            "delete_categories", "assign_categories")),
    "post_tag": Taxonomy("post_tag", "Tags", "Tag", "tags",
                         capabilities=_caps("manage_post_tags", "edit_post_tags",
                                            "delete_post_tags", "assign_post_tags")),
}


def taxonomies() -> dict[str, Taxonomy]:
    found = dict(CORE_TAXONOMIES)
    for slug, options in getattr(settings, "WP_TAXONOMIES", {}).items():
        options = {"name": slug.title(), "singular_name": slug.title(), "rest_base": slug,
                   **options}
        options["object_types"] = tuple(options.get("object_types", ("post",)))
        options.setdefault("capabilities", _caps("manage_categories", "manage_categories",
                                                 "manage_categories", "edit_posts"))
        found[slug] = Taxonomy(slug=slug, **options)
    return found


def get_taxonomy(slug: str) -> Taxonomy | None:
    return taxonomies().get(slug)


def taxonomies_for(post_type: str) -> list[Taxonomy]:
    return [tax for tax in taxonomies().values() if post_type in tax.object_types]
