"""The wp/v2 shape of posts, pages and registered post types, of post types and of statuses.

One serializer class serves every post type: `PostSerializer.for_type("page")` returns the
class for one type, whose `schema` is WordPress's item schema for that type (posts have sticky,
format and their taxonomies; hierarchical types parent; page-attributes menu_order), copied from
WordPress 6.1's own (see options-posts.json / options-pages.json in the reference dump).
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings

from content.formatting import render_content, render_excerpt, render_title
from content.models import Post
from content.registry import (
    FIXED_SUPPORTS,
    PostStatus,
    PostType,
    get_post_type,
    registered_meta,
)
from users.capabilities import user_can
from wpapi.links import rest_url, site_url
from wpapi.schema import SchemaError
from wpapi.serializers import WPSerializer

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


def _template_arg(value: Any, name: str) -> None:
    allowed = list(getattr(settings, "WP_TEMPLATES", ()))
    if not isinstance(value, str):
        raise SchemaError("rest_invalid_type", f"{name} is not of type string.", {"param": name})
    if value and value not in allowed:
        raise SchemaError("rest_invalid_param", f"template is not one of {', '.join(allowed)}.")


def meta_schema(post_type: str) -> dict[str, Any]:
    properties = {}
    for key, options in registered_meta(post_type).items():
        prop = {
            "type": options.get("type", "string"),
            "description": options.get("description", ""),
            "default": options.get("default", _empty_meta(options.get("type", "string"))),
        }
        prop.update(options.get("schema", {}))
        if not options.get("single", False):
            prop = {"type": "array", "items": prop}
        properties[key] = prop
    return {
        "description": "Meta fields.",
        "type": "object",
        "context": VIEW_EDIT,
        "properties": properties,
    }


def _empty_meta(kind: str) -> Any:
    return {
        "string": "",
        "boolean": False,
        "integer": 0,
        "number": 0,
        "array": [],
        "object": [],
    }.get(kind, "")


def build_schema(post_type: PostType, taxonomies: tuple[Any, ...]) -> dict[str, Any]:
    """get_item_schema() for one post type."""
    supports = set(FIXED_SUPPORTS.get(post_type.slug, post_type.supports))
    props: dict[str, Any] = {
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
    }
    if post_type.viewable:
        props["permalink_template"] = {
            "description": "Permalink template for the post.",
            "type": "string",
            "context": ["edit"],
            "readonly": True,
        }
        props["generated_slug"] = {
            "description": "Slug automatically generated from the post title.",
            "type": "string",
            "context": ["edit"],
            "readonly": True,
        }
    if post_type.hierarchical:
        props["parent"] = {
            "description": "The ID for the parent of the post.",
            "type": "integer",
            "context": VIEW_EDIT,
        }
    text_options = {"validate": _text_arg, "sanitize": False}
    if "title" in supports:
        props["title"] = {
            "description": "The title for the post.",
            "type": "object",
            "context": ALL,
            "arg_options": text_options,
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
        }
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
        props["author"] = {
            "description": "The ID for the author of the post.",
            "type": "integer",
            "context": ALL,
        }
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
        props["comment_status"] = {
            "description": "Whether or not comments are open on the post.",
            "type": "string",
            "enum": ["open", "closed"],
            "context": VIEW_EDIT,
        }
        props["ping_status"] = {
            "description": "Whether or not the post can be pinged.",
            "type": "string",
            "enum": ["open", "closed"],
            "context": VIEW_EDIT,
        }
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
    props["meta"] = meta_schema(post_type.slug)
    if post_type.slug == "post":
        props["sticky"] = {
            "description": "Whether or not the post should be treated as sticky.",
            "type": "boolean",
            "context": VIEW_EDIT,
        }
    props["template"] = {
        "description": "The theme file to use to display the post.",
        "type": "string",
        "context": VIEW_EDIT,
        "arg_options": {"validate": _template_arg},
    }
    for taxonomy in taxonomies:
        props[taxonomy.rest_base] = {
            "description": f"The terms assigned to the post in the {taxonomy.slug} taxonomy.",
            "type": "array",
            "items": {"type": "integer"},
            "context": VIEW_EDIT,
        }
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


def local(value: Any) -> str:
    return value.astimezone(ZoneInfo(settings.WP_TIMEZONE)).strftime("%Y-%m-%dT%H:%M:%S")


def gmt(value: Any) -> str:
    return value.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%dT%H:%M:%S")


class PostSerializer(WPSerializer):
    """A post of any type, as WP_REST_Posts_Controller::prepare_item_for_response()."""

    post_type = "post"
    schema: dict[str, Any] = {"title": "post", "type": "object", "properties": {}}

    @classmethod
    def for_type(cls, slug: str) -> type[PostSerializer]:
        from taxonomy.registry import taxonomies_for

        post_type = get_post_type(slug)
        if post_type is None:
            raise LookupError(slug)
        # the schema depends on registered meta too (settings), so that is part of the key
        meta_key = json.dumps(registered_meta(slug), sort_keys=True, default=str)
        return _serializer_for(post_type, tuple(taxonomies_for(slug)), meta_key)

    # --- helpers reading the per-page data the view loaded -----------------------------------
    @property
    def type_object(self) -> PostType:
        return get_post_type(self.post_type)

    @property
    def user(self) -> Any:
        return self.context["request"].user

    def rest_base(self) -> str:
        return self.type_object.rest_base or self.post_type

    def can_see_protected(self, post: Post) -> bool:
        """can_access_password_content()."""
        if not post.password:
            return True
        if self.wp_context == "edit" and user_can(self.user, "edit_post", post):
            return True
        return self.context.get("password") == post.password

    def permalink(self, post: Post, sample: bool = False) -> str:
        home = site_url(self.context.get("request"))
        plain = not sample and (post.status not in ("publish", "private") or not post.slug)
        if sample and post.status in ("trash",):
            plain = True
        if plain:
            if post.type == "page":
                return f"{home}/?page_id={post.pk}"
            if post.type == "post":
                return f"{home}/?p={post.pk}"
            return f"{home}/?post_type={post.type}&p={post.pk}"
        slug = (
            "%pagename%"
            if sample and post.type == "page"
            else (
                "%postname%"
                if sample and post.type == "post"
                else (f"%{post.type}%" if sample else post.slug)
            )
        )
        if post.type == "post":
            return f"{home}/{slug}/"
        path = self.ancestor_path(post)
        if post.type == "page":
            return f"{home}/{path}{slug}/"
        return f"{home}/{post.type}/{path}{slug}/"

    def ancestor_path(self, post: Post) -> str:
        slugs = []
        ancestors = self.context.get("ancestors", {})
        parent_id, seen = post.parent_id, set()
        while parent_id and parent_id in ancestors and parent_id not in seen:
            seen.add(parent_id)
            parent_slug, parent_id = ancestors[parent_id]
            slugs.append(parent_slug)
        return "".join(f"{slug}/" for slug in reversed(slugs))

    def guid(self, post: Post) -> str:
        if post.guid.startswith("/"):
            return site_url(self.context.get("request")) + post.guid
        return post.guid

    # --- the item ------------------------------------------------------------------------------
    def to_representation(self, post: Post) -> dict[str, Any]:  # noqa: C901 - one field each
        want = self.wants
        props = self.schema["properties"]
        data: dict[str, Any] = {}
        if want("id"):
            data["id"] = post.pk
        if want("date"):
            data["date"] = local(post.date)
        if want("date_gmt"):
            data["date_gmt"] = gmt(post.date)
        if want("guid"):
            data["guid"] = {"rendered": self.guid(post), "raw": self.guid(post)}
        if want("modified"):
            data["modified"] = local(post.modified)
        if want("modified_gmt"):
            data["modified_gmt"] = gmt(post.modified)
        if want("password"):
            data["password"] = post.password
        if want("slug"):
            data["slug"] = post.slug
        if want("status"):
            data["status"] = post.status
        if want("type"):
            data["type"] = post.type
        if want("link"):
            data["link"] = self.permalink(post)
        if "title" in props and want("title"):
            # get_the_title(): "Private: " stays; REST drops only the "Protected: " prefix
            shown = post.title
            if post.status == "private" and not post.password:
                shown = f"Private: {shown}"
            data["title"] = {"raw": post.title, "rendered": render_title(shown)}
        visible = self.can_see_protected(post)
        if "content" in props and want("content"):
            data["content"] = {
                "raw": post.content,
                "rendered": render_content(post.content) if visible else "",
                "protected": bool(post.password),
                "block_version": 1 if "<!-- wp:" in post.content else 0,
            }
        if "excerpt" in props and want("excerpt"):
            data["excerpt"] = {
                "raw": post.excerpt,
                "rendered": render_excerpt(post.excerpt, post.content) if visible else "",
                "protected": bool(post.password),
            }
        if "author" in props and want("author"):
            data["author"] = post.author_id or 0
        if "featured_media" in props and want("featured_media"):
            data["featured_media"] = post.featured_media_id or 0
        if "parent" in props and want("parent"):
            data["parent"] = post.parent_id or 0
        if "menu_order" in props and want("menu_order"):
            data["menu_order"] = post.menu_order
        if "comment_status" in props and want("comment_status"):
            data["comment_status"] = post.comment_status
        if "ping_status" in props and want("ping_status"):
            data["ping_status"] = post.ping_status
        if "sticky" in props and want("sticky"):
            data["sticky"] = post.sticky
        if want("template"):
            data["template"] = post.template
        if "format" in props and want("format"):
            data["format"] = post.format or "standard"
        if want("meta"):
            data["meta"] = self.meta(post)
        terms = self.context.get("terms", {}).get(post.pk, {})
        from taxonomy.registry import taxonomies_for

        for taxonomy in taxonomies_for(post.type):
            if taxonomy.rest_base in props and want(taxonomy.rest_base):
                data[taxonomy.rest_base] = terms.get(taxonomy.slug, [])
        if "permalink_template" in props and want("permalink_template"):
            data["permalink_template"] = self.permalink(post, sample=True)
        if "generated_slug" in props and want("generated_slug"):
            data["generated_slug"] = self.context.get("generated_slugs", {}).get(post.pk, "")
        return data

    def meta(self, post: Post) -> Any:
        registered = registered_meta(post.type)
        if not registered:
            return []
        values = self.context.get("meta", {}).get(post.pk, {})
        result = {}
        for key, options in registered.items():
            stored = values.get(key, [])
            kind = options.get("type", "string")
            if options.get("single", False):
                result[key] = (
                    _meta_value(stored[0], kind)
                    if stored
                    else options.get("default", _empty_meta(kind))
                )
            else:
                result[key] = [_meta_value(value, kind) for value in stored]
        return result

    # --- _links -------------------------------------------------------------------------------
    def links(self, post: Post) -> dict[str, list[dict[str, Any]]]:
        request = self.context.get("request")
        base = f"/wp/v2/{self.rest_base()}"
        supports = set(self.type_object.supports)
        links: dict[str, list[dict[str, Any]]] = {
            "self": [{"href": rest_url(request, f"{base}/{post.pk}")}],
            "collection": [{"href": rest_url(request, base)}],
            "about": [{"href": rest_url(request, f"/wp/v2/types/{post.type}")}],
        }
        if "author" in supports and post.author_id:
            links["author"] = [
                {"embeddable": True, "href": rest_url(request, f"/wp/v2/users/{post.author_id}")}
            ]
        if "comments" in supports:
            links["replies"] = [
                {"embeddable": True, "href": rest_url(request, f"/wp/v2/comments?post={post.pk}")}
            ]
        if "revisions" in supports:
            count, last = self.context.get("revisions", {}).get(post.pk, (0, None))
            links["version-history"] = [
                {"count": count, "href": rest_url(request, f"{base}/{post.pk}/revisions")}
            ]
            if count:
                links["predecessor-version"] = [
                    {"id": last, "href": rest_url(request, f"{base}/{post.pk}/revisions/{last}")}
                ]
        if self.type_object.hierarchical and post.parent_id:
            parent_type = self.context.get("parent_types", {}).get(post.parent_id, post.type)
            parent_object = get_post_type(parent_type)
            parent_base = (parent_object.rest_base if parent_object else "") or parent_type
            links["up"] = [
                {
                    "embeddable": True,
                    "href": rest_url(request, f"/wp/v2/{parent_base}/{post.parent_id}"),
                }
            ]
        if post.featured_media_id:
            links["wp:featuredmedia"] = [
                {
                    "embeddable": True,
                    "href": rest_url(request, f"/wp/v2/media/{post.featured_media_id}"),
                }
            ]
        if post.type not in ("attachment", "revision"):
            links["wp:attachment"] = [{"href": rest_url(request, f"/wp/v2/media?parent={post.pk}")}]
        from taxonomy.registry import taxonomies_for

        taxonomies = taxonomies_for(post.type)
        if taxonomies:
            links["wp:term"] = [
                {
                    "taxonomy": tax.slug,
                    "embeddable": True,
                    "href": rest_url(request, f"/wp/v2/{tax.rest_base}?post={post.pk}"),
                }
                for tax in taxonomies
            ]
        if self.wp_context == "edit":
            self_href = rest_url(request, f"{base}/{post.pk}")
            for rel in self.available_actions(taxonomies):
                links[f"wp:{rel}"] = [{"href": self_href}]
        return links

    def available_actions(self, taxonomies: list[Any]) -> list[str]:
        """get_available_actions(): what the current user may do, for editors' UIs."""
        from content.registry import post_type_caps_for

        user = self.user
        caps = post_type_caps_for(self.post_type)
        rels = []
        if user_can(user, caps["publish_posts"]):
            rels.append("action-publish")
        if user_can(user, "unfiltered_html"):
            rels.append("action-unfiltered-html")
        if (
            self.post_type == "post"
            and user_can(user, caps["edit_others_posts"])
            and user_can(user, caps["publish_posts"])
        ):
            rels.append("action-sticky")
        if "author" in self.type_object.supports and user_can(user, caps["edit_others_posts"]):
            rels.append("action-assign-author")
        for tax in taxonomies:
            create_cap = tax.capabilities.get(
                "edit_terms" if tax.hierarchical else "assign_terms", "manage_categories"
            )
            if user_can(user, create_cap):
                rels.append(f"action-create-{tax.rest_base}")
            if user_can(user, tax.capabilities.get("assign_terms", "edit_posts")):
                rels.append(f"action-assign-{tax.rest_base}")
        return rels


def _meta_value(value: str, kind: str) -> Any:
    if kind == "integer":
        try:
            return int(value)
        except ValueError:
            return 0
    if kind == "number":
        try:
            return float(value)
        except ValueError:
            return 0
    if kind == "boolean":
        return value not in ("", "0", "false")
    if kind in ("array", "object"):
        import json

        try:
            return json.loads(value)
        except ValueError:
            return []
    return value


@cache
def _serializer_for(
    post_type: PostType, taxonomies: tuple[Any, ...], meta_key: str = ""
) -> type[PostSerializer]:
    name = "".join(part.title() for part in post_type.slug.replace("-", "_").split("_"))
    return type(
        f"{name}Serializer",
        (PostSerializer,),
        {"post_type": post_type.slug, "schema": build_schema(post_type, taxonomies)},
    )


# --- post types and statuses -----------------------------------------------------------------
TYPE_SCHEMA = {
    "title": "type",
    "type": "object",
    "properties": {
        "capabilities": {
            "description": "All capabilities used by the post type.",
            "type": "object",
            "context": ["edit"],
            "readonly": True,
        },
        "description": {
            "description": "A human-readable description of the post type.",
            "type": "string",
            "context": VIEW_EDIT,
            "readonly": True,
        },
        "hierarchical": {
            "description": "Whether or not the post type should have children.",
            "type": "boolean",
            "context": VIEW_EDIT,
            "readonly": True,
        },
        "viewable": {
            "description": "Whether or not the post type can be viewed.",
            "type": "boolean",
            "context": ["edit"],
            "readonly": True,
        },
        "labels": {
            "description": "Human-readable labels for the post type for various contexts.",
            "type": "object",
            "context": ["edit"],
            "readonly": True,
        },
        "name": {
            "description": "The title for the post type.",
            "type": "string",
            "context": ALL,
            "readonly": True,
        },
        "slug": {
            "description": "An alphanumeric identifier for the post type.",
            "type": "string",
            "context": ALL,
            "readonly": True,
        },
        "supports": {
            "description": "All features, supported by the post type.",
            "type": "object",
            "context": ["edit"],
            "readonly": True,
        },
        "has_archive": {
            "description": "If the value is a string, the value will be used as the "
            "archive slug. If the value is false the post type has "
            "no archive.",
            "type": ["string", "boolean"],
            "context": VIEW_EDIT,
            "readonly": True,
        },
        "taxonomies": {
            "description": "Taxonomies associated with post type.",
            "type": "array",
            "items": {"type": "string"},
            "context": VIEW_EDIT,
            "readonly": True,
        },
        "rest_base": {
            "description": "REST base route for the post type.",
            "type": "string",
            "context": ALL,
            "readonly": True,
        },
        "rest_namespace": {
            "description": "REST route's namespace for the post type.",
            "type": "string",
            "context": ALL,
            "readonly": True,
        },
        "visibility": {
            "description": "The visibility settings for the post type.",
            "type": "object",
            "context": ["edit"],
            "readonly": True,
            "properties": {
                "show_ui": {
                    "description": "Whether to generate a default UI for managing this post type.",
                    "type": "boolean",
                },
                "show_in_nav_menus": {
                    "description": "Whether to make the post type "
                    "available for selection in "
                    "navigation menus.",
                    "type": "boolean",
                },
            },
        },
        "icon": {
            "description": "The icon for the post type.",
            "type": ["string", "null"],
            "context": ALL,
            "readonly": True,
        },
    },
}


def type_labels(post_type: PostType) -> dict[str, Any]:
    """get_post_type_labels(): WordPress's defaults for posts and pages, named after the type."""
    if post_type.labels:
        return dict(post_type.labels)
    plural, single = post_type.name, post_type.singular_name
    hierarchical = post_type.hierarchical
    noun = "page" if hierarchical else "post"
    Noun = noun.title()  # noqa: N806
    nouns = f"{noun}s"
    if post_type.slug in ("post", "page"):
        s_low, p_low = single.lower(), plural.lower()
    else:
        s_low, p_low = noun, nouns
        single, plural = single, plural
    title_single = single if post_type.slug in ("post", "page") else Noun
    link_noun = s_low if post_type.slug in ("post", "page") else noun
    return {
        "name": plural,
        "singular_name": single,
        "add_new": "Add New",
        "add_new_item": f"Add New {title_single}",
        "edit_item": f"Edit {title_single}",
        "new_item": f"New {title_single}",
        "view_item": f"View {title_single}",
        "view_items": f"View {title_single}s",
        "search_items": f"Search {title_single}s",
        "not_found": f"No {p_low} found.",
        "not_found_in_trash": f"No {p_low} found in Trash.",
        "parent_item_colon": f"Parent {title_single}:" if hierarchical else None,
        "all_items": f"All {plural}",
        "archives": f"{title_single} Archives",
        "attributes": f"{title_single} Attributes",
        "insert_into_item": f"Insert into {s_low}",
        "uploaded_to_this_item": f"Uploaded to this {s_low}",
        "featured_image": "Featured image",
        "set_featured_image": "Set featured image",
        "remove_featured_image": "Remove featured image",
        "use_featured_image": "Use as featured image",
        "filter_items_list": f"Filter {p_low} list",
        "filter_by_date": "Filter by date",
        "items_list_navigation": f"{title_single}s list navigation",
        "items_list": f"{title_single}s list",
        "item_published": f"{title_single} published.",
        "item_published_privately": f"{title_single} published privately.",
        "item_reverted_to_draft": f"{title_single} reverted to draft.",
        "item_scheduled": f"{title_single} scheduled.",
        "item_updated": f"{title_single} updated.",
        "item_link": f"{title_single} Link",
        "item_link_description": f"A link to a {link_noun}.",
        "menu_name": plural,
        "name_admin_bar": single,
    }


# register_post_type("attachment") sets a few labels of its own
ATTACHMENT_LABELS = {
    "edit_item": "Edit Media",
    "view_item": "View Attachment Page",
    "all_items": "Media",
    "archives": "Media",
    "attributes": "Attachment Attributes",
}


class PostTypeSerializer(WPSerializer):
    """A post type, as WP_REST_Post_Types_Controller::prepare_item_for_response()."""

    schema = TYPE_SCHEMA

    def to_representation(self, post_type: PostType) -> dict[str, Any]:
        from content.registry import post_type_caps_for
        from taxonomy.registry import taxonomies_for

        caps = post_type_caps_for(post_type.slug)
        if post_type.slug == "attachment":
            caps = {**caps, "create_posts": "upload_files"}
        ordered_caps = {
            key: caps[key]
            for key in (
                "edit_post",
                "read_post",
                "delete_post",
                "edit_posts",
                "edit_others_posts",
                "delete_posts",
                "publish_posts",
                "read_private_posts",
                "read",
                "delete_private_posts",
                "delete_published_posts",
                "delete_others_posts",
                "edit_private_posts",
                "edit_published_posts",
                "create_posts",
            )
        }
        return {
            "capabilities": ordered_caps,
            "description": post_type.description,
            "hierarchical": post_type.hierarchical,
            "has_archive": False,
            "visibility": {"show_in_nav_menus": post_type.slug != "attachment", "show_ui": True},
            "viewable": post_type.viewable,
            "labels": {
                **type_labels(post_type),
                **(ATTACHMENT_LABELS if post_type.slug == "attachment" else {}),
            },
            "name": post_type.name,
            "slug": post_type.slug,
            "icon": post_type.icon,
            "supports": {feature: True for feature in post_type.supports},
            "taxonomies": [tax.slug for tax in taxonomies_for(post_type.slug)],
            "rest_base": post_type.rest_base or post_type.slug,
            "rest_namespace": "wp/v2",
        }

    def links(self, post_type: PostType) -> dict[str, list[dict[str, Any]]]:
        request = self.context.get("request")
        return {
            "collection": [{"href": rest_url(request, "/wp/v2/types")}],
            "wp:items": [
                {"href": rest_url(request, f"/wp/v2/{post_type.rest_base or post_type.slug}")}
            ],
        }


STATUS_SCHEMA = {
    "title": "status",
    "type": "object",
    "properties": {
        "name": {
            "description": "The title for the status.",
            "type": "string",
            "context": ["embed", "view", "edit"],
            "readonly": True,
        },
        "private": {
            "description": "Whether posts with this status should be private.",
            "type": "boolean",
            "context": ["edit"],
            "readonly": True,
        },
        "protected": {
            "description": "Whether posts with this status should be protected.",
            "type": "boolean",
            "context": ["edit"],
            "readonly": True,
        },
        "public": {
            "description": "Whether posts of this status should be shown in the front "
            "end of the site.",
            "type": "boolean",
            "context": VIEW_EDIT,
            "readonly": True,
        },
        "queryable": {
            "description": "Whether posts with this status should be publicly-queryable.",
            "type": "boolean",
            "context": VIEW_EDIT,
            "readonly": True,
        },
        "show_in_list": {
            "description": "Whether to include posts in the edit listing for their post type.",
            "type": "boolean",
            "context": ["edit"],
            "readonly": True,
        },
        "slug": {
            "description": "An alphanumeric identifier for the status.",
            "type": "string",
            "context": ["embed", "view", "edit"],
            "readonly": True,
        },
        "date_floating": {
            "description": "Whether posts of this status may have floating published dates.",
            "type": "boolean",
            "context": VIEW_EDIT,
            "readonly": True,
        },
    },
}


class PostStatusSerializer(WPSerializer):
    """A post status, as WP_REST_Post_Statuses_Controller::prepare_item_for_response()."""

    schema = STATUS_SCHEMA

    def to_representation(self, status: PostStatus) -> dict[str, Any]:
        return {
            "name": status.name,
            "private": status.private,
            "protected": status.protected,
            "public": status.public,
            "queryable": status.queryable,
            "show_in_list": status.show_in_list,
            "slug": status.slug,
            "date_floating": status.date_floating,
        }

    def links(self, status: PostStatus) -> dict[str, list[dict[str, Any]]]:
        request = self.context.get("request")
        url = rest_url(request, "/wp/v2/posts")
        if status.slug != "publish":
            url += f"?status={status.slug}"
        return {"archives": [{"href": url}]}
