"""Creating, updating, trashing and deleting posts and pages: WordPress's rules per role and
its error codes."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from content.models import Post, PostMeta
from taxonomy.models import TermRelationship
from tests.content.conftest import PAGES, POSTS, SITE, T0
from tests.factories import PageFactory, PostFactory
from tests.helpers import assert_wp_error


def create(api_client, user, data, url=POSTS):
    api_client.force_authenticate(user)
    return api_client.post(url, data, format="json")


# --- create ----------------------------------------------------------------------------------
def test_create_answers_201_edit_context_and_location(api_client, admin_user, uncategorized):
    response = create(
        api_client,
        admin_user,
        {
            "title": "Created via REST",
            "status": "publish",
            "content": "<!-- wp:paragraph -->\n<p>Hello.</p>\n<!-- /wp:paragraph -->",
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert response["Location"] == f"{SITE}/wp-json/wp/v2/posts/{body['id']}"
    assert body["slug"] == "created-via-rest"
    assert body["link"] == f"{SITE}/created-via-rest/"
    assert body["guid"] == {
        "rendered": f"{SITE}/created-via-rest/",
        "raw": f"{SITE}/created-via-rest/",
    }
    assert body["content"] == {
        "raw": "<!-- wp:paragraph -->\n<p>Hello.</p>\n<!-- /wp:paragraph -->",
        "rendered": "\n<p>Hello.</p>\n",
        "protected": False,
        "block_version": 1,
    }
    assert body["excerpt"]["rendered"] == "<p>Hello.</p>\n"
    assert body["categories"] == [uncategorized.pk]
    assert body["author"] == admin_user.pk
    assert body["comment_status"] == "open"
    assert body["ping_status"] == "closed"
    assert body["_links"]["version-history"][0]["count"] == 0


def test_create_defaults_to_draft_with_empty_slug_and_floating_date(api_client, author):
    response = create(api_client, author, {"title": "Temp: to delete"})
    body = response.json()
    assert body["status"] == "draft"
    assert body["slug"] == ""
    assert body["generated_slug"] == "temp-to-delete"
    assert body["link"] == f"{SITE}/?p={body['id']}"
    assert body["permalink_template"] == f"{SITE}/%postname%/"
    assert Post.objects.get(pk=body["id"]).date_gmt_set is False


def test_title_content_excerpt_accept_raw_objects(api_client, author):
    body = create(
        api_client,
        author,
        {"title": {"raw": "Raw title"}, "content": {"raw": "Body"}, "excerpt": {"raw": "Short"}},
    ).json()
    assert body["title"]["raw"] == "Raw title"
    assert body["content"]["raw"] == "Body"
    assert body["excerpt"]["raw"] == "Short"


def test_slugs_are_unique_per_type_when_published(api_client, editor):
    PostFactory(slug="hello")
    PageFactory(slug="hello-2")
    body = create(api_client, editor, {"title": "Hello", "status": "publish"}).json()
    assert body["slug"] == "hello-2"
    body = create(api_client, editor, {"title": "Hello", "status": "publish"}).json()
    assert body["slug"] == "hello-3"
    body = create(
        api_client, editor, {"title": "x", "slug": "Hello World!", "status": "publish"}
    ).json()
    assert body["slug"] == "hello-world"


def test_draft_with_explicit_slug_is_made_unique(api_client, editor):
    PostFactory(slug="taken")
    body = create(api_client, editor, {"title": "x", "slug": "taken"}).json()
    assert body["status"] == "draft"
    assert body["slug"] == "taken-2"


def test_page_slugs_unique_per_parent(api_client, editor):
    about = PageFactory(slug="about")
    PageFactory(slug="team", parent=about)
    body = create(api_client, editor, {"title": "Team", "status": "publish"}, PAGES).json()
    assert body["slug"] == "team"
    body = create(
        api_client, editor, {"title": "Team", "status": "publish", "parent": about.pk}, PAGES
    ).json()
    assert body["slug"] == "team-2"
    assert body["link"] == f"{SITE}/about/team-2/"
    assert body["comment_status"] == "closed"


def test_future_date_schedules_and_past_future_publishes(api_client, editor):
    later = (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%S")
    body = create(api_client, editor, {"title": "Later", "status": "publish", "date": later}).json()
    assert body["status"] == "future"
    assert body["date"] == later
    body = create(
        api_client, editor, {"title": "Past", "status": "future", "date_gmt": "2020-01-01T00:00:00"}
    ).json()
    assert body["status"] == "publish"
    assert body["date_gmt"] == "2020-01-01T00:00:00"


def test_date_is_site_local_and_date_gmt_is_utc(api_client, editor, settings):
    settings.WP_TIMEZONE = "Europe/Paris"
    body = create(api_client, editor, {"title": "a", "date": "2024-06-01T12:00:00"}).json()
    assert (body["date"], body["date_gmt"]) == ("2024-06-01T12:00:00", "2024-06-01T10:00:00")
    body = create(api_client, editor, {"title": "b", "date_gmt": "2024-06-01T12:00:00"}).json()
    assert (body["date"], body["date_gmt"]) == ("2024-06-01T14:00:00", "2024-06-01T12:00:00")
    body = create(api_client, editor, {"title": "c", "date": "2024-06-01T12:00:00Z"}).json()
    assert (body["date"], body["date_gmt"]) == ("2024-06-01T14:00:00", "2024-06-01T12:00:00")


def test_a_new_post_was_last_modified_when_it_is_dated(api_client, editor):
    # wp_insert_post() stores post_date as post_modified on insert, whatever the status
    for url, status in ((POSTS, "publish"), (PAGES, "draft"), (POSTS, "future")):
        body = create(
            api_client,
            editor,
            {"title": "Dated", "status": status, "date": "2022-01-01T09:14:00"},
            url=url,
        ).json()
        assert (body["modified"], body["modified_gmt"]) == (body["date"], body["date_gmt"])
        assert body["modified"] == "2022-01-01T09:14:00"
    body = create(api_client, editor, {"title": "Undated"}).json()
    assert body["modified"] == body["date"]


def test_a_null_date_gmt_resets_a_date_given_beside_it(api_client, editor):
    # prepare_item_for_database(): the null reset comes after the date is read, and wins
    before = timezone.now().replace(microsecond=0)
    body = create(
        api_client,
        editor,
        {"title": "x", "status": "publish", "date": "2022-01-04T01:22:00", "date_gmt": None},
        url=PAGES,
    ).json()
    assert body["date"] != "2022-01-04T01:22:00"
    assert body["date_gmt"] >= before.strftime("%Y-%m-%dT%H:%M:%S")


def test_an_empty_raw_title_leaves_the_title(api_client, editor):
    """prepare_item_for_database() takes title.raw only when it is not empty(); content and
    excerpt take any raw that is set."""
    post = PostFactory(author=editor, title="Kept", content="Body", excerpt="Ex")
    api_client.force_authenticate(editor)
    body = api_client.patch(
        f"{POSTS}/{post.pk}",
        {"title": {"raw": ""}, "content": {"raw": ""}, "excerpt": {"raw": ""}},
        format="json",
    ).json()
    assert (body["title"]["raw"], body["content"]["raw"], body["excerpt"]["raw"]) == (
        "Kept",
        "",
        "",
    )
    body = api_client.patch(
        f"{POSTS}/{post.pk}", {"title": "", "content": "c"}, format="json"
    ).json()
    assert body["title"]["raw"] == ""  # a plain string is taken as it is


def test_bad_date_is_rejected(api_client, editor):
    body = assert_wp_error(
        create(api_client, editor, {"title": "a", "date": "soon"}), "rest_invalid_param", 400
    )
    assert body["data"]["params"] == {"date": "Invalid date."}


@pytest.mark.parametrize(
    ("role", "status", "code"),
    [
        ("contributor", "publish", "rest_cannot_publish"),
        ("contributor", "future", "rest_cannot_publish"),
        ("contributor", "private", "rest_cannot_publish"),
    ],
)
def test_contributor_cannot_publish(api_client, user_with_role, role, status, code):
    body = assert_wp_error(
        create(api_client, user_with_role(role), {"title": "x", "status": status}), code, 403
    )
    assert Post.objects.count() == 0
    if status == "private":
        assert body["message"] == (
            "Sorry, you are not allowed to create private posts in this post type."
        )
    else:
        assert body["message"] == "Sorry, you are not allowed to publish posts in this post type."


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("administrator", 201),
        ("editor", 201),
        ("author", 201),
        ("contributor", 201),
        ("subscriber", 403),
    ],
)
def test_who_may_create_posts(api_client, user_with_role, role, expected):
    response = create(api_client, user_with_role(role), {"title": "x", "status": "pending"})
    assert response.status_code == expected
    if expected == 403:
        assert_wp_error(response, "rest_cannot_create", 403)


@pytest.mark.parametrize(
    ("role", "expected"), [("editor", 201), ("author", 403), ("contributor", 403)]
)
def test_who_may_create_pages(api_client, user_with_role, role, expected):
    response = create(api_client, user_with_role(role), {"title": "x"}, PAGES)
    assert response.status_code == expected


def test_anonymous_create_is_401(api_client):
    body = assert_wp_error(api_client.post(POSTS, {"title": "x"}), "rest_cannot_create", 401)
    assert body["message"] == "Sorry, you are not allowed to create posts as this user."


def test_author_publishes_own(api_client, author):
    assert (
        create(api_client, author, {"title": "x", "status": "publish"}).json()["status"]
        == "publish"
    )


def test_create_with_id_is_rest_post_exists(api_client, editor):
    assert_wp_error(create(api_client, editor, {"id": 5, "title": "x"}), "rest_post_exists", 400)


def test_author_for_someone_else_needs_edit_others_posts(api_client, author, editor):
    body = assert_wp_error(
        create(api_client, author, {"title": "x", "author": editor.pk}),
        "rest_cannot_edit_others",
        403,
    )
    assert body["message"] == "Sorry, you are not allowed to create posts as this user."
    body = create(api_client, editor, {"title": "x", "author": author.pk}).json()
    assert body["author"] == author.pk


def test_invalid_author(api_client, editor):
    body = assert_wp_error(
        create(api_client, editor, {"title": "x", "author": 99999}), "rest_invalid_author", 400
    )
    assert body["message"] == "Invalid author ID."


def test_sticky_needs_publish_or_edit_others(api_client, contributor, author):
    assert_wp_error(
        create(api_client, contributor, {"title": "x", "sticky": True}),
        "rest_cannot_assign_sticky",
        403,
    )
    body = create(api_client, author, {"title": "x", "sticky": True, "status": "publish"}).json()
    assert body["sticky"] is True


def test_password_and_sticky_are_exclusive(api_client, editor):
    body = assert_wp_error(
        create(api_client, editor, {"title": "x", "sticky": True, "password": "pw"}),
        "rest_invalid_field",
        400,
    )
    assert body["message"] == "A post can not be sticky and have a password."
    sticky = PostFactory(sticky=True, author=editor)
    api_client.force_authenticate(editor)
    body = assert_wp_error(
        api_client.post(f"{POSTS}/{sticky.pk}", {"password": "pw"}, format="json"),
        "rest_invalid_field",
        400,
    )
    assert body["message"] == "A sticky post can not be password protected."
    protected = PostFactory(password="pw", author=editor)
    body = assert_wp_error(
        api_client.post(f"{POSTS}/{protected.pk}", {"sticky": True}, format="json"),
        "rest_invalid_field",
        400,
    )
    assert body["message"] == "A password protected post can not be set to sticky."


def test_featured_media_only_takes_attachments_and_ignores_others(api_client, editor):
    """WordPress 6.1 drops set_post_thumbnail()'s refusal: 201, no image (checked live)."""
    media = PostFactory(type="attachment", status="inherit")
    other = PostFactory()
    response = create(api_client, editor, {"title": "x", "featured_media": other.pk})
    assert response.status_code == 201
    assert response.json()["featured_media"] == 0
    body = create(api_client, editor, {"title": "x", "featured_media": media.pk}).json()
    assert body["featured_media"] == media.pk
    assert body["_links"]["wp:featuredmedia"][0]["href"].endswith(f"/media/{media.pk}")
    api_client.force_authenticate(editor)
    url = f"{POSTS}/{body['id']}"
    assert (
        api_client.post(url, {"featured_media": 99999}, format="json").json()["featured_media"]
        == media.pk
    )
    body = api_client.post(url, {"featured_media": 0}, format="json").json()
    assert body["featured_media"] == 0
    assert "wp:featuredmedia" not in body["_links"]


def test_page_parent_must_exist(api_client, editor):
    body = assert_wp_error(
        create(api_client, editor, {"title": "x", "parent": 99999}, PAGES),
        "rest_post_invalid_id",
        400,
    )
    assert body["message"] == "Invalid post parent ID."


def test_categories_and_tags_replace_unknown_ids_skipped(
    api_client, editor, cats, tags, uncategorized
):
    body = create(
        api_client,
        editor,
        {"title": "x", "categories": [cats["news"].pk, 99999], "tags": [tags["alpha"].pk]},
    ).json()
    assert body["categories"] == [cats["news"].pk]
    assert body["tags"] == [tags["alpha"].pk]
    api_client.force_authenticate(editor)
    body = api_client.post(
        f"{POSTS}/{body['id']}", {"tags": [tags["beta"].pk]}, format="json"
    ).json()
    assert body["tags"] == [tags["beta"].pk]
    assert body["categories"] == [cats["news"].pk]


def test_categories_must_be_integers(api_client, editor):
    body = assert_wp_error(
        create(api_client, editor, {"title": "x", "categories": ["a"]}), "rest_invalid_param", 400
    )
    assert body["data"]["params"] == {"categories": "categories[0] is not of type integer."}


def test_subscriber_cannot_assign_terms_via_update(api_client, contributor, cats, settings):
    from wpapi.registry.taxonomies import CORE_TAXONOMIES, Taxonomy, _caps

    # a taxonomy whose terms only editors may assign
    strict = Taxonomy(
        "strict",
        "Strict",
        "Strict",
        "strict",
        object_types=("post",),
        capabilities=_caps(
            "manage_categories", "manage_categories", "manage_categories", "manage_categories"
        ),
    )
    settings.WP_TAXONOMIES = {}
    from unittest import mock

    from tests.factories import TermFactory

    term = TermFactory(taxonomy="strict")
    with mock.patch.dict(CORE_TAXONOMIES, {"strict": strict}):
        body = assert_wp_error(
            create(api_client, contributor, {"title": "x", "strict": [term.pk]}),
            "rest_cannot_assign_term",
            403,
        )
    assert body["message"] == "Sorry, you are not allowed to assign the provided terms."


def test_format_template_and_enums(api_client, editor):
    body = create(api_client, editor, {"title": "x", "format": "quote"}).json()
    assert body["format"] == "quote"
    assert_wp_error(
        create(api_client, editor, {"title": "x", "format": "poem"}), "rest_invalid_param", 400
    )
    assert_wp_error(
        create(api_client, editor, {"title": "x", "comment_status": "maybe"}),
        "rest_invalid_param",
        400,
    )
    body = assert_wp_error(
        create(api_client, editor, {"title": "x", "template": "nope.php"}),
        "rest_invalid_param",
        400,
    )
    assert body["data"]["params"] == {"template": "template is not one of ."}


THEME_TEMPLATES = {"blog-alternative": ["page"], "blank": ["page", "post"]}


def test_templates_are_those_of_the_post_type(api_client, editor, settings):
    """check_template(): the theme's templates for the type, in its order; an error without
    data, for any value that is not one of them (a number too); empty values pass."""
    settings.WP_TEMPLATES = THEME_TEMPLATES
    body = create(api_client, editor, {"title": "x", "template": "blank"}, url=PAGES).json()
    assert body["template"] == "blank"
    for url, allowed in ((PAGES, "blog-alternative, blank"), (POSTS, "blank")):
        for value in ("nope", 5, True):
            body = assert_wp_error(
                create(api_client, editor, {"title": "x", "template": value}, url=url),
                "rest_invalid_param",
                400,
            )
            message = f"template is not one of {allowed}."
            assert body["data"]["params"] == {"template": message}
            assert body["data"]["details"]["template"] == {
                "code": "rest_invalid_param",
                "message": message,
                "data": None,
            }
    body = create(api_client, editor, {"title": "x", "template": "blog-alternative"}).json()
    assert body["data"]["params"] == {"template": "template is not one of blank."}
    assert create(api_client, editor, {"title": "x", "template": ""}).status_code == 201


def test_a_flat_template_list_is_for_pages(api_client, editor, settings):
    settings.WP_TEMPLATES = ["wide.php"]
    assert (
        create(api_client, editor, {"title": "x", "template": "wide.php"}, PAGES).status_code == 201
    )
    body = create(api_client, editor, {"title": "x", "template": "wide.php"}).json()
    assert body["data"]["params"] == {"template": "template is not one of ."}


def test_an_update_checks_the_templates_of_the_post_it_names(api_client, editor, settings):
    settings.WP_TEMPLATES = THEME_TEMPLATES
    page = PageFactory(author=editor, template="retired.php")
    api_client.force_authenticate(editor)
    # the template a post has is kept even when the theme no longer offers it
    response = api_client.post(f"{PAGES}/{page.pk}", {"template": "retired.php"}, format="json")
    assert response.status_code == 200
    # the ID's own type decides, whatever the route
    body = api_client.post(f"{POSTS}/{page.pk}", {"template": "x"}, format="json").json()
    assert body["data"]["params"] == {"template": "template is not one of blog-alternative, blank."}
    # arguments are checked before the post is looked up
    body = api_client.post(f"{PAGES}/987654", {"template": "x"}, format="json").json()
    assert body["data"]["params"] == {"template": "template is not one of blog-alternative, blank."}


def test_unknown_status_is_rejected_by_schema(api_client, editor):
    assert_wp_error(
        create(api_client, editor, {"title": "x", "status": "trash"}), "rest_invalid_param", 400
    )


def test_meta_writes_registered_keys_only(api_client, editor, settings):
    settings.WP_POST_META = {"ref_rating": {"type": "integer", "single": True, "default": 0}}
    body = create(
        api_client, editor, {"title": "x", "meta": {"ref_rating": 4, "secret": "y"}}
    ).json()
    assert body["meta"] == {"ref_rating": 4}
    assert not PostMeta.objects.filter(key="secret").exists()
    # update_value()'s own error, as the reference answers
    body = assert_wp_error(
        create(api_client, editor, {"title": "x", "meta": {"ref_rating": "high"}}),
        "rest_invalid_type",
        400,
    )
    assert body["additional_data"] == [{"param": "meta.ref_rating"}]


# --- update ----------------------------------------------------------------------------------
def test_update_creates_revisions_when_content_changes(api_client, editor):
    post = PostFactory(author=editor, title="One", slug="one")
    api_client.force_authenticate(editor)
    url = f"{POSTS}/{post.pk}"
    body = api_client.post(url, {"title": "Two"}, format="json").json()
    assert body["title"]["raw"] == "Two"
    assert body["slug"] == "one"
    assert body["generated_slug"] == "two"
    assert body["_links"]["version-history"][0]["count"] == 1
    revision = Post.objects.get(type="revision")
    assert (revision.parent_id, revision.status, revision.title) == (post.pk, "inherit", "Two")
    assert body["_links"]["predecessor-version"][0]["id"] == revision.pk
    body = api_client.patch(url, {"comment_status": "closed"}, format="json").json()
    assert body["_links"]["version-history"][0]["count"] == 1
    body = api_client.put(url, {"content": "New body"}, format="json").json()
    assert body["_links"]["version-history"][0]["count"] == 2


def test_update_bumps_modified_only(api_client, editor):
    post = PostFactory(author=editor, date=T0, modified=T0)
    api_client.force_authenticate(editor)
    body = api_client.post(f"{POSTS}/{post.pk}", {"excerpt": "e"}, format="json").json()
    assert body["date"] == "2024-01-01T10:00:00"
    assert body["modified"] != "2024-01-01T10:00:00"


def test_floating_draft_gets_its_date_when_published(api_client, editor):
    post = PostFactory(
        author=editor,
        status="draft",
        slug="",
        date_gmt_set=False,
        date=datetime(2020, 1, 1, tzinfo=UTC),
        title="Soon",
    )
    api_client.force_authenticate(editor)
    body = api_client.post(f"{POSTS}/{post.pk}", {"status": "publish"}, format="json").json()
    assert body["status"] == "publish"
    assert body["date"][:4] == str(timezone.now().year)
    assert body["slug"] == "soon"


@pytest.mark.parametrize(
    ("role", "own", "status", "expected"),
    [
        ("contributor", True, "draft", 200),
        ("contributor", True, "publish", 403),
        ("contributor", False, "draft", 403),
        ("author", True, "publish", 200),
        ("author", False, "publish", 403),
        ("editor", False, "publish", 200),
        ("editor", False, "private", 200),
        ("subscriber", True, "draft", 403),
    ],
)
def test_who_may_edit(api_client, user_with_role, role, own, status, expected):
    user = user_with_role(role)
    post = PostFactory(status=status, author=user if own else PostFactory().author)
    api_client.force_authenticate(user)
    response = api_client.post(f"{POSTS}/{post.pk}", {"title": "new"}, format="json")
    assert response.status_code == expected
    if expected == 403:
        body = assert_wp_error(response, "rest_cannot_edit", 403)
        assert body["message"] == "Sorry, you are not allowed to edit this post."


def test_update_unknown_post(api_client, editor):
    api_client.force_authenticate(editor)
    assert_wp_error(
        api_client.post(f"{POSTS}/99999", {"title": "x"}, format="json"),
        "rest_post_invalid_id",
        404,
    )


def test_update_author_change(api_client, author, editor):
    post = PostFactory(author=author, status="draft")
    api_client.force_authenticate(author)
    body = assert_wp_error(
        api_client.post(f"{POSTS}/{post.pk}", {"author": editor.pk}, format="json"),
        "rest_cannot_edit_others",
        403,
    )
    assert body["message"] == "Sorry, you are not allowed to update posts as this user."


def test_contributor_cannot_publish_own_draft(api_client, contributor):
    post = PostFactory(author=contributor, status="draft")
    api_client.force_authenticate(contributor)
    assert_wp_error(
        api_client.post(f"{POSTS}/{post.pk}", {"status": "publish"}, format="json"),
        "rest_cannot_publish",
        403,
    )
    body = api_client.post(f"{POSTS}/{post.pk}", {"status": "pending"}, format="json").json()
    assert body["status"] == "pending"


# --- delete ----------------------------------------------------------------------------------
def test_delete_trashes_then_410(api_client, editor):
    post = PostFactory(slug="temp-to-trash", author=editor)
    api_client.force_authenticate(editor)
    response = api_client.delete(f"{POSTS}/{post.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "trash"
    assert body["slug"] == "temp-to-trash__trashed"
    assert body["link"] == f"{SITE}/?p={post.pk}"
    assert body["permalink_template"] == f"{SITE}/?p={post.pk}"
    assert "password" in body
    assert "_links" in body
    body = assert_wp_error(api_client.delete(f"{POSTS}/{post.pk}"), "rest_already_trashed", 410)
    assert body["message"] == "The post has already been deleted."


def test_leaving_the_trash_gives_the_slug_back(api_client, editor):
    """wp_insert_post(): a post whose status leaves the trash takes its _wp_desired_post_slug
    again (checked against WordPress 6.1: trash, then status=draft)."""
    post = PostFactory(slug="back-again", author=editor)
    api_client.force_authenticate(editor)
    api_client.delete(f"{POSTS}/{post.pk}")
    body = api_client.post(f"{POSTS}/{post.pk}", {"status": "draft"}, format="json").json()
    assert (body["status"], body["slug"]) == ("draft", "back-again")


def test_force_delete_returns_previous_without_links(api_client, editor):
    post = PostFactory(author=editor)
    child = PostFactory(type="revision", status="inherit", parent=post)
    api_client.force_authenticate(editor)
    response = api_client.delete(f"{POSTS}/{post.pk}", {"force": "true"})
    assert response.status_code == 200
    body = response.json()
    assert body["deleted"] is True
    assert body["previous"]["id"] == post.pk
    assert "_links" not in body["previous"]
    assert "raw" in body["previous"]["title"]
    assert not Post.objects.filter(pk__in=[post.pk, child.pk]).exists()
    assert not TermRelationship.objects.filter(post_id=post.pk).exists()


def test_deleting_a_page_moves_children_up(api_client, editor):
    top = PageFactory()
    middle = PageFactory(parent=top)
    bottom = PageFactory(parent=middle)
    api_client.force_authenticate(editor)
    assert api_client.delete(f"{PAGES}/{middle.pk}?force=true").status_code == 200
    bottom.refresh_from_db()
    assert bottom.parent_id == top.pk


@pytest.mark.parametrize(
    ("role", "own", "status", "expected"),
    [
        ("contributor", True, "draft", 200),
        ("contributor", True, "publish", 403),
        ("author", True, "publish", 200),
        ("author", False, "draft", 403),
        ("editor", False, "publish", 200),
        ("subscriber", True, "draft", 403),
    ],
)
def test_who_may_delete(api_client, user_with_role, role, own, status, expected):
    user = user_with_role(role)
    post = PostFactory(status=status, author=user if own else PostFactory().author)
    api_client.force_authenticate(user)
    response = api_client.delete(f"{POSTS}/{post.pk}")
    assert response.status_code == expected
    if expected == 403:
        body = assert_wp_error(response, "rest_cannot_delete", 403)
        assert body["message"] == "Sorry, you are not allowed to delete this post."


def test_anonymous_delete_is_401_with_allow_get(api_client):
    post = PostFactory()
    response = api_client.delete(f"{POSTS}/{post.pk}")
    assert_wp_error(response, "rest_cannot_delete", 401)
    assert response["Allow"] == "GET"


def test_bad_force_value(api_client, editor):
    post = PostFactory(author=editor)
    api_client.force_authenticate(editor)
    assert_wp_error(api_client.delete(f"{POSTS}/{post.pk}?force=maybe"), "rest_invalid_param", 400)


def test_invalid_json_body(api_client, editor):
    api_client.force_authenticate(editor)
    response = api_client.generic("POST", POSTS, "{bad", content_type="application/json")
    assert_wp_error(response, "rest_invalid_json", 400)


def test_empty_post_is_refused_like_wordpress(api_client, editor):
    body = assert_wp_error(create(api_client, editor, {"title": 5}), "empty_content", 400)
    assert body["message"] == "Content, title, and excerpt are empty."
    assert_wp_error(create(api_client, editor, {"status": "draft"}), "empty_content", 400)
    # pages have no excerpt support, so WordPress lets an empty page through
    assert create(api_client, editor, {}, PAGES).status_code == 201
    post = PostFactory(author=editor, title="t", content="", excerpt="")
    assert_wp_error(
        api_client.post(f"{POSTS}/{post.pk}", {"title": ""}, format="json"), "empty_content", 400
    )


def test_trashing_unsticks(api_client, editor):
    post = PostFactory(author=editor, sticky=True)
    api_client.force_authenticate(editor)
    assert api_client.delete(f"{POSTS}/{post.pk}").json()["sticky"] is False


@pytest.mark.parametrize(
    ("url", "title", "slug"),
    [
        (POSTS, "123", "123-2"),
        (POSTS, "feed", "feed-2"),
        (POSTS, "embed", "embed-2"),
        (POSTS, "0", "0"),
        (PAGES, "42", "42-2"),
        (PAGES, "page2", "page2-2"),
        (PAGES, "rss2", "rss2-2"),
    ],
)
def test_reserved_slugs_get_a_suffix(api_client, editor, url, title, slug):
    body = create(
        api_client, editor, {"title": title, "content": "c", "status": "publish"}, url
    ).json()
    assert body["slug"] == slug


def test_private_posts_lose_their_password(api_client, editor):
    body = create(api_client, editor, {"title": "x", "status": "private", "password": "pw"})
    assert body.json()["password"] == ""
    assert body.json()["content"]["protected"] is False


@pytest.mark.parametrize(
    ("role", "filtered"),
    [("author", True), ("contributor", True), ("editor", False), ("administrator", False)],
)
def test_kses_without_unfiltered_html(api_client, user_with_role, role, filtered):
    content = (
        '<!-- wp:paragraph -->\n<p onclick="steal()">Hi<script>alert(1)</script></p>\n'
        "<!-- /wp:paragraph -->"
    )
    body = create(
        api_client,
        user_with_role(role),
        {
            "title": "<em>T</em><img src=x onerror=y>",
            "content": content,
            "excerpt": "<iframe src=x></iframe>Ex",
        },
    ).json()
    if filtered:
        assert body["title"]["raw"] == "<em>T</em>"
        assert body["content"]["raw"] == (
            "<!-- wp:paragraph -->\n<p>Hialert(1)</p>\n<!-- /wp:paragraph -->"
        )
        assert body["excerpt"]["raw"] == "Ex"
    else:
        assert body["content"]["raw"] == content
        assert "<script>" in body["content"]["rendered"]


@pytest.mark.parametrize("role", ["contributor", "administrator"])
def test_links_with_a_target_get_noopener_for_everyone(api_client, user_with_role, role):
    """wp_targeted_link_rel() on content_save_pre & co., after kses; kses itself cuts a bad
    protocol off a URL and keeps the rest."""
    content = (
        '<a href="javascript:alert(1)">js</a> <a href="https://example.org/" target="_blank">ok</a>'
        ' <a href="/x" target="_top" rel="nofollow">x</a>'
    )
    body = create(
        api_client, user_with_role(role), {"title": "Links", "content": content, "excerpt": content}
    ).json()
    js = (
        '<a href="alert(1)">js</a>'
        if role == "contributor"
        else '<a href="javascript:alert(1)">js</a>'
    )
    expected = (
        f'{js} <a href="https://example.org/" target="_blank" rel="noopener">ok</a>'
        ' <a href="/x" target="_top" rel="nofollow noopener">x</a>'
    )
    assert body["content"]["raw"] == expected
    assert body["excerpt"]["raw"] == expected


def test_bad_arguments_still_answer_with_allow(api_client, editor):
    response = create(api_client, editor, {"title": "x", "status": "bogus"})
    assert_wp_error(response, "rest_invalid_param", 400)
    assert response["Allow"] == "GET, POST"
    post = PostFactory(author=editor)
    response = api_client.get(f"{POSTS}/{post.pk}", {"context": "bogus"})
    assert response["Allow"] == "GET, POST, PUT, PATCH, DELETE"


def test_page_parent_loops_are_broken(api_client, editor):
    top = PageFactory()
    child = PageFactory(parent=top)
    grandchild = PageFactory(parent=child)
    api_client.force_authenticate(editor)
    body = api_client.post(f"{PAGES}/{top.pk}", {"parent": top.pk}, format="json").json()
    assert body["parent"] == 0
    body = api_client.post(f"{PAGES}/{top.pk}", {"parent": grandchild.pk}, format="json").json()
    assert body["parent"] == grandchild.pk
    grandchild.refresh_from_db()
    assert grandchild.parent_id is None


def test_new_posts_follow_the_discussion_options(api_client, editor):
    from wpapi.site import update_options

    update_options({"default_comment_status": "closed", "default_ping_status": "open"})
    body = create(api_client, editor, {"title": "x"}).json()
    assert (body["comment_status"], body["ping_status"]) == ("closed", "open")
    page = create(api_client, editor, {"title": "x"}, PAGES).json()
    assert (page["comment_status"], page["ping_status"]) == ("closed", "closed")


def test_dates_follow_the_timezone_option(api_client, editor):
    from wpapi.site import update_options

    update_options({"timezone": "Asia/Tokyo"})
    body = create(api_client, editor, {"title": "x", "date": "2024-06-01T12:00:00"}).json()
    assert (body["date"], body["date_gmt"]) == ("2024-06-01T12:00:00", "2024-06-01T03:00:00")
