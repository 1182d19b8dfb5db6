"""Values past their column: WordPress's wpdb refuses the write with the resource's database
error (which WordPress sends with status 500; the fault is the request's, so here it is a 400)
and stores nothing; a slug is cut to its 200 characters instead."""

import pytest

from comments.models import Comment
from content.models import Post, PostMeta
from tests.factories import CommentFactory, PostFactory
from tests.helpers import assert_wp_error

POSTS = "/wp-json/wp/v2/posts"
PAGES = "/wp-json/wp/v2/pages"
COMMENTS = "/wp-json/wp/v2/comments"
INSERT_FAILED = "Could not insert post into the database."
UPDATE_FAILED = "Could not update post in the database."


def field_failed(column: str) -> list[str]:
    return [
        "WordPress database error: Processing the value for the following field failed: "
        f"{column}. The supplied value may be too long or contains invalid data."
    ]


@pytest.mark.parametrize(
    ("data", "column"),
    [
        ({"title": "t", "password": "p" * (1024 * 1024)}, "post_password"),
        ({"title": "t", "password": "p" * 256}, "post_password"),
        ({"title": "t" * 65536}, "post_title"),
        ({"title": "é" * 32768}, "post_title"),  # 65,536 bytes of UTF-8
        ({"title": "t", "excerpt": "e" * 65536}, "post_excerpt"),
    ],
)
def test_too_long_for_its_column_is_db_insert_error(api_client, editor, data, column):
    api_client.force_authenticate(editor)
    response = api_client.post(POSTS, data, format="json")
    body = assert_wp_error(response, "db_insert_error", 400)
    assert (body["message"], body["additional_data"]) == (INSERT_FAILED, field_failed(column))
    assert not Post.objects.filter(type="post").exists()


def test_every_field_too_long_is_named(api_client, editor):
    api_client.force_authenticate(editor)
    data = {"title": "t" * 65536, "password": "p" * 256}
    body = api_client.post(POSTS, data, format="json").json()
    assert body["additional_data"] == [
        "WordPress database error: Processing the values for the following fields failed: "
        "post_title, post_password. The supplied values may be too long or contain invalid data."
    ]


def test_update_too_long_is_db_update_error(api_client, editor):
    post = PostFactory(author=editor, password="kept")
    api_client.force_authenticate(editor)
    response = api_client.post(f"{POSTS}/{post.pk}", {"password": "p" * 256}, format="json")
    body = assert_wp_error(response, "db_update_error", 400)
    assert (body["message"], body["additional_data"]) == (
        UPDATE_FAILED,
        field_failed("post_password"),
    )
    post.refresh_from_db()
    assert post.password == "kept"


def test_values_that_fit_are_stored(api_client, editor):
    api_client.force_authenticate(editor)
    data = {"title": "é" * 32767, "password": "p" * 255, "slug": "s" * 300}
    response = api_client.post(POSTS, data, format="json")
    assert response.status_code == 201, response.content[:300]
    body = response.json()
    assert (len(body["title"]["raw"]), len(body["password"])) == (32767, 255)
    assert body["slug"] == "s" * 200  # cut to the column, as wp_unique_post_slug() does


@pytest.mark.parametrize(
    ("sent", "stored"),
    [(2**31, 2**31 - 1), (-(2**31) - 1, -(2**31)), (10**20, 2**31 - 1), (2**31 - 1, 2**31 - 1)],
)
def test_menu_order_is_held_to_its_int_column(api_client, editor, sent, stored):
    # as the reference WordPress 6.1 on MariaDB answered
    api_client.force_authenticate(editor)
    response = api_client.post(PAGES, {"title": "p", "menu_order": sent}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["menu_order"] == stored


def test_post_meta_key_past_its_column(api_client, editor):
    post = PostFactory(author=editor)
    api_client.force_authenticate(editor)
    url = f"{POSTS}/{post.pk}/meta"
    body = assert_wp_error(
        api_client.post(url, {"key": "k" * 256, "value": "v"}, format="json"),
        "rest_meta_could_not_add",
        400,
    )
    assert body["message"] == "Could not add meta."
    meta = PostMeta.objects.create(post=post, key="color", value="red")
    body = assert_wp_error(
        api_client.post(f"{url}/{meta.pk}", {"key": "k" * 256}, format="json"),
        "rest_meta_could_not_update",
        400,
    )
    assert body["message"] == "Could not update meta."
    assert list(PostMeta.objects.filter(post=post).values_list("key", flat=True)) == ["color"]


def test_comment_user_agent_past_its_column(api_client, admin_user):
    post = PostFactory()
    api_client.force_authenticate(admin_user)
    data = {"post": post.pk, "content": "Hi", "author_user_agent": "a" * 256}
    body = assert_wp_error(
        api_client.post(COMMENTS, data, format="json"), "rest_comment_failed_create", 400
    )
    assert body["message"] == "Creating comment failed."
    assert not Comment.objects.exists()
    comment = CommentFactory(post=post)
    body = assert_wp_error(
        api_client.post(
            f"{COMMENTS}/{comment.pk}", {"author_user_agent": "a" * 256}, format="json"
        ),
        "rest_comment_failed_edit",
        400,
    )
    assert body["message"] == "Updating comment failed."
    comment.refresh_from_db()
    assert comment.author_user_agent == "pytest"
