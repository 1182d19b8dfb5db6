"""/wp/v2/<type>/<id>/autosaves: the block editor's autosave; the author's own draft is updated
in place, anything else gets one autosave revision per user."""

import json
from pathlib import Path

import pytest

from content.models import Post
from tests.factories import PageFactory, PostFactory
from tests.helpers import assert_wp_error, count_queries

pytestmark = pytest.mark.django_db

DUMP = Path(__file__).resolve().parents[3] / "shared/wordpress/dump/options-autosaves.json"


def url(post, autosave_id=None):
    base = f"/wp-json/wp/v2/{'pages' if post.type == 'page' else 'posts'}/{post.pk}/autosaves"
    return f"{base}/{autosave_id}" if autosave_id else base


def autosave(post, user, **fields):
    return Post.objects.create(
        type="revision",
        status="inherit",
        parent=post,
        author=user,
        title=fields.get("title", "Autosaved"),
        content=fields.get("content", "Autosaved body"),
        excerpt="",
        slug=f"{post.pk}-autosave-v1",
        guid="/?p=1",
    )


def test_author_autosaving_own_draft_updates_the_draft(api_client, author):
    post = PostFactory(
        author=author, status="draft", title="Old", content="Old body", date_gmt_set=False
    )
    api_client.force_authenticate(author)
    response = api_client.post(url(post), {"title": "New", "content": "New body"}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == post.pk
    assert body["parent"] == 0
    assert body["title"]["raw"] == "New"
    assert body["content"]["raw"] == "New body"
    assert body["preview_link"] == f"http://testserver/?p={post.pk}&preview=true"
    assert "_links" not in body  # no parent, so no link, as WordPress
    assert body["date"] is None  # a draft's floating date
    assert body["date_gmt"] is None
    post.refresh_from_db()
    assert (post.title, post.content, post.status) == ("New", "New body", "draft")
    # DOING_AUTOSAVE: no revision is stored
    assert not Post.objects.filter(type="revision", parent=post).exists()


def test_autosave_of_a_published_post_is_a_revision_replaced_on_each_save(api_client, author):
    post = PostFactory(author=author, status="publish", title="Live", content="Live body")
    api_client.force_authenticate(author)
    first = api_client.post(url(post), {"title": "Edit 1", "content": "Body 1"}, format="json")
    assert first.status_code == 200
    body = first.json()
    assert body["id"] != post.pk
    assert body["parent"] == post.pk
    assert body["slug"] == f"{post.pk}-autosave-v1"
    assert body["author"] == author.pk
    assert body["title"]["raw"] == "Edit 1"
    assert body["preview_link"].startswith(
        f"http://testserver/{post.slug}/?preview_id={post.pk}&preview_nonce="
    )
    assert body["preview_link"].endswith("&preview=true")
    second = api_client.post(url(post), {"title": "Edit 2", "content": "Body 2"}, format="json")
    assert second.json()["id"] == body["id"]
    assert second.json()["title"]["raw"] == "Edit 2"
    post.refresh_from_db()
    assert (post.title, post.content) == ("Live", "Live body")  # the post is untouched
    assert Post.objects.filter(type="revision", parent=post).count() == 1


def test_each_user_has_an_autosave(api_client, author, editor):
    post = PostFactory(author=author, status="draft", title="Draft", content="x")
    api_client.force_authenticate(editor)  # not the author: a revision, not the draft
    mine = api_client.post(url(post), {"title": "Editor's", "content": "y"}, format="json")
    assert mine.status_code == 200
    assert mine.json()["author"] == editor.pk
    post.refresh_from_db()
    assert post.title == "Draft"
    autosave(post, author, title="Author's")
    listed = api_client.get(url(post), {"context": "edit"}).json()
    assert {item["author"] for item in listed} == {author.pk, editor.pk}
    assert {item["slug"] for item in listed} == {f"{post.pk}-autosave-v1"}


def test_saving_what_the_post_has_drops_the_autosave(api_client, editor):
    post = PostFactory(status="publish", title="Same", content="Same body")
    autosave(post, editor)
    api_client.force_authenticate(editor)
    response = api_client.post(url(post), {"title": "Same", "content": "Same body"}, format="json")
    assert_wp_error(response, "rest_autosave_no_changes", 400)
    assert not Post.objects.filter(type="revision", parent=post).exists()


@pytest.mark.parametrize(
    ("who", "status"), [(None, 401), ("subscriber", 403), ("contributor", 403), ("author", 403)]
)
def test_others_cannot_read_or_autosave(api_client, user_with_role, who, status):
    post = PostFactory(status="publish")
    autosaved = autosave(post, post.author)
    if who:
        api_client.force_authenticate(user_with_role(who))
    assert_wp_error(api_client.get(url(post)), "rest_cannot_read", status)
    assert_wp_error(api_client.get(url(post, autosaved.pk)), "rest_cannot_read", status)
    response = api_client.post(url(post), {"title": "Nope"}, format="json")
    assert_wp_error(response, "rest_cannot_edit", status)
    assert Post.objects.filter(type="revision", parent=post).count() == 1


def test_contributor_autosaves_own_pending_post(api_client, contributor):
    post = PostFactory(author=contributor, status="pending", title="Pending")
    api_client.force_authenticate(contributor)
    response = api_client.post(url(post), {"title": "Changed"}, format="json")
    assert response.status_code == 200
    assert response.json()["parent"] == post.pk  # not a draft: an autosave revision
    assert response.json()["content"]["raw"] == ""  # fields not sent are empty, as in WordPress


def test_list_and_item(api_client, editor):
    post = PostFactory(status="publish")
    assert api_client.get(url(post)).status_code == 401
    api_client.force_authenticate(editor)
    assert api_client.get(url(post)).json() == []
    assert_wp_error(api_client.get(url(post, 99999)), "rest_post_no_autosave", 404)
    saved = autosave(post, editor)
    listed = api_client.get(url(post))
    assert listed.status_code == 200
    assert [item["id"] for item in listed.json()] == [saved.pk]
    assert "X-WP-Total" not in listed
    assert "preview_link" not in listed.json()[0]
    item = api_client.get(url(post, saved.pk), {"context": "edit"})
    assert item.status_code == 200
    assert item.json()["id"] == saved.pk
    assert item.json()["content"]["raw"] == "Autosaved body"
    assert item.json()["_links"]["parent"][0]["href"].endswith(f"/wp/v2/posts/{post.pk}")


def test_unknown_or_mismatched_parent(api_client, editor):
    api_client.force_authenticate(editor)
    assert_wp_error(
        api_client.get("/wp-json/wp/v2/posts/99999/autosaves"), "rest_post_invalid_parent", 404
    )
    assert_wp_error(
        api_client.get("/wp-json/wp/v2/posts/99999/autosaves/1"), "rest_post_invalid_parent", 404
    )
    response = api_client.post("/wp-json/wp/v2/posts/99999/autosaves", {"title": "x"})
    assert_wp_error(response, "rest_post_invalid_id", 404)
    page = PageFactory()
    assert_wp_error(
        api_client.get(url(page).replace("pages", "posts")), "rest_post_invalid_parent", 404
    )
    assert api_client.get(url(page)).status_code == 200


def test_bad_input(api_client, editor):
    post = PostFactory(status="publish")
    api_client.force_authenticate(editor)
    assert_wp_error(api_client.get(url(post), {"context": "nope"}), "rest_invalid_param", 400)
    response = api_client.post(url(post), {"status": "nope"}, format="json")
    assert_wp_error(response, "rest_invalid_param", 400)


def test_queries_do_not_grow_with_autosaves(api_client, admin_user, user_with_role):
    post = PostFactory(status="publish")
    autosave(post, admin_user)
    api_client.force_authenticate(admin_user)
    api_client.get(url(post))
    one = count_queries(lambda: api_client.get(url(post), {"context": "edit"}))
    for _ in range(4):
        autosave(post, user_with_role("editor"))
    assert count_queries(lambda: api_client.get(url(post), {"context": "edit"})) == one


def test_options_are_wordpress_own(api_client):
    if not DUMP.exists():
        pytest.skip("the WordPress dump is not beside this checkout")
    dump = json.loads(DUMP.read_text())
    post = PostFactory()
    ours = api_client.options(url(post)).json()
    assert ours["schema"] == dump["schema"]
    assert ours["methods"] == dump["methods"]
    for mine, theirs in zip(ours["endpoints"], dump["endpoints"], strict=True):
        assert mine["methods"] == theirs["methods"]
        assert list(mine["args"]) == list(theirs["args"])
        for name, arg in theirs["args"].items():
            if name != "meta":  # the dump's site registers its own meta keys
                assert mine["args"][name] == arg, name


def test_autosave_refuses_what_the_post_update_refuses(api_client, contributor):
    post = PostFactory(author=contributor, status="pending")
    api_client.force_authenticate(contributor)
    response = api_client.post(url(post), {"title": "x", "status": "publish"}, format="json")
    assert_wp_error(response, "rest_cannot_publish", 403)
    response = api_client.post(url(post), {"title": "x", "author": 99999}, format="json")
    assert_wp_error(response, "rest_cannot_edit_others", 403)
    assert not Post.objects.filter(type="revision", parent=post).exists()
    post.refresh_from_db()
    assert post.status == "pending"


def test_editor_autosave_with_an_unknown_author_is_refused(api_client, editor):
    post = PostFactory(status="publish")
    api_client.force_authenticate(editor)
    response = api_client.post(url(post), {"title": "x", "author": 99999}, format="json")
    assert_wp_error(response, "rest_invalid_author", 400)
    assert not Post.objects.filter(type="revision", parent=post).exists()


def test_fields_come_in_wordpress_order(api_client, editor):
    post = PostFactory(status="publish")
    autosave(post, editor)
    api_client.force_authenticate(editor)
    (body,) = api_client.get(url(post), {"context": "edit"}).json()
    assert list(body) == [
        "author",
        "date",
        "date_gmt",
        "id",
        "modified",
        "modified_gmt",
        "parent",
        "slug",
        "guid",
        "title",
        "content",
        "excerpt",
        "preview_link",
        "_links",
    ]
