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
    assert body == {"name": "wpapi",
                    "_links": {"help": [{"href": "https://developer.wordpress.org/rest-api/"}]}}


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
        "_links": {"help": [{"href": "https://developer.wordpress.org/rest-api/"}]}}


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
    assert body == {"name": "Published",
                    "_links": {"archives": [{"href": f"{SITE}/wp-json/wp/v2/posts"}]}}
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
    assert body == {"body": {"code": "rest_post_invalid_id", "message": "Invalid post ID.",
                             "data": {"status": 404}}, "status": 404, "headers": []}
