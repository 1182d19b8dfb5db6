"""A post type registered in settings gets a route like posts; the demo site exercises the
posts and pages resources."""

import pytest
from django.core.management import call_command

from content.models import Post
from content.views import post_type_viewset
from tests.content.conftest import PAGES, POSTS, SITE, ids
from tests.helpers import assert_wp_error
from wpapi.routing import router

BOOKS = "/wp-json/wp/v2/books"


@pytest.fixture
def books(settings):
    settings.WP_POST_TYPES = {
        "book": {
            "name": "Books",
            "singular_name": "Book",
            "rest_base": "books",
            "hierarchical": False,
        }
    }
    import wpapi.urls  # noqa: F401 - the full route table first, then ours on top

    before = list(router.routes)
    router.register("/wp/v2/books", post_type_viewset("book"))
    yield
    router.routes[:] = before


def test_custom_type_crud(api_client, editor, books):
    api_client.force_authenticate(editor)
    response = api_client.post(BOOKS, {"title": "Dune", "status": "publish"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["type"] == "book"
    assert body["link"] == f"{SITE}/book/dune/"
    assert "sticky" not in body
    assert "categories" not in body
    assert body["_links"]["about"] == [{"href": f"{SITE}/wp-json/wp/v2/types/book"}]
    assert ids(api_client.get(BOOKS)) == [body["id"]]
    assert ids(api_client.get(POSTS)) == []
    assert_wp_error(api_client.get(f"{POSTS}/{body['id']}"), "rest_post_invalid_id", 404)
    assert api_client.delete(f"{BOOKS}/{body['id']}?force=true").json()["deleted"] is True


def test_custom_type_listed_in_types(api_client, books):
    body = api_client.get("/wp-json/wp/v2/types").json()
    assert body["book"]["rest_base"] == "books"
    assert body["book"]["_links"]["wp:items"] == [{"href": f"{SITE}/wp-json/wp/v2/books"}]


def test_head_on_collection_has_headers_only(api_client):
    from tests.factories import PostFactory

    PostFactory()
    response = api_client.head(POSTS)
    assert response.status_code == 200
    assert response["X-WP-Total"] == "1"
    assert response.content == b""


def test_demo_site_exercises_posts_and_pages(api_client, admin_user, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    published = api_client.get(POSTS, {"per_page": 100})
    assert int(published["X-WP-Total"]) >= 12
    titles = [post["title"]["rendered"] for post in published.json()]
    assert "Hello world!" in titles
    assert ids(api_client.get(POSTS, {"sticky": "true"}))
    secret = api_client.get(POSTS, {"slug": "password-protected-post"}).json()[0]
    assert secret["content"] == {"rendered": "", "protected": True}
    assert api_client.get(f"{POSTS}/{secret['id']}", {"password": "secret"}).json()["content"][
        "rendered"
    ]
    formats = {post["format"] for post in published.json()}
    assert {"standard", "aside", "quote"} <= formats
    api_client.force_authenticate(admin_user)
    statuses = {
        post["status"] for post in api_client.get(POSTS, {"status": "any", "per_page": 100}).json()
    }
    assert statuses == {"publish", "draft", "pending", "private", "future"}
    assert ids(api_client.get(POSTS, {"status": "trash"}))
    team = api_client.get(PAGES, {"slug": "team"}).json()[0]
    assert team["link"].endswith("/about/team/")
    contact = api_client.get(PAGES, {"slug": "contact"}).json()[0]
    assert contact["menu_order"] == 3
    edited = Post.objects.get(slug="reference-post-2")
    assert Post.objects.filter(type="revision", parent=edited).count() == 2
    assert api_client.get(PAGES, {"status": "draft"}).json()


def test_custom_type_naming_a_taxonomy_gets_its_field_and_filter(api_client, editor, settings):
    import wpapi.urls  # noqa: F401
    from tests.factories import TermFactory

    settings.WP_POST_TYPES = {
        "recipe": {"name": "Recipes", "rest_base": "recipes", "taxonomies": ["category"]}
    }
    before = list(router.routes)
    router.register("/wp/v2/recipes", post_type_viewset("recipe"))
    try:
        soup = TermFactory(name="Soup")
        api_client.force_authenticate(editor)
        body = api_client.post(
            "/wp-json/wp/v2/recipes",
            {"title": "Leek", "status": "publish", "categories": [soup.pk]},
            format="json",
        ).json()
        assert body["categories"] == [soup.pk]
        assert body["_links"]["wp:term"][0]["taxonomy"] == "category"
        assert ids(api_client.get("/wp-json/wp/v2/recipes", {"categories": soup.pk})) == [
            body["id"]
        ]
        types = api_client.get("/wp-json/wp/v2/types").json()
        assert types["recipe"]["taxonomies"] == ["category"]
    finally:
        router.routes[:] = before


def test_demo_posts_carry_the_reference_sites_text(api_client, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    post = api_client.get(POSTS, {"slug": "reference-post-3"}).json()[0]
    # sample-post-single.txt from the reference WordPress
    assert post["title"]["rendered"] == "Reference post 3: Minim ex proident sunt"
    assert post["content"]["rendered"].startswith(
        "\n<p>Deserunt consequat proident exercitation nostrud cupidatat minim mollit velit irure"
    )
    assert post["excerpt"]["rendered"] == "<p>Hand-written excerpt for post 3.</p>\n"
    assert post["format"] == "aside"


def test_types_and_statuses_registered_in_code(api_client, editor):
    from wpapi import registry

    registry.register_post_type("event", name="Events", rest_base="events")
    registry.register_post_status("archived", "Archived", protected=True)
    try:
        types = api_client.get("/wp-json/wp/v2/types").json()
        assert types["event"]["rest_base"] == "events"
        api_client.force_authenticate(editor)
        statuses = api_client.get("/wp-json/wp/v2/statuses").json()
        assert statuses["archived"]["name"] == "Archived"
    finally:
        registry.REGISTERED_TYPES.pop("event", None)
        registry.REGISTERED_STATUSES.pop("archived", None)
