"""/wp/v2/users/<id|me>/application-passwords: list, create (plain password once), delete all,
introspect, and one password's get/rename/delete, for each role on itself and on others."""

import re
import uuid

import pytest

from tests.factories import UserFactory
from tests.helpers import assert_wp_error, basic_auth
from tests.users.conftest import USERS_URL
from users.models import ApplicationPassword

pytestmark = pytest.mark.django_db

ROLES = ["administrator", "editor", "author", "contributor", "subscriber"]
FIELDS = ["uuid", "app_id", "name", "created", "last_used", "last_ip", "_links"]


def passwords_url(user_id, rest=""):
    return f"{USERS_URL}/{user_id}/application-passwords{rest}"


@pytest.mark.parametrize("role", ROLES)
def test_everyone_manages_their_own_passwords(api_client, user_with_role, role):
    user = user_with_role(role)
    api_client.force_authenticate(user)
    app_id = str(uuid.uuid4())
    created = api_client.post(
        passwords_url("me"), {"name": "My App", "app_id": app_id}, format="json"
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert list(body) == [
        "uuid",
        "app_id",
        "name",
        "created",
        "last_used",
        "last_ip",
        "password",
        "_links",
    ]
    assert body["app_id"] == app_id
    assert (body["last_used"], body["last_ip"]) == (None, None)
    assert re.fullmatch(r"[A-Za-z0-9]{4}( [A-Za-z0-9]{4}){5}", body["password"])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", body["created"])
    item_url = (
        f"http://testserver/wp-json/wp/v2/users/{user.pk}/application-passwords/{body['uuid']}"
    )
    assert created["Location"] == item_url
    assert body["_links"] == {"self": [{"href": item_url}]}
    stored = ApplicationPassword.objects.get(uuid=body["uuid"])
    assert stored.check_password(body["password"])
    assert body["password"].replace(" ", "") not in stored.password

    listed = api_client.get(passwords_url(user.pk))
    assert listed.status_code == 200
    assert [item["uuid"] for item in listed.json()] == [body["uuid"]]
    assert list(listed.json()[0]) == FIELDS  # never the password again

    one = api_client.get(passwords_url("me", f"/{body['uuid']}"))
    assert one.status_code == 200
    assert "password" not in one.json()

    renamed = api_client.put(
        passwords_url("me", f"/{body['uuid']}"), {"name": "Renamed"}, format="json"
    )
    assert renamed.status_code == 200
    assert renamed.json()["name"] == "Renamed"
    assert "password" not in renamed.json()

    deleted = api_client.delete(passwords_url(user.pk, f"/{body['uuid']}"))
    assert deleted.status_code == 200
    assert deleted.json()["deleted"] is True
    assert deleted.json()["previous"]["name"] == "Renamed"
    assert "_links" not in deleted.json()["previous"]
    assert not ApplicationPassword.objects.filter(uuid=body["uuid"]).exists()


@pytest.mark.parametrize("role", ["editor", "author", "contributor", "subscriber"])
def test_others_passwords_need_edit_user(api_client, user_with_role, app_password, role):
    victim = UserFactory(role="author")
    item, _ = app_password(victim)
    api_client.force_authenticate(user_with_role(role))
    cases = [
        (
            "get",
            passwords_url(victim.pk),
            {},
            "rest_cannot_list_application_passwords",
            "Sorry, you are not allowed to list application passwords for this user.",
        ),
        (
            "post",
            passwords_url(victim.pk),
            {"name": "x"},
            "rest_cannot_create_application_passwords",
            "Sorry, you are not allowed to create application passwords for this user.",
        ),
        (
            "delete",
            passwords_url(victim.pk),
            {},
            "rest_cannot_delete_application_passwords",
            "Sorry, you are not allowed to delete application passwords for this user.",
        ),
        (
            "get",
            passwords_url(victim.pk, f"/{item.uuid}"),
            {},
            "rest_cannot_read_application_password",
            "Sorry, you are not allowed to read this application password.",
        ),
        (
            "post",
            passwords_url(victim.pk, f"/{item.uuid}"),
            {"name": "x"},
            "rest_cannot_edit_application_password",
            "Sorry, you are not allowed to edit this application password.",
        ),
        (
            "delete",
            passwords_url(victim.pk, f"/{item.uuid}"),
            {},
            "rest_cannot_delete_application_password",
            "Sorry, you are not allowed to delete this application password.",
        ),
    ]
    for method, url, data, code, message in cases:
        response = getattr(api_client, method)(url, data, format="json")
        body = assert_wp_error(response, code, 403)
        assert body["message"] == message
    assert ApplicationPassword.objects.filter(user=victim).count() == 1


def test_anonymous_gets_401_and_me_is_not_logged_in(api_client, app_password):
    victim = UserFactory()
    app_password(victim)
    assert_wp_error(
        api_client.get(passwords_url(victim.pk)), "rest_cannot_list_application_passwords", 401
    )
    body = assert_wp_error(api_client.get(passwords_url("me")), "rest_not_logged_in", 401)
    assert body["message"] == "You are not currently logged in."


def test_administrator_manages_others_passwords(api_client, admin_user, app_password):
    victim = UserFactory()
    app_password(victim, "one")
    app_password(victim, "two")
    api_client.force_authenticate(admin_user)
    assert len(api_client.get(passwords_url(victim.pk)).json()) == 2
    created = api_client.post(passwords_url(victim.pk), {"name": "three"}, format="json")
    assert created.status_code == 201
    response = api_client.delete(passwords_url(victim.pk))
    assert response.status_code == 200
    assert response.json() == {"deleted": True, "count": 3}
    assert not ApplicationPassword.objects.filter(user=victim).exists()


def test_unknown_user_and_password(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    body = assert_wp_error(api_client.get(passwords_url(999999)), "rest_user_invalid_id", 404)
    assert body["message"] == "Invalid user ID."
    assert_wp_error(api_client.get(passwords_url(0)), "rest_user_invalid_id", 404)
    for rest in ("/abc", f"/{uuid.uuid4()}"):
        body = assert_wp_error(
            api_client.get(passwords_url("me", rest)), "rest_application_password_not_found", 404
        )
        assert body["message"] == "Application password not found."


def test_password_of_another_user_is_not_found_through_mine(api_client, admin_user, app_password):
    other, _ = app_password(UserFactory())
    api_client.force_authenticate(admin_user)
    assert_wp_error(
        api_client.get(passwords_url("me", f"/{other.uuid}")),
        "rest_application_password_not_found",
        404,
    )


def test_names_are_required_and_unique(api_client, subscriber, app_password):
    app_password(subscriber, "Taken")
    api_client.force_authenticate(subscriber)
    body = assert_wp_error(
        api_client.post(passwords_url("me"), {}, format="json"), "rest_missing_callback_param", 400
    )
    assert body["data"]["params"] == ["name"]
    body = assert_wp_error(
        api_client.post(passwords_url("me"), {"name": ""}, format="json"), "rest_invalid_param", 400
    )
    assert body["data"]["params"] == {"name": "name must be at least 1 character long."}
    body = assert_wp_error(
        api_client.post(passwords_url("me"), {"name": "   "}, format="json"),
        "rest_invalid_param",
        400,
    )
    assert body["data"]["params"] == {"name": r"name does not match pattern .*\S.*."}
    body = assert_wp_error(
        api_client.post(passwords_url("me"), {"name": "taken"}, format="json"),
        "application_password_duplicate_name",
        409,
    )
    assert body["message"] == "Each application name should be unique."
    body = assert_wp_error(
        api_client.post(passwords_url("me"), {"name": "<b></b>"}, format="json"),
        "application_password_empty_name",
        400,
    )
    body = assert_wp_error(
        api_client.post(passwords_url("me"), {"name": "x", "app_id": "nope"}, format="json"),
        "rest_invalid_param",
        400,
    )
    assert body["data"]["params"] == {"app_id": "app_id is not a valid UUID."}


def test_introspect_answers_the_password_in_use(api_client, subscriber, app_password):
    item, plain = app_password(subscriber)
    app_password(subscriber, "other")
    api_client.credentials(HTTP_AUTHORIZATION=basic_auth(subscriber.username, plain))
    response = api_client.get(passwords_url("me", "/introspect"))
    assert response.status_code == 200
    assert response.json()["uuid"] == str(item.uuid)
    assert response.json()["last_ip"] == "127.0.0.1"
    assert response.json()["last_used"] is not None
    same = api_client.get(passwords_url(subscriber.pk, "/introspect"))
    assert same.json()["uuid"] == str(item.uuid)


def test_introspect_without_an_application_password(api_client, subscriber):
    api_client.force_authenticate(subscriber)
    body = assert_wp_error(
        api_client.get(passwords_url("me", "/introspect")),
        "rest_no_authenticated_app_password",
        404,
    )
    assert body["message"] == "Cannot introspect application password."


def test_introspect_is_for_the_current_user_only(api_client, admin_user, app_password):
    _, plain = app_password(admin_user)
    other = UserFactory()
    api_client.credentials(HTTP_AUTHORIZATION=basic_auth(admin_user.username, plain))
    body = assert_wp_error(
        api_client.get(passwords_url(other.pk, "/introspect")),
        "rest_cannot_introspect_app_password_for_non_authenticated_user",
        403,
    )
    assert body["message"] == (
        "The authenticated application password can only be introspected for the current user."
    )
    api_client.credentials()  # anonymous now
    assert_wp_error(
        api_client.get(passwords_url(other.pk, "/introspect")),
        "rest_cannot_introspect_app_password_for_non_authenticated_user",
        401,
    )


def test_options_describe_the_routes(api_client):
    response = api_client.options(passwords_url("me"))
    assert response.status_code == 200
    body = response.json()
    assert body["methods"] == ["GET", "POST", "DELETE"]
    assert body["endpoints"][2] == {"methods": ["DELETE"], "args": []}
    assert body["endpoints"][1]["args"]["name"] == {
        "description": "The name of the application password.",
        "type": "string",
        "minLength": 1,
        "pattern": r".*\S.*",
        "required": True,
    }
    assert body["schema"]["title"] == "application-password"


def test_rename_with_an_empty_name_changes_nothing(api_client, subscriber, app_password):
    item, _ = app_password(subscriber, "Keep")
    api_client.force_authenticate(subscriber)
    response = api_client.patch(passwords_url("me", f"/{item.uuid}"), {}, format="json")
    assert response.status_code == 200
    assert response.json()["name"] == "Keep"
