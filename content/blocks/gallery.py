"""The gallery and image blocks' server-side touches: a gallery gets its own
`wp-block-gallery-<n>` class, and the images inside a gallery carry their attachment's
`data-id` (block_core_gallery_render, render_block_core_image)."""

from __future__ import annotations

import re
from typing import Any

from content.blocks.context import RenderContext
from content.blocks.parser import Block
from content.blocks.render import prepares, renders
from content.blocks.util import esc_attr


@prepares("core/gallery")
def gallery_data_ids(block: Block) -> None:
    """block_core_gallery_data_id_backcompatibility(): inner images get data-id from id."""
    for inner in block.inner_blocks:
        if inner.name == "core/image" and "data-id" not in inner.attrs and "id" in inner.attrs:
            inner.attrs["data-id"] = esc_attr(str(inner.attrs["id"]))


@renders("core/gallery")
def gallery_block(attrs: dict[str, Any], content: str, block: Block, ctx: RenderContext) -> str:
    unique = ctx.unique_id("wp-block-gallery-")
    return re.sub(r'class="', f'class="{unique} ', content, count=1)


@renders("core/image")
def image_block(attrs: dict[str, Any], content: str, block: Block, ctx: RenderContext) -> str:
    if "data-id" in attrs:
        data_id = f'data-id="{esc_attr(str(attrs["data-id"]))}"'
        if data_id not in content:
            content = content.replace("<img", f"<img {data_id} ")
    return content
