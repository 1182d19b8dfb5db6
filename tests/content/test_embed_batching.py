"""`_embed` on a page of posts reads authors, terms and replies for all posts at once, and the
answer is exactly what embedding them one by one gives."""

import pytest

from comments.views import CommentViewSet
from taxonomy.views import TermViewSet
from tests.factories import CommentFactory, PostFactory, TagFactory, TermFactory, UserFactory
from tests.helpers import count_queries
from wpapi.viewsets import WPViewSet

pytestmark = pytest.mark.django_db
URL = "/wp-json/wp/v2/posts"


def make_posts(count, authors, terms):
    posts = [
        PostFactory(author=authors[n % len(authors)], terms=[terms[n % len(terms)]])
        for n in range(count)
    ]
    for number, post in enumerate(posts):
        for reply in range(number % 3):
            CommentFactory(post=post, content=f"Reply {reply}")
    CommentFactory(post=posts[0], status="0", content="held")  # never embedded for visitors
    return posts


@pytest.fixture
def site(db):
    authors = [UserFactory(role="author") for _ in range(3)]
    terms = [TermFactory(), TermFactory(), TagFactory()]
    make_posts(4, authors, terms)
    return authors, terms


@pytest.mark.parametrize("who", [None, "administrator", "subscriber"])
def test_batched_embeds_equal_one_by_one(api_client, site, user_with_role, monkeypatch, who):
    if who:
        api_client.force_authenticate(user_with_role(who))
    batched = api_client.get(URL, {"_embed": "1"}).json()
    monkeypatch.setattr(WPViewSet, "embeds_in_bulk", False)
    monkeypatch.setattr(TermViewSet, "embeds_collections_by", ())
    monkeypatch.setattr(CommentViewSet, "embeds_collections_by", ())
    one_by_one = api_client.get(URL, {"_embed": "1"}).json()
    assert batched == one_by_one
    assert all("author" in post["_embedded"] for post in batched)
    assert all("wp:term" in post["_embedded"] for post in batched)
    assert any("replies" in post["_embedded"] for post in batched)


def test_embedded_authors_and_terms_cost_constant_queries(api_client, site):
    authors, terms = site
    api_client.get(URL, {"_embed": "1", "per_page": 2})
    few = count_queries(lambda: api_client.get(URL, {"_embed": "1", "per_page": 2}))
    make_posts(6, authors, terms)
    many = count_queries(lambda: api_client.get(URL, {"_embed": "1", "per_page": 10}))
    assert many == few


@pytest.fixture
def big_site(db):
    """50 posts and 50 pages, each with an author, terms, comments (threaded), a featured
    image and, for pages, a parent: every embeddable link kind there is."""
    authors = [UserFactory(role="author") for _ in range(5)]
    terms = [TermFactory(), TermFactory(), TagFactory(), TagFactory()]
    parents = [PostFactory(type="page", author=authors[0]) for _ in range(3)]
    for number in range(50):
        image = PostFactory(type="attachment", status="inherit", mime_type="image/png")
        post = PostFactory(
            author=authors[number % 5], terms=terms[number % 2 :: 2], featured_media=image
        )
        first = CommentFactory(post=post)
        CommentFactory(post=post, parent=first)
        PostFactory(
            type="page",
            author=authors[number % 5],
            parent=parents[number % 3],
            featured_media=image,
        )
    return authors


@pytest.mark.parametrize(
    "url",
    [
        "/wp-json/wp/v2/posts",
        "/wp-json/wp/v2/pages",
        "/wp-json/wp/v2/comments",
        "/wp-json/wp/v2/media",
    ],
)
@pytest.mark.parametrize("who", [None, "administrator"])
def test_embed_costs_the_same_for_2_and_50_items(api_client, big_site, user_with_role, url, who):
    if who:
        api_client.force_authenticate(user_with_role(who))
    api_client.get(url, {"_embed": "1", "per_page": 2})  # warm per-process caches
    two = count_queries(lambda: api_client.get(url, {"_embed": "1", "per_page": 2}))
    fifty = count_queries(lambda: api_client.get(url, {"_embed": "1", "per_page": 50}))
    assert fifty == two


@pytest.mark.parametrize("url", ["/wp-json/wp/v2/comments", "/wp-json/wp/v2/media"])
def test_batched_errors_and_children_equal_one_by_one(api_client, big_site, monkeypatch, url):
    # the media's authors have no published posts: anonymous callers get their error objects
    batched = api_client.get(url, {"_embed": "1", "per_page": 50}).json()
    monkeypatch.setattr(WPViewSet, "embeds_in_bulk", False)
    monkeypatch.setattr(CommentViewSet, "embeds_collections_by", ())
    one_by_one = api_client.get(url, {"_embed": "1", "per_page": 50}).json()
    assert batched == one_by_one
    assert any("code" in item["_embedded"].get("author", [{}])[0] for item in batched) or (
        url.endswith("comments")
    )


def test_a_protected_post_on_the_page_keeps_replies_batched(api_client, big_site, monkeypatch):
    # its replies are refused (rest_cannot_read_post) within the batch, not one post at a time
    protected = PostFactory(password="secret")
    CommentFactory(post=protected)
    api_client.get(URL, {"_embed": "1", "per_page": 2})
    two = count_queries(lambda: api_client.get(URL, {"_embed": "1", "per_page": 2}))
    fifty = count_queries(lambda: api_client.get(URL, {"_embed": "1", "per_page": 50}))
    assert fifty == two
    batched = api_client.get(URL, {"_embed": "1", "per_page": 50}).json()
    monkeypatch.setattr(WPViewSet, "embeds_in_bulk", False)
    monkeypatch.setattr(CommentViewSet, "embeds_collections_by", ())
    monkeypatch.setattr(TermViewSet, "embeds_collections_by", ())
    assert batched == api_client.get(URL, {"_embed": "1", "per_page": 50}).json()


@pytest.mark.parametrize("who", [None, "administrator"])
def test_replies_of_posts_with_many_comments_are_ranked_in_the_query(
    api_client, big_site, user_with_role, monkeypatch, who
):
    """Posts with few comments have theirs read whole and cut to a page each; with many, the
    query ranks them (a window per post). Both give every post the same first page."""
    import comments.views

    if who:
        api_client.force_authenticate(user_with_role(who))
    chatty = PostFactory()
    mine = {CommentFactory(post=chatty).pk for _ in range(12)}  # more than a page (10)
    few = api_client.get(URL, {"_embed": "replies", "per_page": 20}).json()
    monkeypatch.setattr(comments.views, "FEW_COMMENTS", 0)
    many = api_client.get(URL, {"_embed": "replies", "per_page": 20}).json()
    assert few == many
    replies = {item["id"]: item["_embedded"]["replies"][0] for item in few}
    assert len(replies[chatty.pk]) == 10
    assert {reply["id"] for reply in replies[chatty.pk]} < mine
