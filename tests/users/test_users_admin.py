"""Django admin for users: an application password made from the user list is shown once,
and no page shows a stored hash."""

import re

import pytest

from tests.factories import UserFactory
from users.models import ApplicationPassword

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, admin_user):
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    return client


def test_admin_action_creates_an_application_password(admin_client):
    user = UserFactory()
    response = admin_client.post(
        "/admin/users/user/",
        {"action": "create_application_password", "_selected_action": [user.pk]},
        follow=True,
    )
    assert response.status_code == 200
    item = ApplicationPassword.objects.get(user=user)
    shown = re.search(r"([A-Za-z0-9]{4}(?: [A-Za-z0-9]{4}){5})", response.content.decode())
    assert shown
    assert item.check_password(shown.group(1))


def test_admin_pages_never_show_hashes(admin_client, app_password):
    user = UserFactory()
    item, plain = app_password(user)
    for url in (
        "/admin/users/applicationpassword/",
        f"/admin/users/applicationpassword/{item.pk}/change/",
    ):
        page = admin_client.get(url).content.decode()
        assert item.password not in page
        assert item.lookup not in page
        assert plain not in page


def test_users_get_unique_slugs_from_their_login():
    first = UserFactory(username="same.name")
    second = UserFactory(username="same-name")
    assert (first.nicename, second.nicename) == ("same-name", "same-name-2")


def test_user_change_page_renders(admin_client):
    user = UserFactory(role="author", extra_roles=",editor,")
    page = admin_client.get(f"/admin/users/user/{user.pk}/change/")
    assert page.status_code == 200
    assert b"extra_roles" in page.content
