"""/wp/v2/plugins as WordPress 6.1 answers it: the declared plugins (settings.WP_PLUGINS) for
those who may activate plugins, their activation recorded in the option active_plugins;
installing and deleting plugin files are refused as WordPress refuses them without a writable
filesystem."""

import pytest

from tests.helpers import assert_wp_error
from wpapi.site import get_option

PLUGINS = "/wp-json/wp/v2/plugins"
AKISMET = f"{PLUGINS}/akismet/akismet"
SITE = "http://testserver"
DESCRIPTION = (
    "Used by millions, Akismet is quite possibly the best way in the world to <strong>protect "
    "your blog from spam</strong>. It keeps your site protected even while you sleep."
)


@pytest.fixture
def akismet(settings):
    settings.WP_PLUGINS = {
        "akismet/akismet": {
            "name": "Akismet Anti-Spam",
            "plugin_uri": "https://akismet.com/",
            "author": "Automattic",
            "author_uri": "https://automattic.com/wordpress-plugins/",
            "description": DESCRIPTION,
            "version": "5.0.2",
            "requires_wp": "5.0",
            "requires_php": "5.2",
            "textdomain": "akismet",
        },
        "hello": {"name": "Hello Dolly", "version": "1.7.2", "description": "A song."},
    }


def akismet_body(status: str = "inactive") -> dict:
    return {
        "plugin": "akismet/akismet",
        "status": status,
        "name": "Akismet Anti-Spam",
        "plugin_uri": "https://akismet.com/",
        "author": "Automattic",
        "author_uri": "https://automattic.com/wordpress-plugins/",
        "description": {
            "raw": DESCRIPTION,
            "rendered": DESCRIPTION
            + ' <cite>By <a href="https://automattic.com/wordpress-plugins/">Automattic</a>.</cite>',
        },
        "version": "5.0.2",
        "network_only": False,
        "requires_wp": "5.0",
        "requires_php": "5.2",
        "textdomain": "akismet",
        "_links": {"self": [{"href": f"{SITE}/wp-json/wp/v2/plugins/akismet/akismet"}]},
    }


def test_no_plugins_by_default(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    response = api_client.get(PLUGINS)
    assert (response.status_code, response.json()) == (200, [])
    assert response["Allow"] == "GET, POST"
    assert_wp_error(api_client.get(AKISMET), "rest_plugin_not_found", 404)


def test_declared_plugins(api_client, admin_user, akismet):
    api_client.force_authenticate(admin_user)
    body = api_client.get(PLUGINS).json()
    assert [plugin["plugin"] for plugin in body] == ["akismet/akismet", "hello"]  # by name
    assert body[0] == akismet_body()
    response = api_client.get(AKISMET)
    assert response.json() == akismet_body()
    assert response["Allow"] == "GET, POST, PUT, PATCH, DELETE"
    # no context filtering: the embed context shows everything too
    assert api_client.get(AKISMET, {"context": "embed"}).json() == akismet_body()


def test_search_and_status(api_client, admin_user, akismet):
    api_client.force_authenticate(admin_user)

    def names(**query):
        return [plugin["plugin"] for plugin in api_client.get(PLUGINS, query).json()]

    assert names(search="spam") == ["akismet/akismet"]
    assert names(search="SPAM") == []  # strpos(): case-sensitive
    assert names(search="song") == ["hello"]
    assert names(status="active") == []
    assert_wp_error(api_client.get(PLUGINS, {"status": "on"}), "rest_invalid_param", 400)


@pytest.mark.parametrize(("role", "status"), [(None, 401), ("editor", 403), ("subscriber", 403)])
def test_plugins_need_activate_plugins(api_client, user_with_role, akismet, role, status):
    if role:
        api_client.force_authenticate(user_with_role(role))
    message = "Sorry, you are not allowed to manage plugins for this site."
    body = assert_wp_error(api_client.get(PLUGINS), "rest_cannot_view_plugins", status)
    assert body["message"] == message
    assert_wp_error(api_client.get(AKISMET), "rest_cannot_view_plugin", status)
    # refused before the plugin is looked up
    assert_wp_error(api_client.get(f"{PLUGINS}/nope/nope"), "rest_cannot_view_plugin", status)
    assert_wp_error(
        api_client.put(AKISMET, {"status": "active"}, format="json"),
        "rest_cannot_manage_plugins",
        status,
    )
    assert_wp_error(api_client.delete(AKISMET), "rest_cannot_manage_plugins", status)
    body = assert_wp_error(
        api_client.post(PLUGINS, {"slug": "x"}, format="json"), "rest_cannot_install_plugin", status
    )
    assert body["message"] == "Sorry, you are not allowed to install plugins on this site."


def test_activation_is_recorded_as_wordpress_records_it(api_client, admin_user, akismet):
    api_client.force_authenticate(admin_user)
    response = api_client.put(AKISMET, {"status": "active"}, format="json")
    assert response.json() == akismet_body("active")
    assert get_option("active_plugins") == ["akismet/akismet.php"]
    assert [p["plugin"] for p in api_client.get(PLUGINS, {"status": "active"}).json()] == [
        "akismet/akismet"
    ]
    body = assert_wp_error(api_client.delete(AKISMET), "rest_cannot_delete_active_plugin", 400)
    assert body["message"] == "Cannot delete an active plugin. Please deactivate it first."
    assert api_client.patch(AKISMET, {"status": "inactive"}, format="json").json()["status"] == (
        "inactive"
    )
    assert get_option("active_plugins") == []
    assert_wp_error(
        api_client.put(AKISMET, {"status": "bogus"}, format="json"), "rest_invalid_param", 400
    )
    assert_wp_error(
        api_client.put(f"{PLUGINS}/nope/nope", {"status": "active"}, format="json"),
        "rest_plugin_not_found",
        404,
    )


def test_plugin_files_cannot_be_installed_or_deleted(api_client, admin_user, akismet):
    api_client.force_authenticate(admin_user)
    body = assert_wp_error(
        api_client.post(PLUGINS, {"slug": "hello-dolly"}, format="json"), "fs_unavailable", 403
    )
    assert body["message"] == "The filesystem is currently unavailable for managing plugins."
    assert_wp_error(api_client.delete(AKISMET), "fs_unavailable", 403)
    assert_wp_error(api_client.post(PLUGINS, {}, format="json"), "rest_missing_callback_param", 400)
    assert_wp_error(
        api_client.post(PLUGINS, {"slug": "x", "status": "on"}, format="json"),
        "rest_invalid_param",
        400,
    )
