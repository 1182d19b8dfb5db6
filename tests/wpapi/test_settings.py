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


def test_options_in_django_admin_are_for_administrators(client, admin_user, editor):
    from wpapi.site import get_option

    editor.is_staff = True
    editor.save()
    client.force_login(editor)
    assert client.get("/admin/wpapi/option/").status_code == 403
    client.force_login(admin_user)
    assert client.get("/admin/wpapi/option/").status_code == 200
    response = client.post(
        "/admin/wpapi/option/add/", {"name": "comment_registration", "value": "true"}
    )
    assert response.status_code == 302
    assert get_option("comment_registration") is True
