"""Every collection argument of /wp/v2/posts and /wp/v2/pages, with WordPress's defaults,
validation errors and semantics."""

from datetime import timedelta

import pytest

from tests.content.conftest import PAGES, POSTS, T0, ids
from tests.factories import PageFactory, UserFactory
from tests.helpers import assert_wp_error, needs_icu_collation


@pytest.fixture
def three(make_post):
    """Three published posts an hour apart: a (oldest), b, c (newest)."""
    a = make_post(title="Apple pie", slug="apple", date=T0)
    b = make_post(
        title="Banana bread",
        slug="banana",
        date=T0 + timedelta(hours=1),
        content="<p>Contains apple too.</p>",
    )
    c = make_post(title="Cherry cake", slug="cherry", date=T0 + timedelta(hours=2))
    return a, b, c


def test_default_is_published_newest_first(api_client, three, make_post):
    a, b, c = three
    make_post(status="draft")
    make_post(status="private")
    response = api_client.get(POSTS)
    assert ids(response) == [c.pk, b.pk, a.pk]
    assert response["X-WP-Total"] == "3"
    assert response["X-WP-TotalPages"] == "1"


def test_order_asc(api_client, three):
    a, b, c = three
    assert ids(api_client.get(POSTS, {"order": "asc"})) == [a.pk, b.pk, c.pk]


def test_order_must_be_asc_or_desc(api_client, three):
    body = assert_wp_error(api_client.get(POSTS, {"order": "up"}), "rest_invalid_param", 400)
    assert body["data"]["params"] == {"order": "order is not one of asc and desc."}


@pytest.mark.parametrize(
    ("orderby", "expected"),
    [
        ("title", [2, 1, 0]),
        ("slug", [2, 1, 0]),
        ("id", [2, 1, 0]),
        ("date", [2, 1, 0]),
        ("modified", [2, 1, 0]),
    ],
)
def test_orderby_columns(api_client, three, orderby, expected):
    assert ids(api_client.get(POSTS, {"orderby": orderby})) == [three[i].pk for i in expected]


@needs_icu_collation
def test_titles_sort_as_mysql_unicode_ci(api_client, make_post):
    """Letters first, then accents and case: "Ünïcode" comes before "Unused"."""
    for title in ("Unused", "Ünïcode", "apple"):
        make_post(title=title)
    body = api_client.get(POSTS, {"orderby": "title", "order": "asc"}).json()
    assert [post["title"]["rendered"] for post in body] == ["apple", "Ünïcode", "Unused"]


def test_orderby_unknown_is_rejected(api_client):
    assert_wp_error(api_client.get(POSTS, {"orderby": "menu_order"}), "rest_invalid_param", 400)


def test_orderby_relevance_needs_search(api_client, three):
    body = assert_wp_error(
        api_client.get(POSTS, {"orderby": "relevance"}), "rest_no_search_term_defined", 400
    )
    assert body["message"] == "You need to define a search term to order by relevance."


def test_orderby_relevance_puts_title_matches_first(api_client, three):
    a, b, c = three
    assert ids(api_client.get(POSTS, {"orderby": "relevance", "search": "apple"})) == [a.pk, b.pk]


def test_orderby_include_needs_include(api_client, three):
    body = assert_wp_error(
        api_client.get(POSTS, {"orderby": "include"}), "rest_orderby_include_missing_include", 400
    )
    assert body["message"] == "You need to define an include parameter to order by include."


def test_include_and_orderby_include(api_client, three):
    a, b, c = three
    params = {"include": f"{a.pk},{c.pk}", "orderby": "include"}
    assert ids(api_client.get(POSTS, params)) == [a.pk, c.pk]
    assert ids(api_client.get(POSTS, {"include[]": [b.pk]})) == [b.pk]


def test_exclude(api_client, three):
    a, b, c = three
    assert ids(api_client.get(POSTS, {"exclude": f"{a.pk},{b.pk}"})) == [c.pk]


def test_include_must_be_integers(api_client):
    body = assert_wp_error(api_client.get(POSTS, {"include": "x"}), "rest_invalid_param", 400)
    assert body["data"]["params"] == {"include": "include[0] is not of type integer."}


def test_search_matches_title_content_and_excerpt(api_client, three, make_post):
    a, b, c = three
    d = make_post(title="Plain", excerpt="an apple excerpt", date=T0 - timedelta(hours=1))
    assert ids(api_client.get(POSTS, {"search": "apple"})) == [b.pk, a.pk, d.pk]
    assert ids(api_client.get(POSTS, {"search": "apple -pie"})) == [b.pk, d.pk]
    assert ids(api_client.get(POSTS, {"search": "nothing-like-this"})) == []


def test_search_splits_as_wp_query_does(api_client, make_post):
    """parse_search(): commas and plus signs split too; stopwords and single letters go; a
    search of nothing else matches as one sentence."""
    both = make_post(title="green apple")
    apple = make_post(title="apple")
    sentence = make_post(title="the a")
    assert set(ids(api_client.get(POSTS, {"search": "apple,green"}))) == {both.pk}
    assert set(ids(api_client.get(POSTS, {"search": "apple+green"}))) == {both.pk}
    assert set(ids(api_client.get(POSTS, {"search": "the apple x"}))) == {both.pk, apple.pk}
    assert ids(api_client.get(POSTS, {"search": "the a"})) == [sentence.pk]


def test_slug_single_and_list(api_client, three):
    a, b, c = three
    assert ids(api_client.get(POSTS, {"slug": "banana"})) == [b.pk]
    assert ids(api_client.get(POSTS, {"slug": "apple,cherry"})) == [c.pk, a.pk]
    params = {"slug": "cherry,apple", "orderby": "include_slugs"}
    assert ids(api_client.get(POSTS, params)) == [c.pk, a.pk]


def test_after_and_before_are_exclusive_and_site_local(api_client, three, settings):
    a, b, c = three
    assert ids(api_client.get(POSTS, {"after": "2024-01-01T10:00:00"})) == [c.pk, b.pk]
    assert ids(api_client.get(POSTS, {"before": "2024-01-01T11:00:00"})) == [a.pk]
    assert ids(
        api_client.get(POSTS, {"after": "2024-01-01T10:30:00Z", "before": "2024-01-01T11:30:00Z"})
    ) == [b.pk]
    settings.WP_TIMEZONE = "Europe/Paris"  # 11:30 in Paris is 10:30 UTC
    assert ids(api_client.get(POSTS, {"after": "2024-01-01T11:30:00"})) == [c.pk, b.pk]


def test_bad_date_is_rejected(api_client):
    body = assert_wp_error(api_client.get(POSTS, {"after": "yesterday"}), "rest_invalid_param", 400)
    assert body["data"]["params"] == {"after": "Invalid date."}


def test_modified_after_and_before(api_client, make_post):
    old = make_post(modified=T0)
    new = make_post(modified=T0 + timedelta(days=2))
    assert ids(api_client.get(POSTS, {"modified_after": "2024-01-02T00:00:00"})) == [new.pk]
    assert ids(api_client.get(POSTS, {"modified_before": "2024-01-02T00:00:00"})) == [old.pk]


def test_author_and_author_exclude(api_client, make_post):
    alice, bob = UserFactory(role="author"), UserFactory(role="author")
    by_alice = make_post(author=alice)
    by_bob = make_post(author=bob, date=T0 + timedelta(hours=1))
    assert ids(api_client.get(POSTS, {"author": alice.pk})) == [by_alice.pk]
    assert ids(api_client.get(POSTS, {"author_exclude": alice.pk})) == [by_bob.pk]
    assert ids(api_client.get(POSTS, {"author[]": [alice.pk, bob.pk]})) == [by_bob.pk, by_alice.pk]
    # WP_Query uses author__in only when author__not_in is empty
    both = {"author": alice.pk, "author_exclude": 987654}
    assert ids(api_client.get(POSTS, both)) == [by_bob.pk, by_alice.pk]


def test_offset_and_pagination(api_client, three):
    a, b, c = three
    response = api_client.get(POSTS, {"per_page": 1, "page": 2})
    assert ids(response) == [b.pk]
    assert response["X-WP-TotalPages"] == "3"
    assert 'rel="prev"' in response["Link"]
    assert 'rel="next"' in response["Link"]
    assert ids(api_client.get(POSTS, {"offset": 2})) == [a.pk]


def test_page_past_the_end(api_client, three):
    body = assert_wp_error(api_client.get(POSTS, {"page": 5}), "rest_post_invalid_page_number", 400)
    assert body["message"] == (
        "The page number requested is larger than the number of pages available."
    )


@pytest.mark.parametrize("per_page", ["0", "101", "-1", "x"])
def test_per_page_bounds(api_client, per_page):
    assert_wp_error(api_client.get(POSTS, {"per_page": per_page}), "rest_invalid_param", 400)


def test_empty_collection(api_client):
    response = api_client.get(POSTS)
    assert response.json() == []
    assert response["X-WP-Total"] == "0"
    assert response["X-WP-TotalPages"] == "0"


def test_sticky_true_and_false(api_client, three):
    a, b, c = three
    a.sticky = True
    a.save()
    assert ids(api_client.get(POSTS, {"sticky": "true"})) == [a.pk]
    assert ids(api_client.get(POSTS, {"sticky": "false"})) == [c.pk, b.pk]
    # sticky posts are not floated to the top
    assert ids(api_client.get(POSTS)) == [c.pk, b.pk, a.pk]


def test_sticky_must_be_boolean(api_client):
    assert_wp_error(api_client.get(POSTS, {"sticky": "maybe"}), "rest_invalid_param", 400)


def test_categories_list_and_exclude(api_client, make_post, cats):
    news = make_post(terms=[cats["news"]])
    tech = make_post(terms=[cats["tech"]], date=T0 + timedelta(hours=1))
    both = make_post(terms=[cats["news"], cats["tech"]], date=T0 + timedelta(hours=2))
    assert ids(api_client.get(POSTS, {"categories": cats["news"].pk})) == [both.pk, news.pk]
    assert ids(api_client.get(POSTS, {"categories": f"{cats['news'].pk},{cats['tech'].pk}"})) == [
        both.pk,
        tech.pk,
        news.pk,
    ]
    assert ids(api_client.get(POSTS, {"categories_exclude": cats["news"].pk})) == [tech.pk]


def test_categories_object_form_operator_and(api_client, make_post, cats):
    make_post(terms=[cats["news"]])
    both = make_post(terms=[cats["news"], cats["tech"]], date=T0 + timedelta(hours=2))
    params = {
        "categories[terms]": f"{cats['news'].pk},{cats['tech'].pk}",
        "categories[operator]": "AND",
    }
    assert ids(api_client.get(POSTS, params)) == [both.pk]


def test_categories_include_children_walks_the_tree(api_client, make_post, cats):
    deep = make_post(terms=[cats["symfony"]])
    assert ids(api_client.get(POSTS, {"categories": cats["tech"].pk})) == []
    params = {"categories[terms][]": cats["tech"].pk, "categories[include_children]": "true"}
    assert ids(api_client.get(POSTS, params)) == [deep.pk]
    params = {
        "categories_exclude[terms][]": cats["tech"].pk,
        "categories_exclude[include_children]": "1",
    }
    assert ids(api_client.get(POSTS, params)) == []


def test_tags_have_no_include_children(api_client, tags):
    body = assert_wp_error(
        api_client.get(POSTS, {"tags[terms]": tags["alpha"].pk, "tags[include_children]": "1"}),
        "rest_invalid_param",
        400,
    )
    assert "tags" in body["data"]["params"]


def test_tax_relation_or_and_and(api_client, make_post, cats, tags):
    news = make_post(terms=[cats["news"]])
    tagged = make_post(terms=[cats["tech"], tags["alpha"]], date=T0 + timedelta(hours=1))
    both = make_post(terms=[cats["news"], tags["alpha"]], date=T0 + timedelta(hours=2))
    params = {"categories": cats["news"].pk, "tags": tags["alpha"].pk}
    assert ids(api_client.get(POSTS, params)) == [both.pk]
    assert ids(api_client.get(POSTS, {**params, "tax_relation": "OR"})) == [
        both.pk,
        tagged.pk,
        news.pk,
    ]
    assert_wp_error(
        api_client.get(POSTS, {**params, "tax_relation": "XOR"}), "rest_invalid_param", 400
    )


def test_tags_exclude(api_client, make_post, tags):
    plain = make_post()
    make_post(terms=[tags["beta"]], date=T0 + timedelta(hours=1))
    assert ids(api_client.get(POSTS, {"tags_exclude": tags["beta"].pk})) == [plain.pk]


def test_bad_term_query_is_rejected(api_client):
    assert_wp_error(api_client.get(POSTS, {"categories[terms]": "x"}), "rest_invalid_param", 400)
    assert_wp_error(api_client.get(POSTS, {"categories[bogus]": "1"}), "rest_invalid_param", 400)


def test_status_forbidden_for_anonymous_like_wordpress(api_client):
    body = assert_wp_error(api_client.get(POSTS, {"status": "draft"}), "rest_invalid_param", 400)
    assert body == {
        "code": "rest_invalid_param",
        "message": "Invalid parameter(s): status",
        "data": {
            "status": 400,
            "params": {"status": "Status is forbidden."},
            "details": {
                "status": {
                    "code": "rest_forbidden_status",
                    "message": "Status is forbidden.",
                    "data": {"status": 401},
                }
            },
        },
    }


def test_status_forbidden_is_403_for_subscribers(api_client, subscriber):
    api_client.force_authenticate(subscriber)
    body = assert_wp_error(api_client.get(POSTS, {"status": "private"}), "rest_invalid_param", 400)
    assert body["data"]["details"]["status"]["data"] == {"status": 403}


def test_unknown_status_checked_after_permission(api_client, editor):
    api_client.force_authenticate(editor)
    body = assert_wp_error(api_client.get(POSTS, {"status": "bogus"}), "rest_invalid_param", 400)
    assert body["data"]["details"]["status"]["code"] == "rest_not_in_enum"


def test_status_lists_and_any(api_client, editor, make_post):
    draft = make_post(status="draft", date=T0 + timedelta(hours=1))
    pending = make_post(status="pending", date=T0 + timedelta(hours=2))
    published = make_post()
    trashed = make_post(status="trash", trashed_from_status="publish")
    api_client.force_authenticate(editor)
    assert ids(api_client.get(POSTS, {"status": "draft,pending"})) == [pending.pk, draft.pk]
    assert ids(api_client.get(POSTS, {"status": "any"})) == [pending.pk, draft.pk, published.pk]
    assert ids(api_client.get(POSTS, {"status": "trash"})) == [trashed.pk]


def test_pages_parent_parent_exclude_and_menu_order(api_client):
    about = PageFactory(menu_order=1, date=T0)
    team = PageFactory(parent=about, menu_order=2, date=T0 + timedelta(hours=1))
    contact = PageFactory(menu_order=3, date=T0 + timedelta(hours=2))
    assert ids(api_client.get(PAGES, {"parent": about.pk})) == [team.pk]
    assert ids(api_client.get(PAGES, {"parent": 0})) == [contact.pk, about.pk]
    assert ids(api_client.get(PAGES, {"parent_exclude": about.pk})) == [contact.pk, about.pk]
    assert ids(api_client.get(PAGES, {"menu_order": 3})) == [contact.pk]
    assert ids(api_client.get(PAGES, {"orderby": "menu_order", "order": "asc"})) == [
        about.pk,
        team.pk,
        contact.pk,
    ]
    assert ids(api_client.get(PAGES, {"orderby": "parent", "order": "desc"}))[0] == team.pk


def test_posts_do_not_take_page_arguments(api_client, make_post):
    post = make_post()
    # unknown arguments are ignored, as WordPress does
    assert ids(api_client.get(POSTS, {"parent": 5, "menu_order": 2})) == [post.pk]


def test_pages_do_not_take_sticky_or_categories(api_client):
    page = PageFactory()
    assert ids(api_client.get(PAGES, {"sticky": "true", "categories": 99})) == [page.pk]


def test_list_context_edit_needs_edit_posts(api_client, subscriber):
    body = assert_wp_error(
        api_client.get(POSTS, {"context": "edit"}), "rest_forbidden_context", 401
    )
    assert body["message"] == "Sorry, you are not allowed to edit posts in this post type."
    api_client.force_authenticate(subscriber)
    assert_wp_error(api_client.get(POSTS, {"context": "edit"}), "rest_forbidden_context", 403)


def test_rest_route_query_form(api_client, three):
    response = api_client.get("/", {"rest_route": "/wp/v2/posts", "per_page": 1})
    assert len(response.json()) == 1


def test_exclude_is_ignored_when_include_is_given(api_client, three):
    a, b, c = three
    assert ids(api_client.get(POSTS, {"include": a.pk, "exclude": a.pk})) == [a.pk]


def test_editors_search_protected_content(api_client, editor, make_post):
    guarded = make_post(password="pw", content="<p>needle</p>")
    api_client.force_authenticate(editor)
    assert ids(api_client.get(POSTS, {"search": "needle"})) == [guarded.pk]


def test_relevance_ranks_like_wp_query(api_client, make_post):
    content = make_post(title="Other", content="<p>relq zulu words</p>", date=T0 + timedelta(4))
    first = make_post(title="Zq relq first", date=T0)
    excerpt = make_post(title="Nothing", excerpt="relq zulu", date=T0 + timedelta(2))
    both = make_post(title="Zulu and relq", date=T0 + timedelta(1))
    one_term = {"search": "relq", "orderby": "relevance"}
    assert ids(api_client.get(POSTS, one_term)) == [both.pk, first.pk, content.pk, excerpt.pk]
    two_terms = {"search": "relq zulu", "orderby": "relevance"}
    assert ids(api_client.get(POSTS, two_terms)) == [both.pk, excerpt.pk, content.pk]


def test_title_order_ignores_case(api_client, make_post):
    lower = make_post(title="apple")
    upper = make_post(title="Banana")
    assert ids(api_client.get(POSTS, {"orderby": "title", "order": "asc"})) == [lower.pk, upper.pk]


def test_long_titles_order_by_their_start_then_whole(api_client, make_post, admin_user):
    """MySQL sorts by a text's first bytes; here the first 250 characters lead (PostgreSQL
    indexes them), the whole title breaks their ties. A title far longer than an index entry
    can hold is stored and listed."""
    start = "Chapter " + "x" * 242  # 250 characters
    later = make_post(title=start + " b")
    sooner = make_post(title=start + " a")
    short = make_post(title="Chapter a")
    asc = ids(api_client.get(POSTS, {"orderby": "title", "order": "asc"}))
    assert asc == [short.pk, sooner.pk, later.pk]
    assert ids(api_client.get(POSTS, {"orderby": "title"})) == asc[::-1]
    api_client.force_authenticate(admin_user)
    huge = api_client.post(POSTS, {"title": "Ω" * 20_000, "status": "publish"}, format="json")
    assert huge.status_code == 201, huge.content
    listed = api_client.get(POSTS, {"orderby": "title", "order": "desc", "per_page": 1}).json()
    assert listed[0]["id"] == huge.json()["id"]


def test_ties_break_like_mysql(api_client):
    first = PageFactory(menu_order=1, date=T0)
    second = PageFactory(menu_order=1, date=T0)
    assert ids(api_client.get(PAGES, {"orderby": "menu_order"})) == [first.pk, second.pk]
    assert ids(api_client.get(PAGES)) == [second.pk, first.pk]


def test_offset_past_the_end_reports_nothing(api_client, three):
    response = api_client.get(POSTS, {"offset": 10})
    assert response.json() == []
    assert (response["X-WP-Total"], response["X-WP-TotalPages"]) == ("0", "0")
