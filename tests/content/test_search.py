"""/wp/v2/search: published posts, pages and terms, never what the caller may not read."""

import pytest

from tests.factories import PageFactory, PostFactory, TagFactory, TermFactory
from tests.helpers import assert_wp_error, count_queries

pytestmark = pytest.mark.django_db
URL = "/wp-json/wp/v2/search"


def test_finds_posts_and_pages_with_wordpress_shape(api_client):
    post = PostFactory(title="Hello quantum world", slug="hello-quantum")
    page = PageFactory(title="Quantum page", slug="quantum-page")
    response = api_client.get(URL, {"search": "quantum"})
    assert response.status_code == 200
    assert response["X-WP-Total"] == "2"
    body = response.json()
    by_id = {item["id"]: item for item in body}
    assert by_id[post.pk] == {
        "id": post.pk,
        "title": "Hello quantum world",
        "url": "http://testserver/hello-quantum/",
        "type": "post",
        "subtype": "post",
        "_links": {
            "self": [
                {"embeddable": True, "href": f"http://testserver/wp-json/wp/v2/posts/{post.pk}"}
            ],
            "about": [{"href": "http://testserver/wp-json/wp/v2/types/post"}],
            "collection": [{"href": "http://testserver/wp-json/wp/v2/search"}],
        },
    }
    assert by_id[page.pk]["url"] == "http://testserver/quantum-page/"
    assert by_id[page.pk]["subtype"] == "page"


def test_nested_page_url_has_its_ancestors(api_client):
    parent = PageFactory(title="About", slug="about")
    child = PageFactory(title="Team quantum", slug="team", parent=parent)
    body = api_client.get(URL, {"search": "quantum"}).json()
    assert body[0]["id"] == child.pk
    assert body[0]["url"] == "http://testserver/about/team/"


@pytest.mark.parametrize("status", ["draft", "pending", "private", "future", "trash"])
def test_unpublished_posts_are_never_found(api_client, admin_user, status):
    PostFactory(title="Secret quantum", status=status)
    assert api_client.get(URL, {"search": "quantum"}).json() == []
    api_client.force_authenticate(admin_user)
    assert api_client.get(URL, {"search": "quantum"}).json() == []


def test_password_protected_posts_are_hidden_from_logged_out_searches(api_client, subscriber):
    PostFactory(title="Guarded quantum", password="secret", content="quantum inside")
    assert api_client.get(URL, {"search": "quantum"}).json() == []
    api_client.force_authenticate(subscriber)
    body = api_client.get(URL, {"search": "quantum"}).json()
    # WP_REST_Post_Search_Handler sets protected_title_format to "%s": no "Protected:" prefix
    # (the reference site answers "Password protected post" for its protected post)
    assert body[0]["title"] == "Guarded quantum"


def test_titles_are_texturized_as_wordpress_answers_them(api_client, db):
    # get_the_title(): the_title's filters, entities left as WordPress writes them
    PostFactory(title="Editor's own post")
    body = api_client.get(URL, {"search": "own post"}).json()
    assert body[0]["title"] == "Editor&#8217;s own post"


def test_embed_brings_the_post_in_embed_context(api_client):
    PostFactory(title="Embed me quantum")
    item = api_client.get(URL, {"search": "quantum", "_embed": "1"}).json()[0]
    embedded = item["_embedded"]["self"][0]
    assert embedded["title"]["rendered"] == "Embed me quantum"
    assert "content" not in embedded


def test_subtype_limits_types(api_client):
    PostFactory(title="quantum post")
    PageFactory(title="quantum page")
    body = api_client.get(URL, {"search": "quantum", "subtype": "page"}).json()
    assert [item["subtype"] for item in body] == ["page"]


def test_terms(api_client):
    category = TermFactory(name="Quantum physics", slug="quantum-physics")
    TagFactory(name="quantum-tag", slug="quantum-tag")
    body = api_client.get(URL, {"search": "quantum", "type": "term", "subtype": "category"}).json()
    assert body == [
        {
            "id": category.pk,
            "title": "Quantum physics",
            "url": "http://testserver/category/quantum-physics/",
            "type": "category",
            "_links": {
                "self": [
                    {
                        "embeddable": True,
                        "href": f"http://testserver/wp-json/wp/v2/categories/{category.pk}",
                    }
                ],
                "about": [{"href": "http://testserver/wp-json/wp/v2/taxonomies/category"}],
                "collection": [{"href": "http://testserver/wp-json/wp/v2/search"}],
            },
        }
    ]


def test_terms_sort_by_name_ignoring_case(api_client):
    TermFactory(name="Django")
    TagFactory(name="alpha")
    body = api_client.get(URL, {"type": "term", "subtype": "category,post_tag"}).json()
    assert [item["title"] for item in body][:2] == ["alpha", "Django"]


def test_post_formats(api_client):
    PostFactory(format="quote")
    body = api_client.get(URL, {"type": "post-format"}).json()
    assert body == [
        {
            "id": "quote",
            "title": "Quote",
            "url": "http://testserver/type/quote/",
            "type": "post-format",
            "_links": {"collection": [{"href": "http://testserver/wp-json/wp/v2/search"}]},
        }
    ]


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ({"type": "user"}, "type"),
        ({"subtype": "nope"}, "subtype"),
        ({"per_page": 0}, "per_page"),
        ({"context": "edit"}, "context"),
    ],
)
def test_invalid_arguments(api_client, query, param):
    body = assert_wp_error(api_client.get(URL, query), "rest_invalid_param", 400)
    assert param in body["data"]["params"]


def test_page_past_the_end_is_empty_like_wordpress(api_client):
    PostFactory(title="quantum")
    response = api_client.get(URL, {"search": "quantum", "page": 3})
    assert response.status_code == 200
    assert response.json() == []
    # WP_Query counts found_posts only when the page has rows, and the post handler doesn't
    # count again: the reference answers search?search=reference&page=50 with a total of 0
    assert response["X-WP-Total"] == "0"
    assert response["X-WP-TotalPages"] == "0"


def test_a_term_page_past_the_end_is_refused_as_wordpress(api_client, db):
    TermFactory(name="quantum")
    response = api_client.get(URL, {"type": "term", "search": "quantum", "page": 3})
    assert_wp_error(response, "rest_search_invalid_page_number", 400)


def test_queries_do_not_grow_with_results(api_client):
    PostFactory(title="quantum one")
    api_client.get(URL, {"search": "quantum"})
    one = count_queries(lambda: api_client.get(URL, {"search": "quantum"}))
    PostFactory.create_batch(8, title="quantum many")
    assert count_queries(lambda: api_client.get(URL, {"search": "quantum"})) == one


def test_search_zero_is_no_search(api_client):
    # the handlers test `! empty( $request['search'] )`: "0" searches nothing out
    posts = PostFactory.create_batch(2)
    body = api_client.get(URL, {"search": "0"}).json()
    assert {item["id"] for item in body} == {post.pk for post in posts}


def test_subtypes_none_of_the_handlers(api_client):
    # sanitize_subtypes() keeps the handler's own: none left, WP_Query reads posts (not pages)
    post, _page = PostFactory(), PageFactory()
    response = api_client.get(URL, {"subtype": "category"})
    assert [item["id"] for item in response.json()] == [post.pk]


def test_post_format_handler_reads_no_subtype(api_client):
    PostFactory(format="quote")
    body = api_client.get(URL, {"type": "post-format", "subtype": "page,post_tag"}).json()
    assert [item["id"] for item in body] == ["quote"]
    assert api_client.get(URL, {"type": "post-format", "search": "quo"}).json()[0]["id"] == "quote"
