"""do_blocks(): post content rendered block by block, dynamic blocks by their renderers.

Static blocks are their saved HTML with the comment delimiters removed. Dynamic blocks (those
WordPress renders on the server: latest posts, archives, categories, ...) are rendered from our
data by the functions registered in RENDERERS, with their attributes' defaults filled in as
WP_Block does. A dynamic block we do not render keeps its saved HTML.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from content.blocks.context import RenderContext
from content.blocks.parser import Block, parse_blocks
from content.blocks.types import block_attributes

#: name -> renderer(attributes, inner HTML, block, context) -> HTML
Renderer = Callable[[dict[str, Any], str, Block, RenderContext], str]
RENDERERS: dict[str, Renderer] = {}
#: name -> hook(block) run before the block's inner blocks render (render_block_data)
PREPARERS: dict[str, Callable[[Block], None]] = {}


def renders(name: str) -> Callable[[Renderer], Renderer]:
    def register(function: Renderer) -> Renderer:
        RENDERERS[name] = function
        return function

    return register


_loaded = False


def prepares(name: str) -> Callable[[Callable[[Block], None]], Callable[[Block], None]]:
    def register(function: Callable[[Block], None]) -> Callable[[Block], None]:
        PREPARERS[name] = function
        return function

    return register


def _load_renderers() -> None:
    global _loaded
    if not _loaded:
        # the renderers register themselves on import
        from content.blocks import archives, embeds, gallery, lists, search, terms  # noqa: F401

        _loaded = True


def is_dynamic(name: str) -> bool:
    _load_renderers()
    return name in RENDERERS


DYNAMIC_NAMES: re.Pattern | None = None


def has_dynamic_blocks(content: str) -> bool:
    """Whether `content` holds a block this module renders on the server."""
    global DYNAMIC_NAMES
    if "<!-- wp:" not in content:
        return False
    if DYNAMIC_NAMES is None:
        _load_renderers()
        names = sorted((name.removeprefix("core/") for name in RENDERERS), key=len, reverse=True)
        DYNAMIC_NAMES = re.compile(r"<!--\s+wp:(?:core/)?(?:" + "|".join(names) + r")[\s/]")
    return DYNAMIC_NAMES.search(content) is not None


def with_defaults(name: str, attrs: dict[str, Any]) -> dict[str, Any]:
    """The block's attributes with each declared default filled in (WP_Block's attributes)."""
    filled = dict(attrs)
    for key, schema in block_attributes(name).items():
        if key not in filled and isinstance(schema, dict) and "default" in schema:
            filled[key] = schema["default"]
    return filled


def render_block(block: Block, ctx: RenderContext) -> str:
    """render_block(): a block's HTML, its inner blocks rendered in place."""
    if block.name is None:
        return block.inner_html
    _load_renderers()
    if block.name in PREPARERS:
        PREPARERS[block.name](block)
    inner_blocks = iter(block.inner_blocks)
    parts = []
    for piece in block.inner_content:
        parts.append(piece if piece is not None else render_block(next(inner_blocks), ctx))
    content = "".join(parts)
    if is_dynamic(block.name):
        attrs = with_defaults(block.name, block.attrs)
        content = RENDERERS[block.name](attrs, content, block, ctx) or ""
    if _supports_layout(block.name):
        # the layout support takes a wp-container-<n> id for every such block (its classes
        # and styles come from the theme's settings and are the themes' part)
        ctx.unique_id("wp-container-")
    return content


def _supports_layout(name: str) -> bool:
    from content.blocks.types import get_block_type

    block = get_block_type(name)
    return bool(block and (block.get("supports") or {}).get("__experimentalLayout"))


def do_blocks(content: str, ctx: RenderContext) -> str:
    """Every block of `content` rendered."""
    return "".join(render_block(block, ctx) for block in parse_blocks(content))


def render_one(name: str, attrs: dict[str, Any], ctx: RenderContext) -> str:
    """One dynamic block from its attributes (the block renderer endpoint)."""
    return render_block(Block(name, attrs), ctx)
