"""Request bodies and query strings past what WordPress reads: JSON that json_decode() refuses
(too deep, not UTF-8, lone surrogates), keys nested deeper than PHP registers, more fields than
Django reads, and NUL characters, answered as the reference WordPress 6.1 answered them."""

import json

import pytest

from tests.factories import PostFactory
from tests.helpers import assert_wp_error

POSTS = "/wp-json/wp/v2/posts"
TAGS = "/wp-json/wp/v2/tags"


def nested_arrays(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def nested_objects(depth: int, inner: bytes = b"1") -> bytes:
    return b'{"a":' * depth + inner + b"}" * depth


def post_json(client, body: bytes):
    return client.generic("POST", POSTS, body, content_type="application/json")


@pytest.mark.parametrize(
    "body",
    [nested_arrays(512), nested_objects(512), nested_objects(511, b"[]"), nested_arrays(10_000)],
)
def test_json_nested_512_deep_is_rest_invalid_json(api_client, editor, body):
    api_client.force_authenticate(editor)
    error = assert_wp_error(post_json(api_client, body), "rest_invalid_json", 400)
    assert error == {
        "code": "rest_invalid_json",
        "message": "Invalid JSON body passed.",
        "data": {
            "status": 400,
            "json_error_code": 1,
            "json_error_message": "Maximum stack depth exceeded",
        },
    }


@pytest.mark.parametrize("body", [nested_arrays(511), nested_objects(511)])
def test_json_nested_511_deep_is_read(api_client, editor, body):
    api_client.force_authenticate(editor)
    # json_decode() takes it; the post then has nothing in it
    assert_wp_error(post_json(api_client, body), "empty_content", 400)


def test_a_value_as_deep_as_json_decode_takes_is_stored_and_answered(api_client, subscriber):
    api_client.force_authenticate(subscriber)
    deep = inner = {}
    for _ in range(508):  # with the body, meta and the preference: 511 levels
        inner["a"] = inner = {}
    body = {"meta": {"persisted_preferences": deep}}
    assert api_client.post("/wp-json/wp/v2/users/me", body, format="json").status_code == 200
    response = api_client.get("/wp-json/wp/v2/users/me?context=edit")
    assert response.status_code == 200, response.content[:300]
    expected = level = {}
    for _ in range(507):
        level["a"] = level = {}
    level["a"] = []  # the innermost empty object reads back as PHP's empty array
    assert response.json()["meta"]["persisted_preferences"] == expected


@pytest.mark.parametrize(
    ("body", "code", "message"),
    [
        (b'{"title":"a\xffb"}', 5, "Malformed UTF-8 characters, possibly incorrectly encoded"),
        (b'{"title":"a\\ud800b"}', 10, "Single unpaired UTF-16 surrogate in unicode escape"),
        (b'{"a\\udfff":"b"}', 10, "Single unpaired UTF-16 surrogate in unicode escape"),
        (b'{"title":"x",}', 4, "Syntax error"),
        (b'{"title":NaN}', 4, "Syntax error"),
    ],
)
def test_json_refused_by_json_decode(api_client, editor, body, code, message):
    api_client.force_authenticate(editor)
    error = assert_wp_error(post_json(api_client, body), "rest_invalid_json", 400)
    assert (error["data"]["json_error_code"], error["data"]["json_error_message"]) == (
        code,
        message,
    )


def test_json_with_a_surrogate_pair_is_text(api_client, editor):
    api_client.force_authenticate(editor)
    response = post_json(api_client, b'{"title":"clef \\ud834\\udd1e"}')
    assert response.status_code == 201, response.content
    assert response.json()["title"]["raw"] == "clef \U0001d11e"


def test_json_charset_is_ignored_as_php_ignores_it(api_client, editor):
    api_client.force_authenticate(editor)
    body = json.dumps({"title": "Grüße"}, ensure_ascii=False).encode()
    response = api_client.generic(
        "POST", POSTS, body, content_type="application/json; charset=iso-8859-1"
    )
    assert response.status_code == 201, response.content
    assert response.json()["title"]["raw"] == "Grüße"


# --- PHP's max_input_nesting_level: 64 levels of [] are read, a deeper key is dropped ----------
def test_query_key_nested_64_levels_is_read(api_client):
    PostFactory()
    response = api_client.get(f"{POSTS}?search" + "[a]" * 64 + "=x")
    body = assert_wp_error(response, "rest_invalid_param", 400)
    assert body["data"]["params"] == {"search": "search is not of type string."}


@pytest.mark.parametrize("depth", [65, 10_000])
def test_query_key_nested_deeper_is_dropped(api_client, depth):
    post = PostFactory()
    response = api_client.get(f"{POSTS}?search=nothing&search" + "[a]" * depth + "=x")
    assert response.status_code == 200, response.content
    # the whole variable goes, the value it had before included
    assert [item["id"] for item in response.json()] == [post.pk]


def test_form_key_nested_deeper_than_64_is_dropped(api_client, editor):
    api_client.force_authenticate(editor)
    body = "title=Kept&status" + "[a]" * 65 + "=publish"
    response = api_client.generic(
        "POST", POSTS, body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 201, response.content
    assert (response.json()["title"]["raw"], response.json()["status"]) == ("Kept", "draft")


# --- more fields than Django reads (PHP's max_input_vars would drop them silently) -------------
@pytest.mark.parametrize("where", ["query", "form"])
def test_too_many_fields_is_a_bad_request(api_client, editor, where):
    api_client.force_authenticate(editor)
    fields = "&".join(f"f{n}=1" for n in range(1500))
    if where == "query":
        response = api_client.get(f"{POSTS}?{fields}")
    else:
        response = api_client.generic(
            "POST", POSTS, fields, content_type="application/x-www-form-urlencoded"
        )
    body = assert_wp_error(response, "rest_bad_request", 400)
    assert body["message"] == "Bad request."


# --- NUL characters: validated as sent, then never stored nor compared -----------------------
def test_nul_in_a_validated_argument_is_refused(api_client):
    response = api_client.get(POSTS, {"context": "view\x00", "orderby": "date"})
    body = assert_wp_error(response, "rest_invalid_param", 400)
    assert body["data"]["params"] == {"context": "context is not one of view, embed, and edit."}


@pytest.mark.parametrize("where", ["json", "form"])
def test_nul_is_dropped_from_what_a_write_stores(api_client, editor, where):
    api_client.force_authenticate(editor)
    data = {"title": "a\x00b", "content": "c\x00d", "slug": "e\x00f", "password": "g\x00h"}
    if where == "json":
        response = api_client.post(POSTS, data, format="json")
    else:
        response = api_client.post(POSTS, data)
    assert response.status_code == 201, response.content
    body = api_client.get(f"{POSTS}/{response.json()['id']}?context=edit").json()
    assert (body["title"]["raw"], body["content"]["raw"]) == ("ab", "cd")
    assert (body["slug"], body["password"]) == ("ef", "gh")


@pytest.mark.parametrize(
    "query", [{"search": "a\x00b"}, {"slug": "a\x00b"}, {"search": "\x00"}, {"slug[]": "\x00"}]
)
def test_nul_in_a_filter_matches_nothing(api_client, query):
    # as in WordPress: no stored text holds a NUL, so nothing matches (not "ab", not everything)
    PostFactory(title="ab", slug="ab")
    response = api_client.get(POSTS, query)
    assert response.status_code == 200, response.content
    assert response.json() == []


def test_nul_in_a_tag_filter_and_name(api_client, editor):
    api_client.force_authenticate(editor)
    response = api_client.post(TAGS, {"name": "x\x00y"}, format="json")
    assert (response.status_code, response.json()["name"]) == (201, "xy")
    assert api_client.get(TAGS, {"search": "x\x00y"}).json() == []
    assert [tag["name"] for tag in api_client.get(TAGS, {"search": "xy"}).json()] == ["xy"]
