"""Query arguments of /wp/v2/media (the posts arguments plus media_type, mime_type, parent and
`status` defaulting to `inherit`) and the function applying them."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from content.media.files import MIME_TYPES, media_types
from content.models import Post
from content.queries import POST_ORDERBY, post_query, query_posts, status_validator
from wpapi.viewsets import EXCLUDE_ARG, INCLUDE_ARG, OFFSET_ARG, collection_params, order_arg

INT_LIST = {"type": "array", "items": {"type": "integer"}, "default": []}


def media_collection_args(user: Any) -> dict[str, dict[str, Any]]:
    """get_collection_params() of WP_REST_Attachments_Controller (WordPress 6.1)."""
    groups = list(media_types().keys())
    args = collection_params(
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
    status = dict(args["status"])
    status["arg_options"] = {"validate": status_validator("attachment", user, status)}
    args["status"] = status
    return args


def filter_media(attachments: QuerySet[Post], params: dict[str, Any], user: Any) -> QuerySet[Post]:
    """prepare_items_query(): the posts' query with the attachments' own arguments (media_type,
    mime_type) and their search, which also looks at file names."""
    query = post_query(params, "attachment", default_status="inherit")
    groups = media_types()
    if params.get("media_type") in groups:
        query.post_mime_type = groups[params["media_type"]]
    mime = params.get("mime_type")
    if mime and mime in groups.get(mime.split("/", 1)[0], []):
        query.post_mime_type = [mime]
    query.search_filename = True
    return query_posts(user, query, attachments)


__all__ = ["MIME_TYPES", "filter_media", "media_collection_args"]
