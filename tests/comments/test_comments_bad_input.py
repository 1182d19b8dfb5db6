"""No input makes the comments routes fail: every answer is WordPress's JSON, never a 500."""

import pytest

from tests.factories import CommentFactory, PostFactory

URL = "/wp-json/wp/v2/comments"

QUERIES = [
    "post=-1",
    "parent=-5",
    "include=-1",
    "exclude[]=x",
    "author_email[]=a@example.com",
    "after=2024-13-45T00:00:00",
    "before=2024-01-01",
    "search[]=x",
    "status[]=hold",
    "type[]=comment",
    "orderby=include",
    "orderby=include&include=",
    "offset=-3",
    "page=1e2",
    "per_page=5.5",
    "password[]=x",
    "post=99999999999999999999",
    "parent=1,2,x",
    "search=%00%ff",
    "context[]=view",
    "_fields=content.rendered,link",
    "order=ASC",
    "post=1&post=2",
    "author_exclude=0",
    "parent_exclude[]=0",
    "page=99999999999999999999",
    "offset=99999999999999999999",
    "include=99999999999999999999",
    "parent=99999999999999999999",
    "author=-99999999999999999999",
]
BODIES = [
    {"post": "1", "content": {"raw": ["x"]}},
    {"post": [1], "content": "x"},
    {"post": 1, "content": None},
    {"post": 1, "content": "x", "parent": -1},
    {"post": 1, "content": "x", "date": "2024-02-30T10:00:00"},
    {"post": 1, "content": "x", "author_email": ""},
    {"post": 1, "content": "x", "meta": []},
    {"post": 1, "content": "x", "meta": {"unknown": 1}},
    {"post": 1, "content": "x", "status": 5},
    {"post": 1, "content": "\u0000\ud7ff", "author_url": "\u202e"},
    {"post": 1, "content": "x", "author_name": ["a"]},
    {"post": 1, "content": "x", "type": ""},
    {"post": 1, "content": "x", "author": 0},
    {"post": 99999999999999999999, "content": "x"},
    {"post": 1, "content": "x", "parent": 99999999999999999999},
    {"post": 1, "content": "x", "author": 99999999999999999999},
]


@pytest.fixture
def site(db):
    post = PostFactory(pk=1)
    CommentFactory(post=post)
    return post


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("role", [None, "editor"])
def test_odd_queries_never_fail(api_client, user_with_role, site, query, role):
    if role:
        api_client.force_authenticate(user_with_role(role))
    response = api_client.get(f"{URL}?{query}")
    assert response.status_code < 500, response.content
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("body", BODIES)
@pytest.mark.parametrize("role", ["subscriber", "administrator"])
def test_odd_bodies_never_fail(api_client, user_with_role, site, body, role):
    api_client.force_authenticate(user_with_role(role))
    response = api_client.post(URL, body, format="json")
    assert response.status_code < 500, response.content
    comment = CommentFactory(post=site)
    response = api_client.post(f"{URL}/{comment.pk}", body, format="json")
    assert response.status_code < 500, response.content


@pytest.mark.parametrize("path", ["/0", "/-1", "/abc", "/1/extra", "/99999999999999999999"])
def test_odd_item_paths(api_client, site, path):
    response = api_client.get(URL + path)
    assert response.status_code in (200, 404), response.content


def test_form_encoded_create(api_client, editor, site):
    api_client.force_authenticate(editor)
    response = api_client.post(
        URL, {"post": str(site.pk), "content": "form body", "meta[ref_flag]": "1"}
    )
    assert response.status_code == 201, response.content
    assert response.json()["content"]["raw"] == "form body"


def test_ids_are_made_absolute_and_impossible_ids_match_nothing(api_client, site):
    only = api_client.get(f"{URL}?post=-{site.pk}").json()
    assert len(only) == 1
    assert api_client.get(f"{URL}?include=99999999999999999999").json() == []
    assert api_client.get(f"{URL}?offset=-1").json() == []
