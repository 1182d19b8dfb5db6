"""Comment text on the way in (kses, rel="ugc") and on the way out (comment_text filters).

WordPress filters a comment's content with kses' comment allow-list for users without
`unfiltered_html`, adds rel="nofollow ugc" to links, and renders it for display with
wptexturize, make_clickable, convert_smilies and wpautop. kses, esc_url_raw and sanitize_key
are the shared ones (wpapi.formatting); texturize and autop are the posts' (content.formatting).
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import urlsplit

from content.formatting import (
    LONE_AMP,
    capital_p_dangit,
    convert_smilies,
    wpautop,
    wptexturize,
)
from wpapi.formatting import (  # noqa: F401 - esc_url_raw, sanitize_key re-exported
    ALLOWED_TAGS,
    esc_url_raw,
    kses,
    sanitize_key,
    sanitize_text_field,
    specialchars,
)


def kses_comment(content: str) -> str:
    """wp_filter_kses on a comment: only $allowedtags and their attributes, no event handlers,
    links limited to WordPress's allowed protocols. Removed tags leave their text, <script>'s
    included, as wp_kses() does."""
    return kses(content, ALLOWED_TAGS)


A_TAG = re.compile(r"<a\s([^>]*)>", re.IGNORECASE)
REL_ATTR = re.compile(r"""\srel\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)


HREF_ATTR = re.compile(r"""\shref\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)


def rel_ugc(content: str, site_host: str = "") -> str:
    """wp_rel_ugc: links in a comment get rel="nofollow ugc" (existing values kept first),
    except absolute http(s) links to the site itself."""

    def fix(match: re.Match[str]) -> str:
        attrs = " " + match.group(1)
        href = HREF_ATTR.search(attrs)
        if href and site_host:
            target = urlsplit(html.unescape(href.group(2)).strip())
            if (
                target.scheme.lower() in ("http", "https")
                and (target.hostname or "").lower() == site_host.lower()
            ):
                return match.group(0)
        found = REL_ATTR.search(attrs)
        values = found.group(2).split() if found else []
        for value in ("nofollow", "ugc"):
            if value not in values:
                values.append(value)
        attrs = REL_ATTR.sub("", attrs).rstrip()
        return f'<a{attrs} rel="{" ".join(values)}">'

    return A_TAG.sub(fix, content)


# --- text fields ---------------------------------------------------------------------------
def comment_author_name(value: Any) -> str:
    """pre_comment_author_name: sanitize_text_field, kses (no tags), then special characters."""
    return specialchars(sanitize_text_field(value))


# --- display (comment_text) ------------------------------------------------------------------
def render_comment(content: str, site: str = "", smilies: bool = True) -> str:
    """The comment_text filters: wptexturize, make_clickable, convert_smilies (when the site's
    use_smilies option is on), wpautop, capital_P_dangit. Texturize, autop and the capital P
    are the posts' own (content.formatting)."""
    text = make_clickable(wptexturize(content))
    if smilies:
        text = convert_smilies(text, site)
    return capital_p_dangit(wpautop(text))


URL_IN_TEXT = re.compile(
    r"(?<![\"'=>\w/])((?:https?|ftp)://[^\s<>\"']+[^\s<>\"'.,;:!?)\]])", re.IGNORECASE
)
WWW_IN_TEXT = re.compile(
    r"(?:(?<=[\s>])|^)((?:www|ftp)\.[^\s<>\"']+[^\s<>\"'.,;:!?)\]])", re.IGNORECASE | re.MULTILINE
)
EMAIL_IN_TEXT = re.compile(
    r"(?:(?<=[\s>])|^)([.0-9a-z_+-]+)@(([0-9a-z-]+\.)+[0-9a-z]{2,})", re.IGNORECASE | re.MULTILINE
)


def make_clickable(text: str) -> str:
    """make_clickable(): bare URLs in text (not inside tags or links) become nofollow links."""
    parts = re.split(r"(<[^>]*>)", text)
    depth = 0
    for index, part in enumerate(parts):
        if part.startswith("<"):
            if re.match(r"<a[\s>]", part, re.IGNORECASE):
                depth += 1
            elif re.match(r"</a\s*>", part, re.IGNORECASE):
                depth = max(0, depth - 1)
            continue
        if depth == 0:
            parts[index] = _clickable_text(part)
    return "".join(parts)


def _link(url: str) -> str:
    url = LONE_AMP.sub("&#038;", url)
    return f'<a href="{url}" rel="nofollow ugc">{url}</a>'


def _clickable_text(text: str) -> str:
    if "://" in text:
        text = URL_IN_TEXT.sub(lambda m: _link(m.group(1)), text)
    if "www." in text.lower() or "ftp." in text.lower():
        text = WWW_IN_TEXT.sub(lambda m: _link("http://" + m.group(1)), text)
    if "@" in text:
        text = EMAIL_IN_TEXT.sub(lambda m: f'<a href="mailto:{m.group(0)}">{m.group(0)}</a>', text)
    return text
