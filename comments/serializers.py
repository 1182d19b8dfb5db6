"""The wp/v2 comment: WordPress's schema, fields per context and `_links`."""

from __future__ import annotations

from functools import cache
from typing import Any

from comments.formatting import comment_author_name, render_comment
from comments.meta import COMMENT_META
from comments.models import Comment
from comments.policies import is_moderator
from content.permalinks import post_permalink
from users.models import User
from users.serializers import gravatar_urls
from wpapi.dates import parse_request_date
from wpapi.errors import WPError
from wpapi.formatting import esc_url_raw, sanitize_text_field
from wpapi.links import rest_url, site_url
from wpapi.params import is_row_id, php_string
from wpapi.registry import get_post_type
from wpapi.schema import validate
from wpapi.serializers import WPSerializer

ALL = ["view", "edit", "embed"]


def _email_or_empty(value: Any, name: str) -> None:
    """author_email: a valid address, or empty (WordPress's check_comment_author_email(), which
    makes the value a string first)."""
    email = php_string(value)  # (an array is "Array", no address either)
    if email not in ("", "0"):
        validate(email, {"type": "string", "format": "email"}, name)


AVATAR = {"type": "string", "format": "uri", "context": ["embed", "view", "edit"]}

BASE_PROPERTIES: dict[str, Any] = {
    "id": {
        "description": "Unique identifier for the comment.",
        "type": "integer",
        "context": ALL,
        "readonly": True,
    },
    "author": {
        "description": "The ID of the user object, if author was a user.",
        "type": "integer",
        "context": ALL,
    },
    "author_email": {
        "description": "Email address for the comment author.",
        "type": "string",
        "format": "email",
        "context": ["edit"],
        # check_comment_author_email() is a sanitize callback: checked after the others
        "arg_options": {"validate_first": False, "validate": _email_or_empty},
    },
    "author_ip": {
        "description": "IP address for the comment author.",
        "type": "string",
        "format": "ip",
        "context": ["edit"],
    },
    "author_name": {
        "description": "Display name for the comment author.",
        "type": "string",
        "context": ALL,
    },
    "author_url": {
        "description": "URL for the comment author.",
        "type": "string",
        "format": "uri",
        "context": ALL,
    },
    "author_user_agent": {
        "description": "User agent for the comment author.",
        "type": "string",
        "context": ["edit"],
    },
    "content": {
        "description": "The content for the comment.",
        "type": "object",
        "context": ALL,
        # A string or {"raw": ...}: checked when the comment is prepared, as WordPress does.
        "arg_options": {"validate": False, "sanitize": False},
        "properties": {
            "raw": {
                "description": "Content for the comment, as it exists in the database.",
                "type": "string",
                "context": ["edit"],
            },
            "rendered": {
                "description": "HTML content for the comment, transformed for display.",
                "type": "string",
                "context": ALL,
                "readonly": True,
            },
        },
    },
    "date": {
        "description": "The date the comment was published, in the site's timezone.",
        "type": "string",
        "format": "date-time",
        "context": ALL,
    },
    "date_gmt": {
        "description": "The date the comment was published, as GMT.",
        "type": "string",
        "format": "date-time",
        "context": ["view", "edit"],
    },
    "link": {
        "description": "URL to the comment.",
        "type": "string",
        "format": "uri",
        "context": ALL,
        "readonly": True,
    },
    "parent": {
        "description": "The ID for the parent of the comment.",
        "type": "integer",
        "context": ALL,
        "default": 0,
    },
    "post": {
        "description": "The ID of the associated post object.",
        "type": "integer",
        "context": ["view", "edit"],
        "default": 0,
    },
    "status": {
        "description": "State of the comment.",
        "type": "string",
        "context": ["view", "edit"],
    },
    "type": {
        "description": "Type of the comment.",
        "type": "string",
        "context": ALL,
        "readonly": True,
    },
    "author_avatar_urls": {
        "description": "Avatar URLs for the comment author.",
        "type": "object",
        "context": ALL,
        "readonly": True,
        "properties": {
            "24": {"description": "Avatar URL with image size of 24 pixels.", **AVATAR},
            "48": {"description": "Avatar URL with image size of 48 pixels.", **AVATAR},
            "96": {"description": "Avatar URL with image size of 96 pixels.", **AVATAR},
        },
    },
}


class CommentSerializer(WPSerializer):
    """A comment as /wp/v2/comments shows it. Reads only what the view loaded: the comment's
    post and user (select_related), `meta`, `has_children` and `ancestors` from
    prepare_items."""

    schema: dict[str, Any] = {
        "title": "comment",
        "type": "object",
        "properties": {**BASE_PROPERTIES},
    }

    def to_representation(self, comment: Comment) -> dict[str, Any]:
        request = self.context.get("request")
        wants = self.wants
        data: dict[str, Any] = {}
        if wants("id"):
            data["id"] = comment.pk
        if wants("post"):
            data["post"] = comment.post_id
        if wants("parent"):
            data["parent"] = comment.parent_id or 0
        if wants("author"):
            data["author"] = comment.user_id or 0
        self.put_fields(
            data,
            comment,
            "author_name",
            "author_email",
            "author_url",
            "author_ip",
            "author_user_agent",
        )
        self.put_date(data, "date", comment.date)
        if wants("content"):
            rendered = render_comment(
                comment.content, site_url(request), self.context.get("smilies", True)
            )
            data["content"] = {"rendered": rendered, "raw": comment.content}
        if wants("link"):
            link = post_permalink(
                site_url(request), comment.post, self.context.get("ancestors", {})
            )
            data["link"] = f"{link}#comment-{comment.pk}"
        if wants("status"):
            data["status"] = comment.api_status
        if wants("type"):
            data["type"] = comment.type or "comment"
        if wants("author_avatar_urls"):
            data["author_avatar_urls"] = self.avatars(comment, request)
        if wants("meta"):
            data["meta"] = COMMENT_META.value(self.context.get("meta", {}).get(comment.pk))
        return data

    def avatars(self, comment: Comment, request: Any) -> dict[str, Any]:
        # get_avatar_comment_types(): only comments have avatars; pingbacks get false.
        if comment.type not in ("comment", ""):
            return {"24": False, "48": False, "96": False}
        email = comment.user.email if comment.user_id and comment.user else comment.author_email
        secure = bool(request is not None and request.is_secure()) or site_url(request).startswith(
            "https:"
        )
        return gravatar_urls(email, secure)

    def links(self, comment: Comment) -> dict[str, list[dict[str, Any]]]:
        request = self.context.get("request")
        links: dict[str, list[dict[str, Any]]] = {
            "self": [{"href": rest_url(request, f"/wp/v2/comments/{comment.pk}")}],
            "collection": [{"href": rest_url(request, "/wp/v2/comments")}],
        }
        if comment.user_id:
            links["author"] = [
                {"embeddable": True, "href": rest_url(request, f"/wp/v2/users/{comment.user_id}")}
            ]
        post = comment.post
        kind = get_post_type(post.type)
        base = (kind.rest_base or kind.slug) if kind else post.type
        links["up"] = [
            {
                "embeddable": True,
                "post_type": post.type,
                "href": rest_url(request, f"/wp/v2/{base}/{post.pk}"),
            }
        ]
        if comment.parent_id:
            links["in-reply-to"] = [
                {
                    "embeddable": True,
                    "href": rest_url(request, f"/wp/v2/comments/{comment.parent_id}"),
                }
            ]
        if comment.pk in self.context.get("has_children", ()):
            links["children"] = [
                {
                    "embeddable": True,
                    "href": rest_url(request, "/wp/v2/comments", {"parent": comment.pk}),
                }
            ]
        return links


@cache
def _serializer_for(signature: str) -> type[CommentSerializer]:
    meta = COMMENT_META.field_schema()
    schema = {**CommentSerializer.schema, "properties": {**BASE_PROPERTIES, "meta": meta}}
    return type("CommentSerializer", (CommentSerializer,), {"schema": schema})


def comment_serializer_class() -> type[CommentSerializer]:
    """The serializer with the currently registered comment meta in its schema."""
    return _serializer_for(COMMENT_META.signature())


# --- writes: the request's fields as the comment services take them ---------------------------
def author_fields(user: Any) -> dict[str, Any]:
    """A registered user's comment author fields, from their account."""
    return {
        "user_id": user.pk,
        "author_name": user.display_name,
        "author_email": user.email,
        "author_url": user.url,
    }


def comment_write_fields(
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
            if is_row_id(params["author"])
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
