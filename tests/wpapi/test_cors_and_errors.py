"""CORS as WordPress sends it, and WordPress-shaped errors for whatever goes wrong."""

import pytest

from tests.helpers import assert_wp_error
from tests.wpapi.conftest import THINGS

URL = "/wp-json" + THINGS
pytestmark = pytest.mark.django_db
ORIGIN = "http://example.test"


def test_origin_is_echoed_with_credentials(api_client, db):
    response = api_client.get(URL, HTTP_ORIGIN=ORIGIN)
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert response["Access-Control-Allow-Credentials"] == "true"
    assert response["Access-Control-Allow-Methods"] == "OPTIONS, GET, POST, PUT, PATCH, DELETE"
    assert response["Access-Control-Expose-Headers"] == "X-WP-Total, X-WP-TotalPages, Link"
    assert response["Access-Control-Allow-Headers"] == (
        "Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, Content-Type"
    )
    assert "Origin" in response["Vary"] or "origin" in response["Vary"]


def test_expose_and_allow_headers_are_sent_without_origin(api_client, db):
    response = api_client.get(URL)
    assert response["Access-Control-Expose-Headers"] == "X-WP-Total, X-WP-TotalPages, Link"
    assert "Access-Control-Allow-Origin" not in response


def test_preflight_is_answered_by_the_route(api_client, db):
    response = api_client.options(
        URL,
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert response.json()["methods"] == ["GET", "POST"]
    assert response["Allow"] == "GET"


def test_allow_list_restricts_origins(api_client, settings, db):
    settings.CORS_ALLOW_ALL_ORIGINS = False
    settings.CORS_ALLOWED_ORIGINS = ["https://front.example"]
    assert "Access-Control-Allow-Origin" not in api_client.get(URL, HTTP_ORIGIN=ORIGIN)
    allowed = api_client.get(URL, HTTP_ORIGIN="https://front.example")
    assert allowed["Access-Control-Allow-Origin"] == "https://front.example"


def test_django_404_under_wp_json_is_json(api_client, db):
    assert_wp_error(api_client.get("/wp-json/wp/v2/../../etc"), "rest_no_route", 404)


def test_unhandled_error_is_a_json_500(api_client, db, monkeypatch):
    from tests.wpapi import conftest

    def boom(self):
        raise RuntimeError("bug")

    monkeypatch.setattr(conftest.ThingViewSet, "get_queryset", boom)
    client = api_client
    client.raise_request_exception = False
    body = assert_wp_error(client.get(URL), "internal_server_error", 500)
    assert "<html" not in body["message"].lower()


def test_wrong_content_type_body_is_not_a_500(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    response = api_client.generic("POST", URL, b"\x00\xff", content_type="application/x-foo")
    assert response.status_code < 500
    assert response["Content-Type"].startswith("application/json")


def test_form_body_is_read(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    response = api_client.post(URL, {"name": "Form"})
    assert response.status_code == 201
    assert response.json()["name"] == "Form"


def test_body_over_the_limit_is_413_not_500(api_client, admin_user, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    api_client.force_authenticate(admin_user)
    response = api_client.post(URL, {"name": "x" * 5000}, format="json")
    assert_wp_error(response, "rest_request_too_large", 413)


def test_csrf_failure_is_html_on_pages_and_json_under_wp_json(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    page = client.post("/wp-login.php", {"log": "x", "pwd": "y"})
    assert page.status_code == 403
    assert page["Content-Type"].startswith("text/html")
