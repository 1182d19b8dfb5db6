"""Numbers beyond what a database (or PHP) holds, in every integer argument of every collection
and in every item route's ID: WordPress's answer (an empty list, a wrapped page, 400 or 404),
never a server error. PHP casts such numbers to PHP_INT_MAX, so the reference WordPress answers
posts?include=99999999999999999999 with [] and posts?page=99999999999999999999 with 400
rest_post_invalid_page_number."""

from __future__ import annotations

import re

import pytest

from tests.factories import CommentFactory, PostFactory, TermFactory
from tests.helpers import assert_wp_error
from wpapi import schema as wp_schema
from wpapi.routing import router

HUGE = ["99999999999999999999", "9223372036854775808", "-99999999999999999999"]


def _integer_args(args: dict) -> list[str]:
    found = []
    for name, arg in args.items():
        types = wp_schema.schema_types(arg)
        items = arg.get("items") or {}
        if (
            "integer" in types
            or ("array" in types and "integer" in wp_schema.schema_types(items))
            or "oneOf" in arg
        ):
            found.append(name)
    return found


def _collections():
    for route in router.routes:
        if route.actions.get("GET") == "list" and "(?P" not in route.pattern:
            yield route


def _fill(pattern: str, value: str) -> str:
    return re.sub(r"\(\?P<[^>]+>[^)]*\)", value, pattern)


@pytest.fixture
def content(db):
    post = PostFactory()
    TermFactory()
    CommentFactory(post=post)
    return post


@pytest.mark.parametrize("as_admin", [False, True])
def test_no_integer_argument_of_any_collection_is_a_server_error(
    api_client, admin_user, content, as_admin
):
    if as_admin:
        api_client.force_authenticate(admin_user)
    tried = 0
    for route in _collections():
        viewset = route.viewset(route=route, request=None, kwargs={})
        viewset.request = type("R", (), {"user": admin_user if as_admin else None})()
        try:
            names = _integer_args(viewset.args_for("list"))
        except Exception:  # noqa: BLE001 - arguments that need a real request
            names = ["page", "per_page", "offset", "include", "exclude"]
        for name in names:
            for value in HUGE:
                response = api_client.get("/wp-json" + route.pattern, {name: value})
                tried += 1
                assert response.status_code < 500, (route.pattern, name, value, response.content)
    assert tried > 100


def test_no_item_route_answers_a_huge_id_with_a_server_error(api_client, admin_user, content):
    api_client.force_authenticate(admin_user)
    for route in router.routes:
        if "(?P" not in route.pattern:
            continue
        path = "/wp-json" + _fill(route.pattern, "99999999999999999999")
        for method in route.actions:
            response = api_client.generic(method, path)
            assert response.status_code < 500, (route.pattern, method, response.content)


@pytest.mark.parametrize("route", ["posts", "pages", "media"])
def test_a_page_beyond_php_integers_is_refused_as_wordpress_does(api_client, content, route):
    PostFactory(type="page")
    PostFactory(type="attachment", status="inherit")
    response = api_client.get(f"/wp-json/wp/v2/{route}", {"page": "99999999999999999999"})
    assert_wp_error(response, "rest_post_invalid_page_number", 400)


@pytest.mark.parametrize("name", ["include", "author", "categories", "tags", "parent"])
def test_ids_beyond_php_integers_match_nothing(api_client, content, name):
    route = "pages" if name == "parent" else "posts"
    response = api_client.get(f"/wp-json/wp/v2/{route}", {name: "99999999999999999999"})
    assert response.status_code == 200
    assert response.json() == []
    assert response["X-WP-Total"] == "0"


@pytest.mark.parametrize("route", ["users", "comments", "categories", "tags"])
def test_a_wrapped_page_is_the_first_as_in_wordpress(api_client, content, route):
    # ($page - 1) * $per_page overflows to a float, which absint() makes 0
    first = api_client.get(f"/wp-json/wp/v2/{route}").json()
    response = api_client.get(f"/wp-json/wp/v2/{route}", {"page": "99999999999999999999"})
    assert response.status_code == 200
    assert response.json() == first


def test_negative_ids_are_absint_ed_as_in_wordpress(api_client, content):
    # wp_parse_id_list(): include=-5 asks for post 5 (the reference answers with post 5)
    response = api_client.get("/wp-json/wp/v2/posts", {"include": f"-{content.pk}"})
    assert [item["id"] for item in response.json()] == [content.pk]
