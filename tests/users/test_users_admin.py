"""Users in Django admin: only administrators manage users and roles; everyone who may use the
admin edits their own profile and application passwords (shown once, never a hash); who may
log in at all is the WordPress role."""

import re

import pytest

from content.models import Post
from tests.factories import PostFactory, UserFactory
from users.models import ApplicationPassword, User

pytestmark = pytest.mark.django_db
USERS = "/admin/users/user/"


def profile_form(user, **changes):
    data = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "nickname": user.nickname,
        "display_name": user.display_name,
        "email": user.email,
        "url": user.url,
        "description": user.description,
        "role": user.role,
        "new_application_password": "",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("role", "may_log_in"),
    [
        ("administrator", True),
        ("editor", True),
        ("author", True),
        ("contributor", True),
        ("subscriber", False),
    ],
)
def test_who_may_log_in_is_the_role(client, role, may_log_in):
    user = UserFactory(username=f"the-{role}", role=role, is_staff=False)
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": user.username, "password": "user-pass-123", "next": "/admin/"},
    )
    assert (response.status_code == 302) is may_log_in
    if not may_log_in:
        assert "needs the role of contributor" in response.content.decode()


def test_wp_login_leads_to_the_admin_for_contributors(client):
    UserFactory(username="carla", role="contributor")
    response = client.post("/wp-login.php", {"log": "carla", "pwd": "user-pass-123"})
    assert response["Location"] == "/admin/"


@pytest.mark.parametrize(
    ("page", "target"),
    [
        ("", "/admin/"),
        ("edit.php?post_type=page", "/admin/wp/page/"),
        ("post-new.php", "/admin/wp/post/add/"),
        ("upload.php", "/admin/wp/attachment/"),
        ("edit-tags.php?taxonomy=post_tag", "/admin/wp/post_tag/"),
        ("edit-comments.php", "/admin/comments/comment/"),
        ("users.php", "/admin/users/user/"),
        ("options-general.php", "/admin/settings/"),
        ("nothing-here.php", "/admin/"),
    ],
)
def test_wp_admin_addresses_lead_to_the_screens(client, page, target):
    response = client.get(f"/wp-admin/{page}")
    assert (response.status_code, response["Location"]) == (302, target)


def test_wp_admin_post_address_finds_the_type(client):
    page = PostFactory(type="page")
    response = client.get(f"/wp-admin/post.php?post={page.pk}&action=edit")
    assert response["Location"] == f"/admin/wp/page/{page.pk}/change/"


@pytest.mark.parametrize("role", ["editor", "author", "contributor"])
def test_only_administrators_manage_users(client, user_with_role, role):
    user = user_with_role(role)
    other = UserFactory()
    client.force_login(user)
    assert client.get(USERS).status_code == 403
    assert client.get(f"{USERS}{other.pk}/change/").status_code in (302, 403)
    assert client.get(f"{USERS}add/").status_code == 403
    # but their own profile is theirs
    assert client.get(f"{USERS}{user.pk}/change/").status_code == 200


def test_own_profile_without_promoting_oneself(client, user_with_role):
    author = user_with_role("author")
    client.force_login(author)
    response = client.post(
        f"{USERS}{author.pk}/change/",
        profile_form(author, display_name="Ann Author", role="administrator"),
    )
    assert response.status_code == 302, response.content[:3000]
    author.refresh_from_db()
    assert (author.display_name, author.role) == ("Ann Author", "author")  # the role is locked


def test_administrator_changes_a_role(client, admin_user):
    user = UserFactory(role="author")
    client.force_login(admin_user)
    response = client.post(f"{USERS}{user.pk}/change/", profile_form(user, role="editor"))
    assert response.status_code == 302, response.content[:3000]
    user.refresh_from_db()
    assert user.roles == ["editor"]


def test_administrator_cannot_demote_themself(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        f"{USERS}{admin_user.pk}/change/", profile_form(admin_user, role="editor")
    )
    assert response.status_code == 200
    assert "not allowed to give users that role" in response.content.decode()


def test_email_must_stay_unique(client, admin_user):
    taken = UserFactory()
    user = UserFactory()
    client.force_login(admin_user)
    response = client.post(f"{USERS}{user.pk}/change/", profile_form(user, email=taken.email))
    assert "Invalid email address." in response.content.decode()


def test_administrator_adds_a_user_with_a_role(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        f"{USERS}add/",
        {
            "username": "newbie",
            "email": "newbie@example.com",
            "role": "author",
            "password1": "a-long-password-1",
            "password2": "a-long-password-1",
        },
    )
    assert response.status_code == 302, response.content[:3000]
    user = User.objects.get(username="newbie")
    assert (user.role, user.nicename, user.check_password("a-long-password-1")) == (
        "author",
        "newbie",
        True,
    )


def test_application_password_is_shown_once_and_revoked(client, user_with_role):
    editor = user_with_role("editor")
    client.force_login(editor)
    response = client.post(
        f"{USERS}{editor.pk}/change/",
        profile_form(editor, new_application_password="Phone app"),
        follow=True,
    )
    item = ApplicationPassword.objects.get(user=editor)
    shown = re.search(r"([A-Za-z0-9]{4}(?: [A-Za-z0-9]{4}){5})", response.content.decode())
    assert shown
    assert item.check_password(shown.group(1))
    page = client.get(f"{USERS}{editor.pk}/change/").content.decode()
    assert shown.group(1) not in page
    assert item.password not in page
    assert "Phone app" in page
    client.post(f"{USERS}{editor.pk}/change/", profile_form(editor, revoke=[str(item.uuid)]))
    assert not ApplicationPassword.objects.filter(user=editor).exists()


def test_admin_pages_never_show_hashes(client, admin_user, app_password):
    user = UserFactory()
    item, plain = app_password(user)
    client.force_login(admin_user)
    for url in (
        "/admin/users/applicationpassword/",
        f"/admin/users/applicationpassword/{item.pk}/change/",
        f"{USERS}{user.pk}/change/",
    ):
        page = client.get(url).content.decode()
        assert item.password not in page
        assert item.lookup not in page
        assert plain not in page


def test_deleting_a_user_can_hand_their_posts_to_another(client, admin_user):
    leaving = UserFactory(role="author")
    heir = UserFactory(role="editor")
    post = PostFactory(author=leaving)
    client.force_login(admin_user)
    page = client.get(f"{USERS}{leaving.pk}/delete/").content.decode()
    assert "attribute all content to" in page
    response = client.post(f"{USERS}{leaving.pk}/delete/", {"post": "yes", "reassign": heir.pk})
    assert response.status_code == 302
    assert not User.objects.filter(pk=leaving.pk).exists()
    assert Post.objects.get(pk=post.pk).author_id == heir.pk


def test_users_get_unique_slugs_from_their_login():
    first = UserFactory(username="same.name")
    second = UserFactory(username="same-name")
    assert (first.nicename, second.nicename) == ("same-name", "same-name-2")
