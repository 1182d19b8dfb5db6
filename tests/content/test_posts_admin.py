"""Posts and pages in Django admin follow the REST API's rules (they share the services)."""

import pytest

from content.models import Post
from tests.factories import PostFactory

ADD = "/admin/content/post/add/"


def form(**fields):
    data = {
        "type": "post",
        "title": "",
        "slug": "",
        "status": "draft",
        "date_0": "2024-01-01",
        "date_1": "10:00:00",
        "content": "",
        "excerpt": "",
        "password": "",
        "menu_order": "0",
        "comment_status": "open",
        "ping_status": "closed",
        "format": "standard",
        "template": "",
        "postmeta_set-TOTAL_FORMS": "0",
        "postmeta_set-INITIAL_FORMS": "0",
        "meta_entries-TOTAL_FORMS": "0",
        "meta_entries-INITIAL_FORMS": "0",
    }
    data.update(fields)
    return data


def test_editor_publishes_with_wordpress_slug_rules(client, user_with_role):
    editor = user_with_role("editor", is_staff=True)
    PostFactory(slug="hello")
    client.force_login(editor)
    response = client.post(ADD, form(title="Hello", status="publish", author=editor.pk))
    assert response.status_code == 302, response.content[:2000]
    post = Post.objects.get(title="Hello")
    assert post.slug == "hello-2"
    assert post.status == "publish"
    assert post.guid == "/hello-2/"


def test_update_in_admin_stores_a_revision(client, user_with_role):
    editor = user_with_role("editor", is_staff=True)
    post = PostFactory(author=editor, title="One", slug="one")
    client.force_login(editor)
    data = form(title="Two", status="publish", slug="one", author=editor.pk, content=post.content)
    response = client.post(f"/admin/content/post/{post.pk}/change/", data)
    assert response.status_code == 302, response.content[:2000]
    post.refresh_from_db()
    assert post.title == "Two"
    assert Post.objects.filter(type="revision", parent=post).count() == 1


@pytest.mark.parametrize("role", ["contributor"])
def test_contributor_cannot_publish_in_admin(client, user_with_role, role):
    user = user_with_role(role, is_staff=True)
    client.force_login(user)
    response = client.post(ADD, form(title="Mine", status="publish", author=user.pk))
    assert response.status_code == 200
    assert b"not allowed to publish" in response.content
    assert not Post.objects.filter(title="Mine").exists()


def test_subscriber_has_no_posts_admin(client, user_with_role):
    client.force_login(user_with_role("subscriber", is_staff=True))
    assert client.get("/admin/content/post/").status_code == 403


def test_trash_action(client, user_with_role):
    editor = user_with_role("editor", is_staff=True)
    post = PostFactory(slug="gone")
    client.force_login(editor)
    response = client.post(
        "/admin/content/post/", {"action": "trash", "_selected_action": [post.pk]}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.status, post.slug) == ("trash", "gone__trashed")
