"""Comment moderation in Django admin: who may moderate which comments is the REST API's rule
(moderate_comments, or edit_post of the comment's post), and every change goes through the
comment services (counts, trash and spam memory, replies)."""

import pytest

from comments.models import Comment
from comments.services import update_post_comment_count
from tests.factories import CommentFactory, PostFactory

ADMIN = "/admin/comments/comment/"


def edit_form(comment, **changes):
    data = {
        "author_name": comment.author_name,
        "author_email": comment.author_email,
        "author_url": comment.author_url,
        "content": comment.content,
        "status": {"1": "approve", "0": "hold"}.get(comment.status, comment.status),
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("role", ["administrator", "editor"])
def test_moderators_moderate_in_bulk(client, user_with_role, role):
    comment = CommentFactory()
    update_post_comment_count(comment.post_id)
    client.force_login(user_with_role(role))
    assert client.get(ADMIN).status_code == 200
    assert client.get(f"{ADMIN}{comment.pk}/change/").status_code == 200
    for action, status, count in (
        ("spam_selected", "spam", 0),
        ("unspam_selected", "1", 1),
        ("hold_selected", "0", 0),
        ("approve_selected", "1", 1),
        ("trash_selected", "trash", 0),
        ("untrash_selected", "1", 1),
    ):
        response = client.post(  # from the view of the comment's status, as wp-admin's
            f"{ADMIN}?comment_status={comment.status}",
            {"action": action, "_selected_action": [comment.pk]},
        )
        assert response.status_code == 302
        comment.refresh_from_db()
        comment.post.refresh_from_db()
        assert (action, comment.status, comment.post.comment_count) == (action, status, count)


def test_status_filter_counts(client, editor):
    post = PostFactory()
    CommentFactory(post=post, status="0")
    CommentFactory(post=post, status="spam")
    client.force_login(editor)
    body = client.get(ADMIN).content.decode()
    assert "Pending (1)" in body
    assert "Spam (1)" in body


def test_authors_moderate_only_comments_on_their_posts(client, user_with_role):
    author = user_with_role("author")
    mine = CommentFactory(post=PostFactory(author=author), status="0", content="On mine")
    theirs = CommentFactory(status="0", content="On theirs")
    client.force_login(author)
    body = client.get(f"{ADMIN}?comment_status=0").content.decode()
    assert "On mine" in body
    assert "On theirs" not in body
    client.post(ADMIN, {"action": "approve_selected", "_selected_action": [mine.pk, theirs.pk]})
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.status, theirs.status) == ("1", "0")
    assert client.get(f"{ADMIN}{theirs.pk}/change/").status_code in (302, 403)


def test_edit_goes_through_kses_for_authors(client, user_with_role):
    author = user_with_role("author")
    comment = CommentFactory(post=PostFactory(author=author))
    client.force_login(author)
    response = client.post(
        f"{ADMIN}{comment.pk}/change/",
        edit_form(comment, content="Fine <script>evil()</script>", status="hold"),
    )
    assert response.status_code == 302, response.content[:2000]
    comment.refresh_from_db()
    assert "<script>" not in comment.content
    assert comment.status == "0"


def test_empty_comment_is_refused_on_the_form(client, editor):
    comment = CommentFactory()
    client.force_login(editor)
    response = client.post(f"{ADMIN}{comment.pk}/change/", edit_form(comment, content="   "))
    assert response.status_code == 200
    assert "Invalid comment content." in response.content.decode()


def test_reply_approves_a_pending_comment(client, editor):
    comment = CommentFactory(status="0")
    client.force_login(editor)
    response = client.post(f"{ADMIN}{comment.pk}/reply/", {"content": "Thanks!"})
    assert response.status_code == 302, response.content[:2000]
    reply = Comment.objects.get(parent=comment)
    assert (reply.content, reply.user_id, reply.status) == ("Thanks!", editor.pk, "1")
    comment.refresh_from_db()
    assert comment.status == "1"
    comment.post.refresh_from_db()
    assert comment.post.comment_count == 2


def test_deleting_moves_replies_up(client, admin_user):
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


def test_subscribers_cannot_moderate(client, subscriber):
    comment = CommentFactory()
    client.force_login(subscriber)
    client.post(ADMIN, {"action": "spam_selected", "_selected_action": [comment.pk]})
    comment.refresh_from_db()
    assert comment.status == "1"
