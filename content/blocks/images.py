"""Images of the media library in content (class="wp-image-<id>"), as wp_filter_content_tags()
completes them: the width and height of the file the src names when the tag has none, and
srcset/sizes from the attachment's other sizes. The attachments of the whole page are read at
once."""

from __future__ import annotations

import posixpath
import re
from typing import Any

from content.blocks.context import RenderContext
from content.blocks.media import file_url
from content.blocks.util import esc_attr
from content.formatting import filter_content_tags
from content.media import images

WP_IMAGE = re.compile(r"wp-image-([0-9]+)", re.I)
IMG = re.compile(r"<img\s[^>]+>", re.I)
SRC = re.compile(r'src="([^"]+)"')


def has_library_images(content: str) -> bool:
    return "wp-image-" in content and "<img" in content


def _attachments(ctx: RenderContext, extra: set[int]) -> dict[int, Any]:
    from content.models import Post

    wanted = set(extra)
    for content in ctx.contents():
        if has_library_images(content):
            wanted.update(int(n) for n in WP_IMAGE.findall(content))
    if not wanted:
        return {}
    return Post.objects.filter(pk__in=wanted, type="attachment").in_bulk()


def _dimensions(src: str, details: dict[str, Any]) -> tuple[int, int] | None:
    """wp_image_src_get_dimensions(): the size of the file the src names."""
    name = posixpath.basename(src)
    if posixpath.basename(str(details.get("file") or "")) == name:
        return int(details.get("width") or 0), int(details.get("height") or 0)
    for size in (details.get("sizes") or {}).values():
        if size.get("file") == name:
            return int(size.get("width") or 0), int(size.get("height") or 0)
    return None


def _complete(tag: str, attachment: Any, site: str) -> str:
    details = attachment.media_details if isinstance(attachment.media_details, dict) else {}
    found = SRC.search(tag)
    src = found.group(1).split("?", 1)[0] if found else ""
    if not src:
        return tag
    if " width=" not in tag and " height=" not in tag:
        size = _dimensions(src, details)
        if size:
            tag = tag.replace("<img", f'<img width="{size[0]}" height="{size[1]}"', 1)
    if " srcset=" in tag or not details.get("sizes"):
        return tag
    width = re.search(r' width="([0-9]+)"', tag)
    height = re.search(r' height="([0-9]+)"', tag)
    if width and height:
        size = (int(width.group(1)), int(height.group(1)))
    else:
        size = _dimensions(src, details)
        if not size:
            return tag
    if _dimensions(src, details) is None:  # the src is not one of the attachment's files
        return tag
    srcset = images.srcset(details, lambda name: file_url(attachment, site, name), src, *size)
    if not srcset:
        return tag
    sizes = "" if " sizes=" in tag else f' sizes="(max-width: {size[0]}px) 100vw, {size[0]}px"'
    return re.sub(
        r"<img ([^>]+?)[/ ]*>",
        lambda m: f'<img {m.group(1)} srcset="{esc_attr(srcset)}"{sizes} />',
        tag,
    )


def content_tags(content: str, ctx: RenderContext) -> str:
    """wp_filter_content_tags() with the media library's images completed."""
    if has_library_images(content):
        ids = {int(n) for n in WP_IMAGE.findall(content)}
        found = ctx.load("content-images", lambda: _attachments(ctx, ids))
        missing = ids - set(found)
        if missing:
            found.update(
                ctx.load(("content-images", frozenset(missing)), lambda: _attachments(ctx, missing))
            )

        def complete(match: re.Match) -> str:
            tag = match.group(0)
            number = WP_IMAGE.search(tag)
            attachment = found.get(int(number.group(1))) if number else None
            return _complete(tag, attachment, ctx.site) if attachment is not None else tag

        content = IMG.sub(complete, content)
    return filter_content_tags(content)
