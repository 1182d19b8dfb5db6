"""JSON only, always: WordPress ignores Accept and has no browsable or ?format= renderers."""

import json
from typing import Any

import orjson
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import BaseRenderer


def dumps(data: Any) -> bytes:
    try:
        return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)
    except orjson.JSONEncodeError:
        # orjson stops at 255 levels of nesting and at 64-bit integers, short of what a request
        # may store (JSON bodies nest up to 511 levels): the standard library writes those
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


class WPJSONRenderer(BaseRenderer):
    media_type = "application/json"
    format = "json"
    charset = "UTF-8"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: dict | None = None,
    ) -> bytes:
        if data is None:
            return b""
        return dumps(data)


class AlwaysJSONNegotiation(BaseContentNegotiation):
    def select_parser(self, request, parsers):
        content_type = (request.content_type or "").split(";")[0].strip().lower()
        if content_type == "application/json" or content_type.endswith("+json"):
            return parsers[0]
        for parser in parsers:
            if parser.media_type == content_type:
                return parser
        return None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type
