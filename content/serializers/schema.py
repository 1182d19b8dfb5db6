"""WordPress 6.1's item schema for one post type (get_item_schema), copied from its own
(options-posts.json / options-pages.json in the reference dump), and the schema's action links."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings

from content.meta_fields import POST_META
from wpapi.params import php_intval
from wpapi.registry import CORE_TYPES, FIXED_SUPPORTS, PostType
from wpapi.schema import SchemaError

VIEW_EDIT = ["view", "edit"]
ALL = ["view", "edit", "embed"]
POST_FORMATS = [
    "standard",
    "aside",
    "chat",
    "gallery",
    "link",
    "image",
    "quote",
    "status",
    "video",
    "audio",
]


def _text_arg(value: Any, name: str) -> None:
    """title, content and excerpt take a string or {"raw": string} (WordPress validates
    neither)."""


def page_templates(post_type: str) -> list[str]:
    """WP_Theme::get_page_templates(): the templates a post of `post_type` may name, in the
    order the theme gives them. settings.WP_TEMPLATES is either a list (templates for pages,
    as a classic theme's "Template Name" files are by default) or {template: [post types]}
    (a block theme's customTemplates with their postTypes)."""
    templates = getattr(settings, "WP_TEMPLATES", ())
    if isinstance(templates, Mapping):
        return [name for name, types in templates.items() if post_type in types]
    return list(templates) if post_type == "page" else []


def template_validator(post_type: str, post_id: Any = None) -> Callable[[Any, str], None]:
    """check_template() for a write on `post_type`. When the request names a post by ID and it
    exists, its own type's templates apply, and the template it already has is accepted."""

    def check(value: Any, name: str) -> None:
        if php_empty(value):
            return
        post = None
        if post_id is not None:
            from content.models import Post

            pk = php_intval(post_id)
            post = Post.objects.filter(pk=pk).values_list("type", "template").first()
        if post is not None and post[1] not in ("", "default") and value == post[1]:
            return
        allowed = page_templates(post[0] if post is not None else post_type)
        key = int(value) if isinstance(value, bool | float) else value  # PHP's array keys
        if isinstance(key, int):
            key = str(key)
        if not isinstance(key, str) or key not in allowed:
            # a WP_Error without data; an array (a TypeError in WordPress) is refused the same
            raise SchemaError("rest_invalid_param", f"template is not one of {', '.join(allowed)}.")

    return check


def with_template_check(args: dict[str, Any], post_type: str, post_id: Any) -> dict[str, Any]:
    """An update's arguments with check_template() bound to the post the request names."""
    if "template" in args:
        options = {**args["template"].get("arg_options", {})}
        options["validate"] = template_validator(post_type, post_id)
        args["template"] = {**args["template"], "arg_options": options}
    return args


def php_empty(value: Any) -> bool:
    """PHP's empty(): false, 0, 0.0, "", "0", null and the empty array."""
    return value is None or value is False or value in (0, "", "0") or value == [] or value == {}


#: The properties every post type (and attachments) may share, as get_item_schema() writes
#: them; a schema picks its own with post_properties().
POST_PROPERTIES: dict[str, dict[str, Any]] = {
    "date": {
        "description": "The date the post was published, in the site's timezone.",
        "type": ["string", "null"],
        "format": "date-time",
        "context": ALL,
    },
    "date_gmt": {
        "description": "The date the post was published, as GMT.",
        "type": ["string", "null"],
        "format": "date-time",
        "context": VIEW_EDIT,
    },
    "guid": {
        "description": "The globally unique identifier for the post.",
        "type": "object",
        "context": VIEW_EDIT,
        "readonly": True,
        "properties": {
            "raw": {
                "description": "GUID for the post, as it exists in the database.",
                "type": "string",
                "context": ["edit"],
                "readonly": True,
            },
            "rendered": {
                "description": "GUID for the post, transformed for display.",
                "type": "string",
                "context": VIEW_EDIT,
                "readonly": True,
            },
        },
    },
    "id": {
        "description": "Unique identifier for the post.",
        "type": "integer",
        "context": ALL,
        "readonly": True,
    },
    "link": {
        "description": "URL to the post.",
        "type": "string",
        "format": "uri",
        "context": ALL,
        "readonly": True,
    },
    "modified": {
        "description": "The date the post was last modified, in the site's timezone.",
        "type": "string",
        "format": "date-time",
        "context": VIEW_EDIT,
        "readonly": True,
    },
    "modified_gmt": {
        "description": "The date the post was last modified, as GMT.",
        "type": "string",
        "format": "date-time",
        "context": VIEW_EDIT,
        "readonly": True,
    },
    "slug": {
        "description": "An alphanumeric identifier for the post unique to its type.",
        "type": "string",
        "context": ALL,
    },
    "status": {
        "description": "A named status for the post.",
        "type": "string",
        "enum": ["publish", "future", "draft", "pending", "private"],
        "context": VIEW_EDIT,
    },
    "type": {
        "description": "Type of post.",
        "type": "string",
        "context": ALL,
        "readonly": True,
    },
    "password": {
        "description": "A password to protect access to the content and excerpt.",
        "type": "string",
        "context": ["edit"],
    },
    "permalink_template": {
        "description": "Permalink template for the post.",
        "type": "string",
        "context": ["edit"],
        "readonly": True,
    },
    "generated_slug": {
        "description": "Slug automatically generated from the post title.",
        "type": "string",
        "context": ["edit"],
        "readonly": True,
    },
    "parent": {
        "description": "The ID for the parent of the post.",
        "type": "integer",
        "context": VIEW_EDIT,
    },
    "title": {
        "description": "The title for the post.",
        "type": "object",
        "context": ALL,
        "properties": {
            "raw": {
                "description": "Title for the post, as it exists in the database.",
                "type": "string",
                "context": ["edit"],
            },
            "rendered": {
                "description": "HTML title for the post, transformed for display.",
                "type": "string",
                "context": ALL,
                "readonly": True,
            },
        },
    },
    "author": {
        "description": "The ID for the author of the post.",
        "type": "integer",
        "context": ALL,
    },
    "comment_status": {
        "description": "Whether or not comments are open on the post.",
        "type": "string",
        "enum": ["open", "closed"],
        "context": VIEW_EDIT,
    },
    "ping_status": {
        "description": "Whether or not the post can be pinged.",
        "type": "string",
        "enum": ["open", "closed"],
        "context": VIEW_EDIT,
    },
    "template": {
        "description": "The theme file to use to display the post.",
        "type": "string",
        "context": VIEW_EDIT,
    },
}


def post_properties(*names: str) -> dict[str, Any]:
    """Fresh copies of the named shared properties, in the order given."""
    return {name: copy.deepcopy(POST_PROPERTIES[name]) for name in names}


def build_schema(post_type: PostType, taxonomies: tuple[Any, ...]) -> dict[str, Any]:
    """get_item_schema() for one post type."""
    supports = set(FIXED_SUPPORTS.get(post_type.slug, post_type.supports))
    props = post_properties(
        "date",
        "date_gmt",
        "guid",
        "id",
        "link",
        "modified",
        "modified_gmt",
        "slug",
        "status",
        "type",
        "password",
    )
    if post_type.viewable:
        props.update(post_properties("permalink_template", "generated_slug"))
    if post_type.hierarchical:
        props.update(post_properties("parent"))
    text_options = {"validate": _text_arg, "sanitize": False}
    if "title" in supports:
        props.update(post_properties("title"))
        props["title"]["arg_options"] = text_options
    if "editor" in supports:
        props["content"] = {
            "description": "The content for the post.",
            "type": "object",
            "context": VIEW_EDIT,
            "arg_options": text_options,
            "properties": {
                "raw": {
                    "description": "Content for the post, as it exists in the database.",
                    "type": "string",
                    "context": ["edit"],
                },
                "rendered": {
                    "description": "HTML content for the post, transformed for display.",
                    "type": "string",
                    "context": VIEW_EDIT,
                    "readonly": True,
                },
                "block_version": {
                    "description": "Version of the content block format used by the post.",
                    "type": "integer",
                    "context": ["edit"],
                    "readonly": True,
                },
                "protected": {
                    "description": "Whether the content is protected with a password.",
                    "type": "boolean",
                    "context": ALL,
                    "readonly": True,
                },
            },
        }
    if "author" in supports:
        props.update(post_properties("author"))
    if "excerpt" in supports:
        props["excerpt"] = {
            "description": "The excerpt for the post.",
            "type": "object",
            "context": ALL,
            "arg_options": text_options,
            "properties": {
                "raw": {
                    "description": "Excerpt for the post, as it exists in the database.",
                    "type": "string",
                    "context": ["edit"],
                },
                "rendered": {
                    "description": "HTML excerpt for the post, transformed for display.",
                    "type": "string",
                    "context": ALL,
                    "readonly": True,
                },
                "protected": {
                    "description": "Whether the excerpt is protected with a password.",
                    "type": "boolean",
                    "context": ALL,
                    "readonly": True,
                },
            },
        }
    if "thumbnail" in supports:
        props["featured_media"] = {
            "description": "The ID of the featured media for the post.",
            "type": "integer",
            "context": ALL,
        }
    if "comments" in supports:
        props.update(post_properties("comment_status", "ping_status"))
    if "page-attributes" in supports:
        props["menu_order"] = {
            "description": "The order of the post in relation to other posts.",
            "type": "integer",
            "context": VIEW_EDIT,
        }
    if "post-formats" in supports:
        props["format"] = {
            "description": "The format for the post.",
            "type": "string",
            "enum": POST_FORMATS,
            "context": VIEW_EDIT,
        }
    if "custom-fields" in supports or post_type.slug not in CORE_TYPES:
        # core's types have meta with custom-fields (reusable blocks and navigation menus
        # have none); a project's types keep theirs
        props["meta"] = POST_META.field_schema(post_type.slug)
    if post_type.slug == "post":
        props["sticky"] = {
            "description": "Whether or not the post should be treated as sticky.",
            "type": "boolean",
            "context": VIEW_EDIT,
        }
    props.update(post_properties("template"))
    props["template"]["arg_options"] = {"validate": template_validator(post_type.slug)}
    for taxonomy in taxonomies:
        props[taxonomy.rest_base] = {
            "description": f"The terms assigned to the post in the {taxonomy.slug} taxonomy.",
            "type": "array",
            "items": {"type": "integer"},
            "context": VIEW_EDIT,
        }
    if post_type.slug == "wp_block":
        # WP_REST_Blocks_Controller: a block's raw title and content are for every reader
        # (clients parse them), and a block has nothing rendered on its own
        for name in ("title", "content"):
            if name in props:
                props[name]["properties"]["raw"]["context"] = VIEW_EDIT
                props[name]["properties"].pop("rendered", None)
    return {"title": post_type.slug, "type": "object", "properties": props}


def schema_links(post_type: PostType, taxonomies: list[Any], href: str) -> list[dict[str, Any]]:
    """get_schema_links(): the action relations an editor UI may find in `_links`."""

    def link(rel: str, title: str, properties: dict[str, Any]) -> dict[str, Any]:
        return {
            "rel": f"https://api.w.org/{rel}",
            "title": title,
            "href": href,
            "targetSchema": {"type": "object", "properties": properties},
        }

    links = [
        link(
            "action-publish",
            "The current user can publish this post.",
            {"status": {"type": "string", "enum": ["publish", "future"]}},
        ),
        link(
            "action-unfiltered-html",
            "The current user can post unfiltered HTML markup and JavaScript.",
            {"content": {"raw": {"type": "string"}}},
        ),
    ]
    if post_type.slug == "post":
        links.append(
            link(
                "action-sticky",
                "The current user can sticky this post.",
                {"sticky": {"type": "boolean"}},
            )
        )
    if "author" in FIXED_SUPPORTS.get(post_type.slug, post_type.supports):
        links.append(
            link(
                "action-assign-author",
                "The current user can change the author on this post.",
                {"author": {"type": "integer"}},
            )
        )
    for tax in taxonomies:
        ids = {tax.rest_base: {"type": "array", "items": {"type": "integer"}}}
        links.append(
            link(
                f"action-assign-{tax.rest_base}",
                f"The current user can assign terms in the {tax.slug} taxonomy.",
                ids,
            )
        )
        links.append(
            link(
                f"action-create-{tax.rest_base}",
                f"The current user can create terms in the {tax.slug} taxonomy.",
                ids,
            )
        )
    return links
