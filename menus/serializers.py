"""The wp/v2 shape of menus (WP_REST_Menus_Controller), menu items
(WP_REST_Menu_Items_Controller) and menu locations (WP_REST_Menu_Locations_Controller)."""

from __future__ import annotations

import copy
from typing import Any

from content.formatting import render_title, sanitize_html_class
from content.meta_fields import POST_META
from content.serializers import PostSerializer
from menus.queries import MenuItem, registered_locations, xfn_list
from taxonomy.meta import TERM_META
from taxonomy.serializers import TermSerializer, term_schema
from wpapi import schema as wp_schema
from wpapi.formatting import esc_url_raw, sanitize_key, sanitize_text_field
from wpapi.links import rest_url
from wpapi.registry import get_taxonomy, post_statuses, type_taxonomies
from wpapi.schema import SchemaError
from wpapi.serializers import WPSerializer

ALL = ["view", "edit", "embed"]


# --- menus ---------------------------------------------------------------------------------------
def _validate_locations(value: Any, name: str) -> None:
    """Each location must be one the theme declares (rest_invalid_menu_location)."""
    schema = {"type": "array", "items": {"type": "string"}}
    wp_schema.validate(value, schema, name)
    declared = registered_locations()
    for location in wp_schema.sanitize(value, schema):
        if location not in declared:
            raise SchemaError(
                "rest_invalid_menu_location", "Invalid menu location.", {"location": location}
            )


def menu_schema() -> dict[str, Any]:
    """WP_REST_Menus_Controller::get_item_schema(): the terms' without count, link and
    taxonomy, with the menu's locations and auto_add."""
    taxonomy = get_taxonomy("nav_menu")
    assert taxonomy is not None
    schema = copy.deepcopy(term_schema(taxonomy))
    for name in ("count", "link", "taxonomy"):
        schema["properties"].pop(name, None)
    schema["properties"]["locations"] = {
        "description": "The locations assigned to the menu.",
        "type": "array",
        "items": {"type": "string"},
        "context": ["view", "edit"],
        "arg_options": {"validate": _validate_locations},
    }
    schema["properties"]["auto_add"] = {
        "description": "Whether to automatically add top level pages to this menu.",
        "context": ["view", "edit"],
        "type": "boolean",
    }
    return schema


class MenuSerializer(TermSerializer):
    """A menu as WP_REST_Menus_Controller::prepare_item_for_response() sends it."""

    def to_representation(self, term: Any) -> dict[str, Any]:
        data = super().to_representation(term)
        if self.wants("locations"):
            data["locations"] = self.context.get("locations", {}).get(term.pk, [])
        if self.wants("auto_add"):
            data["auto_add"] = term.pk in self.context.get("auto_add", ())
        return data

    def links(self, term: Any) -> dict[str, list[dict[str, Any]]]:
        links = super().links(term)
        request = self.context.get("request")
        for location in self.context.get("locations", {}).get(term.pk, []):
            links.setdefault("wp:menu-location", []).append(
                {"embeddable": True, "href": rest_url(request, f"/wp/v2/menu-locations/{location}")}
            )
        return links


_MENU_SERIALIZERS: dict[str, type[MenuSerializer]] = {}


def menu_serializer() -> type[MenuSerializer]:
    """The menus' serializer class (its schema follows the registered term meta)."""
    key = TERM_META.signature("nav_menu")
    found = _MENU_SERIALIZERS.get(key)
    if found is None:
        taxonomy = get_taxonomy("nav_menu")
        found = type(
            "NavMenuSerializer", (MenuSerializer,), {"taxonomy": taxonomy, "schema": menu_schema()}
        )
        _MENU_SERIALIZERS[key] = found
    return found


# --- menu items ----------------------------------------------------------------------------------
def _list_of_classes(value: Any, arg: dict[str, Any]) -> list[str]:
    """array_map("sanitize_html_class", wp_parse_list($value))."""
    return [sanitize_html_class(str(item)) for item in wp_schema.parse_list(value)]


def _validate_url(value: Any, name: str) -> None:
    """An empty URL, or one sanitize_url() keeps (its only check: no "javascript:")."""
    if value == "" or esc_url_raw(value if isinstance(value, str) else str(value)):
        return
    raise SchemaError("rest_invalid_url", "Invalid URL.")


def _text(value: Any, arg: dict[str, Any]) -> str:
    return sanitize_text_field(value)


def menu_item_schema() -> dict[str, Any]:
    """WP_REST_Menu_Items_Controller::get_item_schema()."""
    props: dict[str, Any] = {
        "title": {
            "description": "The title for the object.",
            "type": ["string", "object"],
            "context": ALL,
            "properties": {
                "raw": {
                    "description": "Title for the object, as it exists in the database.",
                    "type": "string",
                    "context": ["edit"],
                },
                "rendered": {
                    "description": "HTML title for the object, transformed for display.",
                    "type": "string",
                    "context": ALL,
                    "readonly": True,
                },
            },
        },
        "id": {
            "description": "Unique identifier for the object.",
            "type": "integer",
            "default": 0,
            "minimum": 0,
            "context": ALL,
            "readonly": True,
        },
        "type_label": {
            "description": "The singular label used to describe this type of menu item.",
            "type": "string",
            "context": ALL,
            "readonly": True,
        },
        "type": {
            "description": 'The family of objects originally represented, such as "post_type" '
            'or "taxonomy".',
            "type": "string",
            "enum": ["taxonomy", "post_type", "post_type_archive", "custom"],
            "context": ALL,
            "default": "custom",
        },
        "status": {
            "description": "A named status for the object.",
            "type": "string",
            "enum": [slug for slug, status in post_statuses().items() if not status.internal],
            "default": "publish",
            "context": ALL,
        },
        "parent": {
            "description": "The ID for the parent of the object.",
            "type": "integer",
            "minimum": 0,
            "default": 0,
            "context": ALL,
        },
        "attr_title": {
            "description": "Text for the title attribute of the link element for this menu item.",
            "type": "string",
            "context": ALL,
            "arg_options": {"sanitize": _text},
        },
        "classes": {
            "description": "Class names for the link element of this menu item.",
            "type": "array",
            "items": {"type": "string"},
            "context": ALL,
            "arg_options": {"sanitize": _list_of_classes},
        },
        "description": {
            "description": "The description of this menu item.",
            "type": "string",
            "context": ALL,
            "arg_options": {"sanitize": _text},
        },
        "menu_order": {
            "description": "The DB ID of the nav_menu_item that is this item's menu parent, if "
            "any, otherwise 0.",
            "context": ALL,
            "type": "integer",
            "minimum": 1,
            "default": 1,
        },
        "object": {
            "description": 'The type of object originally represented, such as "category", '
            '"post", or "attachment".',
            "context": ALL,
            "type": "string",
            "arg_options": {"sanitize": lambda value, arg: sanitize_key(value)},
        },
        "object_id": {
            "description": "The database ID of the original object this menu item represents, "
            "for example the ID for posts or the term_id for categories.",
            "context": ALL,
            "type": "integer",
            "minimum": 0,
            "default": 0,
        },
        "target": {
            "description": "The target attribute of the link element for this menu item.",
            "type": "string",
            "context": ALL,
            "enum": ["_blank", ""],
        },
        "url": {
            "description": "The URL to which this menu item points.",
            "type": "string",
            "format": "uri",
            "context": ALL,
            "arg_options": {"validate": _validate_url},
        },
        "xfn": {
            "description": "The XFN relationship expressed in the link of this menu item.",
            "type": "array",
            "items": {"type": "string"},
            "context": ALL,
            "arg_options": {"sanitize": _list_of_classes},
        },
        "invalid": {
            "description": "Whether the menu item represents an object that no longer exists.",
            "context": ALL,
            "type": "boolean",
            "readonly": True,
        },
    }
    for taxonomy in type_taxonomies("nav_menu_item"):
        if not taxonomy.show_in_rest:
            continue
        prop: dict[str, Any] = {
            "description": f"The terms assigned to the object in the {taxonomy.slug} taxonomy.",
            "type": "array",
            "items": {"type": "integer"},
            "context": ["view", "edit"],
        }
        if taxonomy.slug == "nav_menu":
            prop["type"] = "integer"
            del prop["items"]
        props[taxonomy.rest_base] = prop
    props["meta"] = POST_META.field_schema("nav_menu_item")
    return {"title": "nav_menu_item", "type": "object", "properties": props}


class MenuItemSerializer(PostSerializer):
    """A menu item as WP_REST_Menu_Items_Controller::prepare_item_for_response() sends it,
    from wp_setup_nav_menu_item()'s reading of it (the view's `menu_items`)."""

    post_type = "nav_menu_item"

    def menu_item(self, post: Any) -> MenuItem:
        return self.context["menu_items"][post.pk]

    def to_representation(self, post: Any) -> dict[str, Any]:  # noqa: C901 - one field each
        item = self.menu_item(post)
        want = self.wants
        data: dict[str, Any] = {}
        if want("id"):
            data["id"] = post.pk
        if want("title"):
            data["title"] = {"raw": item.title, "rendered": render_title(item.title)}
        if want("status"):
            data["status"] = post.status
        if want("url"):
            data["url"] = item.url
        if want("attr_title"):
            data["attr_title"] = item.attr_title
        if want("description"):
            data["description"] = item.description
        if want("type"):
            data["type"] = item.type
        if want("type_label"):
            data["type_label"] = item.type_label
        if want("object"):
            data["object"] = item.object
        if want("object_id"):
            data["object_id"] = item.object_id
        if want("parent"):
            data["parent"] = item.parent
        if want("menu_order"):
            data["menu_order"] = post.menu_order
        if want("target"):
            data["target"] = item.target
        if want("classes"):
            data["classes"] = list(item.classes)
        if want("xfn"):
            data["xfn"] = xfn_list(item.xfn)
        if want("invalid"):
            data["invalid"] = item.invalid
        if want("meta"):
            data["meta"] = self.meta(post)
        for taxonomy in type_taxonomies("nav_menu_item"):
            if taxonomy.show_in_rest and want(taxonomy.rest_base):
                ids = self.context.get("terms", {}).get(post.pk, {}).get(taxonomy.slug, [])
                if taxonomy.slug == "nav_menu":
                    data[taxonomy.rest_base] = ids[0] if ids else 0
                else:
                    data[taxonomy.rest_base] = ids
        return data

    def links(self, post: Any) -> dict[str, list[dict[str, Any]]]:
        links = super().links(post)
        actions = {rel: links.pop(rel) for rel in list(links) if rel.startswith("wp:action-")}
        item = self.menu_item(post)
        if item.object_id and item.object_route and item.type in ("post_type", "taxonomy"):
            request = self.context.get("request")
            links["wp:menu-item-object"] = [
                {
                    item.type: item.object_kind,
                    "embeddable": True,
                    "href": rest_url(request, item.object_route),
                }
            ]
        links.update(actions)
        return links


_ITEM_SERIALIZERS: dict[str, type[MenuItemSerializer]] = {}


def menu_item_serializer() -> type[MenuItemSerializer]:
    """The menu items' serializer class (its schema follows the registered post meta)."""
    key = POST_META.signature("nav_menu_item")
    found = _ITEM_SERIALIZERS.get(key)
    if found is None:
        found = type("NavMenuItemSerializer", (MenuItemSerializer,), {"schema": menu_item_schema()})
        _ITEM_SERIALIZERS[key] = found
    return found


def schema_object_link(href: str) -> dict[str, Any]:
    """get_schema_links()' addition: the menu-item-object relation."""
    return {
        "rel": "https://api.w.org/menu-item-object",
        "title": "Get linked object.",
        "href": href,
        "targetSchema": {"type": "object", "properties": {"object": {"type": "integer"}}},
    }


# --- menu locations ------------------------------------------------------------------------------
LOCATION_SCHEMA: dict[str, Any] = {
    "title": "menu-location",
    "type": "object",
    "properties": {
        "name": {
            "description": "The name of the menu location.",
            "type": "string",
            "context": ["embed", "view", "edit"],
            "readonly": True,
        },
        "description": {
            "description": "The description of the menu location.",
            "type": "string",
            "context": ["embed", "view", "edit"],
            "readonly": True,
        },
        "menu": {
            "description": "The ID of the assigned menu.",
            "type": "integer",
            "context": ["embed", "view", "edit"],
            "readonly": True,
        },
    },
}


class MenuLocationSerializer(WPSerializer):
    """A menu location: (name, description), with the menu the theme mod assigns to it."""

    schema = LOCATION_SCHEMA

    def to_representation(self, location: tuple[str, str]) -> dict[str, Any]:
        name, description = location
        data: dict[str, Any] = {}
        if self.wants("name"):
            data["name"] = name
        if self.wants("description"):
            data["description"] = description
        if self.wants("menu"):
            data["menu"] = self.context.get("assigned", {}).get(name, 0)
        return data

    def links(self, location: tuple[str, str]) -> dict[str, list[dict[str, Any]]]:
        request = self.context.get("request")
        name = location[0]
        links: dict[str, list[dict[str, Any]]] = {
            "self": [{"href": rest_url(request, f"/wp/v2/menu-locations/{name}")}],
            "collection": [{"href": rest_url(request, "/wp/v2/menu-locations")}],
        }
        menu = self.context.get("assigned", {}).get(name, 0)
        if menu and menu in self.context.get("existing_menus", ()):
            links["wp:menu"] = [
                {"embeddable": True, "href": rest_url(request, f"/wp/v2/menus/{menu}")}
            ]
        return links
