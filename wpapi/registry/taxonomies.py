"""Taxonomies (register_taxonomy) and term meta (register_term_meta).

Core's category and post_tag are built in; a project adds its own in settings.WP_TAXONOMIES, e.g.
``{"genre": {"name": "Genres", "singular_name": "Genre", "rest_base": "genres",
"hierarchical": True, "object_types": ["post"]}}``; each gets a `/wp/v2/<rest_base>` route.
"""

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from wpapi.registry.post_types import get_post_type


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
    publicly_queryable: bool = True
    show_ui: bool = True
    show_admin_column: bool = False
    show_in_nav_menus: bool = True
    show_in_quick_edit: bool = True
    show_in_rest: bool = True
    #: the first path segment of term links (`/category/<slug>/`) and whether it nests parents
    rewrite_slug: str = ""
    rewrite_hierarchical: bool = False
    #: the viewset class serving the terms routes (WordPress's rest_controller_class), as a
    #: dotted path; empty: the terms controller (taxonomy.views.TermViewSet)
    rest_controller: str = ""
    capabilities: dict = field(default_factory=dict, compare=False, hash=False)
    #: labels given at registration (get_taxonomy_labels fills in the rest)
    given_labels: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def rest_namespace(self) -> str:
        return "wp/v2"

    @property
    def link_base(self) -> str:
        return self.rewrite_slug or self.slug

    @property
    def labels(self) -> dict[str, Any]:
        """get_taxonomy_labels(): the registered labels over the (non-)hierarchical defaults."""
        given = dict(self.given_labels)
        if "singular_name" not in given and "name" in given:
            given["singular_name"] = given["name"]
        given.setdefault("name_admin_bar", given.get("singular_name", self.slug))
        if "menu_name" not in given and "name" in given:
            given["menu_name"] = given["name"]
        if "all_items" not in given and "menu_name" in given:
            given["all_items"] = given["menu_name"]
        if "archives" not in given and "all_items" in given:
            given["archives"] = given["all_items"]
        column = 1 if self.hierarchical else 0
        labels = {key: pair[column] for key, pair in DEFAULT_LABELS.items()}
        labels["menu_name"] = labels["name"]
        labels.update(given)
        return labels


# WP_Taxonomy::get_default_labels(): (non-hierarchical, hierarchical), in WordPress's order.
_SLUG_HELP = (
    "The &#8220;slug&#8221; is the URL-friendly version of the name. It is usually all "
    "lowercase and contains only letters, numbers, and hyphens."
)
_NAME_HELP = "The name is how it appears on your site."
_DESC_HELP = "The description is not prominent by default; however, some themes may show it."
_PARENT_HELP = (
    "Assign a parent term to create a hierarchy. The term Jazz, for example, would be "
    "the parent of Bebop and Big Band."
)
DEFAULT_LABELS: dict[str, tuple[str | None, str | None]] = {
    "name": ("Tags", "Categories"),
    "singular_name": ("Tag", "Category"),
    "search_items": ("Search Tags", "Search Categories"),
    "popular_items": ("Popular Tags", None),
    "all_items": ("All Tags", "All Categories"),
    "parent_item": (None, "Parent Category"),
    "parent_item_colon": (None, "Parent Category:"),
    "name_field_description": (_NAME_HELP, _NAME_HELP),
    "slug_field_description": (_SLUG_HELP, _SLUG_HELP),
    "parent_field_description": (None, _PARENT_HELP),
    "desc_field_description": (_DESC_HELP, _DESC_HELP),
    "edit_item": ("Edit Tag", "Edit Category"),
    "view_item": ("View Tag", "View Category"),
    "update_item": ("Update Tag", "Update Category"),
    "add_new_item": ("Add New Tag", "Add New Category"),
    "new_item_name": ("New Tag Name", "New Category Name"),
    "separate_items_with_commas": ("Separate tags with commas", None),
    "add_or_remove_items": ("Add or remove tags", None),
    "choose_from_most_used": ("Choose from the most used tags", None),
    "not_found": ("No tags found.", "No categories found."),
    "no_terms": ("No tags", "No categories"),
    "filter_by_item": (None, "Filter by category"),
    "items_list_navigation": ("Tags list navigation", "Categories list navigation"),
    "items_list": ("Tags list", "Categories list"),
    "most_used": ("Most Used", "Most Used"),
    "back_to_items": ("&larr; Go to Tags", "&larr; Go to Categories"),
    "item_link": ("Tag Link", "Category Link"),
    "item_link_description": ("A link to a tag.", "A link to a category."),
}


def _caps(manage: str, edit: str, delete: str, assign: str) -> dict[str, str]:
    return {
        "manage_terms": manage,
        "edit_terms": edit,
        "delete_terms": delete,
        "assign_terms": assign,
    }


CORE_TAXONOMIES = {
    "category": Taxonomy(
        "category",
        "Categories",
        "Category",
        "categories",
        hierarchical=True,
        show_admin_column=True,
        rewrite_slug="category",
        rewrite_hierarchical=True,
        capabilities=_caps(
            "manage_categories", "edit_categories", "delete_categories", "assign_categories"
        ),
    ),
    "post_tag": Taxonomy(
        "post_tag",
        "Tags",
        "Tag",
        "tags",
        show_admin_column=True,
        rewrite_slug="tag",
        capabilities=_caps(
            "manage_post_tags", "edit_post_tags", "delete_post_tags", "assign_post_tags"
        ),
    ),
    # classic menus: terms whose objects are menu items, managed with edit_theme_options
    "nav_menu": Taxonomy(
        "nav_menu",
        "Navigation Menus",
        "Navigation Menu",
        "menus",
        object_types=("nav_menu_item",),
        show_cloud=False,
        public=False,
        publicly_queryable=False,
        show_ui=False,
        show_in_nav_menus=False,
        show_in_quick_edit=False,
        rest_controller="menus.views.MenuViewSet",
        capabilities=_caps(
            "edit_theme_options", "edit_theme_options", "edit_theme_options", "edit_theme_options"
        ),
        given_labels={"name": "Navigation Menus", "singular_name": "Navigation Menu"},
    ),
}

_FIELDS = set(Taxonomy.__dataclass_fields__)


_built: dict[str, Taxonomy] | None = None


def forget_taxonomies() -> None:
    global _built
    _built = None


def taxonomies() -> dict[str, Taxonomy]:
    """Every registered taxonomy (built once; callers must not change the dict)."""
    global _built
    if _built is None:
        _built = _build_taxonomies()
    return _built


def _build_taxonomies() -> dict[str, Taxonomy]:
    """Core's taxonomies, then the project's from settings.WP_TAXONOMIES."""
    found = dict(CORE_TAXONOMIES)
    for slug, options in getattr(settings, "WP_TAXONOMIES", {}).items():
        options = dict(options)
        name = options.pop("name", slug.title())
        singular = options.pop("singular_name", name)
        labels = {"name": name, "singular_name": singular, **options.pop("labels", {})}
        values: dict[str, Any] = {key: value for key, value in options.items() if key in _FIELDS}
        # register_taxonomy()'s cascade of defaults from `public` and `show_ui`.
        public = values.setdefault("public", True)
        values.setdefault("publicly_queryable", public)
        show_ui = values.setdefault("show_ui", public)
        values.setdefault("show_in_nav_menus", public)
        values.setdefault("show_in_quick_edit", show_ui)
        values.setdefault("show_cloud", show_ui)
        values["object_types"] = tuple(values.get("object_types", ("post",)))
        values.setdefault("rest_base", slug)
        values.setdefault(
            "capabilities",
            _caps("manage_categories", "manage_categories", "manage_categories", "edit_posts"),
        )
        found[slug] = Taxonomy(
            slug=slug, name=name, singular_name=singular, given_labels=labels, **values
        )
    return _with_post_type_links(found)


def _with_post_type_links(found: dict[str, Taxonomy]) -> dict[str, Taxonomy]:
    """register_post_type(taxonomies=[...]) adds the type to each taxonomy's object types."""
    from dataclasses import replace

    from wpapi.registry.post_types import post_types

    for post_type in post_types().values():
        for slug in post_type.taxonomies:
            taxonomy = found.get(slug)
            if taxonomy is not None and post_type.slug not in taxonomy.object_types:
                found[slug] = replace(
                    taxonomy, object_types=(*taxonomy.object_types, post_type.slug)
                )
    return found


def get_taxonomy(slug: str) -> Taxonomy | None:
    return taxonomies().get(slug)


#: taxonomies WordPress 6.1 registers without show_in_rest (link categories, post formats and
#: the site editor's two): they exist, so /wp/v2/taxonomies/<slug> refuses them (401/403)
#: where it answers 404 for a name nobody registered
UNSERVED_CORE_TAXONOMIES = ("link_category", "post_format", "wp_theme", "wp_template_part_area")


def taxonomy_exists(slug: str) -> bool:
    """taxonomy_exists(): registered here, or one of core's taxonomies kept out of REST."""
    return slug in taxonomies() or slug in UNSERVED_CORE_TAXONOMIES


def rest_taxonomies() -> list[Taxonomy]:
    """Taxonomies with show_in_rest: the ones with a terms route and a /taxonomies entry."""
    return [tax for tax in taxonomies().values() if tax.show_in_rest]


def taxonomies_for(post_type: str) -> list[Taxonomy]:
    return [tax for tax in taxonomies().values() if post_type in tax.object_types]


def type_taxonomies(slug: str) -> list[Taxonomy]:
    """get_object_taxonomies(): taxonomies registered for the type, plus those the type names
    in its own `taxonomies` (register_post_type's argument)."""
    registered, post_type = taxonomies(), get_post_type(slug)
    kept = _type_taxonomies.get(slug)
    if kept is not None and kept[0] is registered and kept[1] is post_type:
        return list(kept[2])  # made from the same registries (rebuilt ones make it again)
    found = list(taxonomies_for(slug))
    for name in post_type.taxonomies if post_type else ():
        taxonomy = get_taxonomy(name)
        if taxonomy is not None and taxonomy not in found:
            found.append(taxonomy)
    _type_taxonomies[slug] = (registered, post_type, tuple(found))
    return found


#: type_taxonomies() by post type, with the registry objects it was worked out from
_type_taxonomies: dict[str, tuple[Any, Any, tuple[Taxonomy, ...]]] = {}
