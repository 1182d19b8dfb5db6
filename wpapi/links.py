"""Absolute URLs: the site root, REST routes and the `_links` helpers every resource uses."""

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest

from wpapi.state import wp_state


def _trusted_proxy(request: HttpRequest) -> bool:
    proxies = settings.WP_TRUSTED_PROXIES
    return "*" in proxies or request.META.get("REMOTE_ADDR", "") in proxies


def site_url(request: HttpRequest | None) -> str:
    """The site's home URL without a trailing slash, e.g. ``http://127.0.0.1:8000``. Worked
    out once per request (every link of every item asks for it)."""
    state = wp_state(request) if request is not None else None
    if state is not None and state.site_url:
        return state.site_url
    if settings.WP_SITE_URL:
        if state is not None:
            state.site_url = settings.WP_SITE_URL
        return settings.WP_SITE_URL
    if request is None:
        return "http://127.0.0.1:8000"
    scheme = "https" if request.is_secure() else "http"
    host = request.get_host()
    if _trusted_proxy(request):
        forwarded_proto = request.META.get("HTTP_X_FORWARDED_PROTO", "")
        forwarded_host = request.META.get("HTTP_X_FORWARDED_HOST", "")
        if forwarded_proto:
            scheme = forwarded_proto.split(",")[0].strip().lower() or scheme
        if forwarded_host:
            host = forwarded_host.split(",")[0].strip() or host
    url = f"{scheme}://{host}"
    wp_state(request).site_url = url
    return url


def rest_url(
    request: HttpRequest | None,
    route: str = "/",
    query: dict[str, Any] | None = None,
) -> str:
    """The absolute URL of a REST route (`/wp/v2/posts`) under `/wp-json`."""
    url = site_url(request) + "/wp-json" + (route if route.startswith("/") else "/" + route)
    if query:
        url += "?" + urlencode(query, doseq=True)
    return url


def link(href: str, **attributes: Any) -> dict[str, Any]:
    return {**attributes, "href": href}


CURIES = [{"name": "wp", "href": "https://api.w.org/{rel}", "templated": True}]
