"""The feed and sitemap addresses WordPress answers: /feed/ (and /feed/atom/), /comments/feed/,
/category/<path>/feed/, /tag/<slug>/feed/, /author/<name>/feed/, /<post>/feed/, ?feed=...
on the home URL, and /wp-sitemap.xml with its sub-sitemaps and stylesheets."""

from __future__ import annotations

import hashlib
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from content.blocks.context import RenderContext
from content.blocks.util import esc_html
from content.feeds import sitemaps
from content.feeds.feeds import (
    Feed,
    atom,
    build_date,
    comments_atom,
    comments_rss2,
    load_feed_data,
    rss2,
    self_link,
)
from content.formatting import capital_p_dangit, wptexturize
from wpapi.links import site_url
from wpapi.site import get_option

CONTENT_TYPES = {"rss2": "application/rss+xml", "atom": "application/atom+xml"}


def document_title(*parts: str) -> str:
    """wp_get_document_title(): the parts joined by an en dash, texturized and escaped."""
    text = " &#8211; ".join(part for part in parts if part)
    return capital_p_dangit(esc_html(wptexturize(text)))


def site_title() -> str:
    return str(get_option("title") or "")


def posts_per_feed() -> int:
    try:
        return max(int(get_option("posts_per_rss") or 10), 1)
    except (TypeError, ValueError):
        return 10


def _published_posts(**filters: Any) -> list[Any]:
    """The newest published posts (sticky ones are not moved up in feeds: a feed is not the
    home page)."""
    from content.queries import PostQuery, query_posts

    query = PostQuery(post_type=["post"], post_status=["publish"], **filters)
    return list(query_posts(None, query).select_related("author")[: posts_per_feed()])


def _last_modified() -> Any:
    """get_lastpostmodified(): the newest change to a published post of any public type."""
    from content.feeds.sitemaps import public_post_types
    from content.queries import posts_anyone_reads

    rows = posts_anyone_reads(public_post_types()).order_by("-modified")
    return rows.values_list("modified", flat=True).first()


def respond(request: HttpRequest, kind: str, feed: Feed, body: str) -> HttpResponse:
    """The feed with WordPress's Last-Modified and ETag, or 304 when the client has it."""
    built = build_date(feed)
    response = HttpResponse(status=200, content_type=f"{CONTENT_TYPES[kind]}; charset=UTF-8")
    if built is not None:
        modified = built.strftime("%a, %d %b %Y %H:%M:%S GMT")
        etag = '"' + hashlib.md5(modified.encode(), usedforsecurity=False).hexdigest() + '"'
        response["Last-Modified"] = modified
        response["ETag"] = etag
        asked_etag = request.headers.get("If-None-Match", "").replace("\\", "")
        asked_since = request.headers.get("If-Modified-Since", "")
        if (asked_etag and asked_etag == etag) or (
            not asked_etag and asked_since and asked_since == modified
        ):
            response.status_code = 304
            return response
    response.content = body.encode()
    return response


def not_found() -> HttpResponse:
    return HttpResponse(
        b"<!doctype html><title>Not Found</title><p>Not Found</p>",
        status=404,
        content_type="text/html; charset=UTF-8",
    )


def _feed(request: HttpRequest, title: str, posts: list[Any]) -> Feed:
    site = site_url(request)
    feed = Feed(site=site, self_link=self_link(request, site), title=title, posts=posts)
    feed.render = RenderContext(site, None, posts)
    feed.last_modified = _last_modified()
    load_feed_data(feed)
    return feed


def _posts_feed(request: HttpRequest, kind: str, title: str, posts: list[Any]) -> HttpResponse:
    feed = _feed(request, title, posts)
    return respond(request, kind, feed, atom(feed) if kind == "atom" else rss2(feed))


# --- posts feeds --------------------------------------------------------------------------------
@csrf_exempt
def posts_feed(request: HttpRequest, kind: str | None = None) -> HttpResponse:
    return _posts_feed(request, kind or "rss2", document_title(site_title()), _published_posts())


def _term(taxonomy: str, path: str) -> Any:
    from taxonomy.models import Term

    slugs = [slug for slug in path.strip("/").split("/") if slug]
    if not slugs:
        return None
    for term in Term.objects.filter(taxonomy=taxonomy, slug=slugs[-1]).select_related("parent"):
        chain, parent = [], term.parent
        while parent is not None and len(chain) < 50:
            chain.insert(0, parent.slug)
            parent = parent.parent
        if len(slugs) == 1 or chain == slugs[:-1]:
            return term
    return None


@csrf_exempt
def term_feed(
    request: HttpRequest, path: str, taxonomy: str, kind: str | None = None
) -> HttpResponse:
    from content.queries import term_families

    term = _term(taxonomy, path)
    if term is None:
        return _posts_feed(request, kind or "rss2", document_title(site_title()), [])
    # a category feed includes its child categories' posts, as a category archive does
    families = term_families([term.pk], include_children=taxonomy == "category")
    posts = _published_posts(tax_query=[(taxonomy, families, "IN")])
    return _posts_feed(request, kind or "rss2", document_title(term.name, site_title()), posts)


@csrf_exempt
def author_feed(request: HttpRequest, nicename: str, kind: str | None = None) -> HttpResponse:
    from users.models import User

    author = User.objects.filter(nicename=nicename).first()
    if author is None:
        return _posts_feed(request, kind or "rss2", document_title(site_title()), [])
    posts = _published_posts(author__in=[author.pk])
    title = document_title(author.display_name, site_title())
    return _posts_feed(request, kind or "rss2", title, posts)


# --- comments feeds -----------------------------------------------------------------------------
def _comments(post: Any = None) -> list[Any]:
    from comments.models import Comment
    from content.queries import readable_q, rest_post_types

    rows = Comment.objects.filter(status=Comment.Status.APPROVED).filter(
        readable_q(None, rest_post_types(), ["publish"], prefix="post__")
    )
    if post is not None:
        rows = rows.filter(post=post)
    rows = rows.select_related("post", "user").order_by("-date", "-id")
    return list(rows[: posts_per_feed()])


def _comments_feed(request: HttpRequest, kind: str, post: Any = None) -> HttpResponse:
    from content.blocks.lists import post_title

    site = site_url(request)
    comments = _comments(post)
    if post is not None:
        title = f"Comments on: {post_title(post)}"
        posts = [post]
    else:
        title = f"Comments for {document_title(site_title())}"
        posts = list({comment.post_id: comment.post for comment in comments}.values())
    feed = Feed(site=site, self_link=self_link(request, site), title=title, comments=comments)
    feed.posts, feed.post = posts, post
    feed.last_modified = _last_modified()
    load_feed_data(feed)
    body = comments_atom(feed) if kind == "atom" else comments_rss2(feed)
    return respond(request, kind, feed, body)


@csrf_exempt
def comments_feed(request: HttpRequest, kind: str | None = None) -> HttpResponse:
    return _comments_feed(request, kind or "rss2")


@csrf_exempt
def post_comments_feed(request: HttpRequest, path: str, kind: str | None = None) -> HttpResponse:
    """/<post>/feed/: the comments of one published post."""
    from content.oembed.local import url_to_post

    site = site_url(request)
    post = url_to_post(f"{site}/{path.strip('/')}/", site)
    if post is None or post.status != "publish" or post.type in ("attachment", "wp_block"):
        return not_found()
    return _comments_feed(request, kind or "rss2", post)


# --- ?feed= on the home URL ---------------------------------------------------------------------
FEED_PARAMS = {
    "rss2": ("posts", "rss2"),
    "feed": ("posts", "rss2"),
    "atom": ("posts", "atom"),
    "comments-rss2": ("comments", "rss2"),
    "comments-atom": ("comments", "atom"),
}


def query_feed(request: HttpRequest) -> HttpResponse | None:
    """The feed `?feed=` names (with cat, tag, author or p), or None when there is none."""
    from content.models import Post
    from taxonomy.models import Term

    wanted = FEED_PARAMS.get(request.GET.get("feed", ""))
    if wanted is None:
        return None
    what, kind = wanted
    params = request.GET
    post_id = params.get("p") or params.get("page_id")
    if post_id and post_id.isdigit():
        post = Post.objects.filter(pk=int(post_id), status="publish").first()
        return _comments_feed(request, kind, post) if post else not_found()
    if what == "comments":
        return _comments_feed(request, kind)
    if params.get("cat", "").isdigit():
        term = Term.objects.filter(pk=int(params["cat"]), taxonomy="category").first()
        return term_feed(request, term.slug if term else "", "category", kind)
    if params.get("tag"):
        return term_feed(request, params["tag"], "post_tag", kind)
    if params.get("author", "").isdigit():
        from users.models import User

        author = User.objects.filter(pk=int(params["author"])).first()
        return author_feed(request, author.nicename if author else "", kind)
    return posts_feed(request, kind)


def home_or_feed(home_view: Any) -> Any:
    """The home URL's view, answering ?feed= itself."""

    @csrf_exempt
    def view(request: HttpRequest) -> HttpResponse:
        if "feed" in request.GET and "rest_route" not in request.GET:
            response = query_feed(request)
            if response is not None:
                return response
        return home_view(request)

    return view


# --- sitemaps -----------------------------------------------------------------------------------
def _xml(body: str) -> HttpResponse:
    return HttpResponse(body.encode(), content_type="application/xml; charset=UTF-8")


def sitemap_index(request: HttpRequest) -> HttpResponse:
    site = site_url(request)
    return _xml(sitemaps.index_xml(site, sitemaps.sitemap_index(site)))


def sitemap_page(request: HttpRequest, provider: str, page: str, subtype: str = "") -> HttpResponse:
    site = site_url(request)
    number = int(page)
    if number < 1:
        return not_found()
    if provider == "posts":
        urls = sitemaps.post_urls(site, subtype, number)
    elif provider == "taxonomies":
        urls = sitemaps.term_urls(site, subtype, number)
    else:
        urls = sitemaps.user_urls(site, number)
    if not urls:
        return not_found()
    return _xml(sitemaps.urlset_xml(site, urls))


def sitemap_stylesheet(request: HttpRequest, index: str | None = None) -> HttpResponse:
    return HttpResponse(
        sitemaps.stylesheet(bool(index)).encode(), content_type="application/xml; charset=UTF-8"
    )
