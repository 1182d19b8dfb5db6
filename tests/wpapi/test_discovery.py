"""The /wp-json/ index, namespace index, ?rest_route= and the discovery Link header."""

import pytest

from tests.helpers import assert_wp_error

pytestmark = pytest.mark.django_db


def test_index_describes_site_and_routes(api_client):
    response = api_client.get("/wp-json/")
    assert response.status_code == 200
    body = response.json()
    for key in (
        "name",
        "description",
        "url",
        "home",
        "gmt_offset",
        "timezone_string",
        "namespaces",
        "authentication",
        "routes",
        "_links",
    ):
        assert key in body
    assert "wp/v2" in body["namespaces"]
    root = body["routes"]["/"]
    assert root["methods"] == ["GET"]
    assert root["endpoints"][0]["args"]["context"] == {"default": "view", "required": False}
    assert root["_links"]["self"][0]["href"] == "http://testserver/wp-json/"


def test_namespace_index_lists_only_its_routes(api_client):
    body = api_client.get("/wp-json/wp/v2").json()
    assert body["namespace"] == "wp/v2"
    assert all(route.startswith("/wp/v2") for route in body["routes"])
    assert body["_links"]["up"][0]["href"] == "http://testserver/wp-json/"


def test_rest_route_query_answers_like_pretty_url(api_client):
    pretty = api_client.get("/wp-json/wp/v2")
    plain = api_client.get("/", {"rest_route": "/wp/v2"})
    assert plain.status_code == 200
    assert plain.json() == pretty.json()


def test_trailing_slash_changes_nothing(api_client):
    assert api_client.get("/wp-json/wp/v2/").json() == api_client.get("/wp-json/wp/v2").json()


@pytest.mark.parametrize("path", ["/wp-json/", "/wp-json/wp/v2", "/wp-json/wp/v2/nope"])
def test_every_api_response_advertises_the_api_root(api_client, path):
    response = api_client.get(path)
    assert response["Link"] == '<http://testserver/wp-json/>; rel="https://api.w.org/"'
    assert response["X-Robots-Tag"] == "noindex"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("method", ["get", "head"])
def test_site_root_advertises_the_api(api_client, method):
    response = getattr(api_client, method)("/")
    assert response.status_code == 200
    assert response["Link"] == '<http://testserver/wp-json/>; rel="https://api.w.org/"'


def test_unknown_route_is_rest_no_route(api_client):
    assert_wp_error(api_client.get("/wp-json/wp/v2/nothing-here"), "rest_no_route", 404)


def test_unknown_method_is_rest_no_route(api_client):
    assert_wp_error(api_client.delete("/wp-json/wp/v2"), "rest_no_route", 404)


def test_forwarded_headers_from_trusted_proxy_shape_links(api_client):
    response = api_client.get(
        "/wp-json/", HTTP_X_FORWARDED_PROTO="https", HTTP_X_FORWARDED_HOST="example.org"
    )
    assert response.json()["url"] == "https://example.org"
    assert response["Link"] == '<https://example.org/wp-json/>; rel="https://api.w.org/"'


def test_forwarded_headers_from_untrusted_address_are_ignored(api_client, settings):
    settings.WP_TRUSTED_PROXIES = ["10.9.9.9"]
    response = api_client.get("/wp-json/", HTTP_X_FORWARDED_HOST="evil.example")
    assert response.json()["url"] == "http://testserver"


@pytest.mark.parametrize(
    ("role", "linked"),
    [(None, False), ("subscriber", False), ("contributor", True), ("administrator", True)],
)
def test_index_links_the_active_theme_for_who_may_read_it(
    api_client, user_with_role, settings, role, linked
):
    # add_active_theme_link_to_index(): switch_themes, or edit_posts of some post type
    settings.WP_THEME = {"stylesheet": "twentytwentythree"}
    if role:
        api_client.force_authenticate(user_with_role(role))
    links = api_client.get("/wp-json/").json()["_links"]
    if linked:
        assert links == {
            "help": [{"href": "https://developer.wordpress.org/rest-api/"}],
            "wp:active-theme": [
                {"href": "http://testserver/wp-json/wp/v2/themes/twentytwentythree"}
            ],
            "curies": [{"name": "wp", "href": "https://api.w.org/{rel}", "templated": True}],
        }
    else:
        assert links == {"help": [{"href": "https://developer.wordpress.org/rest-api/"}]}


@pytest.mark.parametrize("namespace", ["", "nope/v1"])
def test_namespace_index_reads_the_namespace_argument(api_client, namespace):
    response = api_client.get("/wp-json/wp/v2", {"namespace": namespace})
    assert_wp_error(response, "rest_invalid_namespace", 404)
    assert response.json()["message"] == "The specified namespace could not be found."
    assert response["Allow"] == "GET"
