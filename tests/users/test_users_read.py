"""GET /wp/v2/users, /users/<id> and /users/me: fields per context, visibility, filters, order,
pagination and query counts, as WordPress 6.1 answers them."""

import hashlib

import pytest

from tests.factories import PageFactory, PostFactory, UserFactory
from tests.helpers import assert_wp_error, count_queries, needs_icu_collation
from tests.users.conftest import USERS_URL
from users import demo
from users.models import User, UserMeta

pytestmark = pytest.mark.django_db

VIEW_FIELDS = ["id", "name", "url", "description", "link", "slug", "avatar_urls", "meta", "_links"]
EDIT_FIELDS = [
    "id",
    "username",
    "name",
    "first_name",
    "last_name",
    "email",
    "url",
    "description",
    "link",
    "locale",
    "nickname",
    "slug",
    "roles",
    "registered_date",
    "capabilities",
    "extra_capabilities",
    "avatar_urls",
    "meta",
    "_links",
]


def alice_as_wordpress_shows_her(pk, context):
    """The reference site's /wp/v2/users/2 for alice (its mu-plugin's ref_team meta left out)."""
    gravatar = "http://0.gravatar.com/avatar/c160f8cc69a4f0bf2b0362752353d060"
    item = {
        "id": pk,
        "username": "alice",
        "name": "Alice Author",
        "first_name": "Alice",
        "last_name": "Author",
        "email": "alice@example.com",
        "url": "https://alice.example.com",
        "description": "Alice is the reference author.",
        "link": "http://testserver/author/alice/",
        "locale": "en_US",
        "nickname": "alice",
        "slug": "alice",
        "roles": ["author"],
        "registered_date": "2023-12-12T09:00:00+00:00",
        "capabilities": {
            "upload_files": True,
            "edit_posts": True,
            "edit_published_posts": True,
            "publish_posts": True,
            "read": True,
            "level_2": True,
            "level_1": True,
            "level_0": True,
            "delete_posts": True,
            "delete_published_posts": True,
            "author": True,
        },
        "extra_capabilities": {"author": True},
        "avatar_urls": {str(size): f"{gravatar}?s={size}&d=mm&r=g" for size in (24, 48, 96)},
        "meta": {"persisted_preferences": []},
        "_links": {
            "self": [{"href": f"http://testserver/wp-json/wp/v2/users/{pk}"}],
            "collection": [{"href": "http://testserver/wp-json/wp/v2/users"}],
        },
    }
    if context == "edit":
        return item
    item["meta"] = {}
    keep = VIEW_FIELDS if context == "view" else [f for f in VIEW_FIELDS if f != "meta"]
    return {key: item[key] for key in keep}


@pytest.fixture
def reference_users(db):
    demo.seed()
    alice = User.objects.get(username="alice")
    PostFactory(author=alice, status="publish")
    return alice


@pytest.mark.parametrize("context", ["view", "embed"])
def test_one_user_matches_wordpress(api_client, reference_users, context):
    alice = reference_users
    response = api_client.get(f"{USERS_URL}/{alice.pk}", {"context": context})
    assert response.status_code == 200
    assert response.json() == alice_as_wordpress_shows_her(alice.pk, context)


def test_one_user_in_edit_context_matches_wordpress(api_client, reference_users):
    alice = reference_users
    api_client.force_authenticate(User.objects.get(username="admin"))
    response = api_client.get(f"{USERS_URL}/{alice.pk}", {"context": "edit"})
    assert response.status_code == 200
    assert response.json() == alice_as_wordpress_shows_her(alice.pk, "edit")
    assert list(response.json()) == EDIT_FIELDS


def test_avatar_urls_hash_the_trimmed_lowercased_email(api_client, published_author):
    published_author.email = " Mixed.Case@Example.COM "
    published_author.save()
    digest = hashlib.md5(b"mixed.case@example.com").hexdigest()
    avatars = api_client.get(f"{USERS_URL}/{published_author.pk}").json()["avatar_urls"]
    host = f"http://{int(digest[0], 16) % 3}.gravatar.com"
    assert avatars == {str(s): f"{host}/avatar/{digest}?s={s}&d=mm&r=g" for s in (24, 48, 96)}


def test_avatar_urls_use_secure_gravatar_over_https(api_client, published_author):
    avatars = api_client.get(f"{USERS_URL}/{published_author.pk}", secure=True).json()
    assert avatars["avatar_urls"]["24"].startswith("https://secure.gravatar.com/avatar/")


# --- the collection: who is listed ------------------------------------------------------------
def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()]


def test_anonymous_list_shows_only_users_with_published_posts(
    api_client, published_author, unpublished_author, subscriber
):
    response = api_client.get(USERS_URL)
    assert ids(response) == [published_author.pk]
    assert response["X-WP-Total"] == "1"
    assert list(response.json()[0]) == VIEW_FIELDS


def test_published_pages_count_as_published_posts(api_client, subscriber):
    page_author = UserFactory(role="editor")
    PageFactory(author=page_author, status="publish")
    assert ids(api_client.get(USERS_URL)) == [page_author.pk]


def test_private_posts_do_not_count_in_lists(api_client):
    private_author = UserFactory(role="author")
    PostFactory(author=private_author, status="private")
    assert ids(api_client.get(USERS_URL)) == []


@pytest.mark.parametrize("role", ["editor", "author", "contributor", "subscriber"])
def test_roles_without_list_users_see_only_published_authors(
    api_client, user_with_role, published_author, unpublished_author, role
):
    api_client.force_authenticate(user_with_role(role))
    assert ids(api_client.get(USERS_URL)) == [published_author.pk]


def test_administrator_lists_everyone(
    api_client, admin_user, published_author, unpublished_author, subscriber
):
    api_client.force_authenticate(admin_user)
    assert sorted(ids(api_client.get(USERS_URL))) == sorted(
        [admin_user.pk, published_author.pk, unpublished_author.pk, subscriber.pk]
    )


def test_has_published_posts_false_does_not_widen_anonymous_lists(
    api_client, published_author, unpublished_author
):
    assert ids(api_client.get(USERS_URL, {"has_published_posts": "false"})) == [published_author.pk]


def test_has_published_posts_by_type(api_client, admin_user, published_author):
    page_author = UserFactory(role="editor")
    PageFactory(author=page_author, status="publish")
    api_client.force_authenticate(admin_user)
    assert ids(api_client.get(USERS_URL, {"has_published_posts": "page"})) == [page_author.pk]
    assert sorted(ids(api_client.get(USERS_URL, {"has_published_posts": "true"}))) == sorted(
        [page_author.pk, published_author.pk]
    )


def test_has_published_posts_rejects_unknown_types(api_client):
    response = api_client.get(USERS_URL, {"has_published_posts": "nope"})
    body = assert_wp_error(response, "rest_invalid_param", 400)
    assert "has_published_posts" in body["data"]["params"]


def test_who_authors_lists_users_above_subscriber(
    api_client, contributor, subscriber, unpublished_author
):
    api_client.force_authenticate(contributor)
    assert sorted(ids(api_client.get(USERS_URL, {"who": "authors"}))) == sorted(
        [contributor.pk, unpublished_author.pk]
    )


@pytest.mark.parametrize(("role", "status"), [(None, 401), ("subscriber", 403)])
def test_who_authors_needs_edit_posts(api_client, user_with_role, role, status):
    if role:
        api_client.force_authenticate(user_with_role(role))
    response = api_client.get(USERS_URL, {"who": "authors"})
    body = assert_wp_error(response, "rest_forbidden_who", status)
    assert body["message"] == "Sorry, you are not allowed to query users by this parameter."


# --- permission errors on the collection --------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "code", "message"),
    [
        (
            {"roles": "author"},
            "rest_user_cannot_view",
            "Sorry, you are not allowed to filter users by role.",
        ),
        (
            {"capabilities": "edit_posts"},
            "rest_user_cannot_view",
            "Sorry, you are not allowed to filter users by capability.",
        ),
        (
            {"context": "edit"},
            "rest_forbidden_context",
            "Sorry, you are not allowed to edit users.",
        ),
        (
            {"orderby": "email"},
            "rest_forbidden_orderby",
            "Sorry, you are not allowed to order users by this parameter.",
        ),
        (
            {"orderby": "registered_date"},
            "rest_forbidden_orderby",
            "Sorry, you are not allowed to order users by this parameter.",
        ),
    ],
)
@pytest.mark.parametrize("role", [None, "editor", "author", "contributor", "subscriber"])
def test_list_users_capability_guards(api_client, user_with_role, query, code, message, role):
    if role:
        api_client.force_authenticate(user_with_role(role))
    response = api_client.get(USERS_URL, query)
    body = assert_wp_error(response, code, 403 if role else 401)
    assert body["message"] == message


def test_administrator_may_use_the_guarded_arguments(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    for query in (
        {"roles": "author"},
        {"capabilities": "edit_posts"},
        {"context": "edit"},
        {"orderby": "email"},
        {"orderby": "registered_date"},
    ):
        assert api_client.get(USERS_URL, query).status_code == 200


# --- filters and order --------------------------------------------------------------------------
@pytest.fixture
def team(db, admin_user):
    people = {
        "zed": UserFactory(username="zed", display_name="zed", role="editor"),
        "amy": UserFactory(
            username="amy", display_name="Amy", role="author", url="https://amy.example.org"
        ),
        "bea": UserFactory(username="bea", display_name="bea", role="subscriber"),
    }
    return admin_user, people


def names(response):
    assert response.status_code == 200, response.content
    return [item["name"] for item in response.json()]


def test_default_order_is_display_name_ignoring_case(api_client, team):
    admin, people = team
    api_client.force_authenticate(admin)
    listed = names(api_client.get(USERS_URL, {"exclude": admin.pk}))
    assert listed == ["Amy", "bea", "zed"]
    listed = names(api_client.get(USERS_URL, {"exclude": admin.pk, "order": "desc"}))
    assert listed == ["zed", "bea", "Amy"]


@needs_icu_collation
def test_names_sort_as_mysql_unicode_ci(api_client, admin_user):
    """Letters first, then accents and case: "Ümit" comes before "Unruh"."""
    for name in ("Unruh", "Ümit", "bob"):
        UserFactory(display_name=name, role="author")
    api_client.force_authenticate(admin_user)
    listed = names(api_client.get(USERS_URL, {"exclude": admin_user.pk}))
    assert listed == ["bob", "Ümit", "Unruh"]


def test_orderby_include_and_include_slugs_keep_the_given_order(api_client, team):
    admin, people = team
    api_client.force_authenticate(admin)
    order = [people["zed"].pk, people["amy"].pk, people["bea"].pk]
    query = {"include": ",".join(map(str, order)), "orderby": "include"}
    assert ids(api_client.get(USERS_URL, query)) == order
    response = api_client.get(USERS_URL, {"slug": "bea,zed,amy", "orderby": "include_slugs"})
    assert names(response) == ["bea", "zed", "Amy"]


def test_roles_capabilities_slug_include_exclude(api_client, team):
    admin, people = team
    api_client.force_authenticate(admin)
    assert names(api_client.get(USERS_URL, {"roles": "author,editor"})) == ["Amy", "zed"]
    assert names(
        api_client.get(USERS_URL, {"capabilities": "edit_others_posts", "exclude": admin.pk})
    ) == ["zed"]
    assert names(api_client.get(USERS_URL, {"capabilities": "subscriber"})) == ["bea"]
    assert names(api_client.get(USERS_URL, {"slug[]": ["amy", "bea"]})) == ["Amy", "bea"]
    assert names(api_client.get(USERS_URL, {"include": [people["bea"].pk]})) == ["bea"]


def test_search_for_list_users_looks_at_email_and_url(api_client, team):
    admin, people = team
    api_client.force_authenticate(admin)
    assert names(api_client.get(USERS_URL, {"search": "amy.example"})) == ["Amy"]
    assert names(api_client.get(USERS_URL, {"search": "bea@"})) == ["bea"]
    assert names(api_client.get(USERS_URL, {"search": "https://amy"})) == ["Amy"]


def test_anonymous_search_never_matches_emails(api_client):
    author = UserFactory(username="quiet", display_name="Quiet One", email="secret@hidden.test")
    PostFactory(author=author, status="publish")
    assert ids(api_client.get(USERS_URL, {"search": "hidden.test"})) == []
    assert ids(api_client.get(USERS_URL, {"search": "uiet"})) == [author.pk]
    assert ids(api_client.get(USERS_URL, {"search": str(author.pk)})) == [author.pk]


def test_invalid_arguments_are_rest_invalid_param(api_client):
    for query in (
        {"orderby": "password"},
        {"order": "up"},
        {"per_page": 101},
        {"include": "a"},
        {"who": "everyone"},
        {"context": "full"},
    ):
        assert_wp_error(api_client.get(USERS_URL, query), "rest_invalid_param", 400)


# --- pagination -----------------------------------------------------------------------------------
def test_pagination_headers_and_a_page_past_the_end(api_client, admin_user):
    UserFactory.create_batch(4)
    api_client.force_authenticate(admin_user)
    response = api_client.get(USERS_URL, {"per_page": 2, "page": 2})
    assert len(response.json()) == 2
    assert response["X-WP-Total"] == "5"
    assert response["X-WP-TotalPages"] == "3"
    assert 'rel="prev"' in response["Link"]
    assert 'rel="next"' in response["Link"]
    past = api_client.get(USERS_URL, {"per_page": 2, "page": 9})
    assert past.status_code == 200
    assert past.json() == []
    assert past["X-WP-Total"] == "5"
    offset = api_client.get(USERS_URL, {"per_page": 2, "offset": 4})
    assert len(offset.json()) == 1


def test_user_list_queries_do_not_grow_with_results(api_client, admin_user):
    UserMeta.objects.create(user=admin_user, key="persisted_preferences", value='{"a":1}')
    api_client.force_authenticate(admin_user)
    query = {"context": "edit", "per_page": 100}
    api_client.get(USERS_URL, query)
    one = count_queries(lambda: api_client.get(USERS_URL, query))
    for user in UserFactory.create_batch(6):
        UserMeta.objects.create(user=user, key="persisted_preferences", value='{"b":2}')
    assert count_queries(lambda: api_client.get(USERS_URL, query)) == one


def test_anonymous_list_queries_do_not_grow_with_results(api_client, published_author):
    api_client.get(USERS_URL)
    one = count_queries(lambda: api_client.get(USERS_URL))
    for user in UserFactory.create_batch(5, role="author"):
        PostFactory(author=user, status="publish")
    assert count_queries(lambda: api_client.get(USERS_URL)) == one


# --- one user ------------------------------------------------------------------------------
def test_unknown_user_is_rest_user_invalid_id(api_client):
    for path in ("999999", "0"):
        body = assert_wp_error(api_client.get(f"{USERS_URL}/{path}"), "rest_user_invalid_id", 404)
        assert body["message"] == "Invalid user ID."


@pytest.mark.parametrize(
    ("role", "status"),
    [(None, 401), ("editor", 403), ("author", 403), ("contributor", 403), ("subscriber", 403)],
)
def test_user_without_posts_is_hidden(api_client, user_with_role, unpublished_author, role, status):
    if role:
        api_client.force_authenticate(user_with_role(role))
    response = api_client.get(f"{USERS_URL}/{unpublished_author.pk}")
    body = assert_wp_error(response, "rest_user_cannot_view", status)
    assert body["message"] == "Sorry, you are not allowed to list users."


def test_editor_sees_author_of_private_posts_only_they_may_read(api_client, editor, subscriber):
    private_author = UserFactory(role="author")
    PostFactory(author=private_author, status="private")
    api_client.force_authenticate(editor)
    assert api_client.get(f"{USERS_URL}/{private_author.pk}").status_code == 200
    api_client.force_authenticate(subscriber)
    assert api_client.get(f"{USERS_URL}/{private_author.pk}").status_code == 403


@pytest.mark.parametrize("role", ["administrator", "editor", "author", "contributor", "subscriber"])
def test_everyone_sees_themselves_in_edit_context(api_client, user_with_role, role):
    user = user_with_role(role)
    api_client.force_authenticate(user)
    response = api_client.get(f"{USERS_URL}/{user.pk}", {"context": "edit"})
    assert response.status_code == 200
    assert response.json()["email"] == user.email
    assert response.json()["roles"] == [role]
    me = api_client.get(f"{USERS_URL}/me", {"context": "edit"})
    assert me.json() == response.json()


@pytest.mark.parametrize(("role", "status"), [(None, 401), ("editor", 403), ("subscriber", 403)])
def test_edit_context_of_others_needs_edit_user(
    api_client, user_with_role, published_author, role, status
):
    if role:
        api_client.force_authenticate(user_with_role(role))
    response = api_client.get(f"{USERS_URL}/{published_author.pk}", {"context": "edit"})
    body = assert_wp_error(response, "rest_forbidden_context", status)
    assert body["message"] == "Sorry, you are not allowed to edit this user."


def test_administrator_sees_anyone(api_client, admin_user, unpublished_author):
    api_client.force_authenticate(admin_user)
    response = api_client.get(f"{USERS_URL}/{unpublished_author.pk}", {"context": "edit"})
    assert response.status_code == 200
    assert response.json()["roles"] == ["author"]


def test_me_needs_a_login(api_client):
    body = assert_wp_error(api_client.get(f"{USERS_URL}/me"), "rest_not_logged_in", 401)
    assert body["message"] == "You are not currently logged in."


def test_me_in_view_context(api_client, subscriber):
    api_client.force_authenticate(subscriber)
    response = api_client.get(f"{USERS_URL}/me")
    assert response.status_code == 200
    assert list(response.json()) == VIEW_FIELDS
    assert response.json()["id"] == subscriber.pk


def test_fields_and_embed_of_a_user(api_client, published_author):
    response = api_client.get(f"{USERS_URL}/{published_author.pk}", {"_fields": "id,slug"})
    assert response.json() == {"id": published_author.pk, "slug": published_author.nicename}


def test_meta_shows_stored_preferences_in_edit_context_only(api_client, subscriber):
    UserMeta.objects.create(
        user=subscriber,
        key="persisted_preferences",
        value='{"core/edit-post":{"welcomeGuide":false}}',  # stored as JSON text
    )
    api_client.force_authenticate(subscriber)
    edit = api_client.get(f"{USERS_URL}/me", {"context": "edit"}).json()
    assert edit["meta"] == {"persisted_preferences": {"core/edit-post": {"welcomeGuide": False}}}
    assert api_client.get(f"{USERS_URL}/me").json()["meta"] == {}


def test_user_item_options_lists_the_methods(api_client):
    response = api_client.options(f"{USERS_URL}/me")
    assert response.status_code == 200
    body = response.json()
    assert body["methods"] == ["GET", "POST", "PUT", "PATCH", "DELETE"]
    assert body["schema"]["title"] == "user"
    assert body["endpoints"][2]["args"]["reassign"] == {
        "type": "integer",
        "description": "Reassign the deleted user's posts and links to this user ID.",
        "required": True,
    }


def test_users_routes_are_in_wordpress_order(api_client):
    routes = [
        route
        for route in api_client.get("/wp-json/wp/v2").json()["routes"]
        if route.startswith("/wp/v2/users")
    ]
    assert routes == [
        "/wp/v2/users",
        r"/wp/v2/users/(?P<id>[\d]+)",
        "/wp/v2/users/me",
        r"/wp/v2/users/(?P<user_id>(?:[\d]+|me))/application-passwords",
        r"/wp/v2/users/(?P<user_id>(?:[\d]+|me))/application-passwords/introspect",
        r"/wp/v2/users/(?P<user_id>(?:[\d]+|me))/application-passwords/(?P<uuid>[\w\-]+)",
    ]


def test_me_sends_allow_even_when_logged_out(api_client, subscriber):
    assert api_client.get(f"{USERS_URL}/me")["Allow"] == "GET"
    api_client.force_authenticate(subscriber)
    assert api_client.get(f"{USERS_URL}/me")["Allow"] == "GET, POST, PUT, PATCH"


def test_registered_user_meta_appears_like_the_reference_ref_team(
    api_client, settings, published_author, subscriber
):
    settings.WP_USER_META = {
        "ref_team": {"type": "string", "description": "Reference team name.", "single": True}
    }
    UserMeta.objects.create(user=published_author, key="ref_team", value="red")
    response = api_client.get(f"{USERS_URL}/{published_author.pk}")
    assert response.json()["meta"] == {"ref_team": "red"}
    schema = api_client.options(USERS_URL).json()["schema"]["properties"]["meta"]["properties"]
    assert schema["ref_team"] == {
        "type": "string",
        "description": "Reference team name.",
        "default": "",
    }
    api_client.force_authenticate(subscriber)
    me = api_client.post(f"{USERS_URL}/me", {"meta": {"ref_team": "blue"}}, format="json")
    assert me.json()["meta"] == {"persisted_preferences": [], "ref_team": "blue"}
    bad = api_client.post(f"{USERS_URL}/me", {"meta": {"ref_team": 5}}, format="json")
    assert_wp_error(bad, "rest_invalid_type", 400)


def test_head_answers_headers_only(api_client, published_author):
    response = api_client.head(USERS_URL)
    assert response.status_code == 200
    assert response["X-WP-Total"] == "1"
    assert response.content == b""


def test_rest_route_and_trailing_slash_reach_me(api_client, subscriber):
    api_client.force_authenticate(subscriber)
    assert api_client.get("/?rest_route=/wp/v2/users/me").json()["id"] == subscriber.pk
    assert api_client.get(f"{USERS_URL}/me/").json()["id"] == subscriber.pk


def test_out_of_range_offsets_and_ids_find_nobody(api_client, published_author):
    negative = api_client.get(USERS_URL, {"offset": -5})
    assert negative.status_code == 200
    assert negative.json() == []
    assert negative["X-WP-Total"] == "1"
    huge = api_client.get(USERS_URL, {"include": "99999999999999999999", "orderby": "include"})
    assert huge.status_code == 200
    assert (huge.json(), huge["X-WP-Total"]) == ([], "0")
    assert api_client.get(USERS_URL, {"exclude": "99999999999999999999"}).status_code == 200
    assert_wp_error(
        api_client.get(f"{USERS_URL}/99999999999999999999"), "rest_user_invalid_id", 404
    )
