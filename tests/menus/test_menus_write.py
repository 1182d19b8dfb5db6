"""Creating, updating and deleting menus through /wp/v2/menus, with WordPress 6.1's answers
(wp_update_nav_menu_object's rules and quirks included)."""

import pytest

from content.models import Post
from extensions.queries import get_theme_mod
from menus.queries import auto_add_menus, nav_menu_locations
from taxonomy.models import Term, TermRelationship
from tests.helpers import assert_wp_error
from tests.menus.conftest import MENUS, SITE


@pytest.mark.parametrize(
    ("role", "status"),
    [("editor", 403), ("author", 403), ("contributor", 403), ("subscriber", 403)],
)
def test_writing_menus_needs_edit_theme_options(api_client, user_with_role, site, role, status):
    api_client.force_authenticate(user_with_role(role))
    body = assert_wp_error(
        api_client.post(MENUS, {"name": "Mine"}, format="json"), "rest_cannot_create", status
    )
    assert body["message"] == "Sorry, you are not allowed to create terms in this taxonomy."
    body = assert_wp_error(
        api_client.post(f"{MENUS}/{site.main.pk}", {"name": "x"}, format="json"),
        "rest_cannot_update",
        status,
    )
    assert body["message"] == "Sorry, you are not allowed to edit this term."
    body = assert_wp_error(
        api_client.delete(f"{MENUS}/{site.main.pk}?force=true"), "rest_cannot_delete", status
    )
    assert body["message"] == "Sorry, you are not allowed to delete this term."


def test_anonymous_writes_are_401(api_client, site):
    assert_wp_error(api_client.post(MENUS, {"name": "x"}, format="json"), "rest_cannot_create", 401)


def test_create_a_menu_with_locations_and_auto_add(api_client, admin_user, site):
    api_client.force_authenticate(admin_user)
    response = api_client.post(
        MENUS,
        {
            "name": "New <b>Menu</b> & co",
            "description": "<em>d</em>",
            "locations": ["primary"],
            "auto_add": True,
            "slug": "ignored",
        },
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    menu = Term.objects.get(pk=body["id"])
    assert response["Location"] == f"{SITE}/wp-json/wp/v2/menus/{menu.pk}"
    # wp_update_nav_menu_object() makes the slug from the name, whatever was asked
    assert {key: body[key] for key in ("name", "slug", "description", "locations", "auto_add")} == {
        "name": "New Menu &amp; co",
        "slug": "new-menu-co",
        "description": "<em>d</em>",
        "locations": ["primary"],
        "auto_add": True,
    }
    assert menu.taxonomy == "nav_menu"
    # the location moved from Main Menu to the new one, in the theme mod
    assert nav_menu_locations() == {"primary": menu.pk, "footer": site.footer.pk}
    assert auto_add_menus() == [menu.pk]


def test_a_menu_name_is_unique(api_client, admin_user, site):
    api_client.force_authenticate(admin_user)
    response = api_client.post(MENUS, {"name": "main menu"}, format="json")
    assert response.json() == {
        "code": "menu_exists",
        "message": "The menu name <strong>main menu</strong> conflicts with another menu name. "
        "Please try another.",
        "data": {"status": 400, "term_id": site.main.pk},
        "additional_data": [site.main.pk],
    }
    assert response.status_code == 400


def test_create_errors(api_client, admin_user, site):
    api_client.force_authenticate(admin_user)
    body = assert_wp_error(
        api_client.post(MENUS, {"name": "X", "locations": ["nope"]}, format="json"),
        "rest_invalid_param",
        400,
    )
    assert body["data"]["params"] == {"locations": "Invalid menu location."}
    assert body["data"]["details"]["locations"] == {
        "code": "rest_invalid_menu_location",
        "message": "Invalid menu location.",
        "data": {"location": "nope"},
    }
    body = assert_wp_error(
        api_client.post(MENUS, {"name": "X", "parent": 3}, format="json"),
        "rest_taxonomy_not_hierarchical",
        400,
    )
    assert body["message"] == "Cannot set parent term, taxonomy is not hierarchical."
    assert_wp_error(api_client.post(MENUS, {}, format="json"), "rest_missing_callback_param", 400)
    assert_wp_error(api_client.post(MENUS, {"name": ""}, format="json"), "empty_term_name", 400)
    assert Term.objects.filter(taxonomy="nav_menu").count() == 2


def test_update_follows_wordpress(api_client, admin_user, site):
    """The slug follows the name; a description not sent is emptied (WordPress always passes
    one to wp_update_nav_menu_object); locations sent replace the menu's."""
    api_client.force_authenticate(admin_user)
    url = f"{MENUS}/{site.main.pk}"
    body = api_client.post(
        url, {"name": "Renamed Menu", "description": "Kept?", "slug": "zzz"}, format="json"
    ).json()
    assert (body["name"], body["slug"], body["description"]) == (
        "Renamed Menu",
        "renamed-menu",
        "Kept?",
    )
    body = api_client.patch(url, {"locations": ["footer"]}, format="json").json()
    assert (body["description"], body["locations"]) == ("", ["footer"])
    assert nav_menu_locations() == {"footer": site.main.pk}
    body = api_client.put(url, {"locations": [], "auto_add": True}, format="json").json()
    assert (body["locations"], body["auto_add"]) == ([], True)
    body = api_client.post(url, {"auto_add": False}, format="json").json()
    assert body["auto_add"] is False


def test_refused_updates_keep_wordpress_codes_with_a_400(api_client, admin_user, site):
    # WordPress answers these 500 with "data": null; input never gets a 5xx from us
    api_client.force_authenticate(admin_user)
    url = f"{MENUS}/{site.main.pk}"
    response = api_client.post(url, {"name": "Footer Menu"}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "menu_exists"
    assert response.json()["message"] == (
        "The menu name <strong>Footer Menu</strong> conflicts with another menu "
        "name. Please try another."
    )
    assert_wp_error(api_client.post(url, {"name": "   "}, format="json"), "empty_term_name", 400)
    assert_wp_error(api_client.put(url, {"name": ""}, format="json"), "empty_term_name", 400)
    assert_wp_error(
        api_client.post(url, {"parent": 2}, format="json"), "rest_taxonomy_not_hierarchical", 400
    )
    assert_wp_error(
        api_client.post(f"{MENUS}/99999", {"name": "x"}, format="json"), "rest_term_invalid", 404
    )
    assert Term.objects.get(pk=site.main.pk).name == "Main Menu"


def test_delete_needs_force(api_client, admin_user, site):
    api_client.force_authenticate(admin_user)
    body = assert_wp_error(
        api_client.delete(f"{MENUS}/{site.main.pk}"), "rest_trash_not_supported", 501
    )
    assert body["message"] == "Menus do not support trashing. Set 'force=true' to delete."


def test_delete_takes_the_items_and_empties_the_locations(api_client, admin_user, site):
    api_client.force_authenticate(admin_user)
    item_ids = list(
        TermRelationship.objects.filter(term=site.main).values_list("post_id", flat=True)
    )
    response = api_client.delete(f"{MENUS}/{site.main.pk}", {"force": "true"})
    assert response.status_code == 200
    assert response.json() == {
        "deleted": True,
        "previous": {
            "id": site.main.pk,
            "description": "",
            "name": "Main Menu",
            "slug": "main-menu",
            "meta": [],
            "locations": ["primary"],
            "auto_add": False,
        },
    }
    assert "Allow" not in response
    assert not Post.objects.filter(pk__in=item_ids).exists()
    assert not Term.objects.filter(pk=site.main.pk).exists()
    assert get_theme_mod("nav_menu_locations") == {"primary": 0, "footer": site.footer.pk}
    # the pages the items linked to stay
    assert Post.objects.filter(pk=site.about.pk).exists()


def test_menus_in_a_batch(api_client, admin_user, site):
    api_client.force_authenticate(admin_user)
    response = api_client.post(
        "/wp-json/batch/v1",
        {
            "requests": [
                {"path": "/wp/v2/menus", "body": {"name": "One"}},
                {"path": "/wp/v2/menus", "body": {"name": "Main Menu"}},
            ]
        },
        format="json",
    )
    assert response.status_code == 207
    statuses = [answer["status"] for answer in response.json()["responses"]]
    assert statuses == [201, 400]
