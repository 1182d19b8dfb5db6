"""Conditional GET, beyond WordPress (which sends neither validator): every successful GET under
/wp-json carries an `ETag` (a hash of the body, so any write that changes the answer changes it,
in every process) and, where the answer has dates, a `Last-Modified`; a request repeating a
validator gets `304 Not Modified` with no body.

`If-None-Match` is compared first (weakly, as RFC 9110 says for GET). `If-Modified-Since` is
honoured only for single objects: a collection's newest date does not move when an item is
deleted, its ETag does.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe

#: headers a 304 repeats from the answer it stands for
KEPT = ("ETag", "Last-Modified", "Cache-Control", "Expires", "Vary", "Link")


def add_validators(response: Any) -> None:
    """ETag and Last-Modified for a rendered-to-be DRF response (it is rendered here)."""
    data = response.data
    response.render()
    digest = hashlib.blake2b(response.content, digest_size=16).hexdigest()
    response["ETag"] = f'W/"{digest}"'
    modified = _newest(data)
    if modified is not None:
        response["Last-Modified"] = http_date(modified.timestamp())
        response.wp_single_object = isinstance(data, dict)


def _newest(data: Any) -> datetime | None:
    items = data if isinstance(data, list) else [data]
    newest = None
    for item in items:
        if not isinstance(item, dict):
            return None
        stamp = item.get("modified_gmt") or item.get("date_gmt")
        if not isinstance(stamp, str):
            return None
        try:
            moment = datetime.fromisoformat(stamp).replace(tzinfo=UTC)
        except ValueError:
            return None
        newest = moment if newest is None or moment > newest else newest
    return newest


def _etags(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def not_modified(request: HttpRequest, response: HttpResponse) -> HttpResponse | None:
    """A 304 standing for `response` when the request's validators still match it."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return None
    etag = response.get("ETag")
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        tags = _etags(if_none_match)
        if not etag or not ("*" in tags or etag.removeprefix("W/") in tags):
            return None
    else:
        since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
        last = parse_http_date_safe(response.get("Last-Modified", ""))
        single = getattr(response, "wp_single_object", False)
        if since is None or last is None or not single or last > since:
            return None
    answer = HttpResponseNotModified()
    for name in KEPT:
        if response.has_header(name):
            answer[name] = response[name]
    return answer
