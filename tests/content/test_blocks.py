"""/wp/v2/blocks: reusable blocks (post type wp_block), read raw by those who may edit posts."""

import json
from pathlib import Path

import pytest

from tests.factories import PostFactory
from tests.helpers import assert_wp_error, count_queries

pytestmark = pytest.mark.django_db

DUMP = Path(__file__).resolve().parents[3] / "shared/wordpress/dump"
MARKUP = "<!-- wp:paragraph -->\n<p><strong>Subscribe</strong> now.</p>\n<!-- /wp:paragraph -->"


def block(**fields):
    fields.setdefault("status", "publish")
    fields.setdefault("title", "Call to action")
    fields.setdefault("content", MARKUP)
    return PostFactory(type="wp_block", **fields)


def test_contributor_reads_published_blocks_raw(api_client, contributor):
    item = block(slug="call-to-action")
    api_client.force_authenticate(contributor)
    response = api_client.get("/wp-json/wp/v2/blocks")
    assert response.status_code == 200
    assert response["X-WP-Total"] == "1"
    (body,) = response.json()
    assert list(body) == [
        "id",
        "date",
        "date_gmt",
        "guid",
        "modified",
        "modified_gmt",
        "slug",
        "status",
        "type",
        "link",
        "title",
        "content",
        "template",
        "_links",
    ]
    assert body["id"] == item.pk
    assert body["type"] == "wp_block"
    assert body["title"] == {"raw": "Call to action"}
    assert body["content"] == {"raw": MARKUP, "protected": False}
    assert body["link"] == "http://testserver/call-to-action/"
    assert set(body["_links"]) == {
        "self",
        "collection",
        "about",
        "version-history",
        "wp:attachment",
        "curies",
    }
    assert body["_links"]["about"][0]["href"].endswith("/wp/v2/types/wp_block")


@pytest.mark.parametrize("who", [None, "subscriber"])
def test_readers_without_edit_posts_see_no_block(api_client, user_with_role, who):
    item = block()
    block(status="draft")
    if who:
        api_client.force_authenticate(user_with_role(who))
    response = api_client.get("/wp-json/wp/v2/blocks")
    assert response.status_code == 200
    # WordPress counts the published block but leaves it out of the page
    assert response["X-WP-Total"] == "1"
    assert response.json() == []
    status = 401 if who is None else 403
    assert_wp_error(api_client.get(f"/wp-json/wp/v2/blocks/{item.pk}"), "rest_forbidden", status)


def test_drafts_stay_private(api_client, author, editor):
    mine = block(status="draft", author=author, title="Mine")
    theirs = block(status="draft", title="Theirs", content="secret markup")
    api_client.force_authenticate(author)
    assert api_client.get("/wp-json/wp/v2/blocks").json() == []
    response = api_client.get("/wp-json/wp/v2/blocks", {"status": "draft"})
    assert [item["id"] for item in response.json()] == [mine.pk]
    assert b"secret markup" not in response.content
    assert_wp_error(api_client.get(f"/wp-json/wp/v2/blocks/{theirs.pk}"), "rest_forbidden", 403)
    api_client.force_authenticate(editor)
    response = api_client.get("/wp-json/wp/v2/blocks", {"status": "draft"})
    assert {item["id"] for item in response.json()} == {mine.pk, theirs.pk}
    assert (
        api_client.get(f"/wp-json/wp/v2/blocks/{theirs.pk}")
        .json()["link"]
        .endswith(f"/?p={theirs.pk}")
    )


@pytest.mark.parametrize(("role", "status"), [("author", 201), ("editor", 201)])
def test_authors_and_editors_create_blocks(api_client, user_with_role, role, status):
    api_client.force_authenticate(user_with_role(role))
    response = api_client.post(
        "/wp-json/wp/v2/blocks",
        {"title": "Footer note", "content": MARKUP, "status": "publish"},
        format="json",
    )
    assert response.status_code == status, response.content
    body = response.json()
    assert body["type"] == "wp_block"
    assert body["status"] == "publish"
    assert body["title"] == {"raw": "Footer note"}
    assert body["content"]["raw"] == MARKUP
    assert body["content"]["block_version"] == 1
    assert not {"author", "excerpt", "meta"} & set(body)


@pytest.mark.parametrize(
    ("who", "status"), [(None, 401), ("subscriber", 403), ("contributor", 403)]
)
def test_creating_blocks_needs_publish_posts(api_client, user_with_role, who, status):
    if who:
        api_client.force_authenticate(user_with_role(who))
    response = api_client.post("/wp-json/wp/v2/blocks", {"title": "x", "content": "y"})
    assert_wp_error(response, "rest_cannot_create", status)


def test_editing_others_blocks(api_client, author, editor):
    theirs = block(title="Shared")
    api_client.force_authenticate(author)
    response = api_client.post(f"/wp-json/wp/v2/blocks/{theirs.pk}", {"title": "Hijack"})
    assert_wp_error(response, "rest_cannot_edit", 403)
    api_client.force_authenticate(editor)
    response = api_client.post(f"/wp-json/wp/v2/blocks/{theirs.pk}", {"title": "Edited"})
    assert response.status_code == 200
    assert response.json()["title"] == {"raw": "Edited"}
    revisions = api_client.get(f"/wp-json/wp/v2/blocks/{theirs.pk}/revisions")
    assert revisions.status_code == 200
    assert len(revisions.json()) == 1


def test_bad_input(api_client, editor):
    api_client.force_authenticate(editor)
    assert_wp_error(
        api_client.get("/wp-json/wp/v2/blocks", {"status": "nope"}), "rest_invalid_param", 400
    )
    assert_wp_error(api_client.get("/wp-json/wp/v2/blocks/99999"), "rest_post_invalid_id", 404)
    post = PostFactory()
    assert_wp_error(api_client.get(f"/wp-json/wp/v2/blocks/{post.pk}"), "rest_post_invalid_id", 404)


def test_blocks_stay_out_of_posts_and_search(api_client, editor):
    block(title="Hidden block")
    api_client.force_authenticate(editor)
    assert api_client.get("/wp-json/wp/v2/posts").json() == []
    assert api_client.get("/wp-json/wp/v2/search", {"search": "Hidden"}).json() == []


def test_queries_do_not_grow_with_blocks(api_client, editor):
    block()
    api_client.force_authenticate(editor)
    api_client.get("/wp-json/wp/v2/blocks")
    one = count_queries(lambda: api_client.get("/wp-json/wp/v2/blocks", {"context": "edit"}))
    for _ in range(5):
        block()
    assert (
        count_queries(lambda: api_client.get("/wp-json/wp/v2/blocks", {"context": "edit"})) == one
    )


def test_types_lists_wp_block_as_wordpress(api_client):
    body = api_client.get("/wp-json/wp/v2/types").json()
    assert body["wp_block"] == {
        "description": "",
        "hierarchical": False,
        "has_archive": False,
        "name": "Reusable blocks",
        "slug": "wp_block",
        "icon": None,
        "taxonomies": [],
        "rest_base": "blocks",
        "rest_namespace": "wp/v2",
        "_links": {
            "collection": [{"href": "http://testserver/wp-json/wp/v2/types"}],
            "wp:items": [{"href": "http://testserver/wp-json/wp/v2/blocks"}],
            "curies": [{"name": "wp", "href": "https://api.w.org/{rel}", "templated": True}],
        },
    }


@pytest.mark.parametrize(
    ("dump", "path"), [("options-blocks.json", ""), ("options-block-item.json", "/{id}")]
)
def test_options_are_wordpress_own(api_client, dump, path):
    file = DUMP / dump
    if not file.exists():
        pytest.skip("the WordPress dump is not beside this checkout")
    theirs = json.loads(file.read_text())
    item = block()
    ours = api_client.options("/wp-json/wp/v2/blocks" + path.format(id=item.pk)).json()
    schema = theirs["schema"]
    for link in schema.get("links", []):
        link["href"] = link["href"].replace("http://127.0.0.1:8081", "http://testserver")
    assert ours["schema"] == schema
    assert ours["methods"] == theirs["methods"]
    for mine, wp in zip(ours["endpoints"], theirs["endpoints"], strict=True):
        assert mine["methods"] == wp["methods"]
        assert mine["args"] == wp["args"]


def test_type_in_edit_context_has_wordpress_labels(api_client, editor):
    api_client.force_authenticate(editor)
    body = api_client.get("/wp-json/wp/v2/types/wp_block", {"context": "edit"}).json()
    assert body["visibility"] == {"show_in_nav_menus": False, "show_ui": True}
    assert body["viewable"] is False
    assert body["supports"] == {"title": True, "editor": True, "revisions": True}
    assert body["labels"]["add_new_item"] == "Add new Reusable block"
    assert body["labels"]["view_items"] == "View Posts"


def test_deleting_blocks_follows_wordpress_capabilities(api_client, admin_user):
    """wp_block keeps delete_blocks for drafts, a capability no role holds (as in WordPress,
    where even an administrator cannot delete a draft block), while published blocks need
    delete_published_posts."""
    draft = block(status="draft", author=admin_user)
    published = block(author=admin_user)
    api_client.force_authenticate(admin_user)
    response = api_client.delete(f"/wp-json/wp/v2/blocks/{draft.pk}?force=true")
    assert_wp_error(response, "rest_cannot_delete", 403)
    response = api_client.delete(f"/wp-json/wp/v2/blocks/{published.pk}?force=true")
    assert response.status_code == 200
    assert response.json()["deleted"] is True
