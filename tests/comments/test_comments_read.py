"""Reading comments: WordPress's shape, contexts, links, arguments and pagination."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import CommentFactory, PostFactory, UserFactory
from tests.helpers import assert_wp_error, count_queries

URL = "/wp-json/wp/v2/comments"
VIEW_FIELDS = [
    "id",
    "post",
    "parent",
    "author",
    "author_name",
    "author_url",
    "date",
    "date_gmt",
    "content",
    "link",
    "status",
    "type",
    "author_avatar_urls",
    "meta",
    "_links",
]
EDIT_FIELDS = [
    "id",
    "post",
    "parent",
    "author",
    "author_name",
    "author_email",
    "author_url",
    "author_ip",
    "author_user_agent",
    "date",
    "date_gmt",
    "content",
    "link",
    "status",
    "type",
    "author_avatar_urls",
    "meta",
    "_links",
]


@pytest.fixture
def thread(db):
    post = PostFactory(slug="reference-post-3")
    base = timezone.now().replace(microsecond=0) - timedelta(days=1)
    top = CommentFactory(
        post=post,
        author_name="Visitor One",
        author_email="visitor1@example.com",
        author_url="https://visitor1.example.com",
        content="Top-level comment by an anonymous visitor.",
        date=base,
    )
    alice = UserFactory(
        username="alice", display_name="Alice Author", role="author", email="alice@example.com"
    )
    reply = CommentFactory(
        post=post,
        parent=top,
        user=alice,
        author_name="Alice Author",
        author_email="alice@example.com",
        content="Reply by a registered user (Alice).",
        date=base + timedelta(minutes=10),
    )
    deep = CommentFactory(
        post=post,
        parent=reply,
        author_name="Visitor One",
        author_email="visitor1@example.com",
        content="Nested reply, depth 3.",
        date=base + timedelta(minutes=20),
    )
    return {"post": post, "top": top, "reply": reply, "deep": deep, "alice": alice}


def test_list_matches_wordpress_shape(api_client, thread):
    response = api_client.get(URL)
    assert response.status_code == 200
    assert response["X-WP-Total"] == "3"
    assert response["X-WP-TotalPages"] == "1"
    body = response.json()
    assert [item["id"] for item in body] == [
        thread["deep"].pk,
        thread["reply"].pk,
        thread["top"].pk,
    ]
    assert list(body[2]) == VIEW_FIELDS


def test_one_comment_field_by_field(api_client, thread):
    top, post = thread["top"], thread["post"]
    body = api_client.get(f"{URL}/{top.pk}").json()
    host = "http://testserver"
    digest = "c8957cf5f725c59e8c0811bbec5a8902"  # md5 of visitor1@example.com, as in WordPress
    assert body["author_avatar_urls"] == {
        str(size): f"http://0.gravatar.com/avatar/{digest}?s={size}&d=mm&r=g"
        for size in (24, 48, 96)
    }
    assert body["id"] == top.pk
    assert body["post"] == post.pk
    assert body["parent"] == 0
    assert body["author"] == 0
    assert body["author_name"] == "Visitor One"
    assert body["author_url"] == "https://visitor1.example.com"
    assert body["date"] == top.date.strftime("%Y-%m-%dT%H:%M:%S")
    assert body["date_gmt"] == body["date"]
    assert body["content"] == {"rendered": "<p>Top-level comment by an anonymous visitor.</p>\n"}
    assert body["link"] == f"{host}/reference-post-3/#comment-{top.pk}"
    assert body["status"] == "approved"
    assert body["type"] == "comment"
    assert body["meta"] == []
    assert body["_links"] == {
        "self": [{"href": f"{host}/wp-json/wp/v2/comments/{top.pk}"}],
        "collection": [{"href": f"{host}/wp-json/wp/v2/comments"}],
        "up": [
            {
                "embeddable": True,
                "post_type": "post",
                "href": f"{host}/wp-json/wp/v2/posts/{post.pk}",
            }
        ],
        "children": [
            {"embeddable": True, "href": f"{host}/wp-json/wp/v2/comments?parent={top.pk}"}
        ],
    }


def test_reply_links_author_and_parent(api_client, thread):
    reply = thread["reply"]
    links = api_client.get(f"{URL}/{reply.pk}").json()["_links"]
    assert links["author"] == [
        {"embeddable": True, "href": f"http://testserver/wp-json/wp/v2/users/{thread['alice'].pk}"}
    ]
    assert links["in-reply-to"] == [
        {"embeddable": True, "href": f"http://testserver/wp-json/wp/v2/comments/{thread['top'].pk}"}
    ]


def test_registered_user_avatar_uses_account_email(api_client, thread):
    reply = thread["reply"]
    reply.author_email = "other@example.com"
    reply.save()
    urls = api_client.get(f"{URL}/{reply.pk}").json()["author_avatar_urls"]
    # md5("alice@example.com"), the account's address, as get_avatar_data() does
    assert "c160f8cc69a4f0bf2b0362752353d060" in urls["24"]


def test_pingback_has_no_avatar(api_client, admin_user, thread):
    ping = CommentFactory(post=thread["post"], type="pingback", author_email="")
    api_client.force_authenticate(admin_user)
    body = api_client.get(f"{URL}/{ping.pk}").json()
    assert body["author_avatar_urls"] == {"24": False, "48": False, "96": False}
    assert body["type"] == "pingback"


def test_embed_context_fields(api_client, thread):
    body = api_client.get(f"{URL}/{thread['top'].pk}?context=embed").json()
    assert list(body) == [
        "id",
        "parent",
        "author",
        "author_name",
        "author_url",
        "date",
        "content",
        "link",
        "type",
        "author_avatar_urls",
        "_links",
    ]


def test_edit_context_for_moderator(api_client, editor, thread):
    api_client.force_authenticate(editor)
    body = api_client.get(f"{URL}/{thread['top'].pk}?context=edit").json()
    assert list(body) == EDIT_FIELDS
    assert body["author_email"] == "visitor1@example.com"
    assert body["author_ip"] == "192.0.2.10"
    assert body["content"]["raw"] == "Top-level comment by an anonymous visitor."


@pytest.mark.parametrize("role", ["author", "contributor", "subscriber"])
def test_edit_context_needs_moderate_comments(api_client, user_with_role, thread, role):
    api_client.force_authenticate(user_with_role(role))
    assert_wp_error(api_client.get(f"{URL}?context=edit"), "rest_forbidden_context", 403)
    assert_wp_error(
        api_client.get(f"{URL}/{thread['top'].pk}?context=edit"), "rest_forbidden_context", 403
    )


def test_edit_context_anonymous_is_401(api_client, thread):
    body = assert_wp_error(api_client.get(f"{URL}?context=edit"), "rest_forbidden_context", 401)
    assert body["message"] == "Sorry, you are not allowed to edit comments."


def test_unknown_comment_is_404(api_client, db):
    body = assert_wp_error(api_client.get(f"{URL}/999999"), "rest_comment_invalid_id", 404)
    assert body["message"] == "Invalid comment ID."


def test_fields_filter(api_client, thread):
    body = api_client.get(f"{URL}?_fields=id,author_name").json()
    assert body[0] == {"id": thread["deep"].pk, "author_name": "Visitor One"}


# --- arguments -----------------------------------------------------------------------------


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()]


def test_post_filter(api_client, thread):
    other = CommentFactory()
    assert ids(api_client.get(f"{URL}?post={other.post_id}")) == [other.pk]
    assert len(ids(api_client.get(f"{URL}?post[]={other.post_id}&post[]={thread['post'].pk}"))) == 4


def test_parent_filters(api_client, thread):
    top, reply, deep = thread["top"], thread["reply"], thread["deep"]
    assert ids(api_client.get(f"{URL}?parent={top.pk}")) == [reply.pk]
    assert ids(api_client.get(f"{URL}?parent=0")) == [top.pk]
    assert ids(api_client.get(f"{URL}?parent={top.pk},{reply.pk}")) == [deep.pk, reply.pk]
    assert ids(api_client.get(f"{URL}?parent_exclude=0")) == [deep.pk, reply.pk]
    assert ids(api_client.get(f"{URL}?parent_exclude={top.pk}")) == [deep.pk, top.pk]


def test_include_exclude_and_orderby_include(api_client, thread):
    top, reply, deep = thread["top"], thread["reply"], thread["deep"]
    assert ids(api_client.get(f"{URL}?include={top.pk},{deep.pk}")) == [deep.pk, top.pk]
    assert ids(api_client.get(f"{URL}?include={top.pk},{deep.pk},{reply.pk}&orderby=include")) == [
        top.pk,
        deep.pk,
        reply.pk,
    ]
    assert ids(api_client.get(f"{URL}?exclude={reply.pk}")) == [deep.pk, top.pk]


@pytest.mark.parametrize(
    ("orderby", "order", "expected"),
    [
        ("date", "asc", ["top", "reply", "deep"]),
        ("date_gmt", "desc", ["deep", "reply", "top"]),
        ("id", "asc", ["top", "reply", "deep"]),
        ("parent", "asc", ["top", "reply", "deep"]),
        ("parent", "desc", ["deep", "reply", "top"]),
    ],
)
def test_orderby(api_client, thread, orderby, order, expected):
    response = api_client.get(f"{URL}?orderby={orderby}&order={order}")
    assert ids(response) == [thread[key].pk for key in expected]


def test_orderby_post_breaks_ties_by_descending_id(api_client, thread):
    # WP_Comment_Query's tie-breaker is comment_ID DESC unless ordering by a date.
    assert ids(api_client.get(f"{URL}?orderby=post&order=asc")) == [
        thread["deep"].pk,
        thread["reply"].pk,
        thread["top"].pk,
    ]


def test_after_before(api_client, thread):
    reply = thread["reply"]
    moment = reply.date.strftime("%Y-%m-%dT%H:%M:%S")
    assert ids(api_client.get(f"{URL}?after={moment}")) == [thread["deep"].pk]
    assert ids(api_client.get(f"{URL}?before={moment}")) == [thread["top"].pk]
    assert_wp_error(api_client.get(f"{URL}?after=yesterday"), "rest_invalid_param", 400)


def test_search_matches_name_url_and_content(api_client, thread):
    assert ids(api_client.get(f"{URL}?search=depth")) == [thread["deep"].pk]
    assert ids(api_client.get(f"{URL}?search=alice author")) == [thread["reply"].pk]
    assert ids(api_client.get(f"{URL}?search=visitor1.example")) == [thread["top"].pk]


def test_moderator_filters(api_client, editor, thread):
    api_client.force_authenticate(editor)
    alice = thread["alice"]
    assert ids(api_client.get(f"{URL}?author={alice.pk}")) == [thread["reply"].pk]
    assert ids(api_client.get(f"{URL}?author_exclude={alice.pk}")) == [
        thread["deep"].pk,
        thread["top"].pk,
    ]
    assert ids(api_client.get(f"{URL}?author_email=Visitor1@example.com")) == [
        thread["deep"].pk,
        thread["top"].pk,
    ]
    assert ids(api_client.get(f"{URL}?author=0")) == [thread["deep"].pk, thread["top"].pk]


def test_status_and_type_arguments_for_moderators(api_client, editor, thread):
    post = thread["post"]
    held = CommentFactory(post=post, status="0")
    spam = CommentFactory(post=post, status="spam")
    trash = CommentFactory(post=post, status="trash")
    ping = CommentFactory(post=post, type="pingback")
    api_client.force_authenticate(editor)
    assert ids(api_client.get(f"{URL}?status=hold")) == [held.pk]
    assert ids(api_client.get(f"{URL}?status=spam")) == [spam.pk]
    assert ids(api_client.get(f"{URL}?status=trash")) == [trash.pk]
    assert held.pk in ids(api_client.get(f"{URL}?status=all"))
    assert spam.pk not in ids(api_client.get(f"{URL}?status=all"))
    assert len(ids(api_client.get(f"{URL}?status=any&per_page=100"))) == 6
    # "approved" is not a WP_Comment_Query status: it matches nothing, as in WordPress
    assert ids(api_client.get(f"{URL}?status=approved")) == []
    assert ids(api_client.get(f"{URL}?type=pingback")) == [ping.pk]
    assert ids(api_client.get(f"{URL}?type=pings")) == [ping.pk]
    assert ping.pk in ids(api_client.get(f"{URL}?type=all"))
    assert ping.pk not in ids(api_client.get(f"{URL}"))


@pytest.mark.parametrize(
    ("query", "forbidden"),
    [
        ("author=1", "author"),
        ("author_exclude=1", "author_exclude"),
        ("author_email=a@example.com", "author_email"),
        ("status=hold", "status"),
        ("type=pingback", "type"),
        ("status=spam&type=all&author=1", "author, type, status"),
    ],
)
@pytest.mark.parametrize("role", [None, "subscriber"])
def test_protected_filters_need_edit_posts(api_client, user_with_role, db, query, forbidden, role):
    if role:
        api_client.force_authenticate(user_with_role(role))
    body = assert_wp_error(
        api_client.get(f"{URL}?{query}"), "rest_forbidden_param", 403 if role else 401
    )
    assert body["message"] == f"Query parameter not permitted: {forbidden}"


def test_default_status_and_type_may_be_passed_by_anyone(api_client, thread):
    assert len(ids(api_client.get(f"{URL}?status=APPROVE&type=comment"))) == 3


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ("per_page=0", "per_page"),
        ("per_page=101", "per_page"),
        ("page=0", "page"),
        ("post=abc", "post"),
        ("parent=x", "parent"),
        ("order=up", "order"),
        ("orderby=title", "orderby"),
        ("author_email=nope", "author_email"),
        ("include=a", "include"),
        ("offset=x", "offset"),
        ("context=full", "context"),
    ],
)
def test_invalid_arguments(api_client, db, query, param):
    body = assert_wp_error(api_client.get(f"{URL}?{query}"), "rest_invalid_param", 400)
    assert param in body["data"]["params"]


def test_pagination_headers_and_page_past_the_end(api_client, thread):
    response = api_client.get(f"{URL}?per_page=2&page=2")
    assert ids(response) == [thread["top"].pk]
    assert response["X-WP-Total"] == "3"
    assert response["X-WP-TotalPages"] == "2"
    assert 'rel="prev"' in response["Link"]
    # WordPress's comments controller answers a page past the end with an empty list.
    past = api_client.get(f"{URL}?per_page=2&page=5")
    assert past.status_code == 200
    assert past.json() == []
    assert past["X-WP-Total"] == "3"
    assert "page=2" in past["Link"]


def test_offset(api_client, thread):
    assert ids(api_client.get(f"{URL}?offset=1&per_page=1")) == [thread["reply"].pk]


def test_empty_collection(api_client, db):
    response = api_client.get(URL)
    assert response.json() == []
    assert response["X-WP-Total"] == "0"
    assert response["X-WP-TotalPages"] == "0"


def test_site_timezone_makes_date_local(api_client, thread, settings):
    settings.WP_TIMEZONE = "Europe/Paris"
    top = thread["top"]
    body = api_client.get(f"{URL}/{top.pk}").json()
    assert body["date_gmt"] == top.date.strftime("%Y-%m-%dT%H:%M:%S")
    assert body["date"] != body["date_gmt"]


def test_embed_in_reply_to_and_children(api_client, thread):
    body = api_client.get(f"{URL}/{thread['reply'].pk}?_embed").json()
    embedded = body["_embedded"]
    assert embedded["in-reply-to"][0]["id"] == thread["top"].pk
    assert [c["id"] for c in embedded["children"][0]] == [thread["deep"].pk]


def test_list_queries_do_not_grow_with_results(api_client, thread):
    url = f"{URL}?per_page=100"
    api_client.get(url)
    few = count_queries(lambda: api_client.get(url))
    users = UserFactory.create_batch(3)
    for user in users:
        CommentFactory.create_batch(3, post=thread["post"], parent=thread["top"], user=user)
    CommentFactory.create_batch(5)
    assert count_queries(lambda: api_client.get(url)) == few


def test_moderator_list_queries_do_not_grow(api_client, editor, thread):
    api_client.force_authenticate(editor)
    url = f"{URL}?per_page=100&context=edit&status=all"
    api_client.get(url)
    few = count_queries(lambda: api_client.get(url))
    CommentFactory.create_batch(8, status="0")
    assert count_queries(lambda: api_client.get(url)) == few


def test_links_follow_the_post_permalink(api_client, editor, db):
    from tests.factories import PageFactory

    parent = PageFactory(slug="about")
    child = PageFactory(slug="team", parent=parent)
    draft = PostFactory(status="draft")
    on_child = CommentFactory(post=child)
    on_draft = CommentFactory(post=draft)
    api_client.force_authenticate(editor)
    host = "http://testserver"
    assert (
        api_client.get(f"{URL}/{on_child.pk}").json()["link"]
        == f"{host}/about/team/#comment-{on_child.pk}"
    )
    assert (
        api_client.get(f"{URL}/{on_draft.pk}").json()["link"]
        == f"{host}/?p={draft.pk}#comment-{on_draft.pk}"
    )
    up = api_client.get(f"{URL}/{on_child.pk}").json()["_links"]["up"][0]
    assert up == {
        "embeddable": True,
        "post_type": "page",
        "href": f"{host}/wp-json/wp/v2/pages/{child.pk}",
    }


def test_comments_on_child_pages_cost_constant_queries(api_client, db):
    from tests.factories import PageFactory

    parent = PageFactory(slug="about")
    CommentFactory(post=PageFactory(parent=parent))
    api_client.get(URL)
    one = count_queries(lambda: api_client.get(URL))
    for _ in range(4):
        CommentFactory(post=PageFactory(parent=PageFactory(parent=parent)))
    assert count_queries(lambda: api_client.get(URL)) == one


@pytest.mark.parametrize("role", ["author", "subscriber"])
def test_non_moderator_list_queries_do_not_grow(api_client, user_with_role, thread, role):
    user = user_with_role(role)
    api_client.force_authenticate(user)
    url = f"{URL}?per_page=100&post={thread['post'].pk}&_embed=in-reply-to"
    api_client.get(url)
    few = count_queries(lambda: api_client.get(url))
    CommentFactory.create_batch(4, post=thread["post"], user=user)
    CommentFactory.create_batch(4, post=thread["post"], parent=thread["reply"])
    assert count_queries(lambda: api_client.get(url)) == few


def test_envelope_headers_are_wordpress_integers(api_client, thread):
    body = api_client.get(f"{URL}?_envelope&per_page=1").json()
    assert body["status"] == 200
    assert body["headers"]["X-WP-Total"] == 3
    assert body["headers"]["X-WP-TotalPages"] == 3
    assert len(body["body"]) == 1


def test_nested_fields_are_not_computed_as_in_wordpress(api_client, thread):
    # WordPress 6.1's comments controller answers [{"id": 10}] to _fields=id,content.rendered
    body = api_client.get(f"{URL}?_fields=id,content.rendered,author_avatar_urls.24").json()
    assert body[0] == {"id": thread["deep"].pk}
    assert "rendered" in api_client.get(f"{URL}?_fields=content").json()[0]["content"]


def test_head_sends_headers_without_items(api_client, thread):
    response = api_client.head(URL)
    assert response.status_code == 200
    assert response["X-WP-Total"] == "3"
    assert response.content == b""
