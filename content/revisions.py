"""Revisions of posts, pages and every type that supports them
(`/wp/v2/<type>/<parent>/revisions[/<id>]`, WP_REST_Revisions_Controller).

Revisions are read-only copies stored as posts of type "revision" whose parent is the post
(content.services.save_revision makes them). Only people who may edit the post see them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from content.formatting import render_content, render_title, wpautop, wptexturize
from content.models import Post
from content.nested import UnderPostMixin, register_under_posts
from content.permalinks import post_guid
from content.queries import check_orderby_has_its_argument
from content.serializers.schema import post_properties
from users.capabilities import user_can
from wpapi.errors import WPError
from wpapi.links import rest_url, site_url
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
        base = self.context["view"].parent_route
        return {
            "parent": [{"href": rest_url(self.context["request"], f"{base}/{revision.parent_id}")}]
        }


class RevisionViewSet(UnderPostMixin, WPViewSet):
    serializer_class = RevisionSerializer
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
        return Post.objects.filter(type=Post.Type.REVISION)

    def get_object(self) -> Post:
        # WordPress checks the parent and the right to see its revisions before the revision
        parent = self.check_parent_readable()
        revision = super().get_object()
        if revision.parent_id != parent.pk:
            raise WPError(
                "rest_revision_parent_id_mismatch",
                "The revision does not belong to the specified parent.",
                404,
            )
        return revision

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

    def check_list_permission(self) -> None:
        self.check_parent_readable()

    def check_retrieve_permission(self, revision: Post) -> None:
        self.check_parent_readable()

    def check_destroy_permission(self, revision: Post) -> None:
        self.check_parent_readable()
        if not user_can(self.request.user, "delete_post", self.parent_post()):
            raise self.forbid(
                "rest_cannot_delete", "Sorry, you are not allowed to delete revisions of this post."
            )

    def perform_destroy(self, revision: Post, params: dict[str, Any]) -> dict[str, Any]:
        if not params.get("force"):
            raise WPError(
                "rest_trash_not_supported",
                "Revisions do not support trashing. Set 'force' to 'true' to delete.",
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
