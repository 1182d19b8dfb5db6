"""The differential tester's own logic (scripts/difftest): ID mapping, masks, the diff, the
deliberate list and the request generator. No network: answers are written out by hand."""

from datetime import UTC, datetime, timedelta

import pytest

from scripts.difftest.compare import (
    Deliberate,
    Window,
    apply_masks,
    by_id,
    classify,
    compare_answers,
    diff_values,
    load_deliberate,
    tied_order,
)
from scripts.difftest.generate import Endpoint, Generator, match_route, template_params
from scripts.difftest.idmap import (
    MISSING_ID,
    IdMap,
    Pairing,
    Ref,
    Translator,
    Unmapped,
    canonical_ids,
    route_kind,
)
from scripts.difftest.report import unwrapped
from scripts.difftest.requests import Request

WP = "http://wp.test"
OURS = "http://ours.test"


def maps() -> tuple[IdMap, IdMap]:
    wp, ours = IdMap(), IdMap()
    for kind, name, wp_id, our_id in [
        ("post", "post.hello", 40, 12),
        ("post", "media.sunset", 41, 13),
        ("post", "page.about", 50, 20),
        ("user", "arthur", 3, 7),
        ("term", "cat.news", 5, 2),
        ("term", "tag.alpha", 6, 3),
        ("comment", "comment.anon", 9, 1),
        (
            "uuid",
            "apppw.edith",
            "aaaaaaaa-0000-4000-8000-000000000001",
            "bbbbbbbb-0000-4000-8000-000000000002",
        ),
    ]:
        wp.add(kind, name, wp_id)
        ours.add(kind, name, our_id)
    return wp, ours


def ours_translator() -> Translator:
    wp, ours = maps()
    return Translator(canonical_ids(ours, wp), OURS, WP)


def post(base: str, pid: int, author: int, media: int, cats: list[int]) -> dict:
    return {
        "id": pid,
        "author": author,
        "featured_media": media,
        "categories": cats,
        "link": f"{base}/hello/",
        "guid": {"rendered": f"{base}/?p={pid}"},
        "_links": {
            "self": [{"href": f"{base}/wp-json/wp/v2/posts/{pid}"}],
            "author": [{"embeddable": True, "href": f"{base}/wp-json/wp/v2/users/{author}"}],
            "replies": [{"href": f"{base}/wp-json/wp/v2/comments?post={pid}"}],
        },
    }


def test_ids_and_urls_of_the_second_side_become_the_first_sides():
    ours = post(OURS, 12, 7, 13, [2, 3])
    assert ours_translator().body(ours, "post") == post(WP, 40, 3, 41, [5, 6])


def test_ids_nobody_named_stay_apart_and_pair_on_first_sight():
    translator = ours_translator()
    body = translator.body({"id": 99, "parent": 12}, "post")
    assert body == {"id": Unmapped("post", 99), "parent": 40}
    pairing = Pairing()
    assert pairing.same("post", 77, 99)
    assert pairing.same("post", 77, 99)
    assert not pairing.same("post", 78, 99)  # 99 already stands for 77
    text_a = f"{WP}/wp-json/wp/v2/posts/40/revisions/\u27e6post?77\u27e7"
    text_b = f"{WP}/wp-json/wp/v2/posts/40/revisions/\u27e6post?99\u27e7"
    assert pairing.same_text(text_a, text_b)


def test_revision_and_application_password_urls_and_fragments():
    translator = ours_translator()
    assert translator.text(f"{OURS}/wp-json/wp/v2/posts/12/revisions/5") == (
        f"{WP}/wp-json/wp/v2/posts/40/revisions/\u27e6post?5\u27e7"
    )
    uuid = "bbbbbbbb-0000-4000-8000-000000000002"
    assert translator.text(f"{OURS}/wp-json/wp/v2/users/7/application-passwords/{uuid}") == (
        f"{WP}/wp-json/wp/v2/users/3/application-passwords/aaaaaaaa-0000-4000-8000-000000000001"
    )
    assert translator.text(f"{OURS}/hello/#comment-1") == f"{WP}/hello/#comment-9"
    assert translator.text(f"{OURS}/wp-json/wp/v2/media?parent=12&include[]=13") == (
        f"{WP}/wp-json/wp/v2/media?parent=40&include[]=41"
    )


def test_embedded_objects_take_their_kind_from_the_relation_or_their_self_link():
    translator = ours_translator()
    body = {
        "id": 12,
        "_embedded": {
            "author": [{"id": 7, "name": "Arthur"}],
            "wp:term": [[{"id": 2, "taxonomy": "category"}]],
            "up": [{"id": 20, "_links": {"self": [{"href": f"{OURS}/wp-json/wp/v2/pages/20"}]}}],
        },
    }
    out = translator.body(body, "post")
    assert out["_embedded"]["author"][0]["id"] == 3
    assert out["_embedded"]["wp:term"][0][0]["id"] == 5
    assert out["_embedded"]["up"][0]["id"] == 50


def test_a_gallerys_post_id_in_rendered_html_is_translated():
    translator = ours_translator()
    html = "<div id='gallery-1' class='gallery galleryid-12 gallery-columns-3'>"
    body = translator.body({"content": {"rendered": html}}, None)
    assert body["content"]["rendered"] == html.replace("galleryid-12", "galleryid-40")


def test_untitled_posts_named_by_their_id_are_named_by_the_canonical_id():
    out = ours_translator().body({"id": 12, "slug": "12-2", "link": f"{OURS}/12-2/"}, "post")
    assert out == {"id": 40, "slug": "40-2", "link": f"{WP}/40-2/"}
    revision = ours_translator().body({"id": 99, "slug": "12-revision-v1"}, "post")
    assert revision["slug"] == "40-revision-v1"


def test_link_headers_are_translated_and_their_queries_sorted():
    translator = ours_translator()
    header = f'<{OURS}/wp-json/wp/v2/posts?page=2&author=7>; rel="next"'
    assert translator.header("link", header) == (
        f'<{WP}/wp-json/wp/v2/posts?author=3&page=2>; rel="next"'
    )


def test_search_links_name_posts_or_terms_by_the_type():
    translator = ours_translator()
    assert translator.text(f"{OURS}/wp-json/wp/v2/search?exclude%5B0%5D=12&page=2") == (
        f"{WP}/wp-json/wp/v2/search?exclude%5B0%5D=40&page=2"
    )
    assert translator.text(f"{OURS}/wp-json/wp/v2/search?type=term&include%5B0%5D=2") == (
        f"{WP}/wp-json/wp/v2/search?type=term&include%5B0%5D=5"
    )


def test_route_kinds():
    assert route_kind("/wp/v2/posts/(?P<id>[\\d]+)", {"posts": "post"}) == "post"
    assert route_kind("/wp/v2/users/(?P<user_id>(?:[\\d]+|me))/application-passwords", {}) == (
        "uuid"
    )
    assert route_kind("/wp/v2/comments", {"comments": "comment"}) == "comment"
    assert route_kind("/", {}) is None


def test_diff_kinds():
    a = {"same": 1, "gone": 1, "n": 2, "t": "1", "list": [1, 2], "deep": {"x": [{"y": 1}]}}
    b = {"same": 1, "new": 1, "n": 2.0, "t": 1, "list": [1], "deep": {"x": [{"y": 2}]}}
    found = {(d.path, d.kind) for d in diff_values(a, b, Pairing())}
    assert found == {
        (".gone", "missing"),
        (".new", "extra"),
        (".t", "type"),
        (".list", "length"),
        (".deep.x[0].y", "value"),
    }
    assert diff_values(True, 1, Pairing())[0].kind == "type"


def test_masks_hide_run_times_and_application_passwords_only():
    now = datetime(2026, 12, 4, 23, 0, tzinfo=UTC)
    window = Window(now, now + timedelta(minutes=5))
    body = {
        "modified": "2026-12-04T23:01:02",
        "registered_date": "2026-12-04T23:02:00+00:00",
        "date": "2024-01-01T10:00:00",
        "uuid": "x",
        "password": "AbCdEfGhIjKlMnOpQrStUvWx",
        "preview_link": "http://wp.test/?p=4&preview_nonce=7a7784ad84&preview=true",
    }
    route = "/wp/v2/users/(?P<user_id>(?:[\\d]+|me))/application-passwords"
    assert apply_masks(body, window, route) == {
        "modified": "<now>",
        "registered_date": "<now>",
        "date": "2024-01-01T10:00:00",
        "uuid": "x",
        "password": "<secret>",
        "preview_link": "http://wp.test/?p=4&preview_nonce=<nonce>&preview=true",
    }
    assert apply_masks(body, window, "/wp/v2/users")["password"] == body["password"]


def answer(status: int, body: object, **headers: str) -> dict:
    return {"status": status, "headers": headers, "body": body, "is_json": True}


def test_a_different_status_is_one_difference_with_the_codes():
    a = answer(404, {"code": "rest_post_invalid_id", "message": "Invalid post ID."})
    b = answer(403, {"code": "rest_forbidden", "message": "Sorry."})
    found = [(d.where, d.kind) for d in compare_answers(a, b, Pairing())]
    assert found == [("status", "404->403"), ("code", "rest_post_invalid_id->rest_forbidden")]


def test_headers_are_compared():
    a = answer(200, [], **{"x-wp-total": "3", "allow": "GET"})
    b = answer(200, [], **{"x-wp-total": "2"})
    found = {(d.where, d.kind) for d in compare_answers(a, b, Pairing())}
    assert found == {("header:x-wp-total", "value"), ("header:allow", "missing")}


def test_deliberate_differences_are_set_apart(tmp_path):
    path = tmp_path / "deliberate.toml"
    path.write_text(
        '[[difference]]\nname = "themes"\nreason = "not served"\nroute = "GET /wp/v2/themes.*"\n'
    )
    rules = load_deliberate(path)
    a = answer(200, [])
    b = answer(404, {"code": "rest_no_route", "message": "No route."})
    differences = compare_answers(a, b, Pairing())
    assert classify("GET /wp/v2/themes", differences, rules)[0] == "deliberate"
    assert classify("GET /wp/v2/posts", differences, rules)[0] == "divergent"
    assert classify("GET /wp/v2/posts", [], rules)[0] == "identical"
    assert rules[0].count == 1


def test_a_deliberate_entry_needs_a_reason(tmp_path):
    path = tmp_path / "deliberate.toml"
    path.write_text('[[difference]]\nroute = "GET /"\n')
    with pytest.raises(ValueError, match="reason"):
        load_deliberate(path)
    assert isinstance(Deliberate("x", "y", __import__("re").compile("x")), Deliberate)


def test_references_resolve_per_side_and_missing_objects_to_an_unused_id():
    wp, ours = maps()
    request = Request(
        phase="write",
        caller="author",
        method="POST",
        path="/wp/v2/posts/" + Ref("post", "post.hello").as_text(),
        query=[("author", Ref("user", "arthur")), ("flag", True)],
        body={"json": {"categories": [Ref("term", "cat.news"), Ref("term", "nope")]}},
    )
    url, body, headers = request.concrete(ours)
    assert url == "/wp-json/wp/v2/posts/12?author=7&flag=true"
    assert body == b'{"categories": [2, ' + str(MISSING_ID).encode() + b"]}"
    assert headers == {"Content-Type": "application/json"}
    assert request.concrete(wp)[0] == "/wp-json/wp/v2/posts/40?author=3&flag=true"
    assert Request.from_json(request.to_json()) == request


ROUTES = {
    "/wp/v2/posts": [
        Endpoint("/wp/v2/posts", ["GET"], {"search": {"type": "string"}, "page": {}}),
        Endpoint("/wp/v2/posts", ["POST"], {"title": {"type": "string"}}),
    ],
    "/wp/v2/posts/(?P<id>[\\d]+)": [
        Endpoint("/wp/v2/posts/(?P<id>[\\d]+)", ["GET"], {"context": {"enum": ["view"]}}),
        Endpoint("/wp/v2/posts/(?P<id>[\\d]+)", ["DELETE"], {"force": {"type": "boolean"}}),
    ],
    "/wp/v2/users/(?P<id>[\\d]+)": [
        Endpoint("/wp/v2/users/(?P<id>[\\d]+)", ["GET", "DELETE"], {"force": {}}),
    ],
    "/wp/v2/plugins": [Endpoint("/wp/v2/plugins", ["GET", "POST"], {"slug": {}})],
}
POOLS = {"post": ["post.hello"], "user": ["admin", "edith", "arthur"], "cat": ["cat.news"]}


def test_the_plan_is_fixed_by_the_seed_and_spares_what_the_run_needs():
    def plan(seed: int) -> list[dict]:
        generator = Generator(ROUTES, {}, POOLS, seed=seed)
        return [request.to_json() for request in generator.plan(300)]

    first = plan(7)
    assert first == plan(7)
    assert first != plan(8)
    assert len(first) == 300
    writes = [r for r in first if r["phase"] == "write"]
    assert writes
    assert not [r for r in first if r["path"].startswith("/wp/v2/plugins") and r["method"] != "GET"]
    for request in first:
        if request["method"] == "DELETE" and request["path"].startswith("/wp/v2/users/"):
            assert "{{user:run." in request["path"] or "987654" in request["path"]


def test_route_templates():
    template = "/wp/v2/users/(?P<user_id>(?:[\\d]+|me))/application-passwords/(?P<uuid>[\\w\\-]+)"
    names = [name for name, _, _ in template_params(template)]
    assert names == ["user_id", "uuid"]
    templates = ["/wp/v2/posts", "/wp/v2/posts/(?P<id>[\\d]+)", template]
    assert match_route("/wp/v2/posts/12", templates) == "/wp/v2/posts/(?P<id>[\\d]+)"
    assert match_route("/wp/v2/users/me/application-passwords/abc", templates) == template
    assert match_route("/wp/v2/nope", templates) == ""


def test_items_with_equal_sort_keys_are_put_in_id_order():
    assert tied_order("/wp/v2/tags", [("orderby", "term_group")]) == ""
    assert tied_order("/wp/v2/tags", []) == "name"
    assert tied_order("/wp/v2/pages", [("orderby", "menu_order")]) == "menu_order"
    assert tied_order("/wp/v2/tags", [("orderby", "slug")]) is None
    assert tied_order("/wp/v2/comments", []) is None  # the comment ID breaks ties
    assert tied_order("/wp/v2/posts/(?P<id>[\\d]+)", [("orderby", "author")]) is None
    items = [{"id": 9, "name": "b"}, {"id": 4, "name": "a"}, {"id": 3, "name": "a"}]
    assert by_id(items, "name") == [items[0], items[2], items[1]]  # only equal keys move
    assert by_id(items, "") == [items[2], items[1], items[0]]
    unmapped = [{"id": 9}, {"id": Unmapped("term", 4)}, {"id": 3}]
    assert by_id(unmapped) == [{"id": 3}, {"id": 9}, {"id": Unmapped("term", 4)}]


def test_a_deliberate_entry_may_hold_for_some_arguments_only(tmp_path):
    path = tmp_path / "deliberate.toml"
    path.write_text(
        '[[difference]]\nreason = "r"\nroute = "POST /wp/v2/comments"\nwhere = "status|code"\n'
        "kind = '201->403|None->rest_comment_invalid_date'\nrequest = '\"date\"'\n"
    )
    rules = load_deliberate(path)
    a = answer(201, {"id": 1})
    b = answer(403, {"code": "rest_comment_invalid_date", "message": "Sorry."})
    differences = compare_answers(a, b, Pairing())
    with_date = '[[], {"json": {"date": "2024-01-01"}}]'
    assert classify("POST /wp/v2/comments", differences, rules, with_date)[0] == "deliberate"
    assert classify("POST /wp/v2/comments", differences, rules, "[[], null]")[0] == "divergent"


def test_enveloped_answers_compare_as_the_answers_inside():
    error = {"code": "rest_post_invalid_id", "message": "Invalid post ID.", "data": {}}
    a = answer(200, {"body": error, "status": 404, "headers": {"Allow": "GET"}})
    b = answer(200, {"body": error, "status": 404, "headers": []})
    inner_a, inner_b = unwrapped(a, b)
    assert inner_a["status"] == 404
    assert inner_a["headers"] == {"allow": "GET"}
    found = [(d.where, d.kind) for d in compare_answers(inner_a, inner_b, Pairing())]
    assert found == [("header:allow", "missing")]
    plain = answer(404, error)
    assert unwrapped(a, plain) == (a, plain)  # only one side enveloped: compared as they are


def test_search_results_are_posts_or_terms_by_type_or_subtype():
    translator = ours_translator()
    results = [
        {"id": 12, "type": "post", "subtype": "post"},
        {"id": 2, "subtype": "category"},
        {"id": 12, "subtype": "page"},
        {"id": "aside", "type": "post-format", "subtype": "aside"},
    ]
    assert [r["id"] for r in translator.body(results, "search")] == [40, 5, 40, "aside"]
