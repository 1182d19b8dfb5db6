"""Small helpers the renderers share: PHP-style date formats in the site's timezone, PHP's
float-to-string conversion, HTML escaping as esc_attr()/esc_html() do it, and the site's
archive URLs."""

from __future__ import annotations

import html
import re
from datetime import datetime
from typing import Any

from wpapi.dates import site_timezone
from wpapi.site import get_option

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

# an entity esc_attr()/esc_html() leave as it is (they never encode twice)
ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")


def esc_html(text: Any) -> str:
    """esc_html()/esc_attr(): &, <, >, " and ' encoded, entities already there kept."""
    text = str(text)
    parts = []
    position = 0
    for match in ENTITY.finditer(text):
        parts.append(_escape(text[position : match.start()]))
        parts.append(match.group(0))
        position = match.end()
    parts.append(_escape(text[position:]))
    return "".join(parts)


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#039;")
    )


esc_attr = esc_html


def esc_url(url: str) -> str:
    """esc_url() for display: & as &#038;, quotes and spaces encoded."""
    url = url.strip().replace(" ", "%20")
    url = re.sub(r"[^a-zA-Z0-9\-~+_.?#=!&;,/:%@$|*'()\[\]\x80-\U0010ffff]", "", url)
    url = url.replace("&amp;", "&#038;").replace("&", "&#038;").replace("&#038;#038;", "&#038;")
    return url.replace("'", "&#039;")


def decode_entities(text: str) -> str:
    """html_entity_decode() with ENT_QUOTES."""
    return html.unescape(text)


def local(value: datetime) -> datetime:
    return value.astimezone(site_timezone())


def php_date(fmt: str, value: datetime) -> str:
    """date_i18n() for the format characters WordPress's options use (in English)."""
    out = []
    escaped = False
    for char in fmt:
        if escaped:
            out.append(char)
            escaped = False
            continue
        if char == "\\":
            escaped = True
            continue
        out.append(_date_part(char, value))
    return "".join(out)


def _date_part(char: str, value: datetime) -> str:  # noqa: C901, PLR0911 - one letter each
    if char == "d":
        return f"{value.day:02d}"
    if char == "j":
        return str(value.day)
    if char == "D":
        return WEEKDAYS[(value.weekday() + 1) % 7][:3]
    if char == "l":
        return WEEKDAYS[(value.weekday() + 1) % 7]
    if char == "N":
        return str(value.isoweekday())
    if char == "S":
        day = value.day
        if day in (11, 12, 13):
            return "th"
        return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    if char == "w":
        return str((value.weekday() + 1) % 7)
    if char == "F":
        return MONTHS[value.month - 1]
    if char == "M":
        return MONTHS[value.month - 1][:3]
    if char == "m":
        return f"{value.month:02d}"
    if char == "n":
        return str(value.month)
    if char == "Y":
        return str(value.year)
    if char == "y":
        return f"{value.year % 100:02d}"
    if char == "a":
        return "am" if value.hour < 12 else "pm"
    if char == "A":
        return "AM" if value.hour < 12 else "PM"
    if char == "g":
        return str(value.hour % 12 or 12)
    if char == "G":
        return str(value.hour)
    if char == "h":
        return f"{value.hour % 12 or 12:02d}"
    if char == "H":
        return f"{value.hour:02d}"
    if char == "i":
        return f"{value.minute:02d}"
    if char == "s":
        return f"{value.second:02d}"
    if char == "c":
        return iso_date(value)
    if char == "r":
        return rfc2822(value)
    if char == "U":
        return str(int(value.timestamp()))
    if char == "T":
        return value.tzname() or "UTC"
    if char in "PO":
        return _offset(value, colon=char == "P")
    return char


def _offset(value: datetime, colon: bool = True) -> str:
    offset = value.utcoffset()
    seconds = int(offset.total_seconds()) if offset else 0
    sign = "-" if seconds < 0 else "+"
    hours, minutes = divmod(abs(seconds) // 60, 60)
    return f"{sign}{hours:02d}:{minutes:02d}" if colon else f"{sign}{hours:02d}{minutes:02d}"


def iso_date(value: datetime) -> str:
    """PHP's date('c'): 2024-01-03T15:00:04+00:00."""
    return value.strftime("%Y-%m-%dT%H:%M:%S") + _offset(value)


def rfc2822(value: datetime) -> str:
    """PHP's date('r') / mysql2date('D, d M Y H:i:s +0000'): Wed, 03 Jan 2024 15:00:04 +0000."""
    day = WEEKDAYS[(value.weekday() + 1) % 7][:3]
    month = MONTHS[value.month - 1][:3]
    return f"{day}, {value.day:02d} {month} {value.year} {value:%H:%M:%S} {_offset(value, False)}"


def site_date(value: datetime, fmt: str = "") -> str:
    """get_the_date(fmt): the date in the site's timezone, in the date_format option."""
    return php_date(fmt or str(get_option("date_format") or "F j, Y"), local(value))


def php_float(value: float) -> str:
    """A PHP float as a string (precision 14): 22.0 -> "22", 1/3 -> "0.33333333333333"."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.14G}"
    if "E" in text:
        mantissa, exponent = text.split("E")
        return f"{mantissa}E{int(exponent):+d}"
    return text


def month_link(site: str, year: int, month: int) -> str:
    return f"{site}/{year}/{month:02d}/"


def year_link(site: str, year: int) -> str:
    return f"{site}/{year}/"


def day_link(site: str, year: int, month: int, day: int) -> str:
    return f"{site}/{year}/{month:02d}/{day:02d}/"
