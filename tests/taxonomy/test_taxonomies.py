"""/wp/v2/taxonomies: an object keyed by taxonomy, WordPress's fields per context and rules."""

import pytest

from tests.helpers import assert_wp_error

URL = "/wp-json/wp/v2/taxonomies"

CATEGORY_VIEW = {
    "name": "Categories",
    "slug": "category",
    "description": "",
    "types": ["post"],
    "hierarchical": True,
    "rest_base": "categories",
    "rest_namespace": "wp/v2",
    "_links": {
        "collection": [{"href": "http://testserver/wp-json/wp/v2/taxonomies"}],
        "wp:items": [{"href": "http://testserver/wp-json/wp/v2/categories"}],
        "curies": [{"name": "wp", "href": "https://api.w.org/{rel}", "templated": True}],
    },
}


def test_list_is_an_object_keyed_by_taxonomy(api_client):
    response = api_client.get(URL)
    assert response.status_code == 200
    body = response.json()
    # nav_menu (classic menus) is listed too: it is shown in REST, as in WordPress
    assert list(body) == ["category", "post_tag", "nav_menu"]
    assert body["category"] == CATEGORY_VIEW
    assert body["post_tag"]["hierarchical"] is False
    assert body["post_tag"]["rest_base"] == "tags"
    assert "X-WP-Total" not in response


def test_single_taxonomy_matches_wordpress(api_client):
    response = api_client.get(f"{URL}/category")
    assert response.status_code == 200
    assert response.json() == CATEGORY_VIEW
    assert list(response.json()) == list(CATEGORY_VIEW)


def test_embed_context_fields(api_client):
    body = api_client.get(f"{URL}/post_tag", {"context": "embed"}).json()
    assert [key for key in body if key != "_links"] == [
        "name",
        "slug",
        "rest_base",
        "rest_namespace",
    ]


def test_unknown_taxonomy_is_404(api_client):
    assert_wp_error(api_client.get(f"{URL}/nope"), "rest_taxonomy_invalid", 404)


@pytest.mark.parametrize("slug", ["post_format", "link_category", "wp_theme"])
def test_core_taxonomies_kept_out_of_rest_are_refused(api_client, admin_user, slug):
    """They exist in WordPress without show_in_rest: the permission check answers false."""
    assert_wp_error(api_client.get(f"{URL}/{slug}"), "rest_forbidden", 401)
    api_client.force_authenticate(admin_user)
    body = assert_wp_error(api_client.get(f"{URL}/{slug}"), "rest_forbidden", 403)
    assert body["message"] == "Sorry, you are not allowed to do that."


def test_a_taxonomy_query_parameter_wins_over_the_route(api_client):
    # WP_REST_Request reads the query string before the route's own parameters
    assert_wp_error(
        api_client.get(f"{URL}/post_format", {"taxonomy": "nope"}), "rest_taxonomy_invalid", 404
    )
    assert api_client.get(f"{URL}/nope", {"taxonomy": "category"}).json()["slug"] == "category"


def test_type_zero_is_no_filter(api_client):
    # PHP's empty("0"): every taxonomy, as without the argument
    assert list(api_client.get(URL, {"type": "0"}).json()) == ["category", "post_tag", "nav_menu"]


@pytest.mark.parametrize(
    ("post_type", "expected"),
    [
        ("post", ["category", "post_tag"]),
        ("page", []),
        ("nope", []),
    ],
)
def test_type_filter(api_client, post_type, expected):
    response = api_client.get(URL, {"type": post_type})
    assert response.status_code == 200
    assert list(response.json()) == expected
    assert response.content.startswith(b"{")  # empty is {} as in WordPress, not []


def test_edit_context_anonymous_is_rest_cannot_view(api_client):
    body = assert_wp_error(api_client.get(URL, {"context": "edit"}), "rest_cannot_view", 401)
    assert body["message"] == "Sorry, you are not allowed to manage terms in this taxonomy."


def test_single_edit_context_anonymous_is_rest_forbidden_context(api_client):
    assert_wp_error(
        api_client.get(f"{URL}/category", {"context": "edit"}), "rest_forbidden_context", 401
    )


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("administrator", 200),
        ("editor", 200),
        ("author", 200),
        ("contributor", 200),
        ("subscriber", 403),
    ],
)
def test_edit_context_needs_assign_terms(api_client, user_with_role, role, status):
    api_client.force_authenticate(user_with_role(role))
    assert api_client.get(URL, {"context": "edit"}).status_code == status
    assert api_client.get(f"{URL}/post_tag", {"context": "edit"}).status_code == status


def test_edit_context_fields_match_wordpress(api_client, editor):
    api_client.force_authenticate(editor)
    body = api_client.get(f"{URL}/category", {"context": "edit"}).json()
    assert list(body) == [
        "name",
        "slug",
        "capabilities",
        "description",
        "labels",
        "types",
        "show_cloud",
        "hierarchical",
        "rest_base",
        "rest_namespace",
        "visibility",
        "_links",
    ]
    assert body["capabilities"] == {
        "manage_terms": "manage_categories",
        "edit_terms": "edit_categories",
        "delete_terms": "delete_categories",
        "assign_terms": "assign_categories",
    }
    assert body["visibility"] == {
        "public": True,
        "publicly_queryable": True,
        "show_admin_column": True,
        "show_in_nav_menus": True,
        "show_in_quick_edit": True,
        "show_ui": True,
    }
    labels = body["labels"]
    assert labels["search_items"] == "Search Categories"
    assert labels["popular_items"] is None
    assert labels["parent_item_colon"] == "Parent Category:"
    assert labels["back_to_items"] == "&larr; Go to Categories"
    assert labels["menu_name"] == "Categories"
    assert labels["name_admin_bar"] == "category"
    assert list(labels)[-2:] == ["menu_name", "name_admin_bar"]
    assert len(labels) == 30


def test_tag_labels_are_the_flat_defaults(api_client, editor):
    api_client.force_authenticate(editor)
    labels = api_client.get(f"{URL}/post_tag", {"context": "edit"}).json()["labels"]
    assert labels["popular_items"] == "Popular Tags"
    assert labels["parent_item"] is None
    assert labels["separate_items_with_commas"] == "Separate tags with commas"
    assert labels["name_admin_bar"] == "post_tag"


def test_project_taxonomy_is_listed_with_its_labels(api_client, editor, genre_taxonomy):
    api_client.force_authenticate(editor)
    body = api_client.get(URL, {"context": "edit"}).json()
    assert list(body) == ["category", "post_tag", "genre"]
    genre = body["genre"]
    assert genre["rest_base"] == "genres"
    assert genre["hierarchical"] is True
    assert genre["labels"]["name"] == "Genres"
    assert genre["labels"]["singular_name"] == "Genre"
    assert genre["labels"]["name_admin_bar"] == "Genre"
    assert genre["labels"]["archives"] == "Genres"
    assert genre["labels"]["search_items"] == "Search Categories"
    assert genre["_links"]["wp:items"] == [{"href": "http://testserver/wp-json/wp/v2/genres"}]


def test_options_describe_route_and_schema(api_client):
    body = api_client.options(f"{URL}/category").json()
    assert body["methods"] == ["GET"]
    assert list(body["endpoints"][0]["args"]) == ["taxonomy", "context"]
    assert body["schema"]["title"] == "taxonomy"


def test_nested_fields_leave_the_field_out_as_wordpress(api_client, editor):
    api_client.force_authenticate(editor)
    body = api_client.get(
        f"{URL}/category", {"context": "edit", "_fields": "visibility.public,name"}
    ).json()
    assert body == {"name": "Categories"}
    assert api_client.get(URL, {"_fields": "category.name"}).json() == {"category": []}
    assert api_client.get(URL, {"_fields": "name"}).json() == []
