"""Headers WordPress sends on every REST response, and JSON errors for anything that escapes."""

from collections.abc import Callable

from corsheaders.middleware import CorsMiddleware
from django.http import HttpRequest, HttpResponse

from wpapi.errors import error_response, to_wp_error
from wpapi.links import rest_url

ALLOW_HEADERS = "Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, Content-Type"
EXPOSE_HEADERS = "X-WP-Total, X-WP-TotalPages, Link"


def is_rest_request(request: HttpRequest) -> bool:
    return request.path.startswith("/wp-json") or (
        request.path == "/" and "rest_route" in request.GET
    )


class WordPressHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if is_rest_request(request):
            response["X-Robots-Tag"] = "noindex"
            response["X-Content-Type-Options"] = "nosniff"
            response["Access-Control-Expose-Headers"] = EXPOSE_HEADERS
            response["Access-Control-Allow-Headers"] = ALLOW_HEADERS
            if response.get("Content-Type", "").startswith("application/json") or (
                request.method == "HEAD" and not response.has_header("Content-Type")
            ):
                # (DRF drops the type of an empty body; WordPress answers HEAD as the GET)
                response["Content-Type"] = "application/json; charset=UTF-8"
            if not response.has_header("Link"):
                response["Link"] = f'<{rest_url(request, "/")}>; rel="https://api.w.org/"'
        elif request.path == "/" and request.method in ("GET", "HEAD"):
            response["Link"] = f'<{rest_url(request, "/")}>; rel="https://api.w.org/"'
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_rest_request(request):
            return None
        # the same mapping as inside DRF views (too many fields is a 400), else logged and 500
        return error_response(to_wp_error(exception, {"request": request}))


class WordPressCorsMiddleware(CorsMiddleware):
    """django-cors-headers, except that a preflight OPTIONS under /wp-json is answered by the
    route itself (its description and Allow header), as WordPress answers it."""

    def check_preflight(self, request: HttpRequest) -> HttpResponse | None:
        if is_rest_request(request):
            return None
        return super().check_preflight(request)

    def add_response_headers(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        response = super().add_response_headers(request, response)
        if response.has_header("Access-Control-Allow-Origin"):
            response["Access-Control-Allow-Methods"] = "OPTIONS, GET, POST, PUT, PATCH, DELETE"
        return response
