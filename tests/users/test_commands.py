"""Management commands: createsuperuser makes a WordPress administrator; application_password
prints the password alone; ensure_admin; the demo users match the reference site."""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from tests.helpers import basic_auth
from tests.users.conftest import USERS_URL
from users import demo
from users.models import ApplicationPassword, User

pytestmark = pytest.mark.django_db


def test_createsuperuser_noinput_makes_an_administrator(api_client, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "boss-pass-123")
    call_command(
        "createsuperuser",
        interactive=False,
        username="boss",
        email="boss@example.com",
        stdout=io.StringIO(),
    )
    boss = User.objects.get(username="boss")
    assert boss.role == "administrator"
    assert boss.check_password("boss-pass-123")
    assert (boss.nicename, boss.display_name, boss.nickname) == ("boss", "boss", "boss")
    api_client.force_authenticate(boss)
    me = api_client.get(f"{USERS_URL}/me", {"context": "edit"}).json()
    assert me["roles"] == ["administrator"]
    assert me["capabilities"]["list_users"] is True
    assert api_client.get(USERS_URL, {"context": "edit"}).status_code == 200


def test_createsuperuser_interactive_path_uses_the_same_manager():
    boss = User.objects.create_superuser("boss2", "boss2@example.com", "pw-123456")
    assert boss.role == "administrator"
    assert boss.is_staff
    assert boss.is_superuser


def test_application_password_create_prints_only_the_password(api_client, author):
    out = io.StringIO()
    call_command("application_password", "create", author.username, "--name", "ci", stdout=out)
    printed = out.getvalue()
    assert re.fullmatch(r"[A-Za-z0-9]{4}( [A-Za-z0-9]{4}){5}\n", printed)
    assert ApplicationPassword.objects.get(user=author).name == "ci"
    api_client.credentials(HTTP_AUTHORIZATION=basic_auth(author.username, printed.strip()))
    assert api_client.get(f"{USERS_URL}/me").json()["id"] == author.pk


def test_application_password_list_and_unknown_user(author, app_password):
    item, _ = app_password(author, "listed")
    out = io.StringIO()
    call_command("application_password", "list", author.username, stdout=out)
    assert str(item.uuid) in out.getvalue()
    assert "listed" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("application_password", "create", "nobody", stdout=io.StringIO())


def test_ensure_admin_creates_once_and_prints_a_working_password(api_client):
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    admin = User.objects.get(username="admin")
    assert admin.role == "administrator"
    plain = re.search(r"Application password for admin: ([A-Za-z0-9 ]{29})", out.getvalue())
    assert plain
    api_client.credentials(HTTP_AUTHORIZATION=basic_auth("admin", plain.group(1)))
    assert api_client.get(f"{USERS_URL}/me").json()["id"] == admin.pk
    call_command("ensure_admin", stdout=io.StringIO())
    assert User.objects.filter(username="admin").count() == 1
    assert ApplicationPassword.objects.filter(user=admin).count() == 2


def test_demo_users_are_the_reference_site_users():
    demo.seed()
    demo.seed()  # idempotent
    rows = list(
        User.objects.order_by("date_joined").values_list("username", "role", "display_name")
    )
    assert rows == [
        ("admin", "administrator", "admin"),
        ("alice", "author", "Alice Author"),
        ("bob", "editor", "Bob Editor"),
        ("carol", "contributor", "Carol Contributor"),
        ("dave", "subscriber", "Dave Subscriber"),
    ]
    assert User.objects.get(username="dave").check_password("dave-pass-123")


def test_application_password_names_stay_unique(author):
    for _ in range(2):
        call_command("application_password", "create", author.username, stdout=io.StringIO())
    names = sorted(ApplicationPassword.objects.filter(user=author).values_list("name", flat=True))
    assert names == ["wpapi-cli", "wpapi-cli 2"]
    with pytest.raises(CommandError, match="Each application name should be unique."):
        call_command(
            "application_password",
            "create",
            author.username,
            "--name",
            "WPAPI-CLI",
            stdout=io.StringIO(),
        )


def test_demo_users_carry_the_reference_team_meta(api_client, settings, admin_user):
    settings.WP_USER_META = {
        "ref_team": {"type": "string", "description": "Reference team name.", "single": True}
    }
    demo.seed()
    api_client.force_authenticate(admin_user)
    teams = {
        user["slug"]: user["meta"]["ref_team"]
        for user in api_client.get(USERS_URL, {"per_page": 100}).json()
    }
    assert teams == {
        "admin": "",
        "alice": "red",
        "bob": "blue",
        "carol": "red",
        "dave": "green",
        admin_user.nicename: "",
    }
