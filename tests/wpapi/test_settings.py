"""/wp/v2/settings: administrators read and change site options; nobody else sees them."""

import pytest

from tests.helpers import assert_wp_error

pytestmark = pytest.mark.django_db
URL = "/wp-json/wp/v2/settings"


def test_anonymous_is_rest_forbidden_401(api_client):
    assert_wp_error(api_client.get(URL), "rest_forbidden", 401)


@pytest.mark.parametrize("role", ["editor", "author", "contributor", "subscriber"])
def test_only_administrators_may_read(api_client, user_with_role, role):
    api_client.force_authenticate(user_with_role(role))
    assert_wp_error(api_client.get(URL), "rest_forbidden", 403)
    assert_wp_error(api_client.post(URL, {"title": "x"}, format="json"), "rest_forbidden", 403)


def test_administrator_reads_every_setting(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    body = api_client.get(URL).json()
    assert set(body) == {
        "title",
        "description",
        "url",
        "email",
        "timezone",
        "date_format",
        "time_format",
        "start_of_week",
        "language",
        "use_smilies",
        "default_category",
        "default_post_format",
        "posts_per_page",
        "show_on_front",
        "page_on_front",
        "page_for_posts",
        "default_ping_status",
        "default_comment_status",
        "site_logo",
        "site_icon",
    }
    assert body["url"] == "http://testserver"
    assert body["posts_per_page"] == 10


def test_update_changes_settings_and_the_index(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    response = api_client.post(URL, {"title": "My Site", "posts_per_page": "5"}, format="json")
    assert response.status_code == 200
    assert response.json()["title"] == "My Site"
    assert response.json()["posts_per_page"] == 5
    assert api_client.get("/wp-json/").json()["name"] == "My Site"


def test_title_and_tagline_are_stored_html_escaped(api_client, admin_user):
    # sanitize_option() esc_html()s blogname and blogdescription (no double encoding)
    api_client.force_authenticate(admin_user)
    body = {"title": "T <i>x</i>", "description": "Q \"d\" & 's' <b>b</b> &amp; &#8217;"}
    answer = api_client.patch(URL, body, format="json").json()
    assert answer["title"] == "T &lt;i&gt;x&lt;/i&gt;"
    assert answer["description"] == (
        "Q &quot;d&quot; &amp; &#039;s&#039; &lt;b&gt;b&lt;/b&gt; &amp; &#8217;"
    )
    assert api_client.get("/wp-json/").json()["name"] == "T &lt;i&gt;x&lt;/i&gt;"


def test_null_resets_to_default(api_client, admin_user, settings):
    api_client.force_authenticate(admin_user)
    api_client.patch(URL, {"title": "Temporary"}, format="json")
    body = api_client.patch(URL, {"title": None}, format="json").json()
    assert body["title"] == settings.WP_SITE_NAME


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-email", "Invalid email address."),
        (
            "default_comment_status",
            "maybe",
            "default_comment_status is not one of open and closed.",
        ),
        ("posts_per_page", "many", "posts_per_page is not of type integer."),
    ],
)
def test_invalid_values(api_client, admin_user, field, value, message):
    api_client.force_authenticate(admin_user)
    body = assert_wp_error(
        api_client.post(URL, {field: value}, format="json"), "rest_invalid_param", 400
    )
    assert body["data"]["params"][field] == message


def test_options_lists_methods(api_client):
    body = api_client.options(URL).json()
    assert body["methods"] == ["GET", "POST", "PUT", "PATCH"]
    assert body["schema"]["title"] == "settings"


def test_unknown_timezone_is_ignored_like_wordpress(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    response = api_client.post(URL, {"timezone": "Mars/Olympus"}, format="json")
    assert response.status_code == 200
    assert response.json()["timezone"] == "UTC"
    body = api_client.post(URL, {"timezone": "Europe/Paris"}, format="json").json()
    assert body["timezone"] == "Europe/Paris"


def settings_form(**changes):
    """The admin's settings screen as the browser sends it back, unchanged but for `changes`."""
    from wpapi.admin.settings_screen import SettingsForm
    from wpapi.site import options

    form = SettingsForm(current=options())
    data = {}
    for name, value in form.initial.items():
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = str(value)
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def test_settings_screen_is_for_administrators(client, admin_user, editor):
    from wpapi.site import get_option

    client.force_login(editor)
    assert client.get("/admin/settings/").status_code == 403
    client.force_login(admin_user)
    assert client.get("/admin/settings/").status_code == 200
    response = client.post(
        "/admin/settings/",
        settings_form(title="My site", posts_per_page="7", comment_registration="on"),
    )
    assert response.status_code == 302, response.content[:3000]
    assert get_option("title") == "My site"
    assert get_option("posts_per_page") == 7
    assert get_option("comment_registration") is True
    # what the API serves changed with it
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(admin_user)
    body = api.get(URL).json()
    assert (body["title"], body["posts_per_page"]) == ("My site", 7)


def test_settings_screen_checks_values_as_the_api(client, admin_user):
    from wpapi.site import get_option

    client.force_login(admin_user)
    response = client.post("/admin/settings/", settings_form(timezone="Mars/Olympus"))
    assert response.status_code == 200
    assert "Unknown timezone" in response.content.decode()
    response = client.post("/admin/settings/", settings_form(email="not-an-email"))
    assert response.status_code == 200
    assert get_option("email") != "not-an-email"
