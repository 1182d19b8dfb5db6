"""The block editor's navigation menus (wp_navigation, /wp/v2/navigation, served by the posts
controller) and what /wp/v2/types and /wp/v2/taxonomies say of nav_menu_item, wp_navigation and
nav_menu, as WordPress 6.1 registers them."""

import pytest

from content.models import Post
from tests.helpers import assert_wp_error

NAVIGATION = "/wp-json/wp/v2/navigation"
SITE = "http://testserver"
BLOCK = '<!-- wp:navigation-link {"label":"Home","url":"/"} /-->'
THEME_CAPS = {
    "edit_post": "edit_post",
    "read_post": "read_post",
    "delete_post": "delete_post",
    "edit_posts": "edit_theme_options",
    "edit_others_posts": "edit_theme_options",
    "delete_posts": "edit_theme_options",
    "publish_posts": "edit_theme_options",
    "read_private_posts": "edit_theme_options",
    "read": "read",
    "delete_private_posts": "edit_theme_options",
    "delete_published_posts": "edit_theme_options",
    "delete_others_posts": "edit_theme_options",
    "edit_private_posts": "edit_theme_options",
    "edit_published_posts": "edit_theme_options",
    "create_posts": "edit_theme_options",
}


@pytest.fixture
def navigation(admin_user, api_client):
    api_client.force_authenticate(admin_user)
    response = api_client.post(
        NAVIGATION, {"title": "Header nav", "content": BLOCK, "status": "publish"}, format="json"
    )
    assert response.status_code == 201, response.content
    api_client.force_authenticate(None)
    return response.json()


def test_create_a_navigation_menu(navigation):
    pk = navigation["id"]
    assert list(navigation) == [
        "id",
        "date",
        "date_gmt",
        "guid",
        "modified",
        "modified_gmt",
        "password",
        "slug",
        "status",
        "type",
        "link",
        "title",
        "content",
        "template",
        "_links",
    ]
    # a core type: linked like a post (get_permalink with /%postname%/)
    assert navigation["link"] == f"{SITE}/header-nav/"
    assert navigation["guid"] == {"rendered": f"{SITE}/header-nav/", "raw": f"{SITE}/header-nav/"}
    assert navigation["content"]["raw"] == BLOCK
    assert list(navigation["_links"]) == [
        "self",
        "collection",
        "about",
        "version-history",
        "wp:attachment",
        "wp:action-publish",
        "wp:action-unfiltered-html",
        "curies",
    ]
    assert navigation["_links"]["version-history"] == [
        {"count": 0, "href": f"{SITE}/wp-json/wp/v2/navigation/{pk}/revisions"}
    ]


@pytest.mark.parametrize("role", [None, "subscriber", "contributor", "editor"])
def test_published_navigation_menus_are_for_everyone(api_client, user_with_role, navigation, role):
    Post.objects.create(type="wp_navigation", status="draft", title="Draft nav")
    if role:
        api_client.force_authenticate(user_with_role(role))
    response = api_client.get(NAVIGATION)
    assert [item["id"] for item in response.json()] == [navigation["id"]]
    status = 403 if role else 401
    body = assert_wp_error(
        api_client.get(f"{NAVIGATION}/{navigation['id']}", {"context": "edit"}),
        "rest_forbidden_context",
        status,
    )
    assert body["message"] == "Sorry, you are not allowed to edit this post."
    body = assert_wp_error(
        api_client.post(NAVIGATION, {"title": "x"}, format="json"), "rest_cannot_create", status
    )
    assert body["message"] == "Sorry, you are not allowed to create posts as this user."
    assert_wp_error(
        api_client.post(f"{NAVIGATION}/{navigation['id']}", {"title": "y"}, format="json"),
        "rest_cannot_edit",
        status,
    )


def test_revisions_and_trash(api_client, admin_user, navigation):
    api_client.force_authenticate(admin_user)
    url = f"{NAVIGATION}/{navigation['id']}"
    api_client.post(url, {"title": "Header nav 2"}, format="json")
    revisions = api_client.get(f"{url}/revisions").json()
    assert [revision["title"]["rendered"] for revision in revisions] == ["Header nav 2"]
    assert api_client.delete(url).json()["status"] == "trash"
    trashed = api_client.get(NAVIGATION, {"status": "trash", "context": "edit"}).json()
    assert [item["id"] for item in trashed] == [navigation["id"]]


def test_types_list_the_menu_types(api_client, admin_user):
    response = api_client.get("/wp-json/wp/v2/types")
    assert list(response.json()) == [
        "post",
        "page",
        "attachment",
        "nav_menu_item",
        "wp_block",
        "wp_navigation",
    ]
    api_client.force_authenticate(admin_user)
    item = api_client.get("/wp-json/wp/v2/types/nav_menu_item", {"context": "edit"}).json()
    item.pop("_links")
    labels = item.pop("labels")
    assert item == {
        "capabilities": THEME_CAPS,
        "description": "",
        "hierarchical": False,
        "has_archive": False,
        "visibility": {"show_in_nav_menus": False, "show_ui": False},
        "viewable": False,
        "name": "Navigation Menu Items",
        "slug": "nav_menu_item",
        "icon": None,
        "supports": {"title": True, "editor": True},
        "taxonomies": ["nav_menu"],
        "rest_base": "menu-items",
        "rest_namespace": "wp/v2",
    }
    assert (labels["all_items"], labels["archives"], labels["add_new_item"]) == (
        "Navigation Menu Items",
        "Navigation Menu Items",
        "Add New Post",
    )
    navigation = api_client.get("/wp-json/wp/v2/types/wp_navigation", {"context": "edit"}).json()
    assert navigation["capabilities"] == THEME_CAPS
    assert navigation["description"] == "Navigation menus that can be inserted into your site."
    assert navigation["visibility"] == {"show_in_nav_menus": False, "show_ui": True}
    assert navigation["supports"] == {"title": True, "editor": True, "revisions": True}
    assert navigation["labels"]["archives"] == "Navigation Menu archives"
    assert navigation["_links"]["wp:items"] == [{"href": f"{SITE}/wp-json/wp/v2/navigation"}]


def test_taxonomies_list_nav_menu(api_client, admin_user, contributor):
    assert api_client.get("/wp-json/wp/v2/taxonomies", {"type": "nav_menu_item"}).json() == {
        "nav_menu": {
            "name": "Navigation Menus",
            "slug": "nav_menu",
            "description": "",
            "types": ["nav_menu_item"],
            "hierarchical": False,
            "rest_base": "menus",
            "rest_namespace": "wp/v2",
            "_links": {
                "collection": [{"href": f"{SITE}/wp-json/wp/v2/taxonomies"}],
                "wp:items": [{"href": f"{SITE}/wp-json/wp/v2/menus"}],
                "curies": [{"name": "wp", "href": "https://api.w.org/{rel}", "templated": True}],
            },
        }
    }
    api_client.force_authenticate(contributor)
    # editing some terms does not make menus manageable
    assert list(api_client.get("/wp-json/wp/v2/taxonomies", {"context": "edit"}).json()) == [
        "category",
        "post_tag",
    ]
    assert_wp_error(
        api_client.get("/wp-json/wp/v2/taxonomies/nav_menu", {"context": "edit"}),
        "rest_forbidden_context",
        403,
    )
    api_client.force_authenticate(admin_user)
    body = api_client.get("/wp-json/wp/v2/taxonomies/nav_menu", {"context": "edit"}).json()
    assert body["capabilities"] == dict.fromkeys(
        ("manage_terms", "edit_terms", "delete_terms", "assign_terms"), "edit_theme_options"
    )
    assert body["show_cloud"] is False
    assert body["visibility"] == {
        "public": False,
        "publicly_queryable": False,
        "show_admin_column": False,
        "show_in_nav_menus": False,
        "show_in_quick_edit": False,
        "show_ui": False,
    }
    assert (body["labels"]["all_items"], body["labels"]["archives"]) == (
        "Navigation Menus",
        "Navigation Menus",
    )


def test_menus_are_no_search_subtype(api_client, db):
    from menus.services import menu_create
    from tests.menus.conftest import add_item

    add_item(menu_create(name="Main"), title="Findable", url="/")
    assert api_client.get("/wp-json/wp/v2/search", {"search": "Findable"}).json() == []
