"""Creating, updating and deleting terms: capabilities per role, slugs, duplicates, parents,
meta and every error code, as WordPress's terms controller and wp_insert/update/delete_term."""

import pytest

from taxonomy.models import Term, TermMeta
from tests.factories import PostFactory, TagFactory, TermFactory
from tests.helpers import assert_wp_error

CATEGORIES = "/wp-json/wp/v2/categories"
TAGS = "/wp-json/wp/v2/tags"


@pytest.fixture
def as_editor(api_client, editor):
    api_client.force_authenticate(editor)
    return api_client


# --- create ------------------------------------------------------------------------------------
def test_create_category_answers_201_with_location_in_edit_context(as_editor):
    response = as_editor.post(
        CATEGORIES, {"name": "Sports", "description": "Games."}, format="json"
    )
    assert response.status_code == 201
    assert response["Allow"] == "GET, POST"
    body = response.json()
    term = Term.objects.get(pk=body["id"])
    assert response["Location"] == f"http://testserver/wp-json/wp/v2/categories/{term.pk}"
    assert body["name"] == "Sports"
    assert body["slug"] == "sports"
    assert body["description"] == "Games."
    assert body["parent"] == 0
    assert body["count"] == 0
    assert body["taxonomy"] == "category"
    assert body["link"] == "http://testserver/category/sports/"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("administrator", 201),
        ("editor", 201),
        ("author", 403),
        ("contributor", 403),
        ("subscriber", 403),
    ],
)
def test_creating_categories_needs_manage_categories(api_client, user_with_role, role, status):
    api_client.force_authenticate(user_with_role(role))
    response = api_client.post(CATEGORIES, {"name": "New"}, format="json")
    if status == 201:
        assert response.status_code == 201
    else:
        body = assert_wp_error(response, "rest_cannot_create", status)
        assert body["message"] == "Sorry, you are not allowed to create terms in this taxonomy."


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("administrator", 201),
        ("editor", 201),
        ("author", 201),
        ("contributor", 201),
        ("subscriber", 403),
    ],
)
def test_creating_tags_needs_only_assign_terms(api_client, user_with_role, role, status):
    api_client.force_authenticate(user_with_role(role))
    response = api_client.post(TAGS, {"name": "Fresh"}, format="json")
    assert response.status_code == status


def test_anonymous_create_is_401(api_client):
    assert_wp_error(api_client.post(TAGS, {"name": "x"}, format="json"), "rest_cannot_create", 401)


def test_name_is_required(as_editor):
    body = assert_wp_error(
        as_editor.post(CATEGORIES, {}, format="json"), "rest_missing_callback_param", 400
    )
    assert body["data"]["params"] == ["name"]


@pytest.mark.parametrize("name", ["", "   ", "<b></b>"])
def test_empty_name_is_refused(as_editor, name):
    # WordPress answers 500 here (a WP_Error without status); we answer 400 with its code.
    body = assert_wp_error(
        as_editor.post(CATEGORIES, {"name": name}, format="json"), "empty_term_name", 400
    )
    assert body["message"] == "A name is required for this term."


def test_too_long_name_is_refused_not_a_server_error(as_editor):
    assert_wp_error(
        as_editor.post(TAGS, {"name": "x" * 250}, format="json"), "db_insert_error", 400
    )


def test_name_and_description_are_sanitized_as_wordpress(as_editor):
    response = as_editor.post(
        CATEGORIES,
        {
            "name": "zz T1 & B <b>x</b>  y",
            "description": "<p>para</p><script>bad()</script><b>bold</b> "
            '<a href="x" onclick="y">l</a>',
        },
        format="json",
    )
    body = response.json()
    assert body["name"] == "zz T1 &amp; B x y"
    assert body["description"] == 'parabad()<b>bold</b> <a href="x">l</a>'
    assert body["slug"] == "zz-t1-b-x-y"


def test_slug_from_unicode_name(as_editor):
    response = as_editor.post(TAGS, {"name": "Über café 日本 – “q” a.b"}, format="json")
    assert response.json()["slug"] == "uber-cafe-%e6%97%a5%e6%9c%ac-q-a-b"


def test_duplicate_name_is_term_exists_with_term_id(as_editor):
    news = TermFactory(name="News", slug="news")
    for name in ("News", "news"):
        body = assert_wp_error(
            as_editor.post(CATEGORIES, {"name": name}, format="json"), "term_exists", 400
        )
        assert body["data"]["term_id"] == news.pk
        assert body["additional_data"] == [news.pk, news.pk]
        assert body["message"] == "A term with the name provided already exists with this parent."


def test_duplicate_tag_name_message(as_editor):
    alpha = TagFactory(name="Alpha", slug="alpha")
    body = assert_wp_error(
        as_editor.post(TAGS, {"name": "alpha"}, format="json"), "term_exists", 400
    )
    assert body["data"]["term_id"] == alpha.pk
    assert body["message"] == "A term with the name provided already exists in this taxonomy."


def test_same_name_under_another_parent_is_allowed(as_editor):
    tech = TermFactory(name="Tech", slug="tech")
    TermFactory(name="Tips", slug="tips")
    response = as_editor.post(CATEGORIES, {"name": "Tips", "parent": tech.pk}, format="json")
    assert response.status_code == 201
    assert response.json()["slug"] == "tips-tech"  # wp_unique_term_slug adds the parent's slug
    assert response.json()["link"] == "http://testserver/category/tech/tips-tech/"


def test_same_name_with_a_new_slug_is_allowed(as_editor):
    TagFactory(name="Alpha", slug="alpha")
    response = as_editor.post(TAGS, {"name": "Alpha", "slug": "alpha-two"}, format="json")
    assert response.status_code == 201
    assert response.json()["slug"] == "alpha-two"


def test_taken_slug_gets_a_number(as_editor):
    TagFactory(name="Alpha", slug="alpha")
    response = as_editor.post(TAGS, {"name": "Alpha2", "slug": "alpha"}, format="json")
    assert response.json()["slug"] == "alpha-2"
    response = as_editor.post(TAGS, {"name": "Alpha3", "slug": "ALPHA"}, format="json")
    assert response.json()["slug"] == "alpha-3"


def test_same_slug_in_two_taxonomies(as_editor):
    TermFactory(name="Shared", slug="shared")
    response = as_editor.post(TAGS, {"name": "Shared"}, format="json")
    assert response.json()["slug"] == "shared"


def test_unknown_parent_is_rest_term_invalid(as_editor):
    body = assert_wp_error(
        as_editor.post(CATEGORIES, {"name": "x", "parent": 999999}, format="json"),
        "rest_term_invalid",
        400,
    )
    assert body["message"] == "Parent term does not exist."


def test_parent_from_another_taxonomy_is_refused(as_editor):
    tag = TagFactory()
    assert_wp_error(
        as_editor.post(CATEGORIES, {"name": "x", "parent": tag.pk}, format="json"),
        "rest_term_invalid",
        400,
    )


def test_parent_zero_is_top_level(as_editor):
    response = as_editor.post(CATEGORIES, {"name": "Top", "parent": 0}, format="json")
    assert response.status_code == 201
    assert response.json()["parent"] == 0


def test_parent_on_tags_is_rest_taxonomy_not_hierarchical(as_editor):
    body = assert_wp_error(
        as_editor.post(TAGS, {"name": "x", "parent": 1}, format="json"),
        "rest_taxonomy_not_hierarchical",
        400,
    )
    assert body["message"] == "Cannot set parent term, taxonomy is not hierarchical."


def test_null_values_are_ignored_as_in_wordpress(as_editor):
    response = as_editor.post(
        CATEGORIES, {"name": "Nulls", "description": None, "parent": None}, format="json"
    )
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("data", "param"),
    [
        ({"name": ["x"]}, "name"),
        ({"name": "x", "parent": "p"}, "parent"),
        ({"name": "x", "slug": 5}, "slug"),
        ({"name": "x", "meta": "bad"}, "meta"),
    ],
)
def test_invalid_values_are_rest_invalid_param(as_editor, data, param):
    body = assert_wp_error(
        as_editor.post(CATEGORIES, data, format="json"), "rest_invalid_param", 400
    )
    assert param in body["data"]["params"]


# --- meta --------------------------------------------------------------------------------------
def test_registered_meta_is_written_and_read(as_editor, ref_color_meta):
    response = as_editor.post(
        CATEGORIES, {"name": "Red", "meta": {"ref_color": "red", "secret": "x"}}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["meta"] == {"ref_color": "red"}
    term = Term.objects.get(pk=response.json()["id"])
    assert list(TermMeta.objects.filter(term=term).values_list("key", "value")) == [
        ("ref_color", "red")
    ]


def test_unregistered_meta_is_never_exposed(api_client, ref_color_meta):
    term = TermFactory()
    term.meta_entries.create(key="_private", value="secret")
    body = api_client.get(f"{CATEGORIES}/{term.pk}").json()
    assert body["meta"] == {"ref_color": ""}


def test_meta_value_of_wrong_type(as_editor, ref_color_meta):
    term = TermFactory()
    body = assert_wp_error(
        as_editor.post(f"{CATEGORIES}/{term.pk}", {"meta": {"ref_color": 5}}, format="json"),
        "rest_invalid_type",
        400,
    )
    assert body["message"] == "meta.ref_color is not of type string."
    assert body["additional_data"] == [{"param": "meta.ref_color"}]


def test_meta_null_deletes_the_value(as_editor, ref_color_meta):
    term = TermFactory()
    term.meta_entries.create(key="ref_color", value="blue")
    response = as_editor.post(
        f"{CATEGORIES}/{term.pk}", {"meta": {"ref_color": None}}, format="json"
    )
    assert response.json()["meta"] == {"ref_color": ""}
    assert not term.meta_entries.exists()


def test_contributor_may_create_a_tag_but_not_set_its_meta(api_client, contributor, settings):
    settings.WP_TERM_META = {"mood": {"type": "string", "default": "", "single": True}}
    api_client.force_authenticate(contributor)
    body = assert_wp_error(
        api_client.post(TAGS, {"name": "x", "meta": {"mood": "happy"}}, format="json"),
        "rest_cannot_update",
        403,
    )
    assert body["message"] == "Sorry, you are not allowed to edit the mood custom field."
    assert not Term.objects.filter(taxonomy="post_tag").exists()


def test_meta_schema_appears_in_options(api_client, ref_color_meta):
    body = api_client.options(CATEGORIES).json()
    assert body["schema"]["properties"]["meta"]["properties"] == {
        "ref_color": {"type": "string", "description": "Reference category colour.", "default": ""}
    }
    assert api_client.options(TAGS).json()["schema"]["properties"]["meta"]["properties"] == []


# --- update ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("administrator", 200),
        ("editor", 200),
        ("author", 403),
        ("contributor", 403),
        ("subscriber", 403),
    ],
)
@pytest.mark.parametrize("url", [CATEGORIES, TAGS])
def test_updating_needs_edit_terms(api_client, user_with_role, role, status, url):
    term = TermFactory() if url == CATEGORIES else TagFactory()
    api_client.force_authenticate(user_with_role(role))
    response = api_client.post(f"{url}/{term.pk}", {"description": "new"}, format="json")
    if status == 200:
        assert response.status_code == 200
        assert response.json()["description"] == "new"
    else:
        body = assert_wp_error(response, "rest_cannot_update", status)
        assert body["message"] == "Sorry, you are not allowed to edit this term."


def test_anonymous_update_is_401(api_client):
    term = TermFactory()
    assert_wp_error(
        api_client.patch(f"{CATEGORIES}/{term.pk}", {"name": "x"}, format="json"),
        "rest_cannot_update",
        401,
    )


def test_update_unknown_term_is_404(as_editor):
    assert_wp_error(
        as_editor.post(f"{CATEGORIES}/999999", {"name": "x"}, format="json"),
        "rest_term_invalid",
        404,
    )


def test_update_changes_only_what_is_given(as_editor):
    term = TermFactory(name="Old", slug="old", description="keep")
    body = as_editor.put(f"{CATEGORIES}/{term.pk}", {"name": "New"}, format="json").json()
    assert (body["name"], body["slug"], body["description"]) == ("New", "old", "keep")
    assert "count" in body  # edit context


def test_empty_slug_is_rebuilt_from_the_name(as_editor):
    term = TermFactory(name="Name Here", slug="custom")
    body = as_editor.post(f"{CATEGORIES}/{term.pk}", {"slug": ""}, format="json").json()
    assert body["slug"] == "name-here"


def test_slug_taken_by_another_term_is_refused(as_editor):
    TermFactory(name="News", slug="news")
    term = TermFactory(name="Other", slug="other")
    # WordPress answers 500 duplicate_term_slug (a WP_Error without status); we answer 400.
    body = assert_wp_error(
        as_editor.post(f"{CATEGORIES}/{term.pk}", {"slug": "news"}, format="json"),
        "duplicate_term_slug",
        400,
    )
    assert body["message"] == "The slug &#8220;news&#8221; is already in use by another term."


def test_update_empty_name_is_refused(as_editor):
    term = TermFactory()
    assert_wp_error(
        as_editor.post(f"{CATEGORIES}/{term.pk}", {"name": " "}, format="json"),
        "empty_term_name",
        400,
    )


def test_update_parent_and_links(as_editor):
    parent = TermFactory(name="Tech", slug="tech")
    term = TermFactory(name="Go", slug="go")
    body = as_editor.post(f"{CATEGORIES}/{term.pk}", {"parent": parent.pk}, format="json").json()
    assert body["parent"] == parent.pk
    assert body["link"] == "http://testserver/category/tech/go/"
    body = as_editor.post(f"{CATEGORIES}/{term.pk}", {"parent": 0}, format="json").json()
    assert body["parent"] == 0


def test_update_unknown_parent(as_editor):
    term = TermFactory()
    assert_wp_error(
        as_editor.post(f"{CATEGORIES}/{term.pk}", {"parent": 999999}, format="json"),
        "rest_term_invalid",
        400,
    )


def test_update_parent_on_tag(as_editor):
    tag = TagFactory()
    assert_wp_error(
        as_editor.post(f"{TAGS}/{tag.pk}", {"parent": 0}, format="json"),
        "rest_taxonomy_not_hierarchical",
        400,
    )


def test_term_cannot_be_its_own_parent(as_editor):
    term = TermFactory()
    body = as_editor.post(f"{CATEGORIES}/{term.pk}", {"parent": term.pk}, format="json").json()
    assert body["parent"] == 0


def test_loops_are_never_saved(as_editor):
    top = TermFactory(name="A", slug="a")
    child = TermFactory(name="B", slug="b", parent=top)
    grandchild = TermFactory(name="C", slug="c", parent=child)
    # WordPress (wp_check_term_hierarchy_for_loops) drops a parent that would form a loop.
    body = as_editor.post(f"{CATEGORIES}/{top.pk}", {"parent": grandchild.pk}, format="json").json()
    assert body["parent"] == 0
    top.refresh_from_db()
    child.refresh_from_db()
    assert top.parent_id is None
    assert child.parent_id == top.pk


# --- delete ------------------------------------------------------------------------------------
def test_delete_without_force_is_rest_trash_not_supported(as_editor):
    term = TermFactory()
    body = assert_wp_error(
        as_editor.delete(f"{CATEGORIES}/{term.pk}"), "rest_trash_not_supported", 501
    )
    assert body["message"] == "Terms do not support trashing. Set 'force=true' to delete."
    assert Term.objects.filter(pk=term.pk).exists()


def test_force_delete_returns_previous_without_links(as_editor):
    term = TermFactory(name="Gone", slug="gone")
    PostFactory(terms=[term])
    response = as_editor.delete(f"{CATEGORIES}/{term.pk}?force=true")
    assert response.status_code == 200
    body = response.json()
    assert body["deleted"] is True
    assert body["previous"]["id"] == term.pk
    assert body["previous"]["count"] == 1
    assert body["previous"]["name"] == "Gone"
    assert "_links" not in body["previous"]
    assert not Term.objects.filter(pk=term.pk).exists()
    assert "Allow" not in response  # as WordPress: nothing is allowed on a deleted term


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("administrator", 200),
        ("editor", 200),
        ("author", 403),
        ("contributor", 403),
        ("subscriber", 403),
    ],
)
def test_deleting_needs_delete_terms(api_client, user_with_role, role, status):
    tag = TagFactory()
    api_client.force_authenticate(user_with_role(role))
    response = api_client.delete(f"{TAGS}/{tag.pk}", {"force": True}, format="json")
    if status == 200:
        assert response.status_code == 200
    else:
        body = assert_wp_error(response, "rest_cannot_delete", status)
        assert body["message"] == "Sorry, you are not allowed to delete this term."


def test_default_category_cannot_be_deleted(as_editor, uncategorized):
    assert_wp_error(
        as_editor.delete(f"{CATEGORIES}/{uncategorized.pk}?force=true"), "rest_cannot_delete", 403
    )
    assert Term.objects.filter(pk=uncategorized.pk).exists()
    allow = as_editor.get(f"{CATEGORIES}/{uncategorized.pk}")["Allow"]
    assert "DELETE" not in allow


def test_allow_header_follows_capabilities(api_client, editor, author):
    term = TermFactory()
    api_client.force_authenticate(editor)
    assert api_client.get(f"{CATEGORIES}/{term.pk}")["Allow"] == "GET, POST, PUT, PATCH, DELETE"
    api_client.force_authenticate(author)
    assert api_client.get(f"{CATEGORIES}/{term.pk}")["Allow"] == "GET"
    assert api_client.get(TAGS)["Allow"] == "GET, POST"


def test_deleting_a_parent_moves_children_up(as_editor):
    top = TermFactory(name="Top", slug="top")
    middle = TermFactory(name="Middle", slug="middle", parent=top)
    child = TermFactory(name="Child", slug="child", parent=middle)
    as_editor.delete(f"{CATEGORIES}/{middle.pk}?force=true")
    child.refresh_from_db()
    assert child.parent_id == top.pk


def test_posts_left_without_category_get_the_default(as_editor, uncategorized):
    only = TermFactory(name="Only", slug="only")
    other = TermFactory(name="Other", slug="other")
    lonely = PostFactory(terms=[only])
    covered = PostFactory(terms=[only, other])
    as_editor.delete(f"{CATEGORIES}/{only.pk}?force=true")
    assert list(lonely.terms.values_list("slug", flat=True)) == ["uncategorized"]
    assert list(covered.terms.values_list("slug", flat=True)) == ["other"]


def test_nul_bytes_are_dropped(as_editor):
    body = as_editor.post(
        CATEGORIES, {"name": "a\x00b", "description": "c\x00d"}, format="json"
    ).json()
    assert (body["name"], body["description"], body["slug"]) == ("ab", "cd", "ab")


def test_huge_parent_is_rest_term_invalid(as_editor):
    assert_wp_error(
        as_editor.post(CATEGORIES, {"name": "x", "parent": 99999999999999999999}, format="json"),
        "rest_term_invalid",
        400,
    )


def test_description_keeps_line_breaks_and_drops_bad_protocols(as_editor):
    # as the reference WordPress 6.1 answered for the same input
    body = as_editor.post(
        TAGS,
        {
            "name": "x",
            "description": 'line1\nline2\r\n<p>x</p> <a href="javascript:alert(1)" '
            'title="t">l</a> &bogus; a > b',
        },
        format="json",
    ).json()
    assert body["description"] == (
        'line1\nline2\r\nx <a href="alert(1)" title="t">l</a> &amp;bogus; a &gt; b'
    )


def test_description_keeps_html_comments(as_editor):
    # block markup: kses drops the <p>, keeps the comments around it (wp_kses_split)
    description = "<!-- wp:paragraph -->\n<p>Block</p>\n<!-- /wp:paragraph -->"
    body = as_editor.post(TAGS, {"name": "x", "description": description}, format="json").json()
    assert body["description"] == "<!-- wp:paragraph -->\nBlock\n<!-- /wp:paragraph -->"


def test_default_category_stays_the_default_after_a_new_slug(as_editor, uncategorized):
    response = as_editor.post(
        f"{CATEGORIES}/{uncategorized.pk}", {"slug": "general", "name": "General"}, format="json"
    )
    assert response.json()["slug"] == "general"
    assert_wp_error(
        as_editor.delete(f"{CATEGORIES}/{uncategorized.pk}?force=true"), "rest_cannot_delete", 403
    )


def test_default_category_follows_the_option(as_editor, uncategorized):
    from taxonomy.services import default_category
    from wpapi.site import update_options

    other = TermFactory(name="Main", slug="main")
    update_options({"default_category": other.pk})
    assert default_category() == other
    assert as_editor.delete(f"{CATEGORIES}/{uncategorized.pk}?force=true").status_code == 200
    assert_wp_error(
        as_editor.delete(f"{CATEGORIES}/{other.pk}?force=true"), "rest_cannot_delete", 403
    )


def test_allow_after_a_contributor_creates_a_tag(api_client, contributor):
    # WordPress checks GET with the request switched to the edit context, which needs
    # edit_terms: a contributor is left with POST only.
    api_client.force_authenticate(contributor)
    response = api_client.post(TAGS, {"name": "mine"}, format="json")
    assert response.status_code == 201
    assert response["Allow"] == "POST"


def test_name_without_slug_characters_gets_its_id_as_slug(as_editor):
    first = as_editor.post(TAGS, {"name": "!!!"}, format="json").json()
    second = as_editor.post(TAGS, {"name": "???"}, format="json").json()
    assert first["slug"] == str(first["id"])
    assert second["slug"] == str(second["id"])
    assert first["link"] == f"http://testserver/tag/{first['id']}/"


def test_slug_that_sanitizes_to_nothing_counts_as_not_given(as_editor):
    TagFactory(name="Foo", slug="foo")
    body = assert_wp_error(
        as_editor.post(TAGS, {"name": "Foo", "slug": "!!!"}, format="json"), "term_exists", 400
    )
    assert body["data"]["term_id"]
    assert (
        as_editor.post(TAGS, {"name": "Bar", "slug": "!!!"}, format="json").json()["slug"] == "bar"
    )


def test_update_slug_that_sanitizes_to_nothing_is_rebuilt_and_made_unique(as_editor):
    TermFactory(name="News", slug="news")
    term = TermFactory(name="News", slug="other-news", parent=TermFactory(name="P", slug="p"))
    body = as_editor.post(f"{CATEGORIES}/{term.pk}", {"slug": "!!!"}, format="json").json()
    assert body["slug"] == "news-p"
