"""Editing, moderating, trashing and deleting comments."""

import pytest

from comments.models import Comment
from tests.factories import CommentFactory, PostFactory, UserFactory
from tests.helpers import assert_wp_error

URL = "/wp-json/wp/v2/comments"


@pytest.fixture
def comment(db):
    return CommentFactory(post=PostFactory(), content="Original")


def update(api_client, comment, method="post", **data):
    return getattr(api_client, method)(f"{URL}/{comment.pk}", data, format="json")


@pytest.mark.parametrize("method", ["post", "put", "patch"])
def test_moderator_edits_any_comment(api_client, editor, comment, method):
    api_client.force_authenticate(editor)
    response = update(api_client, comment, method, content="Edited", author_name="New Name")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["content"]["raw"] == "Edited"  # edit context
    assert body["author_name"] == "New Name"
    comment.refresh_from_db()
    assert comment.content == "Edited"


@pytest.mark.parametrize("role", ["author", "contributor", "subscriber"])
def test_others_cannot_edit(api_client, user_with_role, comment, role):
    api_client.force_authenticate(user_with_role(role))
    body = assert_wp_error(update(api_client, comment, content="Hacked"), "rest_cannot_edit", 403)
    assert body["message"] == "Sorry, you are not allowed to edit this comment."
    comment.refresh_from_db()
    assert comment.content == "Original"


def test_anonymous_cannot_edit(api_client, comment):
    assert_wp_error(update(api_client, comment, content="Hacked"), "rest_cannot_edit", 401)


def test_post_author_may_edit_and_moderate_comments_on_own_post(api_client, author):
    # edit_comment maps to edit_post of the comment's post
    comment = CommentFactory(post=PostFactory(author=author), status="0")
    api_client.force_authenticate(author)
    response = update(api_client, comment, status="approve")
    assert response.status_code == 200
    assert response.json()["status"] == "approved"


def test_post_author_cannot_reassign_comment_or_ip(api_client, author):
    comment = CommentFactory(post=PostFactory(author=author))
    api_client.force_authenticate(author)
    assert_wp_error(
        update(api_client, comment, author=UserFactory().pk), "rest_comment_invalid_author", 403
    )
    assert_wp_error(
        update(api_client, comment, author_ip="203.0.113.1"), "rest_comment_invalid_author_ip", 403
    )


def test_commenter_cannot_edit_own_comment_without_edit_post(api_client, subscriber):
    comment = CommentFactory(user=subscriber)
    api_client.force_authenticate(subscriber)
    assert_wp_error(update(api_client, comment, content="Changed"), "rest_cannot_edit", 403)


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        ("approved", "1"),
        ("approve", "1"),
        ("1", "1"),
        ("hold", "0"),
        ("0", "0"),
        ("spam", "spam"),
        ("trash", "trash"),
        ("nonsense", "1"),
        ("APPROVED", "1"),
    ],
)
def test_status_values(api_client, editor, comment, value, stored):
    api_client.force_authenticate(editor)
    response = update(api_client, comment, status=value)
    assert response.status_code == 200
    comment.refresh_from_db()
    assert comment.status == stored


@pytest.mark.parametrize(("action", "undo"), [("spam", "unspam"), ("trash", "untrash")])
def test_unspam_and_untrash_restore_the_previous_status(api_client, editor, action, undo):
    comment = CommentFactory(status="0")
    api_client.force_authenticate(editor)
    update(api_client, comment, status=action)
    comment.refresh_from_db()
    assert comment.status == action
    assert update(api_client, comment, status=undo).json()["status"] == "hold"


def test_change_of_type_is_refused(api_client, editor, comment):
    api_client.force_authenticate(editor)
    body = assert_wp_error(
        update(api_client, comment, type="pingback"), "rest_comment_invalid_type", 404
    )
    assert body["message"] == "Sorry, you are not allowed to change the comment type."
    assert update(api_client, comment, type="comment").status_code == 200


def test_moving_to_a_missing_post(api_client, editor, comment):
    api_client.force_authenticate(editor)
    body = assert_wp_error(
        update(api_client, comment, post=999999), "rest_comment_invalid_post_id", 403
    )
    assert body["message"] == "Invalid post ID."


def test_empty_content_on_update(api_client, editor, comment):
    api_client.force_authenticate(editor)
    assert_wp_error(update(api_client, comment, content=""), "rest_comment_content_invalid", 400)


def test_update_parent_checks(api_client, editor, comment):
    api_client.force_authenticate(editor)
    sibling = CommentFactory(post=comment.post)
    assert update(api_client, comment, parent=sibling.pk).json()["parent"] == sibling.pk
    assert_wp_error(
        update(api_client, comment, parent=comment.pk), "rest_comment_invalid_parent", 400
    )
    assert_wp_error(
        update(api_client, comment, parent=CommentFactory().pk), "rest_comment_invalid_parent", 400
    )
    assert update(api_client, comment, parent=0).json()["parent"] == 0


def test_update_keeps_ip_and_agent(api_client, editor, comment):
    api_client.force_authenticate(editor)
    body = update(api_client, comment, content="New").json()
    assert body["author_ip"] == "192.0.2.10"
    assert body["author_user_agent"] == "pytest"


def test_moderator_changes_date_and_author(api_client, editor, comment):
    other = UserFactory(display_name="Other")
    api_client.force_authenticate(editor)
    body = update(api_client, comment, date_gmt="2024-02-02T10:00:00", author=other.pk).json()
    assert body["date_gmt"] == "2024-02-02T10:00:00"
    assert body["author"] == other.pk
    assert body["author_name"] == "Other"


def test_update_unknown_comment(api_client, editor, db):
    api_client.force_authenticate(editor)
    assert_wp_error(
        api_client.post(f"{URL}/999999", {"content": "x"}, format="json"),
        "rest_comment_invalid_id",
        404,
    )


def test_update_sanitises_content(api_client, author):
    comment = CommentFactory(post=PostFactory(author=author))
    api_client.force_authenticate(author)
    update(api_client, comment, content="<script>x()</script><em>ok</em>")
    comment.refresh_from_db()
    assert comment.content == "x()<em>ok</em>"  # wp_kses() keeps the text of what it removes


def test_an_administrator_editing_a_visitors_comment_is_filtered(api_client, admin_user):
    """wp_update_comment(): kses when the comment's author lacks unfiltered_html, whoever
    edits; and the stored text is filtered again on any update."""
    comment = CommentFactory(post=PostFactory(), content="<b>bold</b> <script>alert(1)</script>")
    api_client.force_authenticate(admin_user)
    body = update(api_client, comment, status="approved").json()
    assert body["content"]["raw"] == "<b>bold</b> alert(1)"
    mine = CommentFactory(post=PostFactory(), user=admin_user, content="x")
    body = update(api_client, mine, content="<script>y()</script>").json()
    assert body["content"]["raw"] == "<script>y()</script>"


# --- delete -------------------------------------------------------------------------------------


def test_a_deleted_comment_is_answered_without_links(api_client, editor):
    comment = CommentFactory(post=PostFactory())
    api_client.force_authenticate(editor)
    body = api_client.delete(f"{URL}/{comment.pk}", {"force": "true"}).json()
    assert body["deleted"] is True
    assert "_links" not in body["previous"]  # $previous->get_data()


def test_delete_moves_to_trash(api_client, editor, comment):
    api_client.force_authenticate(editor)
    response = api_client.delete(f"{URL}/{comment.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "trash"
    assert body["author_email"] == comment.author_email  # edit context
    comment.refresh_from_db()
    assert comment.status == "trash"
    again = assert_wp_error(api_client.delete(f"{URL}/{comment.pk}"), "rest_already_trashed", 410)
    assert again["message"] == "The comment has already been trashed."


def test_force_delete(api_client, editor, comment):
    child = CommentFactory(post=comment.post, parent=comment)
    api_client.force_authenticate(editor)
    response = api_client.delete(f"{URL}/{comment.pk}?force=true")
    body = response.json()
    assert body["deleted"] is True
    assert body["previous"]["id"] == comment.pk
    assert body["previous"]["content"]["raw"] == "Original"
    assert not Comment.objects.filter(pk=comment.pk).exists()
    child.refresh_from_db()
    assert child.parent_id is None  # replies move up a level, as wp_delete_comment does
    assert_wp_error(api_client.get(f"{URL}/{comment.pk}"), "rest_comment_invalid_id", 404)


@pytest.mark.parametrize("role", ["author", "contributor", "subscriber"])
def test_others_cannot_delete(api_client, user_with_role, comment, role):
    api_client.force_authenticate(user_with_role(role))
    body = assert_wp_error(
        api_client.delete(f"{URL}/{comment.pk}?force=true"), "rest_cannot_delete", 403
    )
    assert body["message"] == "Sorry, you are not allowed to delete this comment."
    assert Comment.objects.filter(pk=comment.pk, status="1").exists()


def test_anonymous_cannot_delete(api_client, comment):
    assert_wp_error(api_client.delete(f"{URL}/{comment.pk}"), "rest_cannot_delete", 401)


def test_invalid_force(api_client, editor, comment):
    api_client.force_authenticate(editor)
    assert_wp_error(api_client.delete(f"{URL}/{comment.pk}?force=maybe"), "rest_invalid_param", 400)


def test_allow_header(api_client, editor, comment):
    assert api_client.get(f"{URL}/{comment.pk}")["Allow"] == "GET"
    assert api_client.get(URL)["Allow"] == "GET"
    api_client.force_authenticate(editor)
    assert api_client.get(f"{URL}/{comment.pk}")["Allow"] == "GET, POST, PUT, PATCH, DELETE"


def test_options_describes_wordpress_arguments(api_client, db):
    body = api_client.options(URL).json()
    assert list(body["endpoints"][0]["args"]) == [
        "context",
        "page",
        "per_page",
        "search",
        "after",
        "author",
        "author_exclude",
        "author_email",
        "before",
        "exclude",
        "include",
        "offset",
        "order",
        "orderby",
        "parent",
        "parent_exclude",
        "post",
        "status",
        "type",
        "password",
    ]
    assert list(body["endpoints"][1]["args"]) == [
        "author",
        "author_email",
        "author_ip",
        "author_name",
        "author_url",
        "author_user_agent",
        "content",
        "date",
        "date_gmt",
        "parent",
        "post",
        "status",
        "meta",
    ]
    assert body["schema"]["title"] == "comment"
    item = api_client.options(f"{URL}/1").json()
    assert list(item["endpoints"][0]["args"]) == ["id", "context", "password"]
    assert list(item["endpoints"][2]["args"]) == ["id", "force", "password"]


def test_comments_follow_their_post_into_the_trash_and_back(api_client, editor, db):
    post = PostFactory()
    approved = CommentFactory(post=post)
    spam = CommentFactory(post=post, status="spam", previous_status="0")
    post.trashed_from_status, post.status = post.status, "trash"
    post.save()
    api_client.force_authenticate(editor)
    body = api_client.get(f"{URL}?post={post.pk}&status=any").json()
    assert {item["status"] for item in body} == {"post-trashed"}
    assert api_client.get(f"{URL}?post={post.pk}").json() == []
    post.status = post.trashed_from_status
    post.save()
    approved.refresh_from_db()
    spam.refresh_from_db()
    assert (approved.status, spam.status, spam.previous_status) == ("1", "spam", "0")
