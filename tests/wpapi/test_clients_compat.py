"""Behaviour the third-party clients (scripts/clients/conformance.mjs: node-wpapi,
@wordpress/api-fetch, wpextract) and the block editor's requests showed to differ from WordPress."""

import pytest

from tests.factories import PostFactory

SITE = "http://testserver"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/wp-json/?_fields=name", "/?rest_route=/&_fields=name"])
def test_index_keeps_its_links_under_fields(api_client, url):
    # core-data fetches the site root with _fields=description,gmt_offset,home,...; WordPress
    # adds the index's links with add_link(), after _fields has filtered the data.
    body = api_client.get(url).json()
    assert body == {
        "name": "wpapi",
        "_links": {"help": [{"href": "https://developer.wordpress.org/rest-api/"}]},
    }


@pytest.mark.django_db
def test_namespace_index_keeps_its_up_link_under_fields(api_client):
    body = api_client.get("/wp-json/wp/v2?_fields=namespace").json()
    assert body == {"namespace": "wp/v2", "_links": {"up": [{"href": f"{SITE}/wp-json/"}]}}


@pytest.mark.django_db
def test_index_links_stay_last_and_single(api_client):
    # Asked for explicitly, _links is not repeated; a field that does not exist leaves the links.
    body = api_client.get("/wp-json/", {"_fields": "_links,name"}).json()
    assert list(body) == ["name", "_links"]
    assert api_client.get("/wp-json/", {"_fields": "nothing"}).json() == {
        "_links": {"help": [{"href": "https://developer.wordpress.org/rest-api/"}]}
    }


@pytest.mark.django_db
def test_item_links_still_follow_fields(api_client):
    # Resources add their links only when _links is wanted (rest_is_field_included): unchanged.
    post = PostFactory(status="publish")
    body = api_client.get(f"/wp-json/wp/v2/posts/{post.id}", {"_fields": "id"}).json()
    assert body == {"id": post.id}


@pytest.mark.django_db
def test_one_status_keeps_its_archives_link_under_fields(api_client):
    # WP_REST_Post_Statuses_Controller adds the archives link unconditionally; in the
    # collection the items are part of the data (keyed by slug), which _fields filters away.
    body = api_client.get("/wp-json/wp/v2/statuses/publish", {"_fields": "name"}).json()
    assert body == {
        "name": "Published",
        "_links": {"archives": [{"href": f"{SITE}/wp-json/wp/v2/posts"}]},
    }
    listed = api_client.get("/wp-json/wp/v2/statuses", {"_fields": "name"}).json()
    assert listed == []
    body = api_client.get("/wp-json/wp/v2/statuses/publish").json()
    assert list(body)[-1] == "_links"


@pytest.mark.django_db
def test_envelope_moves_the_headers_into_the_body(api_client):
    # WP_REST_Server::envelope_response() answers a new response: the headers are only in the
    # body, and the HTTP answer carries the discovery link like any response without a Link.
    PostFactory.create_batch(3, status="publish")
    response = api_client.get("/wp-json/wp/v2/posts", {"_envelope": "", "per_page": 1})
    body = response.json()
    assert body["headers"]["X-WP-Total"] == 3
    assert body["headers"]["Link"].endswith('rel="next"')
    assert body["headers"]["Allow"] == "GET"
    for header in ("X-WP-Total", "X-WP-TotalPages", "Allow"):
        assert not response.has_header(header), header
    assert response["Link"] == f'<{SITE}/wp-json/>; rel="https://api.w.org/"'


@pytest.mark.django_db
def test_envelope_without_headers_has_an_empty_list(api_client):
    body = api_client.get("/wp-json/wp/v2/posts/987654", {"_envelope": "1"}).json()
    assert body == {
        "body": {
            "code": "rest_post_invalid_id",
            "message": "Invalid post ID.",
            "data": {"status": 404},
        },
        "status": 404,
        "headers": [],
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # WordPress rebuilds the Link from the parameters as PHP parsed them (a[]= is an array,
        # a repeated key keeps its last value), with add_query_arg(urlencode_deep(...)).
        (
            "exclude[]=998&exclude[]=999&per_page=1",
            "exclude%5B0%5D=998&exclude%5B1%5D=999&per_page=1&page=2",
        ),
        (
            "_fields[]=id&per_page=1&search=reference%20post&foo=a~b.c-d_e*f",
            "_fields%5B0%5D=id&per_page=1&search=reference+post&foo=a%7Eb.c-d_e%2Af&page=2",
        ),
        (
            "per_page=1&w[terms][]=2&w[operator]=AND&x[5]=a&x[]=b",
            "per_page=1&w%5Bterms%5D%5B0%5D=2&w%5Boperator%5D=AND&x%5B5%5D=a&x%5B6%5D=b&page=2",
        ),
        ("per_page=1&y=1&y[]=2", "per_page=1&y%5B0%5D=2&page=2"),
        ("per_page=1&z[]=1&z=2&a[b][c]=d", "per_page=1&z=2&a%5Bb%5D%5Bc%5D=d&page=2"),
        ("per_page=1&per_page=1&page=1&_envelope", "per_page=1&page=2&_envelope"),
        # each [] opens a new element, also in the middle of a key
        (
            "per_page=1&c[][]=4&c[][]=5&a[][x]=1&a[][x]=2",
            "per_page=1&c%5B0%5D%5B0%5D=4&c%5B1%5D%5B0%5D=5&a%5B0%5D%5Bx%5D=1&a%5B1%5D%5Bx%5D=2&page=2",
        ),
    ],
)
def test_pagination_links_are_rebuilt_from_the_parsed_query(api_client, query, expected):
    PostFactory.create_batch(3, status="publish", title="Reference post")
    response = api_client.get(f"/wp-json/wp/v2/posts?{query}")
    assert response.status_code == 200, response.content
    link = response.json()["headers"]["Link"] if "_envelope" in query else response["Link"]
    assert link.split(", ")[-1] == f'<{SITE}/wp-json/wp/v2/posts?{expected}>; rel="next"'


@pytest.mark.django_db
def test_rest_route_pagination_links_keep_rest_route(api_client):
    # The request's query parameters include rest_route, which the Link keeps (WordPress 6.1).
    PostFactory.create_batch(3, status="publish")
    response = api_client.get("/", {"rest_route": "/wp/v2/posts", "per_page": 2})
    assert response["Link"] == (
        f'<{SITE}/wp-json/wp/v2/posts?rest_route=%2Fwp%2Fv2%2Fposts&per_page=2&page=2>; rel="next"'
    )


@pytest.mark.django_db
@pytest.mark.parametrize("content_type", ["text/plain;charset=UTF-8", "application/xml", ""])
def test_a_body_of_another_type_is_ignored(api_client, admin_user, content_type):
    # fetch(url, {method: "POST", body: JSON.stringify(...)}) without a Content-Type sends
    # text/plain: WordPress reads parameters only from form and JSON bodies and ignores it.
    api_client.force_authenticate(admin_user)
    post = PostFactory(status="publish", title="Kept")
    body = '{"status": "bogus", "title": "Changed"}'
    response = api_client.generic("POST", f"/wp-json/wp/v2/posts/{post.id}", body, content_type)
    assert response.status_code == 200, response.content
    assert response.json()["title"]["raw"] == "Kept"
    missing = api_client.generic("POST", "/wp-json/wp/v2/posts/987654", body, content_type)
    assert missing.json()["code"] == "rest_post_invalid_id"
    gone = api_client.generic(
        "DELETE", f"/wp-json/wp/v2/posts/{post.id}?force=true", "x", content_type
    )
    assert gone.status_code == 200
    assert gone.json()["deleted"] is True


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/wp-json/wp/v2/posts",
        "/wp-json/",
        "/?rest_route=/wp/v2/posts",
        "/wp-json/wp/v2/posts/987654",
    ],
)
def test_head_answers_with_the_json_content_type(api_client, url):
    # node-wpapi's .headers() sends HEAD; WordPress answers with the GET's headers, no body
    PostFactory(status="publish")
    response = api_client.head(url)
    assert response.content == b""
    assert response["Content-Type"] == "application/json; charset=UTF-8"
