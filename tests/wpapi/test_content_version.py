"""A list's total is kept in a process under the content version, which every transaction that
writes content raises: several processes never disagree, and a write retires every total."""

import pytest

from tests.factories import PostFactory
from wpapi import versions
from wpapi.models import ContentVersion

pytestmark = pytest.mark.django_db(transaction=True)
POSTS = "/wp-json/wp/v2/posts"


@pytest.fixture
def version_row():
    ContentVersion.objects.get_or_create(pk=1)


def test_a_total_is_counted_once_per_version(api_client, version_row, django_assert_num_queries):
    PostFactory.create_batch(3)
    assert api_client.get(POSTS, {"per_page": 1})["X-WP-Total"] == "3"
    before = ContentVersion.objects.get(pk=1).version
    # same content: the total is kept (no COUNT), only the version is read
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert api_client.get(POSTS, {"per_page": 1})["X-WP-Total"] == "3"
    assert not any(q["sql"].startswith("SELECT COUNT(*)") for q in ctx.captured_queries)
    PostFactory()  # a write raises the version and retires the kept total
    assert ContentVersion.objects.get(pk=1).version > before
    assert api_client.get(POSTS, {"per_page": 1})["X-WP-Total"] == "4"


def test_a_write_through_the_api_retires_kept_totals(api_client, admin_user, version_row):
    api_client.force_authenticate(admin_user)
    assert api_client.get(POSTS)["X-WP-Total"] == "0"
    before = ContentVersion.objects.get(pk=1).version
    api_client.post(POSTS, {"title": "x", "status": "publish"}, format="json")
    assert ContentVersion.objects.get(pk=1).version > before
    assert api_client.get(POSTS)["X-WP-Total"] == "1"


def test_a_write_request_without_signalled_saves_still_retires_kept_totals(
    api_client, admin_user, version_row, monkeypatch
):
    """A bulk write (a queryset update, bulk_create) sends no post_save: the middleware raises
    the version after any write request that succeeded, and never after a refused one."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    PostFactory.create_batch(2)
    assert api_client.get(POSTS)["X-WP-Total"] == "2"
    for signal in (post_save, post_delete, m2m_changed):
        monkeypatch.setattr(signal, "receivers", [])
        monkeypatch.setattr(signal, "sender_receivers_cache", {})
    api_client.force_authenticate(admin_user)
    before = ContentVersion.objects.get(pk=1).version
    api_client.post(POSTS, {"status": "nonsense"}, format="json")  # refused: 400
    assert ContentVersion.objects.get(pk=1).version == before
    created = api_client.post(POSTS, {"title": "x", "status": "publish"}, format="json")
    assert created.status_code == 201
    assert ContentVersion.objects.get(pk=1).version == before + 1
    api_client.logout()
    assert api_client.get(POSTS)["X-WP-Total"] == "3"


def test_outside_a_request_nothing_is_kept(version_row):
    calls = []
    versions.derived("k", lambda: calls.append(1))
    versions.derived("k", lambda: calls.append(1))
    assert len(calls) == 2


@pytest.mark.parametrize("query", [{"include": "-5,-6", "page": 3}, {"include": "0"}])
def test_a_list_that_can_match_nothing_counts_zero(api_client, version_row, query):
    PostFactory.create_batch(2)
    for route in (POSTS, "/wp-json/wp/v2/tags", "/wp-json/wp/v2/users", "/wp-json/wp/v2/comments"):
        response = api_client.get(route, query)
        assert response.status_code in (200, 400), route
        if response.status_code == 200:
            assert response["X-WP-Total"] == "0", route


def test_an_anonymous_post_that_writes_nothing_keeps_what_was_kept(api_client, version_row):
    """A failed login answers its form again (200): nothing changed, nothing is retired."""
    before = ContentVersion.objects.get(pk=1).version
    response = api_client.post("/wp-login.php", {"log": "nobody", "pwd": "wrong"})
    assert response.status_code < 400
    assert ContentVersion.objects.get(pk=1).version == before
