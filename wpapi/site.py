"""Site options with their defaults, read at most once per request.

Defaults come from the environment (settings.WP_SITE_NAME, WP_TIMEZONE, ...); what an
administrator saves through /wp/v2/settings overrides them. Several app processes serve the
same site, so nothing is kept in a process unless every request learns whether it is stale:
within one request the options are read once (they are needed many times: dates, links).
With a cache that every process shares (Redis, REDIS_URL) they come from it, under the content
version that any write to the site's models changes (wpapi.cache); without one, each process
keeps them under the database's content version, which every request reads (wpapi.versions).
"""

import contextlib
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.cache import cache

from wpapi import cache as shared
from wpapi import versions

CACHE_SECONDS = 300

# The options read during the current request; None outside a request (commands, shells),
# where every read goes to the store.
_request_options: ContextVar[dict[str, Any] | None] = ContextVar("wpapi_options", default=None)


def defaults() -> dict[str, Any]:
    return {
        "title": settings.WP_SITE_NAME,
        "description": settings.WP_SITE_DESCRIPTION,
        "email": "admin@example.com",
        "timezone": settings.WP_TIMEZONE,
        "date_format": "F j, Y",
        "time_format": "g:i a",
        "start_of_week": 1,
        "language": "en_US",
        "use_smilies": True,
        "default_category": None,
        "default_post_format": "0",
        "posts_per_page": 10,
        "show_on_front": "posts",
        "page_on_front": 0,
        "page_for_posts": 0,
        "default_ping_status": "closed",
        "default_comment_status": "open",
        "site_logo": None,
        "site_icon": 0,
    }


def _saved_from_database() -> dict[str, Any]:
    from wpapi.models import Option

    return dict(Option.objects.values_list("name", "value"))


def _saved() -> dict[str, Any]:
    # The version is read before the database: values read before a write commits land under
    # the old version, which nobody asks for once the write has bumped it.
    if not shared.is_shared():  # kept in the process under the database's content version
        return versions.derived(("options",), _saved_from_database)
    version = shared.content_version()
    if version is None:  # the shared cache does not answer
        return _saved_from_database()
    key = f"wpapi:options:{version}"
    try:
        saved = cache.get(key)
    except Exception:
        return _saved_from_database()
    if saved is None:
        saved = _saved_from_database()
        with contextlib.suppress(Exception):  # read from the database again next time
            cache.set(key, saved, CACHE_SECONDS)
    return saved


def options() -> dict[str, Any]:
    """Every option: defaults overridden by saved values."""
    memo = _request_options.get()
    if memo is not None and "options" in memo:
        return memo["options"]
    merged = {**defaults(), **_saved()}
    if memo is not None:
        memo["options"] = merged
    return merged


def forget_options() -> None:
    """After a change: the rest of this request reads the options again. (Other processes
    read them afresh on their next request; the shared cache moved to a new version.)"""
    memo = _request_options.get()
    if memo is not None:
        memo.pop("options", None)
    shared.bump()


def get_option(name: str, default: Any = None) -> Any:
    return options().get(name, default)


#: sanitize_option(): the site title and tagline (blogname, blogdescription) are stored
#: HTML-escaped
ESCAPED_OPTIONS = ("title", "description")


def update_options(values: dict[str, Any]) -> None:
    """Save options; None resets one to its default, as WordPress deletes the option."""
    from wpapi.formatting import esc_html
    from wpapi.models import Option

    for name, value in values.items():
        if value is None:
            Option.objects.filter(name=name).delete()
            continue
        if name in ESCAPED_OPTIONS and isinstance(value, str):
            value = esc_html(value)
        Option.objects.update_or_create(name=name, defaults={"value": value})
    forget_options()


class RequestOptionsMiddleware:
    """Opens the per-request memo of the options and closes it when the request ends."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        token = _request_options.set({})
        try:
            return self.get_response(request)
        finally:
            _request_options.reset(token)
