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
