"""Latest posts, latest comments and the page list, rendered from our data.

Latest posts reads published posts through the project's WP_Query (content.queries), as the
block's own get_posts() call sees them; latest comments reads approved comments on published
posts; the page list every published page. Each loads once per request and configuration
(RenderContext.load), with the authors, featured images and page ancestors it shows.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from content.blocks.context import RenderContext
from content.blocks.media import attachment_image
from content.blocks.parser import Block
from content.blocks.render import renders
from content.blocks.supports import wrapper_attributes
from content.blocks.util import (
    decode_entities,
    esc_attr,
    esc_html,
    esc_url,
    iso_date,
    local,
    site_date,
)
from content.formatting import generated_excerpt, kses_post, render_title, trim_words, wpautop
from content.permalinks import load_ancestors, post_permalink
from wpapi.site import get_option

PASSWORD_TEXT = "This content is password protected."


def _int(value: Any, default: int = 0) -> int:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return default


def post_title(post: Any) -> str:
    """get_the_title(): "Protected: " / "Private: " prefixes, then the_title's filters."""
    title = post.title
    if post.password:
        title = f"Protected: {title}"
    elif post.status == "private":
        title = f"Private: {title}"
    return render_title(title)


# --- latest posts -------------------------------------------------------------------------------
def _latest_posts(attrs: dict[str, Any]) -> tuple[list[Any], dict[int, Any], dict[int, Any]]:
    from content.models import Post
    from content.queries import PostQuery, query_posts
    from users.models import User

    query = PostQuery(
        post_type=["post"],
        post_status=["publish"],
        order="asc" if str(attrs.get("order")).lower() == "asc" else "desc",
        orderby=str(attrs.get("orderBy") or "date"),
    )
    categories = attrs.get("categories")
    if isinstance(categories, list):
        ids = [_int(item.get("id")) for item in categories if isinstance(item, dict)]
        query.tax_query = [("category", [set(ids)], "IN")] if ids else []
    if attrs.get("selectedAuthor") not in (None, ""):
        query.author__in = [_int(attrs["selectedAuthor"])]
    count = max(_int(attrs.get("postsToShow"), 5), 0)
    posts = list(query_posts(None, query)[:count]) if count else []
    images: dict[int, Any] = {}
    if attrs.get("displayFeaturedImage"):
        ids = [post.featured_media_id for post in posts if post.featured_media_id]
        images = Post.objects.in_bulk(ids) if ids else {}
    authors: dict[int, Any] = {}
    if attrs.get("displayAuthor"):
        ids = {post.author_id for post in posts if post.author_id}
        authors = User.objects.in_bulk(ids) if ids else {}
    return posts, images, authors


def _key(name: str, attrs: dict[str, Any]) -> tuple[str, str]:
    digest = hashlib.sha1(
        json.dumps(attrs, sort_keys=True, default=str).encode(), usedforsecurity=False
    ).hexdigest()
    return name, digest


@renders("core/latest-posts")
def latest_posts(attrs: dict[str, Any], content: str, block: Block, ctx: RenderContext) -> str:
    query_keys = ("categories", "selectedAuthor", "postsToShow", "order", "orderBy")
    wanted = {key: attrs.get(key) for key in query_keys}
    wanted["images"] = bool(attrs.get("displayFeaturedImage"))
    wanted["authors"] = bool(attrs.get("displayAuthor"))
    posts, images, authors = ctx.load(_key("latest-posts", wanted), lambda: _latest_posts(attrs))
    items = []
    for post in posts:
        link = post_permalink(ctx.site, post, {})
        title = post_title(post) or "(no title)"
        item = "<li>"
        image = images.get(post.featured_media_id) if post.featured_media_id else None
        if attrs.get("displayFeaturedImage") and image is not None:
            style = ""
            if attrs.get("featuredImageSizeWidth") is not None:
                style += f"max-width:{attrs['featuredImageSizeWidth']}px;"
            if attrs.get("featuredImageSizeHeight") is not None:
                style += f"max-height:{attrs['featuredImageSizeHeight']}px;"
            classes = "wp-block-latest-posts__featured-image"
            if attrs.get("featuredImageAlign"):
                classes += f" align{attrs['featuredImageAlign']}"
            size = str(attrs.get("featuredImageSizeSlug") or "thumbnail")
            markup = attachment_image(
                image, size, ctx.site, {"class": "wp-post-image", "style": style}
            )
            if attrs.get("addLinkToFeaturedImage"):
                markup = f'<a href="{esc_url(link)}" aria-label="{esc_attr(title)}">{markup}</a>'
            item += f'<div class="{esc_attr(classes)}">{markup}</div>'
        item += f'<a class="wp-block-latest-posts__post-title" href="{esc_url(link)}">{title}</a>'
        if attrs.get("displayAuthor"):
            author = authors.get(post.author_id)
            name = author.display_name if author is not None else ""
            if name:
                item += f'<div class="wp-block-latest-posts__post-author">by {name}</div>'
        if attrs.get("displayPostDate"):
            item += (
                f'<time datetime="{esc_attr(iso_date(local(post.date)))}" '
                f'class="wp-block-latest-posts__post-date">{site_date(post.date)}</time>'
            )
        show = attrs.get("displayPostContent")
        mode = attrs.get("displayPostContentRadio")
        if show and mode == "excerpt":
            if post.password:
                excerpt = PASSWORD_TEXT
            elif post.excerpt:
                excerpt = post.excerpt
            else:
                excerpt = generated_excerpt(post.content, _int(attrs.get("excerptLength"), 55))
            item += f'<div class="wp-block-latest-posts__post-excerpt">{excerpt}</div>'
        if show and mode == "full_post":
            body = PASSWORD_TEXT if post.password else decode_entities(post.content)
            item += f'<div class="wp-block-latest-posts__post-full-content">{kses_post(body)}</div>'
        items.append(item + "</li>\n")
    classes = "wp-block-latest-posts__list"
    if attrs.get("postLayout") == "grid":
        classes += " is-grid"
        if attrs.get("columns") is not None:
            classes += f" columns-{attrs['columns']}"
    if attrs.get("displayPostDate"):
        classes += " has-dates"
    if attrs.get("displayAuthor"):
        classes += " has-author"
    wrapper = wrapper_attributes("core/latest-posts", attrs, {"class": classes})
    return f"<ul {wrapper}>{''.join(items)}</ul>"


# --- latest comments ----------------------------------------------------------------------------
def _latest_comments(count: int) -> tuple[list[Any], dict[int, tuple[str, int | None]]]:
    from comments.models import Comment
    from content.queries import readable_q, rest_post_types

    # approved comments on posts anyone may read (password-protected ones too, as the block
    # lists them: it shows only their titles)
    on_public_posts = readable_q(None, rest_post_types(), ["publish"], prefix="post__")
    found = list(
        Comment.objects.filter(on_public_posts, status=Comment.Status.APPROVED)
        .select_related("post", "user")
        .order_by("-date", "-id")[:count]
    )
    return found, load_ancestors([comment.post for comment in found])


def comment_author(comment: Any) -> str:
    """get_comment_author(): the name given, else the user's display name, else Anonymous."""
    if comment.author_name:
        return comment.author_name
    if comment.user is not None:
        return comment.user.display_name
    return "Anonymous"


def comment_avatar(comment: Any, size: int, classes: str, secure: bool) -> str:
    """get_avatar() for a comment: Gravatar of the user's (else the author's) email; none for
    pingbacks and trackbacks."""
    if comment.type not in ("comment", ""):
        return ""
    email = comment.user.email if comment.user is not None else comment.author_email
    digest = hashlib.md5(email.strip().lower().encode(), usedforsecurity=False).hexdigest()
    host = (
        "https://secure.gravatar.com" if secure else f"http://{int(digest[0], 16) % 3}.gravatar.com"
    )
    url = f"{host}/avatar/{digest}?s={size}&#038;d=mm&#038;r=g"
    url2x = f"{host}/avatar/{digest}?s={size * 2}&#038;d=mm&#038;r=g"
    return (
        f"<img alt='' src='{url}' srcset='{url2x} 2x' class='avatar avatar-{size} photo "
        f"{classes}' height='{size}' width='{size}' loading='lazy' decoding='async'/>"
    )


def comment_excerpt(comment: Any) -> str:
    """get_comment_excerpt(): 20 words of the text, tags removed ("Password protected" on a
    password-protected post)."""
    if comment.post.password:
        return "Password protected"
    text = comment.content.replace("\n", " ").replace("\r", " ")
    return trim_words(text, 20, "&hellip;")


@renders("core/latest-comments")
def latest_comments(attrs: dict[str, Any], content: str, block: Block, ctx: RenderContext) -> str:
    count = max(_int(attrs.get("commentsToShow"), 5), 0)
    found, ancestors = (
        ctx.load(("latest-comments", count), lambda: _latest_comments(count)) if count else ([], {})
    )
    secure = ctx.site.startswith("https:")
    items = []
    for comment in found:
        item = '<li class="wp-block-latest-comments__comment">'
        if attrs.get("displayAvatar"):
            item += comment_avatar(comment, 48, "wp-block-latest-comments__comment-avatar", secure)
        item += '<article><footer class="wp-block-latest-comments__comment-meta">'
        url = "" if comment.author_url == "http://" else comment.author_url
        if not url and comment.user is not None:
            url = f"{ctx.site}/author/{comment.user.nicename}/"
        name = comment_author(comment)
        if url:
            author = (
                f'<a class="wp-block-latest-comments__comment-author" href="{esc_url(url)}">'
                f"{name}</a>"
            )
        else:
            author = f'<span class="wp-block-latest-comments__comment-author">{name}</span>'
        post = comment.post
        link = post_permalink(ctx.site, post, ancestors) + (f"#comment-{comment.pk}")
        title = esc_html(post_title(post) or "(no title)")
        item += (
            f'{author} on <a class="wp-block-latest-comments__comment-link" '
            f'href="{esc_url(link)}">{title}</a>'
        )
        if attrs.get("displayDate"):
            item += (
                f'<time datetime="{esc_attr(iso_date(local(comment.date)))}" '
                f'class="wp-block-latest-comments__comment-date">{site_date(comment.date)}</time>'
            )
        item += "</footer>"
        if attrs.get("displayExcerpt"):
            item += (
                '<div class="wp-block-latest-comments__comment-excerpt">'
                f"{wpautop(comment_excerpt(comment))}</div>"
            )
        items.append(item + "</article></li>")
    classes = [
        name
        for name, on in (
            ("has-avatars", attrs.get("displayAvatar")),
            ("has-dates", attrs.get("displayDate")),
            ("has-excerpts", attrs.get("displayExcerpt")),
            ("no-comments", not found),
        )
        if on
    ]
    wrapper = wrapper_attributes("core/latest-comments", attrs, {"class": " ".join(classes)})
    if not found:
        return f"<div {wrapper}>No comments to show.</div>"
    return f"<ol {wrapper}>{''.join(items)}</ol>"


# --- page list ----------------------------------------------------------------------------------
def _pages() -> tuple[list[Any], dict[int, tuple[str, int | None]]]:
    from django.db.models.functions import Lower

    from content.models import Post

    pages = list(
        Post.objects.filter(type="page", status="publish").order_by("menu_order", Lower("title"))
    )
    return pages, load_ancestors(pages)


@renders("core/page-list")
def page_list(attrs: dict[str, Any], content: str, block: Block, ctx: RenderContext) -> str:
    pages, ancestors = ctx.load("page-list", _pages)
    if not pages:
        return ""
    current = getattr(ctx.post, "pk", None)
    children: dict[int, list[Any]] = {}
    top: list[Any] = []
    active_ancestors: list[int] = []
    for page in pages:
        if page.pk == current:
            parent = page.parent_id
            while parent and parent not in active_ancestors:
                active_ancestors.append(parent)
                parent = ancestors.get(parent, ("", None))[1]
        if page.parent_id:
            children.setdefault(page.parent_id, []).append(page)
        else:
            top.append(page)
    front = _int(get_option("page_on_front"))

    def render(level: list[Any], depth: int) -> str:
        markup = ""
        for page in level:
            active = page.pk == current
            css = " current-menu-item" if active else ""
            aria = ' aria-current="page"' if active else ""
            if page.pk in active_ancestors:
                css += " current-menu-ancestor"
            kids = children.get(page.pk)
            if kids:
                css += " has-child"
            if depth == 1:
                css += " "  # the overlay colour classes, empty outside a navigation block
            if page.pk == front:
                css += " menu-item-home"
            link = post_permalink(ctx.site, page, ancestors)
            markup += (
                f'<li class="wp-block-pages-list__item{esc_attr(css)}">'
                f'<a class="wp-block-pages-list__item__link" href="{esc_url(link)}"{aria}>'
                f"{kses_post(page.title)}</a>"
            )
            if kids:
                markup += f'<ul class="submenu-container">{render(kids, depth + 1)}</ul>'
            markup += "</li>"
        return markup

    wrapper = wrapper_attributes("core/page-list", attrs, {})
    return f"<ul {wrapper}>{render(top, 0)}</ul>"
