"""POST /wp-json/batch/v1, as Gutenberg uses it."""

import pytest

from tests.helpers import assert_wp_error
from tests.wpapi.conftest import THINGS
from users.models import User

pytestmark = pytest.mark.django_db
BATCH = "/wp-json/batch/v1"


def test_batch_runs_each_request_as_the_caller(api_client, admin_user, things):
    api_client.force_authenticate(admin_user)
    response = api_client.post(
        BATCH,
        {
            "requests": [
                {"path": THINGS, "body": {"name": "One"}},
                {
                    "method": "PATCH",
                    "path": f"{THINGS}/{things[0].pk}",
                    "body": {"name": "Renamed"},
                },
                {"method": "DELETE", "path": f"{THINGS}/{things[1].pk}?force=true"},
            ]
        },
        format="json",
    )
    assert response.status_code == 207
    statuses = [r["status"] for r in response.json()["responses"]]
    assert statuses == [201, 200, 200]
    assert response.json()["responses"][0]["body"]["name"] == "One"
    assert User.objects.get(pk=things[0].pk).display_name == "Renamed"
    assert not User.objects.filter(pk=things[1].pk).exists()


def test_batch_requests_are_permission_checked(api_client, subscriber):
    api_client.force_authenticate(subscriber)
    response = api_client.post(
        BATCH, {"requests": [{"path": THINGS, "body": {"name": "x"}}]}, format="json"
    )
    assert response.json()["responses"][0]["status"] == 403
    assert response.json()["responses"][0]["body"]["code"] == "rest_cannot_create"


def test_require_all_validate_runs_nothing_when_one_is_invalid(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    before = User.objects.count()
    response = api_client.post(
        BATCH,
        {
            "validation": "require-all-validate",
            "requests": [
                {"path": THINGS, "body": {"name": "Fine"}},
                {"path": THINGS, "body": {}},
            ],
        },
        format="json",
    )
    assert response.status_code == 207
    body = response.json()
    assert body["failed"] == "validation"
    assert body["responses"][0] is None
    assert body["responses"][1]["body"]["code"] == "rest_missing_callback_param"
    assert User.objects.count() == before


def test_routes_without_allow_batch_are_refused(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    response = api_client.post(
        BATCH, {"requests": [{"path": "/batch/v1", "body": {}}]}, format="json"
    )
    assert response.json()["responses"][0]["body"]["code"] == "rest_batch_not_allowed"


def test_more_than_25_requests_is_invalid(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    requests = [{"path": THINGS, "body": {"name": str(i)}} for i in range(26)]
    body = assert_wp_error(
        api_client.post(BATCH, {"requests": requests}, format="json"), "rest_invalid_param", 400
    )
    assert body["data"]["params"]["requests"] == "requests must contain at most 25 items."


def test_batch_route_is_in_the_index_and_items_advertise_allow_batch(api_client):
    routes = api_client.get("/wp-json/").json()["routes"]
    assert routes["/batch/v1"]["methods"] == ["POST"]
    assert routes[THINGS]["endpoints"][0]["allow_batch"] == {"v1": True}


def test_an_answer_without_headers_has_php_empty_array(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    missing = {"method": "PUT", "path": "/wp/v2/posts/987654", "body": {"title": "x"}}
    refused = {"path": "/wp/v2/settings", "body": {}}
    body = api_client.post(BATCH, {"requests": [missing, refused]}, format="json").json()
    assert [answer["status"] for answer in body["responses"]] == [404, 400]
    assert [answer["headers"] for answer in body["responses"]] == [[], []]
