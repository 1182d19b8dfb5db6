"""POST/PUT/PATCH/DELETE on users: each role on itself and on others, and every error code
WordPress 6.1 answers (checked against the reference site)."""

import pytest

from content.models import Post
from tests.factories import PostFactory, UserFactory
from tests.helpers import assert_wp_error, basic_auth
from tests.users.conftest import USERS_URL
from users.models import User, UserMeta

pytestmark = pytest.mark.django_db

ROLES = ["administrator", "editor", "author", "contributor", "subscriber"]
NEW_USER = {"username": "newbie", "email": "newbie@example.com", "password": "s3cret-pass"}


# --- create -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("role", "status"),
    [(None, 401), ("editor", 403), ("author", 403), ("contributor", 403), ("subscriber", 403)],
)
def test_creating_users_needs_create_users(api_client, user_with_role, role, status):
    if role:
        api_client.force_authenticate(user_with_role(role))
    response = api_client.post(USERS_URL, NEW_USER, format="json")
    body = assert_wp_error(response, "rest_cannot_create_user", status)
    assert body["message"] == "Sorry, you are not allowed to create new users."
    assert not User.objects.filter(username="newbie").exists()


def test_administrator_creates_a_user(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    response = api_client.post(
        USERS_URL,
        {
            **NEW_USER,
            "name": "New <b>Bie</b>",
            "first_name": "New",
            "roles": ["author"],
            "url": "newbie.example.com",
            "meta": {"persisted_preferences": {"x": 1}},
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    user = User.objects.get(username="newbie")
    assert response["Location"] == f"http://testserver/wp-json/wp/v2/users/{user.pk}"
    assert body["id"] == user.pk
    assert body["username"] == "newbie"
    assert body["email"] == "newbie@example.com"  # create answers in edit context
    assert body["name"] == "New Bie"  # sanitize_text_field
    assert body["nickname"] == "newbie"
    assert body["slug"] == "newbie"
    assert body["roles"] == ["author"]
    assert body["url"] == "http://newbie.example.com"
    assert body["meta"]["persisted_preferences"] == {"x": 1}
    assert "password" not in body
    assert user.check_password("s3cret-pass")
    assert user.password != "s3cret-pass"


def test_new_users_default_to_subscriber_and_get_a_unique_slug(api_client, admin_user):
    UserFactory(username="other", nicename="newbie")
    api_client.force_authenticate(admin_user)
    body = api_client.post(USERS_URL, NEW_USER, format="json").json()
    assert body["roles"] == ["subscriber"]
    assert body["slug"] == "newbie-2"


@pytest.mark.parametrize(
    ("field", "data", "code", "message"),
    [
        (
            "username",
            {"username": "Admin"},
            "existing_user_login",
            "Sorry, that username already exists!",
        ),
        (
            "email",
            {"email": "TAKEN@example.com"},
            "existing_user_email",
            "Sorry, that email address is already used!",
        ),
    ],
)
def test_unique_username_and_email(api_client, admin_user, field, data, code, message):
    admin_user.username, admin_user.email = "admin", "taken@example.com"
    admin_user.save()
    api_client.force_authenticate(admin_user)
    response = api_client.post(USERS_URL, {**NEW_USER, **data}, format="json")
    body = assert_wp_error(response, code, 400)
    assert body["message"] == message


@pytest.mark.parametrize(
    ("data", "param", "code", "message"),
    [
        ({"email": "not-an-email"}, "email", "rest_invalid_email", "Invalid email address."),
        (
            {"username": "a b<>"},
            "username",
            "rest_user_invalid_username",
            "This username is invalid because it uses illegal characters. Please enter a valid "
            "username.",
        ),
        (
            {"username": ""},
            "username",
            "rest_user_invalid_username",
            "This username is invalid because it uses illegal characters. Please enter a valid "
            "username.",
        ),
        ({"password": ""}, "password", "rest_user_invalid_password", "Passwords cannot be empty."),
        (
            {"password": "a\\b"},
            "password",
            "rest_user_invalid_password",
            'Passwords cannot contain the "\\" character.',
        ),
        ({"locale": "xx_XX"}, "locale", "rest_not_in_enum", None),
    ],
)
def test_invalid_new_user_fields(api_client, admin_user, data, param, code, message):
    api_client.force_authenticate(admin_user)
    response = api_client.post(USERS_URL, {**NEW_USER, **data}, format="json")
    body = assert_wp_error(response, "rest_invalid_param", 400)
    assert body["message"] == f"Invalid parameter(s): {param}"
    assert body["data"]["details"][param]["code"] == code
    if message:
        assert body["data"]["params"][param] == message


def test_missing_required_fields(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    response = api_client.post(USERS_URL, {"name": "x"}, format="json")
    body = assert_wp_error(response, "rest_missing_callback_param", 400)
    assert body["data"]["params"] == ["username", "email", "password"]


def test_unknown_role_and_existing_id(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    response = api_client.post(USERS_URL, {**NEW_USER, "roles": ["nope"]}, format="json")
    body = assert_wp_error(response, "rest_user_invalid_role", 400)
    assert body["message"] == "The role nope does not exist."
    response = api_client.post(USERS_URL, {**NEW_USER, "id": 5}, format="json")
    body = assert_wp_error(response, "rest_user_exists", 400)
    assert body["message"] == "Cannot create existing user."


# --- update: each role on itself and on others ---------------------------------------------------
@pytest.mark.parametrize("role", ROLES)
def test_everyone_may_edit_their_own_profile(api_client, user_with_role, role):
    user = user_with_role(role)
    api_client.force_authenticate(user)
    for url in (f"{USERS_URL}/{user.pk}", f"{USERS_URL}/me"):
        response = api_client.post(
            url,
            {"name": f"New {role}", "description": "Hi", "nickname": "nick", "last_name": "Last"},
            format="json",
        )
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["name"] == f"New {role}"
        assert body["nickname"] == "nick"
        assert body["email"] == user.email  # edit context
    user.refresh_from_db()
    assert (user.display_name, user.last_name) == (f"New {role}", "Last")


@pytest.mark.parametrize("role", ["editor", "author", "contributor", "subscriber"])
@pytest.mark.parametrize("method", ["post", "put", "patch"])
def test_editing_others_needs_edit_users(api_client, user_with_role, role, method):
    victim = UserFactory(role="author", display_name="Victim")
    api_client.force_authenticate(user_with_role(role))
    response = getattr(api_client, method)(
        f"{USERS_URL}/{victim.pk}", {"name": "Hacked"}, format="json"
    )
    body = assert_wp_error(response, "rest_cannot_edit", 403)
    assert body["message"] == "Sorry, you are not allowed to edit this user."
    victim.refresh_from_db()
    assert victim.display_name == "Victim"


def test_anonymous_cannot_edit_anyone(api_client):
    victim = UserFactory()
    assert_wp_error(
        api_client.post(f"{USERS_URL}/{victim.pk}", {"name": "x"}), "rest_cannot_edit", 401
    )
    assert_wp_error(
        api_client.post(f"{USERS_URL}/me", {"name": "x"}), "rest_user_invalid_id", 404
    )  # WordPress looks up user 0


def test_administrator_edits_others(api_client, admin_user):
    victim = UserFactory(role="author")
    api_client.force_authenticate(admin_user)
    response = api_client.patch(
        f"{USERS_URL}/{victim.pk}",
        {"email": "changed@example.com", "password": "new-pass", "slug": "New Slug"},
        format="json",
    )
    assert response.status_code == 200, response.content
    victim.refresh_from_db()
    assert victim.email == "changed@example.com"
    assert victim.nicename == "new-slug"
    assert victim.check_password("new-pass")


@pytest.mark.parametrize("role", ["editor", "author", "contributor", "subscriber"])
def test_changing_roles_needs_promote_users(api_client, user_with_role, role):
    user = user_with_role(role)
    api_client.force_authenticate(user)
    for target in (user, UserFactory()):
        response = api_client.post(
            f"{USERS_URL}/{target.pk}", {"roles": ["administrator"]}, format="json"
        )
        body = assert_wp_error(response, "rest_cannot_edit_roles", 403)
        assert body["message"] == "Sorry, you are not allowed to edit roles of this user."
    user.refresh_from_db()
    assert user.role == role


def test_administrator_changes_roles(api_client, admin_user):
    victim = UserFactory(role="subscriber")
    api_client.force_authenticate(admin_user)
    response = api_client.post(f"{USERS_URL}/{victim.pk}", {"roles": ["editor"]}, format="json")
    assert response.status_code == 200
    assert response.json()["roles"] == ["editor"]
    victim.refresh_from_db()
    assert victim.role == "editor"
    response = api_client.post(f"{USERS_URL}/{victim.pk}", {"roles": ["boss"]}, format="json")
    assert_wp_error(response, "rest_user_invalid_role", 400)


def test_administrator_may_not_demote_themselves(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    response = api_client.post(f"{USERS_URL}/me", {"roles": ["editor"]}, format="json")
    body = assert_wp_error(response, "rest_user_invalid_role", 403)
    assert body["message"] == "Sorry, you are not allowed to give users that role."
    admin_user.refresh_from_db()
    assert admin_user.role == "administrator"
    ok = api_client.post(f"{USERS_URL}/me", {"roles": ["administrator"]}, format="json")
    assert ok.status_code == 200


@pytest.mark.parametrize(
    ("data", "code", "message"),
    [
        ({"username": "renamed"}, "rest_user_invalid_argument", "Username is not editable."),
        ({"email": "taken@example.com"}, "rest_user_invalid_email", "Invalid email address."),
        ({"slug": "taken-slug"}, "rest_user_invalid_slug", "Invalid slug."),
    ],
)
def test_update_conflicts(api_client, subscriber, data, code, message):
    UserFactory(email="taken@example.com", nicename="taken-slug")
    api_client.force_authenticate(subscriber)
    response = api_client.post(f"{USERS_URL}/me", data, format="json")
    body = assert_wp_error(response, code, 400)
    assert body["message"] == message


def test_same_username_and_own_email_are_accepted(api_client, subscriber):
    api_client.force_authenticate(subscriber)
    response = api_client.post(
        f"{USERS_URL}/me",
        {"username": subscriber.username, "email": subscriber.email},
        format="json",
    )
    assert response.status_code == 200


def test_invalid_email_on_update(api_client, subscriber):
    api_client.force_authenticate(subscriber)
    response = api_client.post(f"{USERS_URL}/me", {"email": "nope"}, format="json")
    body = assert_wp_error(response, "rest_invalid_param", 400)
    assert body["data"]["params"] == {"email": "Invalid email address."}


def test_description_is_filtered_without_unfiltered_html(api_client, subscriber, editor):
    html = (
        '<strong>bold</strong><script>alert(1)</script><a href="https://x.test" '
        'onclick="x()">link</a>'
    )
    api_client.force_authenticate(subscriber)
    body = api_client.post(f"{USERS_URL}/me", {"description": html}, format="json").json()
    assert "<script" not in body["description"]
    assert "onclick" not in body["description"]
    assert "<strong>bold</strong>" in body["description"]
    api_client.force_authenticate(editor)
    body = api_client.post(f"{USERS_URL}/me", {"description": html}, format="json").json()
    assert body["description"] == html  # editors hold unfiltered_html


def test_meta_update_and_delete(api_client, subscriber):
    api_client.force_authenticate(subscriber)
    url = f"{USERS_URL}/me"
    response = api_client.post(
        url,
        {"meta": {"persisted_preferences": {"a": {"b": 1}}, "unregistered": "ignored"}},
        format="json",
    )
    assert response.json()["meta"] == {"persisted_preferences": {"a": {"b": 1}}}
    assert not UserMeta.objects.filter(key="unregistered").exists()
    response = api_client.post(url, {"meta": {"persisted_preferences": None}}, format="json")
    assert response.json()["meta"] == {"persisted_preferences": []}
    bad = api_client.post(url, {"meta": {"persisted_preferences": "text"}}, format="json")
    body = assert_wp_error(bad, "rest_invalid_type", 400)
    assert body["message"] == "meta.persisted_preferences is not of type object."
    bad = api_client.post(url, {"meta": "text"}, format="json")
    assert_wp_error(bad, "rest_invalid_param", 400)


def test_update_unknown_user(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    assert_wp_error(
        api_client.post(f"{USERS_URL}/999999", {"name": "x"}), "rest_user_invalid_id", 404
    )


# --- delete -------------------------------------------------------------------------------------
@pytest.mark.parametrize("role", ["editor", "author", "contributor", "subscriber"])
def test_deleting_needs_delete_users(api_client, user_with_role, role):
    user = user_with_role(role)
    api_client.force_authenticate(user)
    for target in (user, UserFactory()):
        response = api_client.delete(f"{USERS_URL}/{target.pk}?force=true&reassign=false")
        body = assert_wp_error(response, "rest_user_cannot_delete", 403)
        assert body["message"] == "Sorry, you are not allowed to delete this user."
    response = api_client.delete(f"{USERS_URL}/me?force=true&reassign=false")
    assert_wp_error(response, "rest_user_cannot_delete", 403)
    assert User.objects.filter(pk=user.pk).exists()


def test_anonymous_cannot_delete(api_client):
    victim = UserFactory()
    response = api_client.delete(f"{USERS_URL}/{victim.pk}?force=true&reassign=false")
    assert_wp_error(response, "rest_user_cannot_delete", 401)


def test_reassign_is_required_and_validated(api_client, admin_user):
    victim = UserFactory()
    api_client.force_authenticate(admin_user)
    body = assert_wp_error(
        api_client.delete(f"{USERS_URL}/{victim.pk}?force=true"), "rest_missing_callback_param", 400
    )
    assert body["data"]["params"] == ["reassign"]
    body = assert_wp_error(
        api_client.delete(f"{USERS_URL}/{victim.pk}?force=true&reassign=abc"),
        "rest_invalid_param",
        400,
    )
    assert body["data"]["params"] == {"reassign": "Invalid user parameter(s)."}


def test_delete_without_force_is_not_supported(api_client, admin_user):
    victim = UserFactory()
    api_client.force_authenticate(admin_user)
    response = api_client.delete(f"{USERS_URL}/{victim.pk}?reassign=false")
    body = assert_wp_error(response, "rest_trash_not_supported", 501)
    assert body["message"] == "Users do not support trashing. Set 'force=true' to delete."
    assert User.objects.filter(pk=victim.pk).exists()


@pytest.mark.parametrize("reassign", ["self", "999999", "1e20", "99999999999999999999"])
def test_invalid_reassign_target(api_client, admin_user, reassign):
    victim = UserFactory()
    api_client.force_authenticate(admin_user)
    target = victim.pk if reassign == "self" else reassign
    response = api_client.delete(f"{USERS_URL}/{victim.pk}?force=true&reassign={target}")
    body = assert_wp_error(response, "rest_user_invalid_reassign", 400)
    assert body["message"] == "Invalid user ID for reassignment."


def test_an_infinite_reassign_is_no_reassign_as_in_wordpress(api_client, admin_user):
    # absint("1e400") is 0 in PHP (infinity casts to 0): the reference WordPress deletes the
    # user without reassigning anything
    victim = UserFactory()
    api_client.force_authenticate(admin_user)
    response = api_client.delete(f"{USERS_URL}/{victim.pk}?force=true&reassign=1e400")
    assert response.status_code == 200
    assert response.json()["deleted"] is True


def test_delete_reassigns_posts(api_client, admin_user):
    victim = UserFactory(role="author")
    heir = UserFactory(role="editor")
    posts = PostFactory.create_batch(2, author=victim)
    api_client.force_authenticate(admin_user)
    response = api_client.delete(
        f"{USERS_URL}/{victim.pk}", {"force": True, "reassign": heir.pk}, format="json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["deleted"] is True
    assert body["previous"]["id"] == victim.pk
    assert body["previous"]["email"] == victim.email  # previous is in edit context
    assert "_links" not in body["previous"]
    assert not User.objects.filter(pk=victim.pk).exists()
    assert set(
        Post.objects.filter(pk__in=[p.pk for p in posts]).values_list("author_id", flat=True)
    ) == {heir.pk}


def test_delete_without_reassign_deletes_their_posts(api_client, admin_user):
    victim = UserFactory(role="author")
    post = PostFactory(author=victim)
    api_client.force_authenticate(admin_user)
    response = api_client.delete(f"{USERS_URL}/{victim.pk}?force=true&reassign=false")
    assert response.status_code == 200
    assert not Post.objects.filter(pk=post.pk).exists()


def test_delete_me(api_client, admin_user):
    heir = UserFactory(role="administrator")
    api_client.force_authenticate(admin_user)
    response = api_client.delete(f"{USERS_URL}/me?force=true&reassign={heir.pk}")
    assert response.status_code == 200
    assert response.json()["previous"]["id"] == admin_user.pk
    assert not User.objects.filter(pk=admin_user.pk).exists()


def test_delete_me_anonymous_is_invalid_id(api_client):
    response = api_client.delete(f"{USERS_URL}/me?force=true&reassign=false")
    assert_wp_error(response, "rest_user_invalid_id", 404)


def test_allow_header_follows_permissions(api_client, admin_user, subscriber):
    api_client.force_authenticate(subscriber)
    own = api_client.get(f"{USERS_URL}/{subscriber.pk}")
    assert own["Allow"] == "GET, POST, PUT, PATCH"
    api_client.force_authenticate(admin_user)
    other = api_client.get(f"{USERS_URL}/{subscriber.pk}")
    assert other["Allow"] == "GET, POST, PUT, PATCH, DELETE"


def test_empty_roles_take_every_role_away(api_client, subscriber, admin_user):
    api_client.force_authenticate(subscriber)  # only edit_user is needed, as in WordPress
    response = api_client.post(f"{USERS_URL}/me", {"roles": []}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert (body["roles"], body["capabilities"], body["extra_capabilities"]) == ([], {}, {})
    api_client.force_authenticate(admin_user)
    created = api_client.post(USERS_URL, {**NEW_USER, "roles": []}, format="json").json()
    assert created["roles"] == []


def test_a_user_may_hold_several_roles(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    created = api_client.post(
        USERS_URL, {**NEW_USER, "roles": ["author", "editor"]}, format="json"
    ).json()
    # as the reference WordPress answers: roles in order, capabilities merged role by role
    assert created["roles"] == ["author", "editor"]
    assert created["extra_capabilities"] == {"author": True, "editor": True}
    assert list(created["capabilities"])[-3:] == ["read_private_pages", "author", "editor"]
    assert list(created["capabilities"])[:3] == [
        "upload_files",
        "edit_posts",
        "edit_published_posts",
    ]
    found = api_client.get(USERS_URL, {"roles": "editor", "_fields": "id"}).json()
    assert {"id": created["id"]} in found
    found = api_client.get(USERS_URL, {"capabilities": "moderate_comments"}).json()
    assert created["id"] in [user["id"] for user in found]
    user = User.objects.get(pk=created["id"])
    api_client.force_authenticate(user)
    assert api_client.get(USERS_URL, {"who": "authors"}).status_code == 200  # edit_posts
    api_client.force_authenticate(admin_user)
    single = api_client.post(
        f"{USERS_URL}/{user.pk}", {"roles": ["subscriber"]}, format="json"
    ).json()
    assert single["roles"] == ["subscriber"]
    assert single["extra_capabilities"] == {"subscriber": True}


def test_description_over_application_passwords_is_always_filtered(
    api_client, admin_user, app_password
):
    _, plain = app_password(admin_user)
    api_client.credentials(HTTP_AUTHORIZATION=basic_auth(admin_user.username, plain))
    response = api_client.post(
        f"{USERS_URL}/me", {"description": "<script>x</script><b>y</b>"}, format="json"
    )
    # what the reference WordPress answers for its administrator over Basic auth
    assert response.json()["description"] == "x<b>y</b>"


def test_deleting_a_user_moves_children_of_their_pages_up(api_client, admin_user):
    from tests.factories import PageFactory

    victim = UserFactory(role="editor")
    parent = PageFactory(author=admin_user)
    middle = PageFactory(author=victim, parent=parent)
    child = PageFactory(author=admin_user, parent=middle)
    api_client.force_authenticate(admin_user)
    response = api_client.delete(f"{USERS_URL}/{victim.pk}?force=true&reassign=false")
    assert response.status_code == 200
    assert not Post.objects.filter(pk=middle.pk).exists()
    child.refresh_from_db()
    assert child.parent_id == parent.pk


def test_nul_characters_are_dropped_from_stored_text(api_client, subscriber):
    api_client.force_authenticate(subscriber)
    response = api_client.post(
        f"{USERS_URL}/me",
        {
            "name": "a\x00b",
            "nickname": "c\x00d",
            "url": "e\x00.test",
            "meta": {"persisted_preferences": {"k\x00": "v\x00"}},
        },
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["name"], body["nickname"], body["url"]) == ("ab", "cd", "http://e.test")
    assert body["meta"]["persisted_preferences"] == {"k": "v"}
    for query in ({"search": "a\x00"}, {"slug": "a\x00"}):
        assert api_client.get(USERS_URL, query).json() == []


@pytest.mark.parametrize(
    ("data", "code", "message"),
    [
        (
            {"username": "u" * 61},
            "user_login_too_long",
            "Username may not be longer than 60 characters.",
        ),
        (
            {"url": "https://example.com/" + "p" * 90},
            "user_url_too_long",
            "User URL may not be longer than 100 characters.",
        ),
        (
            {"slug": "s" * 51},
            "user_nicename_too_long",
            "Nicename may not be longer than 50 characters.",
        ),
    ],
)
def test_wp_insert_user_length_limits(api_client, admin_user, data, code, message):
    api_client.force_authenticate(admin_user)
    response = api_client.post(USERS_URL, {**NEW_USER, **data}, format="json")
    body = assert_wp_error(response, code, 400)
    assert body["message"] == message
    if "username" not in data:
        update = api_client.post(f"{USERS_URL}/me", data, format="json")
        assert_wp_error(update, code, 400)


@pytest.mark.parametrize(
    ("names", "display"),
    [
        ({"first_name": "Ann", "last_name": "Lee"}, "Ann Lee"),
        ({"first_name": "Ann"}, "Ann"),
        ({"last_name": "Lee"}, "Lee"),
        ({}, "newbie"),
        ({"first_name": "Ann", "name": "Chosen"}, "Chosen"),
    ],
)
def test_default_display_name(api_client, admin_user, names, display):
    api_client.force_authenticate(admin_user)
    response = api_client.post(USERS_URL, {**NEW_USER, **names}, format="json")
    assert response.json()["name"] == display
