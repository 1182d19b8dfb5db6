"""Turning a URL into an embed, as WP_oEmbed and WP_Embed do: the site's own posts answer
locally, media file URLs become players, other URLs go to their provider (the provider list,
then discovery) and the answer becomes HTML. Answers from providers are cached in the shared
cache for a day, failures too, as WordPress caches them; answers about our own posts are
computed each time, so they follow every change.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any
from urllib.parse import urlencode
from xml.etree import ElementTree

from django.conf import settings
from django.core.cache import cache

from content.blocks.context import RenderContext
from content.blocks.util import esc_attr, esc_html, esc_url
from content.oembed import http, local
from content.oembed.providers import listed_provider

CACHE_SECONDS = 24 * 3600
UNKNOWN = "{{unknown}}"
LINK_TYPES = {
    "application/json+oembed": "json",
    "text/xml+oembed": "xml",
    "application/xml+oembed": "xml",
}


def embed_defaults() -> dict[str, int]:
    """wp_embed_defaults(): 500 wide (no theme content width), 1.5 times as high, at most 1000."""
    width = int(getattr(settings, "WP_EMBED_WIDTH", 500) or 500)
    return {"width": width, "height": min(-(-width * 3 // 2), 1000)}


def discover_allowed() -> bool:
    return bool(getattr(settings, "WP_OEMBED_DISCOVER", True))


# --- the provider side of a request -------------------------------------------------------------
def _attributes(tag: str) -> dict[str, str]:
    found = {}
    for match in re.finditer(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s'">]+))""", tag):
        value = next(group for group in match.groups()[1:] if group is not None)
        found[match.group(1).lower()] = value
    return found


def discover(url: str, site: str) -> str | None:
    """WP_oEmbed::discover(): the oEmbed endpoint a page names in its <head>."""
    answer = http.fetch(url, site)
    if answer is None or not answer.body:
        return None
    page = answer.body.decode("utf-8", "replace")
    head_end = page.lower().find("</head>")
    if head_end > 0:
        page = page[:head_end]
    if not any(kind in page.lower() for kind in LINK_TYPES):
        return None
    found: dict[str, str] = {}
    for tag in re.findall(r"<link([^<>]+)/?>", page, re.I):
        attrs = _attributes(tag)
        kind = LINK_TYPES.get(attrs.get("type", ""))
        if kind and attrs.get("href"):
            found[kind] = attrs["href"].replace("&amp;", "&")
            if kind == "json":
                break
    return found.get("json") or found.get("xml")


def _parse(body: bytes, kind: str) -> dict[str, Any] | None:
    try:
        if kind == "json":
            data = json.loads(body)
            return data if isinstance(data, dict) else None
        root = ElementTree.fromstring(body)
        return {child.tag: child.text or "" for child in root}
    except (ValueError, ElementTree.ParseError):
        return None


def fetch_data(endpoint: str, url: str, args: dict[str, Any], site: str | None) -> dict | None:
    """WP_oEmbed::fetch(): ask the endpoint for JSON (XML when JSON is not implemented)."""
    query = {
        "maxwidth": int(args.get("width") or 0),
        "maxheight": int(args.get("height") or 0),
        "url": url,
        "dnt": 1,
    }
    joiner = "&" if "?" in endpoint else "?"
    base = f"{endpoint}{joiner}{urlencode(query)}"
    for kind in ("json", "xml"):
        answer = http.fetch(f"{base}&format={kind}", site)
        if answer is not None and answer.status == 501:
            continue
        if answer is None or answer.status >= 400 or not answer.body:
            return None
        return _parse(answer.body, kind)
    return None


def provider_data(url: str, args: dict[str, Any], site: str) -> dict[str, Any] | None:
    """WP_oEmbed::get_data(): the provider's answer for `url`, cached (failures too)."""
    key = (
        "wpapi:oembed:"
        + hashlib.sha256(json.dumps([url, args], sort_keys=True, default=str).encode()).hexdigest()
    )
    cached = cache.get(key)
    if cached is not None:
        return None if cached == UNKNOWN else cached
    endpoint = listed_provider(url)
    trusted = endpoint is not None
    if endpoint is None and args.get("discover", True) and discover_allowed():
        endpoint = discover(url, site)
    data = fetch_data(endpoint, url, args, None if trusted else site) if endpoint else None
    seconds = int(getattr(settings, "WP_OEMBED_CACHE_SECONDS", CACHE_SECONDS))
    cache.set(key, data if data else UNKNOWN, seconds)
    return data


# --- data to HTML --------------------------------------------------------------------------------
def _iframe_title(html: str, data: dict[str, Any]) -> str:
    """wp_filter_oembed_iframe_title_attribute(): the iframe's title first (the provider's
    title when the iframe has none)."""
    match = re.search(r"<iframe([^>]*)>", html, re.I)
    title = str(data.get("title") or "")
    attrs: dict[str, str] = {}
    wholes: list[tuple[str, str]] = []
    if match:
        for attr in re.finditer(
            r"""([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s'">]+)))?""", match.group(1)
        ):
            name = attr.group(1).lower()
            value = next((g for g in attr.groups()[1:] if g is not None), "")
            attrs.setdefault(name, value)
            wholes.append((name, attr.group(0)))
    if attrs.get("title"):
        title = attrs["title"]
    if not title:
        return html
    if match and "title" in attrs:
        rest = " ".join(whole for name, whole in wholes if name != "title")
        html = html.replace(match.group(0), f"<iframe {rest.strip()}>", 1)
    return re.sub(r"<iframe ", f'<iframe title="{esc_attr(title)}" ', html, flags=re.I)


IFRAME_KEEP = ("title", "src", "width", "height", "frameborder", "marginwidth", "marginheight")
IFRAME_KEEP += ("scrolling",)


def sandbox(html: str) -> str | None:
    """wp_filter_oembed_result() for providers not on the list: only a <blockquote> (with its
    links) and an <iframe>, sandboxed and tied together by a new secret."""
    quote_match = re.search(r"<blockquote[^>]*>(.*?)</blockquote>", html, re.S | re.I)
    frame_match = re.search(r"<iframe([^>]*)>.*?</iframe>", html, re.S | re.I)
    if not frame_match:
        return None
    attrs: list[tuple[str, str]] = []
    for attr in re.finditer(
        r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s'">]+))""", frame_match.group(1)
    ):
        name = attr.group(1).lower()
        value = next(g for g in attr.groups()[1:] if g is not None)
        if name in IFRAME_KEEP and name not in dict(attrs):
            attrs.append((name, value))
    secret = local.new_secret()
    parts = []
    for name, value in attrs:
        if name == "src":
            parts.append(f'src="{esc_url(value + "#?secret=" + secret)}"')
            parts.append(f'data-secret="{secret}"')
        else:
            parts.append(f'{name}="{esc_attr(value)}"')
    blockquote = ""
    style = ""
    if quote_match:
        inner = re.sub(r"<(?!/?a[\s>])[^>]*>", "", quote_match.group(1))
        inner = re.sub(r"<a\s[^>]*?href=([\"'])(.*?)\1[^>]*>", r'<a href="\2">', inner)
        blockquote = (
            f'<blockquote class="wp-embedded-content" data-secret="{secret}">{inner}</blockquote>'
        )
        style = 'style="position: absolute; clip: rect(1px, 1px, 1px, 1px);" '
    return (
        f"{blockquote}<iframe "
        f'class="wp-embedded-content" sandbox="allow-scripts" security="restricted" {style}'
        f"{' '.join(parts)}></iframe>"
    )


def data_to_html(data: dict[str, Any], url: str, trusted: bool) -> str | None:
    """WP_oEmbed::data2html() with the oembed_dataparse filters."""
    kind = data.get("type")
    result: str | None = None
    if kind == "photo":
        if data.get("url") and data.get("width") and data.get("height"):
            title = data.get("title") if isinstance(data.get("title"), str) else ""
            result = (
                f'<a href="{esc_url(url)}"><img src="{esc_url(str(data["url"]))}" '
                f'alt="{esc_attr(title)}" width="{esc_attr(data["width"])}" '
                f'height="{esc_attr(data["height"])}" /></a>'
            )
    elif kind in ("video", "rich"):
        if isinstance(data.get("html"), str) and data["html"]:
            result = data["html"]
    elif kind == "link" and isinstance(data.get("title"), str) and data["title"]:
        result = f'<a href="{esc_url(url)}">{esc_html(data["title"])}</a>'
    if result is None or kind not in ("video", "rich"):
        return result
    result = _iframe_title(result, data)
    return result if trusted else sandbox(result)


# --- WP_Embed ----------------------------------------------------------------------------------
AUDIO_URL = re.compile(r"^https?://.+?\.(mp3|ogg|flac|m4a|wav)$", re.I)
VIDEO_URL = re.compile(r"^https?://.+?\.(mp4|m4v|webm|ogv|flv)$", re.I)


def handler_html(url: str, raw: dict[str, str]) -> str | None:
    """The embed handlers that come before oEmbed: an audio or video file URL becomes the
    [audio] / [video] shortcode, expanded later with the other shortcodes."""
    if AUDIO_URL.match(url):
        return f'[audio src="{esc_url(url)}" /]'
    if VIDEO_URL.match(url):
        size = ""
        if raw.get("width") and raw.get("height"):
            size = f'width="{_int(raw["width"])}" height="{_int(raw["height"])}" '
        return f'[video {size}src="{esc_url(url)}" /]'
    return None


def _int(value: Any) -> int:
    found = re.match(r"\s*[+-]?\d+", str(value))
    return int(found.group(0)) if found else 0


URL_IN_CONTENT = re.compile(r"https?://[^\s<>\"'\[\]]+", re.I)


def _own_posts(ctx: RenderContext) -> tuple[dict[str, Any], dict[int, Any]]:
    """Every post of this site that a URL in the page's content names, resolved at once, and
    their ancestors (for their permalinks)."""
    from content.permalinks import load_ancestors

    own = local._host(ctx.site)
    urls = [
        url.replace("&amp;", "&")
        for content in ctx.contents()
        for url in URL_IN_CONTENT.findall(content)
        if local._host(url) == own
    ]
    posts = local.urls_to_posts(urls, ctx.site) if urls else {}
    return posts, load_ancestors([post for post in posts.values() if post is not None])


def own_post(url: str, ctx: RenderContext) -> tuple[Any, dict[int, Any] | None]:
    """The post of this site `url` names (from the page's batch when it was there)."""
    posts, ancestors = ctx.load("oembed-own-posts", lambda: _own_posts(ctx))
    if url in posts:
        return posts[url], ancestors
    return ctx.load(("oembed-own-post", url), lambda: local.url_to_post(url, ctx.site)), None


def oembed_html(url: str, args: dict[str, Any], ctx: RenderContext) -> str | None:
    """wp_oembed_get(): our own posts first (pre_oembed_result), then the provider."""
    post, ancestors = own_post(url, ctx)
    own = local.response_data(post, args.get("width"), ctx.site, ancestors) if post else None
    if own:
        return data_to_html(own, url, trusted=False)
    data = provider_data(url, args, ctx.site)
    if not data:
        return None
    return data_to_html(data, url, trusted=listed_provider(url) is not None)


def embed(url: str, attrs: dict[str, str], ctx: RenderContext, link_unknown: bool) -> str:
    """WP_Embed::shortcode(): the embed for `url`, else a link to it (or the URL itself)."""
    url = url.replace("&amp;", "&")
    if not url:
        return ""
    handled = handler_html(url, attrs)
    if handled is not None:
        return handled
    args: dict[str, Any] = {**embed_defaults(), **attrs, "discover": discover_allowed()}
    html = oembed_html(url, args, ctx)
    if html:
        return html
    return f'<a href="{esc_url(url)}">{esc_html(url)}</a>' if link_unknown else url


def autoembed(content: str, ctx: RenderContext) -> str:
    """WP_Embed::autoembed(): a URL alone on its line, or alone in a paragraph, becomes its
    embed; URLs nothing can embed stay as they are."""
    if not re.search(r"(^|\s|>)https?://", content, re.I):
        return content
    # line breaks inside tags are not line ends
    content = re.sub(
        r"<[^>]*>", lambda m: m.group(0).replace("\n", "<!-- wp-line-break -->"), content
    )

    def replace(match: re.Match) -> str:
        return match.group(1) + embed(match.group(2), {}, ctx, False) + match.group(3)

    content = re.sub(r"^(\s*)(https?://[^\s<>\"]+)(\s*)$", replace, content, flags=re.I | re.M)
    content = re.sub(
        r"(<p(?: [^>]*)?>\s*)(https?://[^\s<>\"]+)(\s*</p>)", replace, content, flags=re.I
    )
    return content.replace("<!-- wp-line-break -->", "\n")


def could_autoembed(content: str, site: str) -> bool:
    """Whether autoembed could change `content`: a URL alone on a line or in a paragraph
    that is ours, a listed provider's, a media file, or (with discovery) any URL."""
    if "http" not in content:
        return False
    urls = re.findall(r"^\s*(https?://[^\s<>\"]+)\s*$", content, re.I | re.M)
    urls += re.findall(r"<p(?: [^>]*)?>\s*(https?://[^\s<>\"]+)\s*</p>", content, re.I)
    if not urls:
        return False
    if discover_allowed():
        return True
    own = local._host(site)
    return any(
        local._host(url) == own
        or listed_provider(url)
        or AUDIO_URL.match(url)
        or VIDEO_URL.match(url)
        for url in urls
    )
