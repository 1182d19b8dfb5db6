"""Creating, updating and deleting comments: roles, WordPress's error codes, side effects."""

from datetime import timedelta

import pytest
from django.utils import timezone

from comments.models import Comment
from tests.factories import CommentFactory, PostFactory, UserFactory
from tests.helpers import assert_wp_error

URL = "/wp-json/wp/v2/comments"


def create(api_client, **data):
    return api_client.post(URL, data, format="json")


@pytest.fixture
def post(db):
    return PostFactory()


# --- create: who may ---------------------------------------------------------------------------


def test_anonymous_needs_login_by_default(api_client, post):
    body = assert_wp_error(
        create(api_client, post=post.pk, content="Hi"), "rest_comment_login_required", 401
    )
    assert body["message"] == "Sorry, you must be logged in to comment."
    assert not Comment.objects.exists()


def test_anonymous_comments_when_enabled_are_held(api_client, post, settings):
    settings.WP_ALLOW_ANONYMOUS_COMMENTS = True
    response = create(
        api_client,
        post=post.pk,
        content="Hello",
        author_name="Guest",
        author_email="guest@example.com",
        author_url="guest.example.com",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "hold"
    assert body["author"] == 0
    assert body["author_url"] == "http://guest.example.com"
    assert "author_email" not in body  # view context for non-moderators
    assert response["Location"] == f"http://testserver{URL}/{body['id']}"


def test_anonymous_needs_name_and_email(api_client, post, settings):
    settings.WP_ALLOW_ANONYMOUS_COMMENTS = True
    body = assert_wp_error(
        create(api_client, post=post.pk, content="Hi", author_name="Guest"),
        "rest_comment_author_data_required",
        400,
    )
    assert body["message"] == "Creating a comment requires valid author name and email values."


def test_comment_registration_option_refuses_anonymous(api_client, post, settings):
    from wpapi.site import update_options

    settings.WP_ALLOW_ANONYMOUS_COMMENTS = True
    update_options({"comment_registration": True})
    assert_wp_error(
        create(
            api_client,
            post=post.pk,
            content="Hi",
            author_name="Guest",
            author_email="guest@example.com",
        ),
        "rest_comment_login_required",
        401,
    )


def test_returning_anonymous_author_is_approved(api_client, post, settings):
    settings.WP_ALLOW_ANONYMOUS_COMMENTS = True
    CommentFactory(
        post=post,
        author_name="Guest",
        author_email="guest@example.com",
        date=timezone.now() - timedelta(days=1),
    )
    response = create(
        api_client,
        post=post.pk,
        content="Again",
        author_name="Guest",
        author_email="guest@example.com",
    )
    assert response.json()["status"] == "approved"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("administrator", "approved"),
        ("editor", "approved"),
        ("author", "hold"),
        ("contributor", "hold"),
        ("subscriber", "hold"),
    ],
)
def test_logged_in_users_comment_as_themselves(api_client, user_with_role, post, role, status):
    user = user_with_role(role, display_name="Some One", url="https://some.example.com")
    api_client.force_authenticate(user)
    response = create(api_client, post=post.pk, content="Mine")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["author"] == user.pk
    assert body["author_name"] == "Some One"
    assert body["author_url"] == "https://some.example.com"
    assert body["status"] == status
    comment = Comment.objects.get(pk=body["id"])
    assert comment.author_email == user.email
    assert comment.author_ip == "127.0.0.1"


def test_moderator_gets_edit_context(api_client, editor, post):
    api_client.force_authenticate(editor)
    body = create(api_client, post=post.pk, content="Mine").json()
    assert body["author_email"] == editor.email
    assert body["content"]["raw"] == "Mine"


def test_non_moderator_cannot_pose_as_someone_else(api_client, subscriber, post):
    api_client.force_authenticate(subscriber)
    body = create(
        api_client,
        post=post.pk,
        content="Hi",
        author_name="Admin",
        author_email="admin@example.com",
    ).json()
    assert body["author"] == subscriber.pk
    assert body["author_name"] == subscriber.display_name


def test_post_author_is_approved_on_own_post(api_client, author):
    post = PostFactory(author=author)
    api_client.force_authenticate(author)
    assert create(api_client, post=post.pk, content="Thanks all").json()["status"] == "approved"


def test_previously_approved_user_is_approved(api_client, subscriber, post):
    CommentFactory(post=post, user=subscriber, date=timezone.now() - timedelta(days=1))
    api_client.force_authenticate(subscriber)
    assert create(api_client, post=post.pk, content="Again").json()["status"] == "approved"


def test_two_links_hold_a_comment(api_client, subscriber, post):
    CommentFactory(post=post, user=subscriber, date=timezone.now() - timedelta(days=1))
    api_client.force_authenticate(subscriber)
    content = '<a href="https://a.example">a</a> <a href="https://b.example">b</a>'
    assert create(api_client, post=post.pk, content=content).json()["status"] == "hold"


def test_manual_moderation_holds_everyone_but_moderators(api_client, subscriber, post):
    from wpapi.site import update_options

    update_options({"comment_moderation": True})
    CommentFactory(post=post, user=subscriber, date=timezone.now() - timedelta(days=1))
    api_client.force_authenticate(subscriber)
    assert create(api_client, post=post.pk, content="Again").json()["status"] == "hold"


def test_a_dated_comment_on_a_draft_gets_wordpress_refusal_first(api_client, author):
    """wpapi keeps dating a new comment to moderators; that refusal comes after WordPress's
    own checks of the post, so a request WordPress refuses is refused the same way."""
    draft = PostFactory(status="draft")
    api_client.force_authenticate(author)
    response = create(api_client, post=draft.pk, content="Hi", date="2023-12-01T00:00:00Z")
    assert_wp_error(response, "rest_comment_draft_post", 403)


@pytest.mark.parametrize(
    ("field", "code"),
    [
        ("status", "rest_comment_invalid_status"),
        ("author_ip", "rest_comment_invalid_author_ip"),
        ("date", "rest_comment_invalid_date"),
        ("date_gmt", "rest_comment_invalid_date"),
    ],
)
@pytest.mark.parametrize("role", [None, "author", "subscriber"])
def test_only_moderators_set_status_or_ip(
    api_client, user_with_role, post, settings, field, code, role
):
    settings.WP_ALLOW_ANONYMOUS_COMMENTS = True
    if role:
        api_client.force_authenticate(user_with_role(role))
    value = {"status": "approved", "author_ip": "203.0.113.9"}.get(field, "2020-01-01T00:00:00")
    body = assert_wp_error(
        create(
            api_client,
            post=post.pk,
            content="Hi",
            author_name="G",
            author_email="g@example.com",
            **{field: value},
        ),
        code,
        403 if role else 401,
    )
    assert body["message"] == f"Sorry, you are not allowed to edit '{field}' for comments."


def test_own_ip_may_be_passed(api_client, subscriber, post):
    api_client.force_authenticate(subscriber)
    response = create(api_client, post=post.pk, content="Hi", author_ip="127.0.0.1")
    assert response.status_code == 201


@pytest.mark.parametrize("role", [None, "author", "subscriber"])
def test_only_moderators_set_another_author(api_client, user_with_role, post, settings, role):
    settings.WP_ALLOW_ANONYMOUS_COMMENTS = True
    other = UserFactory()
    if role:
        api_client.force_authenticate(user_with_role(role))
    assert_wp_error(
        create(
            api_client,
            post=post.pk,
            content="Hi",
            author=other.pk,
            author_name="G",
            author_email="g@example.com",
        ),
        "rest_comment_invalid_author",
        403 if role else 401,
    )


def test_moderator_sets_author_status_ip_and_date(api_client, editor, post):
    other = UserFactory(display_name="Other Person")
    api_client.force_authenticate(editor)
    response = create(
        api_client,
        post=post.pk,
        content="On behalf",
        author=other.pk,
        status="hold",
        author_ip="203.0.113.9",
        date="2024-01-03T15:00:05",
    )
    body = response.json()
    assert response.status_code == 201, body
    assert body["author"] == other.pk
    assert body["author_name"] == "Other Person"
    assert body["status"] == "hold"
    assert body["author_ip"] == "203.0.113.9"
    assert body["date"] == "2024-01-03T15:00:05"
    assert body["date_gmt"] == "2024-01-03T15:00:05"


def test_date_is_site_local(api_client, editor, post, settings):
    settings.WP_TIMEZONE = "Europe/Paris"
    api_client.force_authenticate(editor)
    body = create(api_client, post=post.pk, content="x", date="2024-01-03T15:00:05").json()
    assert body["date"] == "2024-01-03T15:00:05"
    assert body["date_gmt"] == "2024-01-03T14:00:05"
    body = create(api_client, post=post.pk, content="y", date_gmt="2024-01-03T15:00:05").json()
    assert body["date"] == "2024-01-03T16:00:05"


def test_unknown_author_id(api_client, editor, post):
    api_client.force_authenticate(editor)
    body = assert_wp_error(
        create(api_client, post=post.pk, content="Hi", author=999999),
        "rest_comment_author_invalid",
        400,
    )
    assert body["message"] == "Invalid comment author ID."


# --- create: which posts -----------------------------------------------------------------------


@pytest.mark.parametrize("post_id", [None, 0, 999999])
def test_comment_needs_an_existing_post(api_client, subscriber, db, post_id):
    api_client.force_authenticate(subscriber)
    data = {"content": "Hi"} if post_id is None else {"post": post_id, "content": "Hi"}
    body = assert_wp_error(create(api_client, **data), "rest_comment_invalid_post_id", 403)
    assert body["message"] == "Sorry, you are not allowed to create this comment without a post."


@pytest.mark.parametrize(
    ("status", "code"),
    [
        ("draft", "rest_comment_draft_post"),
        ("trash", "rest_comment_trash_post"),
    ],
)
@pytest.mark.parametrize("role", ["administrator", "subscriber"])
def test_no_comments_on_drafts_or_trash(api_client, user_with_role, status, code, role):
    api_client.force_authenticate(user_with_role(role))
    post = PostFactory(status=status)
    body = assert_wp_error(create(api_client, post=post.pk, content="Hi"), code, 403)
    assert body["message"] == "Sorry, you are not allowed to create a comment on this post."


@pytest.mark.parametrize(
    ("status", "password"),
    [("private", ""), ("pending", ""), ("future", ""), ("publish", "secret")],
)
def test_no_comments_on_posts_the_user_cannot_read(api_client, subscriber, status, password):
    api_client.force_authenticate(subscriber)
    post = PostFactory(status=status, password=password)
    assert_wp_error(create(api_client, post=post.pk, content="Hi"), "rest_cannot_read_post", 403)
    assert not Comment.objects.exists()


def test_anonymous_cannot_comment_on_private_post(api_client, settings):
    settings.WP_ALLOW_ANONYMOUS_COMMENTS = True
    post = PostFactory(status="private")
    assert_wp_error(
        create(
            api_client, post=post.pk, content="Hi", author_name="G", author_email="g@example.com"
        ),
        "rest_cannot_read_post",
        401,
    )


def test_password_unlocks_commenting(api_client, subscriber):
    api_client.force_authenticate(subscriber)
    post = PostFactory(password="secret")
    assert create(api_client, post=post.pk, content="Hi", password="secret").status_code == 201


def test_editor_comments_on_private_post(api_client, editor):
    api_client.force_authenticate(editor)
    post = PostFactory(status="private")
    assert create(api_client, post=post.pk, content="Hi").status_code == 201


def test_closed_comments(api_client, subscriber):
    api_client.force_authenticate(subscriber)
    post = PostFactory(comment_status="closed")
    body = assert_wp_error(
        create(api_client, post=post.pk, content="Hi"), "rest_comment_closed", 403
    )
    assert body["message"] == "Sorry, comments are closed for this item."


# --- create: content and threads ---------------------------------------------------------------


@pytest.mark.parametrize("content", ["", "   ", {"raw": ""}, {"rendered": "x"}, 5])
def test_empty_content_is_invalid(api_client, subscriber, post, content):
    api_client.force_authenticate(subscriber)
    body = assert_wp_error(
        create(api_client, post=post.pk, content=content), "rest_comment_content_invalid", 400
    )
    assert body["message"] == "Invalid comment content."


def test_content_raw_is_accepted(api_client, editor, post):
    api_client.force_authenticate(editor)
    body = create(api_client, post=post.pk, content={"raw": "Raw text"}).json()
    assert body["content"]["raw"] == "Raw text"


def test_removed_tags_leave_their_text(api_client, subscriber, post):
    api_client.force_authenticate(subscriber)
    content = "A subscriber's <b>comment</b> <script>x</script>"
    response = create(api_client, post=post.pk, content=content)
    assert response.json()["content"]["rendered"] == (
        "<p>A subscriber&#8217;s <b>comment</b> x</p>\n"
    )


def test_content_is_sanitised_without_unfiltered_html(api_client, subscriber, post):
    api_client.force_authenticate(subscriber)
    content = (
        '<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:alert(1)">a</a>'
        '<a href="https://ok.example" onmouseover="y()">b</a><strong>s</strong>'
        '<img src=x onerror=z()><iframe src="https://evil.example"></iframe></p>'
    )
    response = create(api_client, post=post.pk, content=content)
    stored = Comment.objects.get(pk=response.json()["id"]).content
    assert "script" not in stored
    assert "alert(1)" in stored  # the text of removed tags and URLs stays, as in WordPress
    for handler in ("onclick", "onmouseover", "onerror"):
        assert handler not in stored
    assert "javascript:" not in stored
    assert "<img" not in stored
    assert "<iframe" not in stored
    assert '<a href="https://ok.example" rel="nofollow ugc">b</a>' in stored
    assert "<strong>s</strong>" in stored


def test_unfiltered_html_keeps_markup(api_client, editor, post):
    api_client.force_authenticate(editor)
    body = create(api_client, post=post.pk, content='<img src="x.png"><a href="/x">x</a>').json()
    assert body["content"]["raw"] == '<img src="x.png"><a href="/x" rel="nofollow ugc">x</a>'


def test_rendered_content_has_paragraphs(api_client, editor, post):
    api_client.force_authenticate(editor)
    body = create(api_client, post=post.pk, content="One\nline\n\nTwo").json()
    assert body["content"]["rendered"] == "<p>One<br />\nline</p>\n<p>Two</p>\n"


def test_reply_to_a_comment_on_the_same_post(api_client, editor, post):
    parent = CommentFactory(post=post)
    api_client.force_authenticate(editor)
    body = create(api_client, post=post.pk, content="Reply", parent=parent.pk).json()
    assert body["parent"] == parent.pk


@pytest.mark.parametrize("parent", ["other_post", "missing"])
def test_parent_must_be_on_the_same_post(api_client, editor, post, parent):
    parent_id = CommentFactory().pk if parent == "other_post" else 999999
    api_client.force_authenticate(editor)
    assert_wp_error(
        create(api_client, post=post.pk, content="Reply", parent=parent_id),
        "rest_comment_invalid_parent",
        400,
    )


def test_type_other_than_comment_is_refused(api_client, editor, post):
    api_client.force_authenticate(editor)
    body = assert_wp_error(
        create(api_client, post=post.pk, content="x", type="pingback"),
        "rest_invalid_comment_type",
        400,
    )
    assert body["message"] == "Cannot create a comment with that type."


def test_id_on_create_is_refused(api_client, editor, post):
    api_client.force_authenticate(editor)
    assert_wp_error(create(api_client, post=post.pk, content="x", id=5), "rest_comment_exists", 400)


@pytest.mark.parametrize(
    ("field", "length", "code"),
    [
        ("author_name", 246, "comment_author_column_length"),
        ("author_url", 201, "comment_author_url_column_length"),
        ("author_email", 101, "comment_author_email_column_length"),
        ("content", 65526, "comment_content_column_length"),
    ],
)
def test_field_lengths(api_client, editor, post, field, length, code):
    api_client.force_authenticate(editor)
    value = {
        "author_url": "https://e.example/" + "a" * (length - 18),
        "author_email": "a" * (length - 12) + "@example.com",
    }.get(field, "a" * length)
    data = {
        "post": post.pk,
        "content": "x",
        "author_name": "N",
        "author_email": "n@example.com",
        field: value,
    }
    body = assert_wp_error(create(api_client, **data), code, 400)
    assert body["message"] == "Comment field exceeds maximum length allowed."


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("author_email", "not-an-email"),
        ("author_ip", "999.1.1.1"),
        ("date", "tomorrow"),
        ("post", "abc"),
        ("parent", "x"),
        ("author", "me"),
        ("meta", "x"),
    ],
)
def test_invalid_create_arguments(api_client, editor, post, field, value):
    api_client.force_authenticate(editor)
    data = {"post": post.pk, "content": "x", field: value}
    body = assert_wp_error(create(api_client, **data), "rest_invalid_param", 400)
    assert field in body["data"]["params"]


def test_author_name_is_plain_text(api_client, settings, post):
    settings.WP_ALLOW_ANONYMOUS_COMMENTS = True
    response = create(
        api_client,
        post=post.pk,
        content="Hi",
        author_name="<b>Bold</b>\n Name",
        author_email="g@example.com",
        author_url="javascript:alert(1)",
    )
    body = response.json()
    assert body["author_name"] == "Bold Name"
    assert body["author_url"] == ""


def test_author_fields_as_wordpress_stores_them(api_client, editor, post):
    # What WordPress 6.1 answered to the same request by an administrator.
    api_client.force_authenticate(editor)
    body = create(
        api_client,
        post=post.pk,
        content="x",
        author_name="Tom & Jerry's <b>x</b>",
        author_email="A@Example.com",
        author_url="example.com/a b",
        author_user_agent="UA <b>t</b>",
    ).json()
    assert body["author"] == 0
    assert body["author_name"] == "Tom &amp; Jerry's x"
    assert body["author_email"] == "A@Example.com"
    assert body["author_url"] == "http://example.com/a%20b"
    assert body["author_user_agent"] == "UA t"
    assert body["status"] == "hold"  # not linked to the account, so moderated like a guest


def test_user_agent_is_recorded(api_client, editor, post):
    api_client.force_authenticate(editor)
    response = api_client.post(
        URL, {"post": post.pk, "content": "x"}, format="json", HTTP_USER_AGENT="curl/7.88.1"
    )
    assert response.json()["author_user_agent"] == "curl/7.88.1"


# --- duplicates and floods ---------------------------------------------------------------------


def test_duplicate_comment_is_409(api_client, editor, post):
    api_client.force_authenticate(editor)
    assert create(api_client, post=post.pk, content="Same").status_code == 201
    body = assert_wp_error(
        create(api_client, post=post.pk, content="Same"), "comment_duplicate", 409
    )
    assert body["message"] == (
        "Duplicate comment detected; it looks as though you&#8217;ve already said that!"
    )


def test_trashed_comment_is_not_a_duplicate(api_client, editor, post):
    CommentFactory(
        post=post,
        user=editor,
        author_name=editor.display_name,
        author_email=editor.email,
        content="Same",
        status="trash",
    )
    api_client.force_authenticate(editor)
    assert create(api_client, post=post.pk, content="Same").status_code == 201


def test_flood_is_400_for_non_moderators(api_client, subscriber, post):
    api_client.force_authenticate(subscriber)
    assert create(api_client, post=post.pk, content="First").status_code == 201
    body = assert_wp_error(create(api_client, post=post.pk, content="Second"), "comment_flood", 400)
    assert body["message"] == "You are posting comments too quickly. Slow down."


def test_flood_by_ip_for_anonymous(api_client, post, settings):
    settings.WP_ALLOW_ANONYMOUS_COMMENTS = True
    first = create(
        api_client, post=post.pk, content="First", author_name="A", author_email="a@example.com"
    )
    assert first.status_code == 201
    assert_wp_error(
        create(
            api_client,
            post=post.pk,
            content="Second",
            author_name="B",
            author_email="b@example.com",
        ),
        "comment_flood",
        400,
    )


def test_moderators_are_not_flood_limited(api_client, editor, post):
    api_client.force_authenticate(editor)
    assert create(api_client, post=post.pk, content="First").status_code == 201
    assert create(api_client, post=post.pk, content="Second").status_code == 201


def test_comment_after_the_interval_is_accepted(api_client, subscriber, post):
    CommentFactory(post=post, user=subscriber, date=timezone.now() - timedelta(seconds=20))
    api_client.force_authenticate(subscriber)
    assert create(api_client, post=post.pk, content="Later").status_code == 201


# --- comment counts ------------------------------------------------------------------------------


def test_comment_count_follows_approved_comments(api_client, editor, post):
    api_client.force_authenticate(editor)
    first = create(api_client, post=post.pk, content="One").json()
    create(api_client, post=post.pk, content="Two", status="hold")
    post.refresh_from_db()
    assert post.comment_count == 1
    api_client.post(f"{URL}/{first['id']}", {"status": "spam"}, format="json")
    post.refresh_from_db()
    assert post.comment_count == 0
    api_client.post(f"{URL}/{first['id']}", {"status": "unspam"}, format="json")
    post.refresh_from_db()
    assert post.comment_count == 1
    api_client.delete(f"{URL}/{first['id']}")
    post.refresh_from_db()
    assert post.comment_count == 0


def test_moving_a_comment_updates_both_posts(api_client, editor, post):
    comment = CommentFactory(post=post)
    other = PostFactory()
    api_client.force_authenticate(editor)
    response = api_client.post(f"{URL}/{comment.pk}", {"post": other.pk}, format="json")
    assert response.status_code == 200
    post.refresh_from_db()
    other.refresh_from_db()
    assert (post.comment_count, other.comment_count) == (0, 1)


def test_bare_urls_count_as_links(api_client, subscriber, post):
    CommentFactory(post=post, user=subscriber, date=timezone.now() - timedelta(days=1))
    api_client.force_authenticate(subscriber)
    content = "see https://a.example and https://b.example"
    assert create(api_client, post=post.pk, content=content).json()["status"] == "hold"


def test_moderation_keys_hold_and_disallowed_keys_trash(api_client, subscriber, post):
    from wpapi.site import update_options

    CommentFactory(post=post, user=subscriber, date=timezone.now() - timedelta(days=1))
    update_options({"moderation_keys": "casino\n", "disallowed_keys": "\nviagra"})
    api_client.force_authenticate(subscriber)

    def status_of(content):
        Comment.objects.update(date=timezone.now() - timedelta(days=1))  # no flood
        body = create(api_client, post=post.pk, content=content).json()
        return Comment.objects.get(pk=body["id"]).status

    assert status_of("Fine words") == "1"
    assert status_of("Visit the CASINO") == "0"
    assert status_of("Cheap <b>Via</b>gra") == "trash"  # matched with the tags stripped


def test_old_posts_close_when_the_site_says_so(api_client, subscriber):
    from wpapi.site import update_options

    old = PostFactory(date=timezone.now() - timedelta(days=30))
    recent = PostFactory(date=timezone.now() - timedelta(days=2))
    api_client.force_authenticate(subscriber)
    update_options({"close_comments_for_old_posts": True})
    assert_wp_error(create(api_client, post=old.pk, content="Late"), "rest_comment_closed", 403)
    assert create(api_client, post=recent.pk, content="In time").status_code == 201


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("127.0.0.1", "203.0.113.7", "203.0.113.7"),  # a trusted proxy forwards the visitor
        ("127.0.0.1", "198.51.100.1, 203.0.113.7", "203.0.113.7"),  # the hop our proxy saw
        ("192.0.2.50", "203.0.113.7", "192.0.2.50"),  # anyone else cannot pick an IP
        ("127.0.0.1", "not-an-ip", "127.0.0.1"),
    ],
)
def test_author_ip_behind_trusted_proxies(api_client, editor, post, remote, forwarded, expected):
    api_client.force_authenticate(editor)
    response = api_client.post(
        URL,
        {"post": post.pk, "content": f"from {remote} {forwarded}"},
        format="json",
        REMOTE_ADDR=remote,
        HTTP_X_FORWARDED_FOR=forwarded,
    )
    assert response.json()["author_ip"] == expected
