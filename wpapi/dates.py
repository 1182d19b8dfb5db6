"""Dates as WordPress shows and reads them: site-local `date`, UTC `date_gmt`.

The site timezone is the `timezone` option (changed through /wp/v2/settings), whose default is
settings.WP_TIMEZONE; every resource formats and parses its dates here."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings

from wpapi.schema import parse_datetime
from wpapi.site import get_option

OFFSET = re.compile(r"^(?:UTC)?([+-])(\d{1,2})(?::?(\d{2}))?$")


def site_timezone() -> tzinfo:
    """The site's zone: a name (Europe/Paris) or a fixed offset (+02:00, UTC+2)."""
    return zone_named((get_option("timezone") or settings.WP_TIMEZONE or "UTC").strip())


@lru_cache(maxsize=64)
def zone_named(name: str) -> tzinfo:
    """A timezone option's zone; UTC when the name is unknown."""
    found = OFFSET.match(name)
    if found:
        sign = -1 if found.group(1) == "-" else 1
        delta = timedelta(hours=int(found.group(2)), minutes=int(found.group(3) or 0))
        return timezone(sign * delta)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def _wp_format(value: datetime) -> str:
    # PHP's "Y" has at least four digits (0853); strftime's %Y does not pad on every platform
    return value.replace(tzinfo=None, microsecond=0).isoformat()


def format_local(value: datetime) -> str:
    return _wp_format(value.astimezone(site_timezone()))


def format_gmt(value: datetime) -> str:
    return _wp_format(value.astimezone(UTC))


GMT_OFFSET = re.compile(r"(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$")


def parse_request_date(value: str | datetime, *, is_gmt: bool) -> datetime | None:
    """rest_get_date_with_gmt(): a date without offset is site-local (`date`); a `*_gmt` date
    is UTC, whatever offset it carries. Returns an aware UTC datetime, whole seconds. A
    datetime passes through (naive ones read the same way)."""
    if isinstance(value, datetime):
        parsed = value
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC) if is_gmt else _localize(parsed)
        return parsed.astimezone(UTC).replace(microsecond=0)
    if is_gmt:
        value = GMT_OFFSET.sub("", value)
    parsed = parse_datetime(value)
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC) if is_gmt else _localize(parsed)
    return parsed.astimezone(UTC).replace(microsecond=0)


def _localize(naive: datetime) -> datetime:
    return naive.replace(tzinfo=site_timezone())
