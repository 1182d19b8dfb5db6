"""How a request's arguments are read and checked, as WordPress 6.1 does it (answers taken from
the reference WordPress): the arguments with a validate_callback first, then the others in the
order the request holds them; a query parameter wins over the route's; Allow asked with the
parameters as sent when they are invalid."""

import pytest

from tests.factories import PostFactory
from tests.helpers import assert_wp_error

POSTS = "/wp-json/wp/v2/posts"


def invalid_params(response) -> dict[str, str]:
    body = assert_wp_error(response, "rest_invalid_param", 400)
    assert body["message"] == "Invalid parameter(s): " + ", ".join(body["data"]["params"])
    assert list(body["data"]["details"]) == list(body["data"]["params"])
    return body["data"]["params"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # the common arguments are checked first; when one fails, nothing else is reported
        (
            "per_page=101&categories_exclude[]=x",
            {"per_page": "per_page must be between 1 (inclusive) and 100 (inclusive)"},
        ),
        (
            "context=nope&before=&order=",
            {"context": "context is not one of view, embed, and edit."},
        ),
        (
            "page=-1&per_page=-1&modified_before=",
            {
                "page": "page must be greater than or equal to 1",
                "per_page": "per_page must be between 1 (inclusive) and 100 (inclusive)",
            },
        ),
        # the others, together, in the order the query string holds them
        (
            "slug[a]=1&modified_before=yesterday&modified_after=2024-13-45T99:99:99",
            {
                "slug": "slug is not of type array.",
                "modified_before": "Invalid date.",
                "modified_after": "Invalid date.",
            },
        ),
        (
            "per_page=5&before[a]=1&after[a]=1",
            {"before": "before is not of type string.", "after": "after is not of type string."},
        ),
    ],
)
def test_arguments_are_checked_in_wordpress_order(api_client, query, expected):
    params = invalid_params(api_client.get(f"{POSTS}?{query}"))
    assert params == expected
    assert list(params) == list(expected)


@pytest.mark.django_db
def test_a_forbidden_status_waits_for_the_common_arguments(api_client):
    # status is checked by sanitize_post_statuses(), after per_page
    params = invalid_params(api_client.get("/wp-json/wp/v2/pages?per_page=x&status=-1"))
    assert params == {"per_page": "per_page is not of type integer."}


@pytest.mark.django_db
def test_a_query_parameter_wins_over_the_routes(api_client):
    first, second = PostFactory(), PostFactory()
    response = api_client.get(f"{POSTS}/{first.pk}?id={second.pk}&_fields=id")
    assert response.status_code == 200
    assert response.json() == {"id": second.pk}

    response = api_client.get(f"{POSTS}/{first.pk}?id=987654")
    assert_wp_error(response, "rest_post_invalid_id", 404)


@pytest.mark.django_db
def test_an_invalid_route_parameter_in_the_query(api_client):
    post = PostFactory()
    response = api_client.get(f"{POSTS}/{post.pk}?id=abc")
    assert invalid_params(response) == {"id": "id is not of type integer."}
    assert not response.has_header("Allow")  # (int) "abc" is no post
    response = api_client.get(f"{POSTS}/{post.pk}?id={post.pk}abc")
    assert invalid_params(response) == {"id": "id is not of type integer."}
    assert response["Allow"] == "GET"  # (int) "<id>abc" is the post


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "allow"),
    [
        ("context=edit&per_page=101", None),  # edit context: GET's permission check fails
        ("context=nope&per_page=101", "GET"),
    ],
)
def test_allow_of_an_invalid_request_uses_the_parameters_as_sent(api_client, query, allow):
    response = api_client.get(f"{POSTS}?{query}")
    assert response.status_code == 400
    assert response.get("Allow") == allow


# --- Allow: rest_send_allow_header() runs every handler's permission check after the answer ---
@pytest.mark.django_db
def test_allow_after_a_delete(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    post = PostFactory(author=admin_user)
    response = api_client.delete(f"{POSTS}/{post.pk}")  # trashed: still there
    assert response.status_code == 200
    assert response["Allow"] == "GET, POST, PUT, PATCH, DELETE"
    response = api_client.delete(f"{POSTS}/{post.pk}?force=true")  # gone: no check passes
    assert response.status_code == 200
    assert not response.has_header("Allow")


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["GET", "DELETE", "OPTIONS"])
def test_allow_of_a_missing_revision_lists_get(api_client, admin_user, method):
    # get_item_permissions_check() of revisions checks only the parent; delete's needs the
    # revision
    api_client.force_authenticate(admin_user)
    post = PostFactory(author=admin_user)
    response = api_client.generic(method, f"{POSTS}/{post.pk}/revisions/987654?force=true")
    assert response.status_code == (200 if method == "OPTIONS" else 404)
    assert response["Allow"] == "GET"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "allow"),
    [
        (None, "GET"),
        ("subscriber", "GET, POST, PUT, PATCH"),
        ("administrator", "GET, POST, PUT, PATCH, DELETE"),
    ],
)
def test_allow_of_options_on_the_current_user(api_client, user_with_role, role, allow):
    if role:
        api_client.force_authenticate(user_with_role(role))
    response = api_client.options("/wp-json/wp/v2/users/me")
    assert response.status_code == 200
    assert response["Allow"] == allow


# --- Link: built from get_query_params() after sanitize_params() -----------------------------
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "link_query"),
    [
        ("per_page=1&sticky=0", "per_page=1&sticky&page=2"),  # false: empty
        ("per_page=1&exclude=0", "per_page=1&exclude%5B0%5D=0&page=2"),  # a list
        ("per_page=1&slug=", "per_page=1&page=2"),  # an empty list: left out
        ("per_page=01&_foo=", "per_page=1&_foo&page=2"),  # an integer; others as sent
    ],
)
def test_link_holds_the_arguments_as_sanitized(api_client, query, link_query):
    PostFactory.create_batch(2)
    response = api_client.get(f"{POSTS}?{query}")
    assert response.status_code == 200
    assert response["Link"] == f'<http://testserver{POSTS}?{link_query}>; rel="next"'


@pytest.mark.django_db
def test_search_link_of_subtypes_and_a_page_past_the_end(api_client):
    PostFactory.create_batch(2)
    search = "/wp-json/wp/v2/search"
    response = api_client.get(f"{search}?subtype=any,page,post&per_page=1")
    assert response["Link"] == (
        f'<http://testserver{search}?subtype%5B0%5D=any&per_page=1&page=2>; rel="next"'
    )
    # search's prev link is the page before, even past the last page (the others' is the last)
    response = api_client.get(f"{search}?page=3&search=nothing-matches")
    assert response["X-WP-TotalPages"] == "0"
    prev = f"http://testserver{search}?page=2&search=nothing-matches"
    assert response["Link"] == f'<{prev}>; rel="prev"'


@pytest.mark.django_db
def test_allow_of_an_invalid_list_request_sees_its_filters(api_client, subscriber):
    # get_items_permissions_check() refuses author_exclude to a subscriber, as sent
    api_client.force_authenticate(subscriber)
    response = api_client.get("/wp-json/wp/v2/comments?page=x&author_exclude[0]=987654")
    assert invalid_params(response) == {"page": "page is not of type integer."}
    assert not response.has_header("Allow")


@pytest.mark.django_db
def test_allow_of_an_invalid_comment(api_client, author):
    # the list check asked about a new comment: its post 0 is no post filter
    api_client.force_authenticate(author)
    body = {"author_email": 100000000000000000000, "content": "news"}
    response = api_client.post("/wp-json/wp/v2/comments", body, format="json")
    # check_comment_author_email() reads the value as a string
    assert invalid_params(response) == {"author_email": "Invalid email address."}
    assert response["Allow"] == "GET"


@pytest.mark.django_db
def test_comment_status_and_type_are_checked_first(api_client, admin_user):
    # the comments controller gives these two a validate_callback
    api_client.force_authenticate(admin_user)
    query = "per_page=101&before=yesterday&status[]=x"
    params = invalid_params(api_client.get(f"/wp-json/wp/v2/comments?{query}"))
    assert params == {
        "per_page": "per_page must be between 1 (inclusive) and 100 (inclusive)",
        "status": "status is not of type string.",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value", "message"),
    [
        (1.5, "categories[0] is not of type integer."),  # rest_is_array(): a scalar is a list
        (True, None),  # "1"
        ({"a": 1}, "categories is not of type array."),
    ],
)
def test_a_scalar_is_a_list_of_its_text(api_client, admin_user, value, message):
    api_client.force_authenticate(admin_user)
    response = api_client.post(POSTS, {"title": "x", "categories": value}, format="json")
    if message is None:
        assert response.status_code == 201
        assert response.json()["categories"] == [1]
    else:
        assert invalid_params(response) == {"categories": message}


@pytest.mark.django_db
def test_no_route_is_enveloped_too(api_client):
    # serve_request() envelopes every answer, rest_no_route included
    response = api_client.get("/wp-json/wp/v2/nope?_envelope=1")
    assert response.status_code == 200
    assert response.json() == {
        "body": {
            "code": "rest_no_route",
            "message": "No route was found matching the URL and request method.",
            "data": {"status": 404},
        },
        "status": 404,
        "headers": [],
    }
    assert_wp_error(api_client.get("/wp-json/wp/v2/nope"), "rest_no_route", 404)
