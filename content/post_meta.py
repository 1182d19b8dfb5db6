"""The WP REST API v2.0 post-meta routes: `/wp/v2/<posts|pages>/<parent>/meta[/<id>]`.

Today's core only exposes registered meta through the `meta` field of a post; the v2.0 API this
project started from also let editors list, add, change and delete a post's custom fields one
row at a time. These routes serve that, for types that support custom fields, to those who may
edit the post. Protected keys (those starting with "_") are never shown or written.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework.request import Request
from rest_framework.response import Response

from content.models import Post, PostMeta
from content.nested import UnderPostMixin, register_under_posts
from users.capabilities import user_can
from wpapi.errors import WPError
from wpapi.links import rest_url
from wpapi.models import overlong_fields
from wpapi.schema import SchemaError
from wpapi.serializers import WPSerializer
from wpapi.viewsets import WPViewSet

EDIT_CONTEXT = {
    "description": "Scope under which the request is made; determines fields present in response.",
    "type": "string",
    "enum": ["view", "embed", "edit"],
    "default": "edit",
}


def is_protected_meta(key: str) -> bool:
    """is_protected_meta(): keys WordPress keeps for itself start with an underscore."""
    return key.startswith("_")


def _string_value(value: Any, name: str) -> None:
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise SchemaError("rest_invalid_type", f"{name} is not of type string.", {"param": name})


class PostMetaSerializer(WPSerializer):
    schema = {
        "title": "meta",
        "type": "object",
        "properties": {
            "id": {
                "description": "Unique identifier for the object.",
                "type": "integer",
                "context": ["edit"],
                "readonly": True,
            },
            "key": {
                "description": "The key for the custom field.",
                "type": "string",
                "context": ["edit"],
                "required": True,
            },
            "value": {
                "description": "The value of the custom field.",
                "type": "string",
                "context": ["edit"],
                "arg_options": {"validate": _string_value},
            },
        },
    }

    def to_representation(self, meta: PostMeta) -> dict[str, Any]:
        return {"id": meta.pk, "key": meta.key, "value": meta.value}

    def links(self, meta: PostMeta) -> dict[str, list[dict[str, Any]]]:
        request = self.context["request"]
        base = self.context["view"].meta_route(meta.post_id)
        parent = self.context["view"].parent_route
        return {
            "self": [{"href": rest_url(request, f"{base}/{meta.pk}")}],
            "collection": [{"href": rest_url(request, base)}],
            "about": [{"embeddable": True, "href": rest_url(request, f"{parent}/{meta.post_id}")}],
        }


class PostMetaViewSet(UnderPostMixin, WPViewSet):
    serializer_class = PostMetaSerializer
    not_found_code, not_found_message = "rest_meta_invalid_id", "Invalid meta id."
    parent_not_found = ("rest_post_invalid_id", "Invalid post id.")

    def meta_route(self, post_id: int) -> str:
        return f"{self.parent_route}/{post_id}/meta"

    # --- arguments ---------------------------------------------------------------------------
    def collection_args(self) -> dict[str, dict[str, Any]]:
        return {"context": EDIT_CONTEXT}

    item_args = collection_args

    def destroy_args(self) -> dict[str, dict[str, Any]]:
        return {}

    # --- rows --------------------------------------------------------------------------------
    def get_queryset(self) -> QuerySet[PostMeta]:
        return PostMeta.objects.all()

    def get_object(self) -> PostMeta:
        parent = self.check_can_edit_parent()
        meta = super().get_object()
        if meta.post_id != parent.pk:
            raise WPError("rest_meta_post_mismatch", "Meta does not belong to this object", 400)
        if is_protected_meta(meta.key):
            raise WPError("rest_meta_protected", "Meta is protected.", 403)
        return meta

    def filter_queryset(self, queryset: QuerySet[PostMeta]) -> list[PostMeta]:
        rows = queryset.filter(post=self.parent_post()).order_by("id")
        return [row for row in rows if not is_protected_meta(row.key)]

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # every custom field of the post, unpaginated, as the v2.0 API listed them
        rows = self.filter_queryset(self.get_queryset())
        return Response([] if request.method == "HEAD" else self.serialize(rows))

    # --- permissions -------------------------------------------------------------------------
    def check_can_edit_parent(self) -> Post:
        parent = self.parent_post()
        if not user_can(self.request.user, "edit_post", parent):
            raise self.forbid("rest_forbidden", "Sorry, you are not allowed to edit this post.")
        return parent

    def check_list_permission(self) -> None:
        self.check_can_edit_parent()

    def check_create_permission(self) -> None:
        self.check_can_edit_parent()

    def check_retrieve_permission(self, meta: PostMeta) -> None:
        self.check_can_edit_parent()

    check_update_permission = check_retrieve_permission
    check_destroy_permission = check_retrieve_permission

    # --- writes ------------------------------------------------------------------------------
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.wp_context = "edit"
        meta = self.perform_create(self.params)
        response = Response(self.serialize_one(meta), status=201)
        response["Location"] = rest_url(request, f"{self.meta_route(meta.post_id)}/{meta.pk}")
        return response

    def perform_create(self, params: dict[str, Any]) -> PostMeta:
        key = str(params["key"])
        if not key:
            raise WPError("rest_meta_invalid_key", "Invalid meta key.", 400)
        if is_protected_meta(key):
            raise WPError("rest_meta_protected", f"{key} is marked as a protected field.", 403)
        meta = PostMeta(post=self.parent_post(), key=key, value=str(params.get("value", "")))
        if overlong_fields(meta):  # add_metadata() fails in the database
            raise WPError("rest_meta_could_not_add", "Could not add meta.", 400)
        meta.save()
        return meta

    def perform_update(self, meta: PostMeta, params: dict[str, Any]) -> PostMeta:
        if "key" in params:
            key = str(params["key"])
            if not key:
                raise WPError("rest_meta_invalid_key", "Invalid meta key.", 400)
            if is_protected_meta(key):
                raise WPError("rest_meta_protected", f"{key} is marked as a protected field.", 403)
            meta.key = key
        if "value" in params:
            meta.value = str(params["value"])
        if overlong_fields(meta):  # update_metadata_by_mid() fails (the v2.0 API said 500)
            raise WPError("rest_meta_could_not_update", "Could not update meta.", 400)
        meta.save()
        return meta

    def perform_destroy(self, meta: PostMeta, params: dict[str, Any]) -> dict[str, Any]:
        previous = self.serialize_one(meta)
        meta.delete()
        return {"deleted": True, "previous": previous}


def register_post_meta_routes() -> None:
    register_under_posts(
        "meta",
        PostMetaViewSet,
        "custom-fields",
        {"GET": "list", "POST": "create"},
        {
            "GET": "retrieve",
            "POST": "update",
            "PUT": "update",
            "PATCH": "update",
            "DELETE": "destroy",
        },
    )
