"""Who may read, write and delete which posts. Lists, search, `_embed`, revisions and comments
all use these; every answer comes from users.capabilities.user_can()."""

from __future__ import annotations

import hmac
from typing import Any

from content.models import Post
from users.capabilities import needs_kses, user_can  # noqa: F401 - needs_kses for views
from wpapi.errors import WPError, forbidden
from wpapi.registry import get_post_type, post_statuses, post_type_caps_for


def can_read_post(user: Any, post: Any) -> bool:
    """check_read_permission() of WordPress's posts controllers: may `user` see this post at
    all? Reusable blocks add their own check (WP_REST_Blocks_Controller: reading one needs its
    read_post, i.e. edit_posts) on top of the posts' rule."""
    if post.type == "wp_block" and not user_can(user, "read_post", post):
        return False
    return can_see_post(user, post)


def can_see_post(user: Any, post: Any) -> bool:
    """WP_REST_Posts_Controller::check_read_permission(), the one rule of post visibility:
    lists, search, `_embed`, comments, terms and users ask it through
    content.queries.readable_q(), which derives its SQL from this function."""
    post_type = get_post_type(post.type)
    if post_type is None or not post_type.show_in_rest:  # check_is_post_type_allowed()
        return False
    if post.status == Post.Status.PUBLISH or user_can(user, "read_post", post):
        return True
    status = post_statuses().get(post.status)
    if status is not None and status.public:
        return True
    if post.status == Post.Status.INHERIT:
        parent = post.parent
        return True if parent is None else can_see_post(user, parent)
    return False


def can_list_status(user: Any, post_type: str, status: str) -> bool:
    """sanitize_post_statuses(): asking a collection for a status other than its default needs
    edit_posts, or read_private_posts for private."""
    caps = post_type_caps_for(post_type)
    return user_can(user, caps["edit_posts"]) or (
        status == "private" and user_can(user, caps["read_private_posts"])
    )


def can_edit_post(user: Any, post: Post) -> bool:
    return user_can(user, "edit_post", post)


def can_delete_post(user: Any, post: Post) -> bool:
    return user_can(user, "delete_post", post)


def type_can(user: Any, post_type: str, cap: str) -> bool:
    """A post type's primitive capability (`edit_posts`, `publish_posts`, ...) for `user`."""
    return user_can(user, post_type_caps_for(post_type)[cap])


def check_can_set_status(user: Any, post_type: str, status: str) -> None:
    """handle_status_param(): publishing and private posts need publish_posts."""
    if status == "private" and not type_can(user, post_type, "publish_posts"):
        raise forbidden(
            user,
            "rest_cannot_publish",
            "Sorry, you are not allowed to create private posts in this post type.",
        )
    if status in ("publish", "future") and not type_can(user, post_type, "publish_posts"):
        raise forbidden(
            user,
            "rest_cannot_publish",
            "Sorry, you are not allowed to publish posts in this post type.",
        )


def check_can_assign_author(user: Any, post_type: str, author_id: Any, creating: bool) -> None:
    if (
        author_id
        and author_id != getattr(user, "pk", None)
        and not type_can(user, post_type, "edit_others_posts")
    ):
        verb = "create" if creating else "update"
        raise forbidden(
            user,
            "rest_cannot_edit_others",
            f"Sorry, you are not allowed to {verb} posts as this user.",
        )


def check_can_assign_sticky(user: Any, post_type: str, sticky: Any) -> None:
    if (
        sticky
        and not type_can(user, post_type, "edit_others_posts")
        and not type_can(user, post_type, "publish_posts")
    ):
        raise forbidden(
            user, "rest_cannot_assign_sticky", "Sorry, you are not allowed to make posts sticky."
        )


def check_can_assign_terms(user: Any, terms_by_taxonomy: dict[str, list[int]]) -> None:
    """check_assign_terms_permission(): assign_term on every existing term sent; unknown IDs
    are left for the write to skip."""
    from taxonomy.models import Term

    for taxonomy, ids in terms_by_taxonomy.items():
        for term in Term.objects.filter(taxonomy=taxonomy, pk__in=ids):
            if not user_can(user, "assign_term", term):
                raise forbidden(
                    user,
                    "rest_cannot_assign_term",
                    "Sorry, you are not allowed to assign the provided terms.",
                )


def password_matches(post: Any, password: Any) -> bool:
    """Is `password` the post's password? (compared in constant time)"""
    return (
        bool(post.password)
        and isinstance(password, str)
        and bool(password)
        and hmac.compare_digest(post.password.encode(), password.encode())
    )


def can_access_password_content(user: Any, post: Any, password: Any, context: str) -> bool:
    """can_access_password_content(): an unprotected post, the edit context for those who may
    edit it, or the right password."""
    if not post.password:
        return True
    if context == "edit" and user_can(user, "edit_post", post):
        return True
    return password_matches(post, password)


def check_post_password(post: Post, password: str) -> None:
    # `! empty( $request['password'] )`: PHP's empty() holds "0" empty too
    if password and password != "0" and not password_matches(post, password):
        raise WPError("rest_post_incorrect_password", "Incorrect post password.", 403)
