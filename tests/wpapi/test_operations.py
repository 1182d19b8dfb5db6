"""/healthz for load balancers, and the one-line request log (logger `wpapi.request`)."""

import logging

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

from tests.helpers import basic_auth
from users.services import application_password_create

pytestmark = pytest.mark.django_db


def test_healthz_is_ok_without_authentication_and_never_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Length"] == str(len(response.content))


def test_healthz_answers_whatever_the_host(client, settings):
    settings.ALLOWED_HOSTS = ["example.org"]
    assert client.get("/healthz", HTTP_HOST="10.1.2.3:8000").status_code == 200
    # the rest of the site still checks the host
    assert client.get("/wp-json/", HTTP_HOST="10.1.2.3:8000").status_code == 400


def test_healthz_head_has_no_body(client):
    response = client.head("/healthz")
    assert response.status_code == 200
    assert response.content == b""


def test_healthz_refuses_other_methods(client):
    response = client.post("/healthz")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response.json()["data"]["status"] == 405


def test_healthz_is_503_when_the_database_does_not_answer(client, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unavailable", "cache": "ok"}


def test_healthz_is_503_when_the_configured_cache_does_not_answer(client, settings):
    # Redis on a port where nothing listens
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:8509/10",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "unavailable"}


def test_one_log_line_per_request_with_status_duration_and_user(api_client, admin_user, caplog):
    _, plain = application_password_create(user=admin_user, name="log")
    caplog.set_level(logging.INFO, logger="wpapi.request")
    api_client.get(
        "/wp-json/wp/v2/users/me",
        {"context": "edit", "_wpnonce": "abc123", "password": "hunter2"},
        HTTP_AUTHORIZATION=basic_auth(admin_user.username, plain),
    )
    api_client.get("/wp-json/wp/v2/nothing-here")
    records = [r for r in caplog.records if r.name == "wpapi.request"]
    assert len(records) == 2
    me, missing = (record.getMessage() for record in records)
    method, path, status, duration, user = me.split(" ")
    assert (method, path, status) == ("GET", "/wp-json/wp/v2/users/me?context=edit", "200")
    assert duration.endswith("ms")
    assert float(duration[:-2]) >= 0
    assert user == f"user={admin_user.pk}"
    assert missing.split(" ")[2] == "404"
    assert missing.endswith("user=0")


def test_the_log_never_holds_secrets(api_client, admin_user, caplog):
    _, plain = application_password_create(user=admin_user, name="log")
    caplog.set_level(logging.DEBUG)
    api_client.post(
        "/wp-json/wp/v2/posts?_wpnonce=nonce-value&app_password=pw-value&api_key=key-value",
        {"title": "body-value", "password": "post-password-value"},
        format="json",
        HTTP_AUTHORIZATION=basic_auth(admin_user.username, plain),
    )
    api_client.post("/wp-login.php", {"log": admin_user.username, "pwd": "login-pw-value"})
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "/wp-json/wp/v2/posts 201" in text
    for secret in (plain, "nonce-value", "pw-value", "key-value", "body-value", "login-pw-value"):
        assert secret not in text
    assert "Basic " not in text
    assert "post-password-value" not in text


def test_a_line_break_in_the_url_cannot_forge_a_log_line(api_client, caplog):
    caplog.set_level(logging.INFO, logger="wpapi.request")
    api_client.get("/wp-json/wp/v2/posts%0AGET%20/forged%20200")
    (record,) = [r for r in caplog.records if r.name == "wpapi.request"]
    assert "\n" not in record.getMessage()
    assert "%0A" in record.getMessage()


def test_health_probes_log_only_at_debug(client, caplog):
    caplog.set_level(logging.INFO, logger="wpapi.request")
    client.get("/healthz")
    assert not [r for r in caplog.records if r.name == "wpapi.request"]
