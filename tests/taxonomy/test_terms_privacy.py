"""Terms never reveal what a reader may not see: ?post= of drafts and private posts, and the
edit context."""

import pytest

from tests.factories import PostFactory, TagFactory, TermFactory, UserFactory
from tests.helpers import assert_wp_error

CATEGORIES = "/wp-json/wp/v2/categories"
TAGS = "/wp-json/wp/v2/tags"


@pytest.mark.parametrize("status", ["draft", "pending", "private", "future", "trash"])
def test_anonymous_cannot_list_terms_of_an_unpublished_post(api_client, status):
    secret = TagFactory(name="Secret")
    post = PostFactory(status=status, terms=[secret])
    body = assert_wp_error(api_client.get(TAGS, {"post": post.pk}), "rest_forbidden_context", 401)
    assert body["message"] == "Sorry, you are not allowed to view terms for this post."
    assert "Secret" not in str(body)


def test_other_author_cannot_list_terms_of_a_draft(api_client, author):
    post = PostFactory(status="draft", terms=[TermFactory()], author=UserFactory(role="author"))
    api_client.force_authenticate(author)
    assert_wp_error(api_client.get(CATEGORIES, {"post": post.pk}), "rest_forbidden_context", 403)


def test_subscriber_cannot_list_terms_of_a_private_post(api_client, subscriber):
    post = PostFactory(status="private", terms=[TermFactory()])
    api_client.force_authenticate(subscriber)
    assert_wp_error(api_client.get(CATEGORIES, {"post": post.pk}), "rest_forbidden_context", 403)


def test_author_sees_terms_of_own_draft(api_client, author):
    term = TermFactory()
    post = PostFactory(status="draft", terms=[term], author=author)
    api_client.force_authenticate(author)
    assert [t["id"] for t in api_client.get(CATEGORIES, {"post": post.pk}).json()] == [term.pk]


@pytest.mark.parametrize("status", ["draft", "private"])
def test_editor_sees_terms_of_any_post(api_client, editor, status):
    term = TermFactory()
    post = PostFactory(status=status, terms=[term])
    api_client.force_authenticate(editor)
    assert [t["id"] for t in api_client.get(CATEGORIES, {"post": post.pk}).json()] == [term.pk]


def test_published_post_terms_are_public(api_client):
    term = TermFactory()
    post = PostFactory(terms=[term])
    assert [t["id"] for t in api_client.get(CATEGORIES, {"post": post.pk}).json()] == [term.pk]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (None, 401),
        ("subscriber", 403),
        ("contributor", 403),
        ("author", 403),
        ("editor", 200),
        ("administrator", 200),
    ],
)
def test_edit_context_needs_edit_terms(api_client, user_with_role, role, status):
    term = TermFactory()
    if role:
        api_client.force_authenticate(user_with_role(role))
    list_response = api_client.get(CATEGORIES, {"context": "edit"})
    item_response = api_client.get(f"{CATEGORIES}/{term.pk}", {"context": "edit"})
    if status == 200:
        assert list_response.status_code == 200
        assert item_response.status_code == 200
    else:
        body = assert_wp_error(list_response, "rest_forbidden_context", status)
        assert body["message"] == "Sorry, you are not allowed to edit terms in this taxonomy."
        body = assert_wp_error(item_response, "rest_forbidden_context", status)
        assert body["message"] == "Sorry, you are not allowed to edit this term."


def test_embedded_terms_need_no_login_but_counts_stay_published_only(api_client):
    term = TermFactory()
    PostFactory(status="private", terms=[term])
    body = api_client.get(f"{CATEGORIES}/{term.pk}").json()
    assert body["count"] == 0


@pytest.mark.parametrize(
    ("path", "params", "allow"),
    [
        ("/wp-json/wp/v2/categories", {"per_page": 0}, "GET"),
        ("/wp-json/wp/v2/categories/999999", {}, None),
        ("/wp-json/wp/v2/categories", {"context": "edit"}, None),
        ("/wp-json/wp/v2/categories", {"post": 999999}, None),
        ("/wp-json/wp/v2/categories/1", {"context": "edit"}, None),
        ("/wp-json/wp/v2/categories/1", {}, "GET"),
        ("/wp-json/wp/v2/taxonomies/nope", {}, "GET"),
        ("/wp-json/wp/v2/taxonomies", {"context": "edit"}, None),
    ],
)
def test_allow_header_lists_methods_this_request_may_use(api_client, path, params, allow):
    # as the reference WordPress 6.1 answers anonymous requests
    response = api_client.get(path, params)
    assert response.get("Allow") == allow


def test_allow_header_for_editor_on_default_category(api_client, editor):
    api_client.force_authenticate(editor)
    assert api_client.get("/wp-json/wp/v2/categories/1")["Allow"] == "GET, POST, PUT, PATCH"
    response = api_client.delete("/wp-json/wp/v2/categories/1")
    assert response["Allow"] == "GET, POST, PUT, PATCH"
