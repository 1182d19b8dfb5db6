"""Reading terms: WordPress's fields and links, every collection argument, and pagination."""

import pytest

from taxonomy.models import Term
from tests.factories import PostFactory, TagFactory, TermFactory
from tests.helpers import assert_wp_error, count_queries, needs_icu_collation

CATEGORIES = "/wp-json/wp/v2/categories"
TAGS = "/wp-json/wp/v2/tags"
SITE = "http://testserver"


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content[:300]
    return [item["id"] for item in response.json()]


def test_child_category_matches_wordpress(api_client, tree, ref_color_meta):
    php = tree["php"]
    PostFactory(terms=[php])
    response = api_client.get(f"{CATEGORIES}/{php.pk}")
    assert response.status_code == 200
    assert response.json() == {
        "id": php.pk,
        "count": 1,
        "description": "Child of Tech.",
        "link": f"{SITE}/category/tech/php/",
        "name": "PHP",
        "slug": "php",
        "taxonomy": "category",
        "parent": tree["tech"].pk,
        "meta": {"ref_color": ""},
        "_links": {
            "self": [{"href": f"{SITE}/wp-json/wp/v2/categories/{php.pk}"}],
            "collection": [{"href": f"{SITE}/wp-json/wp/v2/categories"}],
            "about": [{"href": f"{SITE}/wp-json/wp/v2/taxonomies/category"}],
            "up": [
                {"embeddable": True, "href": f"{SITE}/wp-json/wp/v2/categories/{tree['tech'].pk}"}
            ],
            "wp:post_type": [{"href": f"{SITE}/wp-json/wp/v2/posts?categories={php.pk}"}],
            "curies": [{"name": "wp", "href": "https://api.w.org/{rel}", "templated": True}],
        },
    }


def test_tag_has_no_parent_and_meta_is_an_empty_array(api_client, tags):
    body = api_client.get(f"{TAGS}/{tags['alpha'].pk}").json()
    assert list(body) == [
        "id",
        "count",
        "description",
        "link",
        "name",
        "slug",
        "taxonomy",
        "meta",
        "_links",
    ]
    assert body["meta"] == []
    assert body["link"] == f"{SITE}/tag/alpha/"
    assert body["_links"]["wp:post_type"] == [
        {"href": f"{SITE}/wp-json/wp/v2/posts?tags={tags['alpha'].pk}"}
    ]


def test_embed_context_fields(api_client, tree):
    body = api_client.get(f"{CATEGORIES}/{tree['news'].pk}", {"context": "embed"}).json()
    assert [key for key in body if key != "_links"] == ["id", "link", "name", "slug", "taxonomy"]


def test_up_link_embeds_the_parent(api_client, tree):
    body = api_client.get(f"{CATEGORIES}/{tree['python'].pk}", {"_embed": "1"}).json()
    assert body["_embedded"]["up"][0]["slug"] == "tech"


@pytest.mark.parametrize("path", ["999999", "0"])
def test_unknown_term_is_rest_term_invalid(api_client, path):
    body = assert_wp_error(api_client.get(f"{CATEGORIES}/{path}"), "rest_term_invalid", 404)
    assert body["message"] == "Term does not exist."


def test_term_of_another_taxonomy_is_not_found(api_client, tags, tree):
    assert_wp_error(api_client.get(f"{CATEGORIES}/{tags['alpha'].pk}"), "rest_term_invalid", 404)
    assert_wp_error(api_client.get(f"{TAGS}/{tree['news'].pk}"), "rest_term_invalid", 404)


def test_default_order_is_name_ascending(api_client, tree, uncategorized):
    expected = ["Empty Category", "News", "PHP", "Python", "Tech", "Uncategorized"]
    assert [t["name"] for t in api_client.get(CATEGORIES).json()] == expected


def test_name_order_ignores_case(api_client):
    TagFactory(name="beta", slug="b")
    TagFactory(name="Alpha", slug="a")
    TagFactory(name="Gamma", slug="g")
    assert [t["name"] for t in api_client.get(TAGS).json()] == ["Alpha", "beta", "Gamma"]


@pytest.mark.parametrize(
    ("orderby", "order", "expected"),
    [
        ("id", "asc", ["uncategorized", "news", "tech", "php", "python", "empty-category"]),
        ("id", "desc", ["empty-category", "python", "php", "tech", "news", "uncategorized"]),
        ("slug", "asc", ["empty-category", "news", "php", "python", "tech", "uncategorized"]),
        ("name", "desc", ["uncategorized", "tech", "python", "php", "news", "empty-category"]),
        (
            "description",
            "asc",
            ["uncategorized", "news", "php", "python", "empty-category", "tech"],
        ),
        ("count", "desc", ["php", "news", "uncategorized", "tech", "python", "empty-category"]),
        ("term_group", "asc", ["uncategorized", "news", "tech", "php", "python", "empty-category"]),
    ],
)
def test_orderby(api_client, tree, orderby, order, expected):
    PostFactory.create_batch(2, terms=[tree["php"]])
    PostFactory(terms=[tree["news"]])
    response = api_client.get(CATEGORIES, {"orderby": orderby, "order": order})
    assert [t["slug"] for t in response.json()] == expected


@needs_icu_collation
def test_names_sort_as_mysql_unicode_ci(api_client):
    """Letters first, then accents and case: "Ünïcode" comes before "Unused"."""
    for name in ("Unused Tag", "Ünïcode tag", "beta", "Alpha"):
        TagFactory(name=name)
    listed = [item["name"] for item in api_client.get(TAGS, {"hide_empty": "false"}).json()]
    assert listed == ["Alpha", "beta", "Ünïcode tag", "Unused Tag"]


def test_orderby_include_keeps_the_given_order(api_client, tree):
    wanted = [tree["python"].pk, tree["news"].pk, tree["php"].pk]
    response = api_client.get(
        CATEGORIES, {"orderby": "include", "include": ",".join(map(str, wanted))}
    )
    assert ids(response) == wanted


def test_orderby_include_slugs(api_client, tree):
    response = api_client.get(CATEGORIES, {"orderby": "include_slugs", "slug": "tech,news,php"})
    assert [t["slug"] for t in response.json()] == ["tech", "news", "php"]


def test_include_and_exclude(api_client, tree):
    news, tech = tree["news"].pk, tree["tech"].pk
    assert sorted(ids(api_client.get(CATEGORIES, {"include": f"{news},{tech}"}))) == [news, tech]
    excluded = ids(api_client.get(CATEGORIES, {"exclude[]": [news, tech]}))
    assert news not in excluded
    assert tech not in excluded
    assert len(excluded) == 4
    # WP_Term_Query ignores exclude when include is given
    both = ids(api_client.get(CATEGORIES, {"include": f"{news},{tech}", "exclude": str(tech)}))
    assert sorted(both) == [news, tech]


def test_include_zero_alone_filters_nothing(api_client, tree):
    """get_terms() joins the IDs and tests the text with empty(): "0" adds no clause, yet the
    include still turns exclude off."""
    every = ids(api_client.get(CATEGORIES))
    news = tree["news"].pk
    assert ids(api_client.get(CATEGORIES, {"include": "0", "exclude": str(news)})) == every
    assert ids(api_client.get(CATEGORIES, {"include": f"0,{news}"})) == [news]


def test_search_matches_name_or_slug(api_client, tree):
    assert [t["name"] for t in api_client.get(CATEGORIES, {"search": "ch"}).json()] == ["Tech"]
    TermFactory(name="Other", slug="ruby-things")
    assert [t["name"] for t in api_client.get(CATEGORIES, {"search": "RUBY"}).json()] == ["Other"]


def test_slug_filter_sanitizes_slugs(api_client, tree):
    response = api_client.get(CATEGORIES, {"slug": "PHP,news"})
    assert sorted(t["slug"] for t in response.json()) == ["news", "php"]
    assert ids(api_client.get(CATEGORIES, {"slug[]": ["python"]})) == [tree["python"].pk]


def test_parent_filter(api_client, tree, uncategorized):
    top = ids(api_client.get(CATEGORIES, {"parent": 0}))
    assert sorted(top) == sorted(
        [uncategorized.pk, tree["news"].pk, tree["tech"].pk, tree["empty"].pk]
    )
    children = ids(api_client.get(CATEGORIES, {"parent": tree["tech"].pk}))
    assert children == [tree["php"].pk, tree["python"].pk]
    assert ids(api_client.get(CATEGORIES, {"parent": 999999})) == []


def test_tags_have_no_parent_argument_but_offset(api_client):
    args = api_client.options(TAGS).json()["endpoints"][0]["args"]
    assert "parent" not in args
    assert "offset" in args
    category_args = api_client.options(CATEGORIES).json()["endpoints"][0]["args"]
    assert "parent" in category_args
    assert "offset" not in category_args


def test_post_filter_lists_the_terms_of_one_post(api_client, tree, tags):
    post = PostFactory(terms=[tree["php"], tree["news"], tags["beta"]])
    assert ids(api_client.get(CATEGORIES, {"post": post.pk})) == [tree["news"].pk, tree["php"].pk]
    assert ids(api_client.get(TAGS, {"post": post.pk})) == [tags["beta"].pk]


def test_post_filter_unknown_post_is_rest_post_invalid_id(api_client):
    body = assert_wp_error(
        api_client.get(CATEGORIES, {"post": 999999}), "rest_post_invalid_id", 400
    )
    assert body["message"] == "Invalid post ID."


def test_post_filter_post_type_outside_the_taxonomy(api_client):
    from tests.factories import PageFactory

    page = PageFactory()
    assert_wp_error(api_client.get(CATEGORIES, {"post": page.pk}), "rest_forbidden_context", 401)


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"orderby": "bogus"}, "orderby"),
        ({"order": "up"}, "order"),
        ({"include": "a"}, "include"),
        ({"exclude": "x,1"}, "exclude"),
        ({"hide_empty": "maybe"}, "hide_empty"),
        ({"parent": "x"}, "parent"),
        ({"post": "x"}, "post"),
        ({"per_page": 101}, "per_page"),
        ({"page": 0}, "page"),
        ({"context": "raw"}, "context"),
    ],
)
def test_invalid_arguments_are_rest_invalid_param(api_client, params, param):
    body = assert_wp_error(api_client.get(CATEGORIES, params), "rest_invalid_param", 400)
    assert param in body["data"]["params"]


def test_tag_offset_invalid_is_rest_invalid_param(api_client):
    assert_wp_error(api_client.get(TAGS, {"offset": "x"}), "rest_invalid_param", 400)


def test_unregistered_offset_on_categories_is_ignored(api_client, tree):
    assert len(ids(api_client.get(CATEGORIES, {"offset": 2}))) == 6


def test_pagination_headers_and_links(api_client, tags):
    response = api_client.get(TAGS, {"per_page": 2, "page": 2})
    assert response["X-WP-Total"] == "5"
    assert response["X-WP-TotalPages"] == "3"
    assert [t["slug"] for t in response.json()] == ["delta", "epsilon"]
    assert response["Link"] == (
        f'<{SITE}/wp-json/wp/v2/tags?per_page=2&page=1>; rel="prev", '
        f'<{SITE}/wp-json/wp/v2/tags?per_page=2&page=3>; rel="next"'
    )


def test_page_past_the_end_is_an_empty_list_as_in_wordpress(api_client, tags):
    response = api_client.get(TAGS, {"page": 5})
    assert response.status_code == 200
    assert response.json() == []
    assert response["X-WP-Total"] == "5"
    assert response["Link"] == f'<{SITE}/wp-json/wp/v2/tags?page=1>; rel="prev"'


def test_offset_on_tags_overrides_the_page(api_client, tags):
    response = api_client.get(TAGS, {"offset": 2})
    assert [t["slug"] for t in response.json()] == ["delta", "epsilon", "gamma"]
    assert response["Link"] == f'<{SITE}/wp-json/wp/v2/tags?offset=2&page=1>; rel="prev"'


def test_empty_collection(api_client):
    response = api_client.get(TAGS)
    assert response.json() == []
    assert response["X-WP-Total"] == "0"
    assert response["X-WP-TotalPages"] == "0"


def test_fields_limits_the_output(api_client, tree):
    body = api_client.get(CATEGORIES, {"_fields": "id,name", "per_page": 1}).json()
    assert body == [{"id": tree["empty"].pk, "name": "Empty Category"}]


def test_head_sends_headers_only(api_client, tags):
    response = api_client.head(TAGS)
    assert response.status_code == 200
    assert response["X-WP-Total"] == "5"
    assert response.content == b""


def test_list_queries_do_not_grow_with_terms(api_client, ref_color_meta):
    parent = TermFactory()
    child = TermFactory(parent=parent)
    PostFactory(terms=[child])
    api_client.get(CATEGORIES)
    few = count_queries(lambda: api_client.get(CATEGORIES, {"per_page": 100}))
    for term in TermFactory.create_batch(8, parent=parent):
        PostFactory(terms=[term])
        Term.objects.get(pk=term.pk).meta_entries.create(key="ref_color", value="red")
    many = count_queries(lambda: api_client.get(CATEGORIES, {"per_page": 100}))
    assert many == few


def test_tag_list_queries_do_not_grow_with_terms(api_client):
    TagFactory()
    api_client.get(TAGS)
    few = count_queries(lambda: api_client.get(TAGS, {"per_page": 100}))
    for tag in TagFactory.create_batch(8):
        PostFactory(terms=[tag])
    assert count_queries(lambda: api_client.get(TAGS, {"per_page": 100})) == few


@pytest.mark.parametrize(
    "params",
    [
        {"include": "99999999999999999999"},
        {"exclude": "99999999999999999999"},
        {"parent": "99999999999999999999"},
        {"search": "a\x00b"},
        {"slug": "\x00"},
        {"parent": -1},
    ],
)
def test_out_of_range_values_are_no_server_error(api_client, tree, params):
    response = api_client.get(CATEGORIES, params)
    assert response.status_code == 200
    if "exclude" not in params:
        assert response.json() == []


def test_a_page_beyond_php_integers_wraps_to_the_first_as_in_wordpress(api_client, tree):
    # ($page - 1) * $per_page overflows into a float, which absint() turns into 0: the
    # reference WordPress answers categories?page=99999999999999999999 with its first page
    response = api_client.get(CATEGORIES, {"page": "99999999999999999999"})
    assert response.status_code == 200
    assert [term["id"] for term in response.json()] == [
        term["id"] for term in api_client.get(CATEGORIES).json()
    ]


@pytest.mark.parametrize("params", [{"offset": "99999999999999999999"}, {"offset": -5}])
def test_out_of_range_offset_is_no_server_error(api_client, tags, params):
    assert api_client.get(TAGS, params).status_code == 200


def test_huge_post_id_is_rest_post_invalid_id(api_client):
    assert_wp_error(
        api_client.get(CATEGORIES, {"post": "99999999999999999999"}), "rest_post_invalid_id", 400
    )


def test_fields_keep_the_data_order_and_empty_items_are_arrays(api_client, tree, ref_color_meta):
    # as the reference WordPress 6.1 answers
    news = tree["news"].pk
    body = api_client.get(f"{CATEGORIES}/{news}", {"_fields": "name,id,meta.nope"}).json()
    assert list(body.items()) == [("id", news), ("name", "News")]
    assert api_client.get(f"{CATEGORIES}/{news}", {"_fields": "foo"}).json() == []
    listed = api_client.get(CATEGORIES, {"_fields": "meta.ref_color", "per_page": 2}).json()
    assert listed == [[], []]
    body = api_client.get(f"{CATEGORIES}/{news}", {"_fields": "meta"}).json()
    assert body == {"meta": {"ref_color": ""}}


def test_prev_link_of_an_empty_result_points_to_page_0_as_wordpress(api_client):
    response = api_client.get(TAGS, {"search": "nomatch", "page": 2})
    assert response["Link"] == f'<{SITE}/wp-json/wp/v2/tags?search=nomatch&page=0>; rel="prev"'


def test_link_header_keeps_empty_parameters_bare(api_client, tags):
    response = api_client.get(f"{TAGS}?search&per_page=2&_envelope")
    assert response.json()["headers"]["Link"] == (
        f'<{SITE}/wp-json/wp/v2/tags?search&per_page=2&_envelope&page=2>; rel="next"'
    )


def test_negative_offset_skips_as_its_absolute_value(api_client, tags):
    response = api_client.get(TAGS, {"offset": -2})
    assert [t["slug"] for t in response.json()] == ["delta", "epsilon", "gamma"]
    assert 'rel="prev"' not in response.get("Link", "")  # still page 1 for WordPress's math
