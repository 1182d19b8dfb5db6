"""Revisions of posts, pages and every type that supports them
(`/wp/v2/<type>/<parent>/revisions[/<id>]`, WP_REST_Revisions_Controller).

Revisions are read-only copies stored as posts of type "revision" whose parent is the post
(content.services.save_revision makes them). Only people who may edit the post see them.
"""

from __future__ import annotations

import contextlib
import copy
from functools import cache
from typing import Any

from django.db.models import QuerySet
from django.utils.module_loading import import_string

from content.formatting import render_content, render_title, wpautop, wptexturize
from content.models import Post
from content.nested import UnderPostMixin, register_under_posts
from content.permalinks import post_guid
from content.queries import check_orderby_has_its_argument
from content.serializers.schema import post_properties
from users.capabilities import user_can
from wpapi.errors import WPError
from wpapi.links import rest_url, site_url
from wpapi.registry import get_post_type
from wpapi.serializers import WPSerializer
from wpapi.viewsets import (
    CONTEXT_ARG,
    EXCLUDE_ARG,
    INCLUDE_ARG,
    OFFSET_ARG,
    PAGE_ARG,
    PER_PAGE_ARG,
    SEARCH_ARG,
    WPViewSet,
    order_arg,
)

ALL = ["view", "edit", "embed"]
VIEW_EDIT = ["view", "edit"]


def _raw_rendered(
    description: str, contexts: list[str], rendered_contexts: list[str], **extra: dict[str, Any]
) -> dict[str, Any]:
    return {
        "description": f"The {description} for the post.",
        "type": "object",
        "context": contexts,
        "properties": {
            "raw": {
                "description": f"{description.title()} for the post, as it exists in the database.",
                "type": "string",
                "context": ["edit"],
            },
            "rendered": {
                "description": f"HTML {description} for the post, transformed for display.",
                "type": "string",
                "context": rendered_contexts,
                "readonly": True,
            },
            **extra,
        },
    }


class RevisionSerializer(WPSerializer):
    schema = {
        "title": "post-revision",
        "type": "object",
        "properties": {
            "author": {
                "description": "The ID for the author of the revision.",
                "type": "integer",
                "context": ALL,
            },
            "date": {
                "description": "The date the revision was published, in the site's timezone.",
                "type": "string",
                "format": "date-time",
                "context": ALL,
            },
            "date_gmt": {
                "description": "The date the revision was published, as GMT.",
                "type": "string",
                "format": "date-time",
                "context": VIEW_EDIT,
            },
            **post_properties("guid"),  # the same as a post's
            "id": {
                "description": "Unique identifier for the revision.",
                "type": "integer",
                "context": ALL,
            },
            "modified": {
                "description": "The date the revision was last modified, in the site's timezone.",
                "type": "string",
                "format": "date-time",
                "context": VIEW_EDIT,
            },
            "modified_gmt": {
                "description": "The date the revision was last modified, as GMT.",
                "type": "string",
                "format": "date-time",
                "context": VIEW_EDIT,
            },
            "parent": {
                "description": "The ID for the parent of the revision.",
                "type": "integer",
                "context": ALL,
            },
            "slug": {
                "description": "An alphanumeric identifier for the revision unique to its type.",
                "type": "string",
                "context": ALL,
            },
            "title": _raw_rendered("title", ALL, ALL),
            "content": _raw_rendered(
                "content",
                VIEW_EDIT,
                VIEW_EDIT,
                block_version={
                    "description": "Version of the content block format used by the post.",
                    "type": "integer",
                    "context": ["edit"],
                    "readonly": True,
                },
                protected={
                    "description": "Whether the content is protected with a password.",
                    "type": "boolean",
                    "context": ALL,
                    "readonly": True,
                },
            ),
            "excerpt": _raw_rendered(
                "excerpt",
                ALL,
                ALL,
                protected={
                    "description": "Whether the excerpt is protected with a password.",
                    "type": "boolean",
                    "context": ALL,
                    "readonly": True,
                },
            ),
        },
    }

    @classmethod
    @cache
    def context_plan(cls, context: str) -> dict[str, Any]:
        """prepare_item_for_response() always builds title, content and excerpt as raw and
        rendered, and rest_filter_response_by_context() removes only what the schema puts in
        other contexts: a key the type's schema does not describe stays (a reusable block's
        schema has no rendered title or content, its revisions still show them)."""
        plan = dict(super().context_plan(context))
        for name in ("title", "content", "excerpt"):
            described = cls.schema["properties"].get(name, {}).get("properties", {})
            if isinstance(plan.get(name), dict):
                plan[name] = {
                    **plan[name],
                    **{key: None for key in ("raw", "rendered") if key not in described},
                }
        return plan

    @classmethod
    def for_type(cls, post_type: str) -> type[RevisionSerializer]:
        """The serializer of `post_type`'s revisions: get_item_schema() names the schema after
        the type and takes title, content, excerpt and guid from the type's own schema."""
        return _revision_serializer(cls, post_type)

    def to_representation(self, revision: Post) -> dict[str, Any]:
        want = self.wants
        data: dict[str, Any] = {}
        if want("author"):
            data["author"] = revision.author_id or 0
        self.put_date(data, "date", revision.date)
        data["id"] = revision.pk
        self.put_date(data, "modified", revision.modified)
        if want("parent"):
            data["parent"] = revision.parent_id
        if want("slug"):
            data["slug"] = revision.slug
        if want("guid"):  # after the slug, in WordPress's answer
            rendered = post_guid(site_url(self.context.get("request")), revision)
            data["guid"] = {"rendered": rendered, "raw": rendered}
        if want("title"):
            data["title"] = {"raw": revision.title, "rendered": render_title(revision.title)}
        if want("content"):
            data["content"] = {
                "raw": revision.content,
                "rendered": render_content(revision.content, site_url(self.context.get("request"))),
            }
        if want("excerpt"):
            # the_excerpt on the revision's own excerpt: nothing is generated for revisions
            excerpt = revision.excerpt
            rendered = wpautop(wptexturize(excerpt)) if excerpt.strip() else ""
            data["excerpt"] = {"raw": excerpt, "rendered": rendered}
        return data

    def links(self, revision: Post) -> dict[str, list[dict[str, Any]]]:
        if not revision.parent_id:
            return {}
        # rest_get_route_for_post(): the route of the revision's own parent, whatever the route
        # it was read through
        kind = get_post_type(revision.parent.type)
        base = (
            f"/wp/v2/{kind.rest_base or kind.slug}" if kind else self.context["view"].parent_route
        )
        return {
            "parent": [{"href": rest_url(self.context["request"], f"{base}/{revision.parent_id}")}]
        }


def post_type_schema(post_type: str) -> dict[str, Any]:
    """The item schema of `post_type`'s own routes (its parent controller's)."""
    kind = get_post_type(post_type)
    if kind is not None and kind.rest_controller:  # e.g. menu items
        return import_string(kind.rest_controller)().get_serializer_class().schema
    from content.serializers import PostSerializer

    return PostSerializer.for_type(post_type).schema


@cache
def _revision_serializer(base: type[RevisionSerializer], post_type: str) -> type:
    parent = post_type_schema(post_type)["properties"]
    properties = dict(base.schema["properties"])
    for name in ("title", "content", "excerpt", "guid"):
        if name in parent:
            properties[name] = copy.deepcopy(parent[name])
        else:
            properties.pop(name, None)
    schema = {**base.schema, "title": f"{post_type}-revision", "properties": properties}
    return type(f"{post_type.title()}{base.__name__}", (base,), {"schema": schema})


class RevisionViewSet(UnderPostMixin, WPViewSet):
    serializer_class = RevisionSerializer

    def get_serializer_class(self) -> type[RevisionSerializer]:
        return self.serializer_class.for_type(self.post_type)

    not_found_code, not_found_message = "rest_post_invalid_id", "Invalid revision ID."
    invalid_page_code = "rest_revision_invalid_page_number"
    # get_item_permissions_check() checks the parent only: Allow lists GET for a missing revision
    checks_without_object = frozenset({"retrieve"})
    id_description = "Unique identifier for the revision."
    parent_description = "The ID for the parent of the revision."

    # --- arguments ---------------------------------------------------------------------------
    def collection_args(self) -> dict[str, dict[str, Any]]:
        return {
            "context": CONTEXT_ARG,
            "page": PAGE_ARG,
            # no default: every revision when per_page is not given
            "per_page": {k: v for k, v in PER_PAGE_ARG.items() if k != "default"},
            "search": SEARCH_ARG,
            "exclude": EXCLUDE_ARG,
            "include": INCLUDE_ARG,
            "offset": OFFSET_ARG,
            "order": order_arg("desc"),
            "orderby": {
                "description": "Sort collection by object attribute.",
                "type": "string",
                "default": "date",
                "enum": ["date", "id", "include", "relevance", "slug", "include_slugs", "title"],
            },
        }

    def destroy_args(self) -> dict[str, dict[str, Any]]:
        return {
            "force": {
                "type": "boolean",
                "default": False,
                "description": "Required to be true, as revisions do not support trashing.",
            }
        }

    # --- rows --------------------------------------------------------------------------------
    def get_queryset(self) -> QuerySet[Post]:
        return Post.objects.filter(type=Post.Type.REVISION).select_related("parent")

    def get_object(self) -> Post:
        # WordPress checks the parent and the right to see (or, to delete, to delete) its
        # revisions before it looks the revision up. WordPress 6.1 does not check that the
        # revision belongs to that parent (6.5 added rest_revision_parent_id_mismatch).
        if self.action == "destroy":
            self.check_parent_deletable()
        else:
            self.check_parent_readable()
        return super().get_object()

    def filter_queryset(self, queryset: QuerySet[Post]) -> QuerySet[Post]:
        params = self.params
        revisions = queryset.filter(parent=self.parent_post())
        if params.get("include"):
            revisions = revisions.filter(pk__in=params["include"])
        if params.get("exclude"):
            revisions = revisions.exclude(pk__in=params["exclude"])
        if params.get("search"):
            revisions = revisions.filter(title__icontains=params["search"]) | revisions.filter(
                content__icontains=params["search"]
            )
        check_orderby_has_its_argument(params)
        orderby = params.get("orderby", "date")
        column = {
            "date": "date",
            "id": "id",
            "slug": "slug",
            "title": "title",
            "include": "id",
            "relevance": "date",
            "include_slugs": "slug",
        }[orderby]
        prefix = "-" if params.get("order", "desc") == "desc" else ""
        return revisions.order_by(f"{prefix}{column}", f"{prefix}id")

    # --- permissions -------------------------------------------------------------------------
    def check_parent_readable(self) -> Post:
        parent = self.parent_post()
        if not user_can(self.request.user, "edit_post", parent):
            raise self.forbid(
                "rest_cannot_read", "Sorry, you are not allowed to view revisions of this post."
            )
        return parent

    def check_parent_deletable(self) -> None:
        if not user_can(self.request.user, "delete_post", self.parent_post()):
            raise self.forbid(
                "rest_cannot_delete", "Sorry, you are not allowed to delete revisions of this post."
            )

    def check_list_permission(self) -> None:
        self.check_parent_readable()

    def check_retrieve_permission(self, revision: Post | None) -> None:
        self.check_parent_readable()

    def check_destroy_permission(self, revision: Post) -> None:
        """delete_item_permissions_check(): the parent's delete and edit rights, then
        delete_post on the revision itself, which map_meta_cap() never grants in WordPress
        6.1: no one deletes a revision through the REST API."""
        self.check_parent_deletable()
        self.check_parent_readable()
        if not user_can(self.request.user, "delete_post", revision):
            raise self.forbid(
                "rest_cannot_delete", "Sorry, you are not allowed to delete this revision."
            )

    def allowed_methods_for_user(self) -> list[str]:
        # get_item_permissions_check() looks at the parent only: a missing revision (the
        # handler's 404) still lists GET
        allowed = super().allowed_methods_for_user()
        if "GET" not in allowed and self.object is None and "GET" in self.route.actions:
            with contextlib.suppress(WPError):
                self.check_retrieve_permission(None)
                allowed.insert(0, "GET")
        return allowed

    def perform_destroy(self, revision: Post, params: dict[str, Any]) -> dict[str, Any]:
        if not params.get("force"):
            raise WPError(
                "rest_trash_not_supported",
                "Revisions do not support trashing. Set 'force=true' to delete.",
                501,
            )
        previous = self.serialize_one(revision)
        revision.delete()
        return {"deleted": True, "previous": previous}


def register_revision_routes() -> None:
    register_under_posts(
        "revisions",
        RevisionViewSet,
        "revisions",
        {"GET": "list"},
        {"GET": "retrieve", "DELETE": "destroy"},
    )
