"""/wp/v2/menu-locations: the locations the theme declares (settings.WP_MENU_LOCATIONS) and
the menu each shows (the theme mod nav_menu_locations), for edit_theme_options."""

import pytest

from extensions.queries import theme_mods_option
from menus.services import set_menu_locations
from tests.helpers import assert_wp_error, count_queries
from tests.menus.conftest import LOCATIONS, SITE
from wpapi.site import get_option


def location(name: str, description: str, menu: int) -> dict:
    links = {
        "self": [{"href": f"{SITE}/wp-json/wp/v2/menu-locations/{name}"}],
        "collection": [{"href": f"{SITE}/wp-json/wp/v2/menu-locations"}],
    }
    if menu:
        links["wp:menu"] = [{"embeddable": True, "href": f"{SITE}/wp-json/wp/v2/menus/{menu}"}]
        links["curies"] = [{"name": "wp", "href": "https://api.w.org/{rel}", "templated": True}]
    return {"name": name, "description": description, "menu": menu, "_links": links}


def test_locations_with_their_menus(api_client, admin_user, site):
    api_client.force_authenticate(admin_user)
    response = api_client.get(LOCATIONS)
    assert response.status_code == 200
    assert response.json() == {
        "primary": location("primary", "Primary menu", site.main.pk),
        "footer": location("footer", "Footer menu", site.footer.pk),
    }
    assert "X-WP-Total" not in response
    assert response.json()["primary"] == api_client.get(f"{LOCATIONS}/primary").json()


def test_assignments_live_in_the_theme_mods(site):
    assert get_option(theme_mods_option()) == {
        "nav_menu_locations": {"primary": site.main.pk, "footer": site.footer.pk}
    }


@pytest.mark.parametrize("role", ["editor", "author", "contributor", "subscriber"])
def test_locations_need_edit_theme_options(api_client, user_with_role, site, role):
    api_client.force_authenticate(user_with_role(role))
    body = assert_wp_error(api_client.get(LOCATIONS), "rest_cannot_view", 403)
    assert body["message"] == "Sorry, you are not allowed to view menu locations."
    assert_wp_error(api_client.get(f"{LOCATIONS}/primary"), "rest_cannot_view", 403)


def test_anonymous_callers_get_401(api_client, site):
    assert_wp_error(api_client.get(LOCATIONS), "rest_cannot_view", 401)
    # the permission check comes before the location is looked up
    assert_wp_error(api_client.get(f"{LOCATIONS}/nope"), "rest_cannot_view", 401)


def test_unknown_location(api_client, admin_user, site):
    api_client.force_authenticate(admin_user)
    body = assert_wp_error(api_client.get(f"{LOCATIONS}/nope"), "rest_menu_location_invalid", 404)
    assert body["message"] == "Invalid menu location."


def test_unassigned_and_stale_locations(api_client, admin_user, site, settings):
    settings.WP_MENU_LOCATIONS = {"primary": "Primary menu", "mobile": "Mobile menu"}
    set_menu_locations(menu_id=99999, locations=["primary"])  # a menu that does not exist
    api_client.force_authenticate(admin_user)
    assert api_client.get(LOCATIONS).json() == {
        "primary": location("primary", "Primary menu", 0) | {"menu": 99999},
        "mobile": location("mobile", "Mobile menu", 0),
    }


def test_no_locations_is_an_empty_object(api_client, admin_user, settings, db):
    settings.WP_MENU_LOCATIONS = {}
    api_client.force_authenticate(admin_user)
    response = api_client.get(LOCATIONS)
    assert response.content == b"{}"


def test_embedded_menus(api_client, admin_user, site):
    api_client.force_authenticate(admin_user)
    body = api_client.get(f"{LOCATIONS}/primary", {"_embed": "1"}).json()
    assert [menu["name"] for menu in body["_embedded"]["wp:menu"]] == ["Main Menu"]
    assert list(body["_embedded"]["wp:menu"][0]) == ["id", "name", "slug", "_links"]
    # a collection keyed by location is not a list: WordPress embeds nothing in it
    body = api_client.get(LOCATIONS, {"_embed": "1"}).json()
    assert [list(item) for item in body.values()] == [["name", "description", "menu", "_links"]] * 2


def test_queries_do_not_grow_with_locations(api_client, admin_user, site, settings):
    api_client.force_authenticate(admin_user)
    api_client.get(LOCATIONS)
    before = count_queries(lambda: api_client.get(LOCATIONS))
    settings.WP_MENU_LOCATIONS = {
        "primary": "Primary menu",
        "footer": "Footer menu",
        **{f"spot{n}": f"Spot {n}" for n in range(5)},
    }
    set_menu_locations(menu_id=site.footer.pk, locations=[f"spot{n}" for n in range(5)])
    api_client.get(LOCATIONS)
    assert count_queries(lambda: api_client.get(LOCATIONS)) == before
