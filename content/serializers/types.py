"""/wp/v2/types and /wp/v2/statuses items (WP_REST_Post_Types_Controller,
WP_REST_Post_Statuses_Controller)."""

from __future__ import annotations

from typing import Any

from content.serializers.schema import ALL, VIEW_EDIT
from wpapi.links import rest_url
from wpapi.registry import PostStatus, PostType, type_taxonomies
from wpapi.serializers import WPSerializer

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
        from wpapi.registry import post_type_caps_for

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
            "visibility": {
                "show_in_nav_menus": post_type.slug != "attachment" and post_type.viewable,
                "show_ui": post_type.show_ui,
            },
            "viewable": post_type.viewable,
            "labels": {
                **type_labels(post_type),
                **(ATTACHMENT_LABELS if post_type.slug == "attachment" else {}),
            },
            "name": post_type.name,
            "slug": post_type.slug,
            "icon": post_type.icon,
            "supports": {feature: True for feature in post_type.supports},
            "taxonomies": [tax.slug for tax in type_taxonomies(post_type.slug)],
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
    links_always = True  # prepare_item_for_response() adds `archives` whatever _fields says

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
