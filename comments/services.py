"""Writes on comments and what follows them: moderation, status changes, trash, post counts."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Case, Count, Q, Value, When
from django.utils import timezone

from comments.formatting import kses_comment, make_clickable, rel_ugc
from comments.meta import COMMENT_META
from comments.models import Comment
from comments.options import discussion_option
from content.models import Post
from users.capabilities import user_can
from users.models import User
from wpapi.errors import WPError
from wpapi.formatting import targeted_link_rel
from wpapi.models import overlong_fields
from wpapi.params import is_row_id

DUPLICATE_MESSAGE = "Duplicate comment detected; it looks as though you&#8217;ve already said that!"
FLOOD_MESSAGE = "You are posting comments too quickly. Slow down."
FLOOD_SECONDS = 15
STATUS_WORDS = {"1": "approved", "0": "unapproved", "spam": "spam", "trash": "trash"}


def update_post_comment_count(*post_ids: int) -> int:
    """wp_update_comment_count_now(): a post's comment_count is its approved comments (every
    post's when no ID is given). Returns how many stored counts changed."""
    ids = {post_id for post_id in post_ids if post_id}
    posts = Post.objects.filter(pk__in=ids) if post_ids else Post.objects.all()
    if post_ids and not ids:
        return 0
    approved = Comment.objects.filter(status=Comment.Status.APPROVED)
    if post_ids:
        approved = approved.filter(post_id__in=ids)
    counts = dict(
        approved.values_list("post_id").annotate(n=Count("id")).values_list("post_id", "n")
    )
    stored = posts.exclude(comment_count=0) if not post_ids else posts
    changed = {
        pk: counts.get(pk, 0)
        for pk, count in stored.values_list("pk", "comment_count")
        if count != counts.get(pk, 0)
    }
    if not post_ids:  # posts with approved comments whose stored count is 0
        zero = set(posts.filter(comment_count=0, pk__in=list(counts)).values_list("pk", flat=True))
        changed.update({pk: counts[pk] for pk in zero})
    if changed:
        Post.objects.filter(pk__in=changed).update(
            comment_count=Case(*[When(pk=pk, then=Value(n)) for pk, n in changed.items()])
        )
    return len(changed)


def filter_content(content: str, *, kses: bool, site_host: str = "") -> str:
    """pre_comment_content: kses (for users without unfiltered_html), rel="noopener" on links
    with a target, then rel="nofollow ugc" on links leaving the site."""
    if kses:
        content = kses_comment(content)
    return rel_ugc(targeted_link_rel(content), site_host)


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


def check_flood(*, user_id: int | None, author_ip: str, author_email: str, date: datetime) -> None:
    """wp_check_comment_flood(): one comment per 15 seconds per user (or IP) or email."""
    since = timezone.now() - timedelta(hours=1)
    who = Q(user_id=user_id) if user_id else Q(author_ip=author_ip)
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
    flood_check: bool = True,
) -> Comment:
    """wp_allow_comment() then wp_insert_comment(): duplicate and flood checks (moderators
    and administrators are spared the flood check: `flood_check=False`), moderation, the
    post's comment count. `moderate=False` stores the comment approved as it is."""
    when = date or timezone.now().replace(microsecond=0)
    if moderate:
        check_duplicate(
            post=post,
            parent_id=parent_id,
            author_name=author_name,
            author_email=author_email,
            content=content,
        )
        if flood_check:
            check_flood(user_id=user_id, author_ip=author_ip, author_email=author_email, date=when)
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
    COMMENT_META.update(comment, meta)
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
    """wp_update_comment() plus a status change and registered meta; both posts' counts
    follow a move."""
    old_post = comment.post_id
    for name, value in changes.items():
        setattr(comment, name, value)
    if overlong_fields(comment):  # wp_update_comment() fails in the database (WordPress: 500)
        raise WPError("rest_comment_failed_edit", "Updating comment failed.", 400)
    if changes:
        comment.save()
    if status is not None:
        comment_set_status(comment=comment, status=status)
    COMMENT_META.update(comment, meta)
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
    if not is_row_id(parent_id):
        raise WPError("rest_comment_invalid_parent", "Invalid parent comment ID.", 400)
    parent = Comment.objects.filter(pk=parent_id).values_list("post_id", flat=True).first()
    if parent is None or parent != post_id or parent_id == own_id:
        raise WPError("rest_comment_invalid_parent", "Invalid parent comment ID.", 400)
    return parent_id
