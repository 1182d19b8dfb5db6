"""Who may see, write, moderate and delete which comments.

Built on users.capabilities (moderate_comments, edit_comment → edit_post) and on
content.policies for post visibility, so a comment is never shown where its post may not be.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from comments.models import Comment
from comments.options import discussion_option
from content.models import Post
from content.policies import can_read_post, password_matches
from content.queries import editable_q, readable_q
from users.capabilities import user_can
from wpapi.errors import WPError, forbidden
from wpapi.params import is_row_id
from wpapi.registry import post_types


def is_moderator(user: Any) -> bool:
    return user_can(user, "moderate_comments")


def _rest_types() -> dict[str, Any]:
    return {slug: kind for slug, kind in post_types().items() if kind.show_in_rest}


def is_flood_exempt(user: Any) -> bool:
    """wp_check_comment_flood(): administrators and moderators may comment in a hurry."""
    return user_can(user, "manage_options") or user_can(user, "moderate_comments")


def readable_comments(
    user: Any,
    comments: QuerySet[Comment],
    *,
    password: str | None = None,
    single_post: int | None = None,
) -> QuerySet[Comment]:
    """Comments `user` may see in a list (check_read_permission): approved comments on posts
    they may read (a password-protected post only when the request names that one post with
    its password, or they may edit it), their own comments on posts they may read, and every
    comment on posts they may edit. Moderators see all."""
    if is_moderator(user):
        return comments
    types = list(_rest_types())
    readable = readable_q(user, types, prefix="post__")
    editable = editable_q(user, types, prefix="post__")
    unlocked = Q(post__password="") | editable
    if single_post and password:
        unlocked |= Q(post_id=single_post, post__password=password)
    if not getattr(user, "is_authenticated", False):
        return comments.filter(Q(status=Comment.Status.APPROVED) & readable & unlocked)
    mine_or_approved = Q(status=Comment.Status.APPROVED) | Q(user=user)
    return comments.filter((mine_or_approved & readable & unlocked) | editable)


def can_read_post_comments(user: Any, post: Post, password: Any = None, named: bool = True) -> bool:
    """check_read_post_permission(): may `user` read `post` for its comments? A password is
    honoured only when the request names this one post or comment (`named`)."""
    kind = _rest_types().get(post.type)
    if kind is None:
        return False
    if post.password and not (named and password_matches(post, password)):
        return user_can(user, "edit_post", post)
    if post.status == Post.Status.INHERIT:
        parent = post.parent
        return parent is None or can_read_post_comments(user, parent, password, named=False)
    return can_read_post(user, post)


def can_read_comment(
    user: Any, comment: Comment, password: Any = None, *, named: bool = True
) -> bool:
    """check_read_permission() for one comment; `named`: the request names its post (or the
    comment itself), so a post's password is honoured."""
    if comment.status == Comment.Status.APPROVED and can_read_post_comments(
        user, comment.post, password, named=named
    ):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if comment.user_id is not None and comment.user_id == user.pk:
        return True
    return can_edit_comment(user, comment)


def can_edit_comment(user: Any, comment: Comment) -> bool:
    """check_edit_permission(): moderators, or whoever may edit the comment's post."""
    if not getattr(user, "is_authenticated", False):
        return False
    return is_moderator(user) or user_can(user, "edit_comment", comment)


def check_can_list(user: Any, params: dict[str, Any], posts: dict[int, Post]) -> None:
    """get_items_permissions_check(): the `post` filter, edit context and moderator filters."""
    named = len(params.get("post") or []) == 1
    for post_id in params.get("post") or []:
        post = posts.get(post_id)
        if (
            post_id
            and post is not None
            and not can_read_post_comments(user, post, params.get("password"), named=named)
        ):
            raise forbidden(
                user,
                "rest_cannot_read_post",
                "Sorry, you are not allowed to read the post for this comment.",
            )
        if post_id == 0 and not is_moderator(user):
            raise forbidden(
                user,
                "rest_cannot_read",
                "Sorry, you are not allowed to read comments without a post.",
            )
    if params.get("context") == "edit" and not is_moderator(user):
        raise forbidden(
            user, "rest_forbidden_context", "Sorry, you are not allowed to edit comments."
        )
    if not user_can(user, "edit_posts"):
        refused = []
        for name in ("author", "author_exclude", "author_email", "type", "status"):
            value = params.get(name)
            if name == "status":
                if value != "approve":
                    refused.append(name)
            elif name == "type":
                if value != "comment":
                    refused.append(name)
            elif value:
                refused.append(name)
        if refused:
            raise forbidden(
                user, "rest_forbidden_param", "Query parameter not permitted: " + ", ".join(refused)
            )


def check_can_read(user: Any, comment: Comment, params: dict[str, Any]) -> None:
    """get_item_permissions_check()."""
    if params.get("context") == "edit" and not is_moderator(user):
        raise forbidden(
            user, "rest_forbidden_context", "Sorry, you are not allowed to edit comments."
        )
    password = params.get("password")
    if not can_read_comment(user, comment, password):
        raise forbidden(
            user, "rest_cannot_read", "Sorry, you are not allowed to read this comment."
        )
    if not can_read_post_comments(user, comment.post, password):
        raise forbidden(
            user,
            "rest_cannot_read_post",
            "Sorry, you are not allowed to read the post for this comment.",
        )


NOT_ALLOWED_FIELD = "Sorry, you are not allowed to edit '{}' for comments."


def check_can_create(
    user: Any, params: dict[str, Any], remote_addr: str, allow_anonymous: bool
) -> Post:
    """create_item_permissions_check(); returns the post commented on."""
    if not getattr(user, "is_authenticated", False) and not allow_anonymous:
        raise WPError(
            "rest_comment_login_required", "Sorry, you must be logged in to comment.", 401
        )
    moderator = is_moderator(user)
    current_id = user.pk if getattr(user, "is_authenticated", False) else 0
    if "author" in params and params["author"] != current_id and not moderator:
        raise forbidden(user, "rest_comment_invalid_author", NOT_ALLOWED_FIELD.format("author"))
    if (
        "author_ip" in params
        and not moderator
        and (not remote_addr or params["author_ip"] != remote_addr)
    ):
        raise forbidden(
            user, "rest_comment_invalid_author_ip", NOT_ALLOWED_FIELD.format("author_ip")
        )
    if "status" in params and not moderator:
        raise forbidden(user, "rest_comment_invalid_status", NOT_ALLOWED_FIELD.format("status"))
    no_post = "Sorry, you are not allowed to create this comment without a post."
    post_id = params.get("post") or 0
    post = (
        Post.objects.select_related("parent").filter(pk=post_id).first()
        if is_row_id(post_id)
        else None
    )
    if post is None:
        raise WPError("rest_comment_invalid_post_id", no_post, 403)
    not_on_post = "Sorry, you are not allowed to create a comment on this post."
    if post.status == Post.Status.DRAFT:
        raise WPError("rest_comment_draft_post", not_on_post, 403)
    if post.status == Post.Status.TRASH:
        raise WPError("rest_comment_trash_post", not_on_post, 403)
    if not can_read_post_comments(user, post, params.get("password")):
        raise forbidden(
            user,
            "rest_cannot_read_post",
            "Sorry, you are not allowed to read the post for this comment.",
        )
    if not comments_open(post):
        raise WPError("rest_comment_closed", "Sorry, comments are closed for this item.", 403)
    # WordPress lets any commenter date a new comment; wpapi keeps back-dating (which moves a
    # comment around a thread and past the flood check) to moderators, in WordPress's words,
    # last: a request WordPress refuses gets WordPress's own refusal.
    for field in ("date", "date_gmt"):
        if params.get(field) and not moderator:
            raise forbidden(user, "rest_comment_invalid_date", NOT_ALLOWED_FIELD.format(field))
    return post


def comments_open(post: Post) -> bool:
    """comments_open(): the post's comment status, and posts older than
    close_comments_days_old when close_comments_for_old_posts is on."""
    if post.comment_status != "open":
        return False
    if post.type == "post" and discussion_option("close_comments_for_old_posts"):
        days = int(discussion_option("close_comments_days_old") or 0)
        if days and timezone.now() - post.date > timedelta(days=days):
            return False
    return True


def check_can_reassign(user: Any, comment: Comment, params: dict[str, Any]) -> None:
    """Giving a comment to another account or IP is for moderators only (WordPress lets
    anyone who may edit the comment do it)."""
    if is_moderator(user):
        return
    if "author" in params and params["author"] != (comment.user_id or 0):
        raise forbidden(user, "rest_comment_invalid_author", NOT_ALLOWED_FIELD.format("author"))
    if "author_ip" in params and params["author_ip"] != comment.author_ip:
        raise forbidden(
            user, "rest_comment_invalid_author_ip", NOT_ALLOWED_FIELD.format("author_ip")
        )


def check_can_edit(user: Any, comment: Comment) -> None:
    if not can_edit_comment(user, comment):
        raise forbidden(
            user, "rest_cannot_edit", "Sorry, you are not allowed to edit this comment."
        )


def check_can_delete(user: Any, comment: Comment) -> None:
    if not can_edit_comment(user, comment):
        raise forbidden(
            user, "rest_cannot_delete", "Sorry, you are not allowed to delete this comment."
        )
