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

from content.formatting import capital_p_dangit, wpautop, wptexturize
from wpapi.formatting import (  # noqa: F401 - esc_url_raw, sanitize_key re-exported
    ALLOWED_TAGS,
    esc_url_raw,
    kses,
    sanitize_key,
    sanitize_text_field,
    specialchars,
)


def kses_comment(content: str) -> str:
    """wp_filter_kses on a comment: only $allowedtags and their attributes, no event handlers
    or scripts (<script> and <style> go with their text), links limited to WordPress's allowed
    protocols."""
    return kses(content, ALLOWED_TAGS, drop_script_text=True)


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
            if target.scheme.lower() in ("http", "https") and \
                    (target.hostname or "").lower() == site_host.lower():
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


# smilies_init(): most smilies are emoji now; two still have images.
SMILIES = {
    ":mrgreen:": "mrgreen.png", ":neutral:": "\U0001f610", ":twisted:": "\U0001f608",
    ":arrow:": "\u27a1", ":shock:": "\U0001f62f", ":smile:": "\U0001f642", ":???:": "\U0001f615",
    ":cool:": "\U0001f60e", ":evil:": "\U0001f47f", ":grin:": "\U0001f600", ":idea:": "\U0001f4a1",
    ":oops:": "\U0001f633", ":razz:": "\U0001f61b", ":roll:": "rolleyes.png",
    ":wink:": "\U0001f609", ":cry:": "\U0001f625", ":eek:": "\U0001f62e", ":lol:": "\U0001f606",
    ":mad:": "\U0001f621", ":sad:": "\U0001f641", "8-)": "\U0001f60e", "8-O": "\U0001f62f",
    ":-(": "\U0001f641", ":-)": "\U0001f642", ":-?": "\U0001f615", ":-D": "\U0001f600",
    ":-P": "\U0001f61b", ":-o": "\U0001f62e", ":-x": "\U0001f621", ":-|": "\U0001f610",
    ";-)": "\U0001f609", "8O": "\U0001f62f", ":(": "\U0001f641", ":)": "\U0001f642",
    ":?": "\U0001f615", ":D": "\U0001f600", ":P": "\U0001f61b", ":o": "\U0001f62e",
    ":x": "\U0001f621", ":|": "\U0001f610", ";)": "\U0001f609", ":!:": "\u2757", ":?:": "\u2753",
}
SPACE = r"(?:[\r\n\t ]|\u00a0|&nbsp;)"
SMILEY = re.compile(
    rf"(?:(?<=[\r\n\t ])|(?<=\u00a0)|(?<=&nbsp;)|^)"
    rf"({'|'.join(re.escape(key) for key in sorted(SMILIES, key=len, reverse=True))})"
    rf"(?={SPACE}|$)", re.MULTILINE)
NO_SMILIES = {"code", "pre", "style", "script", "textarea"}


def convert_smilies(text: str, site: str = "") -> str:
    """convert_smilies(): text smilies become emoji (or WordPress's two smiley images), outside
    tags and code, pre, style, script and textarea."""
    parts = re.split(r"(<[^>]*>)", text)
    ignoring = ""
    for index, part in enumerate(parts):
        if part.startswith("<"):
            tag = re.match(r"<(/?)([a-zA-Z0-9]+)", part)
            if tag and tag.group(2).lower() in NO_SMILIES:
                if tag.group(1) and tag.group(2).lower() == ignoring:
                    ignoring = ""
                elif not tag.group(1) and not ignoring:
                    ignoring = tag.group(2).lower()
            continue
        if not ignoring and part.strip():
            parts[index] = SMILEY.sub(lambda m: _smiley(m.group(1), site), part)
    return "".join(parts)


def _smiley(code: str, site: str) -> str:
    image = SMILIES[code]
    if not image.endswith(".png"):
        return image
    return (f'<img src="{site}/wp-includes/images/smilies/{image}" alt="{html.escape(code)}" '
            'class="wp-smiley" style="height: 1em; max-height: 1em;" />')


LONE_AMP = re.compile(r"&(?!#(?:\d+|x[a-f0-9]+);|[a-z1-4]{1,8};)", re.IGNORECASE)


URL_IN_TEXT = re.compile(r"(?<![\"'=>\w/])((?:https?|ftp)://[^\s<>\"']+[^\s<>\"'.,;:!?)\]])",
                         re.IGNORECASE)
WWW_IN_TEXT = re.compile(r"(?:(?<=[\s>])|^)((?:www|ftp)\.[^\s<>\"']+[^\s<>\"'.,;:!?)\]])",
                         re.IGNORECASE | re.MULTILINE)
EMAIL_IN_TEXT = re.compile(r"(?:(?<=[\s>])|^)([.0-9a-z_+-]+)@(([0-9a-z-]+\.)+[0-9a-z]{2,})",
                           re.IGNORECASE | re.MULTILINE)


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
        text = EMAIL_IN_TEXT.sub(
            lambda m: f'<a href="mailto:{m.group(0)}">{m.group(0)}</a>', text)
    return text
