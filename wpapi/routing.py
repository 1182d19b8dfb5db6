"""WordPress's route table and dispatcher.

Routes are registered in WordPress's regex form (``/wp/v2/posts/(?P<id>[\\d]+)``) with a viewset
and a method → action map. One Django view serves `/wp-json/<route>` and `/?rest_route=<route>`:
it applies the method override, matches routes in order (case-insensitively, trailing slash
ignored), answers OPTIONS with the route's description, and after the handler applies the
global parameters `_fields`, `_embed` (wpapi.embedding) and `_envelope`. The `/wp-json/` index
and the namespace indexes are generated from this table.
"""

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpRequest, HttpResponse, QueryDict
from django.views.decorators.csrf import csrf_exempt
from rest_framework.response import Response

from wpapi import conditional
from wpapi.errors import WPError, error_response, no_route
from wpapi.renderers import WPJSONRenderer
from wpapi.schema import public_args
from wpapi.state import wp_state

METHOD_ORDER = ("GET", "POST", "PUT", "PATCH", "DELETE")


@dataclass
class Route:
    pattern: str
    namespace: str
    viewset: type
    actions: dict[str, str]  # METHOD -> action
    regex: re.Pattern = field(init=False)
    view: Callable = field(init=False)

    def __post_init__(self) -> None:
        self.regex = re.compile("^" + self.pattern + "$", re.IGNORECASE)
        mapping = {method.lower(): action for method, action in self.actions.items()}
        mapping["head"] = self.actions.get("GET", "list")
        mapping["options"] = "describe_route"
        self.view = self.viewset.as_view(mapping, route=self, base_route=self.collection_route())
        #: the same viewset answering many embedded links at once (wpapi.embedding)
        self.embed_view = self.viewset.as_view(
            {"get": "embed"}, route=self, base_route=self.collection_route()
        )

    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(self.regex.groupindex)

    def collection_route(self) -> str:
        base = getattr(self.viewset, "base_route", "")
        return base or re.sub(r"/\(\?P<[^/]+$", "", self.pattern)

    def endpoints(self, viewset: Any) -> list[dict[str, Any]]:
        """[{methods, args}] grouped by action, in WordPress's order."""
        grouped: dict[str, list[str]] = {}
        for method in METHOD_ORDER:
            action = self.actions.get(method)
            if action:
                grouped.setdefault(action, []).append(method)
        endpoints = []
        for action, methods in grouped.items():
            entry: dict[str, Any] = {"methods": methods}
            if getattr(viewset, "allow_batch", False):
                entry["allow_batch"] = {"v1": True}
            # WordPress's empty PHP array of args is a JSON list
            entry["args"] = public_args(viewset.args_for(action)) or []
            endpoints.append(entry)
        return endpoints

    @property
    def methods(self) -> list[str]:
        return [method for method in METHOD_ORDER if method in self.actions]


class Router:
    """The ordered route table: first match wins, as in WordPress."""

    def __init__(self) -> None:
        self.routes: list[Route] = []

    def add(
        self, pattern: str, viewset: type, actions: dict[str, str], namespace: str = "wp/v2"
    ) -> Route:
        route = Route(pattern, namespace, viewset, actions)
        self.routes.append(route)
        return route

    def register(
        self, base: str, viewset: type, item: str = r"(?P<id>[\d]+)", namespace: str = "wp/v2"
    ) -> None:
        """A collection route and its item route, for the standard actions the viewset has."""
        viewset.base_route = base
        collection = {
            m: a
            for m, a in (("GET", "list"), ("POST", "create"))
            if hasattr(viewset, a) and a not in viewset.disabled_actions
        }
        item_actions = {
            m: a
            for m, a in (
                ("GET", "retrieve"),
                ("POST", "update"),
                ("PUT", "update"),
                ("PATCH", "update"),
                ("DELETE", "destroy"),
            )
            if hasattr(viewset, a) and a not in viewset.disabled_actions
        }
        if collection:
            self.add(base, viewset, collection, namespace)
        if item_actions:
            self.add(f"{base}/{item}", viewset, item_actions, namespace)

    def match(self, path: str) -> tuple[Route | None, dict[str, str]]:
        for route in self.routes:
            found = route.regex.match(path)
            if found:
                return route, {k: v for k, v in found.groupdict().items() if v is not None}
        return None, {}

    def namespaces(self) -> list[str]:
        seen: list[str] = []
        for route in self.routes:
            if route.namespace and route.namespace not in seen:
                seen.append(route.namespace)
        return seen


router = Router()


# --- dispatch ----------------------------------------------------------------------------------
def effective_method(request: HttpRequest) -> str:
    """_method (any request) or X-HTTP-Method-Override (on POST) replace the HTTP method."""
    override = request.GET.get("_method")
    if not override and request.method == "POST":
        override = request.META.get("HTTP_X_HTTP_METHOD_OVERRIDE")
    return (override or request.method or "GET").upper()


@csrf_exempt
def rest_entry(request: HttpRequest, route_path: str = "") -> HttpResponse:
    """`/wp-json/<route>`: the REST API's single entry point."""
    return serve(request, "/" + route_path)


def serve(request: HttpRequest, path: str) -> HttpResponse:
    if "_jsonp" in request.GET:
        return error_response(
            WPError("rest_callback_disabled", "JSONP support is disabled on this site.", 400)
        )
    method = effective_method(request)
    overridden = method != request.method
    request.method = method
    response = dispatch(request, path)
    if not isinstance(response, Response):
        return response
    response = apply_global_params(request, response)
    user = getattr(request, "user", None)
    logged_in = user is not None and user.is_authenticated
    if logged_in or (overridden and response.status_code >= 400):
        response["Cache-Control"] = "no-cache, must-revalidate, max-age=0, no-store, private"
        response["Expires"] = "Wed, 11 Jan 1984 05:00:00 GMT"
    fresh_nonce = wp_state(request).fresh_nonce  # set by cookie + nonce authentication
    if fresh_nonce:
        response["X-WP-Nonce"] = fresh_nonce
    if method == "GET" and response.status_code == 200:
        conditional.add_validators(response)  # renders the body
    if method == "HEAD":  # collections skip their items for HEAD: no body, no validators
        response.data = None
    return conditional.not_modified(request, response) or response


def normalise_path(path: str) -> str:
    path = "/" + path.strip("/")
    return re.sub(r"/{2,}", "/", path)


def dispatch(request: HttpRequest, path: str) -> HttpResponse:
    path = normalise_path(path)
    route, kwargs = router.match(path)
    if route is None:
        return no_route_response(request)
    method = request.method
    if method == "HEAD":
        method = "GET"
    if method not in route.actions and method != "OPTIONS":
        return no_route_response(request)
    state = wp_state(request)
    state.route, state.route_path = route, path
    return route.view(request, **kwargs)


def no_route_response(request: HttpRequest) -> Response:
    """rest_no_route as a REST answer, which the global parameters apply to (_envelope)."""
    error = no_route()
    return render(Response(error.as_dict(), status=error.status_code), request)


def apply_global_params(request: HttpRequest, response: Response) -> Response:
    """_embed, _fields and _envelope, in WordPress's order."""
    data = response.data
    params = request.GET
    if response.status_code < 400 and data is not None:
        fields = _requested_fields(params)
        if fields is not None:
            data = filter_fields(data, fields)
            if getattr(response, "unfiltered_links", False) and isinstance(response.data, dict):
                # Links WordPress adds with add_link() whatever _fields says (the indexes'):
                # response_to_data() puts them back after rest_filter_response_fields().
                data = {**(data or {}), "_links": response.data["_links"]}
        embed = _requested_embeds(params)
        if embed is not None and (fields is None or "_embedded" in fields or "_links" in fields):
            from wpapi.embedding import embed_links  # _embed makes requests of this router

            data = embed_links(request, data, embed)
        response.data = data
    if "_envelope" in params:
        headers = {
            key: int(value)
            if key in ("X-WP-Total", "X-WP-TotalPages") and value.isdigit()
            else value  # WordPress sets these two as integers
            for key, value in response.items()
            if key not in ("Content-Type", "Vary")
        }
        # A new response (envelope_response()): the headers travel only in the body, and
        # none is PHP's empty array, sent as [].
        for key in headers:
            del response[key]
        envelope = {"body": response.data, "status": response.status_code, "headers": headers or []}
        response.data = envelope
        response.status_code = 200
    return response


def _requested_fields(params: QueryDict) -> list[str] | None:
    if "_fields" in params:
        return [f.strip() for f in params.get("_fields", "").split(",") if f.strip()]
    if "_fields[]" in params:
        return [f for f in params.getlist("_fields[]") if f]
    return None


def _requested_embeds(params: QueryDict) -> list[str] | bool | None:
    if "_embed" in params:
        value = params.get("_embed", "")
        if value in ("", "1", "true"):
            return True
        return [rel.strip() for rel in value.split(",") if rel.strip()]
    if "_embed[]" in params:
        return [rel for rel in params.getlist("_embed[]") if rel]
    return None


def filter_fields(data: Any, fields: list[str]) -> Any:
    """rest_filter_response_fields(): keep only the listed (dot-nested) fields."""
    if isinstance(data, list):
        return [filter_fields(item, fields) for item in data]
    if not isinstance(data, dict):
        return data
    tree: dict[str, Any] = {}
    for name in fields:
        node = tree
        parts = name.split(".")
        for index, part in enumerate(parts):
            if node is True:
                break
            if index == len(parts) - 1:
                node[part] = True
            else:
                node = node.setdefault(part, {})
    return _trim(data, tree)


def _trim(data: dict[str, Any], tree: dict[str, Any]) -> dict[str, Any] | list[Any]:
    # In the data's order, not the request's (array_intersect_key); an object left with no
    # fields is PHP's empty array, which WordPress sends as [].
    result = {}
    for key, value in data.items():
        sub = tree.get(key)
        if sub is None:
            continue
        if sub is True or not isinstance(value, dict):
            result[key] = value
        else:
            result[key] = _trim(value, sub)
    return result or []


def internal_request(
    request: HttpRequest,
    method: str,
    href_or_path: str,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
) -> tuple[HttpRequest, str]:
    """A request for a route of this site, made inside `request` as the same user."""
    parts = urlsplit(href_or_path)
    path = parts.path
    if "/wp-json" in path:
        path = path.split("/wp-json", 1)[1] or "/"
    environ = {
        key: value
        for key, value in request.META.items()
        if key
        in (
            "SERVER_NAME",
            "SERVER_PORT",
            "REMOTE_ADDR",
            "HTTP_HOST",
            "wsgi.url_scheme",
            "HTTP_X_FORWARDED_PROTO",
            "HTTP_X_FORWARDED_HOST",
        )
    }
    environ.update(
        {
            "REQUEST_METHOD": method,
            "PATH_INFO": "/wp-json" + path,
            "SCRIPT_NAME": "",
            "QUERY_STRING": parts.query,
            "wsgi.input": io.BytesIO(body),
            "CONTENT_LENGTH": str(len(body)),
            "CONTENT_TYPE": "application/json",
        }
    )
    environ.setdefault("wsgi.url_scheme", "http")
    environ.setdefault("SERVER_NAME", "localhost")
    environ.setdefault("SERVER_PORT", "80")
    for name, value in (headers or {}).items():
        key = name.upper().replace("-", "_")
        if key in ("CONTENT_TYPE", "CONTENT_LENGTH", "AUTHORIZATION", "COOKIE"):
            continue
        environ[f"HTTP_{key}"] = value if isinstance(value, str) else ",".join(value)
    sub = WSGIRequest(environ)
    user = getattr(request, "user", None)
    sub.user = user
    state = wp_state(sub)
    state.caller = user
    state.site_url = wp_state(request).site_url
    return sub, path


def response_data(response: HttpResponse) -> Any:
    if isinstance(response, Response):
        return response.data
    import orjson

    return orjson.loads(response.content)


def render(response: Response, request: HttpRequest) -> Response:
    response.accepted_renderer = WPJSONRenderer()
    response.accepted_media_type = "application/json"
    response.renderer_context = {"request": request}
    return response
