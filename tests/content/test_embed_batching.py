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
    monkeypatch.setattr(TermViewSet, "embeds_collections_by", None)
    monkeypatch.setattr(CommentViewSet, "embeds_collections_by", None)
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
