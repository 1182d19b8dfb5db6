"""Who may read, write and delete which posts. Lists, search, `_embed`, revisions and comments
all use these; every answer comes from users.capabilities.user_can()."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.db.models import Q, QuerySet

from content.models import Post
from users.capabilities import user_can
from wpapi.errors import WPError, forbidden
from wpapi.registry import get_post_type, post_type_caps_for


def readable_posts(user: Any, posts: QuerySet[Post], post_type: str = "post") -> QuerySet[Post]:
    """Posts whose content `user` may see in other resources' lists (comments, terms,
    search): published ones, plus private ones with read_private_posts or of their own.
    The posts collection itself filters per requested status (visible_in_statuses)."""
    caps = post_type_caps_for(post_type)
    readable = Q(status=Post.Status.PUBLISH)
    if user is not None and user.is_authenticated:
        if user_can(user, caps["read_private_posts"]):
            readable |= Q(status=Post.Status.PRIVATE)
        else:
            readable |= Q(status=Post.Status.PRIVATE, author=user)
    return posts.filter(readable)


def can_read_post(user: Any, post: Post) -> bool:
    """check_read_permission(): may `user` see this one post at all?"""
    if post.type == "wp_block" and not user_can(user, "read_post", post):
        return False  # WP_REST_Blocks_Controller: reading a block needs its read_post
    if post.status == Post.Status.PUBLISH:
        return True
    if post.status == Post.Status.INHERIT:
        parent = post.parent
        return True if parent is None else can_read_post(user, parent)
    if user is None or not user.is_authenticated:
        return False
    return user_can(user, "read_post", post)


def _probe(post_type: str, status: str, author_id: Any) -> SimpleNamespace:
    """A stand-in post for asking map_meta_cap about a whole status at once."""
    return SimpleNamespace(
        type=post_type,
        type_object=get_post_type(post_type),
        status=status,
        author_id=author_id,
        trashed_from_status="draft",
        parent=None,
    )


def visible_in_statuses(
    user: Any, posts: QuerySet[Post], post_type: str, statuses: list[str]
) -> QuerySet[Post]:
    """Posts of the requested statuses that `user` may read (check_read_permission per row,
    expressed as one SQL condition so totals and pages agree)."""
    visible = Q(pk__in=[])
    authenticated = user is not None and user.is_authenticated
    for status in statuses:
        if status == Post.Status.PUBLISH:
            visible |= Q(status=status)
            continue
        if not authenticated:
            continue
        if user_can(user, "read_post", _probe(post_type, status, -1)):
            visible |= Q(status=status)
        elif user_can(user, "read_post", _probe(post_type, status, user.pk)):
            visible |= Q(status=status, author_id=user.pk)
    return posts.filter(visible)


def can_list_status(user: Any, post_type: str, status: str) -> bool:
    """sanitize_post_statuses(): a status other than publish needs edit_posts, or
    read_private_posts for private."""
    caps = post_type_caps_for(post_type)
    if status == "publish":
        return True
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


def check_can_set_status(user: Any, post_type: str, status: str) -> str:
    """handle_status_param(): publishing and private posts need publish_posts; an unknown
    status is stored as draft. Returns the status to store."""
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
    if status not in ("draft", "pending", "private", "publish", "future"):
        from wpapi.registry import post_statuses

        return status if status in post_statuses() else "draft"
    return status


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


def check_post_password(post: Post, password: str) -> None:
    if password and password != post.password:
        raise WPError("rest_post_incorrect_password", "Incorrect post password.", 403)
