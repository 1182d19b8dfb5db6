"""Site options with their defaults, read once per request from a shared cache.

Defaults come from the environment (settings.WP_SITE_NAME, WP_TIMEZONE, ...); what an
administrator saves through /wp/v2/settings overrides them. The cache is Django's (Redis when
REDIS_URL is set), so every app process sees a change at once.
"""

import time
from typing import Any

from django.conf import settings
from django.core.cache import cache

CACHE_KEY = "wpapi:options"
CACHE_SECONDS = 300


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


# Read many times per request (dates, links): kept in the process for a moment too.
LOCAL_SECONDS = 1.0
_local: tuple[float, dict[str, Any]] | None = None


def options() -> dict[str, Any]:
    """Every option: defaults overridden by saved values."""
    global _local
    now = time.monotonic()
    if _local is not None and now - _local[0] < LOCAL_SECONDS:
        return _local[1]
    saved = cache.get(CACHE_KEY)
    if saved is None:
        from wpapi.models import Option

        saved = dict(Option.objects.values_list("name", "value"))
        cache.set(CACHE_KEY, saved, CACHE_SECONDS)
    merged = {**defaults(), **saved}
    _local = (now, merged)
    return merged


def forget_options() -> None:
    """After a change: the next read goes back to the shared cache (and the database)."""
    global _local
    _local = None
    cache.delete(CACHE_KEY)


def get_option(name: str, default: Any = None) -> Any:
    return options().get(name, default)


def update_options(values: dict[str, Any]) -> None:
    """Save options; None resets one to its default, as WordPress deletes the option."""
    from wpapi.models import Option

    for name, value in values.items():
        if value is None:
            Option.objects.filter(name=name).delete()
        else:
            Option.objects.update_or_create(name=name, defaults={"value": value})
    forget_options()
