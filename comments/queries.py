"""The comments collection's arguments and how they filter (WP_Comment_Query)."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from comments.models import Comment
from wpapi.dates import parse_request_date
from wpapi.formatting import sanitize_key
from wpapi.params import absint
from wpapi.schema import validated_first
from wpapi.viewsets import EXCLUDE_ARG, INCLUDE_ARG, OFFSET_ARG, collection_params, order_arg

ID_LIST = {"type": "array", "items": {"type": "integer"}}
ID_LISTS = ("author", "author_exclude", "exclude", "include", "parent", "parent_exclude", "post")
#: stands for an ID no database can hold: it matches nothing (and is never 0, "no parent")


def comment_collection_args() -> dict[str, dict[str, Any]]:
    return collection_params(
        after={
            "description": "Limit response to comments published after a given ISO8601 "
            "compliant date.",
            "type": "string",
            "format": "date-time",
        },
        author={
            "description": "Limit result set to comments assigned to specific user IDs. "
            "Requires authorization.",
            **ID_LIST,
        },
        author_exclude={
            "description": "Ensure result set excludes comments assigned to specific "
            "user IDs. Requires authorization.",
            **ID_LIST,
        },
        author_email={
            "default": None,
            "description": "Limit result set to that from a specific "
            "author email. Requires authorization.",
            "format": "email",
            "type": "string",
        },
        before={
            "description": "Limit response to comments published before a given ISO8601 "
            "compliant date.",
            "type": "string",
            "format": "date-time",
        },
        exclude=EXCLUDE_ARG,
        include=INCLUDE_ARG,
        offset=OFFSET_ARG,
        order=order_arg("desc"),
        orderby={
            "description": "Sort collection by comment attribute.",
            "type": "string",
            "default": "date_gmt",
            "enum": ["date", "date_gmt", "id", "include", "post", "parent", "type"],
        },
        parent={
            "default": [],
            "description": "Limit result set to comments of specific parent IDs.",
            **ID_LIST,
        },
        parent_exclude={
            "default": [],
            "description": "Ensure result set excludes specific parent IDs.",
            **ID_LIST,
        },
        post={
            "default": [],
            "description": "Limit result set to comments assigned to specific post IDs.",
            **ID_LIST,
        },
        # these two have a validate_callback: checked with the common arguments
        status=validated_first(
            {
                "default": "approve",
                "description": "Limit result set to comments assigned a "
                "specific status. Requires authorization.",
                "type": "string",
            }
        ),
        type=validated_first(
            {
                "default": "comment",
                "description": "Limit result set to comments assigned a "
                "specific type. Requires authorization.",
                "type": "string",
            }
        ),
        password={
            "description": "The password for the post if it is password protected.",
            "type": "string",
        },
    )


def normalise_list_params(params: dict[str, Any]) -> dict[str, Any]:
    """sanitize_key on status and type, as WordPress sanitises them before permission checks;
    IDs made absolute (wp_parse_id_list's absint), those too large to exist match nothing."""
    for name in ("status", "type"):
        if isinstance(params.get(name), str):
            params[name] = sanitize_key(params[name])
    for name in ID_LISTS:
        if isinstance(params.get(name), list):
            params[name] = [absint(value) for value in params[name] if isinstance(value, int)]
    if isinstance(params.get("offset"), int):
        params["offset"] = abs(params["offset"])
    return params


def _ids_q(field: str, ids: list[int]) -> Q:
    """`field IN ids`, where 0 means "no parent" (stored as NULL)."""
    query = Q(**{f"{field}__in": [i for i in ids if i]})
    if 0 in ids:
        query |= Q(**{f"{field}__isnull": True})
    return query


def filter_comments(
    comments: QuerySet[Comment], params: dict[str, Any], *, search_private_fields: bool
) -> QuerySet[Comment]:
    """Apply the collection arguments; `search_private_fields` lets search match author emails
    and IPs (moderators only: WordPress searches them for everyone, which lets anyone probe
    for an address)."""
    status = params.get("status", "approve")
    if status == "approve":
        comments = comments.filter(status=Comment.Status.APPROVED)
    elif status == "hold":
        comments = comments.filter(status=Comment.Status.HOLD)
    elif status in ("all", ""):
        comments = comments.filter(status__in=[Comment.Status.APPROVED, Comment.Status.HOLD])
    elif status != "any":
        comments = comments.filter(status=status)

    kind = params.get("type", "comment")
    if kind in ("comment", "comments"):
        comments = comments.filter(type__in=["comment", ""])
    elif kind == "pings":
        comments = comments.filter(type__in=["pingback", "trackback"])
    elif kind not in ("all", ""):
        comments = comments.filter(type=kind)

    if params.get("post"):
        comments = comments.filter(post_id__in=params["post"])
    if params.get("parent"):
        comments = comments.filter(_ids_q("parent", params["parent"]))
    if params.get("parent_exclude"):
        comments = comments.exclude(_ids_q("parent", params["parent_exclude"]))
    if params.get("include"):
        comments = comments.filter(pk__in=params["include"])
    if params.get("exclude"):
        comments = comments.exclude(pk__in=params["exclude"])
    if params.get("author"):
        comments = comments.filter(_ids_q("user", params["author"]))
    if params.get("author_exclude"):
        comments = comments.exclude(_ids_q("user", params["author_exclude"]))
    if params.get("author_email"):
        comments = comments.filter(author_email__iexact=params["author_email"])
    for name, lookup in (("after", "date__gt"), ("before", "date__lt")):
        if params.get(name):
            moment = parse_request_date(params[name], is_gmt=False)
            if moment is not None:
                comments = comments.filter(**{lookup: moment})
    search = (params.get("search") or "").replace("\x00", "")  # kses drops NULs; so does SQL
    if search:
        fields = ["author_name", "author_url", "content"]
        if search_private_fields:
            fields += ["author_email", "author_ip"]
        match = Q()
        for field in fields:
            match |= Q(**{f"{field}__icontains": search})
        comments = comments.filter(match)
    return order_comments(comments, params)


ORDER_FIELDS = {
    "date": "date",
    "date_gmt": "date",
    "id": "id",
    "post": "post_id",
    "parent": "parent_id",
    "type": "type",
}


def order_comments(comments: QuerySet[Comment], params: dict[str, Any]) -> QuerySet[Comment]:
    descending = params.get("order", "desc") == "desc"
    orderby = params.get("orderby", "date_gmt")
    sign = "-" if descending else ""
    if orderby == "include" and params.get("include"):
        position = Case(
            *[When(pk=pk, then=Value(index)) for index, pk in enumerate(params["include"])],
            output_field=IntegerField(),
        )
        return comments.order_by(position)
    if orderby == "include":
        orderby = "date_gmt"
    field = ORDER_FIELDS[orderby]
    if field == "id":
        return comments.order_by(f"{sign}id")
    if field == "parent_id":  # "no parent" is WordPress's 0, first in ascending order
        comments = comments.annotate(parent_or_zero=Coalesce("parent_id", 0))
        field = "parent_or_zero"
    # WordPress adds comment_ID as a tie-breaker: in the date's direction when ordering by a
    # date, otherwise always descending (WP_Comment_Query's rule).
    tie = f"{sign}id" if field == "date" else "-id"
    return comments.order_by(f"{sign}{field}", tie)
