"""Who may see, upload, edit and delete attachments; every answer comes from user_can().

An attachment (status `inherit`) is as visible as the post it is attached to; an unattached one
is public (WP_REST_Posts_Controller::check_read_permission). Uploading needs `upload_files`,
which is the attachment type's `create_posts` capability.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from content.models import Post
from content.policies import can_read_post
from users.capabilities import user_can
from wpapi.errors import WPError, forbidden
from wpapi.registry import post_type_caps_for, post_types


def _authenticated(user: Any) -> bool:
    return user is not None and user.is_authenticated


def readable_attachments(user: Any, attachments: QuerySet[Post]) -> QuerySet[Post]:
    """check_read_permission() for every row at once, as one SQL condition, so that X-WP-Total
    and the pages agree and nothing of a draft or private post leaks through a list."""
    if user_can(user, "edit_others_posts") and user_can(user, "read_private_posts"):
        return attachments
    inherit = Q(status=Post.Status.INHERIT)
    visible = inherit & (Q(parent__isnull=True) | Q(parent__status=Post.Status.PUBLISH))
    if _authenticated(user):
        visible |= inherit & Q(author_id=user.pk)
        visible |= inherit & Q(parent__author_id=user.pk)
        for slug in post_types():
            caps = post_type_caps_for(slug)
            if user_can(user, caps["read_private_posts"]):
                visible |= inherit & Q(parent__type=slug, parent__status=Post.Status.PRIVATE)
            if user_can(user, caps["edit_others_posts"]):
                visible |= inherit & Q(parent__type=slug) & ~Q(parent__status=Post.Status.PRIVATE)
        if user_can(user, "edit_others_posts"):
            visible |= inherit & ~Q(parent__status=Post.Status.PRIVATE)
        if user_can(user, "read_private_posts"):
            visible |= Q(status=Post.Status.PRIVATE)
        else:
            visible |= Q(status=Post.Status.PRIVATE, author_id=user.pk)
        if user_can(user, "edit_others_posts"):
            visible |= Q(status=Post.Status.TRASH)
        elif user_can(user, "edit_posts"):
            visible |= Q(status=Post.Status.TRASH, author_id=user.pk)
    return attachments.filter(visible)


def can_read_attachment(user: Any, attachment: Post) -> bool:
    """check_read_permission() for one attachment: its own status, else its parent's."""
    if attachment.status == Post.Status.INHERIT:
        if _authenticated(user) and attachment.author_id == user.pk:
            return True
        parent = attachment.parent
        if parent is None or can_read_post(user, parent):
            return True
        # read_post on the attachment itself, mapped through edit_post for others' files
        private = parent.status == Post.Status.PRIVATE
        return user_can(user, "read_private_posts" if private else "edit_others_posts")
    return user_can(user, "read_post", attachment)


def can_edit_attachment(user: Any, attachment: Post) -> bool:
    return user_can(user, "edit_post", attachment)


def can_list_status(user: Any, status: str) -> bool:
    """sanitize_post_statuses(): anything but the default `inherit` needs edit_posts (or
    read_private_posts for private)."""
    if status == Post.Status.INHERIT:
        return True
    return user_can(user, "edit_posts") or (
        status == Post.Status.PRIVATE and user_can(user, "read_private_posts")
    )


def check_can_upload(user: Any, params: dict[str, Any]) -> None:
    """create_item_permissions_check(), in WordPress's order."""
    if params.get("id"):
        raise WPError("rest_post_exists", "Cannot create existing post.", 400)
    author = params.get("author")
    if author and author != getattr(user, "pk", None) and not user_can(user, "edit_others_posts"):
        raise forbidden(
            user,
            "rest_cannot_edit_others",
            "Sorry, you are not allowed to create posts as this user.",
        )
    # The attachment type's create_posts is upload_files: this is the check that answers
    # contributors and subscribers (401/403). The 400 below is WordPress's own second check of
    # the same capability, so with core roles it is never reached.
    if not user_can(user, "upload_files"):
        raise forbidden(
            user, "rest_cannot_create", "Sorry, you are not allowed to create posts as this user."
        )
    parent_id = params.get("post")
    if parent_id:
        parent = Post.objects.filter(pk=parent_id).first()
        if parent is None or not user_can(user, "edit_post", parent):
            raise forbidden(
                user, "rest_cannot_edit", "Sorry, you are not allowed to upload media to this post."
            )


def check_can_update(user: Any, attachment: Post, params: dict[str, Any]) -> None:
    """update_item_permissions_check()."""
    if not can_edit_attachment(user, attachment):
        raise forbidden(user, "rest_cannot_edit", "Sorry, you are not allowed to edit this post.")
    author = params.get("author")
    if author and author != getattr(user, "pk", None) and not user_can(user, "edit_others_posts"):
        raise forbidden(
            user,
            "rest_cannot_edit_others",
            "Sorry, you are not allowed to update posts as this user.",
        )


def check_can_delete(user: Any, attachment: Post) -> None:
    if not user_can(user, "delete_post", attachment):
        raise forbidden(
            user, "rest_cannot_delete", "Sorry, you are not allowed to delete this post."
        )


def check_status_change(user: Any, status: str | None) -> None:
    """handle_status_param(): private and published need publish_posts."""
    if status in ("private", "publish", "future") and not user_can(user, "publish_posts"):
        message = (
            "Sorry, you are not allowed to create private posts in this post type."
            if status == "private"
            else "Sorry, you are not allowed to publish posts in this post type."
        )
        raise forbidden(user, "rest_cannot_publish", message)
