"""The wp/v2 shape of terms (one schema per taxonomy) and taxonomies."""

from typing import Any

from taxonomy.meta import TERM_META
from taxonomy.models import Term
from wpapi.links import rest_url, site_url
from wpapi.registry import Taxonomy
from wpapi.serializers import WPSerializer


def term_schema(taxonomy: Taxonomy) -> dict[str, Any]:
    """WP_REST_Terms_Controller::get_item_schema() for one taxonomy."""
    all_contexts = ["view", "embed", "edit"]
    properties: dict[str, Any] = {
        "id": {
            "description": "Unique identifier for the term.",
            "type": "integer",
            "context": all_contexts,
            "readonly": True,
        },
        "count": {
            "description": "Number of published posts for the term.",
            "type": "integer",
            "context": ["view", "edit"],
            "readonly": True,
        },
        "description": {
            "description": "HTML description of the term.",
            "type": "string",
            "context": ["view", "edit"],
        },
        "link": {
            "description": "URL of the term.",
            "type": "string",
            "format": "uri",
            "context": all_contexts,
            "readonly": True,
        },
        "name": {
            "description": "HTML title for the term.",
            "type": "string",
            "context": all_contexts,
            "required": True,
        },
        "slug": {
            "description": "An alphanumeric identifier for the term unique to its type.",
            "type": "string",
            "context": all_contexts,
        },
        "taxonomy": {
            "description": "Type attribution for the term.",
            "type": "string",
            "enum": [taxonomy.slug],
            "context": all_contexts,
            "readonly": True,
        },
    }
    if taxonomy.hierarchical:
        properties["parent"] = {
            "description": "The parent term ID.",
            "type": "integer",
            "context": ["view", "edit"],
        }
    properties["meta"] = TERM_META.field_schema(taxonomy.slug)
    title = "tag" if taxonomy.slug == "post_tag" else taxonomy.slug
    return {"title": title, "type": "object", "properties": properties}


class TermSerializer(WPSerializer):
    """A term as WP_REST_Terms_Controller::prepare_item_for_response() sends it."""

    taxonomy: Taxonomy

    def to_representation(self, term: Term) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.wants("id"):
            data["id"] = term.pk
        if self.wants("count"):
            data["count"] = term.count
        if self.wants("description"):
            data["description"] = term.description
        if self.wants("link"):
            data["link"] = self.term_link(term)
        if self.wants("name"):
            data["name"] = term.name
        if self.wants("slug"):
            data["slug"] = term.slug
        if self.wants("taxonomy"):
            data["taxonomy"] = term.taxonomy
        if self.taxonomy.hierarchical and self.wants("parent"):
            data["parent"] = term.parent_id or 0
        if self.wants("meta"):
            data["meta"] = TERM_META.value(self.context.get("meta", {}).get(term.pk), term.taxonomy)
        return data

    def term_link(self, term: Term) -> str:
        """get_term_link() with pretty permalinks: /category/<parent>/<child>/ for categories."""
        slugs = [term.slug]
        if self.taxonomy.rewrite_hierarchical and term.parent_id:
            tree = self.context.get("term_tree", {})
            seen = {term.pk}
            current = term.parent_id
            while current and current in tree and current not in seen:
                seen.add(current)
                parent_id, slug = tree[current]
                slugs.insert(0, slug)
                current = parent_id
        request = self.context.get("request")
        return f"{site_url(request)}/{self.taxonomy.link_base}/{'/'.join(slugs)}/"

    def links(self, term: Term) -> dict[str, list[dict[str, Any]]]:
        request = self.context.get("request")
        base = f"/wp/v2/{self.taxonomy.rest_base}"
        links: dict[str, list[dict[str, Any]]] = {
            "self": [{"href": rest_url(request, f"{base}/{term.pk}")}],
            "collection": [{"href": rest_url(request, base)}],
            "about": [{"href": rest_url(request, f"/wp/v2/taxonomies/{self.taxonomy.slug}")}],
        }
        if term.parent_id:
            links["up"] = [
                {"embeddable": True, "href": rest_url(request, f"{base}/{term.parent_id}")}
            ]
        post_type_links = []
        for rest_base in self.context.get("object_type_bases", []):
            post_type_links.append(
                {
                    "href": rest_url(
                        request, f"/wp/v2/{rest_base}", {self.taxonomy.rest_base: term.pk}
                    )
                }
            )
        if post_type_links:
            links["wp:post_type"] = post_type_links
        return links


_SERIALIZERS: dict[tuple[str, str], type[TermSerializer]] = {}


def term_serializer_for(taxonomy: Taxonomy) -> type[TermSerializer]:
    """The serializer class of one taxonomy (its schema depends on the taxonomy and its
    registered meta; cached per configuration so context plans stay cached too)."""
    key = (taxonomy.slug, f"{taxonomy.hierarchical}{TERM_META.signature(taxonomy.slug)}")
    found = _SERIALIZERS.get(key)
    if found is None:
        name = "".join(part.title() for part in taxonomy.slug.split("_")) + "TermSerializer"
        found = type(
            name, (TermSerializer,), {"taxonomy": taxonomy, "schema": term_schema(taxonomy)}
        )
        _SERIALIZERS[key] = found
    return found


TAXONOMY_SCHEMA: dict[str, Any] = {
    "title": "taxonomy",
    "type": "object",
    "properties": {
        "capabilities": {
            "description": "All capabilities used by the taxonomy.",
            "type": "object",
            "context": ["edit"],
            "readonly": True,
        },
        "description": {
            "description": "A human-readable description of the taxonomy.",
            "type": "string",
            "context": ["view", "edit"],
            "readonly": True,
        },
        "hierarchical": {
            "description": "Whether or not the taxonomy should have children.",
            "type": "boolean",
            "context": ["view", "edit"],
            "readonly": True,
        },
        "labels": {
            "description": "Human-readable labels for the taxonomy for various contexts.",
            "type": "object",
            "context": ["edit"],
            "readonly": True,
        },
        "name": {
            "description": "The title for the taxonomy.",
            "type": "string",
            "context": ["view", "edit", "embed"],
            "readonly": True,
        },
        "slug": {
            "description": "An alphanumeric identifier for the taxonomy.",
            "type": "string",
            "context": ["view", "edit", "embed"],
            "readonly": True,
        },
        "show_cloud": {
            "description": "Whether or not the term cloud should be displayed.",
            "type": "boolean",
            "context": ["edit"],
            "readonly": True,
        },
        "types": {
            "description": "Types associated with the taxonomy.",
            "type": "array",
            "items": {"type": "string"},
            "context": ["view", "edit"],
            "readonly": True,
        },
        "rest_base": {
            "description": "REST base route for the taxonomy.",
            "type": "string",
            "context": ["view", "edit", "embed"],
            "readonly": True,
        },
        "rest_namespace": {
            "description": "REST namespace route for the taxonomy.",
            "type": "string",
            "context": ["view", "edit", "embed"],
            "readonly": True,
        },
        "visibility": {
            "description": "The visibility settings for the taxonomy.",
            "type": "object",
            "context": ["edit"],
            "readonly": True,
            "properties": {
                "public": {
                    "description": "Whether a taxonomy is intended for use publicly either "
                    "via the admin interface or by front-end users.",
                    "type": "boolean",
                },
                "publicly_queryable": {
                    "description": "Whether the taxonomy is publicly queryable.",
                    "type": "boolean",
                },
                "show_ui": {
                    "description": "Whether to generate a default UI for managing this taxonomy.",
                    "type": "boolean",
                },
                "show_admin_column": {
                    "description": "Whether to allow automatic creation of "
                    "taxonomy columns on associated post-types table.",
                    "type": "boolean",
                },
                "show_in_nav_menus": {
                    "description": "Whether to make the taxonomy available for "
                    "selection in navigation menus.",
                    "type": "boolean",
                },
                "show_in_quick_edit": {
                    "description": "Whether to show the taxonomy in the quick/bulk edit panel.",
                    "type": "boolean",
                },
            },
        },
    },
}


class TaxonomySerializer(WPSerializer):
    """A taxonomy as WP_REST_Taxonomies_Controller::prepare_item_for_response() sends it."""

    schema = TAXONOMY_SCHEMA

    def to_representation(self, taxonomy: Taxonomy) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.wants("name"):
            data["name"] = taxonomy.name
        if self.wants("slug"):
            data["slug"] = taxonomy.slug
        if self.wants("capabilities"):
            data["capabilities"] = dict(taxonomy.capabilities)
        if self.wants("description"):
            data["description"] = taxonomy.description
        if self.wants("labels"):
            data["labels"] = taxonomy.labels
        if self.wants("types"):
            data["types"] = list(taxonomy.object_types)
        if self.wants("show_cloud"):
            data["show_cloud"] = taxonomy.show_cloud
        if self.wants("hierarchical"):
            data["hierarchical"] = taxonomy.hierarchical
        if self.wants("rest_base"):
            data["rest_base"] = taxonomy.rest_base
        if self.wants("rest_namespace"):
            data["rest_namespace"] = taxonomy.rest_namespace
        if self.wants("visibility"):
            data["visibility"] = {
                "public": taxonomy.public,
                "publicly_queryable": taxonomy.publicly_queryable,
                "show_admin_column": taxonomy.show_admin_column,
                "show_in_nav_menus": taxonomy.show_in_nav_menus,
                "show_in_quick_edit": taxonomy.show_in_quick_edit,
                "show_ui": taxonomy.show_ui,
            }
        return data

    def links(self, taxonomy: Taxonomy) -> dict[str, list[dict[str, Any]]]:
        request = self.context.get("request")
        return {
            "collection": [{"href": rest_url(request, "/wp/v2/taxonomies")}],
            "wp:items": [{"href": rest_url(request, f"/wp/v2/{taxonomy.rest_base}")}],
        }
