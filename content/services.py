"""Writes on posts and what WordPress does around them: slugs, dates and scheduling, sticky,
featured media, terms, revisions, trash and permanent deletion."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from content.formatting import kses_post, kses_title, sanitize_title
from content.meta_fields import POST_META
from content.models import Post, PostMeta
from content.permalinks import BUILTIN_POST_LIKE
from wpapi import locks
from wpapi.dates import parse_request_date
from wpapi.errors import WPError
from wpapi.formatting import targeted_link_rel
from wpapi.models import overlong_fields
from wpapi.registry import get_post_type, post_statuses, type_taxonomies
from wpapi.site import get_option

FLOATING_STATUSES = ("draft", "pending", "auto-draft")
REVISIONED_FIELDS = ("title", "content", "excerpt")


def now() -> datetime:
    return timezone.now().replace(microsecond=0)


def check_not_empty(post: Post) -> None:
    """wp_insert_post(): a post of a type with title, editor and excerpt needs one of them."""
    type_object = post.type_object
    supports = set(type_object.supports if type_object else ())  # post_type_supports()
    if (
        post.type != Post.Type.ATTACHMENT
        and {"title", "editor", "excerpt"} <= supports
        and not (post.title or post.content or post.excerpt)
    ):
        raise WPError("empty_content", "Content, title, and excerpt are empty.", 400)


# --- slugs -----------------------------------------------------------------------------------
FEED_SLUGS = ("feed", "rdf", "rss", "rss2", "atom", "embed")


def slug_is_reserved(slug: str, post_type: str, hierarchical: bool, current: str = "") -> bool:
    """Slugs wp_unique_post_slug() never hands out as they are: feed names, "embed", and
    numbers that would read as a date archive (posts) or a page number (pages)."""
    if slug in FEED_SLUGS:
        return True
    if hierarchical:
        return re.fullmatch(r"(?:page)?\d+", slug) is not None
    return post_type == "post" and slug != current and slug.isdigit() and int(slug) != 0


def unique_slug(
    slug: str,
    post_type: str,
    *,
    exclude_id: int | None,
    parent_id: int | None,
    hierarchical: bool,
    current: str = "",
) -> str:
    """wp_unique_post_slug(): append -2, -3, ... while another post of the type (and, for
    hierarchical types, the same parent) holds the slug, or the slug is reserved."""
    locks.hold_slug("post-slug", slug)  # until saved: a racing writer takes the next suffix
    others = Post.objects.exclude(type=Post.Type.REVISION)
    if hierarchical:
        others = others.filter(
            Q(type=post_type) | Q(type=Post.Type.ATTACHMENT), parent_id=parent_id
        )
    else:
        others = others.filter(type=post_type)
    if exclude_id:
        others = others.exclude(pk=exclude_id)
    taken = set(
        others.filter(Q(slug=slug) | Q(slug__startswith=f"{slug[:190]}-")).values_list(
            "slug", flat=True
        )
    )
    if slug not in taken and not slug_is_reserved(slug, post_type, hierarchical, current):
        return slug
    suffix = 2
    while True:
        candidate = f"{slug[: 200 - len(str(suffix)) - 1]}-{suffix}"
        if candidate not in taken:
            return candidate
        suffix += 1


def generated_slugs(posts: list[Post]) -> dict[int, str]:
    """get_sample_permalink()'s slug for each post (edit context), in one query."""
    wanted: dict[int, str] = {}
    for post in posts:
        wanted[post.pk] = sanitize_title(post.title) or str(post.pk)
    if not wanted:
        return {}
    condition = Q(pk__in=[])
    for base in set(wanted.values()):
        condition |= Q(slug=base) | Q(slug__startswith=f"{base[:190]}-")
    rows = list(
        Post.objects.exclude(type=Post.Type.REVISION)
        .filter(condition)
        .values_list("pk", "type", "parent_id", "slug")
    )
    result = {}
    for post in posts:
        base = wanted[post.pk]
        hierarchical = bool(post.type_object and post.type_object.hierarchical)
        taken = {
            slug
            for pk, kind, parent, slug in rows
            if pk != post.pk
            and (
                (kind == post.type or (hierarchical and kind == Post.Type.ATTACHMENT))
                and (not hierarchical or parent == post.parent_id)
            )
        }
        slug, suffix = base, 2
        while slug in taken or (
            slug == base and slug_is_reserved(base, post.type, hierarchical, post.slug)
        ):
            slug = f"{base[: 200 - len(str(suffix)) - 1]}-{suffix}"
            suffix += 1
        result[post.pk] = slug
    return result


def _assign_slug(post: Post, requested: str | None) -> None:
    hierarchical = bool(post.type_object and post.type_object.hierarchical)
    current = post.slug
    if requested is not None:
        post.slug = sanitize_title(requested)
    floating = post.status in FLOATING_STATUSES
    if not post.slug:
        if floating:
            return
        post.slug = sanitize_title(post.title) or (str(post.pk) if post.pk else "")
        if not post.slug:
            return
    if floating and requested is None:
        return  # drafts keep whatever slug they had, not made unique (wp_unique_post_slug)
    post.slug = unique_slug(
        post.slug,
        post.type,
        exclude_id=post.pk,
        parent_id=post.parent_id,
        hierarchical=hierarchical,
        current=current,
    )


# --- dates and status --------------------------------------------------------------------------
def _apply_dates(post: Post, params: dict[str, Any], creating: bool) -> bool:
    """Sets post.date/date_gmt_set from `date`/`date_gmt`; returns whether a date was given."""
    explicit = None
    if params.get("date"):
        explicit = parse_request_date(params["date"], is_gmt=False)
    elif params.get("date_gmt"):
        explicit = parse_request_date(params["date_gmt"], is_gmt=True)
    # a null date or date_gmt resets both, even beside a date given in the other
    reset = ("date" in params and params["date"] is None) or (
        "date_gmt" in params and params["date_gmt"] is None
    )
    if explicit is not None and not reset and (creating or explicit != post.date):
        post.date = explicit
        post.date_gmt_set = True
        return True
    if reset:
        post.date = now()
        post.date_gmt_set = post.status not in FLOATING_STATUSES
        return False
    if post.status in FLOATING_STATUSES:
        if not post.date_gmt_set or creating:
            post.date = now()
            post.date_gmt_set = False
    elif not post.date_gmt_set:
        post.date = now()  # a floating draft gets its date when it is published
        post.date_gmt_set = True
    return False


def _schedule(post: Post) -> None:
    """wp_insert_post(): publish with a date a minute or more ahead is future, and back."""
    if post.type == Post.Type.ATTACHMENT:
        return
    ahead = post.date - timezone.now()
    if post.status == "publish" and ahead >= timedelta(minutes=1):
        post.status = "future"
    elif post.status == "future" and ahead < timedelta(minutes=1):
        post.status = "publish"


def default_comment_status(post_type: str, kind: str) -> str:
    """get_default_comment_status(): pages are closed; others follow the site's options."""
    if post_type == "page":
        return "closed"
    type_object = get_post_type(post_type)
    supports = type_object.supports if type_object else ()
    if kind == "ping":
        if "trackbacks" not in supports:
            return "closed"
        return get_option("default_ping_status") or "closed"
    if "comments" not in supports:
        return "closed"
    return get_option("default_comment_status") or "open"


# --- the write itself --------------------------------------------------------------------------
#: the fields a post write takes, by their names in WordPress's schema; `terms` maps taxonomy
#: slugs to term IDs, `meta` registered keys to values
POST_FIELDS = frozenset(
    {
        "title",
        "content",
        "excerpt",
        "status",
        "author",
        "slug",
        "date",
        "date_gmt",
        "password",
        "parent",
        "menu_order",
        "comment_status",
        "ping_status",
        "format",
        "template",
        "featured_media",
        "sticky",
        "terms",
        "meta",
    }
)


def storable_status(status: str) -> str:
    """handle_status_param(): a status nobody registered is stored as draft."""
    if status in ("draft", "pending", "private", "publish", "future"):
        return status
    return status if status in post_statuses() else "draft"


def _apply_fields(post: Post, fields: dict[str, Any], *, creating: bool, kses: bool) -> dict:
    """prepare_item_for_database(): copy the given fields onto `post`, raising WordPress's
    errors. Returns the terms and meta, which are written after the post is saved."""
    unknown = set(fields) - POST_FIELDS
    if unknown:
        raise TypeError(f"unknown post fields: {', '.join(sorted(unknown))}")
    post_type = post.type
    for name in REVISIONED_FIELDS:
        value = fields.get(name)
        if isinstance(value, str):
            if kses:  # content_save_pre & co. for those without unfiltered_html
                value = kses_title(value) if name == "title" else kses_post(value)
            setattr(post, name, targeted_link_rel(value))
    if "status" in fields and (creating or fields["status"] != post.status):
        post.status = storable_status(fields["status"])
    if fields.get("author"):
        author_id = int(fields["author"])
        if author_id != post.author_id:
            from users.models import User

            if not User.objects.filter(pk=author_id).exists():
                raise WPError("rest_invalid_author", "Invalid author ID.", 400)
        post.author_id = author_id
    sticky = fields.get("sticky")
    if fields.get("password") is not None:
        post.password = fields["password"]
        if post.password:
            if sticky:
                raise WPError(
                    "rest_invalid_field", "A post can not be sticky and have a password.", 400
                )
            if not creating and post.sticky:
                raise WPError(
                    "rest_invalid_field", "A sticky post can not be password protected.", 400
                )
    if sticky and not creating and post.password and "password" not in fields:
        raise WPError(
            "rest_invalid_field", "A password protected post can not be set to sticky.", 400
        )
    if "parent" in fields:
        parent_id = int(fields["parent"] or 0)
        if parent_id == 0:
            post.parent_id = None
        else:
            if not Post.objects.filter(pk=parent_id).exists():
                raise WPError("rest_post_invalid_id", "Invalid post parent ID.", 400)
            post.parent_id = parent_id if parent_id != post.pk else None
            if post.pk and post.parent_id:
                break_hierarchy_loop(post.pk, post.parent_id)
    for name in ("menu_order", "comment_status", "ping_status"):
        if fields.get(name) is not None:
            setattr(post, name, fields[name])
    # menu_order is an int(11) column: MySQL stores a number past it as its nearest bound
    post.menu_order = min(max(post.menu_order, -(2**31)), 2**31 - 1)
    if creating:
        if "comment_status" not in fields:
            post.comment_status = default_comment_status(post_type, "comment")
        if "ping_status" not in fields:
            post.ping_status = default_comment_status(post_type, "ping")
    if fields.get("format"):
        post.format = fields["format"]
    if fields.get("template") is not None:
        post.template = fields["template"]
    if fields.get("featured_media") is not None:
        # handle_featured_media(): 0 removes the image; an ID that is not an attachment is
        # refused by set_post_thumbnail(), whose error WordPress 6.1's create_item() and
        # update_item() drop, so the post is saved and keeps the image it had.
        media_id = int(fields["featured_media"])
        if not media_id:
            post.featured_media_id = None
        elif Post.objects.filter(pk=media_id, type=Post.Type.ATTACHMENT).exists():
            post.featured_media_id = media_id
    if sticky is not None:
        post.sticky = bool(sticky)
    return {
        "terms": {tax: [int(pk) for pk in ids] for tax, ids in (fields.get("terms") or {}).items()},
        # update_value() runs only where the schema has `meta` (types with custom fields)
        "meta": fields.get("meta"),
    }


def break_hierarchy_loop(post_id: int, parent_id: int) -> None:
    """wp_check_post_hierarchy_for_loops(): when the new parent descends from the post, the
    ancestors between them lose their parent so the tree stays a tree."""
    chain, current, seen = [], parent_id, set()
    while current and current not in seen:
        if current == post_id:
            Post.objects.filter(pk__in=chain).update(parent=None)
            return
        seen.add(current)
        chain.append(current)
        current = Post.objects.filter(pk=current).values_list("parent_id", flat=True).first()


def recount_terms(post_id: int, also: Iterable[int] = ()) -> None:
    """wp_update_term_count() for the terms of a post that was written (and the terms it just
    left), as WordPress does on wp_set_object_terms() and on every status transition."""
    from taxonomy.models import TermRelationship
    from taxonomy.services import update_term_counts

    ids = set(also) | set(
        TermRelationship.objects.filter(post_id=post_id).values_list("term_id", flat=True)
    )
    if ids:
        update_term_counts(ids)


def _set_terms(post: Post, terms: dict[str, list[int]], creating: bool) -> None:
    """wp_set_object_terms() for each taxonomy given (a post keeps at least the default
    category), then the counts of every term the post is in or just left."""
    from taxonomy.models import TermRelationship
    from taxonomy.services import default_category

    needs_category = (
        post.type == "post"
        and post.status != "auto-draft"
        and any(tax.slug == "category" for tax in type_taxonomies(post.type))
    )
    if creating:
        _set_new_post_terms(post, terms, needs_category)
        return
    left: set[int] = set()
    if needs_category:
        has_category = TermRelationship.objects.filter(
            post=post, term__taxonomy="category"
        ).exists()
        if not has_category:
            TermRelationship.objects.get_or_create(post=post, term=default_category())
    for taxonomy, ids in terms.items():
        wanted = set(_existing_terms(taxonomy, ids))
        current = set(
            TermRelationship.objects.filter(post=post, term__taxonomy=taxonomy).values_list(
                "term_id", flat=True
            )
        )
        TermRelationship.objects.filter(post=post, term_id__in=current - wanted).delete()
        left |= current - wanted
        TermRelationship.objects.bulk_create(
            [
                TermRelationship(post=post, term_id=term_id)
                for term_id in dict.fromkeys(ids)
                if term_id in wanted - current
            ]
        )
    recount_terms(post.pk, left)


def _existing_terms(taxonomy: str, ids: list[int]) -> list[int]:
    """The IDs of `ids` that are terms of `taxonomy`, once each, in the order given."""
    from taxonomy.models import Term

    found = set(Term.objects.filter(taxonomy=taxonomy, pk__in=ids).values_list("pk", flat=True))
    return [term_id for term_id in dict.fromkeys(ids) if term_id in found]


def _set_new_post_terms(post: Post, terms: dict[str, list[int]], needs_category: bool) -> None:
    """_set_terms() for a post created in this transaction, which is in no term yet: the
    terms given (else the default category) are added, and each one's stored count goes up
    by one where the post counts, without counting the term's posts again."""
    from taxonomy.models import TermRelationship
    from taxonomy.services import count_new_post, default_category

    added: dict[str, list[int]] = {}
    for taxonomy, ids in terms.items():
        added[taxonomy] = _existing_terms(taxonomy, ids)
    if needs_category and "category" not in terms:
        # wp_insert_post(): no category asked for, the default one (a `categories` given,
        # even empty, replaces it at once, as the REST controller's wp_set_object_terms does)
        added["category"] = [default_category().pk]
    TermRelationship.objects.bulk_create(
        [TermRelationship(post=post, term_id=pk) for ids in added.values() for pk in ids]
    )
    count_new_post(post, added)


def _prepare_insert(post: Post, fields: dict[str, Any], *, creating: bool, kses: bool) -> dict:
    """wp_insert_post() before saving: the fields applied (terms and meta returned for after
    the save), no password on a private post, not empty, dates and scheduling."""
    extras = _apply_fields(post, fields, creating=creating, kses=kses)
    if post.status == "private":
        post.password = ""  # wp_insert_post(): private posts have no password
    check_not_empty(post)
    _apply_dates(post, fields, creating=creating)
    _schedule(post)
    check_columns(post, creating=creating)
    return extras


#: wp_posts columns wpdb checks before a write, by our field name, in wp_insert_post()'s order
POST_COLUMNS = {
    "content": "post_content",
    "title": "post_title",
    "excerpt": "post_excerpt",
    "password": "post_password",
    "slug": "post_name",
    "mime_type": "post_mime_type",
    "guid": "guid",
}
TEXT_COLUMN_BYTES = {"title": 65535, "excerpt": 65535}  # MySQL TEXT; post_content is LONGTEXT


def check_columns(post: Post, *, creating: bool) -> None:
    """wpdb::process_fields(): a value longer than its column (a password over 255 characters,
    a title over 64 KB) fails the whole write with db_insert_error / db_update_error. WordPress
    answers those with 500; the fault is the request's, so here they are a 400."""
    too_long = overlong_fields(post, TEXT_COLUMN_BYTES)
    if not too_long:
        return
    columns = [column for name, column in POST_COLUMNS.items() if name in too_long]
    columns += [name for name in too_long if name not in POST_COLUMNS]
    if creating:
        error = WPError("db_insert_error", "Could not insert post into the database.", 400)
    else:
        error = WPError("db_update_error", "Could not update post in the database.", 400)
    if len(columns) == 1:
        detail = (
            "Processing the value for the following field failed: "
            f"{columns[0]}. The supplied value may be too long or contains invalid data."
        )
    else:
        detail = (
            "Processing the values for the following fields failed: "
            f"{', '.join(columns)}. The supplied values may be too long or contain invalid data."
        )
    error.additional_data = [f"WordPress database error: {detail}"]
    raise error


def _unique_own_slug(post: Post) -> str:
    """The post's slug made unique among its type (and, when hierarchical, its siblings)."""
    return unique_slug(
        post.slug,
        post.type,
        exclude_id=post.pk,
        parent_id=post.parent_id,
        hierarchical=bool(post.type_object and post.type_object.hierarchical),
    )


@transaction.atomic
def post_create(
    *, post_type: str, actor_id: int | None = None, kses: bool = False, **fields: Any
) -> Post:
    """wp_insert_post() for a new post of `post_type` (a draft unless `status` says
    otherwise), written by `actor_id` (its author unless `author` is given). `kses` filters
    the text as WordPress does for users without unfiltered_html. Who may do it is the
    caller's business (content.policies)."""
    post = Post(type=post_type, status="draft", author_id=actor_id)
    extras = _prepare_insert(post, fields, creating=True, kses=kses)
    post.modified = post.date  # wp_insert_post(): a new post was last modified when dated
    post.save()
    _set_terms(post, extras["terms"], creating=True)
    POST_META.update(post, extras["meta"])
    # the slug last: its lock (held until the commit) then covers as little as it can
    _assign_slug(post, fields.get("slug"))
    if post.status in FLOATING_STATUSES and post.slug and "slug" in fields:
        post.slug = _unique_own_slug(post)
    post.guid = initial_guid(post)
    post.save(update_fields=["slug", "guid"])
    return post


@transaction.atomic
def post_update(
    *, post: Post, actor_id: int | None = None, kses: bool = False, **fields: Any
) -> Post:
    """wp_update_post(): the given fields change; a revision (by `actor_id`) is stored when
    title, content or excerpt change."""
    was_trashed = post.status == Post.Status.TRASH
    extras = _prepare_insert(post, fields, creating=False, kses=kses)
    requested_slug = fields.get("slug")
    if was_trashed and post.status != Post.Status.TRASH:
        # wp_insert_post(): a post leaving the trash gets back the slug it had before
        desired = PostMeta.objects.filter(post=post, key="_wp_desired_post_slug")
        slug = desired.values_list("value", flat=True).first()
        desired.delete()
        if slug and not requested_slug:
            requested_slug = slug
    _assign_slug(post, requested_slug)
    if requested_slug and post.status in ("draft", "pending"):
        post.slug = _unique_own_slug(post)
    post.modified = now()
    post.save()
    _set_terms(post, extras["terms"], creating=False)
    POST_META.update(post, extras["meta"])
    save_revision(post, actor_id)
    return post


def save_revision(post: Post, actor_id: int | None) -> Post | None:
    """wp_save_post_revision(): after an update, a copy of the post when it changed since the
    last revision (always on the first update)."""
    type_object = post.type_object
    if type_object is None or "revisions" not in type_object.supports:
        return None
    if post.status == "auto-draft":
        return None
    last = (
        Post.objects.filter(type=Post.Type.REVISION, parent=post)
        .exclude(slug__contains="autosave")
        .order_by("-date", "-id")
        .first()
    )
    if last is not None and all(getattr(last, f) == getattr(post, f) for f in REVISIONED_FIELDS):
        return None
    revision = Post.objects.create(
        type=Post.Type.REVISION,
        status=Post.Status.INHERIT,
        parent=post,
        author_id=actor_id or post.author_id,
        title=post.title,
        content=post.content,
        excerpt=post.excerpt,
        date=post.modified,
        modified=post.modified,
        comment_status="closed",
        ping_status="closed",
    )
    revision.slug = f"{post.pk}-revision-v1"
    revision.guid = f"/?p={revision.pk}"
    revision.save(update_fields=["slug", "guid"])
    return revision


# --- autosaves (WP_REST_Autosaves_Controller::create_item) -------------------------------------
#: what prepare_item_for_database() copies onto the post; an autosave leaves terms, meta,
#: sticky, format, template and featured media alone
AUTOSAVE_FIELDS = frozenset(
    {
        "title",
        "content",
        "excerpt",
        "status",
        "author",
        "password",
        "date",
        "date_gmt",
        "slug",
        "parent",
        "menu_order",
        "comment_status",
        "ping_status",
    }
)


@transaction.atomic
def autosave_draft(*, post: Post, kses: bool = False, **fields: Any) -> Post:
    """The author autosaving their own draft: the draft itself is updated, and no revision is
    stored (DOING_AUTOSAVE)."""
    fields = {name: value for name, value in fields.items() if name in AUTOSAVE_FIELDS}
    _prepare_insert(post, fields, creating=False, kses=kses)
    requested_slug = fields.get("slug")
    _assign_slug(post, requested_slug)
    if requested_slug and post.status in ("draft", "pending"):
        post.slug = _unique_own_slug(post)
    post.modified = now()
    post.save()
    _set_terms(post, {}, creating=False)  # a post keeps at least the default category
    return post


def normalize_whitespace(text: str) -> str:
    """normalize_whitespace(): trimmed, line breaks and runs of blanks collapsed."""
    text = text.strip().replace("\r", "\n")
    return re.sub(r"[ \t]+", " ", re.sub(r"\n+", "\n", text))


def put_autosave(*, post: Post, actor_id: int | None, kses: bool = False, **fields: Any) -> Post:
    """create_post_autosave(): `actor_id`'s autosave revision of `post` ("<id>-autosave-v1"),
    created from the given title/content/excerpt, or the one they have replaced; sending what
    the post already has removes it (rest_autosave_no_changes)."""
    # prepare_item_for_database() runs first: its errors (an unknown author or parent) refuse
    # the autosave; the post itself is not changed
    fields = {name: value for name, value in fields.items() if name in AUTOSAVE_FIELDS}
    _apply_fields(copy.copy(post), fields, creating=False, kses=kses)
    sent: dict[str, str] = {}
    for name in REVISIONED_FIELDS:
        value = fields.get(name)
        if isinstance(value, str):
            if kses:
                value = kses_title(value) if name == "title" else kses_post(value)
            sent[name] = value
    slug = f"{post.pk}-autosave-v1"
    old = (
        Post.objects.filter(type=Post.Type.REVISION, parent=post, slug=slug, author_id=actor_id)
        .order_by("-date", "-id")
        .first()
    )
    stamp = now()
    if old is not None:
        if all(
            normalize_whitespace(sent[f]) == normalize_whitespace(getattr(post, f)) for f in sent
        ):
            old.delete()
            raise WPError(
                "rest_autosave_no_changes",
                "There is nothing to save. The autosave and the post content are the same.",
                400,
            )
        for name, value in sent.items():
            setattr(old, name, value)
        old.date = old.modified = stamp
        old.save()
        return old
    autosave = Post.objects.create(
        type=Post.Type.REVISION,
        status=Post.Status.INHERIT,
        parent=post,
        author_id=actor_id,
        title=sent.get("title", ""),
        content=sent.get("content", ""),
        excerpt=sent.get("excerpt", ""),
        date=stamp,
        modified=stamp,
        comment_status="closed",
        ping_status="closed",
        slug=slug,
    )
    autosave.guid = f"/?p={autosave.pk}"
    autosave.save(update_fields=["guid"])
    return autosave


def initial_guid(post: Post) -> str:
    """The permalink a post has when it is created (WordPress stores it as the guid): pretty
    for published and private posts, plain otherwise. Stored relative to the site and made
    absolute when shown."""
    if post.status in ("publish", "private") and post.slug:
        path, parent_id, seen = "", post.parent_id, set()
        while parent_id and parent_id not in seen:
            seen.add(parent_id)
            row = Post.objects.filter(pk=parent_id).values_list("slug", "parent_id").first()
            if row is None:
                break
            path, parent_id = f"{row[0]}/{path}", row[1]
        if post.type in BUILTIN_POST_LIKE:
            return f"/{post.slug}/"
        if post.type == "page":
            return f"/{path}{post.slug}/"
        return f"/{post.type}/{path}{post.slug}/"
    if post.type == "page":
        return f"/?page_id={post.pk}"
    if post.type in BUILTIN_POST_LIKE:
        return f"/?p={post.pk}"
    return f"/?post_type={post.type}&p={post.pk}"


@transaction.atomic
def post_trash(*, post: Post, actor_id: int | None = None) -> Post:
    """wp_trash_post(): status trash, the old status remembered, slug gets __trashed."""
    post.trashed_from_status = post.status
    post.status = Post.Status.TRASH
    post.sticky = False  # a trashed post leaves the sticky list, as in WordPress
    if post.slug:
        PostMeta.objects.filter(post=post, key="_wp_desired_post_slug").delete()
        PostMeta.objects.create(post=post, key="_wp_desired_post_slug", value=post.slug)
        if not post.slug.endswith("__trashed"):
            post.slug = f"{post.slug[:191]}__trashed"
    post.modified = now()
    post.save()
    save_revision(post, actor_id)
    return post


@transaction.atomic
def post_delete(*, post: Post) -> None:
    """wp_delete_post(force): children move up to the post's parent, attachments are
    detached, revisions, meta, comments and term relationships go with it."""
    Post.objects.filter(parent=post).exclude(
        type__in=[Post.Type.REVISION, Post.Type.ATTACHMENT]
    ).update(parent=post.parent_id)
    Post.objects.filter(parent=post, type=Post.Type.ATTACHMENT).update(parent=None)
    Post.objects.filter(parent=post, type=Post.Type.REVISION).delete()
    post.delete()  # the terms' counts follow (taxonomy.signals)
