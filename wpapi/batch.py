"""`POST /wp-json/batch/v1`: several write requests in one (WP_REST_Server::serve_batch_request_v1).

Each request is dispatched as the caller, one after the other; only routes that declare
`allow_batch` take part. With `validation: require-all-validate` every request's arguments are
checked first and nothing runs unless all pass. The answer is 207 with one envelope a request.
"""

from typing import Any

import orjson
from rest_framework.request import Request
from rest_framework.response import Response

from wpapi.errors import WPError
from wpapi.routing import dispatch, internal_request, normalise_path, response_data, router
from wpapi.state import wp_state
from wpapi.viewsets import WPViewSet

MAX_REQUESTS = 25

BATCH_ARGS = {
    "validation": {
        "type": "string",
        "enum": ["require-all-validate", "normal"],
        "default": "normal",
    },
    "requests": {
        "required": True,
        "type": "array",
        "maxItems": MAX_REQUESTS,
        "items": {
            "type": "object",
            "properties": {
                "method": {
                    "type": "string",
                    "enum": ["POST", "PUT", "PATCH", "DELETE"],
                    "default": "POST",
                },
                "path": {"type": "string", "required": True},
                "body": {"type": "object", "properties": [], "additionalProperties": True},
                "headers": {
                    "type": "object",
                    "properties": [],
                    "additionalProperties": {
                        "type": ["string", "array"],
                        "items": {"type": "string"},
                    },
                },
            },
        },
    },
}


def _envelope(response: Any) -> dict[str, Any]:
    headers = {
        key: value
        for key, value in response.items()
        if key not in ("Content-Type", "Vary", "Content-Length")
    }
    # no headers is PHP's empty array, which JSON writes []
    return {
        "body": response_data(response),
        "status": response.status_code,
        "headers": headers or [],
    }


def _error_envelope(error: WPError) -> dict[str, Any]:
    return {"body": error.as_dict(), "status": error.status_code, "headers": []}


class BatchViewSet(WPViewSet):
    serializer_class = None

    def args_for(self, action: str) -> dict[str, dict[str, Any]]:
        return BATCH_ARGS if action == "batch" else {}

    def get_serializer_class(self):  # noqa: ANN201 - no item schema
        return None

    def batch(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        items = self.params["requests"]
        prepared = [self._prepare(item) for item in items]
        if self.params["validation"] == "require-all-validate":
            checks = [self._validate(entry) for entry in prepared]
            if any(check is not None for check in checks):
                return Response({"failed": "validation", "responses": checks}, status=207)
        responses = []
        for entry in prepared:
            if isinstance(entry, WPError):
                responses.append(_error_envelope(entry))
                continue
            responses.append(_envelope(dispatch(*self._request_for(entry))))
        return Response({"responses": responses}, status=207)

    def _request_for(self, entry: tuple[str, str, bytes, dict[str, Any]]) -> tuple[Any, str]:
        method, target, body, headers = entry
        return internal_request(self.request._request, method, target, body, headers)

    def _prepare(self, item: dict[str, Any]) -> tuple[str, str, bytes, dict[str, Any]] | WPError:
        method = item.get("method", "POST")
        target = item["path"]
        route, _ = router.match(normalise_path(target.split("?", 1)[0]))
        if route is None or method not in route.actions:
            return WPError(
                "rest_no_route", "No route was found matching the URL and request method.", 404
            )
        if not getattr(route.viewset, "allow_batch", False):
            return WPError(
                "rest_batch_not_allowed",
                "The requested route does not support batch requests.",
                400,
            )
        return method, target, orjson.dumps(item.get("body") or {}), item.get("headers") or {}

    def _validate(
        self,
        entry: tuple[str, str, bytes, dict[str, Any]] | WPError,
    ) -> dict[str, Any] | None:
        """The request's arguments checked, nothing run: None when they are valid."""
        if isinstance(entry, WPError):
            return _error_envelope(entry)
        sub, path = self._request_for(entry)
        wp_state(sub).validate_only = True
        response = dispatch(sub, path)
        return _envelope(response) if response.status_code >= 400 else None


def register_batch_route() -> None:
    router.add("/batch/v1", BatchViewSet, {"POST": "batch"}, namespace="")
