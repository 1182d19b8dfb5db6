"""The browser pages: /wp-login.php (every WordPress user logs in with a session, then uses
cookie + X-WP-Nonce) and /wp-admin/authorize-application.php (an app gets an application
password back at its success_url)."""

import re
from urllib.parse import parse_qs, parse_qsl, urlsplit

import pytest
from django.test import Client

from tests.conftest import ROLES
from tests.factories import UserFactory
from tests.helpers import basic_auth
from tests.users.conftest import USERS_URL
from users.models import ApplicationPassword
from users.web import add_query_arg, redirect_url_error

pytestmark = pytest.mark.django_db

LOGIN = "/wp-login.php"
AUTHORIZE = "/wp-admin/authorize-application.php"
NONCE_URL = "/wp-admin/admin-ajax.php?action=rest-nonce"
ME = f"{USERS_URL}/me"
APP_ID = "4a7a2a4e-9c4b-4cf8-8a52-5f0c6a1f2b3d"
PASSWORD_RE = re.compile(r"[A-Za-z0-9]{4}(?: [A-Za-z0-9]{4}){5}")


@pytest.fixture
def client():
    return Client()


def log_in(client, login, password="user-pass-123", **extra):
    return client.post(LOGIN, {"log": login, "pwd": password, **extra})


# --- /wp-login.php ------------------------------------------------------------------------------
def test_login_page_is_a_form_with_wordpress_field_names(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    for field in ('name="log"', 'name="pwd"', 'name="rememberme"', 'name="csrfmiddlewaretoken"'):
        assert field in html
    assert "<script" not in html
    assert "http" not in html.split("<body>")[1]


@pytest.mark.parametrize("role", ROLES)
def test_every_role_logs_in_and_then_uses_cookie_and_nonce(client, user_with_role, role):
    user = user_with_role(role)
    response = log_in(client, user.username)
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk
    # the browser client's next steps: a nonce from admin-ajax.php, then cookie + X-WP-Nonce
    nonce = client.get(NONCE_URL).content.decode()
    assert re.fullmatch(r"[0-9a-f]{10}", nonce)
    me = client.get(ME, HTTP_X_WP_NONCE=nonce)
    assert me.status_code == 200
    assert me.json()["id"] == user.pk
    # without the nonce the cookie alone is anonymous, as in WordPress
    assert client.get(ME).status_code == 401


def test_default_redirect_is_admin_for_staff_and_the_site_for_others(
    client, admin_user, subscriber
):
    assert log_in(client, admin_user.username)["Location"] == "/admin/"
    other = Client()
    assert log_in(other, subscriber.username)["Location"] == "/"


def test_login_with_email_address(client, author):
    response = log_in(client, author.email.upper())
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == author.pk


def test_logins_compare_without_case(client, author):
    response = log_in(client, author.username.upper())
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == author.pk


def test_django_field_names_work_too(client, editor):
    response = client.post(LOGIN, {"username": editor.username, "password": "user-pass-123"})
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("login", "password"),
    [
        ("who", "user-pass-123"),
        ("{user}", "wrong"),
        ("{user}", ""),
        ("", ""),
        ("{user}\x00", "user-pass-123"),
    ],
)
def test_bad_credentials_show_the_form_again(client, author, login, password):
    response = log_in(client, login.format(user=author.username), password)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="notice error"' in html
    assert "_auth_user_id" not in client.session
    assert client.get(NONCE_URL).status_code == 400  # still logged out


def test_inactive_users_cannot_log_in(client, author):
    author.is_active = False
    author.save()
    assert log_in(client, author.username).status_code == 200
    assert "_auth_user_id" not in client.session


def test_redirect_to_on_the_site_is_followed(client, author):
    response = log_in(client, author.username, redirect_to="/wp-json/wp/v2/posts?x=1")
    assert response["Location"] == "/wp-json/wp/v2/posts?x=1"
    other = Client()
    response = log_in(other, author.username, redirect_to="http://testserver/somewhere")
    assert response["Location"] == "http://testserver/somewhere"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/steal",
        "//evil.example/x",
        "http:///evil.example",
        "javascript:alert(1)",
        "\\\\evil.example",
        "https://testserver.evil.example/",
    ],
)
def test_redirect_to_elsewhere_is_refused(client, author, target):
    response = log_in(client, author.username, redirect_to=target)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"  # the default instead: the admin, for an author


def test_redirect_to_from_the_query_is_kept_in_the_form_only_when_safe(client):
    html = client.get(LOGIN + "?redirect_to=%2Fwp-json%2F").content.decode()
    assert 'name="redirect_to" value="/wp-json/"' in html
    html = client.get(LOGIN + "?redirect_to=https%3A%2F%2Fevil.example%2F").content.decode()
    assert "evil.example" not in html


def test_remember_me_keeps_the_session_for_two_weeks(client, author):
    log_in(client, author.username)
    assert client.session.get_expire_at_browser_close()
    remembered = Client()
    log_in(remembered, author.username, rememberme="forever")
    assert not remembered.session.get_expire_at_browser_close()
    assert remembered.session.get_expiry_age() == 14 * 86400


def test_login_refuses_posts_without_csrf_token(author):
    client = Client(enforce_csrf_checks=True)
    assert log_in(client, author.username).status_code == 403
    assert "_auth_user_id" not in client.session
    page = client.get(LOGIN)
    token = page.cookies["csrftoken"].value
    response = log_in(client, author.username, csrfmiddlewaretoken=token)
    assert response.status_code == 302


def test_logout_asks_first_then_logs_out_on_post(client, author):
    log_in(client, author.username)
    page = client.get(LOGIN + "?action=logout")
    assert page.status_code == 200
    assert 'method="post"' in page.content.decode()
    assert int(client.session["_auth_user_id"]) == author.pk  # a GET changes nothing
    response = client.post(LOGIN + "?action=logout")
    assert response.status_code == 302
    assert response["Location"] == LOGIN + "?loggedout=true"
    assert "_auth_user_id" not in client.session
    assert "You are now logged out." in client.get(response["Location"]).content.decode()


def test_logout_follows_a_safe_redirect_to_only(client, author):
    log_in(client, author.username)
    response = client.post(LOGIN + "?action=logout", {"redirect_to": "/wp-json/"})
    assert response["Location"] == "/wp-json/"
    log_in(client, author.username)
    response = client.post(LOGIN + "?action=logout", {"redirect_to": "https://evil.example/"})
    assert response["Location"] == LOGIN + "?loggedout=true"


def test_logout_needs_the_csrf_token(author):
    client = Client(enforce_csrf_checks=True)
    client.force_login(author)
    assert client.post(LOGIN + "?action=logout").status_code == 403
    assert int(client.session["_auth_user_id"]) == author.pk


def test_logout_when_logged_out_goes_to_the_login_page(client):
    response = client.get(LOGIN + "?action=logout")
    assert response["Location"] == LOGIN + "?loggedout=true"


def test_other_methods_are_not_allowed(client):
    assert client.delete(LOGIN).status_code == 405
    assert client.put(AUTHORIZE).status_code == 405


# --- /wp-admin/authorize-application.php --------------------------------------------------------
def authorize_url(**params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{AUTHORIZE}?{query}" if query else AUTHORIZE


def approve(client, **params):
    return client.post(AUTHORIZE, {**params, "approve": "1"})


def test_index_points_apps_at_the_authorize_page(api_client):
    body = api_client.get("/wp-json/").json()
    assert body["authentication"] == {
        "application-passwords": {
            "endpoints": {"authorization": "http://testserver/wp-admin/authorize-application.php"}
        }
    }


def test_logged_out_visitors_are_sent_to_log_in_first(client, author):
    url = AUTHORIZE + "?app_name=My+App&success_url=https%3A%2F%2Fapp.example%2Fcb"
    response = client.get(url)
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == LOGIN
    assert parse_qs(location.query)["redirect_to"] == [url]
    # ... and come back to it once logged in
    back = log_in(client, author.username, redirect_to=url)
    assert back["Location"] == url
    assert client.get(url).status_code == 200


def test_the_page_names_the_user_and_the_app(client, author):
    client.force_login(author)
    response = client.get(
        authorize_url(app_name="Jetpack%20<b>Mobile</b>", success_url="https://app.example/cb")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert author.username in html
    assert author.display_name in html
    assert "Jetpack &lt;b&gt;Mobile&lt;/b&gt;" in html  # escaped
    assert 'name="approve"' in html
    assert 'name="reject"' in html
    assert "https://app.example/cb?site_url=http://testserver&amp;user_login=" in html
    assert response["Cache-Control"].startswith("max-age=0")
    assert response["X-Frame-Options"] == "DENY"  # the approve button cannot be framed
    assert ApplicationPassword.objects.count() == 0


def test_approve_redirects_with_a_password_that_works_over_basic_auth(client, api_client, author):
    client.force_login(author)
    response = approve(
        client, app_name="My App", app_id=APP_ID, success_url="https://app.example/cb?state=xyz"
    )
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert (location.scheme, location.netloc, location.path) == ("https", "app.example", "/cb")
    args = parse_qs(location.query)
    assert args["state"] == ["xyz"]
    assert args["site_url"] == ["http://testserver"]
    assert args["user_login"] == [author.username]
    (password,) = args["password"]
    assert re.fullmatch(r"[A-Za-z0-9]{24}", password)  # plain, as WordPress sends it
    item = ApplicationPassword.objects.get(user=author)
    assert (item.name, item.app_id) == ("My App", APP_ID)
    api_client.credentials(HTTP_AUTHORIZATION=basic_auth(args["user_login"][0], password))
    me = api_client.get(ME)
    assert me.status_code == 200
    assert me.json()["id"] == author.pk


def test_approve_to_a_custom_scheme_and_to_localhost(client, author):
    client.force_login(author)
    response = approve(client, app_name="Desktop", success_url="myapp://auth/callback")
    assert response["Location"].startswith("myapp://auth/callback?site_url=")
    response = approve(client, app_name="Local", success_url="http://127.0.0.1:5000/cb#done")
    location = urlsplit(response["Location"])
    assert (location.netloc, location.fragment) == ("127.0.0.1:5000", "done")
    assert "password" in parse_qs(location.query)


def test_approve_without_success_url_shows_the_password_once(client, api_client, author):
    client.force_login(author)
    response = approve(client, app_name="Manual")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    shown = PASSWORD_RE.search(response.content.decode()).group(0)
    api_client.credentials(HTTP_AUTHORIZATION=basic_auth(author.username, shown))
    assert api_client.get(ME).json()["id"] == author.pk
    page = client.get(authorize_url(app_name="Manual"))
    assert shown not in page.content.decode()


def test_a_duplicate_app_name_is_reported_on_the_page(client, author):
    client.force_login(author)
    approve(client, app_name="Twice")
    response = approve(client, app_name="twice", success_url="https://app.example/cb")
    assert response.status_code == 200
    assert "Each application name should be unique." in response.content.decode()
    assert ApplicationPassword.objects.filter(user=author).count() == 1


@pytest.mark.parametrize(
    ("params", "location"),
    [
        (
            {"reject_url": "https://app.example/no", "success_url": "https://app.example/yes"},
            "https://app.example/no?success=false",
        ),
        (
            {"success_url": "https://app.example/yes?a=1"},
            "https://app.example/yes?a=1&success=false",
        ),
        ({"reject_url": "myapp://cancel?success=true"}, "myapp://cancel?success=false"),
    ],
)
def test_reject_redirects_with_success_false(client, author, params, location):
    client.force_login(author)
    response = client.post(AUTHORIZE, {"app_name": "App", **params, "reject": "1"})
    assert response.status_code == 302
    assert response["Location"] == location
    assert ApplicationPassword.objects.count() == 0


def test_reject_without_urls_shows_a_message(client, author):
    client.force_login(author)
    response = client.post(AUTHORIZE, {"app_name": "App", "reject": "1"})
    assert response.status_code == 200
    assert "No application password was created." in response.content.decode()
    assert ApplicationPassword.objects.count() == 0


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "An application name is required"),
        ("app_name=%20%20", "An application name is required"),
        ("app_name=%3Cb%3E%3C%2Fb%3E", "An application name is required"),
        ("app_name=A&app_id=not-a-uuid", "The application ID must be a UUID."),
        ("app_name=A&app_id=4A7A2A4E-9C4B-4CF8-8A52-5F0C6A1F2B3D", "must be a UUID"),
        ("app_name=A&success_url=http%3A%2F%2Fapp.example%2Fcb", "served over a secure connection"),
        ("app_name=A&reject_url=http%3A%2F%2Fapp.example%2Fno", "served over a secure connection"),
        ("app_name=A&success_url=javascript%3Aalert(1)", "Invalid URL format."),
        ("app_name=A&success_url=javascript%3A%2F%2Fx%2F%250Aalert(1)", "Invalid URL format."),
        ("app_name=A&success_url=data%3Atext%2Fhtml%2Cx", "Invalid URL format."),
        ("app_name=A&success_url=not-a-url", "Invalid URL format."),
        ("app_name=A&success_url=http%3A%2F%2F", "Invalid URL format."),
        ("app_name=A&success_url=https%3A%2F%2Fapp.example%2F%0D%0ASet-Cookie%3Ax", "Invalid URL"),
        ("app_name=A&success_url=https%3A%2F%2F%5B%3A%3A1", "Invalid URL format."),
        ("app_name=A&success_url=https%3A%2F%2Fa%40evil.example%2F", "Credentials are not allowed"),
    ],
)
def test_invalid_requests_are_a_400_page(client, author, query, message):
    client.force_login(author)
    response = client.get(f"{AUTHORIZE}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "The Authorize Application request is not allowed." in html
    assert message in html
    # a forged POST with the same parameters creates nothing either
    assert approve(client, **dict(parse_qsl(query, keep_blank_values=True))).status_code == 400
    assert ApplicationPassword.objects.count() == 0


def test_get_never_creates_or_shows_a_password(client, author):
    client.force_login(author)
    for params in (
        {"app_name": "A", "approve": "1"},
        {"app_name": "A", "approve": "1", "success_url": "https://app.example/cb"},
    ):
        response = client.get(AUTHORIZE, params)
        assert response.status_code == 200
        html = response.content.decode()
        assert not PASSWORD_RE.search(html)
        assert "password=[------]" in html or "success_url" not in params
    assert ApplicationPassword.objects.count() == 0


def test_approve_needs_the_csrf_token(author):
    client = Client(enforce_csrf_checks=True)
    client.force_login(author)
    data = {"app_name": "App", "success_url": "https://app.example/cb", "approve": "1"}
    assert client.post(AUTHORIZE, data).status_code == 403
    assert ApplicationPassword.objects.count() == 0
    page = client.get(AUTHORIZE, {"app_name": "App", "success_url": "https://app.example/cb"})
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    response = client.post(AUTHORIZE, {**data, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert ApplicationPassword.objects.filter(user=author).count() == 1


def test_the_password_belongs_to_the_logged_in_user_only(client, api_client, author):
    other = UserFactory(role="editor")
    client.force_login(author)
    response = approve(client, app_name="Mine", success_url="https://app.example/cb")
    password = parse_qs(urlsplit(response["Location"]).query)["password"][0]
    api_client.credentials(HTTP_AUTHORIZATION=basic_auth(other.username, password))
    assert api_client.get(ME).status_code == 401


# --- the helpers, on WordPress's own examples ----------------------------------------------------
@pytest.mark.parametrize(
    ("url", "valid"),
    [
        ("", True),
        ("https://example.org", True),
        ("https://example.org/callback", True),
        ("wordpress://callback", True),
        ("myapp://auth/callback", True),
        ("http://127.0.0.1/callback", True),
        ("http://[::1]:8080/callback", True),
        ("http://localhost:3000/cb", True),
        ("HTTPS://EXAMPLE.ORG/", True),
        ("http://example.org", False),
        ("HTTP://example.org", False),
        ("http://127.0.0.2/cb", False),
        ("http://localhost.example.org/cb", False),
        ("javascript://example.org/%0Aalert(1)", False),
        ("data://text/html,test", False),
        ("not-a-url", False),
        ("http://", False),
        ("myapp:callback", False),
        ("https://user:pass@evil.com/capture", False),
    ],
)
def test_redirect_url_rules(url, valid):
    assert (redirect_url_error(url) is None) is valid


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://a.example/cb", "https://a.example/cb?k=v+w"),
        ("https://a.example/cb?x=1&k=old#frag", "https://a.example/cb?x=1&k=v+w#frag"),
        ("myapp://cb?", "myapp://cb?k=v+w"),
    ],
)
def test_add_query_arg(url, expected):
    assert add_query_arg(url, {"k": "v w"}) == expected


def test_a_logged_out_post_creates_nothing(client):
    response = approve(client, app_name="App", success_url="https://app.example/cb")
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == LOGIN
    assert ApplicationPassword.objects.count() == 0


def test_a_non_ascii_success_url_is_sent_encoded(client, author):
    client.force_login(author)
    response = approve(client, app_name="App", success_url="https://münchen.example/cb?x=€")
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("https://m%C3%BCnchen.example/cb?x=%E2%82%AC&site_url=")
    assert "password=" in location
