"""What the block editor reads about blocks: /wp/v2/block-types (the block types WordPress 6.1
registers, from captured data), /wp/v2/block-renderer/<name> (one dynamic block rendered with
the given attributes) and /wp/v2/block-patterns/patterns and /categories."""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request
from rest_framework.response import Response

from content import policies
from content.blocks.context import RenderContext
from content.blocks.render import is_dynamic, render_one, with_defaults
from content.blocks.types import (
    block_attributes,
    block_patterns,
    block_type_schema,
    block_types,
    get_block_type,
    pattern_categories,
    pattern_schemas,
)
from content.queries import rest_post_types
from users.capabilities import user_can
from wpapi import schema as wp_schema
from wpapi.errors import WPError
from wpapi.links import rest_url, site_url
from wpapi.routing import router
from wpapi.serializers import WPSerializer
from wpapi.viewsets import CONTEXT_ARG, WPViewSet


def can_edit_some_type(user: Any) -> bool:
    """edit_posts, or the edit capability of some post type shown in REST."""
    if user_can(user, "edit_posts"):
        return True
    return any(policies.type_can(user, slug, "edit_posts") for slug in rest_post_types())


class FixedSchemaSerializer(WPSerializer):
    """An item that is sent as stored: every field in every context, `_fields` applied."""

    def item(self, instance: Any) -> dict[str, Any]:
        data = {key: value for key, value in instance.items() if self.wants(key)}
        if self.wants("_links"):
            links = self.links(instance)
            if links:
                if any(rel.startswith("wp:") for rel in links):
                    links["curies"] = [
                        {"name": "wp", "href": "https://api.w.org/{rel}", "templated": True}
                    ]
                data["_links"] = links
        return data

    @classmethod
    def public_schema(cls) -> dict[str, Any]:
        return dict(cls.schema)


# --- block types --------------------------------------------------------------------------------
class BlockTypeSerializer(FixedSchemaSerializer):
    schema = block_type_schema()

    def links(self, block: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
        request = self.context.get("request")
        name = block["name"]
        links = {
            "collection": [{"href": rest_url(request, "/wp/v2/block-types")}],
            "self": [{"href": rest_url(request, f"/wp/v2/block-types/{name}")}],
            "up": [{"href": rest_url(request, f"/wp/v2/block-types/{name.split('/')[0]}")}],
        }
        if block.get("is_dynamic"):
            href = rest_url(request, f"/wp/v2/block-renderer/{name}") + "?context=edit"
            links["wp:render-block"] = [{"href": href}]
        return links


NAMESPACE_ARG = {"description": "Block namespace.", "type": "string"}


class BlockTypesViewSet(WPViewSet):
    """WP_REST_Block_Types_Controller."""

    serializer_class = BlockTypeSerializer

    def collection_args(self) -> dict[str, dict[str, Any]]:
        return {"context": CONTEXT_ARG, "namespace": NAMESPACE_ARG}

    def url_args(self) -> dict[str, dict[str, Any]]:
        if "name" in (self.route.param_names if self.route else ()):
            return {
                "name": {"description": "Block name.", "type": "string"},
                "namespace": NAMESPACE_ARG,
            }
        return {}

    def check_read(self) -> None:
        if not can_edit_some_type(self.request.user):
            raise self.forbid(
                "rest_block_type_cannot_view", "Sorry, you are not allowed to manage block types."
            )

    def check_list_permission(self) -> None:
        self.check_read()

    def check_retrieve_permission(self, obj: Any = None) -> None:
        # get_item_permissions_check() also looks the block type up: an unknown one fails the
        # check itself (so Allow leaves GET out)
        self.check_read()
        self.block_type()

    def block_type(self) -> dict[str, Any]:
        block = get_block_type(f"{self.kwargs['namespace']}/{self.kwargs['name']}")
        if block is None:
            raise WPError("rest_block_type_invalid", "Invalid block type.", 404)
        return block

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        namespace = self.params.get("namespace") or ""
        if namespace == "0":  # `if ( $namespace && ... )`: PHP holds "0" false
            namespace = ""
        shown = [
            block
            for block in block_types()
            if not namespace or block["name"].split("/", 1)[0] == namespace
        ]
        return Response(self.serialize(shown))

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(self.serialize_one(self.block_type()))


# --- block renderer -----------------------------------------------------------------------------
class RenderedBlockSerializer(WPSerializer):
    schema = {
        "$schema": "http://json-schema.org/schema#",
        "title": "rendered-block",
        "type": "object",
        "properties": {
            "rendered": {
                "description": "The rendered block.",
                "type": "string",
                "required": True,
                "context": ["edit"],
            }
        },
    }

    @classmethod
    def public_schema(cls) -> dict[str, Any]:
        return dict(cls.schema)


class BlockRendererViewSet(WPViewSet):
    """WP_REST_Block_Renderer_Controller: GET or POST a dynamic block's attributes, get its
    HTML, for those who may edit posts (or the given post)."""

    serializer_class = RenderedBlockSerializer

    def url_args(self) -> dict[str, dict[str, Any]]:
        return {"name": {"description": "Unique registered name for the block.", "type": "string"}}

    def render_args(self) -> dict[str, dict[str, Any]]:
        name = self.kwargs.get("name", "") if hasattr(self, "kwargs") else ""
        return {
            "context": {**CONTEXT_ARG, "enum": ["edit"]},
            "attributes": {
                "description": "Attributes for the block.",
                "type": "object",
                "default": [],
                "arg_options": {
                    "validate_first": True,
                    "validate": lambda value, _name: self.validate_attributes(name, value),
                    "sanitize": lambda value, _arg: self.sanitize_attributes(name, value),
                },
            },
            "post_id": {"description": "ID of the post context.", "type": "integer"},
        }

    def attributes_schema(self, name: str) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": block_attributes(name),
            "additionalProperties": False,
        }

    def validate_attributes(self, name: str, value: Any) -> None:
        if get_block_type(name) is None:
            return  # refused later as block_invalid
        wp_schema.validate(value, self.attributes_schema(name), "")

    def sanitize_attributes(self, name: str, value: Any) -> Any:
        if get_block_type(name) is None:
            return value
        return wp_schema.sanitize(value, self.attributes_schema(name))

    def raw_params(self) -> dict[str, Any]:
        params = super().raw_params()
        # WordPress checks the defaults too: "view" is not an allowed context here
        params.setdefault("context", "view")
        params.setdefault("attributes", [])
        return params

    def check_render_permission(self, obj: Any = None) -> None:
        from content.models import Post

        user = self.request.user
        post_id = self.params.get("post_id") or 0
        if post_id > 0:
            post = Post.objects.filter(pk=post_id).first()
            if post is None or not user_can(user, "edit_post", post):
                raise self.forbid(
                    "block_cannot_read", "Sorry, you are not allowed to read blocks of this post."
                )
            self.post = post
        elif not user_can(user, "edit_posts"):
            raise self.forbid(
                "block_cannot_read", "Sorry, you are not allowed to read blocks as this user."
            )

    def render(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        name = self.kwargs["name"]
        if get_block_type(name) is None or not is_dynamic(name):
            raise WPError("block_invalid", "Invalid block.", 404)
        attrs = self.params.get("attributes")
        attrs = attrs if isinstance(attrs, dict) else {}
        ctx = RenderContext(site_url(request), request.user)
        ctx.post = getattr(self, "post", None)
        return Response({"rendered": render_one(name, with_defaults(name, attrs), ctx)})


# --- block patterns -----------------------------------------------------------------------------
PATTERN_SCHEMA, CATEGORY_SCHEMA = pattern_schemas()


class BlockPatternSerializer(FixedSchemaSerializer):
    schema = PATTERN_SCHEMA


class BlockPatternCategorySerializer(FixedSchemaSerializer):
    schema = CATEGORY_SCHEMA


class BlockPatternsViewSet(WPViewSet):
    """WP_REST_Block_Patterns_Controller: WordPress's core patterns."""

    serializer_class = BlockPatternSerializer
    what = "block patterns"

    def collection_args(self) -> dict[str, dict[str, Any]]:
        return {}

    def items(self) -> list[dict[str, Any]]:
        return block_patterns()

    def check_list_permission(self) -> None:
        if not can_edit_some_type(self.request.user):
            raise self.forbid(
                "rest_cannot_view",
                f"Sorry, you are not allowed to view the registered {self.what}.",
            )

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(self.serialize(self.items()))


class BlockPatternCategoriesViewSet(BlockPatternsViewSet):
    """WP_REST_Block_Pattern_Categories_Controller."""

    serializer_class = BlockPatternCategorySerializer
    what = "block pattern categories"

    def items(self) -> list[dict[str, Any]]:
        return pattern_categories()


def register_block_routes() -> None:
    """block-renderer and block-types, where WordPress lists them (after search)."""
    router.add(
        r"/wp/v2/block-renderer/(?P<name>[a-z0-9-]+/[a-z0-9-]+)",
        BlockRendererViewSet,
        {"GET": "render", "POST": "render"},
    )
    router.add("/wp/v2/block-types", BlockTypesViewSet, {"GET": "list"})
    router.add(
        r"/wp/v2/block-types/(?P<namespace>[a-zA-Z0-9_-]+)", BlockTypesViewSet, {"GET": "list"}
    )
    router.add(
        r"/wp/v2/block-types/(?P<namespace>[a-zA-Z0-9_-]+)/(?P<name>[a-zA-Z0-9_-]+)",
        BlockTypesViewSet,
        {"GET": "retrieve"},
    )


def register_block_pattern_routes() -> None:
    router.add("/wp/v2/block-patterns/patterns", BlockPatternsViewSet, {"GET": "list"})
    router.add("/wp/v2/block-patterns/categories", BlockPatternCategoriesViewSet, {"GET": "list"})
