"""/wp/v2/menus (WP_REST_Menus_Controller, on the terms controller), /wp/v2/menu-items
(WP_REST_Menu_Items_Controller, on the posts controller) and /wp/v2/menu-locations
(WP_REST_Menu_Locations_Controller)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework.request import Request
from rest_framework.response import Response

from content import policies as post_policies
from content.meta_fields import POST_META
from content.models import Post
from content.queries import post_collection_args
from content.views import PostViewSet
from menus import policies, services
from menus.queries import (
    auto_add_menus,
    located_menu_ids,
    locations_by_menu,
    nav_menu_locations,
    public_items_q,
    registered_locations,
    setup_menu_items,
)
from menus.serializers import (
    MenuLocationSerializer,
    menu_item_serializer,
    menu_serializer,
    schema_object_link,
)
from taxonomy import policies as taxonomy_policies
from taxonomy.meta import TERM_META
from taxonomy.models import Term
from taxonomy.policies import can_read_terms_for_post
from taxonomy.views import TermViewSet
from wpapi.errors import WPError, forbidden
from wpapi.links import rest_url, site_url
from wpapi.params import absint, is_row_id, row_ids
from wpapi.viewsets import CONTEXT_ARG, WPViewSet


# --- menus ---------------------------------------------------------------------------------------
class MenuViewSet(TermViewSet):
    """The `nav_menu` terms: the terms controller with the menus' own reading rule, fields
    (locations, auto_add), writes (wp_update_nav_menu_object) and deletion."""

    taxonomy_slug = "nav_menu"

    def get_serializer_class(self) -> Any:
        return menu_serializer()

    # --- rows --------------------------------------------------------------------------------
    def public_only(self) -> bool:
        return policies.reads_public_menus_only(self.request.user)

    def filter_queryset(self, queryset: QuerySet[Term]) -> QuerySet[Term]:
        terms = super().filter_queryset(queryset)
        if self.public_only():
            terms = terms.filter(pk__in=located_menu_ids())
        return terms

    def prepare_items(self, items: list[Term]) -> dict[str, Any]:
        context = super().prepare_items(items)
        context["locations"] = locations_by_menu()
        context["auto_add"] = set(auto_add_menus())
        return context

    # --- permissions -------------------------------------------------------------------------
    def can_read_terms_of(self, post: Post) -> bool:
        """?post=: the item's menus, to whoever may read the item (public items when menus
        are public)."""
        if can_read_terms_for_post(self.request.user, post, self.taxonomy):
            return True
        return (
            self.public_only()
            and post.type == "nav_menu_item"
            and Post.objects.filter(pk=post.pk).filter(public_items_q(self.request.user)).exists()
        )

    def check_list_permission(self) -> None:
        """The terms' checks (edit context, ?post=), then the menus' reading rule."""
        user = self.request.user
        taxonomy_policies.check_can_list_terms(user, self.taxonomy, self.wp_context)
        post_id = self.params.get("post")
        if post_id:
            post = Post.objects.filter(pk=post_id).first() if is_row_id(post_id) else None
            if post is None:
                raise WPError("rest_post_invalid_id", "Invalid post ID.", 400)
            if not self.can_read_terms_of(post):
                raise forbidden(
                    user,
                    "rest_forbidden_context",
                    "Sorry, you are not allowed to view terms for this post.",
                )
        policies.check_can_read(user, "menus")

    def check_retrieve_permission(self, term: Term) -> None:
        super().check_retrieve_permission(term)
        user = self.request.user
        if policies.can_read_menus(user):
            return
        if not policies.menus_are_public() or term.pk not in located_menu_ids():
            raise policies.refuse_reading(user, "menus")

    # --- _embed of many items' menus (their wp:term links) -----------------------------------
    def embed_collections(self, key: str, values: list[int]) -> dict[int, list[dict[str, Any]]]:
        posts = list(Post.objects.filter(pk__in=row_ids(values)))
        readable = {
            post.pk
            for post in posts
            if can_read_terms_for_post(self.request.user, post, self.taxonomy)
        }
        if self.public_only():
            public = Post.objects.filter(pk__in=[post.pk for post in posts]).filter(
                public_items_q(self.request.user)
            )
            readable |= set(public.values_list("pk", flat=True))
        elif not policies.can_read_menus(self.request.user):
            readable = set()
        return self.terms_by_post(readable)

    # --- writes ------------------------------------------------------------------------------
    def _check_no_parent(self, params: dict[str, Any]) -> None:
        if params.get("parent") is not None:
            raise WPError(
                "rest_taxonomy_not_hierarchical",
                "Cannot set parent term, taxonomy is not hierarchical.",
                400,
            )

    def _after_write(self, menu: Term, params: dict[str, Any]) -> None:
        """The menu's locations and auto_add, when the request names them."""
        if params.get("locations") is not None:
            services.set_menu_locations(menu_id=menu.pk, locations=list(params["locations"]))
        if params.get("auto_add") is not None:
            services.set_menu_auto_add(menu_id=menu.pk, auto_add=bool(params["auto_add"]))

    def perform_create(self, params: dict[str, Any]) -> Term:
        self._check_no_parent(params)
        TERM_META.check_can_write(Term(taxonomy="nav_menu"), params.get("meta"), self.request.user)
        try:
            menu = services.menu_create(
                name=params.get("name", ""),
                description=params.get("description"),
                meta=params.get("meta"),
            )
        except WPError as error:
            if error.wp_code == "menu_exists":
                error.additional_data = [error.data["term_id"]]
            raise
        self._after_write(menu, params)
        return menu

    def perform_update(self, term: Term, params: dict[str, Any]) -> Term:
        self._check_no_parent(params)
        TERM_META.check_can_write(term, params.get("meta"), self.request.user)
        name = params["name"] if params.get("name") is not None else term.name
        # WordPress sends what wp_update_nav_menu_object() refuses (menu_exists,
        # empty_term_name, duplicate_term_slug) without a status, so PHP answers 500 with
        # "data": null; a client's input never gets a 5xx here: the same codes, with 400.
        menu = services.menu_update(
            menu=term, name=name, description=params.get("description"), meta=params.get("meta")
        )
        self._after_write(menu, params)
        return menu

    def perform_destroy(self, term: Term, params: dict[str, Any]) -> dict[str, Any]:
        if not params.get("force"):
            raise WPError(
                "rest_trash_not_supported",
                "Menus do not support trashing. Set 'force=true' to delete.",
                501,
            )
        self.wp_context = "view"
        serializer_class = self.get_serializer_class()
        context = self.get_serializer_context()
        context["fields"] = set(serializer_class.context_plan("view"))
        context.update(self.prepare_items([term]))
        previous = serializer_class(context=context).item(term)
        services.menu_delete(menu=term)
        self.object = None
        return {"deleted": True, "previous": previous}


# --- menu items ----------------------------------------------------------------------------------
#: the request's field for each of wp_update_nav_menu_item()'s arguments
ITEM_FIELDS = {
    "object_id": "object_id",
    "object": "object",
    "parent": "parent",
    "menu_order": "position",
    "type": "type",
    "url": "url",
    "description": "description",
    "attr_title": "attr_title",
    "target": "target",
    "classes": "classes",
    "xfn": "xfn",
    "status": "status",
}


class MenuItemViewSet(PostViewSet):
    """The `nav_menu_item` posts: the posts controller with the menu items' reading rule,
    fields (from wp_setup_nav_menu_item), writes (wp_update_nav_menu_item) and deletion."""

    post_type = "nav_menu_item"

    def get_serializer_class(self) -> Any:
        return menu_item_serializer()

    # --- arguments ---------------------------------------------------------------------------
    def collection_args(self) -> dict[str, dict[str, Any]]:
        args = post_collection_args(self.type_object, getattr(self.request, "user", None))
        args["per_page"] = {**args["per_page"], "default": 100}
        args["menu_order"] = {
            "description": "Limit result set to posts with a specific menu_order value.",
            "type": "integer",
        }
        args["order"] = {
            "description": "Order sort attribute ascending or descending.",
            "type": "string",
            "default": "asc",
            "enum": ["asc", "desc"],
        }
        args["orderby"] = {
            "description": "Sort collection by object attribute.",
            "type": "string",
            "default": "menu_order",
            "enum": [
                "author",
                "date",
                "id",
                "include",
                "modified",
                "parent",
                "relevance",
                "slug",
                "include_slugs",
                "title",
                "menu_order",
            ],
        }
        return args

    def item_args(self) -> dict[str, dict[str, Any]]:
        return {"context": CONTEXT_ARG}  # menu items have no password

    def describe_route(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().describe_route(request, *args, **kwargs)
        schema = response.data.get("schema")
        if isinstance(schema, dict):
            href = rest_url(request, f"{self.base_route}/{{id}}")
            schema["links"].append(schema_object_link(href))
        return response

    # --- rows --------------------------------------------------------------------------------
    def public_only(self) -> bool:
        return policies.reads_public_menus_only(self.request.user)

    def filter_queryset(self, queryset: QuerySet[Post]) -> QuerySet[Post]:
        rows = super().filter_queryset(queryset)
        if self.public_only():
            rows = rows.filter(public_items_q(self.request.user))
        return rows

    def prepare_items(self, items: list[Post]) -> dict[str, Any]:
        """wp_setup_nav_menu_item() for the page, the items' menus and their meta."""
        ids = [item.pk for item in items]
        fields = self.response_fields()
        data: dict[str, Any] = {"menu_items": setup_menu_items(items, site_url(self.request))}
        menus: dict[int, dict[str, list[int]]] = {}
        for pk, item in data["menu_items"].items():
            if item.menu:
                menus[pk] = {"nav_menu": [item.menu]}
        data["terms"] = menus
        if ids and (fields is None or "meta" in fields):
            data["meta"] = POST_META.load(ids, self.post_type)
        return data

    # --- permissions -------------------------------------------------------------------------
    def check_list_permission(self) -> None:
        super().check_list_permission()
        policies.check_can_read(self.request.user, "menu items")

    def check_retrieve_permission(self, post: Post) -> None:
        super().check_retrieve_permission(post)
        user = self.request.user
        if policies.can_read_menus(user):
            return
        if not policies.menus_are_public() or not (
            Post.objects.filter(pk=post.pk).filter(public_items_q(user)).exists()
        ):
            raise policies.refuse_reading(user, "menu items")

    # --- writes ------------------------------------------------------------------------------
    def item_arguments(self, item: Post | None, params: dict[str, Any]) -> dict[str, Any]:
        """prepare_item_for_database(): the stored item's values (or the new item's defaults)
        under what the request sends, checked as WordPress checks them."""
        if item is not None:
            current = setup_menu_items([item], site_url(self.request))[item.pk]
            args: dict[str, Any] = {
                "object_id": current.object_id,
                "object": current.object,
                "parent": current.parent,
                "position": item.menu_order or 1,
                "type": current.type,
                "title": current.title,
                "url": current.url if isinstance(current.url, str) else "",
                "description": current.description,
                "attr_title": current.attr_title,
                "target": current.target,
                "classes": list(current.classes),
                "xfn": current.xfn.split(" "),
                "status": item.status,
                "menu_id": current.menu,
            }
        else:
            args = {
                "menu_id": 0,
                "object_id": 0,
                "object": "",
                "parent": 0,
                "position": 1,
                "type": "custom",
                "title": "",
                "url": "",
                "description": "",
                "attr_title": "",
                "target": "",
                "classes": [],
                "xfn": [],
                "status": "publish",
            }
        for field, name in ITEM_FIELDS.items():
            if params.get(field) is not None:
                args[name] = params[field]
        if params.get("menus"):
            args["menu_id"] = absint(params["menus"])
        title = params.get("title")
        if isinstance(title, str):
            args["title"] = title
        elif isinstance(title, dict) and title.get("raw"):
            args["title"] = title["raw"]
        services.check_menu_item_arguments(args)
        args["classes"] = " ".join(str(name) for name in args["classes"])
        args["xfn"] = " ".join(str(name) for name in args["xfn"])
        if args["status"] != "publish":
            args["status"] = "draft"
        return args

    def perform_create(self, params: dict[str, Any]) -> Post:
        if params.get("id"):
            raise WPError("rest_post_exists", "Cannot create existing post.", 400)
        args = self.item_arguments(None, params)
        return self.save_item(None, args, params)

    def perform_update(self, post: Post, params: dict[str, Any]) -> Post:
        args = self.item_arguments(post, params)
        return self.save_item(post, args, params)

    def save_item(self, item: Post | None, args: dict[str, Any], params: dict[str, Any]) -> Post:
        user = self.request.user
        prospective = item or Post(type=self.post_type, status=args["status"], author_id=user.pk)
        POST_META.check_can_write(prospective, params.get("meta"), user)
        saved = services.menu_item_save(
            item=item,
            actor_id=user.pk,
            kses=post_policies.needs_kses(user),
            **args,
        )
        if params.get("meta") is not None:
            POST_META.update(saved, params["meta"])
        return saved

    def perform_destroy(self, post: Post, params: dict[str, Any]) -> dict[str, Any]:
        if not params.get("force"):
            raise WPError(
                "rest_trash_not_supported",
                "Menu items do not support trashing. Set 'force=true' to delete.",
                501,
            )
        serializer_class = self.get_serializer_class()
        context = self.get_serializer_context()
        context["fields"] = set(serializer_class.context_plan(self.wp_context))
        context.update(self.prepare_items([post]))
        previous = serializer_class(context=context).item(post)
        services.menu_item_delete(item=post)
        self.object = None
        return {"deleted": True, "previous": previous}


# --- menu locations ------------------------------------------------------------------------------
class MenuLocationViewSet(WPViewSet):
    """The locations the theme declares, with the menu each shows."""

    serializer_class = MenuLocationSerializer
    base_route = "/wp/v2/menu-locations"
    collection_is_object = True  # keyed by location, as WordPress answers
    embed_item_key = "location"

    def url_args(self) -> dict[str, dict[str, Any]]:
        if self.route is not None and "location" in self.route.param_names:
            return {
                "location": {
                    "description": "An alphanumeric identifier for the menu location.",
                    "type": "string",
                }
            }
        return {}

    def collection_args(self) -> dict[str, dict[str, Any]]:
        return {"context": CONTEXT_ARG}

    def check_list_permission(self) -> None:
        policies.check_can_read_locations(self.request.user)

    def check_retrieve_permission(self, obj: Any) -> None:
        policies.check_can_read_locations(self.request.user)

    def prepare_items(self, items: list[Any]) -> dict[str, Any]:
        assigned = nav_menu_locations()
        menus = {menu_id for menu_id in assigned.values() if menu_id > 0}
        existing = set(
            Term.objects.filter(pk__in=menus, taxonomy="nav_menu").values_list("pk", flat=True)
        )
        return {"assigned": assigned, "existing_menus": existing}

    def embed_items(self, ids: list[Any]) -> dict[Any, dict[str, Any]]:
        """Many embedded locations (the menus' wp:menu-location links) at once."""
        answers: dict[Any, dict[str, Any]] = {}
        try:
            self.check_retrieve_permission(None)
        except WPError as error:
            return dict.fromkeys(ids, error.as_dict())
        declared = registered_locations()
        known = [name for name in dict.fromkeys(ids) if name in declared]
        for name in ids:
            if name not in declared:
                answers[name] = WPError(
                    "rest_menu_location_invalid", "Invalid menu location.", 404
                ).as_dict()
        items = self.serialize([(name, declared[name]) for name in known])
        answers.update(zip(known, items, strict=True))
        return answers

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        locations = list(registered_locations().items())
        items = self.serialize(locations)
        # a JSON object even when empty, as WordPress casts its empty array
        return Response({name: item for (name, _), item in zip(locations, items, strict=True)})

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        name = str(self.kwargs.get("location", ""))
        declared = registered_locations()
        if name not in declared:
            raise WPError("rest_menu_location_invalid", "Invalid menu location.", 404)
        return Response(self.serialize_one((name, declared[name])))
