"""Reading posts and pages: one complete object per type against WordPress 6.1's, contexts,
`_links`, `_embed`, `_fields`, single-item errors."""

from datetime import timedelta

import pytest

from content.models import Post
from tests.content.conftest import PAGES, POSTS, SITE, T0
from tests.factories import PageFactory, PostFactory, RevisionFactory
from tests.helpers import assert_wp_error

CURIES = [{"name": "wp", "href": "https://api.w.org/{rel}", "templated": True}]


def test_published_post_matches_wordpress_key_by_key(api_client, make_post, cats, tags):
    """Shape of sample-post-single.txt (WordPress 6.1), field by field and in order."""
    media = PostFactory(type="attachment", status="inherit", slug="img", title="img")
    post = make_post(
        title="Reference post 3: Minim ex proident sunt",
        slug="reference-post-3",
        content="<!-- wp:paragraph -->\n<p>First.</p>\n<!-- /wp:paragraph -->\n\n"
        "<!-- wp:paragraph -->\n<p>Second.</p>\n<!-- /wp:paragraph -->",
        excerpt="Hand-written excerpt for post 3.",
        format="aside",
        ping_status="closed",
        featured_media=media,
        guid="/reference-post-3/",
        terms=[cats["php"], tags["alpha"], tags["beta"]],
    )
    response = api_client.get(f"{POSTS}/{post.pk}")
    assert response.status_code == 200
    assert response["Allow"] == "GET"
    body = response.json()
    expected = {
        "id": post.pk,
        "date": "2024-01-01T10:00:00",
        "date_gmt": "2024-01-01T10:00:00",
        "guid": {"rendered": f"{SITE}/reference-post-3/"},
        "modified": "2024-01-01T10:00:00",
        "modified_gmt": "2024-01-01T10:00:00",
        "slug": "reference-post-3",
        "status": "publish",
        "type": "post",
        "link": f"{SITE}/reference-post-3/",
        "title": {"rendered": "Reference post 3: Minim ex proident sunt"},
        "content": {"rendered": "\n<p>First.</p>\n\n\n\n<p>Second.</p>\n", "protected": False},
        "excerpt": {"rendered": "<p>Hand-written excerpt for post 3.</p>\n", "protected": False},
        "author": post.author_id,
        "featured_media": media.pk,
        "comment_status": "open",
        "ping_status": "closed",
        "sticky": False,
        "template": "",
        "format": "aside",
        "meta": [],
        "categories": [cats["php"].pk],
        "tags": [tags["alpha"].pk, tags["beta"].pk],
        "_links": {
            "self": [{"href": f"{SITE}/wp-json/wp/v2/posts/{post.pk}"}],
            "collection": [{"href": f"{SITE}/wp-json/wp/v2/posts"}],
            "about": [{"href": f"{SITE}/wp-json/wp/v2/types/post"}],
            "author": [
                {"embeddable": True, "href": f"{SITE}/wp-json/wp/v2/users/{post.author_id}"}
            ],
            "replies": [
                {"embeddable": True, "href": f"{SITE}/wp-json/wp/v2/comments?post={post.pk}"}
            ],
            "version-history": [
                {"count": 0, "href": f"{SITE}/wp-json/wp/v2/posts/{post.pk}/revisions"}
            ],
            "wp:featuredmedia": [
                {"embeddable": True, "href": f"{SITE}/wp-json/wp/v2/media/{media.pk}"}
            ],
            "wp:attachment": [{"href": f"{SITE}/wp-json/wp/v2/media?parent={post.pk}"}],
            "wp:term": [
                {
                    "taxonomy": "category",
                    "embeddable": True,
                    "href": f"{SITE}/wp-json/wp/v2/categories?post={post.pk}",
                },
                {
                    "taxonomy": "post_tag",
                    "embeddable": True,
                    "href": f"{SITE}/wp-json/wp/v2/tags?post={post.pk}",
                },
            ],
            "curies": CURIES,
        },
    }
    assert list(body) == list(expected)
    for key, value in expected.items():
        assert body[key] == value, key


def test_edit_context_adds_raw_values_and_action_links(api_client, admin_user, make_post):
    post = make_post(title="Temp: to trash", slug="temp-to-trash", content="", author=admin_user)
    api_client.force_authenticate(admin_user)
    response = api_client.get(f"{POSTS}/{post.pk}", {"context": "edit"})
    assert response.status_code == 200
    assert response["Allow"] == "GET, POST, PUT, PATCH, DELETE"
    body = response.json()
    assert list(body)[:8] == [
        "id",
        "date",
        "date_gmt",
        "guid",
        "modified",
        "modified_gmt",
        "password",
        "slug",
    ]
    assert list(body)[-3:] == ["permalink_template", "generated_slug", "_links"]
    assert body["title"] == {"raw": "Temp: to trash", "rendered": "Temp: to trash"}
    assert body["content"] == {"raw": "", "rendered": "", "protected": False, "block_version": 0}
    assert body["excerpt"] == {"raw": "", "rendered": "", "protected": False}
    assert body["permalink_template"] == f"{SITE}/%postname%/"
    assert body["generated_slug"] == "temp-to-trash"
    assert body["password"] == ""
    actions = [rel for rel in body["_links"] if rel.startswith("wp:action")]
    assert actions == [
        "wp:action-publish",
        "wp:action-unfiltered-html",
        "wp:action-sticky",
        "wp:action-assign-author",
        "wp:action-create-categories",
        "wp:action-assign-categories",
        "wp:action-create-tags",
        "wp:action-assign-tags",
    ]
    assert body["_links"]["wp:action-publish"] == [
        {"href": f"{SITE}/wp-json/wp/v2/posts/{post.pk}"}
    ]


def test_contributor_edit_links_offer_no_publish_or_sticky(api_client, contributor, make_post):
    post = make_post(status="draft", author=contributor, slug="")
    api_client.force_authenticate(contributor)
    body = api_client.get(f"{POSTS}/{post.pk}", {"context": "edit"}).json()
    actions = [rel for rel in body["_links"] if rel.startswith("wp:action")]
    assert actions == [
        "wp:action-assign-categories",
        "wp:action-create-tags",
        "wp:action-assign-tags",
    ]


def test_embed_context_fields(api_client, make_post):
    post = make_post()
    body = api_client.get(f"{POSTS}/{post.pk}", {"context": "embed"}).json()
    assert [key for key in body if key != "_links"] == [
        "id",
        "date",
        "slug",
        "type",
        "link",
        "title",
        "excerpt",
        "author",
        "featured_media",
    ]
    assert set(body["excerpt"]) == {"rendered", "protected"}


def test_page_shape_has_parent_menu_order_and_up_link(api_client, make_post):
    about = PageFactory(
        title="About",
        slug="about",
        date=T0,
        modified=T0,
        menu_order=1,
        comment_status="closed",
        ping_status="closed",
    )
    team = PageFactory(
        title="Team",
        slug="team",
        parent=about,
        date=T0,
        modified=T0,
        menu_order=1,
        comment_status="closed",
        ping_status="closed",
    )
    body = api_client.get(f"{PAGES}/{team.pk}").json()
    assert [key for key in body if key != "_links"] == [
        "id",
        "date",
        "date_gmt",
        "guid",
        "modified",
        "modified_gmt",
        "slug",
        "status",
        "type",
        "link",
        "title",
        "content",
        "excerpt",
        "author",
        "featured_media",
        "parent",
        "menu_order",
        "comment_status",
        "ping_status",
        "template",
        "meta",
    ]
    assert body["link"] == f"{SITE}/about/team/"
    assert body["parent"] == about.pk
    assert body["menu_order"] == 1
    assert body["_links"]["up"] == [
        {"embeddable": True, "href": f"{SITE}/wp-json/wp/v2/pages/{about.pk}"}
    ]
    assert "wp:term" not in body["_links"]
    assert list(body["_links"]) == [
        "self",
        "collection",
        "about",
        "author",
        "replies",
        "version-history",
        "up",
        "wp:attachment",
        "curies",
    ]


def test_page_id_under_posts_is_not_found(api_client):
    page = PageFactory()
    assert_wp_error(api_client.get(f"{POSTS}/{page.pk}"), "rest_post_invalid_id", 404)
    assert_wp_error(api_client.get(f"{POSTS}/999999"), "rest_post_invalid_id", 404)


def test_unknown_id_answers_without_allow_header(api_client):
    response = api_client.get(f"{POSTS}/999999")
    assert not response.has_header("Allow")


def test_version_history_counts_revisions(api_client, make_post):
    post = make_post()
    RevisionFactory(parent=post, date=T0)
    last = RevisionFactory(parent=post, date=T0 + timedelta(hours=1))
    links = api_client.get(f"{POSTS}/{post.pk}").json()["_links"]
    assert links["version-history"][0]["count"] == 2
    assert links["predecessor-version"] == [
        {"id": last.pk, "href": f"{SITE}/wp-json/wp/v2/posts/{post.pk}/revisions/{last.pk}"}
    ]


def test_fields_trims_and_keeps_nested(api_client, make_post):
    post = make_post(title="Hello")
    body = api_client.get(f"{POSTS}/{post.pk}", {"_fields": "id,title.rendered"}).json()
    assert body == {"id": post.pk, "title": {"rendered": "Hello"}}


def test_embed_author_and_terms(api_client, make_post, cats):
    post = make_post(terms=[cats["news"]])
    body = api_client.get(f"{POSTS}/{post.pk}", {"_embed": "1"}).json()
    assert body["_embedded"]["author"][0]["id"] == post.author_id
    assert "wp:term" in body["_embedded"]


def test_draft_and_future_links_are_plain(api_client, admin_user, make_post):
    draft = make_post(status="draft", slug="")
    future = make_post(status="future", slug="later", date=T0 + timedelta(days=3650))
    api_client.force_authenticate(admin_user)
    assert api_client.get(f"{POSTS}/{draft.pk}").json()["link"] == f"{SITE}/?p={draft.pk}"
    assert api_client.get(f"{POSTS}/{future.pk}").json()["link"] == f"{SITE}/?p={future.pk}"
    page = PageFactory(status="draft")
    assert api_client.get(f"{PAGES}/{page.pk}").json()["link"] == f"{SITE}/?page_id={page.pk}"


def test_dates_are_site_local_and_gmt(api_client, settings, make_post):
    settings.WP_TIMEZONE = "Europe/Paris"
    post = make_post()
    body = api_client.get(f"{POSTS}/{post.pk}").json()
    assert body["date"] == "2024-01-01T11:00:00"
    assert body["date_gmt"] == "2024-01-01T10:00:00"
    assert body["modified"] == "2024-01-01T11:00:00"


def test_years_before_1000_have_four_digits_as_php_writes_them(api_client, make_post):
    from datetime import UTC, datetime

    post = make_post(date=datetime(853, 1, 8, 11, 52, 15, 900000, tzinfo=UTC))
    body = api_client.get(f"{POSTS}/{post.pk}").json()
    assert body["date"] == "0853-01-08T11:52:15"
    assert body["date_gmt"] == "0853-01-08T11:52:15"


def test_private_post_link_is_pretty_for_its_readers(api_client, editor, make_post):
    post = make_post(status="private", slug="secret-plans")
    api_client.force_authenticate(editor)
    assert api_client.get(f"{POSTS}/{post.pk}").json()["link"] == f"{SITE}/secret-plans/"


@pytest.mark.parametrize("context", ["view", "embed", "edit"])
def test_every_context_serializes(api_client, admin_user, make_post, context):
    post = make_post()
    api_client.force_authenticate(admin_user)
    assert api_client.get(f"{POSTS}/{post.pk}", {"context": context}).status_code == 200


def test_bad_context_is_rest_invalid_param(api_client, make_post):
    post = make_post()
    assert_wp_error(
        api_client.get(f"{POSTS}/{post.pk}", {"context": "nope"}), "rest_invalid_param", 400
    )


def test_options_describes_posts_route(api_client):
    body = api_client.options(POSTS).json()
    assert body["schema"]["title"] == "post"
    get_args = body["endpoints"][0]["args"]
    assert list(get_args) == [
        "context",
        "page",
        "per_page",
        "search",
        "after",
        "modified_after",
        "author",
        "author_exclude",
        "before",
        "modified_before",
        "exclude",
        "include",
        "offset",
        "order",
        "orderby",
        "slug",
        "status",
        "tax_relation",
        "categories",
        "categories_exclude",
        "tags",
        "tags_exclude",
        "sticky",
    ]
    post_args = body["endpoints"][1]["args"]
    assert list(post_args) == [
        "date",
        "date_gmt",
        "slug",
        "status",
        "password",
        "title",
        "content",
        "author",
        "excerpt",
        "featured_media",
        "comment_status",
        "ping_status",
        "format",
        "meta",
        "sticky",
        "template",
        "categories",
        "tags",
    ]
    assert "arg_options" not in str(body)


def test_options_describes_pages_route(api_client):
    body = api_client.options(PAGES).json()
    assert list(body["endpoints"][0]["args"]) == [
        "context",
        "page",
        "per_page",
        "search",
        "after",
        "modified_after",
        "author",
        "author_exclude",
        "before",
        "modified_before",
        "exclude",
        "include",
        "menu_order",
        "offset",
        "order",
        "orderby",
        "parent",
        "parent_exclude",
        "slug",
        "status",
    ]
    assert list(body["endpoints"][1]["args"]) == [
        "date",
        "date_gmt",
        "slug",
        "status",
        "password",
        "parent",
        "title",
        "content",
        "author",
        "excerpt",
        "featured_media",
        "comment_status",
        "ping_status",
        "menu_order",
        "meta",
        "template",
    ]
    assert list(body["schema"]["properties"]) == [
        "date",
        "date_gmt",
        "guid",
        "id",
        "link",
        "modified",
        "modified_gmt",
        "slug",
        "status",
        "type",
        "password",
        "permalink_template",
        "generated_slug",
        "parent",
        "title",
        "content",
        "author",
        "excerpt",
        "featured_media",
        "comment_status",
        "ping_status",
        "menu_order",
        "meta",
        "template",
    ]


def test_registered_meta_is_shown(api_client, settings, make_post):
    settings.WP_POST_META = {
        "ref_rating": {"type": "integer", "description": "Rating.", "default": 0, "single": True},
        "ref_keywords": {"type": "string", "description": "Keywords."},
    }
    post = make_post()
    post.meta_entries.create(key="ref_keywords", value="a")
    post.meta_entries.create(key="ref_keywords", value="b")
    post.meta_entries.create(key="_hidden", value="x")
    body = api_client.get(f"{POSTS}/{post.pk}").json()
    assert body["meta"] == {"ref_rating": 0, "ref_keywords": ["a", "b"]}


def test_custom_post_type_gets_its_own_route(api_client, settings):
    # routes are registered at import; the registry itself is read per request
    assert Post.objects.count() == 0
    settings.WP_POST_TYPES = {"book": {"name": "Books", "rest_base": "books"}}
    from content.serializers import PostSerializer

    schema = PostSerializer.for_type("book").schema["properties"]
    assert "sticky" not in schema
    assert "parent" not in schema
    assert "title" in schema


def test_private_title_keeps_wordpress_prefix(api_client, editor, make_post):
    post = make_post(status="private", title="Private post by Bob")
    guarded = make_post(status="private", title="Both", password="pw")
    api_client.force_authenticate(editor)
    body = api_client.get(f"{POSTS}/{post.pk}", {"context": "edit"}).json()
    assert body["title"] == {
        "raw": "Private post by Bob",
        "rendered": "Private: Private post by Bob",
    }
    assert api_client.get(f"{POSTS}/{guarded.pk}").json()["title"]["rendered"] == "Both"


def test_guid_is_the_first_permalink(api_client, editor):
    api_client.force_authenticate(editor)
    about = api_client.post(PAGES, {"title": "About", "status": "publish"}, format="json").json()
    team = api_client.post(
        PAGES, {"title": "Team", "status": "publish", "parent": about["id"]}, format="json"
    ).json()
    assert team["guid"]["raw"] == f"{SITE}/about/team/"
    assert team["permalink_template"] == f"{SITE}/about/%pagename%/"
    draft = api_client.post(PAGES, {"title": "Later"}, format="json").json()
    assert draft["guid"]["raw"] == f"{SITE}/?page_id={draft['id']}"
    private = api_client.post(POSTS, {"title": "Mine", "status": "private"}, format="json").json()
    assert private["guid"]["raw"] == f"{SITE}/mine/"


def test_options_schema_has_action_links_and_batch(api_client):
    body = api_client.options(f"{POSTS}").json()
    assert body["endpoints"][0]["allow_batch"] == {"v1": True}
    rels = [link["rel"].rsplit("/", 1)[1] for link in body["schema"]["links"]]
    assert rels == [
        "action-publish",
        "action-unfiltered-html",
        "action-sticky",
        "action-assign-author",
        "action-assign-categories",
        "action-create-categories",
        "action-assign-tags",
        "action-create-tags",
    ]
    assert body["schema"]["links"][0]["href"] == f"{SITE}/wp-json/wp/v2/posts/{{id}}"
    pages = api_client.options(PAGES).json()["schema"]["links"]
    assert [link["rel"].rsplit("/", 1)[1] for link in pages] == [
        "action-publish",
        "action-unfiltered-html",
        "action-assign-author",
    ]


def test_single_post_links_to_its_page(api_client, make_post):
    page = PageFactory(slug="about")
    response = api_client.get(f"{PAGES}/{page.pk}", {"_fields": "id"})
    assert response["Link"] == f'<{SITE}/about/>; rel="alternate"; type=text/html'
    post = make_post(slug="hello")
    response = api_client.get(f"{POSTS}/{post.pk}")
    assert response["Link"] == f'<{SITE}/hello/>; rel="alternate"; type=text/html'


def test_static_front_page_links_to_home(api_client):
    from wpapi.site import update_options

    page = PageFactory(slug="welcome")
    update_options({"show_on_front": "page", "page_on_front": page.pk})
    assert api_client.get(f"{PAGES}/{page.pk}").json()["link"] == f"{SITE}/"


def test_a_parent_without_a_slug_adds_nothing_to_the_permalink(api_client, admin_user):
    """get_page_uri() skips an ancestor whose post_name is empty (a draft)."""
    parent = PageFactory(status="draft", slug="", title="")
    child = PageFactory(status="draft", slug="", parent=parent)
    api_client.force_authenticate(admin_user)
    body = api_client.get(f"{PAGES}/{child.pk}", {"context": "edit"}).json()
    assert body["permalink_template"] == f"{SITE}/%pagename%/"
