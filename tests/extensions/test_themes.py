"""/wp/v2/themes as WordPress 6.1 answers it: the installed themes for those who may switch
themes, the active one (with theme_supports) for whoever edits some post type."""

import pytest

from tests.helpers import assert_wp_error

THEMES = "/wp-json/wp/v2/themes"
SITE = "http://testserver"

#: the reference site's theme, described in settings as a project would
TWENTY_TWENTY_THREE = {
    "stylesheet": "twentytwentythree",
    "name": "Twenty Twenty-Three",
    "description": "Twenty Twenty-Three is designed to take advantage of the new design tools.",
    "author": "the WordPress team",
    "author_uri": "https://wordpress.org",
    "theme_uri": "https://wordpress.org/themes/twentytwentythree",
    "version": "1.0",
    "requires_wp": "6.1",
    "requires_php": "5.6",
    "textdomain": "twentytwentythree",
    "screenshot": f"{SITE}/wp-content/themes/twentytwentythree/screenshot.png",
    "tags": ["one-column", "custom-colors"],
    "theme_supports": {
        "automatic-feed-links": True,
        "block-templates": True,
        "editor-styles": True,
        "html5": ["comment-form", "comment-list", "search-form", "gallery", "caption"],
        "post-thumbnails": True,
        "responsive-embeds": True,
    },
}


@pytest.fixture
def reference_theme(settings):
    settings.WP_THEME = TWENTY_TWENTY_THREE
    settings.WP_INACTIVE_THEMES = [{"stylesheet": "twentytwentytwo", "name": "Twenty Twenty-Two"}]


def test_the_active_theme_as_wordpress_describes_it(api_client, admin_user, reference_theme):
    api_client.force_authenticate(admin_user)
    response = api_client.get(f"{THEMES}/twentytwentythree")
    assert response.status_code == 200
    assert response.json() == {
        "stylesheet": "twentytwentythree",
        "template": "twentytwentythree",
        "requires_php": "5.6",
        "requires_wp": "6.1",
        "textdomain": "twentytwentythree",
        "version": "1.0",
        "screenshot": f"{SITE}/wp-content/themes/twentytwentythree/screenshot.png",
        "author": {
            "raw": "the WordPress team",
            "rendered": '<a href="https://wordpress.org">the WordPress team</a>',
        },
        "author_uri": {"raw": "https://wordpress.org", "rendered": "https://wordpress.org"},
        "description": {
            "raw": TWENTY_TWENTY_THREE["description"],
            "rendered": TWENTY_TWENTY_THREE["description"],
        },
        "name": {"raw": "Twenty Twenty-Three", "rendered": "Twenty Twenty-Three"},
        "tags": {
            "raw": ["one-column", "custom-colors"],
            "rendered": "one-column, custom-colors",
        },
        "theme_uri": {
            "raw": "https://wordpress.org/themes/twentytwentythree",
            "rendered": "https://wordpress.org/themes/twentytwentythree",
        },
        "status": "active",
        "theme_supports": {
            "align-wide": False,
            "automatic-feed-links": True,
            "block-templates": True,
            "block-template-parts": False,
            "custom-background": False,
            "custom-header": False,
            "custom-logo": False,
            "customize-selective-refresh-widgets": False,
            "dark-editor-style": False,
            "disable-custom-colors": False,
            "disable-custom-font-sizes": False,
            "disable-custom-gradients": False,
            "disable-layout-styles": False,
            "editor-color-palette": False,
            "editor-font-sizes": False,
            "editor-gradient-presets": False,
            "editor-styles": True,
            "html5": ["comment-form", "comment-list", "search-form", "gallery", "caption"],
            "formats": ["standard"],
            "post-thumbnails": True,
            "responsive-embeds": True,
            "title-tag": False,
            "wp-block-styles": False,
        },
        "_links": {
            "self": [{"href": f"{SITE}/wp-json/wp/v2/themes/twentytwentythree"}],
            "collection": [{"href": f"{SITE}/wp-json/wp/v2/themes"}],
        },
    }
    assert response["Allow"] == "GET"


def test_the_default_theme_shows_what_this_api_supports(api_client, contributor):
    api_client.force_authenticate(contributor)
    body = api_client.get(THEMES, {"status": "active"}).json()
    assert [theme["stylesheet"] for theme in body] == ["wpapi"]
    supports = body[0]["theme_supports"]
    assert supports["post-thumbnails"] is True
    assert supports["formats"] == [
        "standard",
        "aside",
        "chat",
        "gallery",
        "link",
        "image",
        "quote",
        "status",
        "video",
        "audio",
    ]


def test_every_theme_for_those_who_switch_themes(api_client, admin_user, reference_theme):
    api_client.force_authenticate(admin_user)
    response = api_client.get(THEMES)
    body = response.json()
    assert [(theme["stylesheet"], theme["status"]) for theme in body] == [
        ("twentytwentythree", "active"),
        ("twentytwentytwo", "inactive"),
    ]
    assert "theme_supports" not in body[1]  # only the active theme's are known
    assert (response["X-WP-Total"], response["X-WP-TotalPages"]) == ("2", "1")
    inactive = api_client.get(THEMES, {"status": "inactive"})
    assert [theme["stylesheet"] for theme in inactive.json()] == ["twentytwentytwo"]
    assert api_client.get(f"{THEMES}/twentytwentytwo").json()["status"] == "inactive"
    assert_wp_error(api_client.get(f"{THEMES}/nope"), "rest_theme_not_found", 404)


@pytest.mark.parametrize("role", ["editor", "author", "contributor"])
def test_editors_read_only_the_active_theme(api_client, user_with_role, reference_theme, role):
    api_client.force_authenticate(user_with_role(role))
    assert api_client.get(THEMES, {"status": "active"}).status_code == 200
    assert api_client.get(f"{THEMES}/twentytwentythree").status_code == 200
    body = assert_wp_error(api_client.get(THEMES), "rest_cannot_view_themes", 403)
    assert body["message"] == "Sorry, you are not allowed to view themes."
    assert_wp_error(
        api_client.get(THEMES, {"status": "active,inactive"}), "rest_cannot_view_themes", 403
    )
    assert_wp_error(api_client.get(f"{THEMES}/twentytwentytwo"), "rest_cannot_view_themes", 403)
    # an unknown theme is not the active one: refused before it is looked up
    assert_wp_error(api_client.get(f"{THEMES}/nope"), "rest_cannot_view_themes", 403)


@pytest.mark.parametrize(("role", "status"), [(None, 401), ("subscriber", 403)])
def test_visitors_and_subscribers_read_no_theme(api_client, user_with_role, role, status, db):
    if role:
        api_client.force_authenticate(user_with_role(role))
    body = assert_wp_error(
        api_client.get(THEMES, {"status": "active"}), "rest_cannot_view_active_theme", status
    )
    assert body["message"] == "Sorry, you are not allowed to view the active theme."
    assert_wp_error(api_client.get(f"{THEMES}/wpapi"), "rest_cannot_view_active_theme", status)
    assert_wp_error(api_client.get(THEMES), "rest_cannot_view_themes", status)


def test_status_is_validated_first(api_client, db):
    body = assert_wp_error(api_client.get(THEMES, {"status": "bogus"}), "rest_invalid_param", 400)
    assert body["data"]["params"] == {"status": "status[0] is not one of active and inactive."}


def test_fields_of_theme_supports(api_client, admin_user, reference_theme):
    api_client.force_authenticate(admin_user)
    body = api_client.get(THEMES, {"_fields": "theme_supports.formats,name"}).json()
    assert body == [
        {
            "name": {"raw": "Twenty Twenty-Three", "rendered": "Twenty Twenty-Three"},
            "theme_supports": {"formats": ["standard"]},
        },
        {"name": {"raw": "Twenty Twenty-Two", "rendered": "Twenty Twenty-Two"}},
    ]
    active = api_client.get(
        THEMES, {"status": "active", "_fields": "theme_supports.formats,name.raw"}
    ).json()
    assert active == [
        {"name": {"raw": "Twenty Twenty-Three"}, "theme_supports": {"formats": ["standard"]}}
    ]


def test_a_declared_palette_is_sanitised_by_its_schema(api_client, admin_user, settings):
    settings.WP_THEME = {
        "stylesheet": "mine",
        "name": "Mine",
        "theme_supports": {
            "editor-color-palette": [{"name": "Red", "slug": "red", "color": "#f00", "x": 1}],
            "align-wide": True,
        },
    }
    api_client.force_authenticate(admin_user)
    supports = api_client.get(f"{THEMES}/mine").json()["theme_supports"]
    assert supports["editor-color-palette"] == [{"name": "Red", "slug": "red", "color": "#f00"}]
    assert supports["align-wide"] is True
    assert supports["post-thumbnails"] is False  # a configured theme declares its own
