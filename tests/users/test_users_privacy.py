"""Nothing secret leaks: password hashes, application passwords (except once, on create), and
other users' emails, through any users route, context, `_fields`, `_embed` or error."""

import pytest

from tests.factories import PostFactory, UserFactory
from tests.helpers import basic_auth
from tests.users.conftest import USERS_URL
from users.models import UserMeta

pytestmark = pytest.mark.django_db


@pytest.fixture
def secrets(db, app_password):
    """A published author with an application password, and everything that must stay hidden."""
    victim = UserFactory(role="author", email="victim-secret@hidden.test")
    PostFactory(author=victim, status="publish")
    item, plain = app_password(victim, "victim app")
    UserMeta.objects.create(
        user=victim, key="persisted_preferences", value='{"pref-marker-x1":"pref-value-x2"}'
    )
    victim.refresh_from_db()
    item.refresh_from_db()
    return (
        victim,
        item,
        [
            victim.email,
            victim.password,
            item.password,
            plain,
            item.lookup,
            victim.password.split("$")[-1],
            "pref-marker-x1",
        ],
    )


def requests_for(victim, item):
    base = f"{USERS_URL}/{victim.pk}"
    return [
        USERS_URL,
        f"{USERS_URL}?context=embed",
        f"{USERS_URL}?_fields=email,password,capabilities,meta",
        f"{USERS_URL}?search=victim-secret",
        f"{USERS_URL}?search=hidden.test",
        f"{USERS_URL}?_embed",
        base,
        f"{base}?context=embed",
        f"{base}?_fields=email,username,password",
        f"{base}?context=edit",
        f"{base}/application-passwords",
        f"{base}/application-passwords/{item.uuid}",
        f"{base}/application-passwords/introspect",
        "/wp-json/wp/v2/posts?_embed=author",
        f"/wp-json/wp/v2/posts?author={victim.pk}&_embed",
        "/wp-json/",
    ]


def assert_no_secret(response, secrets_list):
    text = response.content.decode()
    for secret in secrets_list:
        assert secret not in text, (response.request["PATH_INFO"], secret)


@pytest.mark.parametrize("role", [None, "editor", "author", "contributor", "subscriber"])
def test_nothing_secret_reaches_other_users(api_client, user_with_role, secrets, role):
    victim, item, hidden = secrets
    if role:
        api_client.force_authenticate(user_with_role(role))
    for url in requests_for(victim, item):
        assert_no_secret(api_client.get(url), hidden)
        assert_no_secret(api_client.options(url), hidden)


def test_the_user_sees_their_email_but_no_hash_or_password(api_client, secrets):
    victim, item, hidden = secrets
    api_client.force_authenticate(victim)
    never = [victim.password, item.password, hidden[3], item.lookup]
    for url in requests_for(victim, item):
        assert_no_secret(api_client.get(url), never)
    me = api_client.get(f"{USERS_URL}/me", {"context": "edit"}).json()
    assert me["email"] == victim.email
    assert "password" not in me


def test_administrator_sees_emails_but_never_hashes(api_client, admin_user, secrets):
    victim, item, hidden = secrets
    api_client.force_authenticate(admin_user)
    never = [victim.password, item.password, hidden[3], item.lookup]
    for url in requests_for(victim, item):
        assert_no_secret(api_client.get(url), never)
    listed = api_client.get(USERS_URL, {"context": "edit"}).json()
    assert victim.email in [user["email"] for user in listed]


def test_writes_never_echo_the_password(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    created = api_client.post(
        USERS_URL,
        {"username": "fresh", "email": "fresh@example.com", "password": "Plain-Text-Pass"},
        format="json",
    )
    assert created.status_code == 201
    assert "Plain-Text-Pass" not in created.content.decode()
    user_id = created.json()["id"]
    updated = api_client.post(
        f"{USERS_URL}/{user_id}", {"password": "Other-Plain-Pass"}, format="json"
    )
    assert "Other-Plain-Pass" not in updated.content.decode()
    deleted = api_client.delete(f"{USERS_URL}/{user_id}?force=true&reassign=false")
    assert "Other-Plain-Pass" not in deleted.content.decode()
    assert "md5$" not in deleted.content.decode()


def test_an_application_password_is_shown_only_when_created(api_client, subscriber):
    api_client.force_authenticate(subscriber)
    created = api_client.post(
        f"{USERS_URL}/me/application-passwords", {"name": "once"}, format="json"
    ).json()
    plain = created["password"]
    api_client.force_authenticate(None)
    api_client.credentials(HTTP_AUTHORIZATION=basic_auth(subscriber.username, plain))
    for url in (
        f"{USERS_URL}/me/application-passwords",
        f"{USERS_URL}/me/application-passwords/{created['uuid']}",
        f"{USERS_URL}/me/application-passwords/introspect",
        f"{USERS_URL}/me?context=edit",
    ):
        response = api_client.get(url)
        assert response.status_code == 200
        assert plain not in response.content.decode()
        assert plain.replace(" ", "") not in response.content.decode()


def test_errors_do_not_echo_credentials(api_client, author, app_password):
    _, plain = app_password(author)
    api_client.credentials(HTTP_AUTHORIZATION=basic_auth(author.username, plain + "x"))
    response = api_client.get(f"{USERS_URL}/me")
    assert response.status_code == 401
    assert plain not in response.content.decode()
