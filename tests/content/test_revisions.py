"""/wp/v2/posts/<id>/revisions: read by those who may edit the post, deleted only with force."""

import pytest

from content.models import Post
from tests.factories import PageFactory, PostFactory
from tests.helpers import assert_wp_error, count_queries

pytestmark = pytest.mark.django_db


def revise(post, count=1):
    revisions = []
    for number in range(count):
        revision = Post.objects.create(
            type="revision",
            status="inherit",
            parent=post,
            author=post.author,
            title=f"{post.title} v{number}",
            content=f"Version {number}",
            excerpt="",
            slug=f"{post.pk}-revision-v1",
        )
        revision.guid = f"/?p={revision.pk}"
        revision.save()
        revisions.append(revision)
    return revisions


def url(post, revision=None):
    base = f"/wp-json/wp/v2/{'pages' if post.type == 'page' else 'posts'}/{post.pk}/revisions"
    return f"{base}/{revision.pk}" if revision else base


def test_editor_lists_revisions_newest_first(api_client, editor):
    post = PostFactory()
    first, second = revise(post, 2)
    api_client.force_authenticate(editor)
    response = api_client.get(url(post))
    assert response.status_code == 200
    body = response.json()
    assert [item["id"] for item in body] == [second.pk, first.pk]
    assert set(body[0]) == {
        "author",
        "date",
        "date_gmt",
        "guid",
        "id",
        "modified",
        "modified_gmt",
        "parent",
        "slug",
        "title",
        "content",
        "excerpt",
        "_links",
    }
    assert body[0]["content"] == {"rendered": "<p>Version 1</p>\n"}
    assert body[0]["excerpt"] == {"rendered": ""}
    assert body[0]["_links"] == {
        "parent": [{"href": f"http://testserver/wp-json/wp/v2/posts/{post.pk}"}]
    }
    assert response["X-WP-Total"] == "2"


def test_version_history_link_of_a_post_resolves(api_client, editor):
    post = PostFactory()
    revise(post)
    api_client.force_authenticate(editor)
    links = api_client.get(f"/wp-json/wp/v2/posts/{post.pk}").json()["_links"]
    href = links["version-history"][0]["href"].replace("http://testserver", "")
    assert api_client.get(href).status_code == 200


@pytest.mark.parametrize(
    ("who", "status"), [(None, 401), ("subscriber", 403), ("contributor", 403)]
)
def test_others_cannot_read_revisions(api_client, user_with_role, who, status):
    post = PostFactory()
    (revision,) = revise(post)
    if who:
        api_client.force_authenticate(user_with_role(who))
    assert_wp_error(api_client.get(url(post)), "rest_cannot_read", status)
    assert_wp_error(api_client.get(url(post, revision)), "rest_cannot_read", status)


def test_author_reads_revisions_of_own_post(api_client, author):
    post = PostFactory(author=author)
    revise(post)
    api_client.force_authenticate(author)
    assert api_client.get(url(post)).status_code == 200


def test_edit_context_shows_raw(api_client, editor):
    post = PostFactory()
    (revision,) = revise(post)
    api_client.force_authenticate(editor)
    body = api_client.get(url(post, revision), {"context": "edit"}).json()
    assert body["title"]["raw"] == revision.title
    assert body["content"]["raw"] == "Version 0"


def test_unknown_parent_and_revision(api_client, editor):
    post = PostFactory()
    revise(post)
    api_client.force_authenticate(editor)
    assert_wp_error(
        api_client.get("/wp-json/wp/v2/posts/999999/revisions"), "rest_post_invalid_parent", 404
    )
    missing = api_client.get(url(post) + "/999999")
    assert_wp_error(missing, "rest_post_invalid_id", 404)
    # the permission check passed before the handler's 404: GET is still allowed here
    assert missing["Allow"] == "GET"


def test_a_revision_is_read_through_any_parent_it_may_see(api_client, editor):
    """WordPress 6.1 does not match the revision's parent with the route's (6.5 does): the
    revision is answered, its parent link naming its own parent's route."""
    post = PostFactory()
    (revision,) = revise(post)
    page = PageFactory()
    api_client.force_authenticate(editor)
    response = api_client.get(f"/wp-json/wp/v2/pages/{page.pk}/revisions/{revision.pk}")
    assert response.status_code == 200
    assert response["Allow"] == "GET"
    body = response.json()
    assert (body["id"], body["parent"]) == (revision.pk, post.pk)
    assert body["_links"]["parent"] == [
        {"href": f"http://testserver/wp-json/wp/v2/posts/{post.pk}"}
    ]


def test_block_revisions_take_the_blocks_schema_and_keep_rendered_text(api_client, editor):
    """A reusable block's schema shows raw title and content in view and describes no
    rendered ones: its revisions show both, as WordPress filters only what it describes."""
    block = PostFactory(type="wp_block", title="Call", content="Body")
    (revision,) = revise(block)
    api_client.force_authenticate(editor)
    route = f"/wp-json/wp/v2/blocks/{block.pk}/revisions"
    body = api_client.get(f"{route}/{revision.pk}").json()
    assert body["title"] == {"raw": revision.title, "rendered": revision.title}
    assert body["content"] == {"raw": "Version 0", "rendered": "<p>Version 0</p>\n"}
    assert "excerpt" not in body  # blocks have no excerpt
    schema = api_client.options(route).json()["schema"]
    assert schema["title"] == "wp_block-revision"
    assert "rendered" not in schema["properties"]["title"]["properties"]


def test_revision_schema_is_named_after_its_post_type(api_client):
    page = PageFactory()
    schema = api_client.options(f"/wp-json/wp/v2/pages/{page.pk}/revisions").json()["schema"]
    assert schema["title"] == "page-revision"
    schema = api_client.options(f"/wp-json/wp/v2/pages/{page.pk}/autosaves").json()["schema"]
    assert schema["title"] == "page-revision"
    assert "preview_link" in schema["properties"]
    post = PostFactory()
    schema = api_client.options(url(post)).json()["schema"]
    assert schema["title"] == "post-revision"


def test_a_page_is_not_a_posts_parent(api_client, editor):
    page = PageFactory()
    api_client.force_authenticate(editor)
    assert_wp_error(
        api_client.get(f"/wp-json/wp/v2/posts/{page.pk}/revisions"), "rest_post_invalid_parent", 404
    )
    assert api_client.get(url(page)).status_code == 200


def test_no_one_deletes_a_revision(api_client, admin_user):
    """map_meta_cap() answers do_not_allow for delete_post on a revision in WordPress 6.1, so
    the last permission check refuses even an administrator, force or not."""
    post = PostFactory()
    (revision,) = revise(post)
    api_client.force_authenticate(admin_user)
    for query in ("", "?force=true"):
        response = api_client.delete(url(post, revision) + query)
        body = assert_wp_error(response, "rest_cannot_delete", 403)
        assert body["message"] == "Sorry, you are not allowed to delete this revision."
        assert response["Allow"] == "GET"
    assert Post.objects.filter(pk=revision.pk).exists()
    # the revision is looked up after the right to delete the parent's revisions
    assert_wp_error(api_client.delete(url(post) + "/999999"), "rest_post_invalid_id", 404)


def test_author_cannot_delete_revisions_of_others_posts(api_client, author, contributor):
    """The right to delete the parent is checked first, before the revision is looked up."""
    post = PostFactory()
    (revision,) = revise(post)
    for user in (author, contributor):
        api_client.force_authenticate(user)
        for target in (url(post, revision), url(post) + "/999999"):
            body = assert_wp_error(
                api_client.delete(target + "?force=true"), "rest_cannot_delete", 403
            )
            assert body["message"] == "Sorry, you are not allowed to delete revisions of this post."


def test_per_page_pages_revisions(api_client, editor):
    post = PostFactory()
    revise(post, 3)
    api_client.force_authenticate(editor)
    response = api_client.get(url(post), {"per_page": 2, "page": 2})
    assert len(response.json()) == 1
    assert response["X-WP-TotalPages"] == "2"
    assert_wp_error(
        api_client.get(url(post), {"per_page": 2, "page": 5}),
        "rest_revision_invalid_page_number",
        400,
    )


def test_queries_do_not_grow_with_revisions(api_client, editor):
    post = PostFactory()
    revise(post)
    api_client.force_authenticate(editor)
    api_client.get(url(post))
    one = count_queries(lambda: api_client.get(url(post)))
    revise(post, 6)
    assert count_queries(lambda: api_client.get(url(post))) == one


def test_options_schema_is_wordpress_own(api_client):
    """The revisions schema is the one WordPress 6.1 publishes (captured in ../shared)."""
    import json
    from pathlib import Path

    dump = Path(__file__).resolve().parents[3] / "shared/wordpress/dump/options-revisions.json"
    if not dump.exists():
        pytest.skip("the WordPress dump is not beside this checkout")
    post = PostFactory()
    schema = api_client.options(url(post)).json()["schema"]
    assert schema == json.loads(dump.read_text())["schema"]
