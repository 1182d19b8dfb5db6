"""Query arguments of /wp/v2/media (the posts arguments plus media_type, mime_type, parent and
`status` defaulting to `inherit`) and the function applying them."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Lower

from content.filters import POST_ORDERBY, by_author_and_id, check_orderby_has_its_argument
from content.media.files import MIME_TYPES, media_types
from content.models import Post
from wpapi.dates import parse_request_date
from wpapi.viewsets import EXCLUDE_ARG, INCLUDE_ARG, OFFSET_ARG, collection_params, order_arg

INT_LIST = {"type": "array", "items": {"type": "integer"}, "default": []}


def media_collection_args() -> dict[str, dict[str, Any]]:
    """get_collection_params() of WP_REST_Attachments_Controller (WordPress 6.1)."""
    groups = list(media_types().keys())
    return collection_params(
        after={
            "description": "Limit response to posts published after a given ISO8601 "
            "compliant date.",
            "type": "string",
            "format": "date-time",
        },
        modified_after={
            "description": "Limit response to posts modified after a given ISO8601 compliant date.",
            "type": "string",
            "format": "date-time",
        },
        author={
            "description": "Limit result set to posts assigned to specific authors.",
            **INT_LIST,
        },
        author_exclude={
            "description": "Ensure result set excludes posts assigned to specific authors.",
            **INT_LIST,
        },
        before={
            "description": "Limit response to posts published before a given ISO8601 "
            "compliant date.",
            "type": "string",
            "format": "date-time",
        },
        modified_before={
            "description": "Limit response to posts modified before a given "
            "ISO8601 compliant date.",
            "type": "string",
            "format": "date-time",
        },
        exclude=EXCLUDE_ARG,
        include=INCLUDE_ARG,
        offset=OFFSET_ARG,
        order=order_arg("desc"),
        orderby={
            "description": "Sort collection by post attribute.",
            "type": "string",
            "default": "date",
            "enum": list(POST_ORDERBY),
        },
        parent={"description": "Limit result set to items with particular parent IDs.", **INT_LIST},
        parent_exclude={
            "description": "Limit result set to all items except those of a particular parent ID.",
            **INT_LIST,
        },
        slug={
            "description": "Limit result set to posts with one or more specific slugs.",
            "type": "array",
            "items": {"type": "string"},
        },
        status={
            "default": "inherit",
            "description": "Limit result set to posts assigned one or more statuses.",
            "type": "array",
            "items": {"enum": ["inherit", "private", "trash"], "type": "string"},
        },
        media_type={
            "default": None,
            "description": "Limit result set to attachments of a particular media type.",
            "type": "string",
            "enum": groups,
        },
        mime_type={
            "default": None,
            "description": "Limit result set to attachments of a particular MIME type.",
            "type": "string",
        },
    )


def _date(value: str | None) -> datetime | None:
    return parse_request_date(value, is_gmt=False) if value else None


def _search(attachments: QuerySet[Post], search: str) -> QuerySet[Post]:
    """WP_Query's search: every word in the title, caption, description or (for attachments)
    the file name; a leading "-" excludes a word."""
    words = [raw.strip('"') for raw in re.findall(r'"[^"]*"|\S+', search)]
    for word in words:
        if not word:
            continue
        if word.startswith("-") and len(word) > 1:
            term = word[1:]
            attachments = attachments.exclude(
                Q(title__icontains=term) | Q(excerpt__icontains=term) | Q(content__icontains=term)
            )
            continue
        attachments = attachments.filter(
            Q(title__icontains=word)
            | Q(excerpt__icontains=word)
            | Q(content__icontains=word)
            | Q(file__icontains=word)
        )
    return attachments


MAX_ID = 2**63 - 1


def _ids(values: Any) -> list[int]:
    """IDs a database can hold (a larger one matches nothing, as in MySQL)."""
    return [value for value in values or [] if isinstance(value, int) and 0 <= value <= MAX_ID]


def filter_media(attachments: QuerySet[Post], params: dict[str, Any]) -> QuerySet[Post]:
    """prepare_items_query(): every argument as WP_Query applies it."""
    params = dict(params)
    for name in ("author", "author_exclude", "include", "exclude", "parent", "parent_exclude"):
        if params.get(name):
            wanted = _ids(params[name])
            if name in ("include", "author", "parent") and not wanted:
                return attachments.none()
            params[name] = wanted
    statuses = params.get("status") or ["inherit"]
    if isinstance(statuses, str):
        statuses = [statuses]
    attachments = attachments.filter(status__in=statuses)
    attachments = by_author_and_id(attachments, params)
    if params.get("slug"):
        attachments = attachments.filter(slug__in=params["slug"])
    parents = params.get("parent")
    if parents:
        has_zero = 0 in parents
        condition = Q(parent_id__in=[p for p in parents if p])
        if has_zero:
            condition |= Q(parent__isnull=True)
        attachments = attachments.filter(condition)
    excluded = params.get("parent_exclude")
    if excluded:
        attachments = attachments.exclude(parent_id__in=[p for p in excluded if p])
        if 0 in excluded:
            attachments = attachments.exclude(parent__isnull=True)
    for name, lookup in (
        ("after", "date__gt"),
        ("before", "date__lt"),
        ("modified_after", "modified__gt"),
        ("modified_before", "modified__lt"),
    ):
        value = _date(params.get(name))
        if value is not None:
            attachments = attachments.filter(**{lookup: value})
    groups = media_types()
    mimes: list[str] | None = None
    if params.get("media_type") in groups:
        mimes = groups[params["media_type"]]
    mime = params.get("mime_type")
    if mime:
        group = mime.split("/", 1)[0]
        if mime in groups.get(group, []):
            mimes = [mime]
    if mimes is not None:
        attachments = attachments.filter(mime_type__in=mimes)
    if params.get("search"):
        attachments = _search(attachments, params["search"])
    return order_media(attachments, params)


def order_media(attachments: QuerySet[Post], params: dict[str, Any]) -> QuerySet[Post]:
    orderby = params.get("orderby", "date")
    descending = params.get("order", "desc") == "desc"
    sign = "-" if descending else ""
    check_orderby_has_its_argument(params)
    if orderby == "include":
        whens = [When(pk=pk, then=Value(index)) for index, pk in enumerate(params["include"])]
        return attachments.order_by(Case(*whens, output_field=IntegerField()))
    if orderby == "include_slugs" and params.get("slug"):
        whens = [When(slug=slug, then=Value(index)) for index, slug in enumerate(params["slug"])]
        return attachments.order_by(Case(*whens, output_field=IntegerField()))
    if orderby == "relevance":
        search = params["search"]
        rank = Case(
            When(title__icontains=search, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return attachments.order_by(rank, "-date", "-id")
    column = {
        "author": "author_id",
        "date": "date",
        "id": "id",
        "modified": "modified",
        "parent": "parent_id",
        "slug": "slug",
        "title": Lower("title"),
        "include_slugs": "date",
    }[orderby]
    if isinstance(column, str):
        return attachments.order_by(f"{sign}{column}", f"{sign}id")
    return attachments.order_by(column.desc() if descending else column.asc(), f"{sign}id")


__all__ = ["MIME_TYPES", "filter_media", "media_collection_args"]
