"""Writes on comments and what follows them: moderation, status changes, trash, post counts."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from comments.formatting import comment_author_name, kses_comment, make_clickable, rel_ugc
from comments.meta import meta_update
from comments.models import Comment
from comments.options import discussion_option
from comments.policies import is_moderator
from content.models import Post
from users.capabilities import user_can
from users.models import User
from wpapi.dates import parse_request_date
from wpapi.errors import WPError
from wpapi.formatting import esc_url_raw, sanitize_text_field
from wpapi.models import overlong_fields

MAX_ID = 2**63 - 1


def storable_id(value: int) -> bool:
    """Could a database row have this ID? (Larger values overflow the column.)"""
    return 0 < value <= MAX_ID


DUPLICATE_MESSAGE = "Duplicate comment detected; it looks as though you&#8217;ve already said that!"
FLOOD_MESSAGE = "You are posting comments too quickly. Slow down."
FLOOD_SECONDS = 15
STATUS_WORDS = {"1": "approved", "0": "unapproved", "spam": "spam", "trash": "trash"}


def update_post_comment_count(*post_ids: int) -> None:
    """wp_update_comment_count_now(): a post's comment_count is its approved comments."""
    ids = {post_id for post_id in post_ids if post_id}
    if not ids:
        return
    counts = dict(
        Comment.objects.filter(post_id__in=ids, status=Comment.Status.APPROVED)
        .values_list("post_id")
        .annotate(n=Count("id"))
        .values_list("post_id", "n")
    )
    for post_id in ids:
        Post.objects.filter(pk=post_id).update(comment_count=counts.get(post_id, 0))


def filter_content(content: str, user: Any, site_host: str = "") -> str:
    """pre_comment_content: kses for users without unfiltered_html, then rel="nofollow ugc" on
    links leaving the site."""
    if not user_can(user, "unfiltered_html"):
        content = kses_comment(content)
    return rel_ugc(content, site_host)


def check_duplicate(
    *, post: Post, parent_id: int | None, author_name: str, author_email: str, content: str
) -> None:
    """wp_allow_comment()'s duplicate check: same post, parent, author and text, not trashed."""
    same_author = Q(author_name=author_name)
    if author_email:
        same_author |= Q(author_email=author_email)
    duplicate = (
        Comment.objects.filter(post=post, parent_id=parent_id, content=content)
        .exclude(status=Comment.Status.TRASH)
        .filter(same_author)
    )
    if duplicate.exists():
        raise WPError("comment_duplicate", DUPLICATE_MESSAGE, 409)


def check_flood(*, user: Any, author_ip: str, author_email: str, date: datetime) -> None:
    """wp_check_comment_flood(): one comment per 15 seconds per user (or IP) or email;
    administrators and moderators are exempt."""
    if user_can(user, "manage_options") or user_can(user, "moderate_comments"):
        return
    since = timezone.now() - timedelta(hours=1)
    who = Q(user=user) if getattr(user, "is_authenticated", False) else Q(author_ip=author_ip)
    if author_email:
        who |= Q(author_email=author_email)
    last = (
        Comment.objects.filter(date__gte=since)
        .filter(who)
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )
    if last is not None and (date - last).total_seconds() < FLOOD_SECONDS:
        raise WPError("comment_flood", FLOOD_MESSAGE, 400)


def _matches_keys(option: str, values: tuple[str, ...]) -> bool:
    """Does any line of a word-list option (moderation_keys, disallowed_keys) occur in one of
    `values`, case-insensitively?"""
    words = [word.strip() for word in str(discussion_option(option) or "").split("\n")]
    lowered = [value.lower() for value in values if value]
    return any(word.lower() in value for word in words if word for value in lowered)


def moderation_status(
    *,
    post: Post,
    user_id: int | None,
    author_name: str,
    author_email: str,
    author_url: str,
    content: str,
    author_ip: str = "",
    author_user_agent: str = "",
    comment_type: str = "comment",
) -> str:
    """wp_allow_comment() / check_comment(): the new comment's status. The post's author and
    moderators are approved. Others are held under manual moderation, with comment_max_links
    links or more, or a moderation_keys word; otherwise approved when the author already has
    an approved comment (comment_previously_approved). A disallowed_keys word sends the
    comment to the trash."""
    user = User.objects.filter(pk=user_id).first() if user_id else None
    if user is not None and (user.pk == post.author_id or user_can(user, "moderate_comments")):
        return Comment.Status.APPROVED
    fields = (author_name, author_email, author_url, content, author_ip, author_user_agent)
    if _matches_keys("disallowed_keys", (*fields, strip_tags(content))):
        return Comment.Status.TRASH
    if discussion_option("comment_moderation"):
        return Comment.Status.HOLD
    max_links = discussion_option("comment_max_links")
    # Counted on the displayed text, where bare URLs have become links.
    shown = make_clickable(content)
    if max_links and len(re.findall(r"<a [^>]*href", shown, re.IGNORECASE)) >= max_links:
        return Comment.Status.HOLD
    if _matches_keys("moderation_keys", fields):
        return Comment.Status.HOLD
    if not discussion_option("comment_previously_approved"):
        return Comment.Status.APPROVED
    if comment_type in ("pingback", "trackback") or not author_name or not author_email:
        return Comment.Status.HOLD
    registered = User.objects.filter(email__iexact=author_email).first()
    approved = Comment.objects.filter(status=Comment.Status.APPROVED)
    if registered is not None:
        approved = approved.filter(user=registered)
    else:
        approved = approved.filter(author_name=author_name, author_email=author_email)
    return Comment.Status.APPROVED if approved.exists() else Comment.Status.HOLD


def strip_tags(text: str) -> str:
    return re.sub(
        r"<[^>]*>",
        "",
        re.sub(r"<(script|style)[^>]*?>.*?</\1>", "", text, flags=re.IGNORECASE | re.DOTALL),
    )


@transaction.atomic
def comment_create(
    *,
    post: Post,
    acting_user: Any,
    content: str,
    user_id: int | None,
    author_name: str,
    author_email: str,
    author_url: str,
    author_ip: str,
    author_user_agent: str,
    date: datetime | None = None,
    parent_id: int | None = None,
    status: str | None = None,
    meta: dict[str, Any] | None = None,
    comment_type: str = "comment",
    moderate: bool = True,
) -> Comment:
    """wp_allow_comment() then wp_insert_comment(): duplicate and flood checks, moderation,
    the post's comment count."""
    when = date or timezone.now().replace(microsecond=0)
    if moderate:
        check_duplicate(
            post=post,
            parent_id=parent_id,
            author_name=author_name,
            author_email=author_email,
            content=content,
        )
        check_flood(user=acting_user, author_ip=author_ip, author_email=author_email, date=when)
        approved = moderation_status(
            post=post,
            user_id=user_id,
            author_name=author_name,
            author_email=author_email,
            author_url=author_url,
            content=content,
            author_ip=author_ip,
            author_user_agent=author_user_agent,
            comment_type=comment_type,
        )
    else:
        approved = Comment.Status.APPROVED
    comment = Comment(
        post=post,
        parent_id=parent_id,
        user_id=user_id,
        author_name=author_name,
        author_email=author_email,
        author_url=author_url,
        author_ip=author_ip,
        author_user_agent=author_user_agent,
        date=when,
        content=content,
        status=approved,
        type=comment_type,
    )
    if overlong_fields(comment):  # wp_insert_comment() fails in the database (WordPress: 500)
        raise WPError("rest_comment_failed_create", "Creating comment failed.", 400)
    comment.save()
    if status is not None:
        comment_set_status(comment=comment, status=status)
    if meta:
        meta_update(comment, meta)
    update_post_comment_count(post.pk)
    return comment


@transaction.atomic
def comment_update(
    *,
    comment: Comment,
    changes: dict[str, Any],
    status: str | None = None,
    meta: dict[str, Any] | None = None,
) -> Comment:
    """wp_update_comment() plus a status change; both posts' counts follow a move."""
    old_post = comment.post_id
    for name, value in changes.items():
        setattr(comment, name, value)
    if overlong_fields(comment):  # wp_update_comment() fails in the database (WordPress: 500)
        raise WPError("rest_comment_failed_edit", "Updating comment failed.", 400)
    if changes:
        comment.save()
    if status is not None:
        comment_set_status(comment=comment, status=status)
    if meta:
        meta_update(comment, meta)
    update_post_comment_count(old_post, comment.post_id)
    return comment


def comment_set_status(*, comment: Comment, status: str) -> bool:
    """handle_status_param(): approve / hold / spam / unspam / trash / untrash. Unknown values
    and the current status change nothing."""
    current = STATUS_WORDS.get(comment.status, comment.status)
    if status == current:
        return False
    if status in ("approved", "approve", "1"):
        new = Comment.Status.APPROVED
    elif status in ("hold", "0"):
        new = Comment.Status.HOLD
    elif status in ("spam", "trash"):
        if comment.status == status:
            return False
        comment.previous_status = comment.status
        new = status
    elif status in ("unspam", "untrash"):
        expected = "spam" if status == "unspam" else "trash"
        if comment.status != expected:
            return False
        new = comment.previous_status or Comment.Status.HOLD
        comment.previous_status = ""
    else:
        return False
    comment.status = new
    comment.save(update_fields=["status", "previous_status"])
    update_post_comment_count(comment.post_id)
    return True


@transaction.atomic
def comment_trash(*, comment: Comment) -> Comment:
    """wp_trash_comment(): remember the status, move to trash."""
    comment_set_status(comment=comment, status="trash")
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment) -> None:
    """wp_delete_comment(force): replies move up to the deleted comment's parent."""
    Comment.objects.filter(parent=comment).update(parent_id=comment.parent_id)
    post_id = comment.post_id
    comment.delete()
    update_post_comment_count(post_id)


# --- preparing a comment from request arguments (prepare_item_for_database) ------------------
# wp_get_comment_fields_max_lengths()
MAX_LENGTHS = (
    ("author_name", 245, "comment_author_column_length"),
    ("author_email", 100, "comment_author_email_column_length"),
    ("author_url", 200, "comment_author_url_column_length"),
    ("content", 65525, "comment_content_column_length"),
)


def author_fields(user: Any) -> dict[str, Any]:
    """A registered user's comment author fields, from their account."""
    return {
        "user_id": user.pk,
        "author_name": user.display_name,
        "author_email": user.email,
        "author_url": user.url,
    }


def prepare_comment_fields(
    params: dict[str, Any], *, user: Any, creating: bool, remote_addr: str, user_agent: str
) -> dict[str, Any]:
    """prepare_item_for_database() and wp_filter_comment()'s field filters: the model fields
    a create or update sets. Logged-in users other than moderators comment as themselves;
    only moderators choose the IP."""
    moderator = is_moderator(user)
    fields: dict[str, Any] = {}
    content = params.get("content")
    if isinstance(content, str):
        fields["content"] = content
    elif isinstance(content, dict) and isinstance(content.get("raw"), str):
        fields["content"] = content["raw"]
    elif creating or "content" in params:
        fields["content"] = None if "content" in params else ""
    if "author" in params:
        author = (
            User.objects.filter(pk=params["author"]).first()
            if storable_id(params["author"])
            else None
        )
        if author is None:
            raise WPError("rest_comment_author_invalid", "Invalid comment author ID.", 400)
        fields.update(author_fields(author))
    for name in ("author_name", "author_email", "author_url"):
        if name in params:
            fields[name] = params[name]
    logged_in = getattr(user, "is_authenticated", False)
    chose_author = any(
        fields.get(name) for name in ("user_id", "author_name", "author_email", "author_url")
    )
    if creating and logged_in and (not moderator or not chose_author):
        fields.update(author_fields(user))
    if "author_name" in fields:
        fields["author_name"] = comment_author_name(fields["author_name"])
    if "author_email" in fields:
        fields["author_email"] = str(fields["author_email"]).strip()
    if "author_url" in fields:
        fields["author_url"] = esc_url_raw(fields["author_url"])
    if "author_ip" in params and moderator:
        fields["author_ip"] = params["author_ip"]
    elif creating:
        fields["author_ip"] = remote_addr or "127.0.0.1"
    if params.get("author_user_agent"):
        fields["author_user_agent"] = sanitize_text_field(params["author_user_agent"])
    elif creating:
        fields["author_user_agent"] = sanitize_text_field(user_agent)[:254]
    for name, value in fields.items():
        if isinstance(value, str):  # wp_kses_no_null(); databases refuse NUL characters too
            fields[name] = value.replace("\x00", "")
    for name, is_gmt in (("date", False), ("date_gmt", True)):
        if params.get(name):
            moment = parse_request_date(params[name], is_gmt=is_gmt)
            if moment is not None:
                fields["date"] = moment
            break
    return fields


def check_comment_lengths(fields: dict[str, Any]) -> None:
    """wp_check_comment_data_max_lengths()."""
    for name, limit, code in MAX_LENGTHS:
        value = fields.get(name)
        if isinstance(value, str) and len(value) > limit:
            raise WPError(code, "Comment field exceeds maximum length allowed.", 400)


def checked_parent(parent_id: int, post_id: int, own_id: int | None = None) -> int | None:
    """A reply's parent must be another comment on the same post (WordPress 6.1 does not
    check; wpapi keeps threads whole)."""
    if not parent_id:
        return None
    if not storable_id(parent_id):
        raise WPError("rest_comment_invalid_parent", "Invalid parent comment ID.", 400)
    parent = Comment.objects.filter(pk=parent_id).values_list("post_id", flat=True).first()
    if parent is None or parent != post_id or parent_id == own_id:
        raise WPError("rest_comment_invalid_parent", "Invalid parent comment ID.", 400)
    return parent_id
