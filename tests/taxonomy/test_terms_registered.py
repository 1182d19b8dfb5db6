"""A project taxonomy from settings.WP_TAXONOMIES gets the same terms route; the default
category exists from the start."""

from taxonomy.models import Term
from taxonomy.services import default_category
from tests.factories import PostFactory
from tests.helpers import assert_wp_error

GENRES = "/wp-json/wp/v2/genres"


def test_default_category_is_uncategorized_with_id_1(api_client):
    from wpapi.site import get_option

    assert get_option("default_category") == 1
    term = default_category()
    assert (term.pk, term.slug, term.name) == (1, "uncategorized", "Uncategorized")
    assert Term.objects.filter(taxonomy="category").count() == 1
    body = api_client.get("/wp-json/wp/v2/categories/1").json()
    assert body["link"] == "http://testserver/category/uncategorized/"


def test_project_taxonomy_crud(api_client, editor, genre_taxonomy):
    api_client.force_authenticate(editor)
    response = api_client.post(GENRES, {"name": "Jazz"}, format="json")
    assert response.status_code == 201
    jazz = response.json()
    assert jazz["taxonomy"] == "genre"
    assert jazz["link"] == "http://testserver/genre/jazz/"
    assert jazz["meta"] == []
    assert response["Location"] == f"http://testserver{GENRES}/{jazz['id']}"
    child = api_client.post(GENRES, {"name": "Bebop", "parent": jazz["id"]}, format="json").json()
    assert child["parent"] == jazz["id"]
    assert child["link"] == "http://testserver/genre/bebop/"  # rewrite is not hierarchical
    assert child["_links"]["up"][0]["href"] == f"http://testserver{GENRES}/{jazz['id']}"
    assert child["_links"]["about"] == [
        {"href": "http://testserver/wp-json/wp/v2/taxonomies/genre"}
    ]
    assert child["_links"]["wp:post_type"] == [
        {"href": f"http://testserver/wp-json/wp/v2/posts?genres={child['id']}"}
    ]
    post = PostFactory(terms=[Term.objects.get(pk=child["id"])])
    listed = api_client.get(GENRES, {"post": post.pk}).json()
    assert [(t["id"], t["count"]) for t in listed] == [(child["id"], 1)]
    deleted = api_client.delete(f"{GENRES}/{jazz['id']}", {"force": True}, format="json")
    assert deleted.status_code == 200
    assert Term.objects.get(pk=child["id"]).parent_id is None


def test_project_taxonomy_terms_are_separate(api_client, genre_taxonomy):
    category = Term.objects.get(slug="uncategorized")
    assert_wp_error(api_client.get(f"{GENRES}/{category.pk}"), "rest_term_invalid", 404)


def test_project_taxonomy_capabilities(api_client, author, genre_taxonomy):
    api_client.force_authenticate(author)
    # hierarchical: creating needs edit_terms (manage_categories by default)
    assert_wp_error(
        api_client.post(GENRES, {"name": "Jazz"}, format="json"), "rest_cannot_create", 403
    )


def test_project_taxonomy_options(api_client, genre_taxonomy):
    body = api_client.options(GENRES).json()
    assert body["schema"]["title"] == "genre"
    assert body["schema"]["properties"]["taxonomy"]["enum"] == ["genre"]
    assert "parent" in body["endpoints"][0]["args"]


def test_post_type_registered_with_a_taxonomy_joins_its_object_types(api_client, settings):
    settings.WP_POST_TYPES = {
        "book": {"name": "Books", "rest_base": "books", "taxonomies": ["category"]}
    }
    body = api_client.get("/wp-json/wp/v2/taxonomies/category").json()
    assert body["types"] == ["post", "book"]
    assert "category" in api_client.get("/wp-json/wp/v2/taxonomies", {"type": "book"}).json()
    links = api_client.get("/wp-json/wp/v2/categories/1").json()["_links"]["wp:post_type"]
    assert links == [
        {"href": "http://testserver/wp-json/wp/v2/posts?categories=1"},
        {"href": "http://testserver/wp-json/wp/v2/books?categories=1"},
    ]


def test_private_project_taxonomy_visibility_follows_public(api_client, editor, settings):
    settings.WP_TAXONOMIES = {"mood": {"public": False, "show_ui": True}}
    api_client.force_authenticate(editor)
    body = api_client.get("/wp-json/wp/v2/taxonomies/mood", {"context": "edit"}).json()
    assert body["visibility"] == {
        "public": False,
        "publicly_queryable": False,
        "show_admin_column": False,
        "show_in_nav_menus": False,
        "show_in_quick_edit": True,
        "show_ui": True,
    }
    assert body["show_cloud"] is True
    assert body["rest_base"] == "mood"
    assert body["name"] == "Mood"


def test_taxonomy_hidden_from_rest(api_client, settings):
    settings.WP_TAXONOMIES = {"secret": {"show_in_rest": False}}
    assert "secret" not in api_client.get("/wp-json/wp/v2/taxonomies").json()
    assert_wp_error(api_client.get("/wp-json/wp/v2/taxonomies/secret"), "rest_forbidden", 401)
