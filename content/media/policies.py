"""Who may upload, edit and delete attachments; every answer comes from user_can().

Who may see one is the posts' rule (content.policies.can_read_post: an `inherit` attachment is
as visible as the post it is attached to, an unattached one is public). Uploading needs
`upload_files`, which is the attachment type's `create_posts` capability.
"""

from __future__ import annotations

from typing import Any

from content.models import Post
from users.capabilities import user_can
from wpapi.errors import WPError, forbidden


def can_edit_attachment(user: Any, attachment: Post) -> bool:
    return user_can(user, "edit_post", attachment)


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


def check_write_params(user: Any, params: dict[str, Any]) -> None:
    """prepare_item_for_database()'s checks of an upload's or update's fields: the parent
    (`post`) is a post that exists and is neither a revision nor an attachment, the author
    exists, and the status is one `user` may set."""
    from users.models import User

    parent_id = params.get("post")
    if parent_id and parent_id > 0:
        parent = Post.objects.filter(pk=parent_id).only("type").first()
        if parent is not None and parent.type in ("revision", "attachment"):
            raise WPError("rest_invalid_param", "Invalid parent type.", 400)
        if parent is None:
            raise WPError("rest_post_invalid_id", "Invalid post parent ID.", 400)
    author = params.get("author")
    if author and not User.objects.filter(pk=author).exists():
        raise WPError("rest_invalid_author", "Invalid author ID.", 400)
    check_status_change(user, params.get("status"))
