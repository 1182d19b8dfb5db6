"""The shared cache of anonymous answers: fast repeats, never stale, never personal."""

import pytest

from tests.helpers import basic_auth
from tests.wpapi.conftest import THINGS
from users.models import ApplicationPassword, User
from users.services import application_password_create

URL = "/wp-json" + THINGS
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_on(settings, tmp_path):
    # a cache every process shares (the file system here, Redis in production)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    settings.WP_RESPONSE_CACHE_SECONDS = 30


def test_repeated_anonymous_get_is_served_without_queries(
    api_client, things, django_assert_num_queries
):
    first = api_client.get(URL)
    with django_assert_num_queries(0):
        second = api_client.get(URL)
    assert second.status_code == 200
    assert second.content == first.content
    assert second["X-WP-Total"] == first["X-WP-Total"]
    assert second["Allow"] == "GET"


def test_any_model_write_retires_cached_answers(api_client, things):
    before = api_client.get(URL).json()
    User.objects.filter(pk=things[0].pk).first().save()  # a save anywhere bumps the version
    things[0].display_name = "Changed"
    things[0].save()
    after = api_client.get(URL).json()
    assert after != before
    assert after[0]["name"] == "Changed"


def test_api_write_retires_cached_answers(api_client, things, admin_user):
    before = int(api_client.get(URL)["X-WP-Total"])
    api_client.force_authenticate(admin_user)
    api_client.post(URL, {"name": "New"}, format="json")
    api_client.force_authenticate(None)
    assert int(api_client.get(URL)["X-WP-Total"]) == before + 1


def test_requests_with_credentials_bypass_the_cache(
    api_client, things, admin_user, django_assert_num_queries
):
    api_client.get(URL, {"context": "edit"})  # 401 for anonymous: not stored
    _, plain = application_password_create(user=admin_user, name="t")
    response = api_client.get(
        URL, {"context": "edit"}, HTTP_AUTHORIZATION=basic_auth(admin_user.username, plain)
    )
    assert response.status_code == 200
    assert "secret" in response.json()[0]
    anonymous = api_client.get(URL, {"context": "edit"})
    assert anonymous.status_code == 401
    assert ApplicationPassword.objects.count() == 1


def test_cors_headers_follow_each_request(api_client, things):
    api_client.get(URL, HTTP_ORIGIN="https://a.example")
    second = api_client.get(URL, HTTP_ORIGIN="https://b.example")
    assert second["Access-Control-Allow-Origin"] == "https://b.example"


def test_off_when_no_seconds_are_set(api_client, things, settings):
    from tests.helpers import count_queries

    settings.WP_RESPONSE_CACHE_SECONDS = 0
    api_client.get(URL)
    assert count_queries(lambda: api_client.get(URL)) > 0


def test_off_with_a_per_process_cache_whatever_the_seconds(api_client, things, settings):
    """Without a shared cache (no REDIS_URL) a write in one worker could not retire what
    another worker keeps: the cache stays off."""
    from tests.helpers import count_queries

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    api_client.get(URL)
    assert count_queries(lambda: api_client.get(URL)) > 0


def test_a_cache_that_does_not_answer_is_bypassed(api_client, things, admin_user, settings):
    """Redis down: reads and writes are served from the database, none fails."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:8509/10",  # nothing listens there
        }
    }
    assert api_client.get(URL).status_code == 200
    assert api_client.get("/wp-json/").json()["name"] == "wpapi"
    api_client.force_authenticate(admin_user)
    assert api_client.post(URL, {"name": "New"}, format="json").status_code == 201
    saved = api_client.post("/wp-json/wp/v2/settings", {"title": "Down"}, format="json")
    assert saved.json()["title"] == "Down"
    api_client.force_authenticate(None)
    assert api_client.get("/wp-json/").json()["name"] == "Down"
