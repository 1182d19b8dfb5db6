"""The discovery routes: the `/wp-json/` index and each namespace's index, generated from the
route table, and the site root that answers `?rest_route=` and advertises the API."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.html import escape
from django.views.decorators.csrf import csrf_exempt
from rest_framework.request import Request
from rest_framework.response import Response

from wpapi.dates import zone_named
from wpapi.errors import WPError, error_response
from wpapi.links import rest_url, site_url
from wpapi.routing import router, serve
from wpapi.site import options
from wpapi.viewsets import WPViewSet, describe


def gmt_offset(timezone_name: str) -> float | int:
    offset = datetime.now(zone_named(str(timezone_name or "UTC").strip())).utcoffset()
    hours = offset.total_seconds() / 3600 if offset else 0
    return int(hours) if float(hours).is_integer() else hours


def index_response(data: dict[str, Any]) -> Response:
    """An index answer, whose `_links` WordPress adds with add_link(): `_fields` keeps them."""
    response = Response(data)
    response.unfiltered_links = True
    return response


#: Links an app adds to the index (get_index()'s add_active_theme_link_to_index() and the
#: like): each takes the request and answers {rel: [link, ...]}, empty when it adds none.
#: WordPress compacts https://api.w.org/ rels to wp:<name> and adds the curie for them.
INDEX_LINKS: list[Callable[[Any], dict[str, list[dict[str, Any]]]]] = []
CURIES = [{"name": "wp", "href": "https://api.w.org/{rel}", "templated": True}]


def index_links(request: Any) -> dict[str, list[dict[str, Any]]]:
    links: dict[str, list[dict[str, Any]]] = {
        "help": [{"href": "https://developer.wordpress.org/rest-api/"}]
    }
    for add in INDEX_LINKS:
        links.update(add(request))
    if any(rel.startswith("wp:") for rel in links):
        links["curies"] = [dict(curie) for curie in CURIES]
    return links


class IndexViewSet(WPViewSet):
    """`/wp-json/`: the site's description and every route (WP_REST_Server::get_index)."""

    serializer_class = None

    def index_args(self) -> dict[str, dict[str, Any]]:
        return {"context": {"default": "view"}}

    def args_for(self, action: str) -> dict[str, dict[str, Any]]:
        return self.index_args()

    def get_serializer_class(self):  # noqa: ANN201 - the index has no item schema
        return None

    def response_fields(self) -> None:
        return None

    def index(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        home = site_url(request)
        site = options()
        return index_response(
            {
                "name": site["title"],
                "description": site["description"],
                "url": home,
                "home": home,
                "gmt_offset": gmt_offset(site["timezone"]),
                "timezone_string": site["timezone"],
                "namespaces": router.namespaces(),
                "authentication": {
                    "application-passwords": {
                        "endpoints": {"authorization": home + "/wp-admin/authorize-application.php"}
                    }
                },
                "routes": routes_index(request),
                "site_logo": site["site_logo"] or 0,
                "site_icon": site["site_icon"] or 0,
                "site_icon_url": "",
                "_links": index_links(request),
            }
        )


class NamespaceViewSet(IndexViewSet):
    """`/wp-json/<namespace>`: the routes of one namespace."""

    namespace = "wp/v2"

    def index_args(self) -> dict[str, dict[str, Any]]:
        return {"namespace": {"default": self.namespace}, "context": {"default": "view"}}

    def index(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # get_namespace_index() reads the `namespace` argument: ?namespace= may name another
        namespace = self.params.get("namespace")
        if not isinstance(namespace, str) or namespace not in router.namespaces():
            raise WPError(
                "rest_invalid_namespace", "The specified namespace could not be found.", 404
            )
        return index_response(
            {
                "namespace": namespace,
                "routes": routes_index(request, namespace),
                "_links": {"up": [{"href": rest_url(request, "/")}]},
            }
        )


# The route table and its arguments do not change while the process runs (nor with the
# caller: WordPress's index is the same for everyone), so each host's index is built once.
_routes_index: dict[tuple[Any, ...], dict[str, Any]] = {}


def forget_routes_index(**_: Any) -> None:
    _routes_index.clear()


def routes_index(request: Any, namespace: str | None = None) -> dict[str, Any]:
    table = router.routes  # a route added or removed (tests do) makes a new key
    key = (site_url(request), namespace, len(table), id(table[-1]) if table else 0)
    if key not in _routes_index:
        _routes_index[key] = _build_routes_index(request, namespace)
    return _routes_index[key]


def _build_routes_index(request: Any, namespace: str | None) -> dict[str, Any]:
    routes = {}
    for route in router.routes:
        if namespace is not None and route.namespace != namespace:
            continue
        viewset = route.viewset(route=route, request=request, base_route=route.collection_route())
        viewset.format_kwarg = None
        routes[route.pattern] = describe(route, viewset, request, with_schema=False)
    return routes


def register_discovery_routes(before_wp: Any = None) -> None:
    """The index, batch/v1, then (after `before_wp()`'s namespaces, as oembed/1.0) wp/v2."""
    from wpapi.batch import register_batch_route

    router.add("/", IndexViewSet, {"GET": "index"}, namespace="")
    register_batch_route()
    if before_wp is not None:
        before_wp()
    router.add("/wp/v2", NamespaceViewSet, {"GET": "index"})


def register_site_routes() -> None:
    """Routes of the core itself that come after the apps' routes, as in WordPress's index."""
    from wpapi.site_settings import register_settings_route

    register_settings_route()


@csrf_exempt
def site_root(request: HttpRequest) -> HttpResponse:
    """`/`: `?rest_route=/wp/v2/...` serves the API; otherwise a small page naming it.

    Every answer carries the discovery Link header (added by the middleware)."""
    if "rest_route" in request.GET:
        route = request.GET.get("rest_route", "")
        if len(request.GET.getlist("rest_route")) > 1:
            return error_response(
                WPError("rest_path_invalid_type", "The REST route parameter must be a string.", 400)
            )
        return serve(request, route or "/")
    api = rest_url(request, "/")
    name = escape(settings.WP_SITE_NAME)
    return HttpResponse(
        f'<!doctype html><title>{name}</title><link rel="https://api.w.org/" href="{api}">'
        f'<p>{name}: the API is at <a href="{api}">/wp-json/</a></p>',
        content_type="text/html; charset=UTF-8",
    )
