"""/wp/v2/block-types, /wp/v2/block-renderer/<name> and /wp/v2/block-patterns/*, compared
with WordPress 6.1's answers (tests/fixtures/wordpress/blocks/ and render/)."""

import json
from datetime import UTC, datetime

import pytest

from tests import wordpress_scenario as scenario
from tests.helpers import assert_wp_error

pytestmark = pytest.mark.django_db
TYPES = "/wp-json/wp/v2/block-types"
RENDERER = "/wp-json/wp/v2/block-renderer"


def captured(name):
    return json.loads(scenario.fixture(f"blocks/{name}"))


# --- block types ------------------------------------------------------------------------------
def test_block_types_list_every_core_block_in_wordpress_order(api_client, contributor):
    api_client.force_authenticate(contributor)
    response = api_client.get(TYPES)
    assert response.status_code == 200
    assert "X-WP-Total" not in response
    names = [item["name"] for item in response.json()]
    assert names == captured("block-type-names.json")
    assert len(names) == 90


@pytest.mark.parametrize(
    ("url", "name"),
    [
        (f"{TYPES}/core/archives", "block-type-archives.json"),
        (f"{TYPES}/core/paragraph?context=edit", "block-type-paragraph.json"),
    ],
)
def test_block_type_is_wordpress_s(api_client, editor, url, name):
    api_client.force_authenticate(editor)
    response = api_client.get(url)
    assert response.status_code == 200
    body = response.json()
    expected = captured(name)
    assert body == expected
    assert list(body) == list(expected)
    assert list(body["_links"]) == list(expected["_links"])


def test_block_types_by_namespace(api_client, author):
    api_client.force_authenticate(author)
    response = api_client.get(f"{TYPES}/core")
    assert len(response.json()) == 90
    assert api_client.get(f"{TYPES}/nope").json() == []
    assert api_client.get(TYPES, {"namespace": "nope"}).json() == []
    # `if ( $namespace && ... )`: "0" filters nothing, as PHP reads it
    assert len(api_client.get(TYPES, {"namespace": "0"}).json()) == len(
        api_client.get(TYPES).json()
    )


def test_fields_trim_block_types(api_client, author):
    api_client.force_authenticate(author)
    body = api_client.get(f"{TYPES}/core/search", {"_fields": "name,is_dynamic"}).json()
    assert body == {"name": "core/search", "is_dynamic": True}


def test_static_block_has_no_render_link(api_client, author):
    api_client.force_authenticate(author)
    links = api_client.get(f"{TYPES}/core/paragraph").json()["_links"]
    assert set(links) == {"collection", "self", "up"}


def test_unknown_block_type_is_rest_block_type_invalid(api_client, author):
    api_client.force_authenticate(author)
    response = api_client.get(f"{TYPES}/core/nope")
    body = assert_wp_error(response, "rest_block_type_invalid", 404)
    assert body["message"] == "Invalid block type."
    # the lookup is part of the permission check: no method of the route is allowed
    assert "Allow" not in response


@pytest.mark.parametrize(
    ("role", "status"), [(None, 401), ("subscriber", 403), ("contributor", 200)]
)
def test_block_types_need_edit_posts(api_client, user_with_role, role, status):
    if role:
        api_client.force_authenticate(user_with_role(role))
    for url in (TYPES, f"{TYPES}/core/archives"):
        response = api_client.get(url)
        if status == 200:
            assert response.status_code == 200
        else:
            body = assert_wp_error(response, "rest_block_type_cannot_view", status)
            assert body["message"] == "Sorry, you are not allowed to manage block types."


def test_block_types_options_match_wordpress(api_client):
    dump = json.loads(
        (
            scenario.FIXTURES.parent.parent.parent / "content/blocks/data/block-types.json"
        ).read_text()
    )
    body = api_client.options(TYPES).json()
    assert body["schema"] == dump["schema"]
    assert list(body["endpoints"][0]["args"]) == ["context", "namespace"]
    item = api_client.options(f"{TYPES}/core/archives").json()
    assert list(item["endpoints"][0]["args"]) == ["name", "namespace", "context"]


# --- block renderer ---------------------------------------------------------------------------
@pytest.fixture
def site(monkeypatch):
    from content.blocks import archives

    captured_at = datetime.fromisoformat(scenario.manifest()["now"]).replace(tzinfo=UTC)
    monkeypatch.setattr(archives, "now", lambda: captured_at)
    return scenario.build()


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("renderer-archives", "core/archives?context=edit&attributes%5BshowPostCounts%5D=1"),
        ("renderer-latest-posts", "core/latest-posts?context=edit&attributes%5BpostsToShow%5D=2"),
    ],
)
def test_block_renderer_renders_as_wordpress(api_client, site, name, query):
    api_client.force_authenticate(site["author"])
    response = api_client.get(f"{RENDERER}/{query}")
    assert response.status_code == 200
    assert response.json() == json.loads(scenario.fixture("render/block-renderer.json"))[name]


@pytest.mark.parametrize(
    "name", ["supports-archives", "supports-tag-cloud", "supports-search", "supports-calendar"]
)
def test_block_supports_make_wordpress_s_wrapper(api_client, site, name):
    block, attributes = scenario.SUPPORTS[name]
    api_client.force_authenticate(site["admin"])
    response = api_client.post(
        f"{RENDERER}/{block}?context=edit", {"attributes": attributes}, format="json"
    )
    assert response.status_code == 200, response.content[:300]
    expected = json.loads(scenario.fixture("render/block-renderer.json"))[name]
    assert response.json() == expected


def test_block_renderer_takes_post_attributes(api_client, site):
    api_client.force_authenticate(site["admin"])
    response = api_client.post(
        f"{RENDERER}/core/archives?context=edit",
        {"attributes": {"showPostCounts": True}},
        format="json",
    )
    expected = json.loads(scenario.fixture("render/block-renderer.json"))["renderer-archives"]
    assert response.json() == expected


def test_block_renderer_context_must_be_edit(api_client, editor):
    api_client.force_authenticate(editor)
    body = assert_wp_error(api_client.get(f"{RENDERER}/core/archives"), "rest_invalid_param", 400)
    assert body["data"]["params"] == {"context": "context is not edit."}
    assert body["data"]["details"]["context"]["code"] == "rest_not_in_enum"


@pytest.mark.parametrize(
    ("attributes", "message", "code"),
    [
        (
            "attributes%5Bfoo%5D=1",
            "foo is not a valid property of Object.",
            "rest_additional_properties_forbidden",
        ),
        (
            "attributes%5BshowPostCounts%5D=yes",
            "[showPostCounts] is not of type boolean.",
            "rest_invalid_type",
        ),
        ("attributes=abc", " is not of type object.", "rest_invalid_type"),
    ],
)
def test_block_renderer_checks_attributes_against_the_block(
    api_client, editor, attributes, message, code
):
    api_client.force_authenticate(editor)
    response = api_client.get(f"{RENDERER}/core/archives?context=edit&{attributes}")
    body = assert_wp_error(response, "rest_invalid_param", 400)
    assert body["data"]["params"] == {"attributes": message}
    assert body["data"]["details"]["attributes"]["code"] == code


@pytest.mark.parametrize("name", ["core/paragraph", "core/nope"])
def test_static_or_unknown_block_is_block_invalid(api_client, editor, name):
    api_client.force_authenticate(editor)
    body = assert_wp_error(api_client.get(f"{RENDERER}/{name}?context=edit"), "block_invalid", 404)
    assert body["message"] == "Invalid block."


@pytest.mark.parametrize(("role", "status"), [(None, 401), ("subscriber", 403)])
def test_block_renderer_needs_edit_posts(api_client, user_with_role, role, status):
    if role:
        api_client.force_authenticate(user_with_role(role))
    body = assert_wp_error(
        api_client.get(f"{RENDERER}/core/archives?context=edit"), "block_cannot_read", status
    )
    assert body["message"] == "Sorry, you are not allowed to read blocks as this user."


def test_block_renderer_for_a_post_needs_edit_post(api_client, user_with_role):
    from tests.factories import PostFactory

    owner, other = user_with_role("author"), user_with_role("author")
    post = PostFactory(author=owner)
    api_client.force_authenticate(other)
    url = f"{RENDERER}/core/archives?context=edit&post_id={post.pk}"
    body = assert_wp_error(api_client.get(url), "block_cannot_read", 403)
    assert body["message"] == "Sorry, you are not allowed to read blocks of this post."
    assert_wp_error(
        api_client.get(f"{RENDERER}/core/archives?context=edit&post_id=999999"),
        "block_cannot_read",
        403,
    )
    api_client.force_authenticate(owner)
    assert api_client.get(url).status_code == 200


def test_page_list_marks_the_post_id_page_as_current(api_client, site):
    api_client.force_authenticate(site["admin"])
    team = site["team"].pk
    url = f"{RENDERER}/core/page-list?context=edit&post_id={team}"
    html = api_client.get(url).json()["rendered"]
    # the trailing space is the (empty) overlay colour classes of second-level items
    assert (
        '<li class="wp-block-pages-list__item current-menu-item "><a class="wp-block-pages-'
        'list__item__link" href="http://testserver/about/team/" aria-current="page">Team</a>'
    ) in html
    assert '<li class="wp-block-pages-list__item current-menu-ancestor has-child">' in html


# --- block patterns ---------------------------------------------------------------------------
def test_pattern_categories_are_wordpress_s(api_client, contributor):
    api_client.force_authenticate(contributor)
    response = api_client.get("/wp-json/wp/v2/block-patterns/categories")
    assert response.json() == captured("block-pattern-categories.json")


def test_core_patterns_are_listed(api_client, contributor):
    api_client.force_authenticate(contributor)
    body = api_client.get("/wp-json/wp/v2/block-patterns/patterns").json()
    assert [item["name"] for item in body] == [
        "core/query-standard-posts",
        "core/query-medium-posts",
        "core/query-small-posts",
        "core/query-grid-posts",
        "core/query-large-title-posts",
        "core/query-offset-posts",
        "core/social-links-shared-background-color",
    ]
    assert set(body[0]) >= {"name", "title", "content", "categories", "block_types"}


@pytest.mark.parametrize(
    ("path", "what"),
    [("patterns", "block patterns"), ("categories", "block pattern categories")],
)
def test_patterns_need_edit_posts(api_client, subscriber, path, what):
    url = f"/wp-json/wp/v2/block-patterns/{path}"
    body = assert_wp_error(api_client.get(url), "rest_cannot_view", 401)
    assert body["message"] == f"Sorry, you are not allowed to view the registered {what}."
    api_client.force_authenticate(subscriber)
    assert_wp_error(api_client.get(url), "rest_cannot_view", 403)


@pytest.mark.parametrize(
    ("name", "url"),
    [
        ("options-block-renderer.json", "/wp-json/wp/v2/block-renderer/core/archives"),
        ("options-block-type-item.json", f"{TYPES}/core/archives"),
        ("options-block-types.json", TYPES),
        ("options-block-patterns.json", "/wp-json/wp/v2/block-patterns/patterns"),
        ("options-oembed-proxy.json", "/wp-json/oembed/1.0/proxy"),
        ("options-oembed-embed.json", "/wp-json/oembed/1.0/embed"),
    ],
)
def test_options_describe_the_routes_as_wordpress(api_client, name, url):
    response = api_client.options(url)
    assert response.status_code == 200
    assert response.json() == captured(name)
