"""Comment moderation in Django admin follows moderate_comments and the services."""

import pytest

from comments.services import update_post_comment_count
from tests.factories import CommentFactory

ADMIN = "/admin/comments/comment/"


@pytest.mark.parametrize("role", ["administrator", "editor"])
def test_moderators_moderate_in_admin(client, user_with_role, role):
    user = user_with_role(role, is_staff=True)
    comment = CommentFactory()
    update_post_comment_count(comment.post_id)
    comment.post.refresh_from_db()
    assert comment.post.comment_count == 1
    client.force_login(user)
    assert client.get(ADMIN).status_code == 200
    assert client.get(f"{ADMIN}{comment.pk}/change/").status_code == 200
    response = client.post(ADMIN, {"action": "spam", "_selected_action": [comment.pk]})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == "spam"
    comment.post.refresh_from_db()
    assert comment.post.comment_count == 0


@pytest.mark.parametrize("role", ["author", "contributor"])
def test_others_cannot_moderate_in_admin(client, user_with_role, role):
    comment = CommentFactory()
    client.force_login(user_with_role(role, is_staff=True))
    assert client.get(ADMIN).status_code == 403
    client.post(ADMIN, {"action": "spam", "_selected_action": [comment.pk]})
    comment.refresh_from_db()
    assert comment.status == "1"


def test_deleting_in_admin_moves_replies_up(client, admin_user):
    top = CommentFactory()
    middle = CommentFactory(post=top.post, parent=top)
    reply = CommentFactory(post=top.post, parent=middle)
    client.force_login(admin_user)
    response = client.post(f"{ADMIN}{middle.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.parent_id == top.pk
    top.post.refresh_from_db()
    assert top.post.comment_count == 2
