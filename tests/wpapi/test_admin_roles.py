"""Which admin screens each WordPress role opens: the capability matrix of wp-admin's menus
(users/capabilities.py decides; Django's is_staff and model permissions play no part)."""

import pytest

SCREENS = {
    "posts": "/admin/wp/post/",
    "pages": "/admin/wp/page/",
    "blocks": "/admin/wp/wp_block/",
    "media": "/admin/wp/attachment/",
    "categories": "/admin/wp/category/",
    "tags": "/admin/wp/post_tag/",
    "comments": "/admin/comments/comment/",
    "users": "/admin/users/user/",
    "application passwords": "/admin/users/applicationpassword/",
    "settings": "/admin/settings/",
}
OPENS = {
    "administrator": set(SCREENS),
    "editor": set(SCREENS) - {"users", "application passwords", "settings"},
    "author": {"posts", "blocks", "media", "comments"},
    "contributor": {"posts", "blocks", "comments"},
    "subscriber": set(),
}


@pytest.mark.parametrize("role", list(OPENS))
def test_each_role_opens_its_screens(client, user_with_role, role):
    client.force_login(user_with_role(role, is_staff=False))
    opened = set()
    for name, url in SCREENS.items():
        status = client.get(url).status_code
        assert status in (200, 302, 403), (name, status)
        if status == 200:
            opened.add(name)
    assert opened == OPENS[role]
    dashboard = client.get("/admin/")
    assert (dashboard.status_code == 200) is bool(OPENS[role])


@pytest.mark.parametrize("role", ["administrator", "editor", "author", "contributor"])
def test_staff_flag_does_not_matter(client, user_with_role, role):
    from users.models import User

    user = user_with_role(role)
    User.objects.filter(pk=user.pk).update(is_staff=False)  # behind save(), which sets it
    client.force_login(User.objects.get(pk=user.pk))
    assert client.get("/admin/wp/post/").status_code == 200


def test_superuser_flag_without_a_role_is_an_administrator(client, user_with_role):
    user = user_with_role("subscriber", is_superuser=True)
    client.force_login(user)
    assert client.get("/admin/settings/").status_code == 200
