"""Who may see and change which users, and their application passwords (WordPress's rules from
the users and application-passwords controllers), built on users.capabilities."""

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from content.models import Post
from content.queries import posts_anyone_reads, readable_q, rest_post_types
from users.capabilities import ROLE_CAPABILITIES, user_can
from users.models import Role, User
from wpapi.errors import WPError, forbidden


def published_posts_condition(types: list[str]) -> Exists:
    """has_published_posts: the user authored a published post of one of `types`."""
    return Exists(posts_anyone_reads(types).filter(author=OuterRef("pk")))


def description_needs_kses(viewer: Any, *, trusted: bool) -> bool:
    """pre_user_description: kses (tags removed, their text kept) unless the viewer holds
    unfiltered_html. WordPress installs its kses filters at `init`, before an application
    password has logged anyone in, so over Basic auth even administrators get them
    (`trusted=False`); a cookie session is known by then."""
    return not (trusted and user_can(viewer, "unfiltered_html"))


def can_use_admin(user: Any) -> bool:
    """Who may open Django admin, the editors' desk: whoever may write posts (edit_posts), so
    contributors and above, whatever Django's is_staff says. (WordPress lets subscribers into
    wp-admin for their profile; here they have the API's /users/me.)"""
    return bool(getattr(user, "is_active", False)) and user_can(user, "edit_posts")


def listable_users(viewer: Any, users: QuerySet[User]) -> QuerySet[User]:
    """Users a collection shows: everyone with list_users, else only users with published posts
    in a REST post type (WordPress restricts the query the same way for such callers)."""
    if user_can(viewer, "list_users"):
        return users
    return users.filter(published_posts_condition(rest_post_types()))


def can_view_user(viewer: Any, user: User) -> bool:
    """get_item_permissions_check: oneself, edit_user or list_users, or an author of posts."""
    if viewer is not None and viewer.is_authenticated and viewer.pk == user.pk:
        return True
    if user_can(viewer, "edit_user", user) or user_can(viewer, "list_users"):
        return True
    return _has_countable_posts(viewer, user)


def _countable_posts(viewer: Any) -> QuerySet:
    """count_user_posts(): published posts, plus the private ones the viewer may read."""
    return Post.objects.filter(readable_q(viewer, rest_post_types(), ["publish", "private"]))


def with_countable_posts(viewer: Any, users: QuerySet[User]) -> QuerySet[User]:
    """Users annotated with whether they have posts `viewer` may count, so checking many of
    them (an `_embed` of a page's authors) costs one query."""
    return users.annotate(
        has_countable_posts=Exists(_countable_posts(viewer).filter(author=OuterRef("pk")))
    )


def _has_countable_posts(viewer: Any, user: User) -> bool:
    known = getattr(user, "has_countable_posts", None)
    if known is not None:
        return known
    return _countable_posts(viewer).filter(author=user).exists()


def check_can_view_user(viewer: Any, user: User, context: str) -> None:
    if viewer is not None and viewer.is_authenticated and viewer.pk == user.pk:
        return
    if context == "edit" and not user_can(viewer, "edit_user", user):
        raise forbidden(
            viewer, "rest_forbidden_context", "Sorry, you are not allowed to edit this user."
        )
    if not can_view_user(viewer, user):
        raise forbidden(
            viewer, "rest_user_cannot_view", "Sorry, you are not allowed to list users."
        )


def check_can_list_users(viewer: Any, params: dict[str, Any]) -> None:
    """get_items_permissions_check."""
    can_list = user_can(viewer, "list_users")
    if params.get("roles") and not can_list:
        raise forbidden(
            viewer, "rest_user_cannot_view", "Sorry, you are not allowed to filter users by role."
        )
    if params.get("capabilities") and not can_list:
        raise forbidden(
            viewer,
            "rest_user_cannot_view",
            "Sorry, you are not allowed to filter users by capability.",
        )
    if params.get("context") == "edit" and not can_list:
        raise forbidden(
            viewer, "rest_forbidden_context", "Sorry, you are not allowed to edit users."
        )
    if params.get("orderby") in ("email", "registered_date") and not can_list:
        raise forbidden(
            viewer,
            "rest_forbidden_orderby",
            "Sorry, you are not allowed to order users by this parameter.",
        )
    if params.get("who") == "authors" and not _can_edit_some_authored_type(viewer):
        raise forbidden(
            viewer,
            "rest_forbidden_who",
            "Sorry, you are not allowed to query users by this parameter.",
        )


def _can_edit_some_authored_type(viewer: Any) -> bool:
    from wpapi.registry import post_type_caps_for, post_types

    return any(
        kind.show_in_rest
        and "author" in kind.supports
        and user_can(viewer, post_type_caps_for(slug)["edit_posts"])
        for slug, kind in post_types().items()
    )


def check_can_create_user(viewer: Any) -> None:
    if not user_can(viewer, "create_users"):
        raise forbidden(
            viewer, "rest_cannot_create_user", "Sorry, you are not allowed to create new users."
        )


def check_can_update_user(
    viewer: Any, user: User, params: dict[str, Any], param_names: set[str]
) -> None:
    """update_item_permissions_check: roles need promote_user; anything else edit_user."""
    if params.get("roles"):
        if not user_can(viewer, "promote_user", user):
            raise forbidden(
                viewer,
                "rest_cannot_edit_roles",
                "Sorry, you are not allowed to edit roles of this user.",
            )
        if param_names <= {"id", "roles"}:
            return
    if not user_can(viewer, "edit_user", user):
        raise forbidden(viewer, "rest_cannot_edit", "Sorry, you are not allowed to edit this user.")


def check_can_delete_user(viewer: Any, user: User) -> None:
    if not user_can(viewer, "delete_user", user):
        raise forbidden(
            viewer, "rest_user_cannot_delete", "Sorry, you are not allowed to delete this user."
        )


def check_role_update(viewer: Any, user_id: int | None, roles: list[str]) -> None:
    """check_role_update: the role exists and nobody takes away their own edit_users (every role
    is editable: get_editable_roles() lists them all)."""
    for role in roles:
        if role not in Role.values:
            raise WPError("rest_user_invalid_role", f"The role {role} does not exist.", 400)
        if (
            viewer is not None
            and user_id is not None
            and viewer.pk == user_id
            and "edit_users" not in ROLE_CAPABILITIES[role]
        ):
            raise forbidden(
                viewer,
                "rest_user_invalid_role",
                "Sorry, you are not allowed to give users that role.",
            )


# --- application passwords ---------------------------------------------------------------------
APP_PASSWORD_DENIED = {
    "list": (
        "list_app_passwords",
        "rest_cannot_list_application_passwords",
        "Sorry, you are not allowed to list application passwords for this user.",
    ),
    "create": (
        "create_app_password",
        "rest_cannot_create_application_passwords",
        "Sorry, you are not allowed to create application passwords for this user.",
    ),
    "destroy_all": (
        "delete_app_passwords",
        "rest_cannot_delete_application_passwords",
        "Sorry, you are not allowed to delete application passwords for this user.",
    ),
    "retrieve": (
        "read_app_password",
        "rest_cannot_read_application_password",
        "Sorry, you are not allowed to read this application password.",
    ),
    "update": (
        "edit_app_password",
        "rest_cannot_edit_application_password",
        "Sorry, you are not allowed to edit this application password.",
    ),
    "destroy": (
        "delete_app_password",
        "rest_cannot_delete_application_password",
        "Sorry, you are not allowed to delete this application password.",
    ),
}


def check_can_manage_app_passwords(viewer: Any, user: User, action: str) -> None:
    """The user themself, or whoever may edit them (map_meta_cap: *_app_password -> edit_user)."""
    capability, code, message = APP_PASSWORD_DENIED[action]
    if not user_can(viewer, capability, user):
        raise forbidden(viewer, code, message)


def check_can_introspect(viewer: Any, user: User) -> None:
    if viewer is None or not viewer.is_authenticated or viewer.pk != user.pk:
        raise forbidden(
            viewer,
            "rest_cannot_introspect_app_password_for_non_authenticated_user",
            "The authenticated application password can only be introspected for the current user.",
        )
