"""The v2.0 post-meta routes: editors manage a post's custom fields one row at a time."""

import pytest

from content.models import PostMeta
from tests.factories import PageFactory, PostFactory
from tests.helpers import assert_wp_error, count_queries

pytestmark = pytest.mark.django_db


def meta_url(post, meta=None):
    base = f"/wp-json/wp/v2/{'pages' if post.type == 'page' else 'posts'}/{post.pk}/meta"
    return f"{base}/{meta.pk}" if meta else base


def test_list_shows_unprotected_fields_in_edit_context(api_client, editor):
    post = PostFactory()
    shown = PostMeta.objects.create(post=post, key="color", value="blue")
    PostMeta.objects.create(post=post, key="_edit_lock", value="123")
    api_client.force_authenticate(editor)
    body = api_client.get(meta_url(post)).json()
    assert [{k: v for k, v in item.items() if k != "_links"} for item in body] == [
        {"id": shown.pk, "key": "color", "value": "blue"}
    ]
    assert body[0]["_links"]["about"][0]["href"] == (
        f"http://testserver/wp-json/wp/v2/posts/{post.pk}"
    )


def test_create_update_delete(api_client, editor):
    post = PostFactory()
    api_client.force_authenticate(editor)
    created = api_client.post(meta_url(post), {"key": "mood", "value": "happy"}, format="json")
    assert created.status_code == 201
    meta_id = created.json()["id"]
    assert created["Location"].endswith(f"/wp/v2/posts/{post.pk}/meta/{meta_id}")
    meta = PostMeta.objects.get(pk=meta_id)
    updated = api_client.post(meta_url(post, meta), {"value": "calm"}, format="json")
    assert updated.json()["value"] == "calm"
    deleted = api_client.delete(meta_url(post, meta))
    assert deleted.json()["deleted"] is True
    assert not PostMeta.objects.filter(pk=meta_id).exists()


def test_protected_keys_are_refused(api_client, editor):
    post = PostFactory()
    hidden = PostMeta.objects.create(post=post, key="_secret", value="x")
    api_client.force_authenticate(editor)
    assert_wp_error(
        api_client.post(meta_url(post), {"key": "_mine", "value": "x"}, format="json"),
        "rest_meta_protected",
        403,
    )
    assert_wp_error(api_client.get(meta_url(post, hidden)), "rest_meta_protected", 403)


def test_key_is_required_and_value_must_be_text(api_client, editor):
    post = PostFactory()
    api_client.force_authenticate(editor)
    assert_wp_error(
        api_client.post(meta_url(post), {"value": "x"}, format="json"),
        "rest_missing_callback_param",
        400,
    )
    assert_wp_error(
        api_client.post(meta_url(post), {"key": "k", "value": {"a": 1}}, format="json"),
        "rest_invalid_param",
        400,
    )


@pytest.mark.parametrize(
    ("who", "status"), [(None, 401), ("subscriber", 403), ("contributor", 403), ("author", 403)]
)
def test_only_those_who_may_edit_the_post(api_client, user_with_role, who, status):
    post = PostFactory()
    meta = PostMeta.objects.create(post=post, key="color", value="blue")
    if who:
        api_client.force_authenticate(user_with_role(who))
    assert_wp_error(api_client.get(meta_url(post)), "rest_forbidden", status)
    assert_wp_error(api_client.get(meta_url(post, meta)), "rest_forbidden", status)
    assert_wp_error(api_client.delete(meta_url(post, meta)), "rest_forbidden", status)
    assert PostMeta.objects.filter(pk=meta.pk).exists()


def test_author_manages_meta_of_own_post(api_client, author):
    post = PostFactory(author=author)
    api_client.force_authenticate(author)
    assert (
        api_client.post(meta_url(post), {"key": "k", "value": "v"}, format="json").status_code
        == 201
    )


def test_unknown_post_and_meta(api_client, editor):
    post = PostFactory()
    other = PostFactory()
    foreign = PostMeta.objects.create(post=other, key="k", value="v")
    api_client.force_authenticate(editor)
    assert_wp_error(api_client.get("/wp-json/wp/v2/posts/999999/meta"), "rest_post_invalid_id", 404)
    assert_wp_error(api_client.get(meta_url(post) + "/999999"), "rest_meta_invalid_id", 404)
    assert_wp_error(api_client.get(meta_url(post, foreign)), "rest_meta_post_mismatch", 400)


def test_pages_have_meta_routes_too(api_client, editor):
    page = PageFactory()
    api_client.force_authenticate(editor)
    assert api_client.get(meta_url(page)).status_code == 200


def test_queries_do_not_grow_with_fields(api_client, editor):
    post = PostFactory()
    PostMeta.objects.create(post=post, key="a", value="1")
    api_client.force_authenticate(editor)
    api_client.get(meta_url(post))
    one = count_queries(lambda: api_client.get(meta_url(post)))
    for number in range(6):
        PostMeta.objects.create(post=post, key=f"k{number}", value="v")
    assert count_queries(lambda: api_client.get(meta_url(post))) == one
