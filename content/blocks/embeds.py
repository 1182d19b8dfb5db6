"""Blocks that render other content: the shortcode block (its text with paragraphs) and the
reusable block (the referenced wp_block's blocks, loaded for the whole page at once)."""

from __future__ import annotations

import re
from typing import Any

from content.blocks.context import RenderContext
from content.blocks.parser import Block
from content.blocks.render import do_blocks, renders
from content.formatting import wpautop

BLOCK_REF = re.compile(r"<!--\s+wp:(?:core/)?block\s+(\{[^}]*\})")


@renders("core/shortcode")
def shortcode_block(attrs: dict[str, Any], content: str, block: Block, ctx: RenderContext) -> str:
    """render_block_core_shortcode(): the text gets paragraphs; do_shortcode runs later."""
    return wpautop(content)


def _reusable_blocks(ctx: RenderContext) -> dict[int, Any]:
    """Every wp_block the page's posts reference, in one query."""
    import json

    from content.models import Post

    refs: set[int] = set()
    for content in ctx.contents():
        for raw in BLOCK_REF.findall(content):
            try:
                ref = json.loads(raw).get("ref")
            except ValueError:
                continue
            if isinstance(ref, int | float):
                refs.add(int(ref))
    if not refs:
        return {}
    return Post.objects.filter(pk__in=refs, type="wp_block").in_bulk()


@renders("core/block")
def reusable_block(attrs: dict[str, Any], content: str, block: Block, ctx: RenderContext) -> str:
    """render_block_core_block(): a published, unprotected reusable block's content, once per
    nesting (a block that includes itself renders nothing the second time)."""
    ref = attrs.get("ref")
    if not isinstance(ref, int | float):
        return ""
    found = ctx.load("reusable-blocks", lambda: _reusable_blocks(ctx))
    if int(ref) not in found:
        # a reference not seen when the page was scanned (a block inside a reusable block)
        from content.models import Post

        found[int(ref)] = Post.objects.filter(pk=int(ref), type="wp_block").first()
    reusable = found.get(int(ref))
    if reusable is None or reusable.status != "publish" or reusable.password:
        return ""
    seen: set[int] = ctx.load("reusable-seen", set)
    if reusable.pk in seen:
        return ""
    seen.add(reusable.pk)
    try:
        return do_blocks(reusable.content, ctx)
    finally:
        seen.discard(reusable.pk)
