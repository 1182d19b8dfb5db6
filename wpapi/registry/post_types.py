"""Post types and post statuses (register_post_type / register_post_status).

Core's types and statuses are built in; a project adds its own in settings.WP_POST_TYPES, e.g.
``{"book": {"name": "Books", "rest_base": "books", "hierarchical": False}}``, and each gets a
`/wp/v2/<rest_base>` route like posts.
"""

from dataclasses import dataclass, field

from django.conf import settings


@dataclass(frozen=True)
class PostType:
    slug: str
    name: str
    singular_name: str
    rest_base: str = ""
    description: str = ""
    hierarchical: bool = False
    show_in_rest: bool = True
    capability_type: str = "post"
    supports: tuple[str, ...] = ("title", "editor", "author", "excerpt", "comments", "revisions")
    taxonomies: tuple[str, ...] = ()
    icon: str | None = None
    viewable: bool = True
    #: whether WordPress makes an admin screen for it (shown in /wp/v2/types' visibility)
    show_ui: bool = True
    #: the viewset class serving the type's routes (WordPress's rest_controller_class), as a
    #: dotted path; empty: the posts controller (content.views.PostViewSet)
    rest_controller: str = ""
    labels: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class PostStatus:
    slug: str
    name: str
    public: bool = False
    private: bool = False
    protected: bool = False
    queryable: bool = False
    show_in_list: bool = True
    date_floating: bool = False
    internal: bool = False


def _post_labels(name: str, singular: str, **given: str | None) -> dict[str, str | None]:
    """get_post_type_labels() for a core type registered with a few labels of its own: the
    posts' defaults, in WordPress's order, under the given ones."""
    labels: dict[str, str | None] = {
        "name": name,
        "singular_name": singular,
        "add_new": "Add New",
        "add_new_item": "Add New Post",
        "edit_item": "Edit Post",
        "new_item": "New Post",
        "view_item": "View Post",
        "view_items": "View Posts",
        "search_items": "Search Posts",
        "not_found": "No posts found.",
        "not_found_in_trash": "No posts found in Trash.",
        "parent_item_colon": None,
        "all_items": "All Posts",
        "archives": "Post Archives",
        "attributes": "Post Attributes",
        "insert_into_item": "Insert into post",
        "uploaded_to_this_item": "Uploaded to this post",
        "featured_image": "Featured image",
        "set_featured_image": "Set featured image",
        "remove_featured_image": "Remove featured image",
        "use_featured_image": "Use as featured image",
        "filter_items_list": "Filter posts list",
        "filter_by_date": "Filter by date",
        "items_list_navigation": "Posts list navigation",
        "items_list": "Posts list",
        "item_published": "Post published.",
        "item_published_privately": "Post published privately.",
        "item_reverted_to_draft": "Post reverted to draft.",
        "item_scheduled": "Post scheduled.",
        "item_updated": "Post updated.",
        "item_link": "Post Link",
        "item_link_description": "A link to a post.",
        "menu_name": name,
        "name_admin_bar": singular,
    }
    labels.update(given)
    return labels


CORE_TYPES = {
    "post": PostType(
        "post",
        "Posts",
        "Post",
        rest_base="posts",
        icon="dashicons-admin-post",
        supports=(
            "title",
            "editor",
            "author",
            "thumbnail",
            "excerpt",
            "trackbacks",
            "custom-fields",
            "comments",
            "revisions",
            "post-formats",
        ),
        taxonomies=("category", "post_tag"),
    ),
    "page": PostType(
        "page",
        "Pages",
        "Page",
        rest_base="pages",
        hierarchical=True,
        capability_type="page",
        icon="dashicons-admin-page",
        supports=(
            "title",
            "editor",
            "author",
            "thumbnail",
            "page-attributes",
            "custom-fields",
            "comments",
            "revisions",
        ),
    ),
    "attachment": PostType(
        "attachment",
        "Media",
        "Media",
        rest_base="media",
        icon="dashicons-admin-media",
        supports=("title", "author", "comments"),
    ),
    # classic menus' items (wp_update_nav_menu_item): their own controller (menus.views), and
    # every primitive capability is edit_theme_options
    "nav_menu_item": PostType(
        "nav_menu_item",
        "Navigation Menu Items",
        "Navigation Menu Item",
        rest_base="menu-items",
        capability_type="edit_theme_options",
        supports=("title", "editor"),
        taxonomies=("nav_menu",),
        viewable=False,
        show_ui=False,
        rest_controller="menus.views.MenuItemViewSet",
        labels=_post_labels(
            "Navigation Menu Items",
            "Navigation Menu Item",
            all_items="Navigation Menu Items",
            archives="Navigation Menu Items",
            menu_name="Navigation Menu Items",
        ),
    ),
    # reusable blocks: edited and read (raw) in the block editor, never shown on the site
    "wp_block": PostType(
        "wp_block",
        "Reusable blocks",
        "Reusable block",
        rest_base="blocks",
        capability_type="block",
        supports=("title", "editor", "revisions"),
        viewable=False,
        labels={
            "name": "Reusable blocks",
            "singular_name": "Reusable block",
            "add_new": "Add New",
            "add_new_item": "Add new Reusable block",
            "edit_item": "Edit Reusable block",
            "new_item": "New Reusable block",
            "view_item": "View Reusable block",
            "view_items": "View Posts",
            "search_items": "Search Reusable blocks",
            "not_found": "No reusable blocks found.",
            "not_found_in_trash": "No reusable blocks found in Trash.",
            "parent_item_colon": None,
            "all_items": "All Reusable blocks",
            "archives": "All Reusable blocks",
            "attributes": "Post Attributes",
            "insert_into_item": "Insert into post",
            "uploaded_to_this_item": "Uploaded to this post",
            "featured_image": "Featured image",
            "set_featured_image": "Set featured image",
            "remove_featured_image": "Remove featured image",
            "use_featured_image": "Use as featured image",
            "filter_items_list": "Filter reusable blocks list",
            "filter_by_date": "Filter by date",
            "items_list_navigation": "Reusable blocks list navigation",
            "items_list": "Reusable blocks list",
            "item_published": "Reusable block published.",
            "item_published_privately": "Reusable block published privately.",
            "item_reverted_to_draft": "Reusable block reverted to draft.",
            "item_scheduled": "Reusable block scheduled.",
            "item_updated": "Reusable block updated.",
            "item_link": "Post Link",
            "item_link_description": "A link to a post.",
            "menu_name": "Reusable blocks",
            "name_admin_bar": "Reusable block",
        },
    ),
    # block-based menus (the Navigation block), served by the posts controller
    "wp_navigation": PostType(
        "wp_navigation",
        "Navigation Menus",
        "Navigation Menu",
        rest_base="navigation",
        description="Navigation menus that can be inserted into your site.",
        capability_type="edit_theme_options",
        supports=("title", "editor", "revisions"),
        viewable=False,
        labels=_post_labels(
            "Navigation Menus",
            "Navigation Menu",
            add_new_item="Add New Navigation Menu",
            edit_item="Edit Navigation Menu",
            new_item="New Navigation Menu",
            view_item="View Navigation Menu",
            search_items="Search Navigation Menus",
            not_found="No Navigation Menu found.",
            not_found_in_trash="No Navigation Menu found in Trash.",
            parent_item_colon="Parent Navigation Menu:",
            all_items="Navigation Menus",
            archives="Navigation Menu archives",
            insert_into_item="Insert into Navigation Menu",
            uploaded_to_this_item="Uploaded to this Navigation Menu",
            filter_items_list="Filter Navigation Menu list",
            items_list_navigation="Navigation Menus list navigation",
            items_list="Navigation Menus list",
            menu_name="Navigation Menus",
        ),
    ),
    "revision": PostType(
        "revision",
        "Revisions",
        "Revision",
        show_in_rest=False,
        viewable=False,
        supports=("author",),
    ),
}

STATUSES = {
    "publish": PostStatus("publish", "Published", public=True, queryable=True),
    "future": PostStatus("future", "Scheduled", protected=True),
    "draft": PostStatus("draft", "Draft", protected=True, date_floating=True),
    "pending": PostStatus("pending", "Pending", protected=True, date_floating=True),
    "private": PostStatus("private", "Private", private=True),
    "trash": PostStatus("trash", "Trash", internal=True, show_in_list=False),
    "auto-draft": PostStatus(
        "auto-draft", "auto-draft", internal=True, show_in_list=False, date_floating=True
    ),
    "inherit": PostStatus("inherit", "inherit", internal=True, show_in_list=False),
}


#: types registered in code (register_post_type), e.g. from an AppConfig.ready()
REGISTERED_TYPES: dict[str, dict] = {}
#: statuses registered in code (register_post_status)
REGISTERED_STATUSES: dict[str, PostStatus] = {}


def register_post_type(slug: str, **options: object) -> None:
    """register_post_type(): a type with its own /wp/v2/<rest_base> route. Call it before the
    URLs load (an AppConfig.ready()); the same options as settings.WP_POST_TYPES."""
    REGISTERED_TYPES[slug] = dict(options)
    from wpapi.registry import forget

    forget()


def register_post_status(slug: str, name: str, **options: bool) -> None:
    """register_post_status(): a status shown by /wp/v2/statuses (unless internal)."""
    REGISTERED_STATUSES[slug] = PostStatus(slug, name, **options)


_built_types: dict[str, PostType] | None = None


def forget_post_types() -> None:
    global _built_types
    _built_types = None


def post_types() -> dict[str, PostType]:
    """Every registered post type (built once; callers must not change the dict)."""
    global _built_types
    if _built_types is None:
        _built_types = _build_post_types()
    return _built_types


def _build_post_types() -> dict[str, PostType]:
    """Core's types, then the project's (settings.WP_POST_TYPES, then register_post_type())."""
    types = dict(CORE_TYPES)
    declared = {**getattr(settings, "WP_POST_TYPES", {}), **REGISTERED_TYPES}
    for slug, options in declared.items():
        options = {
            "name": slug.title(),
            "singular_name": slug.title(),
            "rest_base": slug,
            **options,
        }
        options["supports"] = tuple(options.get("supports", PostType.supports))
        options["taxonomies"] = tuple(options.get("taxonomies", ()))
        types[slug] = PostType(slug=slug, **options)
    return types


def get_post_type(slug: str) -> PostType | None:
    return post_types().get(slug)


def post_statuses() -> dict[str, PostStatus]:
    return {**STATUSES, **REGISTERED_STATUSES}


def post_type_caps_for(slug: str) -> dict[str, str]:
    from users.capabilities import post_type_caps

    post_type = get_post_type(slug)
    return post_type_caps(post_type.capability_type if post_type else "post")


# get_item_schema() uses fixed feature lists for core's types, whatever they declare
FIXED_SUPPORTS = {
    "post": (
        "title",
        "editor",
        "author",
        "excerpt",
        "thumbnail",
        "comments",
        "revisions",
        "post-formats",
        "custom-fields",
    ),
    "page": (
        "title",
        "editor",
        "author",
        "excerpt",
        "thumbnail",
        "comments",
        "revisions",
        "page-attributes",
        "custom-fields",
    ),
}
