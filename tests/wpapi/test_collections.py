"""Pagination, arguments, contexts, _fields, _embed, _envelope, OPTIONS, Allow, method override."""

from urllib.parse import quote

import pytest

from tests.helpers import assert_wp_error
from tests.wpapi.conftest import THINGS

URL = "/wp-json" + THINGS
pytestmark = pytest.mark.django_db


def test_totals_and_link_headers(api_client, things):
    response = api_client.get(URL, {"per_page": 2, "page": 2})
    assert response.status_code == 200
    assert response["X-WP-Total"] == "5"
    assert response["X-WP-TotalPages"] == "3"
    assert response["Link"] == (
        f'<http://testserver{URL}?per_page=2&page=1>; rel="prev", '
        f'<http://testserver{URL}?per_page=2&page=3>; rel="next"'
    )
    assert len(response.json()) == 2


def test_first_page_has_only_next_link(api_client, things):
    response = api_client.get(URL, {"per_page": 2})
    assert response["Link"] == f'<http://testserver{URL}?per_page=2&page=2>; rel="next"'


def test_page_past_the_end_is_the_resource_error(api_client, things):
    body = assert_wp_error(api_client.get(URL, {"page": 9}), "rest_thing_invalid_page_number", 400)
    assert body["message"] == (
        "The page number requested is larger than the number of pages available."
    )


def test_empty_collection_is_an_empty_list_with_zero_pages(api_client, db):
    response = api_client.get(URL)
    assert response.json() == []
    assert response["X-WP-Total"] == "0"
    assert response["X-WP-TotalPages"] == "0"


def test_offset_overrides_page(api_client, things):
    ids = [item["id"] for item in api_client.get(URL, {"offset": 3}).json()]
    assert ids == [things[3].pk, things[4].pk]


@pytest.mark.parametrize("per_page", ["0", "101", "-1"])
def test_per_page_out_of_bounds(api_client, per_page):
    body = assert_wp_error(api_client.get(URL, {"per_page": per_page}), "rest_invalid_param", 400)
    message = "per_page must be between 1 (inclusive) and 100 (inclusive)"
    assert body["message"] == "Invalid parameter(s): per_page"
    assert body["data"]["params"] == {"per_page": message}
    assert body["data"]["details"]["per_page"] == {
        "code": "rest_out_of_bounds",
        "message": message,
        "data": None,
    }


def test_not_an_integer(api_client):
    body = assert_wp_error(api_client.get(URL, {"page": "abc"}), "rest_invalid_param", 400)
    assert body["data"]["details"]["page"] == {
        "code": "rest_invalid_type",
        "message": "page is not of type integer.",
        "data": {"param": "page"},
    }


def test_enum_message_lists_choices(api_client):
    body = assert_wp_error(api_client.get(URL, {"order": "up"}), "rest_invalid_param", 400)
    assert body["data"]["params"]["order"] == "order is not one of asc and desc."
    body = assert_wp_error(api_client.get(URL, {"context": "x"}), "rest_invalid_param", 400)
    assert body["data"]["params"]["context"] == "context is not one of view, embed, and edit."


@pytest.mark.parametrize("query", ["include={a},{b}", "include[]={a}&include[]={b}"])
def test_arrays_from_commas_or_brackets(api_client, things, query):
    ids = [t.pk for t in things[:2]]
    query = query.format(a=ids[0], b=ids[1])
    assert [item["id"] for item in api_client.get(f"{URL}?{query}").json()] == ids


def test_array_items_are_validated(api_client):
    body = assert_wp_error(api_client.get(URL, {"include": "1,x"}), "rest_invalid_param", 400)
    assert body["data"]["params"]["include"] == "include[1] is not of type integer."


@pytest.mark.parametrize(
    ("value", "ok"), [("1", True), ("true", True), ("0", True), ("false", True), ("yes", False)]
)
def test_booleans(api_client, value, ok):
    response = api_client.get(URL, {"flag": value})
    assert response.status_code == (200 if ok else 400)


def test_validation_runs_before_permission(api_client):
    # An anonymous caller with a bad argument gets the 400, not the 401.
    assert_wp_error(
        api_client.get(URL, {"context": "edit", "per_page": 0}), "rest_invalid_param", 400
    )
    assert_wp_error(api_client.get(URL, {"context": "edit"}), "rest_forbidden_context", 401)


def test_forbidden_is_403_when_logged_in(api_client, subscriber):
    api_client.force_authenticate(subscriber)
    assert_wp_error(api_client.get(URL, {"context": "edit"}), "rest_forbidden_context", 403)


def test_contexts_filter_fields_and_nested_fields(api_client, things, admin_user):
    view = api_client.get(f"{URL}/{things[0].pk}").json()
    assert "secret" not in view
    assert view["title"] == {"rendered": f"<b>{things[0].username}</b>"}
    embed = api_client.get(f"{URL}/{things[0].pk}", {"context": "embed"}).json()
    assert set(embed) == {"id", "name", "title", "_links"}
    api_client.force_authenticate(admin_user)
    edit = api_client.get(f"{URL}/{things[0].pk}", {"context": "edit"}).json()
    assert edit["secret"] == things[0].email
    assert edit["title"]["raw"] == things[0].username


def test_fields_trims_and_drops_links(api_client, things):
    body = api_client.get(URL, {"_fields": "id,title.rendered", "per_page": 1}).json()
    assert body == [{"id": things[0].pk, "title": {"rendered": f"<b>{things[0].username}</b>"}}]


def test_embed_inlines_embeddable_links(api_client, things):
    body = api_client.get(f"{URL}/{things[0].pk}", {"_embed": "1"}).json()
    embedded = body["_embedded"]["wp:thing"][0]
    assert embedded["id"] == things[0].pk
    assert "secret" not in embedded
    assert body["_links"]["curies"][0]["name"] == "wp"


def test_embed_with_rel_list(api_client, things):
    body = api_client.get(f"{URL}/{things[0].pk}", {"_embed": "author"}).json()
    assert "_embedded" not in body


def test_envelope(api_client, things):
    response = api_client.get(URL, {"_envelope": "", "page": 99})
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == 400
    assert body["body"]["code"] == "rest_thing_invalid_page_number"
    ok = api_client.get(URL, {"_envelope": "1", "per_page": 1}).json()
    assert ok["status"] == 200
    assert ok["headers"]["X-WP-Total"] == 5  # an integer, as WordPress sets it


def test_missing_object_uses_resource_code(api_client, db):
    assert_wp_error(api_client.get(f"{URL}/999999"), "rest_thing_invalid_id", 404)


def test_allow_header_lists_what_the_user_may_do(api_client, things, admin_user):
    assert api_client.get(URL)["Allow"] == "GET"
    api_client.force_authenticate(admin_user)
    assert api_client.get(URL)["Allow"] == "GET, POST"
    assert api_client.get(f"{URL}/{things[0].pk}")["Allow"] == "GET, POST, PUT, PATCH, DELETE"


def test_options_describes_route_and_schema(api_client):
    response = api_client.options(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["methods"] == ["GET", "POST"]
    assert [e["methods"] for e in body["endpoints"]] == [["GET"], ["POST"]]
    per_page = body["endpoints"][0]["args"]["per_page"]
    assert per_page == {
        "description": "Maximum number of items to be returned in result set.",
        "type": "integer",
        "default": 10,
        "minimum": 1,
        "maximum": 100,
        "required": False,
    }
    assert body["endpoints"][1]["args"]["name"]["required"] is True
    assert body["schema"]["title"] == "thing"
    assert body["schema"]["$schema"] == "http://json-schema.org/draft-04/schema#"


def test_index_lists_registered_route_with_args(api_client):
    routes = api_client.get("/wp-json/").json()["routes"]
    assert routes[THINGS]["methods"] == ["GET", "POST"]
    item = routes[THINGS + r"/(?P<id>[\d]+)"]
    assert item["methods"] == ["GET", "POST", "PUT", "PATCH", "DELETE"]
    assert item["endpoints"][0]["args"]["id"]["type"] == "integer"
    assert "_links" not in item


def test_missing_required_argument(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    body = assert_wp_error(
        api_client.post(URL, {}, format="json"), "rest_missing_callback_param", 400
    )
    assert body["message"] == "Missing parameter(s): name"
    assert body["data"]["params"] == ["name"]


def test_create_answers_201_with_location(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    response = api_client.post(URL, {"name": "Made"}, format="json")
    assert response.status_code == 201
    new_id = response.json()["id"]
    assert response["Location"] == f"http://testserver{URL}/{new_id}"
    assert response.json()["secret"]  # create answers in edit context


def test_invalid_json_body(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    response = api_client.generic("POST", URL, "{not json", content_type="application/json")
    body = assert_wp_error(response, "rest_invalid_json", 400)
    assert body["message"] == "Invalid JSON body passed."


def test_json_body_beats_query_string(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    response = api_client.post(f"{URL}?name=query", {"name": "body"}, format="json")
    assert response.json()["name"] == "body"


@pytest.mark.parametrize("how", ["query", "header"])
def test_method_override(api_client, things, admin_user, how):
    api_client.force_authenticate(admin_user)
    target = f"{URL}/{things[0].pk}"
    if how == "query":
        response = api_client.post(f"{target}?_method=DELETE", format="json")
    else:
        response = api_client.post(target, HTTP_X_HTTP_METHOD_OVERRIDE="DELETE")
    assert response.status_code == 200
    assert response.json()["deleted"] is True


def test_head_has_headers_and_no_body(api_client, things):
    response = api_client.head(URL)
    assert response.status_code == 200
    assert response["X-WP-Total"] == "5"
    assert response.content == b""


def test_rest_route_pagination_links_point_at_wp_json(api_client, things):
    # with rest_route among the query parameters, as WordPress 6.1 writes it
    response = api_client.get("/", {"rest_route": THINGS, "per_page": 2})
    assert response["Link"] == (
        f"<http://testserver{URL}?rest_route={quote(THINGS, safe='')}"
        '&per_page=2&page=2>; rel="next"'
    )


def test_jsonp_is_refused(api_client):
    assert_wp_error(api_client.get(URL, {"_jsonp": "cb"}), "rest_callback_disabled", 400)


@pytest.mark.parametrize(
    ("query", "message", "data"),
    [
        (
            "terms=abc",
            "terms is not a valid Term ID List. Reason: terms[0] is not of type integer.",
            {"position": 0},
        ),
        (
            "terms[terms]=x",
            "terms is not a valid Term ID Taxonomy Query. Reason: "
            "terms[terms][0] is not of type integer.",
            {"position": 1},
        ),
        (
            "terms[operator]=XOR",
            "terms is not a valid Term ID Taxonomy Query. Reason: "
            "terms[operator] is not one of AND and OR.",
            {"position": 1},
        ),
    ],
)
def test_one_of_errors_name_the_closest_schema(api_client, query, message, data):
    # The messages real WordPress 6.1 gives for ?categories=... on /wp/v2/posts.
    body = assert_wp_error(api_client.get(f"{URL}?{query}"), "rest_invalid_param", 400)
    assert body["data"]["params"]["terms"] == message
    assert body["data"]["details"]["terms"]["code"] == "rest_no_matching_schema"
    assert body["data"]["details"]["terms"]["data"] == data


@pytest.mark.parametrize("query", ["terms=1,2", "terms[terms]=1&terms[operator]=AND"])
def test_one_of_accepts_either_form(api_client, query):
    assert api_client.get(f"{URL}?{query}").status_code == 200


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2024-01-02T03:04:05", True),
        ("2024-01-02T03:04:05Z", True),
        ("2024-01-02 03:04:05", True),
        ("yesterday", False),
        ("2024-13-45T00:00:00", False),
    ],
)
def test_date_time_format(api_client, value, ok):
    response = api_client.get(URL, {"when": value})
    if ok:
        assert response.status_code == 200
    else:
        body = assert_wp_error(response, "rest_invalid_param", 400)
        assert body["data"]["params"]["when"] == "Invalid date."


def test_per_page_not_integer_like_wordpress(api_client):
    body = assert_wp_error(api_client.get(URL, {"per_page": "1.5"}), "rest_invalid_param", 400)
    assert body["data"]["params"]["per_page"] == "per_page is not of type integer."
    body = assert_wp_error(api_client.get(URL, {"page": ""}), "rest_invalid_param", 400)
    assert body["data"]["params"]["page"] == "page is not of type integer."


def test_routes_match_case_insensitively(api_client, things):
    response = api_client.get(URL.upper().replace("/WP-JSON", "/wp-json"))
    assert response.status_code == 200
    assert response["X-WP-Total"] == "5"


def test_logged_in_responses_are_not_cached(api_client, things, admin_user):
    assert "no-store" not in api_client.get(URL).get("Cache-Control", "")
    api_client.force_authenticate(admin_user)
    assert "no-store" in api_client.get(URL)["Cache-Control"]


def test_method_override_error_is_not_cached(api_client, things):
    response = api_client.post(f"{URL}/{things[0].pk}?_method=DELETE")
    assert response.status_code == 401
    assert "no-store" in response["Cache-Control"]


def test_embedding_a_page_of_items_costs_the_same_queries_as_one(api_client, things):
    from tests.factories import UserFactory
    from tests.helpers import count_queries

    api_client.get(URL, {"_embed": "1", "per_page": 1})
    one = count_queries(lambda: api_client.get(URL, {"_embed": "1", "per_page": 2}))
    UserFactory.create_batch(6)
    many = count_queries(lambda: api_client.get(URL, {"_embed": "1", "per_page": 10}))
    assert many == one
    body = api_client.get(URL, {"_embed": "1", "per_page": 10}).json()
    assert all(item["_embedded"]["wp:thing"][0]["id"] == item["id"] for item in body)
    assert all("secret" not in item["_embedded"]["wp:thing"][0] for item in body)
