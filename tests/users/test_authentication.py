"""How requests authenticate: application passwords over HTTP Basic (never the login password),
the logged-in cookie with a wp_rest nonce, and the nonce endpoint for api-fetch."""

import base64
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import UserFactory
from tests.helpers import assert_wp_error, basic_auth
from tests.users.conftest import USERS_URL
from users import authentication
from users.authentication import create_nonce
from users.models import ApplicationPassword

pytestmark = pytest.mark.django_db

ME = f"{USERS_URL}/me"
NONCE_URL = "/wp-admin/admin-ajax.php?action=rest-nonce"


def me_as(api_client, header):
    api_client.credentials(HTTP_AUTHORIZATION=header)
    return api_client.get(ME)


@pytest.mark.parametrize("spaced", [True, False])
def test_application_password_with_or_without_spaces(api_client, author, app_password, spaced):
    _, plain = app_password(author)
    secret = ApplicationPassword.chunked(plain) if spaced else plain
    response = me_as(api_client, basic_auth(author.username, secret))
    assert response.status_code == 200
    assert response.json()["id"] == author.pk


def test_email_works_as_the_login(api_client, author, app_password):
    _, plain = app_password(author)
    response = me_as(api_client, basic_auth(author.email.upper(), plain))
    assert response.json()["id"] == author.pk


@pytest.mark.parametrize(
    "case",
    [
        "wrong password",
        "login password",
        "unknown user",
        "other user's password",
        "inactive user",
        "empty",
    ],
)
def test_bad_basic_credentials_leave_the_request_anonymous(api_client, author, app_password, case):
    _, plain = app_password(author)
    other = UserFactory()
    _, other_plain = app_password(other)
    login, secret = {
        "wrong password": (author.username, "abcd efgh ijkl mnop qrst uvwx"),
        "login password": (author.username, "user-pass-123"),
        "unknown user": ("nobody", plain),
        "other user's password": (author.username, other_plain),
        "inactive user": (author.username, plain),
        "empty": ("", ""),
    }[case]
    if case == "inactive user":
        author.is_active = False
        author.save()
    response = me_as(api_client, basic_auth(login, secret))
    body = assert_wp_error(response, "rest_not_logged_in", 401)
    assert body["message"] == "You are not currently logged in."
    # ... and a public route still answers, as for any anonymous visitor
    assert api_client.get(USERS_URL).status_code == 200


@pytest.mark.parametrize(
    "header",
    [
        "Basic !!!not-base64",
        "Basic " + base64.b64encode(b"no-colon").decode(),
        "Bearer abc",
        "Basic " + base64.b64encode(b"\xff\xfe:x").decode(),
    ],
)
def test_malformed_authorization_headers_are_ignored(api_client, header):
    assert_wp_error(me_as(api_client, header), "rest_not_logged_in", 401)


def test_the_login_password_never_works_over_basic(api_client, admin_user):
    response = me_as(api_client, basic_auth(admin_user.username, "user-pass-123"))
    assert_wp_error(response, "rest_not_logged_in", 401)
    assert admin_user.check_password("user-pass-123")


def test_application_passwords_are_stored_hashed(author, app_password):
    item, plain = app_password(author)
    item.refresh_from_db()
    assert plain not in item.password
    assert item.password.startswith("md5$")  # Django's hasher (MD5 in tests, for speed)
    assert item.check_password(plain)
    assert not item.check_password(plain[:-1] + "!")


def test_use_is_recorded_once_a_day(api_client, author, app_password):
    item, plain = app_password(author)
    header = basic_auth(author.username, plain)
    me_as(api_client, header)
    item.refresh_from_db()
    assert item.last_ip == "127.0.0.1"
    first_use = item.last_used
    assert first_use is not None
    me_as(api_client, header)
    item.refresh_from_db()
    assert item.last_used == first_use
    ApplicationPassword.objects.filter(pk=item.pk).update(
        last_used=timezone.now() - timedelta(days=2), last_ip="10.0.0.1"
    )
    me_as(api_client, header)
    item.refresh_from_db()
    assert item.last_ip == "127.0.0.1"
    assert item.last_used > first_use - timedelta(seconds=1)


def test_a_deleted_application_password_stops_working(api_client, author, app_password):
    item, plain = app_password(author)
    header = basic_auth(author.username, plain)
    assert me_as(api_client, header).status_code == 200
    item.delete()
    assert_wp_error(me_as(api_client, header), "rest_not_logged_in", 401)


def test_basic_auth_can_write(api_client, admin_user, app_password):
    _, plain = app_password(admin_user)
    api_client.credentials(HTTP_AUTHORIZATION=basic_auth(admin_user.username, plain))
    response = api_client.post(
        USERS_URL,
        {"username": "viaapi", "email": "via@example.com", "password": "pass-word"},
        format="json",
    )
    assert response.status_code == 201


# --- cookie + nonce ------------------------------------------------------------------------------
@pytest.fixture
def logged_in(api_client, author):
    api_client.force_login(author)
    return author


def session_nonce(api_client, user):
    return create_nonce(user, api_client.session.session_key)


def test_cookie_without_nonce_is_anonymous(api_client, logged_in):
    assert_wp_error(api_client.get(ME), "rest_not_logged_in", 401)


def test_cookie_with_bad_nonce_is_refused(api_client, logged_in):
    response = api_client.get(ME, HTTP_X_WP_NONCE="0123456789")
    body = assert_wp_error(response, "rest_cookie_invalid_nonce", 403)
    assert body["message"] == "Cookie check failed"
    response = api_client.get(f"{ME}?_wpnonce=bad")
    assert_wp_error(response, "rest_cookie_invalid_nonce", 403)


def test_cookie_with_nonce_header_or_parameter(api_client, logged_in):
    nonce = session_nonce(api_client, logged_in)
    response = api_client.get(ME, HTTP_X_WP_NONCE=nonce)
    assert response.status_code == 200
    assert response.json()["id"] == logged_in.pk
    assert response["X-WP-Nonce"]  # a fresh nonce for the client to keep
    assert api_client.get(f"{ME}?_wpnonce={nonce}").status_code == 200
    again = api_client.get(ME, HTTP_X_WP_NONCE=response["X-WP-Nonce"])
    assert again.status_code == 200


def test_cookie_with_nonce_can_write(api_client, logged_in):
    nonce = session_nonce(api_client, logged_in)
    response = api_client.post(ME, {"name": "Cookie Writer"}, format="json", HTTP_X_WP_NONCE=nonce)
    assert response.status_code == 200
    assert response.json()["name"] == "Cookie Writer"
    form = api_client.post(ME, {"name": "Form Writer", "_wpnonce": nonce})
    assert form.status_code == 200


def test_nonce_belongs_to_its_user_and_session(api_client, logged_in):
    other = UserFactory()
    foreign = create_nonce(other, api_client.session.session_key)
    assert_wp_error(api_client.get(ME, HTTP_X_WP_NONCE=foreign), "rest_cookie_invalid_nonce", 403)
    old_session = create_nonce(logged_in, "another-session")
    assert_wp_error(
        api_client.get(ME, HTTP_X_WP_NONCE=old_session), "rest_cookie_invalid_nonce", 403
    )


def test_nonces_live_two_ticks(api_client, logged_in, monkeypatch):
    key = api_client.session.session_key
    now = authentication._tick()
    previous = create_nonce(logged_in, key, tick=now - 1)
    expired = create_nonce(logged_in, key, tick=now - 2)
    assert api_client.get(ME, HTTP_X_WP_NONCE=previous).status_code == 200
    assert_wp_error(api_client.get(ME, HTTP_X_WP_NONCE=expired), "rest_cookie_invalid_nonce", 403)


def test_nonce_endpoint_for_a_logged_in_session(api_client, logged_in):
    response = api_client.get(NONCE_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    nonce = response.content.decode()
    assert len(nonce) == 10
    assert api_client.get(ME, HTTP_X_WP_NONCE=nonce).json()["id"] == logged_in.pk


def test_nonce_endpoint_when_logged_out(api_client):
    response = api_client.get(NONCE_URL)
    assert response.status_code == 400
    assert response.content == b"0"
    assert api_client.get("/wp-admin/admin-ajax.php").content == b"0"


def test_basic_auth_wins_over_a_cookie(api_client, logged_in, app_password):
    other = UserFactory()
    _, plain = app_password(other)
    api_client.credentials(HTTP_AUTHORIZATION=basic_auth(other.username, plain))
    assert api_client.get(ME).json()["id"] == other.pk


@pytest.mark.parametrize("login", ["ad\x00min", "a@b.test\x00"])
def test_nul_characters_in_the_login_are_anonymous(api_client, login):
    assert_wp_error(me_as(api_client, basic_auth(login, "xxxx")), "rest_not_logged_in", 401)
