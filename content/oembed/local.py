"""This site as an oEmbed provider: which post a URL of the site names (url_to_postid() with
the /%postname%/ structure), the oEmbed answer for a post (get_oembed_response_data() with the
rich type), its embed HTML, and the discovery <link>s a page of the post carries."""

from __future__ import annotations

import math
import re
import secrets
import string
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from django.conf import settings

from content.blocks.util import esc_attr, esc_url
from content.formatting import render_title
from content.permalinks import load_ancestors, post_permalink
from wpapi.links import rest_url
from wpapi.site import get_option

MIN_WIDTH, MAX_WIDTH = 200, 600
SECRET_CHARS = string.ascii_letters + string.digits


def _host(url: str) -> str:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.lower().replace("www.", "")


def _parse(url: str, site: str) -> tuple[str, Any] | None:
    """What a URL of this site names: ("id", n) or ("path", slugs), else None."""
    if not isinstance(url, str) or not url:
        return None
    if _host(url) and _host(url) != _host(site):
        return None
    found = re.search(r"[?&](p|page_id|attachment_id)=(\d+)", url)
    if found and int(found.group(2)):
        return "id", int(found.group(2))
    path = url.split("#", 1)[0].split("?", 1)[0]
    try:
        parts = urlsplit(path)
    except ValueError:
        return None
    home_path = urlsplit(site).path.rstrip("/")
    path = parts.path if parts.scheme else path
    if home_path and path.startswith(home_path):
        path = path[len(home_path) :]
    path = unquote(path).strip("/")
    if not path:
        if get_option("show_on_front") == "page" and get_option("page_on_front"):
            return "id", int(get_option("page_on_front") or 0)
        return None
    segments = path.split("/")
    if len(segments) > 1 and segments[-1].isdigit():  # a page number (<!--nextpage-->)
        segments = segments[:-1]
    if segments[-1] == "embed" and len(segments) > 1:
        segments = segments[:-1]
    return "path", tuple(quote(s, safe="").lower() if not s.isascii() else s for s in segments)


def urls_to_posts(urls: list[str], site: str) -> dict[str, Any]:
    """url_to_postid() for many URLs at once: {url: post or None}, in at most three queries
    however many URLs (posts come with their author, featured image and parent)."""
    from content.models import Post

    parsed = {url: _parse(url, site) for url in dict.fromkeys(urls)}
    ids = {value for kind, value in filter(None, parsed.values()) if kind == "id"}
    slugs = {value[-1] for kind, value in filter(None, parsed.values()) if kind == "path"}
    rows = Post.objects.select_related("author", "featured_media", "parent")
    by_id = rows.in_bulk(ids) if ids else {}
    candidates: list[Any] = []
    if slugs:
        candidates = list(
            rows.filter(slug__in=slugs)
            .exclude(status__in=["trash", "auto-draft"])
            .order_by("type", "id")
        )
    # get_page_by_path() first (pages under their ancestors), then posts and attachments by
    # slug, then /<type>/<slug>/ for registered types
    pages = [post for post in candidates if post.type == "page" and post.status != "inherit"]
    ancestors = load_ancestors(pages)
    found: dict[str, Any] = {}
    for url, what in parsed.items():
        if what is None:
            found[url] = None
        elif what[0] == "id":
            found[url] = by_id.get(what[1])
        else:
            found[url] = _by_path(what[1], pages, candidates, ancestors)
    return found


def _by_path(segments: tuple[str, ...], pages: list, candidates: list, ancestors: dict) -> Any:
    for page in pages:
        if page.slug == segments[-1] and _chain(page, ancestors) == list(segments[:-1]):
            return page
    for item in candidates:
        if item.slug != segments[-1]:
            continue
        if len(segments) == 1 and item.type in ("post", "attachment"):
            return item
        if len(segments) == 2 and item.type == segments[0]:
            return item
        # an attachment under its parent's permalink: /<parent>/<attachment>/
        parent = item.parent if item.type == "attachment" and item.parent_id else None
        if parent is not None and len(segments) >= 2 and parent.slug == segments[-2]:
            return item
    return None


def _chain(page: Any, ancestors: dict[int, tuple[str, int | None]]) -> list[str]:
    chain, parent = [], page.parent_id
    while parent and parent in ancestors and len(chain) < 50:
        slug, parent = ancestors[parent]
        chain.insert(0, slug)
    return chain


def url_to_post(url: str, site: str) -> Any | None:
    """The post `url` names on this site, or None (url_to_postid()); the post's visibility
    is for the caller to judge."""
    return urls_to_posts([url], site).get(url)


def publicly_viewable(post: Any) -> bool:
    """is_post_publicly_viewable(): a viewable type, and a public status (an attachment's
    is its parent's)."""
    type_object = post.type_object
    if type_object is None or not type_object.viewable:
        return False
    status = post.status
    if status == "inherit":
        parent = post.parent if post.parent_id else None
        status = parent.status if parent is not None else "publish"
    return status == "publish"


def embed_size(width: Any) -> tuple[int, int]:
    """The width clamped to 200-600, the height 16:9 of it and at least 200."""
    try:
        asked = abs(int(float(str(width).strip() or 0)))
    except ValueError:
        found = re.match(r"\s*[+-]?\d+", str(width))
        asked = abs(int(found.group(0))) if found else 0
    width = min(max(MIN_WIDTH, asked), MAX_WIDTH)
    return width, max(math.ceil(width / 16 * 9), 200)


def post_title(post: Any) -> str:
    """get_the_title()."""
    title = post.title
    if post.password:
        title = f"Protected: {title}"
    elif post.status == "private":
        title = f"Private: {title}"
    return render_title(title)


def permalink(post: Any, site: str, ancestors: dict | None = None) -> str:
    if post.type == "attachment":
        # get_attachment_link(): under a published parent's permalink, else at the root
        parent = post.parent if post.parent_id else None
        if parent is not None and parent.status == "publish" and parent.slug:
            return f"{permalink(parent, site, ancestors)}{post.slug}/"
        if parent is None and post.slug:
            return f"{site}/{post.slug}/"
        return f"{site}/?attachment_id={post.pk}"
    if ancestors is None:
        ancestors = load_ancestors([post]) if post.parent_id else {}
    return post_permalink(site, post, ancestors)


def embed_url(link: str) -> str:
    """get_post_embed_url(): the permalink's embed/ address (?embed=true on plain links)."""
    if "?" in link:
        return f"{link}&embed=true"
    return link.rstrip("/") + "/embed/"


def new_secret() -> str:
    return "".join(secrets.choice(SECRET_CHARS) for _ in range(10))


def embed_script() -> str:
    """The receiver script WordPress appends to a post's embed HTML (wp-embed.min.js): read
    from WP_OEMBED_SCRIPT (a file path) when the site names one."""
    path = getattr(settings, "WP_OEMBED_SCRIPT", "")
    if not path:
        return ""
    try:
        with open(path, encoding="utf-8") as handle:
            return f"<script>\n{handle.read().strip(chr(10) + chr(13) + ' ')}\n</script>\n"
    except OSError:
        return ""


def post_embed_html(post: Any, width: int, height: int, link: str) -> str:
    """get_post_embed_html(): the blockquote fallback and the sandboxed iframe."""
    secret = new_secret()
    title = post_title(post)
    site_name = get_option("title") or settings.WP_SITE_NAME
    frame_title = esc_attr(f"&#8220;{title}&#8221; &#8212; {site_name}")
    return (
        f'<blockquote class="wp-embedded-content" data-secret="{secret}">'
        f'<a href="{esc_url(link)}">{title}</a></blockquote>'
        f'<iframe sandbox="allow-scripts" security="restricted" '
        f'src="{esc_url(embed_url(link))}#?secret={secret}" width="{width}" '
        f'height="{height}" title="{frame_title}" data-secret="{secret}" frameborder="0" '
        'marginwidth="0" marginheight="0" scrolling="no" class="wp-embedded-content"></iframe>'
        + embed_script()
    )


def response_data(
    post: Any, width: Any, site: str, ancestors: dict | None = None
) -> dict[str, Any] | None:
    """get_oembed_response_data() with get_oembed_response_data_rich(): None when the post
    is not public."""
    if post is None or not publicly_viewable(post):
        return None
    width, height = embed_size(width)
    site_name = get_option("title") or settings.WP_SITE_NAME
    data: dict[str, Any] = {
        "version": "1.0",
        "provider_name": site_name,
        "provider_url": site,
        "author_name": site_name,
        "author_url": site,
        "title": post_title(post),
        "type": "link",
    }
    author = post.author if post.author_id else None
    if author is not None:
        data["author_name"] = author.display_name
        data["author_url"] = f"{site}/author/{author.nicename}/"
    data.update(width=width, height=height, type="rich")
    data["html"] = post_embed_html(post, width, height, permalink(post, site, ancestors))
    thumbnail = post.featured_media if post.featured_media_id else None
    if post.type == "attachment" and str(post.mime_type).startswith("image/"):
        thumbnail = post
    elif post.type == "attachment" and str(post.mime_type).startswith("video/"):
        data["type"] = "video"
    if thumbnail is not None:
        from content.blocks.media import file_url
        from content.media.images import constrain_dimensions

        details = thumbnail.media_details if isinstance(thumbnail.media_details, dict) else {}
        full_w, full_h = int(details.get("width") or 0), int(details.get("height") or 0)
        if full_w and full_h:
            thumb_w, thumb_h = constrain_dimensions(full_w, full_h, width, 99999)
        else:
            thumb_w, thumb_h = 0, 0
        data["thumbnail_url"] = file_url(thumbnail, site)
        data["thumbnail_width"] = thumb_w
        data["thumbnail_height"] = thumb_h
    return data


def response_for_url(url: str, width: Any, site: str) -> dict[str, Any] | None:
    """get_oembed_response_data_for_url()."""
    return response_data(url_to_post(url, site), width, site)


def discovery_links(post: Any, request: Any) -> str:
    """wp_oembed_add_discovery_links(): the <link>s of a post's page (JSON and XML)."""
    site = request_site(request)
    link = permalink(post, site)
    endpoint = rest_url(request, "/oembed/1.0/embed")
    json_href = f"{endpoint}?url={quote(link, safe='')}"
    return (
        f'<link rel="alternate" type="application/json+oembed" href="{esc_url(json_href)}" />\n'
        f'<link rel="alternate" type="text/xml+oembed" '
        f'href="{esc_url(json_href + "&format=xml")}" />\n'
    )


def request_site(request: Any) -> str:
    from wpapi.links import site_url

    return site_url(request)
