"""The post services take plain keyword arguments and check no permission, so the API, Django
admin, an importer and management commands write posts the same way."""

from datetime import UTC, datetime

import pytest

from content import services
from tests.factories import TermFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_create_with_plain_arguments_answers_through_the_api(api_client):
    author = UserFactory(role="subscriber")  # the service does not ask who may publish
    category = TermFactory(taxonomy="category")
    post = services.post_create(
        post_type="post",
        actor_id=author.pk,
        title="Imported",
        content="<p>Body</p>",
        status="publish",
        date_gmt=datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC),
        terms={"category": [category.pk]},
    )
    body = api_client.get(f"/wp-json/wp/v2/posts/{post.pk}").json()
    assert body["title"]["rendered"] == "Imported"
    assert body["date_gmt"] == "2024-01-02T03:04:05"
    assert body["author"] == author.pk
    assert body["categories"] == [category.pk]
    assert body["slug"] == "imported"


def test_update_changes_only_what_is_given_and_keeps_a_revision():
    post = services.post_create(post_type="post", title="One", content="a", status="draft")
    services.post_update(post=post, title="Two")
    post.refresh_from_db()
    assert (post.title, post.content) == ("Two", "a")
    assert post.children.filter(type="revision").count() == 1


def test_kses_filters_only_when_asked():
    raw = services.post_create(post_type="post", content="<script>x()</script><p>ok</p>")
    filtered = services.post_create(
        post_type="post", content="<script>x()</script><p>ok</p>", kses=True
    )
    assert "<script>" in raw.content
    assert "<script>" not in filtered.content


def test_unknown_fields_are_a_programming_error():
    with pytest.raises(TypeError):
        services.post_create(post_type="post", title="x", categories=[1])
