"""The one place that answers "may this user do X (to this object)?".

WordPress's roles hold primitive capabilities (populate_roles); meta capabilities about one
object (edit_post, read_post, edit_user, edit_comment, ...) are first mapped to the primitive
ones the user must hold (map_meta_cap). Every resource, `_embed`, search and the admin ask here.
"""

from typing import Any

SUBSCRIBER = frozenset({"read", "level_0"})
CONTRIBUTOR = SUBSCRIBER | {"edit_posts", "delete_posts", "level_1"}
AUTHOR = CONTRIBUTOR | {
    "upload_files", "edit_published_posts", "publish_posts", "delete_published_posts", "level_2",
}
EDITOR = AUTHOR | {
    "moderate_comments", "manage_categories", "manage_links", "unfiltered_html",
    "edit_others_posts", "edit_pages", "edit_others_pages", "edit_published_pages",
    "publish_pages", "delete_pages", "delete_others_pages", "delete_published_pages",
    "delete_others_posts", "delete_private_posts", "edit_private_posts", "read_private_posts",
    "delete_private_pages", "edit_private_pages", "read_private_pages",
    "level_3", "level_4", "level_5", "level_6", "level_7",
}
ADMINISTRATOR = EDITOR | {
    "switch_themes", "edit_themes", "activate_plugins", "edit_plugins", "edit_users",
    "edit_files", "manage_options", "import", "list_users", "remove_users", "promote_users",
    "create_users", "delete_users", "unfiltered_upload", "edit_dashboard", "update_plugins",
    "delete_plugins", "install_plugins", "update_themes", "install_themes", "update_core",
    "delete_themes", "export", "customize", "delete_site", "edit_theme_options",
    "level_8", "level_9", "level_10",
}

ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    "administrator": frozenset(ADMINISTRATOR),
    "editor": frozenset(EDITOR),
    "author": frozenset(AUTHOR),
    "contributor": frozenset(CONTRIBUTOR),
    "subscriber": frozenset(SUBSCRIBER),
}

# Meta capabilities WordPress maps to primitive ones whatever the object.
SIMPLE_META = {
    "manage_post_tags": "manage_categories",
    "edit_categories": "manage_categories",
    "edit_post_tags": "manage_categories",
    "delete_categories": "manage_categories",
    "delete_post_tags": "manage_categories",
    "assign_categories": "edit_posts",
    "assign_post_tags": "edit_posts",
    "create_posts": "edit_posts",
    "create_pages": "edit_pages",
}

PUBLISHED = ("publish", "future")


def post_type_caps(capability_type: str = "post") -> dict[str, str]:
    """The primitive capabilities of a post type (get_post_type_capabilities)."""
    s = capability_type
    p = f"{capability_type}s"
    return {
        "read": "read",
        "edit_posts": f"edit_{p}", "edit_others_posts": f"edit_others_{p}",
        "publish_posts": f"publish_{p}", "read_private_posts": f"read_private_{p}",
        "delete_posts": f"delete_{p}", "delete_private_posts": f"delete_private_{p}",
        "delete_published_posts": f"delete_published_{p}",
        "delete_others_posts": f"delete_others_{p}",
        "edit_private_posts": f"edit_private_{p}",
        "edit_published_posts": f"edit_published_{p}",
        "create_posts": f"edit_{p}",
        "edit_post": f"edit_{s}", "read_post": f"read_{s}", "delete_post": f"delete_{s}",
    }


def capabilities_of(user: Any) -> frozenset[str]:
    if user is None or not user.is_authenticated:
        return frozenset()
    if getattr(user, "is_superuser", False):
        return ROLE_CAPABILITIES["administrator"]
    return ROLE_CAPABILITIES.get(getattr(user, "role", ""), frozenset())


def user_can(user: Any, capability: str, obj: Any = None) -> bool:
    """May `user` do `capability` (to `obj`)? The counterpart of WordPress's user_can()."""
    if user is None or not user.is_authenticated:
        return False
    required = map_meta_cap(user, capability, obj)
    if required is None:
        return False
    held = capabilities_of(user)
    return all(cap == "exist" or cap in held for cap in required)


def map_meta_cap(user: Any, capability: str, obj: Any = None) -> list[str] | None:
    """The primitive capabilities `capability` on `obj` needs; None means never allowed."""
    if capability in SIMPLE_META:
        return [SIMPLE_META[capability]]
    if capability in ("edit_post", "edit_page", "delete_post", "delete_page"):
        return _post_caps(user, capability.split("_")[0], obj)
    if capability in ("read_post", "read_page"):
        return _read_post_caps(user, obj)
    if capability in ("publish_post", "publish_page"):
        return [_type_caps(obj)["publish_posts"]]
    if capability == "edit_user":
        return ["exist"] if obj is not None and obj.pk == user.pk else ["edit_users"]
    if capability == "delete_user":
        return ["delete_users"]
    if capability == "promote_user":
        return ["promote_users"]
    if capability == "edit_comment":
        post = getattr(obj, "post", None)
        return _post_caps(user, "edit", post) if post is not None else ["edit_posts"]
    if capability in ("edit_term", "delete_term", "assign_term"):
        taxonomy = getattr(obj, "taxonomy_object", None)
        if taxonomy is None:
            return None
        cap_name = {"edit_term": "edit_terms", "delete_term": "delete_terms",
                    "assign_term": "assign_terms"}[capability]
        return map_meta_cap(user, taxonomy.capabilities[cap_name])
    return [capability]


def _type_caps(post: Any) -> dict[str, str]:
    post_type = getattr(post, "type_object", None)
    return post_type_caps(getattr(post_type, "capability_type", "post"))


def _post_caps(user: Any, verb: str, post: Any) -> list[str] | None:
    """edit_post / delete_post on one post (map_meta_cap's edit_post and delete_post)."""
    if post is None:
        return None
    if getattr(post, "type", "") == "revision" and getattr(post, "parent", None) is not None:
        post = post.parent
    caps = _type_caps(post)
    status = post.status
    if status == "trash":
        status = getattr(post, "trashed_from_status", "") or "draft"
    if status == "auto-draft":
        return [caps["edit_posts"]] if verb == "edit" else [caps["delete_posts"]]
    own = post.author_id is not None and post.author_id == user.pk
    if own:
        if status in PUBLISHED:
            return [caps[f"{verb}_published_posts"]]
        return [caps[f"{verb}_posts"]]
    needed = [caps[f"{verb}_others_posts"]]
    if status in PUBLISHED:
        needed.append(caps[f"{verb}_published_posts"])
    elif status == "private":
        needed.append(caps[f"{verb}_private_posts"])
    return needed


def _read_post_caps(user: Any, post: Any) -> list[str] | None:
    if post is None:
        return None
    if getattr(post, "type", "") == "revision" and getattr(post, "parent", None) is not None:
        post = post.parent
    caps = _type_caps(post)
    if post.status == "publish":
        return ["read"]
    if post.author_id is not None and post.author_id == user.pk:
        return ["read"]
    if post.status == "private":
        return [caps["read_private_posts"]]
    return _post_caps(user, "edit", post)
