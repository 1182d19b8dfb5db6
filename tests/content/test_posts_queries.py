"""A collection costs the same number of SQL queries for 1 item as for many."""

import pytest

from tests.content.conftest import PAGES, POSTS
from tests.factories import PageFactory, PostFactory, RevisionFactory, TagFactory, TermFactory
from tests.helpers import count_queries


def _rich_post(**fields):
    media = PostFactory(type="attachment", status="inherit")
    post = PostFactory(
        featured_media=media, terms=[TermFactory(), TagFactory(), TagFactory()], **fields
    )
    RevisionFactory(parent=post)
    return post


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"context": "embed"},
        {"_fields": "id,title,_links"},
        {"search": "Post", "categories_exclude": "999", "orderby": "title"},
    ],
)
def test_post_list_queries_do_not_grow(api_client, params):
    _rich_post()
    api_client.get(POSTS, params)  # warm per-process caches
    one = count_queries(lambda: api_client.get(POSTS, {**params, "per_page": 100}))
    for _ in range(6):
        _rich_post()
    assert count_queries(lambda: api_client.get(POSTS, {**params, "per_page": 100})) == one


def test_post_list_edit_context_queries_do_not_grow(api_client, admin_user, settings):
    settings.WP_POST_META = {"ref_rating": {"type": "integer", "single": True}}
    api_client.force_authenticate(admin_user)
    _rich_post(status="draft")
    params = {"context": "edit", "status": "any", "per_page": 100}
    api_client.get(POSTS, params)
    one = count_queries(lambda: api_client.get(POSTS, params))
    for _ in range(6):
        _rich_post(status="draft")
    assert count_queries(lambda: api_client.get(POSTS, params)) == one


def test_page_list_queries_do_not_grow(api_client):
    root = PageFactory()
    PageFactory(parent=root)
    api_client.get(PAGES)
    one = count_queries(lambda: api_client.get(PAGES, {"per_page": 100}))
    for _ in range(5):
        PageFactory(parent=root)
        PageFactory()
    assert count_queries(lambda: api_client.get(PAGES, {"per_page": 100})) == one


def test_single_post_costs_a_handful_of_queries(api_client):
    post = _rich_post()
    api_client.get(f"{POSTS}/{post.pk}")
    assert count_queries(lambda: api_client.get(f"{POSTS}/{post.pk}")) <= 4
