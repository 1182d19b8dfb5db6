"""/wp/v2/types and /wp/v2/statuses: keyed objects, fields per context, permissions."""

import pytest

from tests.content.conftest import SITE
from tests.helpers import assert_wp_error

TYPES = "/wp-json/wp/v2/types"
STATUSES = "/wp-json/wp/v2/statuses"
PRIVATE_ARCHIVES = f"{SITE}/wp-json/wp/v2/posts?status=private"
CURIES = [{"name": "wp", "href": "https://api.w.org/{rel}", "templated": True}]


def test_types_keyed_by_slug_as_wordpress(api_client):
    response = api_client.get(TYPES)
    assert response.status_code == 200
    assert response["Allow"] == "GET"
    body = response.json()
    assert list(body)[:3] == ["post", "page", "attachment"]
    assert "revision" not in body
    assert body["post"] == {
        "description": "",
        "hierarchical": False,
        "has_archive": False,
        "name": "Posts",
        "slug": "post",
        "icon": "dashicons-admin-post",
        "taxonomies": ["category", "post_tag"],
        "rest_base": "posts",
        "rest_namespace": "wp/v2",
        "_links": {
            "collection": [{"href": f"{SITE}/wp-json/wp/v2/types"}],
            "wp:items": [{"href": f"{SITE}/wp-json/wp/v2/posts"}],
            "curies": CURIES,
        },
    }
    assert body["page"]["hierarchical"] is True
    assert body["page"]["taxonomies"] == []
    assert body["attachment"]["rest_base"] == "media"


def test_single_type_edit_context(api_client, contributor):
    api_client.force_authenticate(contributor)
    body = api_client.get(f"{TYPES}/post", {"context": "edit"}).json()
    assert list(body) == [
        "capabilities",
        "description",
        "hierarchical",
        "has_archive",
        "visibility",
        "viewable",
        "labels",
        "name",
        "slug",
        "icon",
        "supports",
        "taxonomies",
        "rest_base",
        "rest_namespace",
        "_links",
    ]
    assert body["capabilities"]["create_posts"] == "edit_posts"
    assert body["labels"]["add_new_item"] == "Add New Post"
    assert body["labels"]["parent_item_colon"] is None
    assert body["supports"]["post-formats"] is True
    assert body["visibility"] == {"show_in_nav_menus": True, "show_ui": True}


def test_page_labels_match_wordpress(api_client, editor):
    api_client.force_authenticate(editor)
    labels = api_client.get(f"{TYPES}/page", {"context": "edit"}).json()["labels"]
    assert labels["parent_item_colon"] == "Parent Page:"
    assert labels["not_found"] == "No pages found."
    assert labels["item_link_description"] == "A link to a page."
    assert labels["items_list_navigation"] == "Pages list navigation"


def test_type_embed_context(api_client):
    body = api_client.get(f"{TYPES}/page", {"context": "embed"}).json()
    assert list(body) == ["name", "slug", "icon", "rest_base", "rest_namespace", "_links"]


def test_unknown_type(api_client):
    body = assert_wp_error(api_client.get(f"{TYPES}/nope"), "rest_type_invalid", 404)
    assert body["message"] == "Invalid post type."
    body = assert_wp_error(api_client.get(f"{TYPES}/revision"), "rest_cannot_read_type", 401)
    assert body["message"] == "Cannot view post type."


def test_types_edit_context_needs_edit_posts(api_client, subscriber):
    body = assert_wp_error(api_client.get(TYPES, {"context": "edit"}), "rest_cannot_view", 401)
    assert body["message"] == "Sorry, you are not allowed to edit posts in this post type."
    api_client.force_authenticate(subscriber)
    assert_wp_error(api_client.get(TYPES, {"context": "edit"}), "rest_cannot_view", 403)
    body = assert_wp_error(
        api_client.get(f"{TYPES}/post", {"context": "edit"}), "rest_forbidden_context", 403
    )
    assert body["message"] == "Sorry, you are not allowed to edit posts in this post type."


def test_contributor_edit_list_skips_types_they_cannot_edit(api_client, contributor):
    api_client.force_authenticate(contributor)
    body = api_client.get(TYPES, {"context": "edit"}).json()
    assert "post" in body
    assert "page" not in body


def test_statuses_for_anonymous_is_publish_only(api_client):
    body = api_client.get(STATUSES).json()
    assert body == {
        "publish": {
            "name": "Published",
            "public": True,
            "queryable": True,
            "slug": "publish",
            "date_floating": False,
            "_links": {"archives": [{"href": f"{SITE}/wp-json/wp/v2/posts"}]},
        }
    }


@pytest.mark.parametrize("role", ["contributor", "author", "editor", "administrator"])
def test_statuses_for_writers(api_client, user_with_role, role):
    api_client.force_authenticate(user_with_role(role))
    body = api_client.get(STATUSES).json()
    assert list(body) == ["publish", "future", "draft", "pending", "private", "trash"]
    assert body["draft"] == {
        "name": "Draft",
        "public": False,
        "queryable": False,
        "slug": "draft",
        "date_floating": True,
        "_links": {"archives": [{"href": f"{SITE}/wp-json/wp/v2/posts?status=draft"}]},
    }


def test_subscriber_sees_publish_only(api_client, subscriber):
    api_client.force_authenticate(subscriber)
    assert list(api_client.get(STATUSES).json()) == ["publish"]
    assert_wp_error(api_client.get(f"{STATUSES}/draft"), "rest_cannot_read_status", 403)


def test_status_edit_context(api_client, editor):
    api_client.force_authenticate(editor)
    body = api_client.get(f"{STATUSES}/draft", {"context": "edit"}).json()
    assert body == {
        "name": "Draft",
        "private": False,
        "protected": True,
        "public": False,
        "queryable": False,
        "show_in_list": True,
        "slug": "draft",
        "date_floating": True,
        "_links": {"archives": [{"href": f"{SITE}/wp-json/wp/v2/posts?status=draft"}]},
    }


def test_statuses_edit_context_needs_edit_posts(api_client):
    body = assert_wp_error(api_client.get(STATUSES, {"context": "edit"}), "rest_cannot_view", 401)
    assert body["message"] == "Sorry, you are not allowed to manage post statuses."


def test_unknown_and_internal_statuses(api_client, editor):
    body = assert_wp_error(api_client.get(f"{STATUSES}/nope"), "rest_status_invalid", 404)
    assert body["message"] == "Invalid status."
    api_client.force_authenticate(editor)
    assert_wp_error(api_client.get(f"{STATUSES}/inherit"), "rest_cannot_read_status", 403)
    assert api_client.get(f"{STATUSES}/trash").status_code == 200


def test_status_refusals_carry_no_allow(api_client):
    response = api_client.get(f"{STATUSES}/trash")
    assert_wp_error(response, "rest_cannot_read_status", 401)
    assert not response.has_header("Allow")
    assert not api_client.get(f"{STATUSES}/nope").has_header("Allow")
    assert api_client.get(f"{STATUSES}/publish")["Allow"] == "GET"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "fields", "expected"),
    [
        # each item gets the fields _fields names (none here), then the whole is trimmed
        (
            "statuses",
            "private,meta.ref_rating",
            {"private": {"_links": {"archives": [{"href": PRIVATE_ARCHIVES}]}}},
        ),
        ("statuses", "private.name", {"private": []}),  # statuses' links are always added
        ("types", "post,x", {"post": []}),  # types' and taxonomies' only when asked
        ("taxonomies", "category.name", {"category": []}),
        ("types", "post.name,post.slug", {"post": []}),
    ],
)
def test_keyed_collections_and_fields(api_client, editor, path, fields, expected):
    api_client.force_authenticate(editor)
    response = api_client.get(f"/wp-json/wp/v2/{path}", {"_fields": fields})
    assert response.status_code == 200
    assert response.json() == expected
