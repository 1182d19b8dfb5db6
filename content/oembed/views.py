"""The oembed/1.0 namespace (WP_oEmbed_Controller): /oembed/1.0/embed answers for this site's
own posts and pages, in JSON or XML; /oembed/1.0/proxy fetches any URL's embed for users who
may edit posts (the editor's embed block uses it)."""

from __future__ import annotations

import html
from typing import Any

from django.http import HttpResponse
from rest_framework.request import Request
from rest_framework.response import Response

from content.oembed import consumer, local
from content.oembed.providers import listed_provider
from users.capabilities import user_can
from wpapi.errors import WPError
from wpapi.formatting import esc_url_raw
from wpapi.links import site_url
from wpapi.routing import router
from wpapi.views import NamespaceViewSet
from wpapi.viewsets import WPViewSet

URL_ARG = {
    "description": "The URL of the resource for which to fetch oEmbed data.",
    "type": "string",
    "format": "uri",
    "required": True,
}


def not_found() -> WPError:
    return WPError("oembed_invalid_url", "Not Found", 404)


# --- XML ---------------------------------------------------------------------------------------
def _xml_text(value: Any) -> str:
    """A value as _oembed_create_xml() writes it: HTML-escaped, read back as XML (entities
    become characters), written out with non-ASCII characters as references."""
    if value is True:
        value = "1"
    elif value is False or value is None:
        value = ""
    text = html.unescape(_esc_html(str(value)))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\r", "&#13;")
    return "".join(char if ord(char) < 128 else f"&#x{ord(char):X};" for char in text)


def _esc_html(text: str) -> str:
    from content.blocks.util import esc_html

    return esc_html(text)


def _xml_nodes(data: Any) -> str:
    out = []
    items = data.items() if isinstance(data, dict) else enumerate(data)
    for key, value in items:
        name = "oembed" if isinstance(key, int) or str(key).isdigit() else str(key)
        if isinstance(value, dict | list):
            inner = _xml_nodes(value)
            out.append(f"<{name}>{inner}</{name}>" if inner else f"<{name}/>")
        else:
            text = _xml_text(value)
            out.append(f"<{name}>{text}</{name}>" if text else f"<{name}/>")
    return "".join(out)


def xml_response(data: Any, status: int = 200) -> HttpResponse:
    body = f'<?xml version="1.0"?>\n<oembed>{_xml_nodes(data)}</oembed>\n'
    return HttpResponse(body.encode(), status=status, content_type="text/xml; charset=UTF-8")


# --- views -------------------------------------------------------------------------------------
class OEmbedNamespaceViewSet(NamespaceViewSet):
    namespace = "oembed/1.0"


class OEmbedViewSet(WPViewSet):
    """GET /oembed/1.0/embed: the oEmbed answer for one of this site's public posts."""

    serializer_class = None

    def get_serializer_class(self):  # noqa: ANN201 - the answer has no item schema
        return None

    def response_fields(self) -> None:
        return None

    def oembed_args(self) -> dict[str, dict[str, Any]]:
        return {"url": URL_ARG, "format": {"default": "json"}, "maxwidth": {"default": 600}}

    def wants_xml(self) -> bool:
        return self.request.query_params.get("format") == "xml"

    def handle_exception(self, exc: Exception) -> Any:
        """With format=xml even errors are sent as XML (_oembed_rest_pre_serve_request)."""
        response = super().handle_exception(exc)
        if self.wants_xml() and isinstance(response, Response) and isinstance(response.data, dict):
            return xml_response(response.data, response.status_code)
        return response

    def oembed(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        url = esc_url_raw(self.params.get("url") or "")
        data = local.response_for_url(url, self.params.get("maxwidth"), site_url(request))
        if data is None:
            raise not_found()
        if self.params.get("format") == "xml":
            return xml_response(data)
        return Response(data)


class OEmbedProxyViewSet(WPViewSet):
    """GET /oembed/1.0/proxy: any URL's oEmbed data, fetched by the site for editors."""

    serializer_class = None

    def get_serializer_class(self):  # noqa: ANN201 - the answer has no item schema
        return None

    def response_fields(self) -> None:
        return None

    def proxy_args(self) -> dict[str, dict[str, Any]]:
        return {
            "url": URL_ARG,
            "format": {
                "description": "The oEmbed format to use.",
                "type": "string",
                "default": "json",
                "enum": ["json", "xml"],
            },
            "maxwidth": {
                "description": "The maximum width of the embed frame in pixels.",
                "type": "integer",
                "default": 600,
            },
            "maxheight": {
                "description": "The maximum height of the embed frame in pixels.",
                "type": "integer",
            },
            "discover": {
                "description": "Whether to perform an oEmbed discovery request for unsanctioned "
                "providers.",
                "type": "boolean",
                "default": True,
            },
        }

    def check_proxy_permission(self, obj: Any = None) -> None:
        if not user_can(self.request.user, "edit_posts"):
            raise self.forbid(
                "rest_forbidden", "Sorry, you are not allowed to make proxied oEmbed requests."
            )

    def proxy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        url = esc_url_raw(self.params.get("url") or "")
        site = site_url(request)
        width = self.params.get("maxwidth", 600)
        own = local.response_for_url(url, width, site)
        if own is not None:
            return Response(own)
        fetch_args: dict[str, Any] = {
            **consumer.embed_defaults(),
            "width": width,
            "discover": bool(self.params.get("discover", True)),
        }
        if self.params.get("maxheight") is not None:
            fetch_args["height"] = self.params["maxheight"]
        data = consumer.provider_data(url, fetch_args, site)
        if data:
            data = dict(data)
            trusted = listed_provider(url) is not None
            data["html"] = consumer.data_to_html(data, url, trusted) or False
            return Response(data)
        handled = consumer.handler_html(url, {})
        if handled:
            return Response({"provider_name": "Embed Handler", "html": handled, "scripts": []})
        raise not_found()


def register_oembed_routes() -> None:
    """The oembed/1.0 routes, in WordPress's order (after batch/v1, before wp/v2)."""
    router.add("/oembed/1.0", OEmbedNamespaceViewSet, {"GET": "index"}, namespace="oembed/1.0")
    router.add("/oembed/1.0/embed", OEmbedViewSet, {"GET": "oembed"}, namespace="oembed/1.0")
    router.add("/oembed/1.0/proxy", OEmbedProxyViewSet, {"GET": "proxy"}, namespace="oembed/1.0")
