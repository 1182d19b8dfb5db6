"""Conditional GET beyond WordPress: ETag and Last-Modified, 304 Not Modified on a match, and a
new ETag after any write that changes the answer."""

import pytest

from tests.factories import PostFactory

pytestmark = pytest.mark.django_db
POSTS = "/wp-json/wp/v2/posts"


def test_items_and_collections_carry_validators(api_client):
    post = PostFactory()
    for url in (POSTS, f"{POSTS}/{post.pk}"):
        response = api_client.get(url)
        assert response["ETag"].startswith('W/"')
        assert response.has_header("Last-Modified")


@pytest.mark.parametrize("url", [POSTS, "/wp-json/wp/v2/categories", "/wp-json/"])
def test_a_matching_etag_answers_304_without_a_body(api_client, url):
    PostFactory()
    etag = api_client.get(url)["ETag"]
    response = api_client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert api_client.get(url, HTTP_IF_NONE_MATCH='W/"other"').status_code == 200


def test_a_write_changes_the_etag(api_client, admin_user):
    post = PostFactory(title="Before")
    url = f"{POSTS}/{post.pk}"
    etag = api_client.get(url)["ETag"]
    api_client.force_authenticate(admin_user)
    api_client.post(url, {"title": "After"}, format="json")
    api_client.force_authenticate(None)
    response = api_client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response.json()["title"]["rendered"] == "After"


def test_if_modified_since_for_single_objects_only(api_client):
    post = PostFactory()
    last = api_client.get(f"{POSTS}/{post.pk}")["Last-Modified"]
    assert api_client.get(f"{POSTS}/{post.pk}", HTTP_IF_MODIFIED_SINCE=last).status_code == 304
    # a collection's newest date does not move when an item is deleted: its ETag decides
    assert api_client.get(POSTS, HTTP_IF_MODIFIED_SINCE=last).status_code == 200


def test_head_has_no_body_and_no_validator(api_client):
    # a HEAD of a collection skips serializing its items, so it has no body to hash
    PostFactory()
    response = api_client.head(POSTS)
    assert response.content == b""
    assert not response.has_header("ETag")


def test_errors_carry_no_validators(api_client):
    assert not api_client.get(f"{POSTS}/999999").has_header("ETag")
