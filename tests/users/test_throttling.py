"""Failed application-password and /wp-login.php attempts are throttled per address and per
account: 429 rest_too_many_attempts with Retry-After; successes never count."""

import pytest
from django.test import Client

from tests.helpers import assert_wp_error, basic_auth
from tests.users.conftest import USERS_URL

pytestmark = pytest.mark.django_db

ME = f"{USERS_URL}/me"
LOGIN = "/wp-login.php"
WRONG = "abcd efgh ijkl mnop qrst uvwx"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.WP_AUTH_FAILURES_PER_IP = 5
    settings.WP_AUTH_FAILURES_PER_USER = 3
    settings.WP_AUTH_FAILURE_WINDOW = 300


def me(api_client, login, password, address="10.0.0.1"):
    return api_client.get(ME, HTTP_AUTHORIZATION=basic_auth(login, password), REMOTE_ADDR=address)


def log_in(client, login, password, address="10.0.0.1"):
    return client.post(LOGIN, {"log": login, "pwd": password}, REMOTE_ADDR=address)


def assert_too_many(response):
    body = assert_wp_error(response, "rest_too_many_attempts", 429)
    wait = int(response["Retry-After"])
    assert 1 <= wait <= 300
    assert body["data"]["retry_after"] == wait


def test_application_password_failures_lock_the_account(api_client, author, app_password):
    _, plain = app_password(author)
    for _ in range(3):
        assert_wp_error(me(api_client, author.username, WRONG), "rest_not_logged_in", 401)
    # even the right password waits now, from any address, by login or by email
    assert_too_many(me(api_client, author.username, plain, address="10.0.0.2"))
    assert_too_many(me(api_client, author.email, plain, address="10.0.0.3"))


def test_application_password_failures_lock_the_address(api_client, author, editor, app_password):
    _, plain = app_password(author)
    for login in ("ghost1", "ghost2", "ghost3", editor.username, "ghost4"):
        assert me(api_client, login, WRONG).status_code == 401
    assert_too_many(me(api_client, author.username, plain))
    # another address is not held back
    assert me(api_client, author.username, plain, address="10.0.0.9").status_code == 200


def test_successes_do_not_count(api_client, author, app_password):
    _, plain = app_password(author)
    for _ in range(10):
        assert me(api_client, author.username, plain).status_code == 200
    for _ in range(2):
        assert me(api_client, author.username, WRONG).status_code == 401
    assert me(api_client, author.username, plain).status_code == 200


def test_requests_without_credentials_are_not_throttled(api_client, author):
    for _ in range(3):
        me(api_client, author.username, WRONG)
    assert api_client.get("/wp-json/wp/v2/posts", REMOTE_ADDR="10.0.0.1").status_code == 200


def test_the_window_ends(api_client, author, app_password, settings, monkeypatch):
    import time as real_time

    from users import throttling

    _, plain = app_password(author)
    now = [1_000_000.0]
    monkeypatch.setattr(throttling.time, "time", lambda: now[0])
    for _ in range(3):
        me(api_client, author.username, WRONG)
    assert_too_many(me(api_client, author.username, plain))
    now[0] += 300
    assert me(api_client, author.username, plain).status_code == 200
    assert real_time.time() > 0


def test_limits_of_zero_turn_throttling_off(api_client, author, app_password, settings):
    settings.WP_AUTH_FAILURES_PER_IP = 0
    settings.WP_AUTH_FAILURES_PER_USER = 0
    _, plain = app_password(author)
    for _ in range(12):
        me(api_client, author.username, WRONG)
    assert me(api_client, author.username, plain).status_code == 200


def test_behind_a_trusted_proxy_the_forwarded_address_counts(
    api_client, author, app_password, settings
):
    settings.WP_TRUSTED_PROXIES = ["10.9.9.9"]
    settings.WP_AUTH_FAILURES_PER_USER = 0
    _, plain = app_password(author)

    def via_proxy(client_ip, password):
        return api_client.get(
            ME,
            HTTP_AUTHORIZATION=basic_auth(author.username, password),
            REMOTE_ADDR="10.9.9.9",
            HTTP_X_FORWARDED_FOR=f"1.2.3.4, {client_ip}",  # the first hop is the client's say
        )

    for _ in range(5):
        via_proxy("203.0.113.7", WRONG)
    assert_too_many(via_proxy("203.0.113.7", plain))
    assert via_proxy("203.0.113.8", plain).status_code == 200


def test_login_page_failures_lock_the_account(client, author):
    for _ in range(3):
        assert log_in(client, author.username, "wrong").status_code == 200
    response = log_in(Client(), author.username.upper(), "user-pass-123", address="10.0.0.4")
    assert_too_many(response)
    assert "_auth_user_id" not in Client().session


def test_login_page_failures_lock_the_address(client, author, settings):
    for number in range(5):
        log_in(client, f"nobody{number}", "wrong")
    assert_too_many(log_in(client, author.username, "user-pass-123"))
    assert log_in(Client(), author.username, "user-pass-123", "10.0.0.8").status_code == 302


def test_login_page_successes_and_empty_forms_do_not_count(client, author):
    for _ in range(5):
        assert log_in(Client(), author.username, "user-pass-123").status_code == 302
        assert log_in(client, author.username, "").status_code == 200
    assert log_in(client, author.username, "user-pass-123").status_code == 302


def test_login_and_application_passwords_share_the_count(client, api_client, author, app_password):
    _, plain = app_password(author)
    log_in(client, author.username, "wrong")
    me(api_client, author.username, WRONG)
    log_in(client, author.username, "wrong")
    assert_too_many(me(api_client, author.username, plain))


def test_a_cache_that_does_not_answer_does_not_block_logins(
    api_client, author, app_password, settings
):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:8509/10",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }
    _, plain = app_password(author)
    assert me(api_client, author.username, WRONG).status_code == 401
    assert me(api_client, author.username, plain).status_code == 200
