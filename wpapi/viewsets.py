"""The base viewset: WordPress's controller lifecycle on top of DRF.

Per request, in WordPress's order: parameters are merged and validated against the endpoint's
arguments (400 before any permission check), then the action's permission check runs
(`check_<action>_permission`, loading the object first for item routes, so a missing object is
the resource's 404), then the handler. Responses carry `Allow` (the methods this user may use
on this route) and collections carry WordPress's pagination headers.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Model, QuerySet
from rest_framework import exceptions, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from wpapi import schema as wp_schema
from wpapi import versions
from wpapi.errors import WPError, forbidden
from wpapi.formatting import without_nul
from wpapi.links import rest_url
from wpapi.params import (
    absint,
    page_offset,
    parse_query_string,
    php_build_query,
    php_intval,
    querydict_to_params,
)
from wpapi.schema import validated_first
from wpapi.serializers import WPSerializer
from wpapi.state import wp_state

# The controller's common arguments have a validate_callback: has_valid_params() checks them
# before the others (wpapi.schema.process_args)
CONTEXT_ARG = validated_first(
    {
        "description": "Scope under which the request is made; determines fields present in "
        "response.",
        "type": "string",
        "enum": ["view", "embed", "edit"],
        "default": "view",
    }
)
PAGE_ARG = validated_first(
    {
        "description": "Current page of the collection.",
        "type": "integer",
        "default": 1,
        "minimum": 1,
    }
)
PER_PAGE_ARG = validated_first(
    {
        "description": "Maximum number of items to be returned in result set.",
        "type": "integer",
        "default": 10,
        "minimum": 1,
        "maximum": 100,
    }
)
SEARCH_ARG = validated_first(
    {"description": "Limit results to those matching a string.", "type": "string"}
)
EXCLUDE_ARG = {
    "description": "Ensure result set excludes specific IDs.",
    "type": "array",
    "items": {"type": "integer"},
    "default": [],
}
INCLUDE_ARG = {
    "description": "Limit result set to specific IDs.",
    "type": "array",
    "items": {"type": "integer"},
    "default": [],
}
OFFSET_ARG = {
    "description": "Offset the result set by a specific number of items.",
    "type": "integer",
}


def order_arg(default: str = "desc") -> dict[str, Any]:
    return {
        "description": "Order sort attribute ascending or descending.",
        "type": "string",
        "default": default,
        "enum": ["asc", "desc"],
    }


FORCE_ARG = {
    "type": "boolean",
    "default": False,
    "description": "Whether to bypass Trash and force deletion.",
}


#: the OFFSET from which a page is read as a deferred join (WPViewSet.deferred_join)
DEFERRED_JOIN_OFFSET = 1000


@dataclass(frozen=True)
class PageWindow:
    """Which rows of a collection a request asks for; per_page None means all of them."""

    per_page: int | None
    page: int
    start: int


READ_ACTIONS = {"list", "retrieve"}
ACTION_METHODS = {
    "list": ("GET",),
    "retrieve": ("GET",),
    "create": ("POST",),
    "update": ("POST", "PUT", "PATCH"),
    "destroy": ("DELETE",),
}


def collection_params(**extra: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The collection arguments every WordPress controller starts from, plus `extra`."""
    return {
        "context": CONTEXT_ARG,
        "page": PAGE_ARG,
        "per_page": PER_PAGE_ARG,
        "search": SEARCH_ARG,
        **extra,
    }


class WPViewSet(viewsets.GenericViewSet):
    """Base for every wp/v2 resource. Subclasses set the class attributes below and implement
    `get_queryset`, `filter_queryset`, the `check_*_permission` hooks and `perform_*`."""

    serializer_class: type[WPSerializer] = WPSerializer
    lookup_url_kwarg = "id"
    not_found_code = "rest_no_route"
    not_found_message = "No route was found matching the URL and request method."
    invalid_page_code = "rest_invalid_page_number"
    #: whether POST /batch/v1 may include this resource's write routes (allow_batch in WordPress)
    allow_batch = False
    id_description = "Unique identifier for the object."
    #: the collection route, e.g. "/wp/v2/posts"; set by the router
    base_route = ""
    route: Any = None
    #: standard actions this resource does not offer (the router registers no method for them)
    disabled_actions: frozenset[str] = frozenset()

    @property
    def default_response_headers(self) -> dict[str, str]:
        return {}  # WordPress's Allow lists what this user may do; finalize_response sets it

    # --- arguments ---------------------------------------------------------------------------
    def collection_args(self) -> dict[str, dict[str, Any]]:
        return collection_params()

    def item_args(self) -> dict[str, dict[str, Any]]:
        return {"context": CONTEXT_ARG}

    def create_args(self) -> dict[str, dict[str, Any]]:
        return wp_schema.args_from_schema(self.get_serializer_class().schema, creating=True)

    def update_args(self) -> dict[str, dict[str, Any]]:
        return wp_schema.args_from_schema(self.get_serializer_class().schema, creating=False)

    def destroy_args(self) -> dict[str, dict[str, Any]]:
        return {"force": FORCE_ARG}

    def url_args(self) -> dict[str, dict[str, Any]]:
        """Arguments for the route's own parameters (the `id` of an item route)."""
        if "id" in (self.route.param_names if self.route else ()):
            return {"id": {"description": self.id_description, "type": "integer"}}
        return {}

    def args_for(self, action: str) -> dict[str, dict[str, Any]]:
        """The action's arguments (built once per request: they depend on the user and the
        registry, which do not change within it). Callers must not change the dict."""
        built = self.__dict__.setdefault("_built_args", {})
        if action not in built:
            built[action] = self.build_args(action)
        return built[action]

    def build_args(self, action: str) -> dict[str, dict[str, Any]]:
        builders = {
            "list": self.collection_args,
            "retrieve": self.item_args,
            "create": self.create_args,
            "update": self.update_args,
            "destroy": self.destroy_args,
        }
        builder = builders.get(action) or getattr(self, f"{action}_args", dict)
        own = builder()
        return {**self.url_args(), **own}

    # --- request lifecycle -------------------------------------------------------------------
    def initialize_request(self, request: Any, *args: Any, **kwargs: Any) -> Request:
        drf_request = super().initialize_request(request, *args, **kwargs)
        caller = wp_state(request).caller  # an internal request acts as its caller
        if caller is not None:
            drf_request.user = caller
        return drf_request

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if self.action in ("describe_route", "metadata"):  # DRF names OPTIONS "metadata"
            self.wp_context, self.params, self.object = "view", {}, None
            return
        batch = wp_state(request).embed if self.action == "embed" else None
        action = batch.action if batch else self.action
        raw: dict[str, Any] = {}
        try:
            raw = self.raw_params()
            self.kwargs = {**self.kwargs, **route_params_from(raw, self.kwargs)}
            params = wp_schema.process_args(self.args_for(action), raw)
            self.sanitized_params = params
            # NUL characters survive validation (an enum or a number holding one is refused, as
            # WordPress refuses it), then never reach the database (PostgreSQL refuses them): a
            # write drops them, as wp_kses_no_null() does; a read turns each into U+FFFD, so a
            # filter holding one still matches nothing, as in WordPress, rather than more.
            reading = request.method in ("GET", "HEAD")
            self.params = without_nul(params, "\ufffd" if reading else "")
        except WPError:
            # WordPress still lists in Allow the methods whose permission checks pass, asked
            # with the parameters as sent (with the defaults), none of them sanitized; here
            # the valid ones are, so the checks meet the types they know
            self.params, self.object = wp_schema.as_sent(self.args_for(action), raw), None
            context = self.params.get("context")
            self.wp_context = context if isinstance(context, str) else "view"
            if self.action not in ("list", "create") and "id" in self.kwargs:
                with contextlib.suppress(WPError):
                    self.object = self.get_object()
            raise
        if wp_state(request).validate_only:
            raise ValidatedOnly()
        self.wp_context = self.params.get("context", "view")
        self.object: Any = None
        if batch:  # embed() checks each item's permission itself
            return
        if self.action not in ("list", "create") and "id" in self.kwargs:
            self.object = self.get_object()
        self.check_action_permission(self.action, self.object)
        # a read changes nothing the check reads, nor does a create (its check is about the
        # caller and the arguments, not the object it makes): Allow need not ask it again
        self.own_check_holds = request.method in ("GET", "HEAD") or self.action == "create"

    def raw_params(self) -> dict[str, Any]:
        """The request's parameters as WP_REST_Request::get_param() finds them: the body (JSON
        or form), then the query string, then the route's own parameters; the first place that
        has a name gives its value. The names keep that order too (each place's in the order
        sent), which is the order sanitize_params() checks them in."""
        request = self.request
        params: dict[str, Any] = {}
        if request.method in ("POST", "PUT", "PATCH", "DELETE"):
            params.update(self.body_params())
        query = parse_query_string(request._request.META.get("QUERY_STRING", ""))
        for noise in ("rest_route", "_method"):
            query.pop(noise, None)
        for source in (query, self.kwargs):
            for name, value in source.items():
                params.setdefault(name, value)
        return params

    def body_params(self) -> dict[str, Any]:
        """The parameters of a JSON or form body (WordPress reads no other kind)."""
        request = self.request
        try:
            data = request.data
        except exceptions.UnsupportedMediaType:
            return {}
        if hasattr(data, "lists"):
            params = querydict_to_params(data)
            for name, upload in getattr(request, "FILES", {}).items():
                params.setdefault(name, upload)
            return params
        return dict(data) if isinstance(data, dict) else {}

    def check_action_permission(self, action: str, obj: Any) -> None:
        check = getattr(self, f"check_{action}_permission", None)
        if check is None:
            return
        if action in ("list", "create"):
            check()
        else:
            check(obj)

    def get_object(self) -> Any:
        pk = php_intval(self.kwargs["id"])
        obj = self.get_queryset().filter(pk=pk).first() if pk > 0 else None
        if obj is None:
            raise WPError(self.not_found_code, self.not_found_message, 404)
        return obj

    def permission_denied(
        self, request: Request, message: str | None = None, code: str | None = None
    ) -> None:
        raise forbidden(
            request.user,
            code or "rest_forbidden",
            message or "Sorry, you are not allowed to do that.",
        )

    def forbid(self, code: str, message: str) -> WPError:
        return forbidden(self.request.user, code, message)

    # --- serialization -----------------------------------------------------------------------
    def response_fields(self) -> set[str] | None:
        """Top-level fields to compute: the context's fields, narrowed by `_fields`."""
        requested = self.request_fields()
        plan = self.get_serializer_class().context_plan(self.wp_context)
        fields = set(plan)
        fields.add("_links")
        if requested is not None:
            tops = {name.split(".", 1)[0] for name in requested}
            fields &= tops | {"id"}
            if "_embedded" in tops:
                fields.add("_links")
        return fields

    def request_fields(self) -> list[str] | None:
        raw = self.request.query_params.get("_fields")
        if raw is None:
            raw_list = self.request.query_params.getlist("_fields[]")
            return [item for item in raw_list if item] if raw_list else None
        return [item.strip() for item in raw.split(",") if item.strip()]

    def get_serializer_context(self) -> dict[str, Any]:
        return {
            "request": self.request,
            "view": self,
            "wp_context": self.wp_context,
            "fields": self.response_fields(),
        }

    def prepare_items(self, items: list[Any]) -> dict[str, Any]:
        """Per-page data the serializer needs (bulk-loaded; one query per kind, not per item)."""
        return {}

    def serialize(self, items: Iterable[Any]) -> list[dict[str, Any]]:
        items = list(items)
        context = self.get_serializer_context()
        context.update(self.prepare_items(items))
        serializer = self.get_serializer_class()(context=context)
        return [serializer.item(item) for item in items]

    def serialize_one(self, item: Any) -> dict[str, Any]:
        return self.serialize([item])[0]

    # --- the collection path ----------------------------------------------------------------
    #: WordPress's answer to a page past the end: the posts, media, revisions and search
    #: controllers refuse it (400 `invalid_page_code`); terms, users and comments answer []
    page_past_end_is_error = True
    #: whether `offset` also decides the page the headers report (terms and users compute the
    #: page from the offset; posts and comments keep the `page` argument)
    page_follows_offset = False
    #: whether `offset` may be negative (WP_User_Query puts it in LIMIT as given: no rows);
    #: the other queries absint() it
    offset_may_be_negative = False

    def page_window(self) -> PageWindow:
        """per_page, page and the first row, as the controller computes them."""
        per_page = self.params.get("per_page")
        page = self.params.get("page", 1) or 1
        offset = self.params.get("offset") if "offset" in self.args_for("list") else None
        if per_page is None and "per_page" not in self.args_for("list"):
            per_page = 10
        if offset:  # `! empty( $request['offset'] )`: 0 means "use the page"
            start = offset if self.offset_may_be_negative else absint(offset)
            if self.page_follows_offset:
                page = math.ceil(offset / per_page + 1) if per_page else 1
        else:
            start = page_offset(page, per_page) if per_page else 0
        return PageWindow(per_page=per_page, page=page, start=start)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """get_items(): the page of rows, the total, the page headers; one path for every
        collection, told apart by the class attributes above and the two hooks below."""
        rows_or_list = self.filter_queryset(self.get_queryset())
        window = self.page_window()
        rows = self.page_rows(rows_or_list, window)
        total = self.count_total(rows_or_list, rows, window)
        if window.per_page is None:  # every row (revisions without per_page)
            max_pages = 1 if total else 0
        else:
            max_pages = math.ceil(total / window.per_page) if total else 0
        if self.page_past_end_is_error and window.page > max_pages and total > 0:
            raise WPError(
                self.invalid_page_code,
                "The page number requested is larger than the number of pages available.",
                400,
            )
        return self.page_response(rows, total, max_pages, window.page)

    def page_rows(self, rows: QuerySet | list[Any], window: PageWindow) -> list[Any]:
        if window.start < 0:  # MySQL finds nothing at a negative offset
            return []
        end = None if window.per_page is None else window.start + window.per_page
        if not isinstance(rows, QuerySet):
            return list(rows[window.start : end])
        executed: list[tuple[str, Any]] = []

        def note(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            if not executed:  # the page's own query, not what it prefetches after it
                executed.append((sql, params))
            return execute(sql, params, many, context)

        with connections[rows.db].execute_wrapper(note):
            page = list(self.deferred_join(rows, window.start, end) or rows[window.start : end])
        #: the SQL the page ran: what the total is kept under (count_total), uncompiled again
        self.page_query = executed[0] if executed else None
        return page

    @staticmethod
    def deferred_join(rows: QuerySet, start: int, end: int | None) -> QuerySet | None:
        """A page far from the first (OFFSET ``start``) as a deferred join: the IDs are found
        in the index alone, and only the page's rows are read whole (at 1,000,000 posts, page
        5,000 skips 49,990 index entries, not as many rows). None when it does not apply: near
        pages, no end, annotations the outer query would have to repeat."""
        query = rows.query
        if start < DEFERRED_JOIN_OFFSET or end is None or query.annotations or query.distinct:
            return None
        if query.combinator or query.extra or not query.order_by:
            return None
        page_ids = rows.values("pk")[start:end]
        outer = rows.model._base_manager.filter(pk__in=page_ids).order_by(*query.order_by)
        outer.query.select_related = query.select_related
        outer.query.deferred_loading = query.deferred_loading
        return outer

    def count_total(self, rows: QuerySet | list[Any], page: list[Any], window: PageWindow) -> int:
        """The number of matching rows. A short first page already tells it; an empty page
        is counted again only where the controller does (recount_empty_page)."""
        if isinstance(rows, list):
            return len(rows)
        if window.start == 0 and (window.per_page is None or len(page) < window.per_page):
            return len(page)
        if not page and not self.recount_empty_page(window):
            return 0
        # the same query's total is the same until the content changes (wpapi.versions); the
        # page's query names it (the same rows, LIMIT aside), else the count's own
        query = getattr(self, "page_query", None)
        if query is None:
            try:
                query = rows.query.sql_with_params()
            except EmptyResultSet:  # a filter that can match nothing (`pk__in=[]`)
                return 0
        sql, params = query
        return versions.derived(("count", sql, repr(params)), rows.count)

    def recount_empty_page(self, window: PageWindow) -> bool:
        """Whether an empty page's total is counted (terms, users and comments count apart
        from the page; WP_Query knows found_posts only when the page has rows)."""
        return True

    def page_response(self, rows: list[Any], total: int, max_pages: int, page: int) -> Response:
        """A page of a collection: its items (none for HEAD) and the pagination headers."""
        data = [] if self.request.method == "HEAD" else self.serialize(rows)
        response = Response(data)
        self.add_pagination_headers(response, total, max_pages, page)
        return response

    def add_pagination_headers(
        self, response: Response, total: int, max_pages: int, page: int
    ) -> None:
        response["X-WP-Total"] = str(total)
        response["X-WP-TotalPages"] = str(max_pages)
        query = self.link_query()
        links = []
        if page > 1:
            prev_page = page - 1
            if self.prev_page_within_pages:  # page=0 when nothing matched, as WordPress
                prev_page = min(prev_page, max_pages)
            links.append(f'<{self.page_url(query, prev_page)}>; rel="prev"')
        if page < max_pages:
            links.append(f'<{self.page_url(query, page + 1)}>; rel="next"')
        if links:
            response["Link"] = ", ".join(links)

    #: whether a prev link past the last page points at the last page (every collection but
    #: search's, whose prev is always the page before)
    prev_page_within_pages = True

    def link_query(self) -> dict[str, Any]:
        """WP_REST_Request::get_query_params() after sanitize_params(): the query as PHP parsed
        it (rest_route included), each of the endpoint's arguments as sanitised
        (`hide_empty=true` is 1, `exclude=0` a list, `slug=` an empty list, so left out)."""
        query = parse_query_string(self.request._request.META.get("QUERY_STRING", ""))
        sanitized = getattr(self, "sanitized_params", {})
        args = self.args_for(self.action)
        for name in query:
            if name in args and name in sanitized:
                query[name] = sanitized[name]
        return query

    def page_url(self, query: dict[str, Any], page: int) -> str:
        # add_query_arg("page", ...) replaces an existing page in place, else appends it
        return (
            rest_url(self.request, self.request_route())
            + "?"
            + php_build_query({**query, "page": str(page)})
        )

    def request_route(self) -> str:
        return wp_state(self.request).route_path or self.base_route

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(self.serialize_one(self.object))

    # --- _embed of many links at once (the protocol is described in wpapi.embedding) --------
    #: `_embed` may read many items of this resource in one go (embed_items); a resource
    #: whose single GET is not "the object by id, then check_retrieve_permission" turns it off
    embeds_in_bulk = True
    #: the route parameter naming an item, for embed_items (an ID unless a resource says)
    embed_item_key = "id"
    #: the arguments by which `_embed` may read this collection for many objects at once (the
    #: replies or terms of every post of a page): resources implementing embed_collections()
    embeds_collections_by: tuple[str, ...] = ()

    @classmethod
    def batches_embeds(cls) -> bool:
        return cls.embeds_in_bulk and hasattr(cls, "check_retrieve_permission")

    def embed(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The `embed` action: one answer for a batch of embedded links, keyed by value."""
        batch = wp_state(request).embed
        if batch.action == "retrieve":
            answers = self.embed_items(batch.values)
        else:
            answers = self.embed_collections(batch.key, batch.values)
        return Response({str(value): items for value, items in answers.items()})

    def embed_items(self, ids: list[int]) -> dict[int, dict[str, Any]]:
        """Each item as `retrieve` answers it, the error objects of missing and forbidden ones
        included, readable ones serialized together so related data is loaded once."""
        objects = {obj.pk: obj for obj in self.many_queryset(ids)}
        answers: dict[int, dict[str, Any]] = {}
        readable = []
        for pk in dict.fromkeys(ids):
            obj = objects.get(pk)
            try:
                if obj is None:
                    raise WPError(self.not_found_code, self.not_found_message, 404)
                self.check_retrieve_permission(obj)
            except WPError as error:
                answers[pk] = error.as_dict()
                continue
            readable.append(obj)
        answers.update(zip([obj.pk for obj in readable], self.serialize(readable), strict=True))
        return answers

    def many_queryset(self, ids: list[int]) -> QuerySet:
        """The objects embed_items reads; annotate here what their permission checks need."""
        return self.get_queryset().filter(pk__in=ids)

    def embed_collections(self, key: str, values: list[int]) -> dict[int, list[dict[str, Any]]]:
        """For each value of the argument `key` (one of embeds_collections_by), the list a GET
        with that value answers (its first page), for the values this user may read; the
        others are left out (and asked one by one)."""
        raise NotImplementedError

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if "id" in self.params and self.create_rejects_id:
            raise WPError(self.exists_code, "Cannot create existing post.", 400)
        obj = self.perform_create(self.params)
        obj = self.reload(obj)
        self.object = obj
        self.wp_context = "edit"
        response = Response(self.serialize_one(obj), status=201)
        response["Location"] = rest_url(request, f"{self.base_route}/{obj.pk}")
        return response

    create_rejects_id = False
    exists_code = "rest_post_exists"

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        obj = self.perform_update(self.object, self.params)
        self.object = self.reload(obj)
        self.wp_context = "edit"
        return Response(self.serialize_one(self.object))

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        pk = self.object.pk
        response = Response(self.perform_destroy(self.object, self.params))
        # Allow is worked out after the handler: for what is left of the object (a trashed
        # post), or for nothing once it is deleted
        self.object = self.get_queryset().filter(pk=pk).first()
        return response

    def reload(self, obj: Model) -> Any:
        """Re-read a written object through get_queryset(), so a 201 costs what a GET costs."""
        return self.get_queryset().get(pk=obj.pk)

    def perform_create(self, params: dict[str, Any]) -> Any:
        raise NotImplementedError

    def perform_update(self, obj: Any, params: dict[str, Any]) -> Any:
        raise NotImplementedError

    def perform_destroy(self, obj: Any, params: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def describe_route(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """OPTIONS: the route's methods, endpoints with their arguments, and the schema."""
        if "id" in self.kwargs:
            try:
                self.object = self.get_object()
            except WPError:
                self.object = None
        return Response(describe(self.route, self, request, with_schema=True))

    # --- Allow -------------------------------------------------------------------------------
    #: item actions whose permission check does not read the item (WordPress runs it for Allow
    #: even when the item does not exist): called with None
    checks_without_object: frozenset[str] = frozenset()

    def allowed_methods_for_user(self) -> list[str]:
        """Methods of this route whose permission check passes for this user (WordPress's Allow)."""
        allowed: list[str] = []
        route = self.route
        if route is None:
            return allowed
        for method, action in route.actions.items():
            if method in allowed:
                continue
            needs_object = action in ("update", "destroy") or (
                action == "retrieve" and "id" in getattr(self, "kwargs", {})
            )
            if (
                needs_object
                and getattr(self, "object", None) is None
                and action not in self.checks_without_object
            ):
                continue
            if action == self.action and getattr(self, "own_check_holds", False):
                allowed.append(method)
                continue
            try:
                self.check_action_permission(action, getattr(self, "object", None))
            except WPError:
                continue
            allowed.append(method)
        return allowed

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.route is not None and self.action != "embed" and not response.has_header("Allow"):
            try:
                methods = (
                    self.allowed_methods_for_user()
                    if hasattr(self, "params")
                    else [m for m, a in self.route.actions.items() if a in READ_ACTIONS]
                )
            except Exception:  # noqa: BLE001 - the Allow header must never turn into a 500
                methods = [m for m, a in self.route.actions.items() if a in READ_ACTIONS]
            if methods:  # WordPress sends no Allow when no method's permission check passes
                response["Allow"] = ", ".join(methods)
        return response


def route_params_from(params: dict[str, Any], route: dict[str, Any]) -> dict[str, str]:
    """The route's parameters as a handler reads them: a parameter of the same name in the
    body or the query string wins over the URL's (`/wp/v2/posts/5?id=7` reads post 7), as
    WP_REST_Request::get_param() looks there first. Values are kept as text, the URL's type;
    a list or an object sent there is left to the arguments' validation."""
    found = {}
    for name in route:
        value = params.get(name)
        if isinstance(value, bool):
            found[name] = "1" if value else ""  # PHP's (string) true and false
        elif isinstance(value, str | int | float):
            found[name] = str(value)
    return found


class ValidatedOnly(WPError):
    """Raised after argument validation when a batch only checks that requests are valid."""

    def __init__(self) -> None:
        super().__init__("rest_batch_validated", "Valid.", 200)


def describe(route: Any, viewset: WPViewSet, request: Any, with_schema: bool) -> dict[str, Any]:
    """A route as the index and OPTIONS describe it."""
    from wpapi.links import rest_url as _rest_url

    data: dict[str, Any] = {
        "namespace": route.namespace,
        "methods": route.methods,
        "endpoints": route.endpoints(viewset),
    }
    if with_schema and getattr(viewset, "serializer_class", None) is not None:
        schema = viewset.get_serializer_class().public_schema()
        if schema.get("properties") or schema.get("title") != "object":
            data["schema"] = schema
    if "(?P" not in route.pattern:
        data["_links"] = {"self": [{"href": _rest_url(request, route.pattern)}]}
    return data
