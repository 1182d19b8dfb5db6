"""WordPress's media shortcodes rendered from our data: [gallery] (the attachments named, or
those attached to the post), [audio] and [video] players, and [embed] (its URL's embed, else
a link). [caption] lives in content.formatting. The gallery's attachments are loaded for the
whole page of posts at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from content.blocks.context import RenderContext
from content.blocks.media import attachment_image, file_url, is_image
from content.blocks.util import esc_attr, esc_html, esc_url
from content.formatting import sanitize_html_class, shortcode_atts, wptexturize

#: the shortcodes WordPress registers; other [brackets] are text
SHORTCODE_NAMES = ("wp_caption", "caption", "gallery", "playlist", "audio", "video", "embed")
AUDIO_TYPES = {
    "mp3": "audio/mpeg",
    "m4a": "audio/mpeg",
    "m4b": "audio/mpeg",
    "ogg": "audio/ogg",
    "oga": "audio/ogg",
    "flac": "audio/flac",
    "wav": "audio/wav",
}
VIDEO_TYPES = {
    "mp4": "video/mp4",
    "m4v": "video/mp4",
    "webm": "video/webm",
    "ogv": "video/ogg",
    "flv": "video/x-flv",
}


@lru_cache(maxsize=32)
def shortcode_regex(names: tuple[str, ...]) -> re.Pattern:
    """get_shortcode_regex(): [name attrs], [name attrs /], [name]content[/name], and the
    escaped [[name]] form."""
    tags = "|".join(re.escape(name) for name in names)
    return re.compile(
        r"\[(\[?)(" + tags + r")(?![\w-])([^\]/]*+(?:/(?!\])[^\]/]*+)*+)"
        r"(?:(/)\]|\](?:([^\[]*+(?:\[(?!/\2\])[^\[]*+)*+)\[/\2\])?)(\]?)",
        re.S,
    )


SHORTCODE = shortcode_regex(SHORTCODE_NAMES)
DYNAMIC_SHORTCODE = re.compile(r"\[(?:gallery|playlist|audio|video|embed)(?![\w-])")
UNAUTOP = re.compile(
    r"<p>\s*+(\[(?:"
    + "|".join(SHORTCODE_NAMES)
    + r")(?![\w-])[^\]]*\](?:.*?\[/(?:"
    + "|".join(SHORTCODE_NAMES)
    + r")\])?)\s*+(?:<br />\s*+)?</p>",
    re.S,
)


def has_media_shortcodes(content: str) -> bool:
    return "[" in content and DYNAMIC_SHORTCODE.search(content) is not None


def shortcode_unautop(content: str) -> str:
    """shortcode_unautop(): a shortcode alone in a paragraph loses the paragraph."""
    return UNAUTOP.sub(r"\1", content) if "<p>" in content and "[" in content else content


def do_shortcodes(content: str, handlers: dict[str, Callable[[dict[str, str], str], str]]) -> str:
    """do_shortcode() for the given handlers; escaped [[tags]] lose one bracket."""
    if "[" not in content:
        return content
    names = tuple(name for name in SHORTCODE_NAMES if name in handlers)
    pattern = shortcode_regex(names) if names != SHORTCODE_NAMES else SHORTCODE

    def replace(match: re.Match) -> str:
        if match.group(1) == "[" and match.group(6) == "]":
            return match.group(0)[1:-1]
        output = handlers[match.group(2)](shortcode_atts(match.group(3)), match.group(5) or "")
        return match.group(1) + output + match.group(6)

    return pattern.sub(replace, content)


def _bool(value: Any) -> bool:
    """wp_validate_boolean()."""
    if isinstance(value, str) and value.lower() == "false":
        return False
    return bool(value)


def _ext(url: str) -> str:
    return url.split("?", 1)[0].rsplit(".", 1)[-1].lower() if "." in url else ""


# --- [audio] / [video] --------------------------------------------------------------------------
def _attached_media(ctx: RenderContext, kind: str) -> str:
    """The URL of the first audio/video file attached to the post being rendered."""
    post = ctx.post
    if post is None or post.pk is None:
        return ""
    attached = ctx.load("attached-media", lambda: _children(ctx))
    for attachment in attached.get(post.pk, []):
        if str(attachment.mime_type).startswith(kind + "/"):
            return file_url(attachment, ctx.site)
    return ""


def audio_shortcode(attrs: dict[str, str], ctx: RenderContext) -> str:
    """wp_audio_shortcode()."""
    instance = ctx.count("audio")
    sources = ["src", *AUDIO_TYPES.keys()]
    values = {name: attrs.get(name, "") for name in sources}
    if values["src"]:
        if _ext(values["src"]) not in AUDIO_TYPES:
            src = values["src"]
            return f'<a class="wp-embedded-audio" href="{esc_url(src)}">{esc_html(src)}</a>'
    elif not any(values.values()):
        values["src"] = _attached_media(ctx, "audio")
        if not values["src"]:
            return ""
    post_id = getattr(ctx.post, "pk", 0) or 0
    html_attrs: dict[str, Any] = {
        "class": attrs.get("class", "wp-audio-shortcode"),
        "id": f"audio-{post_id}-{instance}",
        "loop": _bool(attrs.get("loop", "")),
        "autoplay": _bool(attrs.get("autoplay", "")),
        "preload": attrs.get("preload", "none"),
        "style": attrs.get("style", "width: 100%;"),
    }
    html = _player_head("audio", instance)
    html += (
        f'<audio {_attr_string(html_attrs, ("loop", "autoplay", "preload"))} controls="controls">'
    )
    html += _sources(values, AUDIO_TYPES, instance)
    return html + "</audio>"


def video_shortcode(attrs: dict[str, str], ctx: RenderContext) -> str:
    """wp_video_shortcode()."""
    instance = ctx.count("video")
    sources = ["src", *VIDEO_TYPES.keys()]
    values = {name: attrs.get(name, "") for name in sources}
    if values["src"]:
        if _ext(values["src"]) not in VIDEO_TYPES:
            src = values["src"]
            return f'<a class="wp-embedded-video" href="{esc_url(src)}">{esc_html(src)}</a>'
    elif not any(values.values()):
        values["src"] = _attached_media(ctx, "video")
        if not values["src"]:
            return ""
    post_id = getattr(ctx.post, "pk", 0) or 0
    width = _absint(attrs.get("width", 640))
    height = _absint(attrs.get("height", 360))
    html_attrs: dict[str, Any] = {
        "class": attrs.get("class", "wp-video-shortcode"),
        "id": f"video-{post_id}-{instance}",
        "width": width,
        "height": height,
        "poster": esc_url(attrs.get("poster", "")),
        "loop": _bool(attrs.get("loop", "")),
        "autoplay": _bool(attrs.get("autoplay", "")),
        "muted": _bool(attrs.get("muted", False)),
        "preload": attrs.get("preload", "metadata"),
    }
    html = _player_head("video", instance)
    optional = ("poster", "loop", "autoplay", "preload", "muted")
    html += f'<video {_attr_string(html_attrs, optional)} controls="controls">'
    html += _sources(values, VIDEO_TYPES, instance)
    html += "</video>"
    width_rule = f"width: {width}px;" if width else ""
    return f'<div style="{width_rule}" class="wp-video">{html}</div>'


def _absint(value: Any) -> int:
    found = re.match(r"\s*[+-]?\d+", str(value))
    return abs(int(found.group(0))) if found else 0


def _player_head(kind: str, instance: int) -> str:
    if instance != 1:
        return ""
    return f"<!--[if lt IE 9]><script>document.createElement('{kind}');</script><![endif]-->\n"


def _attr_string(attrs: dict[str, Any], optional: tuple[str, ...]) -> str:
    parts = []
    for key, value in attrs.items():
        if key in optional and not value:
            continue
        shown = "1" if value is True else str(value)
        parts.append(f'{key}="{esc_attr(shown)}"')
    return " ".join(parts)


def _sources(values: dict[str, str], types: dict[str, str], instance: int) -> str:
    html = ""
    first = ""
    for url in values.values():
        if not url:
            continue
        first = first or url
        mime = types.get(_ext(url), "")
        joiner = "&" if "?" in url else "?"
        html += f'<source type="{mime}" src="{esc_url(f"{url}{joiner}_={instance}")}" />'
    return html + f'<a href="{esc_url(first)}">{esc_url(first)}</a>'


# --- [gallery] ----------------------------------------------------------------------------------
GALLERY_IDS = re.compile(r"\[gallery\b([^\]]*)\]")


def _children(ctx: RenderContext) -> dict[int, list[Any]]:
    """The attachments of every post on the page, by parent, in menu_order then ID."""
    from content.models import Post

    parents = [post.pk for post in ctx.posts if post.pk is not None]
    if ctx.post is not None and ctx.post.pk is not None:
        parents.append(ctx.post.pk)
    for content in ctx.contents():  # [gallery id="N"] shows another post's attachments
        for match in GALLERY_IDS.finditer(content):
            named = shortcode_atts(match.group(1)).get("id", "")
            if named.isdigit():
                parents.append(int(named))
    found: dict[int, list[Any]] = {}
    if not parents:
        return found
    rows = Post.objects.filter(type="attachment", status="inherit", parent_id__in=parents)
    for attachment in rows.select_related("parent").order_by("menu_order", "id"):
        found.setdefault(attachment.parent_id, []).append(attachment)
    return found


def _gallery_attachments(ctx: RenderContext) -> dict[int, Any]:
    """Every attachment a [gallery ids="..."] on the page names, in one query."""
    from content.models import Post

    wanted: set[int] = set()
    for content in ctx.contents():
        for match in GALLERY_IDS.finditer(content):
            attrs = shortcode_atts(match.group(1))
            for key in ("ids", "include"):
                wanted.update(int(n) for n in re.findall(r"\d+", attrs.get(key, "")))
    if not wanted:
        return {}
    return Post.objects.filter(pk__in=wanted, type="attachment").select_related("parent").in_bulk()


def attachment_link(attachment: Any, site: str) -> str:
    from content.oembed.local import permalink

    return permalink(attachment, site)


def gallery_shortcode(attrs: dict[str, str], ctx: RenderContext) -> str:
    """gallery_shortcode() with HTML5 markup (figure / div / figcaption)."""
    instance = ctx.count("gallery")
    post_id = getattr(ctx.post, "pk", 0) or 0
    ids = attrs.get("ids", "")
    if ids:
        attrs.setdefault("orderby", "post__in")
        attrs["include"] = ids
    order = attrs.get("order", "ASC").upper()
    orderby = attrs.get("orderby", "menu_order ID")
    gallery_id = int(attrs["id"]) if str(attrs.get("id", "")).isdigit() else post_id
    columns = _absint(attrs.get("columns", 3))
    size = attrs.get("size", "thumbnail")
    itemtag = attrs.get("itemtag", "figure")
    captiontag = attrs.get("captiontag", "figcaption")
    icontag = attrs.get("icontag", "div")
    allowed = {"figure", "div", "dl", "dt", "dd", "span", "p", "li", "ul", "ol", "figcaption"}
    itemtag = itemtag if itemtag in allowed else "dl"
    captiontag = captiontag if captiontag in allowed else "dd"
    icontag = icontag if icontag in allowed else "dt"
    if attrs.get("include"):
        include = [int(n) for n in re.findall(r"\d+", attrs["include"])]
        named = ctx.load("gallery-attachments", lambda: _gallery_attachments(ctx))
        chosen = [named[pk] for pk in include if pk in named]
    else:
        chosen = list(ctx.load("attached-media", lambda: _children(ctx)).get(gallery_id, []))
        exclude = {int(n) for n in re.findall(r"\d+", attrs.get("exclude", ""))}
        chosen = [item for item in chosen if item.pk not in exclude]
    chosen = [item for item in chosen if item.status == "inherit" and is_image(item)]
    chosen = _order(chosen, orderby, order, attrs.get("include", ""))
    if not chosen:
        return ""
    selector = f"gallery-{instance}"
    size_class = sanitize_html_class(size)
    output = (
        f"<div id='{selector}' class='gallery galleryid-{gallery_id} "
        f"gallery-columns-{columns} gallery-size-{size_class}'>"
    )
    for attachment in chosen:
        caption = attachment.excerpt.strip()
        extra = (
            {"aria-describedby": f"{selector}-{attachment.pk}"} if captiontag and caption else {}
        )
        image = attachment_image(attachment, size, ctx.site, extra)
        link = attrs.get("link", "")
        if link == "file":
            image = f"<a href='{esc_url(file_url(attachment, ctx.site))}'>{image}</a>"
        elif link != "none":
            image = f"<a href='{esc_url(attachment_link(attachment, ctx.site))}'>{image}</a>"
        details = attachment.media_details if isinstance(attachment.media_details, dict) else {}
        portrait = int(details.get("height") or 0) > int(details.get("width") or 0)
        orientation = "portrait" if portrait else "landscape"
        output += f"<{itemtag} class='gallery-item'>"
        output += (
            f"\n\t\t\t<{icontag} class='gallery-icon {orientation}'>\n\t\t\t\t{image}\n"
            f"\t\t\t</{icontag}>"
        )
        if captiontag and caption:
            output += (
                f"\n\t\t\t\t<{captiontag} class='wp-caption-text gallery-caption' "
                f"id='{selector}-{attachment.pk}'>\n\t\t\t\t{wptexturize(attachment.excerpt)}"
                f"\n\t\t\t\t</{captiontag}>"
            )
        output += f"</{itemtag}>"
    return output + "\n\t\t</div>\n"


def _order(items: list[Any], orderby: str, order: str, include: str) -> list[Any]:
    reverse = order == "DESC"
    if orderby == "post__in":
        return items
    if orderby.lower() == "rand":
        return items
    keys = orderby.replace(",", " ").split() or ["menu_order", "ID"]
    fields = {"id": "pk", "menu_order": "menu_order", "title": "title", "date": "date"}
    fields["post_date"] = "date"
    fields["name"] = "slug"
    fields["modified"] = "modified"

    def key(item: Any) -> tuple:
        return tuple(getattr(item, fields.get(name.lower(), "pk")) for name in keys)

    return sorted(items, key=key, reverse=reverse)


# --- all of them --------------------------------------------------------------------------------
def do_media_shortcodes(content: str, ctx: RenderContext) -> str:
    """The gallery, audio, video and playlist shortcodes; [embed] left over from the_content's
    earlier pass renders nothing (its placeholder handler)."""
    if not has_media_shortcodes(content):
        return content
    handlers: dict[str, Callable[[dict[str, str], str], str]] = {
        "gallery": lambda attrs, inner: gallery_shortcode(attrs, ctx),
        "audio": lambda attrs, inner: audio_shortcode(attrs, ctx),
        "video": lambda attrs, inner: video_shortcode(attrs, ctx),
        "playlist": lambda attrs, inner: "",
        "embed": lambda attrs, inner: "",
    }
    return do_shortcodes(content, handlers)


def run_embed_shortcodes(content: str, ctx: RenderContext) -> str:
    """WP_Embed::run_shortcode(): [embed]url[/embed] first, before the other filters."""
    if "[embed" not in content:
        return content
    from content.oembed.consumer import embed

    def handle(attrs: dict[str, str], inner: str) -> str:
        url = inner or attrs.get("src", "")
        size = {k: v for k, v in attrs.items() if k in ("width", "height")}
        return embed(url.strip() if url else "", size, ctx, True)

    return do_shortcodes(content, {"embed": handle})
