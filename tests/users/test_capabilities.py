"""Roles and meta capabilities against WordPress 6.1's populate_roles() and map_meta_cap()."""

from types import SimpleNamespace

import pytest

from users.capabilities import ROLE_CAPABILITY_LIST, all_capabilities, map_meta_cap, user_can

# `capabilities` of each reference user on WordPress 6.1 (context=edit), in WordPress's order.
WP_ROLE_CAPS = {
    "administrator": [
        "switch_themes",
        "edit_themes",
        "activate_plugins",
        "edit_plugins",
        "edit_users",
        "edit_files",
        "manage_options",
        "moderate_comments",
        "manage_categories",
        "manage_links",
        "upload_files",
        "import",
        "unfiltered_html",
        "edit_posts",
        "edit_others_posts",
        "edit_published_posts",
        "publish_posts",
        "edit_pages",
        "read",
        "level_10",
        "level_9",
        "level_8",
        "level_7",
        "level_6",
        "level_5",
        "level_4",
        "level_3",
        "level_2",
        "level_1",
        "level_0",
        "edit_others_pages",
        "edit_published_pages",
        "publish_pages",
        "delete_pages",
        "delete_others_pages",
        "delete_published_pages",
        "delete_posts",
        "delete_others_posts",
        "delete_published_posts",
        "delete_private_posts",
        "edit_private_posts",
        "read_private_posts",
        "delete_private_pages",
        "edit_private_pages",
        "read_private_pages",
        "delete_users",
        "create_users",
        "unfiltered_upload",
        "edit_dashboard",
        "update_plugins",
        "delete_plugins",
        "install_plugins",
        "update_themes",
        "install_themes",
        "update_core",
        "list_users",
        "remove_users",
        "promote_users",
        "edit_theme_options",
        "delete_themes",
        "export",
        "administrator",
    ],
    "editor": [
        "moderate_comments",
        "manage_categories",
        "manage_links",
        "upload_files",
        "unfiltered_html",
        "edit_posts",
        "edit_others_posts",
        "edit_published_posts",
        "publish_posts",
        "edit_pages",
        "read",
        "level_7",
        "level_6",
        "level_5",
        "level_4",
        "level_3",
        "level_2",
        "level_1",
        "level_0",
        "edit_others_pages",
        "edit_published_pages",
        "publish_pages",
        "delete_pages",
        "delete_others_pages",
        "delete_published_pages",
        "delete_posts",
        "delete_others_posts",
        "delete_published_posts",
        "delete_private_posts",
        "edit_private_posts",
        "read_private_posts",
        "delete_private_pages",
        "edit_private_pages",
        "read_private_pages",
        "editor",
    ],
    "author": [
        "upload_files",
        "edit_posts",
        "edit_published_posts",
        "publish_posts",
        "read",
        "level_2",
        "level_1",
        "level_0",
        "delete_posts",
        "delete_published_posts",
        "author",
    ],
    "contributor": ["edit_posts", "read", "level_1", "level_0", "delete_posts", "contributor"],
    "subscriber": ["read", "level_0", "subscriber"],
}


@pytest.mark.parametrize("role", list(WP_ROLE_CAPS))
def test_role_capabilities_are_wordpress_s_in_order(role):
    user = SimpleNamespace(role=role, is_superuser=False, is_authenticated=True)
    assert list(all_capabilities(user)) == WP_ROLE_CAPS[role]
    assert list(ROLE_CAPABILITY_LIST[role]) + [role] == WP_ROLE_CAPS[role]


def person(pk, role):
    return SimpleNamespace(
        pk=pk, role=role, is_superuser=False, is_authenticated=True, is_active=True
    )


def post(author_id, status="publish", type_="post", trashed_from=""):
    return SimpleNamespace(
        author_id=author_id,
        status=status,
        type=type_,
        trashed_from_status=trashed_from,
        type_object=SimpleNamespace(capability_type="page" if type_ == "page" else "post"),
    )


@pytest.mark.parametrize(
    ("cap", "expected"),
    [
        ("customize", True),  # a meta capability: edit_theme_options
        ("delete_site", False),  # never on a single site
        ("unfiltered_upload", False),  # needs ALLOW_UNFILTERED_UPLOADS
        ("manage_links", False),  # the link manager is off
        ("list_users", True),
        ("edit_blocks", True),
        ("do_not_allow", False),
    ],
)
def test_administrator_meta_capabilities(cap, expected):
    assert user_can(person(1, "administrator"), cap) is expected


def test_anyone_may_edit_themselves_but_not_others():
    me, other = person(5, "subscriber"), person(6, "subscriber")
    assert map_meta_cap(me, "edit_user", me) == []
    assert user_can(me, "edit_user", me)
    assert not user_can(me, "edit_user", other)
    assert user_can(person(1, "administrator"), "edit_user", other)
    assert not user_can(person(2, "editor"), "edit_user", other)


def test_application_password_caps_follow_edit_user():
    me, other = person(5, "subscriber"), person(6, "author")
    for cap in (
        "create_app_password",
        "list_app_passwords",
        "read_app_password",
        "edit_app_password",
        "delete_app_passwords",
        "delete_app_password",
    ):
        assert user_can(me, cap, me)
        assert not user_can(me, cap, other)
        assert user_can(person(1, "administrator"), cap, other)


def test_users_cannot_remove_themselves():
    admin = person(1, "administrator")
    assert not user_can(admin, "remove_user", admin)
    assert user_can(admin, "remove_user", person(2, "author"))
    assert user_can(admin, "promote_user", person(2, "author"))
    assert user_can(admin, "delete_user", admin)


@pytest.mark.parametrize(
    ("role", "own", "status", "expected"),
    [
        ("contributor", True, "draft", True),
        ("contributor", True, "publish", False),
        ("contributor", False, "draft", False),
        ("author", True, "publish", True),
        ("author", True, "future", True),
        ("author", False, "publish", False),
        ("editor", False, "publish", True),
        ("editor", False, "private", True),
        ("author", True, "trash", True),
    ],
)
def test_edit_post_mapping(role, own, status, expected):
    user = person(10, role)
    item = post(10 if own else 11, status)
    assert user_can(user, "edit_post", item) is expected


def test_trashed_published_post_needs_edit_published_posts_for_its_author():
    contributor = person(10, "contributor")
    assert not user_can(contributor, "edit_post", post(10, "trash", trashed_from="publish"))
    assert user_can(contributor, "edit_post", post(10, "trash", trashed_from="draft"))


def test_revisions_are_never_deleted_directly():
    revision = SimpleNamespace(
        author_id=1, status="inherit", type="revision", parent=post(1), type_object=None
    )
    assert not user_can(person(1, "administrator"), "delete_post", revision)
    assert user_can(person(1, "administrator"), "edit_post", revision)


@pytest.mark.parametrize(
    ("role", "own", "status", "expected"),
    [
        ("subscriber", False, "publish", True),
        ("subscriber", False, "private", False),
        ("subscriber", True, "private", True),
        ("editor", False, "private", True),
        ("author", False, "draft", False),
        ("editor", False, "draft", True),
    ],
)
def test_read_post_mapping(role, own, status, expected):
    assert user_can(person(10, role), "read_post", post(10 if own else 11, status)) is expected


def test_pages_use_page_capabilities():
    author = person(10, "author")
    assert not user_can(author, "edit_post", post(10, "draft", "page"))
    assert user_can(person(11, "editor"), "edit_post", post(10, "publish", "page"))


def test_anonymous_and_inactive_users_hold_nothing():
    anonymous = SimpleNamespace(is_authenticated=False)
    assert not user_can(anonymous, "read")
    inactive = person(3, "administrator")
    inactive.is_active = False
    assert not user_can(inactive, "read")


def test_superuser_is_an_administrator():
    superuser = SimpleNamespace(
        pk=1, role="subscriber", is_superuser=True, is_authenticated=True, is_active=True
    )
    assert user_can(superuser, "list_users")
    assert all_capabilities(superuser)["administrator"] is True
    assert list(all_capabilities(superuser))[0] == "switch_themes"  # administrator's first


def test_several_roles_merge_their_capabilities():
    user = SimpleNamespace(
        pk=3,
        role="contributor",
        extra_roles=",author,",
        is_superuser=False,
        is_authenticated=True,
        is_active=True,
    )
    assert list(all_capabilities(user)) == [
        "edit_posts",
        "read",
        "level_1",
        "level_0",
        "delete_posts",
        "upload_files",
        "edit_published_posts",
        "publish_posts",
        "level_2",
        "delete_published_posts",
        "contributor",
        "author",
    ]
    assert user_can(user, "publish_posts")
    assert not user_can(user, "edit_others_posts")
