"""Feeds (RSS 2.0, Atom, comments) and the core sitemaps, byte for byte as WordPress 6.1
serves them for the same site (tests/fixtures/wordpress/feeds/)."""

from datetime import UTC, datetime

import pytest

from tests import wordpress_scenario as scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(monkeypatch):
    from content.blocks import archives

    captured = datetime.fromisoformat(scenario.manifest()["now"]).replace(tzinfo=UTC)
    monkeypatch.setattr(archives, "now", lambda: captured)
    return scenario.build()


FEEDS = {
    "rss2.xml": "/feed/",
    "atom.xml": "/feed/atom/",
    "comments-rss2.xml": "/comments/feed/",
    "comments-atom.xml": "/comments/feed/atom/",
    "category-news.xml": "/category/news/feed/",
    "tag-alpha.xml": "/tag/alpha/feed/",
    "author-rita.xml": "/author/rita/feed/",
    "post-comments.xml": "/betas-quoted-post/feed/",
    "sitemap-index.xml": "/wp-sitemap.xml",
    "sitemap-posts.xml": "/wp-sitemap-posts-post-1.xml",
    "sitemap-pages.xml": "/wp-sitemap-posts-page-1.xml",
    "sitemap-categories.xml": "/wp-sitemap-taxonomies-category-1.xml",
    "sitemap-tags.xml": "/wp-sitemap-taxonomies-post_tag-1.xml",
    "sitemap-users.xml": "/wp-sitemap-users-1.xml",
}


@pytest.mark.parametrize("name", list(FEEDS))
def test_served_as_wordpress(client, site, name):
    response = client.get(FEEDS[name])
    status, content_type = scenario.manifest()["feeds"][name].split(" ", 1)
    assert response.status_code == int(status)
    assert response["Content-Type"] == content_type
    assert response.content.decode() == scenario.fixture(f"feeds/{name}")


def test_query_string_feeds_are_the_same_feeds(client, site):
    def body(url):
        return client.get(url).content.decode().split("<lastBuildDate>", 1)[1]

    assert body("/?feed=rss2") == body("/feed/")
    assert body(f"/?feed=rss2&cat={site['news'].pk}") == body("/category/news/feed/")
    assert body("/?feed=comments-rss2") == body("/comments/feed/")
    assert body(f"/?feed=rss2&p={site['beta'].pk}") == body("/betas-quoted-post/feed/")
    atom = client.get("/?feed=atom")
    assert atom["Content-Type"] == "application/atom+xml; charset=UTF-8"
    # without ?feed= the home URL is still the API's front door
    assert client.get("/?rest_route=/").status_code == 200


def test_feeds_show_only_what_anyone_may_read(client, site):
    from content.models import Post

    Post.objects.filter(pk=site["beta"].pk).update(status="private")
    Post.objects.filter(pk=site["gamma"].pk).update(status="draft")
    body = client.get("/feed/").content.decode()
    assert "betas-quoted-post" not in body
    assert "Gamma post" not in body
    assert "Variant" not in body
    comments = client.get("/comments/feed/").content.decode()
    assert "Rita Render" not in comments  # her comment is on the now private post
    assert client.get("/betas-quoted-post/feed/").status_code == 404
    assert client.get("/nope/feed/").status_code == 404


def test_feed_answers_304_to_a_client_that_has_it(client, site):
    first = client.get("/feed/")
    again = client.get("/feed/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    newest = datetime.fromisoformat(scenario.manifest()["modified"]["gamma"])
    assert first["Last-Modified"] == newest.strftime("%a, %d %b %Y %H:%M:%S GMT")


def test_sitemaps_that_do_not_exist_are_404(client, site):
    for url in (
        "/wp-sitemap-posts-post-2.xml",
        "/wp-sitemap-posts-wp_block-1.xml",
        "/wp-sitemap-posts-nope-1.xml",
        "/wp-sitemap-taxonomies-nope-1.xml",
        "/wp-sitemap-users-2.xml",
        "/wp-sitemap-users-0.xml",
    ):
        assert client.get(url).status_code == 404, url


def test_sitemap_index_lists_only_providers_with_urls(client, db):
    from tests.factories import PostFactory

    PostFactory(status="publish", slug="only-post")
    body = client.get("/wp-sitemap.xml").content.decode()
    assert "wp-sitemap-posts-post-1.xml" in body
    assert "wp-sitemap-taxonomies-post_tag" not in body  # no tag has posts
    assert "wp-sitemap-posts-page-1.xml" in body  # the home page is listed with pages


@pytest.mark.parametrize("name", ["wp-sitemap.xsl", "wp-sitemap-index.xsl"])
def test_stylesheets_the_sitemaps_name_are_served(client, db, name):
    response = client.get(f"/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=UTF-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<xsl:stylesheet')


def test_a_feed_of_posts_full_of_dynamic_blocks_costs_the_same_for_1_and_10(client, site):
    from content.models import Post
    from tests.content.test_blocks_rendering import DYNAMIC_PAGE
    from tests.helpers import count_queries

    def make(count):
        Post.objects.filter(title__startswith="Dynamic").delete()
        for index in range(count):
            Post.objects.create(
                type="post",
                status="publish",
                title=f"Dynamic {index}",
                slug=f"dynamic-{index}",
                author=site["admin"],
                content=DYNAMIC_PAGE,
                date=datetime(2026, 12, 4, tzinfo=UTC),
                modified=datetime(2026, 12, 4, tzinfo=UTC),
            )

    make(1)
    client.get("/feed/")
    one = count_queries(lambda: client.get("/feed/"))
    make(10)
    assert count_queries(lambda: client.get("/feed/")) == one
    assert client.get("/feed/").content.decode().count("wp-block-latest-posts__list") == 10


@pytest.mark.parametrize("path", ["/category/nope/feed/", "/category/empty-category/feed/"])
def test_a_feed_with_no_posts_is_built_at_the_site_s_last_change(client, site, path):
    body = client.get(path).content.decode()
    newest = datetime.fromisoformat(scenario.manifest()["modified"]["gamma"])
    assert f"<lastBuildDate>{newest:%a, %d %b %Y %H:%M:%S} +0000</lastBuildDate>" in body
    assert "<item>" not in body
    title = "Empty Category &#8211; WP Reference" if "empty" in path else "WP Reference"
    assert f"<title>{title}</title>" in body


def test_sticky_posts_keep_their_place_in_feeds(client, site):
    """WordPress moves sticky posts up on the home page only, not in its feeds."""
    import re

    from content.models import Post

    Post.objects.filter(pk=site["alpha"].pk).update(sticky=True)
    titles = re.findall(r"<item>\s*<title>([^<]*)</title>", client.get("/feed/").content.decode())
    assert titles[-1] == "Alpha post"
