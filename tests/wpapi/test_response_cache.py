"""The shared cache of anonymous answers: fast repeats, never stale, never personal."""

import pytest
from django.db.models import F

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


@pytest.fixture
def per_process(settings):
    """No shared cache: each process keeps answers under the database's content version."""
    from wpapi.cache import local_answers
    from wpapi.models import ContentVersion

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    ContentVersion.objects.get_or_create(pk=1)  # a transactional test flushed the migration's
    local_answers.clear()
    yield
    local_answers.clear()


@pytest.mark.django_db(transaction=True)
def test_a_process_keeps_answers_under_the_database_version(api_client, things, per_process):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = api_client.get(URL)
    with CaptureQueriesContext(connection) as repeat:
        second = api_client.get(URL)
    # only the version is read: every process learns of a write made in any other
    assert [q["sql"] for q in repeat.captured_queries] == [
        "SELECT version FROM wpapi_contentversion WHERE id = 1"
    ]
    assert second.content == first.content
    assert second["X-WP-Total"] == first["X-WP-Total"]


@pytest.mark.django_db(transaction=True)
def test_a_write_anywhere_retires_what_a_process_keeps(api_client, things, per_process, admin_user):
    from wpapi.cache import local_answers
    from wpapi.models import ContentVersion

    before = api_client.get(URL).json()
    # another process's write: only the database's number moves, nothing here is told
    ContentVersion.objects.filter(pk=1).update(version=F("version") + 1)
    things[0].__class__.objects.filter(pk=things[0].pk).update(display_name="Changed")
    assert local_answers._answers  # still holding the old answer
    after = api_client.get(URL).json()
    assert after != before
    assert after[0]["name"] == "Changed"
    # through the API: the write request raises the version itself
    api_client.force_authenticate(admin_user)
    api_client.post(URL, {"name": "New"}, format="json")
    api_client.force_authenticate(None)
    assert len(api_client.get(URL).json()) == len(after) + 1


@pytest.mark.django_db(transaction=True)
def test_kept_answers_expire_at_the_same_instants_in_every_process(
    api_client, things, per_process, monkeypatch
):
    from tests.helpers import count_queries

    clock = [1_000_000.0]
    monkeypatch.setattr("wpapi.cache.time.time", lambda: clock[0])
    api_client.get(URL)
    assert count_queries(lambda: api_client.get(URL)) == 1
    clock[0] += 30  # the next period of WP_RESPONSE_CACHE_SECONDS
    assert count_queries(lambda: api_client.get(URL)) > 1


def test_inside_a_transaction_a_process_keeps_nothing(api_client, things, per_process):
    """A test's transaction raises the version only when it commits: nothing is kept."""
    api_client.get(URL)
    things[0].__class__.objects.filter(pk=things[0].pk).update(display_name="Changed")
    assert api_client.get(URL).json()[0]["name"] == "Changed"


def test_local_answers_are_bounded():
    from wpapi.cache import LocalAnswers

    answers = LocalAnswers()
    answers.MOST_ENTRIES = 3
    for number in range(5):
        answers.set(1, f"k{number}", number, 10)
    assert list(answers._answers) == ["k2", "k3", "k4"]
    answers.set(1, "huge", "x", LocalAnswers.LARGEST + 1)
    assert answers.get(1, "huge") is None
    assert answers.get(0, "k4") is None  # an older version never reads nor writes
    answers.set(0, "old", 1, 1)
    assert answers.get(1, "old") is None
    assert answers.get(2, "k4") is None  # a newer one empties it
    assert answers._bytes == 0


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


def test_an_answer_from_the_cache_has_every_header_the_first_had(api_client, things):
    """Kept answers skip most of the middleware: what it added is kept with them, what depends
    on the request (CORS) is added again."""
    first = api_client.get(URL, HTTP_ORIGIN="https://a.example")
    second = api_client.get(URL, HTTP_ORIGIN="https://a.example")
    assert second.content == first.content
    assert dict(second.items()) == dict(first.items())
    for name in ("X-Frame-Options", "Referrer-Policy", "Allow", "Link", "ETag", "Content-Length"):
        assert second[name] == first[name], name
    head = api_client.head(URL)
    assert head.content == b""
    assert head["X-WP-Total"] == first["X-WP-Total"]
    assert head["Content-Length"] == "0"
    other = api_client.get(URL, HTTP_ORIGIN="https://b.example")
    assert other["Access-Control-Allow-Origin"] == "https://b.example"
    conditional = api_client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"])
    assert conditional.status_code == 304
    assert conditional["Content-Length"] == "0"


def test_requests_with_a_cookie_or_a_method_override_are_not_kept(
    api_client, things, django_assert_num_queries
):
    api_client.cookies["wordpress_logged_in"] = "someone"
    api_client.get(URL)
    assert not _served_from_cache(api_client)
    api_client.cookies.clear()
    assert api_client.get(URL, {"_method": "DELETE"}).status_code == 404  # no such route
    assert api_client.get(URL).status_code == 200  # not the DELETE's answer


def test_a_forced_login_is_never_kept_for_others(api_client, things, admin_user):
    api_client.force_authenticate(admin_user)
    mine = api_client.get(URL, {"context": "edit"})
    assert mine.status_code == 200
    api_client.force_authenticate(None)
    assert api_client.get(URL, {"context": "edit"}).status_code == 401


def test_a_host_the_site_does_not_serve_is_refused_as_before(api_client, things):
    assert api_client.get(URL, HTTP_HOST="evil.example").status_code == 400


def _served_from_cache(api_client) -> bool:
    from tests.helpers import count_queries

    api_client.cookies["wordpress_logged_in"] = "someone"
    try:
        return count_queries(lambda: api_client.get(URL)) == 0
    finally:
        api_client.cookies.clear()
