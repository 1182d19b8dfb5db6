"""The one place that answers "may this user do X (to this object)?".

WordPress's roles hold primitive capabilities (populate_roles); meta capabilities about one
object (edit_post, read_post, edit_user, edit_comment, ...) are first mapped to the primitive
ones the user must hold (map_meta_cap). Every resource, `_embed`, search and the admin ask here.
"""

from typing import Any

# Each role's capabilities in the order WordPress stores them (populate_roles_160 onwards), which
# is the order the users endpoint lists them in `capabilities`.
SUBSCRIBER = ("read", "level_0")
CONTRIBUTOR = ("edit_posts", "read", "level_1", "level_0", "delete_posts")
AUTHOR = (
    "upload_files",
    "edit_posts",
    "edit_published_posts",
    "publish_posts",
    "read",
    "level_2",
    "level_1",
    "level_0",
    "delete_posts",
    "delete_published_posts",
)
_EDITOR_210 = (
    "edit_others_pages",
    "edit_published_pages",
    "publish_pages",
    "delete_pages",
    "delete_others_pages",
    "delete_published_pages",
    "delete_posts",
    "delete_others_posts",
    "delete_published_posts",
    "delete_private_posts",
    "edit_private_posts",
    "read_private_posts",
    "delete_private_pages",
    "edit_private_pages",
    "read_private_pages",
)
EDITOR = (
    "moderate_comments",
    "manage_categories",
    "manage_links",
    "upload_files",
    "unfiltered_html",
    "edit_posts",
    "edit_others_posts",
    "edit_published_posts",
    "publish_posts",
    "edit_pages",
    "read",
    "level_7",
    "level_6",
    "level_5",
    "level_4",
    "level_3",
    "level_2",
    "level_1",
    "level_0",
    *_EDITOR_210,
)
ADMINISTRATOR = (
    "switch_themes",
    "edit_themes",
    "activate_plugins",
    "edit_plugins",
    "edit_users",
    "edit_files",
    "manage_options",
    "moderate_comments",
    "manage_categories",
    "manage_links",
    "upload_files",
    "import",
    "unfiltered_html",
    "edit_posts",
    "edit_others_posts",
    "edit_published_posts",
    "publish_posts",
    "edit_pages",
    "read",
    "level_10",
    "level_9",
    "level_8",
    "level_7",
    "level_6",
    "level_5",
    "level_4",
    "level_3",
    "level_2",
    "level_1",
    "level_0",
    *_EDITOR_210,
    "delete_users",
    "create_users",
    "unfiltered_upload",
    "edit_dashboard",
    "update_plugins",
    "delete_plugins",
    "install_plugins",
    "update_themes",
    "install_themes",
    "update_core",
    "list_users",
    "remove_users",
    "promote_users",
    "edit_theme_options",
    "delete_themes",
    "export",
)

#: role -> its capabilities, in WordPress's order
ROLE_CAPABILITY_LIST: dict[str, tuple[str, ...]] = {
    "administrator": ADMINISTRATOR,
    "editor": EDITOR,
    "author": AUTHOR,
    "contributor": CONTRIBUTOR,
    "subscriber": SUBSCRIBER,
}
ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    role: frozenset(caps) for role, caps in ROLE_CAPABILITY_LIST.items()
}
#: the roles WordPress calls "authors" (user_level above 0), for who=authors
AUTHOR_ROLES = ("administrator", "editor", "author", "contributor")

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
    "promote_user": "promote_users",
    "add_users": "promote_users",
    "edit_users": "edit_users",
    "delete_user": "delete_users",
    "delete_users": "delete_users",
    "customize": "edit_theme_options",
    "setup_network": "manage_options",
    "update_php": "update_core",
    "upload_themes": "install_themes",
    "upload_plugins": "install_plugins",
    "activate_plugin": "activate_plugins",
    "deactivate_plugin": "activate_plugins",
    "deactivate_plugins": "activate_plugins",
    "resume_plugin": "resume_plugins",
    "resume_theme": "resume_themes",
    "export_others_personal_data": "manage_options",
    "erase_others_personal_data": "manage_options",
    "manage_privacy_options": "manage_options",
    "edit_css": "unfiltered_html",
}
# Never granted on a single site with WordPress's default constants (no ALLOW_UNFILTERED_UPLOADS,
# link manager off, no multisite).
NEVER = frozenset({"do_not_allow", "unfiltered_upload", "manage_links", "delete_site"})
# The reusable-block capabilities are the post ones (map_meta_cap's $block_caps).
BLOCK_CAPS = frozenset(
    {
        "edit_blocks",
        "edit_others_blocks",
        "publish_blocks",
        "read_private_blocks",
        "delete_blocks",
        "delete_private_blocks",
        "delete_published_blocks",
        "delete_others_blocks",
        "edit_private_blocks",
        "edit_published_blocks",
    }
)
APP_PASSWORD_CAPS = frozenset(
    {
        "create_app_password",
        "list_app_passwords",
        "read_app_password",
        "edit_app_password",
        "delete_app_passwords",
        "delete_app_password",
    }
)
USER_META_CAPS = frozenset({"edit_user_meta", "delete_user_meta", "add_user_meta"})

PUBLISHED = ("publish", "future")


def post_type_caps(capability_type: str = "post") -> dict[str, str]:
    """The primitive capabilities of a post type (get_post_type_capabilities)."""
    s = capability_type
    p = f"{capability_type}s"
    caps = {
        "read": "read",
        "edit_posts": f"edit_{p}",
        "edit_others_posts": f"edit_others_{p}",
        "publish_posts": f"publish_{p}",
        "read_private_posts": f"read_private_{p}",
        "delete_posts": f"delete_{p}",
        "delete_private_posts": f"delete_private_{p}",
        "delete_published_posts": f"delete_published_{p}",
        "delete_others_posts": f"delete_others_{p}",
        "edit_private_posts": f"edit_private_{p}",
        "edit_published_posts": f"edit_published_{p}",
        "create_posts": f"edit_{p}",
        "edit_post": f"edit_{s}",
        "read_post": f"read_{s}",
        "delete_post": f"delete_{s}",
    }
    if capability_type == "block":
        # register_post_type("wp_block")'s own capabilities: reading a block (raw) needs
        # edit_posts, creating one publish_posts; the rest are the post ones or _blocks
        caps.update(
            {
                "read": "edit_posts",
                "create_posts": "publish_posts",
                "edit_posts": "edit_posts",
                "edit_published_posts": "edit_published_posts",
                "delete_published_posts": "delete_published_posts",
                "edit_others_posts": "edit_others_posts",
                "delete_others_posts": "delete_others_posts",
            }
        )
    elif capability_type == "edit_theme_options":
        # register_post_type("nav_menu_item" / "wp_navigation"): whoever may edit the theme's
        # options does everything; reading a published one needs `read`
        caps.update({key: "edit_theme_options" for key in caps if key.endswith("_posts")})
        caps.update(
            {"edit_post": "edit_post", "read_post": "read_post", "delete_post": "delete_post"}
        )
    return caps


def roles_of(user: Any) -> list[str]:
    """The user's roles in WordPress's order: the primary `role`, then `extra_roles` (stored as
    ",editor,author,"). Django superusers are administrators whatever their roles say."""
    roles = [getattr(user, "role", "") or ""]
    roles += [name for name in (getattr(user, "extra_roles", "") or "").split(",") if name]
    roles = [name for index, name in enumerate(roles) if name and name not in roles[:index]]
    if getattr(user, "is_superuser", False) and "administrator" not in roles:
        roles.insert(0, "administrator")
    return roles


def role_of(user: Any) -> str:
    """The user's primary role ("" when they hold none)."""
    roles = roles_of(user)
    return roles[0] if roles else ""


def capabilities_of(user: Any) -> frozenset[str]:
    if user is None or not user.is_authenticated:
        return frozenset()
    roles = roles_of(user)
    if len(roles) == 1:
        return ROLE_CAPABILITIES.get(roles[0], frozenset())
    return frozenset().union(*(ROLE_CAPABILITIES.get(role, frozenset()) for role in roles))


def all_capabilities(user: Any) -> dict[str, bool]:
    """WP_User::$allcaps: each role's capabilities merged in order, then the role names."""
    caps: dict[str, bool] = {}
    roles = roles_of(user)
    for role in roles:
        for cap in ROLE_CAPABILITY_LIST.get(role, ()):
            caps.setdefault(cap, True)
    for role in roles:
        caps[role] = True
    return caps


def needs_kses(user: Any) -> bool:
    """Whether what `user` writes goes through kses (they lack unfiltered_html)."""
    return not user_can(user, "unfiltered_html")


def user_can(user: Any, capability: str, obj: Any = None) -> bool:
    """May `user` do `capability` (to `obj`)? The counterpart of WordPress's user_can()."""
    if user is None or not user.is_authenticated or not getattr(user, "is_active", True):
        return False
    required = map_meta_cap(user, capability, obj)
    if required is None:
        return False
    held = capabilities_of(user)
    return all(cap == "exist" or (cap not in NEVER and cap in held) for cap in required)


def map_meta_cap(user: Any, capability: str, obj: Any = None) -> list[str] | None:
    """The primitive capabilities `capability` on `obj` needs; None means never allowed.

    An empty list means nothing is needed (WordPress: editing one's own profile)."""
    if capability in NEVER:
        return None
    if capability in SIMPLE_META:
        return [SIMPLE_META[capability]]
    if capability in BLOCK_CAPS:
        return [capability.replace("_blocks", "_posts")]
    if capability in ("edit_post", "edit_page", "delete_post", "delete_page"):
        return _post_caps(user, capability.split("_")[0], obj)
    if capability in ("read_post", "read_page"):
        return _read_post_caps(user, obj)
    if capability == "publish_post":
        return None if obj is None else [_type_caps(obj)["publish_posts"]]
    if capability == "edit_user" or capability in APP_PASSWORD_CAPS or capability in USER_META_CAPS:
        if obj is None:
            return None if capability != "edit_user" else ["edit_users"]
        return [] if _same_user(user, obj) else ["edit_users"]
    if capability == "remove_user":
        return None if obj is not None and _same_user(user, obj) else ["remove_users"]
    if capability == "edit_comment":
        if obj is None:
            return None
        post = getattr(obj, "post", None)
        return _post_caps(user, "edit", post) if post is not None else ["edit_posts"]
    if capability in ("edit_term", "delete_term", "assign_term"):
        taxonomy = getattr(obj, "taxonomy_object", None)
        if taxonomy is None:
            return None
        cap_name = {
            "edit_term": "edit_terms",
            "delete_term": "delete_terms",
            "assign_term": "assign_terms",
        }[capability]
        return map_meta_cap(user, taxonomy.capabilities[cap_name])
    return [capability]


def _same_user(user: Any, other: Any) -> bool:
    other_id = other if isinstance(other, int) else getattr(other, "pk", None)
    return other_id is not None and other_id == user.pk


def _type_caps(post: Any) -> dict[str, str]:
    post_type = getattr(post, "type_object", None)
    return post_type_caps(getattr(post_type, "capability_type", "post"))


def _post_caps(user: Any, verb: str, post: Any) -> list[str] | None:
    """edit_post / delete_post on one post (map_meta_cap's edit_post and delete_post)."""
    if post is None:
        return None
    if getattr(post, "type", "") == "revision":
        if verb == "delete":
            return None  # revisions are never deleted directly
        post = getattr(post, "parent", None)
        if post is None:
            return None
    if getattr(post, "type_object", None) is None and hasattr(post, "type_object"):
        return ["edit_others_posts"]  # an unregistered post type
    caps = _type_caps(post)
    status = post.status
    own = bool(post.author_id) and post.author_id == user.pk
    if own:
        if status == "trash":
            status = getattr(post, "trashed_from_status", "") or "draft"
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
    if getattr(post, "type", "") == "revision":
        post = getattr(post, "parent", None)
        if post is None:
            return None
    caps = _type_caps(post)
    status = post_status_of(post)
    if status == "publish":  # the only public status
        return [caps["read"]]
    if post.author_id and post.author_id == user.pk:
        return [caps["read"]]
    if status == "private":
        return [caps["read_private_posts"]]
    return _post_caps(user, "edit", post)


def post_status_of(post: Any) -> str:
    """get_post_status(): an attachment's `inherit` is its parent's status (the status the
    parent had before the trash, for a trashed parent), or publish when it has none."""
    if post.status != "inherit" or getattr(post, "type", "") != "attachment":
        return post.status
    parent = getattr(post, "parent", None)
    if parent is None:
        return "publish"
    if parent.status == "trash":
        return getattr(parent, "trashed_from_status", "") or "draft"
    return parent.status
