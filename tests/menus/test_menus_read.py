"""Reading /wp/v2/menus as WordPress 6.1 answers it: who may (edit_theme_options or editing some
post type), the menu's fields (locations, auto_add), links, ?post= and _embed."""

import pytest

from menus.services import set_menu_auto_add
from tests.helpers import assert_wp_error, count_queries
from tests.menus.conftest import MENUS, ROLES_THAT_READ, SITE, add_item


def expected_main(site) -> dict:
    """The reference site's answer for its Main Menu (view context), with our IDs."""
    return {
        "id": site.main.pk,
        "description": "",
        "name": "Main Menu",
        "slug": "main-menu",
        "meta": [],
        "locations": ["primary"],
        "auto_add": False,
        "_links": {
            "self": [{"href": f"{SITE}/wp-json/wp/v2/menus/{site.main.pk}"}],
            "collection": [{"href": f"{SITE}/wp-json/wp/v2/menus"}],
            "about": [{"href": f"{SITE}/wp-json/wp/v2/taxonomies/nav_menu"}],
            "wp:post_type": [{"href": f"{SITE}/wp-json/wp/v2/menu-items?menus={site.main.pk}"}],
            "wp:menu-location": [
                {"embeddable": True, "href": f"{SITE}/wp-json/wp/v2/menu-locations/primary"}
            ],
            "curies": [{"name": "wp", "href": "https://api.w.org/{rel}", "templated": True}],
        },
    }


@pytest.mark.parametrize("role", ROLES_THAT_READ)
def test_roles_that_edit_some_post_type_read_menus(api_client, user_with_role, site, role):
    api_client.force_authenticate(user_with_role(role))
    response = api_client.get(MENUS)
    assert response.status_code == 200
    body = response.json()
    assert [menu["name"] for menu in body] == ["Footer Menu", "Main Menu"]  # by name
    assert body[1] == expected_main(site)
    assert response["X-WP-Total"] == "2"
    assert response["X-WP-TotalPages"] == "1"


def test_anonymous_may_not_read_menus(api_client, site):
    body = assert_wp_error(api_client.get(MENUS), "rest_cannot_view", 401)
    assert body["message"] == "Sorry, you are not allowed to view menus."
    assert_wp_error(api_client.get(f"{MENUS}/{site.main.pk}"), "rest_cannot_view", 401)


def test_subscriber_may_not_read_menus(api_client, subscriber, site):
    api_client.force_authenticate(subscriber)
    assert_wp_error(api_client.get(MENUS), "rest_cannot_view", 403)
    assert_wp_error(api_client.get(f"{MENUS}/{site.main.pk}"), "rest_cannot_view", 403)


def test_one_menu(api_client, author, site):
    api_client.force_authenticate(author)
    response = api_client.get(f"{MENUS}/{site.main.pk}")
    assert response.status_code == 200
    assert response.json() == expected_main(site)
    assert response["Allow"] == "GET"


def test_unknown_menu_is_rest_term_invalid(api_client, admin_user, site):
    api_client.force_authenticate(admin_user)
    body = assert_wp_error(api_client.get(f"{MENUS}/99999"), "rest_term_invalid", 404)
    assert body["message"] == "Term does not exist."
    # a term of another taxonomy is not a menu
    assert_wp_error(api_client.get(f"{MENUS}/{site.news.pk}"), "rest_term_invalid", 404)


@pytest.mark.parametrize(("role", "status"), [("editor", 403), ("author", 403)])
def test_edit_context_needs_edit_theme_options(api_client, user_with_role, site, role, status):
    api_client.force_authenticate(user_with_role(role))
    body = assert_wp_error(
        api_client.get(MENUS, {"context": "edit"}), "rest_forbidden_context", status
    )
    assert body["message"] == "Sorry, you are not allowed to edit terms in this taxonomy."
    body = assert_wp_error(
        api_client.get(f"{MENUS}/{site.main.pk}", {"context": "edit"}),
        "rest_forbidden_context",
        status,
    )
    assert body["message"] == "Sorry, you are not allowed to edit this term."


def test_edit_context_for_administrators(api_client, admin_user, site):
    api_client.force_authenticate(admin_user)
    response = api_client.get(f"{MENUS}/{site.main.pk}", {"context": "edit"})
    assert response.status_code == 200
    assert response.json() == expected_main(site)
    assert response["Allow"] == "GET, POST, PUT, PATCH, DELETE"


def test_embed_context_keeps_id_name_and_slug(api_client, admin_user, site):
    api_client.force_authenticate(admin_user)
    body = api_client.get(f"{MENUS}/{site.main.pk}", {"context": "embed"}).json()
    assert list(body) == ["id", "name", "slug", "_links"]


def test_auto_add_and_several_locations(api_client, admin_user, site, settings):
    settings.WP_MENU_LOCATIONS = {"primary": "Primary", "footer": "Footer", "mobile": "Mobile"}
    from menus.services import set_menu_locations

    set_menu_locations(menu_id=site.main.pk, locations=["primary", "mobile"])
    set_menu_auto_add(menu_id=site.footer.pk, auto_add=True)
    api_client.force_authenticate(admin_user)
    main = api_client.get(f"{MENUS}/{site.main.pk}").json()
    assert main["locations"] == ["primary", "mobile"]
    assert [link["href"] for link in main["_links"]["wp:menu-location"]] == [
        f"{SITE}/wp-json/wp/v2/menu-locations/primary",
        f"{SITE}/wp-json/wp/v2/menu-locations/mobile",
    ]
    assert api_client.get(f"{MENUS}/{site.footer.pk}").json()["auto_add"] is True


def test_post_filter_lists_the_menu_of_an_item(api_client, contributor, site):
    api_client.force_authenticate(contributor)
    response = api_client.get(MENUS, {"post": site.items["external"].pk})
    assert [menu["id"] for menu in response.json()] == [site.footer.pk]


def test_post_filter_refuses_anonymous_and_unknown_posts(api_client, admin_user, site):
    # a menu item is not publicly viewable: anonymous callers fail the terms' own check first
    body = assert_wp_error(
        api_client.get(MENUS, {"post": site.items["home"].pk}), "rest_forbidden_context", 401
    )
    assert body["message"] == "Sorry, you are not allowed to view terms for this post."
    api_client.force_authenticate(admin_user)
    assert_wp_error(api_client.get(MENUS, {"post": 99999}), "rest_post_invalid_id", 400)
    # a post of a type that has no menus
    assert api_client.get(MENUS, {"post": site.about.pk}).status_code == 403


def test_arguments_are_the_terms(api_client, admin_user, site):
    api_client.force_authenticate(admin_user)
    assert [m["slug"] for m in api_client.get(MENUS, {"search": "foot"}).json()] == ["footer-menu"]
    assert [m["slug"] for m in api_client.get(MENUS, {"slug": "main-menu"}).json()] == ["main-menu"]
    ordered = api_client.get(MENUS, {"orderby": "id", "order": "desc"}).json()
    assert [m["id"] for m in ordered] == [site.footer.pk, site.main.pk]
    body = assert_wp_error(api_client.get(MENUS, {"per_page": 0}), "rest_invalid_param", 400)
    assert "per_page" in body["data"]["params"]
    # past the end: an empty page, as for every taxonomy
    assert api_client.get(MENUS, {"page": 9}).json() == []


def test_embedded_locations(api_client, admin_user, site):
    api_client.force_authenticate(admin_user)
    body = api_client.get(f"{MENUS}/{site.main.pk}", {"_embed": "1"}).json()
    assert body["_embedded"]["wp:menu-location"] == [
        {
            "name": "primary",
            "description": "Primary menu",
            "menu": site.main.pk,
            "_links": {
                "self": [{"href": f"{SITE}/wp-json/wp/v2/menu-locations/primary"}],
                "collection": [{"href": f"{SITE}/wp-json/wp/v2/menu-locations"}],
                "wp:menu": [
                    {"embeddable": True, "href": f"{SITE}/wp-json/wp/v2/menus/{site.main.pk}"}
                ],
                "curies": [{"name": "wp", "href": "https://api.w.org/{rel}", "templated": True}],
            },
        }
    ]


def test_list_queries_do_not_grow_with_menus(api_client, admin_user, site, settings):
    from menus.services import menu_create, set_menu_locations

    settings.WP_MENU_LOCATIONS = {
        "primary": "Primary menu",
        "footer": "Footer menu",
        **{f"spot{n}": f"Spot {n}" for n in range(6)},
    }
    api_client.force_authenticate(admin_user)
    query = {"_embed": "1", "per_page": 50}
    api_client.get(MENUS, query)
    few = count_queries(lambda: api_client.get(MENUS, query))
    for n in range(6):
        menu = menu_create(name=f"Extra {n}")
        add_item(menu, title=f"Link {n}", url="https://example.com/")
        set_menu_locations(menu_id=menu.pk, locations=[f"spot{n}"])
    api_client.get(MENUS, query)  # the options changed: read them again before counting
    assert count_queries(lambda: api_client.get(MENUS, query)) == few
