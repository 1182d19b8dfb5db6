"""wp/v2 posts, pages and registered post types; /wp/v2/types and /wp/v2/statuses."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework.request import Request
from rest_framework.response import Response

from content import policies, services
from content.meta_fields import POST_META
from content.models import Post
from content.permalinks import load_ancestors
from content.queries import (
    filter_posts,
    found_posts_recounted,
    post_collection_args,
    remember_posts,
)
from content.serializers import (
    PostSerializer,
    PostStatusSerializer,
    PostTypeSerializer,
    write_fields,
)
from content.serializers.schema import with_template_check
from wpapi import sql
from wpapi.errors import WPError
from wpapi.links import rest_url, site_url
from wpapi.registry import (
    get_post_type,
    post_statuses,
    post_type_caps_for,
    post_types,
    type_taxonomies,
)
from wpapi.state import wp_state
from wpapi.viewsets import CONTEXT_ARG, FORCE_ARG, PageWindow, WPViewSet


class PostViewSet(WPViewSet):
    """WP_REST_Posts_Controller for one post type (subclassed per type in content/urls.py)."""

    post_type = "post"
    allow_batch = True
    not_found_code, not_found_message = "rest_post_invalid_id", "Invalid post ID."
    invalid_page_code = "rest_post_invalid_page_number"
    id_description = "Unique identifier for the post."

    @property
    def type_object(self):  # noqa: ANN201
        return get_post_type(self.post_type)

    def type_can(self, cap: str) -> bool:
        return policies.type_can(self.request.user, self.post_type, cap)

    def get_serializer_class(self) -> type[PostSerializer]:
        return PostSerializer.for_type(self.post_type)

    # --- arguments ---------------------------------------------------------------------------
    def collection_args(self) -> dict[str, dict[str, Any]]:
        return post_collection_args(self.type_object, getattr(self.request, "user", None))

    def item_args(self) -> dict[str, dict[str, Any]]:
        return {
            "context": CONTEXT_ARG,
            "password": {
                "description": "The password for the post if it is password protected.",
                "type": "string",
            },
        }

    def update_args(self) -> dict[str, dict[str, Any]]:
        return with_template_check(
            super().update_args(), self.post_type, getattr(self, "kwargs", {}).get("id")
        )

    def destroy_args(self) -> dict[str, dict[str, Any]]:
        return {"force": FORCE_ARG}

    def describe_route(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """OPTIONS, with the schema's action links (get_schema_links) as WordPress adds them."""
        from content.serializers import schema_links

        response = super().describe_route(request, *args, **kwargs)
        schema = response.data.get("schema")
        if isinstance(schema, dict):
            href = rest_url(request, f"{self.base_route}/{{id}}")
            schema["links"] = schema_links(self.type_object, type_taxonomies(self.post_type), href)
        return response

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """get_item(): the post, and a Link to its page for viewable types."""
        response = super().retrieve(request, *args, **kwargs)
        if self.type_object.viewable and isinstance(response.data, dict):
            permalink = response.data.get("link")
            if not isinstance(permalink, str):  # left out by _fields
                context = {**self.get_serializer_context(), "fields": {"link"}}
                context.update(self.prepare_items([self.object]))
                permalink = self.get_serializer_class()(context=context).permalink(self.object)
            response["Link"] = f'<{permalink}>; rel="alternate"; type=text/html'
        return response

    # --- rows --------------------------------------------------------------------------------
    def get_queryset(self) -> QuerySet[Post]:
        return Post.objects.filter(type=self.post_type)

    def page_response(self, rows: list[Post], total: int, max_pages: int, page: int) -> Response:
        """get_items(): the rows pass check_read_permission() one by one (in edit context
        check_update_permission(): edit_post), so what a type adds to the posts' rule (reusable
        blocks need edit_posts) and what the caller may not edit leave the page while the
        totals count what the query found, as in WordPress."""
        user = self.request.user
        if self.wp_context == "edit":
            shown = [post for post in rows if policies.can_edit_post(user, post)]
        else:
            shown = [post for post in rows if policies.can_read_post(user, post)]
        return super().page_response(shown, total, max_pages, page)

    def filter_queryset(self, queryset: QuerySet[Post]) -> QuerySet[Post]:
        # only this type's declared arguments: others arrive unsanitised and mean nothing here
        declared = self.collection_args()
        params = {name: value for name, value in self.params.items() if name in declared}
        return filter_posts(queryset, params, self.type_object, self.request.user)

    def recount_empty_page(self, window: PageWindow) -> bool:
        return found_posts_recounted(window, self.params)

    def prepare_items(self, items: list[Post]) -> dict[str, Any]:
        """Everything the serializer reads besides the rows: one query per kind."""
        from taxonomy.models import Term, TermRelationship

        ids = [post.pk for post in items]
        remember_posts(self.request, items)  # for the replies and terms `_embed` asks for
        fields = self.response_fields()
        wanted = lambda name: fields is None or name in fields  # noqa: E731
        data: dict[str, Any] = {
            "password": self.params.get("password") if self.action == "retrieve" else None
        }
        if not ids:
            return data
        if wanted("content"):
            # one context for the page: dynamic blocks load their data once for every post
            from content.blocks.context import RenderContext

            data["render"] = RenderContext(site_url(self.request), self.request.user, items)
        if type_taxonomies(self.post_type) and any(
            wanted(tax.rest_base) for tax in type_taxonomies(self.post_type)
        ):
            terms: dict[int, dict[str, list[tuple[str, int]]]] = {}
            post_id, term_id = (sql.column(TermRelationship, name) for name in ("post", "term"))
            query = (
                f"SELECT r.{post_id}, r.{term_id}, t.{sql.column(Term, 'taxonomy')}, "
                f"t.{sql.column(Term, 'name')} FROM {sql.table(TermRelationship)} r "
                f"JOIN {sql.table(Term)} t ON t.{sql.column(Term, 'id')} = r.{term_id} "
                f"WHERE r.{post_id} IN ({sql.placeholders(ids)})"
            )
            known = wp_state(self.request).post_terms  # the terms' `_embed` reads them there
            known.update((pk, []) for pk in ids)
            for post_id, term_id, taxonomy, name in sql.fetch(query, ids):
                terms.setdefault(post_id, {}).setdefault(taxonomy, []).append((name, term_id))
                known[post_id].append((term_id, taxonomy))
            data["terms"] = {
                post_id: {
                    tax: [term_id for _, term_id in sorted(pairs)] for tax, pairs in by_tax.items()
                }
                for post_id, by_tax in terms.items()
            }
        if wanted("_links"):
            # each post's revisions: how many, and the latest (the version-history links)
            pk, parent = sql.column(Post, "id"), sql.column(Post, "parent")
            query = (
                f"SELECT {parent}, COUNT({pk}), MAX({pk}) FROM {sql.table(Post)} "
                f"WHERE {sql.column(Post, 'type')} = %s AND {parent} IN ({sql.placeholders(ids)}) "
                f"GROUP BY {parent}"
            )
            rows = sql.fetch(query, [Post.Type.REVISION, *ids])
            data["revisions"] = {parent_id: (count, last) for parent_id, count, last in rows}
        hierarchical = self.type_object.hierarchical
        if hierarchical and (wanted("link") or wanted("permalink_template") or wanted("_links")):
            parent_types: dict[int, str] = {}
            data["ancestors"] = load_ancestors(items, parent_types)
            data["parent_types"] = parent_types
        if self.wp_context == "edit" and wanted("generated_slug") and self.type_object.viewable:
            data["generated_slugs"] = services.generated_slugs(items)
        if wanted("meta") and "meta" in self.get_serializer_class().schema["properties"]:
            data["meta"] = POST_META.load(ids, self.post_type)
        return data

    # --- permissions (WordPress's *_permissions_check) --------------------------------------
    def check_list_permission(self) -> None:
        if self.wp_context == "edit" and not self.type_can("edit_posts"):
            raise self.forbid(
                "rest_forbidden_context",
                "Sorry, you are not allowed to edit posts in this post type.",
            )

    def check_retrieve_permission(self, post: Post) -> None:
        user = self.request.user
        if self.wp_context == "edit" and not policies.can_edit_post(user, post):
            raise self.forbid(
                "rest_forbidden_context", "Sorry, you are not allowed to edit this post."
            )
        if self.params.get("password"):
            policies.check_post_password(post, self.params["password"])
        if not policies.can_read_post(user, post):
            raise self.forbid("rest_forbidden", "Sorry, you are not allowed to do that.")

    def check_create_permission(self) -> None:
        user, params = self.request.user, self.params
        if params.get("id"):
            raise WPError("rest_post_exists", "Cannot create existing post.", 400)
        policies.check_can_assign_author(user, self.post_type, params.get("author"), creating=True)
        policies.check_can_assign_sticky(user, self.post_type, params.get("sticky"))
        if not self.type_can("create_posts"):
            raise self.forbid(
                "rest_cannot_create", "Sorry, you are not allowed to create posts as this user."
            )
        policies.check_can_assign_terms(user, self.requested_terms())

    def check_update_permission(self, post: Post) -> None:
        user, params = self.request.user, self.params
        if not policies.can_edit_post(user, post):
            raise self.forbid("rest_cannot_edit", "Sorry, you are not allowed to edit this post.")
        policies.check_can_assign_author(user, self.post_type, params.get("author"), creating=False)
        policies.check_can_assign_sticky(user, self.post_type, params.get("sticky"))
        policies.check_can_assign_terms(user, self.requested_terms())

    def check_destroy_permission(self, post: Post) -> None:
        if not policies.can_delete_post(self.request.user, post):
            raise self.forbid(
                "rest_cannot_delete", "Sorry, you are not allowed to delete this post."
            )

    def requested_terms(self) -> dict[str, list[int]]:
        found = {}
        for taxonomy in type_taxonomies(self.post_type):
            value = self.params.get(taxonomy.rest_base)
            if isinstance(value, list):
                found[taxonomy.slug] = [int(term) for term in value]
        return found

    # --- writes ------------------------------------------------------------------------------
    def declared(self, params: dict[str, Any]) -> dict[str, Any]:
        """The sent values of this endpoint's arguments (others arrive unsanitised)."""
        args = self.args_for(self.action)
        return {name: value for name, value in params.items() if name in args}

    def perform_create(self, params: dict[str, Any]) -> Post:
        user = self.request.user
        fields = write_fields(self.declared(params), self.post_type)
        if "status" in fields:
            policies.check_can_set_status(user, self.post_type, fields["status"])
        prospective = Post(
            type=self.post_type,
            status=fields.get("status") or "draft",
            author_id=fields.get("author") or user.pk,
        )
        POST_META.check_can_write(prospective, fields.get("meta"), user)
        return services.post_create(
            post_type=self.post_type, actor_id=user.pk, kses=policies.needs_kses(user), **fields
        )

    def perform_update(self, post: Post, params: dict[str, Any]) -> Post:
        user = self.request.user
        fields = write_fields(self.declared(params), self.post_type)
        if "status" in fields and fields["status"] != post.status:
            policies.check_can_set_status(user, self.post_type, fields["status"])
        POST_META.check_can_write(post, fields.get("meta"), user)
        return services.post_update(
            post=post, actor_id=user.pk, kses=policies.needs_kses(user), **fields
        )

    def perform_destroy(self, post: Post, params: dict[str, Any]) -> dict[str, Any]:
        self.wp_context = "edit"
        if params.get("force"):
            previous = self.serialize_one(post)
            previous.pop("_links", None)
            services.post_delete(post=post)
            return {"deleted": True, "previous": previous}
        if post.status == Post.Status.TRASH:
            raise WPError("rest_already_trashed", "The post has already been deleted.", 410)
        post = services.post_trash(post=post, actor_id=self.request.user.pk)
        self.object = self.reload(post)
        return self.serialize_one(self.object)


# --- /wp/v2/types ------------------------------------------------------------------------------
def _rest_types() -> dict[str, Any]:
    return {slug: post_type for slug, post_type in post_types().items() if post_type.show_in_rest}


def _can_edit_any_type(user: Any) -> bool:
    return any(policies.type_can(user, slug, "edit_posts") for slug in _rest_types())


class TypesViewSet(WPViewSet):
    """WP_REST_Post_Types_Controller: every REST post type, keyed by slug."""

    #: the collection is an object keyed by slug, not a list (as in WordPress)
    collection_is_object = True

    serializer_class = PostTypeSerializer
    base_route = "/wp/v2/types"

    def collection_args(self) -> dict[str, dict[str, Any]]:
        return {"context": CONTEXT_ARG}

    def url_args(self) -> dict[str, dict[str, Any]]:
        if "type" in (self.route.param_names if self.route else ()):
            return {
                "type": {
                    "description": "An alphanumeric identifier for the post type.",
                    "type": "string",
                }
            }
        return {}

    def check_list_permission(self) -> None:
        if self.wp_context == "edit" and not _can_edit_any_type(self.request.user):
            raise self.forbid(
                "rest_cannot_view", "Sorry, you are not allowed to edit posts in this post type."
            )

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request.user
        shown = [
            post_type
            for slug, post_type in _rest_types().items()
            if self.wp_context != "edit" or policies.type_can(user, slug, "edit_posts")
        ]
        items = self.serialize(shown)
        return Response(
            # an item left with no field is PHP's empty array, which JSON writes []
            {item_type.slug: data or [] for item_type, data in zip(shown, items, strict=True)}
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # WordPress makes these checks in get_item(), so Allow still says GET
        post_type = post_types().get(self.kwargs["type"])
        if post_type is None:
            raise WPError("rest_type_invalid", "Invalid post type.", 404)
        if not post_type.show_in_rest:
            raise self.forbid("rest_cannot_read_type", "Cannot view post type.")
        if self.wp_context == "edit" and not policies.type_can(
            request.user, post_type.slug, "edit_posts"
        ):
            raise self.forbid(
                "rest_forbidden_context",
                "Sorry, you are not allowed to edit posts in this post type.",
            )
        return Response(self.serialize_one(post_type))


# --- /wp/v2/statuses ---------------------------------------------------------------------------
def _can_read_status(user: Any, status: Any) -> bool:
    if status.public:
        return True
    if not status.internal or status.slug == "trash":
        return _can_edit_any_type(user)
    return False


class StatusesViewSet(WPViewSet):
    """WP_REST_Post_Statuses_Controller: non-internal statuses (and trash), keyed by slug."""

    #: the collection is an object keyed by slug, not a list (as in WordPress)
    collection_is_object = True

    serializer_class = PostStatusSerializer
    base_route = "/wp/v2/statuses"

    def collection_args(self) -> dict[str, dict[str, Any]]:
        return {"context": CONTEXT_ARG}

    def url_args(self) -> dict[str, dict[str, Any]]:
        if "status" in (self.route.param_names if self.route else ()):
            return {
                "status": {
                    "description": "An alphanumeric identifier for the status.",
                    "type": "string",
                }
            }
        return {}

    def check_list_permission(self) -> None:
        if self.wp_context == "edit" and not _can_edit_any_type(self.request.user):
            raise self.forbid(
                "rest_cannot_view", "Sorry, you are not allowed to manage post statuses."
            )

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        statuses = [
            status
            for slug, status in post_statuses().items()
            if (not status.internal or slug == "trash") and _can_read_status(request.user, status)
        ]
        items = self.serialize(statuses)
        return Response(
            {status.slug: data or [] for status, data in zip(statuses, items, strict=True)}
        )

    def check_retrieve_permission(self, obj: Any) -> None:
        """get_item_permissions_check(): an unknown status is 404, one the user may not see
        401/403 (and then Allow is left out, as WordPress does)."""
        status = post_statuses().get(self.kwargs["status"])
        if status is None:
            raise WPError("rest_status_invalid", "Invalid status.", 404)
        if not _can_read_status(self.request.user, status):
            raise self.forbid("rest_cannot_read_status", "Cannot view status.")

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        status = post_statuses()[self.kwargs["status"]]
        data = self.serialize_one(status)
        # The archives link is added with add_link() whatever _fields asks for.
        links = PostStatusSerializer(context=self.get_serializer_context()).links(status)
        response = Response({**data, "_links": links})
        response.unfiltered_links = True
        return response


def post_type_viewset(slug: str) -> type[PostViewSet]:
    """The viewset class serving one post type's routes."""
    name = "".join(part.title() for part in slug.replace("-", "_").split("_")) + "ViewSet"
    return type(
        name,
        (PostViewSet,),
        {"post_type": slug, "__doc__": f"wp/v2 route of the {slug} post type."},
    )


__all__ = [
    "PostViewSet",
    "StatusesViewSet",
    "TypesViewSet",
    "post_type_caps_for",
    "post_type_viewset",
]
