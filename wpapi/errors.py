"""Errors as WordPress sends them: ``{"code", "message", "data": {"status", ...}}``.

Code raises `WPError` (or lets DRF/Django raise); this module turns every exception into
WordPress's body. Nothing else builds an error response by hand.
"""

import logging
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from rest_framework import exceptions
from rest_framework.response import Response

logger = logging.getLogger(__name__)


class WPError(exceptions.APIException):
    """An error as WordPress sends it; extra keyword arguments land in "data"."""

    #: earlier data of a WP_Error that got more data added (WordPress sends it as
    #: "additional_data", e.g. term_exists: [term_id, term_id])
    additional_data: list[Any] | None = None

    def __init__(self, code: str, message: str, status: int = 400, **data: Any) -> None:
        super().__init__(detail=message, code=code)
        self.wp_code, self.message, self.status_code, self.data = code, message, status, data

    def as_dict(self) -> dict[str, Any]:
        body = {
            "code": self.wp_code,
            "message": self.message,
            "data": {"status": self.status_code, **self.data},
        }
        if self.additional_data:
            body["additional_data"] = list(self.additional_data)
        return body


def forbidden_status(user: Any) -> int:
    """WordPress's rest_authorization_required_code(): 401 when logged out, 403 when in."""
    return 403 if user is not None and user.is_authenticated else 401


def forbidden(
    user: Any, code: str = "rest_forbidden", message: str = "Sorry, you are not allowed to do that."
) -> WPError:
    return WPError(code, message, forbidden_status(user))


def no_route() -> WPError:
    return WPError("rest_no_route", "No route was found matching the URL and request method.", 404)


def to_wp_error(exc: Exception, context: dict[str, Any]) -> WPError:
    if isinstance(exc, WPError):
        return exc
    request = context.get("request")
    view = context.get("view")
    user = getattr(request, "user", None) if request is not None else None
    if isinstance(exc, RequestDataTooBig):
        return WPError("rest_request_too_large", "The request body is too large.", 413)
    if isinstance(exc, SuspiciousOperation):  # more fields or files than Django reads, ...
        return bad_request_error()
    if isinstance(exc, exceptions.ParseError):
        return WPError(
            "rest_invalid_json",
            "Invalid JSON body passed.",
            400,
            json_error_code=4,
            json_error_message="Syntax error",
        )
    if isinstance(exc, exceptions.ValidationError):
        return validation_error_to_wp(exc.detail)
    if isinstance(exc, (Http404, exceptions.NotFound)):
        code = getattr(view, "not_found_code", None)
        if code:
            return WPError(code, getattr(view, "not_found_message", "Not found."), 404)
        return no_route()
    if isinstance(exc, exceptions.MethodNotAllowed):
        return no_route()
    if isinstance(exc, exceptions.AuthenticationFailed):
        code = exc.get_codes() if isinstance(exc.get_codes(), str) else "rest_forbidden"
        return WPError(code, str(exc.detail), 401)
    if isinstance(
        exc, (exceptions.NotAuthenticated, exceptions.PermissionDenied, DjangoPermissionDenied)
    ):
        return forbidden(user)
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return WPError("rest_invalid_param", str(exc.detail), 400)
    if isinstance(exc, exceptions.Throttled):
        return WPError("rest_too_many_requests", str(exc.detail), 429)
    if isinstance(exc, exceptions.APIException):
        return WPError(str(exc.get_codes()), str(exc.detail), exc.status_code)
    logger.exception("Unhandled error in a REST request", exc_info=exc)
    return WPError(
        "internal_server_error", "<p>There has been a critical error on this website.</p>", 500
    )


def validation_error_to_wp(detail: Any) -> WPError:
    """A DRF ValidationError in WordPress's rest_invalid_param shape."""
    if not isinstance(detail, dict):
        return WPError("rest_invalid_param", str(detail[0] if detail else "Invalid parameter."))
    params, details = {}, {}
    for name, errors in detail.items():
        first = errors[0] if isinstance(errors, list) and errors else errors
        params[name] = str(first)
        details[name] = {
            "code": getattr(first, "code", "rest_invalid_param"),
            "message": str(first),
            "data": None,
        }
    return WPError(
        "rest_invalid_param",
        "Invalid parameter(s): " + ", ".join(params),
        400,
        params=params,
        details=details,
    )


def wp_exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    # Imported here: rest_framework.views loads the authentication classes, which use WPError.
    from rest_framework.views import exception_handler, set_rollback

    error = to_wp_error(exc, context)
    response = exception_handler(error, context)
    if response is None:  # pragma: no cover - WPError is always an APIException
        set_rollback()
        response = Response(status=error.status_code)
    response.data = error.as_dict()
    return response


def error_response(error: WPError) -> HttpResponse:
    """A plain Django response carrying a WordPress error, for code outside DRF views."""
    from wpapi.renderers import dumps

    return HttpResponse(
        dumps(error.as_dict()),
        status=error.status_code,
        content_type="application/json; charset=UTF-8",
    )


# Django-level handlers (wired in wpapi/urls.py and settings): same body, never HTML under /wp-json.
def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(no_route())


def server_error(request: HttpRequest) -> HttpResponse:
    return error_response(
        WPError(
            "internal_server_error", "<p>There has been a critical error on this website.</p>", 500
        )
    )


def bad_request_error() -> WPError:
    return WPError("rest_bad_request", "Bad request.", 400)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(bad_request_error())


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(forbidden(getattr(request, "user", None)))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """JSON under /wp-json; Django's own page for the HTML forms (login, authorize, admin)."""
    if request.path.startswith("/wp-json"):
        return error_response(WPError("rest_cookie_invalid_nonce", "Cookie check failed", 403))
    from django.views.csrf import csrf_failure as django_csrf_failure

    return django_csrf_failure(request, reason)
