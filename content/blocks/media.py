"""Attachment markup the renderers share: wp_get_attachment_image() and the file URLs of an
attachment's sizes, from the stored metadata (no query)."""

from __future__ import annotations

import posixpath
from typing import Any

from content.blocks.util import esc_attr
from content.media import images
from content.media.services import absolute_file_url


def file_url(attachment: Any, site: str, name: str | None = None) -> str:
    """The URL of the attached file, or of a sibling file (a sub-size) next to it."""
    if not attachment.file:
        return ""
    stored = attachment.file.name
    if name:
        stored = posixpath.join(posixpath.dirname(stored), posixpath.basename(name))
    return absolute_file_url(stored, site)


def is_image(attachment: Any) -> bool:
    return str(attachment.mime_type or "").startswith("image/")


def image_src(attachment: Any, size: str, site: str) -> tuple[str, int, int]:
    """wp_get_attachment_image_src(): the URL, width and height of a size (the full file when
    the size was not made)."""
    details = attachment.media_details if isinstance(attachment.media_details, dict) else {}
    file, width, height = images.downsize(details, size)
    return (file_url(attachment, site, file) if file else file_url(attachment, site)), width, height


def attachment_image(
    attachment: Any, size: str, site: str, extra: dict[str, str] | None = None
) -> str:
    """wp_get_attachment_image(): <img> with the size's class, alt text, decoding and lazy
    loading, the given attributes, then srcset/sizes when other sizes share the ratio."""
    if not is_image(attachment):
        return ""
    details = attachment.media_details if isinstance(attachment.media_details, dict) else {}
    src, width, height = image_src(attachment, size, site)
    attrs: dict[str, str] = {
        "src": src,
        "class": f"attachment-{size} size-{size}",
        "alt": attachment.alt_text.strip(),
        "decoding": "async",
        "loading": "lazy",
    }
    for key, value in (extra or {}).items():
        attrs[key] = f"{attrs[key]} {value}" if key == "class" and value else value
    srcset = images.srcset(
        details, lambda name: file_url(attachment, site, name), src, width, height
    )
    if srcset:
        attrs["srcset"] = srcset
        attrs["sizes"] = f"(max-width: {width}px) 100vw, {width}px"
    size_attrs = f'width="{width}" height="{height}" ' if width and height else ""
    rest = " ".join(f'{key}="{esc_attr(value)}"' for key, value in attrs.items())
    return f"<img {size_attrs}{rest} />"
