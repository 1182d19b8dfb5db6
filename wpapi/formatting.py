"""Text sanitising every resource shares (WordPress's formatting.php): written once here so
that a name, a description or a comment author is cleaned the same way everywhere."""

from __future__ import annotations

import re
from typing import Any

_PCT_OCTET = re.compile(r"%[a-f0-9]{2}", re.IGNORECASE)
_LONE_AMP = re.compile(r"&(?!(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)")


def strip_all_tags(text: str) -> str:
    """wp_strip_all_tags(): drop <script>/<style> with their content, then every tag."""
    text = re.sub(r"<(script|style)[^>]*?>.*?</\1\s*>", "", text, flags=re.S | re.I)
    return re.sub(r"<[^>]*>", "", text)


def sanitize_text_field(value: Any) -> str:
    """sanitize_text_field(): no tags, no line breaks or runs of whitespace, no %-octets."""
    if not isinstance(value, str):
        return "" if isinstance(value, dict | list) or value is None else str(value)
    text = value.replace("\x00", "")  # PHP's strip_tags drops NUL bytes; databases refuse them
    if "<" in text:
        # wp_pre_kses_less_than: a "<" that opens no tag is text, not markup.
        text = re.sub(r"<[^>]*?(?=<|$)", lambda m: m.group(0).replace("<", "&lt;"), text)
        text = strip_all_tags(text)
    text = re.sub(r"[\r\n\t ]+", " ", text).strip()
    found = False
    while match := _PCT_OCTET.search(text):
        text = text.replace(match.group(0), "")
        found = True
    if found:
        text = re.sub(r" +", " ", text).strip()
    return text


def specialchars(text: str) -> str:
    """_wp_specialchars() without quotes and without double encoding: &, < and >."""
    return _LONE_AMP.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
