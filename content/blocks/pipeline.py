"""the_content for content WordPress renders partly on the server, in WordPress's filter order:
[embed] and autoembed (priority 8), do_blocks (9), wptexturize, wpautop (classic content only),
shortcode_unautop and the image attributes (10), capital_P_dangit and the shortcodes (11),
smilies (20). Static content keeps the cached path in content.formatting.
"""

from __future__ import annotations

from typing import Any

from content.blocks.context import RenderContext
from content.blocks.images import content_tags, has_library_images
from content.blocks.render import do_blocks, has_dynamic_blocks
from content.blocks.shortcodes import (
    do_media_shortcodes,
    has_media_shortcodes,
    run_embed_shortcodes,
    shortcode_unautop,
)
from content.formatting import (
    capital_p_dangit,
    convert_smilies,
    do_shortcodes,
    has_blocks,
    wpautop,
    wptexturize,
)
from content.oembed.consumer import autoembed, could_autoembed


def needs_server_rendering(content: str, site: str) -> bool:
    """Whether `content` holds a dynamic block, a media shortcode or a URL to embed."""
    if not content:
        return False
    return (
        has_dynamic_blocks(content)
        or has_media_shortcodes(content)
        or has_library_images(content)
        or could_autoembed(content, site)
    )


def render_dynamic_content(
    content: str, site: str, smilies: bool, ctx: RenderContext | None, post: Any = None
) -> str:
    ctx = ctx if ctx is not None else RenderContext(site, posts=[post] if post is not None else [])
    previous = ctx.post
    if post is not None:
        ctx.post = post
    try:
        content = run_embed_shortcodes(content, ctx)
        content = autoembed(content, ctx)
        blocks = has_blocks(content)
        if blocks:
            content = do_blocks(content, ctx)
        content = wptexturize(content)
        late_autop = ctx.autop_moved
        if not blocks and not late_autop:
            content = wpautop(content)
        content = shortcode_unautop(content)
        content = content_tags(content, ctx)
        if not blocks and late_autop:
            content = wpautop(content)
        if blocks:
            ctx.autop_moved = True
        content = capital_p_dangit(content)
        content = do_shortcodes(content)
        content = do_media_shortcodes(content, ctx)
        return convert_smilies(content, site) if smilies else content
    finally:
        ctx.post = previous


def render_post_content(post: Any, ctx: RenderContext) -> str:
    """A post's content.rendered within the request's context."""
    from content.formatting import render_content

    return render_content(post.content, ctx.site, ctx, post)
