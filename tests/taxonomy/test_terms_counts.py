"""`count` is the number of published posts using a term, right after every post change."""

import pytest

from tests.factories import PageFactory, PostFactory, TagFactory, TermFactory

CATEGORIES = "/wp-json/wp/v2/categories"
TAGS = "/wp-json/wp/v2/tags"


def count_of(api_client, url, term) -> int:
    return api_client.get(f"{url}/{term.pk}").json()["count"]


@pytest.mark.parametrize("status", ["draft", "pending", "private", "future", "trash"])
def test_only_published_posts_count(api_client, status):
    term = TermFactory()
    PostFactory(terms=[term])
    PostFactory(terms=[term], status=status)
    assert count_of(api_client, CATEGORIES, term) == 1


def test_count_follows_status_changes_and_deletes(api_client):
    tag = TagFactory()
    post = PostFactory(terms=[tag], status="draft")
    assert count_of(api_client, TAGS, tag) == 0
    post.status = "publish"
    post.save()
    assert count_of(api_client, TAGS, tag) == 1
    post.status = "trash"
    post.save()
    assert count_of(api_client, TAGS, tag) == 0
    post.status = "publish"
    post.save()
    other = PostFactory(terms=[tag])
    assert count_of(api_client, TAGS, tag) == 2
    other.delete()
    assert count_of(api_client, TAGS, tag) == 1
    post.terms.remove(tag)
    assert count_of(api_client, TAGS, tag) == 0


def test_count_ignores_types_outside_the_taxonomy(api_client):
    term = TermFactory()
    PageFactory().terms.add(term)
    assert count_of(api_client, CATEGORIES, term) == 0


def test_counts_in_lists(api_client):
    busy, quiet = TermFactory(name="A busy"), TermFactory(name="B quiet")
    PostFactory.create_batch(3, terms=[busy])
    PostFactory(terms=[quiet], status="draft")
    counts = {t["id"]: t["count"] for t in api_client.get(CATEGORIES).json()}
    assert counts[busy.pk] == 3
    assert counts[quiet.pk] == 0


def test_count_is_not_multiplied_by_other_filters(api_client):
    term = TermFactory()
    posts = PostFactory.create_batch(3, terms=[term])
    response = api_client.get(
        CATEGORIES, {"post": posts[0].pk, "search": term.name, "hide_empty": "true"}
    )
    assert [(t["id"], t["count"]) for t in response.json()] == [(term.pk, 3)]


def test_hide_empty(api_client, uncategorized):
    used, unused = TagFactory(), TagFactory()
    PostFactory(terms=[used])
    PostFactory(terms=[unused], status="draft")
    response = api_client.get(TAGS, {"hide_empty": "1"})
    assert [t["id"] for t in response.json()] == [used.pk]
    assert response["X-WP-Total"] == "1"
    assert len(api_client.get(TAGS, {"hide_empty": "false"}).json()) == 2


def test_hide_empty_keeps_parents_of_used_children(api_client, uncategorized):
    # get_terms(hierarchical=true): an empty parent stays when a descendant has posts
    top = TermFactory(name="Top")
    middle = TermFactory(name="Middle", parent=top)
    leaf = TermFactory(name="Leaf", parent=middle)
    TermFactory(name="Lonely")
    PostFactory(terms=[leaf])
    names = [t["name"] for t in api_client.get(CATEGORIES, {"hide_empty": True}).json()]
    assert names == ["Leaf", "Middle", "Top"]
