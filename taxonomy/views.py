"""/wp/v2/taxonomies and the terms routes of every REST taxonomy (/wp/v2/categories, /tags...)."""

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from rest_framework.request import Request
from rest_framework.response import Response

from content.models import Post
from content.queries import posts_by_id
from taxonomy import policies
from taxonomy.meta import TERM_META
from taxonomy.models import Term, TermRelationship
from taxonomy.queries import filter_terms, term_collection_args
from taxonomy.serializers import TaxonomySerializer, TermSerializer, term_serializer_for
from taxonomy.services import term_create, term_delete, term_update, terms_of
from wpapi.errors import WPError
from wpapi.params import is_row_id, row_ids
from wpapi.registry import (
    Taxonomy,
    get_post_type,
    get_taxonomy,
    rest_taxonomies,
    taxonomy_exists,
)
from wpapi.state import wp_state
from wpapi.viewsets import CONTEXT_ARG, WPViewSet


class AllowByPermissionMixin:
    """WordPress's Allow header (rest_send_allow_header) also when the arguments failed
    validation: the item is looked up for it, and the checks run with the default context."""

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        # So Allow can still be worked out when the arguments fail validation.
        self.params, self.wp_context, self.object = {}, "view", None
        super().initial(request, *args, **kwargs)  # type: ignore[misc]

    def allowed_methods_for_user(self) -> list[str]:
        allowed: list[str] = []
        route = self.route  # type: ignore[attr-defined]
        if route is None:
            return allowed
        obj = getattr(self, "object", None)
        if obj is None and "id" in self.kwargs:  # type: ignore[attr-defined]
            try:
                obj = self.get_object()  # type: ignore[attr-defined]
            except WPError:
                return allowed
        for method, action in route.actions.items():
            if method in allowed:
                continue
            try:
                self.check_action_permission(action, obj)  # type: ignore[attr-defined]
            except WPError:
                continue
            allowed.append(method)
        return allowed


class ExactFieldsMixin:
    """The terms and taxonomies controllers build a field only when _fields names it exactly
    (in_array), so `_fields=meta.ref_color` leaves meta out altogether."""

    def response_fields(self) -> set[str] | None:
        fields = super().response_fields()  # type: ignore[misc]
        requested = self.request_fields()  # type: ignore[attr-defined]
        if fields is None or requested is None:
            return fields
        return {name for name in fields if name in requested or name in ("id", "_links")}


class TermViewSet(ExactFieldsMixin, AllowByPermissionMixin, WPViewSet):
    """WP_REST_Terms_Controller for one taxonomy; urls.py makes a subclass per taxonomy."""

    taxonomy_slug = ""
    not_found_code = "rest_term_invalid"
    not_found_message = "Term does not exist."
    id_description = "Unique identifier for the term."
    allow_batch = True
    # get_items(): `offset` (flat taxonomies) overrides the page, and a page past the end is
    # an empty list, not an error
    page_past_end_is_error = False
    page_follows_offset = True

    @property
    def taxonomy(self) -> Taxonomy:
        taxonomy = get_taxonomy(self.taxonomy_slug)
        if taxonomy is None:  # unregistered since the routes were built
            raise WPError(self.not_found_code, self.not_found_message, 404)
        return taxonomy

    def get_serializer_class(self) -> type[TermSerializer]:
        return term_serializer_for(self.taxonomy)

    # --- arguments ---------------------------------------------------------------------------
    def raw_params(self) -> dict[str, Any]:
        # WordPress skips null parameters entirely (isset() is false for them).
        return {key: value for key, value in super().raw_params().items() if value is not None}

    def collection_args(self) -> dict[str, dict[str, Any]]:
        return term_collection_args(self.taxonomy)

    def destroy_args(self) -> dict[str, dict[str, Any]]:
        return {
            "force": {
                "type": "boolean",
                "default": False,
                "description": "Required to be true, as terms do not support trashing.",
            }
        }

    # --- rows --------------------------------------------------------------------------------
    def get_queryset(self) -> QuerySet[Term]:
        return terms_of(self.taxonomy)

    def filter_queryset(self, queryset: QuerySet[Term]) -> QuerySet[Term]:
        return filter_terms(queryset, self.params, self.taxonomy, all_terms=terms_of(self.taxonomy))

    def prepare_items(self, items: list[Term]) -> dict[str, Any]:
        taxonomy = self.taxonomy
        bases = []
        for object_type in taxonomy.object_types:
            post_type = get_post_type(object_type)
            if post_type is not None and post_type.show_in_rest and post_type.rest_base:
                bases.append(post_type.rest_base)
        context: dict[str, Any] = {"object_type_bases": bases}
        fields = self.response_fields()
        wants_link = fields is None or "link" in fields
        if wants_link and taxonomy.rewrite_hierarchical and any(t.parent_id for t in items):
            rows = Term.objects.filter(taxonomy=taxonomy.slug).values_list(
                "id", "parent_id", "slug"
            )
            context["term_tree"] = {pk: (parent_id, slug) for pk, parent_id, slug in rows}
        if fields is None or "meta" in fields:
            context["meta"] = TERM_META.load([term.pk for term in items], taxonomy.slug)
        return context

    # --- permissions -------------------------------------------------------------------------
    def check_list_permission(self) -> None:
        user = self.request.user
        policies.check_can_list_terms(user, self.taxonomy, self.wp_context)
        post_id = self.params.get("post")
        if post_id:
            post = Post.objects.filter(pk=post_id).first() if is_row_id(post_id) else None
            if post is None:
                raise WPError("rest_post_invalid_id", "Invalid post ID.", 400)
            policies.check_can_read_terms_for_post(user, post, self.taxonomy)

    def check_retrieve_permission(self, term: Term) -> None:
        policies.check_can_view_term(self.request.user, term, self.wp_context)

    def check_create_permission(self) -> None:
        policies.check_can_create_term(self.request.user, self.taxonomy)

    def check_update_permission(self, term: Term) -> None:
        policies.check_can_edit_term(self.request.user, term)

    def check_destroy_permission(self, term: Term) -> None:
        policies.check_can_delete_term(self.request.user, term)

    # --- _embed of many posts' terms (wp:term links) in one go --------------------------------
    embeds_collections_by = ("post",)

    def embed_collections(self, key: str, values: list[int]) -> dict[int, list[dict[str, Any]]]:
        """`?post=<id>` for every post of a page: the posts this user may read, their terms
        in the list's order (first page), one query per kind for all of them."""
        user = self.request.user
        posts = posts_by_id(self.request, row_ids(values)).values()
        readable = [
            post.pk for post in posts if policies.can_read_terms_for_post(user, post, self.taxonomy)
        ]
        return self.terms_by_post(readable)

    def terms_by_post(self, readable: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
        """Each post's terms of this taxonomy, serialized, in the list's order (its first
        page): the relationships, then the terms, each in one query for every post."""
        readable = list(readable)
        known = wp_state(self.request).post_terms  # when the posts' answer read them already
        if all(post_id in known for post_id in readable):
            slug = self.taxonomy.slug
            pairs = [
                (post_id, term_id)
                for post_id in readable
                for term_id, taxonomy in known[post_id]
                if taxonomy == slug
            ]
        else:
            pairs = list(
                TermRelationship.objects.filter(
                    post_id__in=readable, term__taxonomy=self.taxonomy.slug
                ).values_list("post_id", "term_id")
            )
        ordered = list(
            self.filter_queryset(self.get_queryset()).filter(
                pk__in={term_id for _, term_id in pairs}
            )
        )
        position = {term.pk: index for index, term in enumerate(ordered)}
        items = dict(zip(position, self.serialize(ordered), strict=True))
        per_page = self.params.get("per_page") or 10
        found: dict[int, list[dict[str, Any]]] = {post_id: [] for post_id in readable}
        for post_id, term_id in sorted(pairs, key=lambda pair: position.get(pair[1], 0)):
            if term_id in items and len(found[post_id]) < per_page:
                found[post_id].append(items[term_id])
        return found

    # --- handlers ----------------------------------------------------------------------------
    def _parent_param(self, params: dict[str, Any]) -> int | None:
        if params.get("parent") is None:
            return None
        taxonomy = self.taxonomy
        if not taxonomy.hierarchical:
            raise WPError(
                "rest_taxonomy_not_hierarchical",
                "Cannot set parent term, taxonomy is not hierarchical.",
                400,
            )
        parent = int(params["parent"])
        if parent and not (
            is_row_id(parent) and Term.objects.filter(pk=parent, taxonomy=taxonomy.slug).exists()
        ):
            raise WPError("rest_term_invalid", "Parent term does not exist.", 400)
        return parent

    def perform_create(self, params: dict[str, Any]) -> Term:
        parent = self._parent_param(params)
        prospective = Term(taxonomy=self.taxonomy.slug, parent_id=parent or None)
        TERM_META.check_can_write(prospective, params.get("meta"), self.request.user)
        return term_create(
            taxonomy=self.taxonomy,
            name=params.get("name", ""),
            slug=params.get("slug"),
            description=params.get("description"),
            parent_id=parent,
            meta=params.get("meta"),
        )

    def perform_update(self, term: Term, params: dict[str, Any]) -> Term:
        changes: dict[str, Any] = {}
        parent = self._parent_param(params)
        if parent is not None:
            changes["parent_id"] = parent
        for name in ("name", "slug", "description"):
            if params.get(name) is not None:
                changes[name] = params[name]
        TERM_META.check_can_write(term, params.get("meta"), self.request.user)
        return term_update(term=term, meta=params.get("meta"), **changes)

    def perform_destroy(self, term: Term, params: dict[str, Any]) -> dict[str, Any]:
        if not params.get("force"):
            raise WPError(
                "rest_trash_not_supported",
                "Terms do not support trashing. Set 'force=true' to delete.",
                501,
            )
        self.wp_context = "view"
        serializer_class = self.get_serializer_class()
        context = self.get_serializer_context()
        context["fields"] = set(serializer_class.context_plan("view"))  # no _links in previous
        context.update(self.prepare_items([term]))
        previous = serializer_class(context=context).item(term)
        term_delete(term=term)
        self.object = None  # gone: no method is allowed on it any more (no Allow header)
        return {"deleted": True, "previous": previous}


class TaxonomyViewSet(ExactFieldsMixin, AllowByPermissionMixin, WPViewSet):
    """WP_REST_Taxonomies_Controller: /wp/v2/taxonomies, keyed by taxonomy, and one taxonomy."""

    #: the collection is an object keyed by slug, not a list (as in WordPress)
    collection_is_object = True

    serializer_class = TaxonomySerializer

    def url_args(self) -> dict[str, dict[str, Any]]:
        if self.route is not None and "taxonomy" in self.route.param_names:
            return {
                "taxonomy": {
                    "description": "An alphanumeric identifier for the taxonomy.",
                    "type": "string",
                }
            }
        return {}

    def collection_args(self) -> dict[str, dict[str, Any]]:
        return {
            "context": CONTEXT_ARG,
            "type": {
                "description": "Limit results to taxonomies associated with a specific post type.",
                "type": "string",
            },
        }

    def candidates(self) -> list[Taxonomy]:
        post_type = self.params.get("type")
        found = rest_taxonomies()
        if post_type not in (None, "", "0"):  # PHP's empty(): "0" lists every taxonomy
            found = [tax for tax in found if post_type in tax.object_types]
        return found

    def requested_slug(self) -> str:
        """$request['taxonomy']: a query parameter of that name wins over the route's."""
        params = getattr(self, "params", None) or {}
        return str(params.get("taxonomy", self.kwargs.get("taxonomy", "")))

    def requested_taxonomy(self) -> Taxonomy | None:
        return get_taxonomy(self.requested_slug())

    def check_list_permission(self) -> None:
        policies.check_can_list_taxonomies(self.request.user, self.candidates(), self.wp_context)

    def check_retrieve_permission(self, obj: Any) -> None:
        taxonomy = self.requested_taxonomy()
        slug = self.requested_slug()
        if taxonomy_exists(slug) and (taxonomy is None or not taxonomy.show_in_rest):
            raise self.forbid("rest_forbidden", "Sorry, you are not allowed to do that.")
        policies.check_can_view_taxonomy(self.request.user, taxonomy, self.wp_context)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request.user
        shown = [
            tax
            for tax in self.candidates()
            if self.wp_context != "edit" or policies.can_assign_terms(user, tax)
        ]
        items = self.serialize(shown)
        # A JSON object even when empty, as WordPress casts its empty array to an object.
        return Response({tax.slug: item or [] for tax, item in zip(shown, items, strict=True)})

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        taxonomy = self.requested_taxonomy()
        if taxonomy is None:
            raise WPError("rest_taxonomy_invalid", "Invalid taxonomy.", 404)
        return Response(self.serialize_one(taxonomy))
