"""import_wordpress straight from a WordPress database: a dump of the WordPress 6.1 site the WXR
fixture came from, loaded into a scratch MariaDB/MySQL database (skipped, saying why, when no
server is reachable). It brings what a WXR file leaves out: roles, password hashes, application
passwords, options, revisions, spam, agents and every meta."""

from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from django.core.management import CommandError

from comments.models import Comment
from content.models import Post, PostMeta
from taxonomy.models import Term
from tests.helpers import basic_auth
from tests.wpimport.conftest import run_import
from users.models import ApplicationPassword, User, UserMeta
from wpapi.site import get_option

API = "/wp-json/wp/v2"
#: the application password the seeded site made for admin (its hash is in the dump)
ADMIN_APP_PASSWORD = "vdElXpqXUrOOXZZ4sPeo3XdU"
CAROL_HASH = "$P$BWFIZS6M3ay7xmndeKyf02NWO.S6Zl."  # carol-pass-123, in the dump


@pytest.fixture
def imported_database(db, wordpress_database):
    return run_import(wordpress_database)


def test_users_come_with_roles_profiles_and_meta(imported_database):
    assert list(User.objects.order_by("pk").values_list("pk", "username", "role")) == [
        (1, "admin", "administrator"),
        (2, "alice", "author"),
        (3, "bob", "editor"),
        (4, "carol", "contributor"),
        (5, "dave", "subscriber"),
    ]
    alice = User.objects.get(pk=2)
    assert (alice.nicename, alice.url, alice.description, alice.nickname) == (
        "alice",
        "https://alice.example.com",
        "Alice is the reference author.",
        "alice",
    )
    assert alice.date_joined == datetime(2023, 12, 12, 9, 0, tzinfo=UTC)
    assert UserMeta.objects.get(user=alice, key="ref_team").value == "red"
    assert not UserMeta.objects.filter(key__in=["wp_capabilities", "session_tokens"]).exists()
    admin = User.objects.get(pk=1)
    assert (admin.is_superuser, admin.is_staff) == (True, True)
    assert User.objects.get(pk=3).is_staff
    assert not User.objects.get(pk=4).is_staff


def test_users_log_in_with_their_wordpress_passwords(imported_database, client):
    alice = User.objects.get(username="alice")
    assert alice.password.startswith("wordpress$$P$")
    failed = client.post("/wp-login.php", {"log": "alice", "pwd": "wrong-pass"})
    assert failed.status_code == 200  # the form again
    response = client.post("/wp-login.php", {"log": "alice", "pwd": "alice-pass-123"})
    assert response.status_code == 302
    alice.refresh_from_db()
    # stored again with Django's own hasher on that first login
    assert alice.password.startswith("md5$")
    assert alice.check_password("alice-pass-123")


def test_application_passwords_keep_working(imported_database, api_client):
    stored = ApplicationPassword.objects.get(user_id=1)
    assert (stored.name, stored.lookup) == ("ref-harness", "")
    api_client.credentials(HTTP_AUTHORIZATION=basic_auth("admin", ADMIN_APP_PASSWORD))
    me = api_client.get(f"{API}/users/me", {"context": "edit"})
    assert me.status_code == 200
    assert me.json()["roles"] == ["administrator"]
    stored.refresh_from_db()
    assert stored.lookup  # found by its fingerprint from now on
    api_client.credentials(HTTP_AUTHORIZATION=basic_auth("admin", "wrong " + ADMIN_APP_PASSWORD))
    assert api_client.get(f"{API}/users/me").status_code == 401


def test_revisions_spam_and_agents_come_along(imported_database, api_client, admin_user):
    revisions = Post.objects.filter(type="revision", parent_id=5).order_by("pk")
    assert list(revisions.values_list("pk", "slug")) == [
        (34, "5-revision-v1"),
        (35, "5-revision-v1"),
    ]
    spam = Comment.objects.get(pk=16)
    assert (spam.status, spam.author_user_agent) == ("spam", "ref-seed")
    api_client.force_authenticate(admin_user)
    listed = api_client.get(f"{API}/posts/5/revisions").json()
    assert [revision["id"] for revision in listed] == [35, 34]


def test_attachments_metadata_and_all_post_meta(imported_database):
    image = Post.objects.get(pk=51)
    assert image.file.name == "http://127.0.0.1:8084/wp-content/uploads/2024/01/ref-landscape.png"
    assert image.media_details["sizes"]["thumbnail"]["file"] == "ref-landscape-150x150.png"
    keys = set(PostMeta.objects.filter(post_id=4).values_list("key", flat=True))
    assert keys == {"ref_rating", "_ref_internal", "ref_hidden", "ref_subtitle"}


def test_options_the_api_uses(imported_database, api_client):
    assert get_option("title") == "WP Reference"
    assert get_option("timezone") == "UTC"
    assert get_option("posts_per_page") == 10
    assert get_option("default_category") == 1
    assert get_option("default_ping_status") == "closed"
    assert get_option("require_name_email") is True
    assert get_option("nav_menu_locations") == {"primary": 15, "footer": 16}
    assert Post.objects.get(pk=4).sticky
    assert Term.objects.get(pk=15).taxonomy == "nav_menu"


def test_a_second_run_changes_nothing(imported_database, wordpress_database):
    output = run_import(wordpress_database)
    assert "users     0 created, 0 updated, 5 unchanged" in output
    assert "posts     0 created, 0 updated, 60 unchanged" in output
    assert "comments  0 created, 0 updated, 18 unchanged" in output


def test_a_later_run_updates_users_but_keeps_a_password_changed_here(
    imported_database, wordpress_database
):
    bob = User.objects.get(username="bob")
    bob.set_password("a-new-secret")
    bob.save()
    alice_hash = User.objects.get(username="alice").password.removeprefix("wordpress$")
    with source_change(
        wordpress_database,
        [
            "UPDATE wp_users SET display_name = 'Robert' WHERE ID = 3",
            f"UPDATE wp_users SET user_pass = '{alice_hash}' WHERE ID = 4",
        ],
        [
            "UPDATE wp_users SET display_name = 'Bob Editor' WHERE ID = 3",
            f"UPDATE wp_users SET user_pass = '{CAROL_HASH}' WHERE ID = 4",
        ],
    ):
        output = run_import(wordpress_database)
    assert "users     0 created, 2 updated, 3 unchanged" in output
    bob.refresh_from_db()
    assert bob.display_name == "Robert"
    assert bob.check_password("a-new-secret")  # changed here: kept
    carol = User.objects.get(username="carol")
    assert carol.check_password("alice-pass-123")  # changed there: taken


@pytest.mark.django_db
def test_bad_input_names_its_row_keeps_whole_batches_and_resumes(wordpress_database):
    too_long = "x" * 250
    with (
        source_change(
            wordpress_database,
            [f"UPDATE wp_comments SET comment_author = '{too_long}' WHERE comment_ID = 15"],
            ["UPDATE wp_comments SET comment_author = 'Visitor Two' WHERE comment_ID = 15"],
        ),
        pytest.raises(CommandError) as stopped,
    ):
        run_import(wordpress_database, "--batch-size", "10")
    message = str(stopped.value)
    assert message.startswith(
        "wp_comments row comment_ID=15: author_name is 250 characters long; 245 at most fit"
    )
    assert "are kept, whole" in message
    assert "run the same command again" in message
    assert Post.objects.filter(pk=60).exists()  # the posts' batches were written
    assert list(Comment.objects.values_list("pk", flat=True).order_by("pk")) == list(range(1, 11))
    resumed = run_import(wordpress_database)
    assert "comments  8 created, 0 updated, 10 unchanged" in resumed
    assert Comment.objects.get(pk=15).author_name == "Visitor Two"


@contextmanager
def source_change(url: str, change: list[str], undo: list[str]):
    """Change the scratch WordPress database for one test, then put it back."""
    import pymysql

    from wpimport.sources.mysql import connection_arguments

    connection = pymysql.connect(**connection_arguments(url))
    try:
        with connection.cursor() as cursor:
            for statement in change:
                cursor.execute(statement)
        connection.commit()
        yield
    finally:
        with connection.cursor() as cursor:
            for statement in undo:
                cursor.execute(statement)
        connection.commit()
        connection.close()


@pytest.mark.django_db
def test_a_wrong_table_prefix_is_named(wordpress_database):
    with pytest.raises(CommandError) as stopped:
        run_import(wordpress_database, "--table-prefix", "blog_")
    message = str(stopped.value)
    assert "not a WordPress database with the table prefix 'blog_'" in message
    assert "the database is as it was" in message
