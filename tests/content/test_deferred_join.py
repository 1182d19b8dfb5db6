"""Pages far from the first are read as a deferred join (the page's IDs from the index, then
its rows): every collection answers them exactly as the plain OFFSET query does."""

import pytest

from tests.factories import CommentFactory, PostFactory, TagFactory, UserFactory

pytestmark = pytest.mark.django_db

QUERIES = [
    ("/wp-json/wp/v2/posts", {}),
    ("/wp-json/wp/v2/posts", {"orderby": "title", "order": "asc"}),
    ("/wp-json/wp/v2/posts", {"search": "deferred", "orderby": "relevance"}),
    ("/wp-json/wp/v2/posts", {"include": "", "orderby": "include"}),
    ("/wp-json/wp/v2/posts", {"offset": 3}),
    ("/wp-json/wp/v2/comments", {}),
    ("/wp-json/wp/v2/tags", {"hide_empty": "false"}),
    ("/wp-json/wp/v2/users", {"orderby": "name"}),
]


@pytest.fixture
def many():
    tags = [TagFactory(name=f"tag {n}") for n in range(8)]
    posts = [
        PostFactory(title=f"Deferred {'abcdefgh'[n % 8]} {n}", terms=[tags[n % 8]])
        for n in range(12)
    ]
    for post in posts[:6]:
        CommentFactory(post=post)
        CommentFactory(post=post)
    for n in range(6):
        user = UserFactory(role="author", display_name=f"Author {n}")
        PostFactory(author=user)
    return posts


@pytest.mark.parametrize(("url", "query"), QUERIES)
def test_far_pages_answer_as_near_ones(api_client, many, monkeypatch, url, query):
    if "include" in query:
        query = {**query, "include": ",".join(str(post.pk) for post in reversed(many))}
    pages = {}
    for offset in (10_000, 2):  # the plain OFFSET query, then the deferred join from page 2
        monkeypatch.setattr("wpapi.viewsets.DEFERRED_JOIN_OFFSET", offset)
        pages[offset] = [
            api_client.get(url, {**query, "per_page": 2, "page": page}) for page in (2, 3, 4)
        ]
    for plain, deferred in zip(pages[10_000], pages[2], strict=True):
        assert deferred.status_code == plain.status_code == 200
        assert deferred.json() == plain.json()
        assert deferred["X-WP-Total"] == plain["X-WP-Total"]
    assert any(page.json() for page in pages[2])
