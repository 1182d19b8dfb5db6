"""Posts, pages, reusable blocks and registered types in Django admin: one screen each, the
REST API's rules per role (they share the policies and the services), and the same side effects
(slugs, revisions, term counts, trash, scheduling)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from content.models import Post
from taxonomy.models import Term
from tests.factories import PageFactory, PostFactory, TagFactory, TermFactory

POSTS = "/admin/wp/post/"
PAGES = "/admin/wp/page/"
BLOCKS = "/admin/wp/wp_block/"


def form(**fields):
    """A post form as the browser sends it (checkboxes left out when unchecked)."""
    data = {
        "title": "",
        "slug": "",
        "content": "",
        "excerpt": "",
        "status": "draft",
        "visibility": "public",
        "password": "",
        "date_0": "",
        "date_1": "",
        "format": "standard",
        "comment_status": "on",
        "tags": "",
    }
    data.update(fields)
    return {name: value for name, value in data.items() if value is not None}


def post_form_of(post, **changes):
    """The edit form of `post` as the browser would send it back, with `changes`."""
    data = form(
        title=post.title,
        slug=post.slug,
        content=post.content,
        excerpt=post.excerpt,
        status="publish" if post.status == "private" else post.status,
        visibility="private" if post.status == "private" else "public",
        author=post.author_id,
        comment_status="on" if post.comment_status == "open" else None,
        ping_status="on" if post.ping_status == "open" else None,
    )
    if post.date_gmt_set:
        local = timezone.localtime(post.date)
        data["date_0"], data["date_1"] = local.strftime("%Y-%m-%d"), local.strftime("%H:%M:%S")
    data["categories"] = [
        str(pk) for pk in post.terms.filter(taxonomy="category").values_list("pk", flat=True)
    ]
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


@pytest.fixture
def logged_in(client, user_with_role):
    def login(role, **fields):
        user = user_with_role(role, **fields)
        client.force_login(user)
        return user

    return login


# --- one screen per type -------------------------------------------------------------------------
def test_each_type_has_its_own_list(client, logged_in):
    editor = logged_in("editor")
    post = PostFactory(title="A post", author=editor)
    page = PageFactory(title="A page", author=editor)
    block = PostFactory(type="wp_block", title="A block", author=editor)
    for url, shown, hidden in (
        (POSTS, post, (page, block)),
        (PAGES, page, (post, block)),
        (BLOCKS, block, (post, page)),
    ):
        body = client.get(url).content.decode()
        assert shown.title in body, url
        assert all(other.title not in body for other in hidden), url


def test_the_dashboard_lists_the_screens_in_wp_admin_order(client, logged_in):
    logged_in("editor")
    body = client.get("/admin/").content.decode()
    names = ["Posts", "Media", "Pages", "Reusable blocks", "Categories", "Tags", "Comments"]
    positions = [body.index(f">{name}<") for name in names]
    assert positions == sorted(positions)
    assert "Site settings" not in body  # administrators only
    assert 'href="/admin/users/user/"' not in body


# --- writing, as each role may ---------------------------------------------------------------
def test_editor_publishes_with_wordpress_slug_rules(client, logged_in):
    editor = logged_in("editor")
    PostFactory(slug="hello")
    response = client.post(f"{POSTS}add/", form(title="Hello", status="publish", author=editor.pk))
    assert response.status_code == 302, response.content[:3000]
    post = Post.objects.get(title="Hello")
    assert (post.slug, post.status, post.guid) == ("hello-2", "publish", "/hello-2/")
    assert post.terms.get().slug == "uncategorized"  # the default category, as the API gives


def test_content_is_kept_byte_for_byte(client, logged_in):
    editor = logged_in("editor")
    content = (
        '<!-- wp:paragraph {"align":"center"} -->\n<p class="has-text-align-center">'
        "Hi &amp; <em>bye</em>  </p>\n<!-- /wp:paragraph -->\n\n<script>x()</script>\n"
    )
    sent = content.replace("\n", "\r\n")  # a browser sends a textarea's lines with CRLF
    response = client.post(
        f"{POSTS}add/", form(title="  Spaced  ", content=sent, status="publish", author=editor.pk)
    )
    assert response.status_code == 302, response.content[:3000]
    post = Post.objects.get(type="post", status="publish")
    assert post.content == content
    assert post.title == "  Spaced  "


def test_author_html_goes_through_kses_like_the_api(client, logged_in):
    author = logged_in("author")
    client.post(f"{POSTS}add/", form(title="X", content="<p>ok</p><script>bad()</script>"))
    post = Post.objects.get(author=author)
    assert "<script>" not in post.content
    assert "<p>ok</p>" in post.content


def test_contributor_submits_for_review_but_cannot_publish(client, logged_in):
    contributor = logged_in("contributor")
    response = client.post(f"{POSTS}add/", form(title="Mine", status="publish"))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()  # not on the status menu
    assert not Post.objects.filter(title="Mine").exists()
    response = client.post(f"{POSTS}add/", form(title="Mine", status="pending"))
    assert response.status_code == 302
    post = Post.objects.get(title="Mine")
    assert (post.status, post.author_id) == ("pending", contributor.pk)
    page = client.get(f"{POSTS}{post.pk}/change/").content.decode()
    assert 'value="publish"' not in page  # the status menu offers what the role may set


def test_contributor_cannot_make_posts_private_or_sticky(client, logged_in):
    logged_in("contributor")
    response = client.post(f"{POSTS}add/", form(title="Hidden", visibility="private"))
    assert "not allowed to create private posts" in response.content.decode()
    response = client.post(f"{POSTS}add/", form(title="Top", sticky="on"))
    assert "not allowed to make posts sticky" in response.content.decode()
    assert not Post.objects.filter(type="post").exists()


@pytest.mark.parametrize(("role", "allowed"), [("author", False), ("editor", True)])
def test_editing_others_posts_needs_edit_others_posts(
    client, logged_in, user_with_role, role, allowed
):
    logged_in(role)
    other = PostFactory(author=user_with_role("author"), title="Theirs")
    response = client.post(f"{POSTS}{other.pk}/change/", post_form_of(other, title="Changed"))
    other.refresh_from_db()
    assert (other.title == "Changed") is allowed
    assert response.status_code == (302 if allowed else 403)
    # authors still see others' published posts, read-only
    assert client.get(f"{POSTS}{other.pk}/change/").status_code == 200


def test_author_edits_and_publishes_their_own(client, logged_in):
    author = logged_in("author")
    mine = PostFactory(author=author, status="draft", title="Draft")
    response = client.post(f"{POSTS}{mine.pk}/change/", post_form_of(mine, status="publish"))
    assert response.status_code == 302, response.content[:3000]
    mine.refresh_from_db()
    assert mine.status == "publish"


def test_author_cannot_give_a_post_to_someone_else(client, logged_in, user_with_role):
    author = logged_in("author")
    other = user_with_role("author")
    client.post(f"{POSTS}add/", form(title="Mine", author=other.pk))
    assert Post.objects.get(title="Mine").author_id == author.pk  # the field is locked


def test_editor_assigns_another_author(client, logged_in, user_with_role):
    logged_in("editor")
    other = user_with_role("author")
    client.post(f"{POSTS}add/", form(title="Theirs", author=other.pk))
    assert Post.objects.get(title="Theirs").author_id == other.pk


def test_subscriber_cannot_use_the_admin(client, logged_in):
    logged_in("subscriber")
    response = client.get(POSTS)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


# --- what the form holds ---------------------------------------------------------------------
def test_categories_tags_and_counts(client, logged_in):
    editor = logged_in("editor")
    news = TermFactory(name="News", slug="news")
    TagFactory(name="Old", slug="old")
    response = client.post(
        f"{POSTS}add/",
        form(
            title="Tagged",
            status="publish",
            author=editor.pk,
            categories=[str(news.pk)],
            tags="old, Brand New",
        ),
    )
    assert response.status_code == 302, response.content[:3000]
    post = Post.objects.get(title="Tagged")
    assert sorted(post.terms.values_list("name", flat=True)) == ["Brand New", "News", "Old"]
    news.refresh_from_db()
    assert news.count == 1  # the stored count follows, as after a REST write
    assert Term.objects.get(name="Brand New").count == 1


def test_featured_image_and_format_and_sticky(client, logged_in):
    editor = logged_in("editor")
    image = PostFactory(type="attachment", status="inherit", mime_type="image/png", title="Pic")
    response = client.post(
        f"{POSTS}add/",
        form(
            title="Pictured",
            status="publish",
            author=editor.pk,
            featured_media=str(image.pk),
            format="gallery",
            sticky="on",
        ),
    )
    assert response.status_code == 302, response.content[:3000]
    post = Post.objects.get(title="Pictured")
    assert (post.featured_media_id, post.format, post.sticky) == (image.pk, "gallery", True)


def test_password_and_private_visibility(client, logged_in):
    editor = logged_in("editor")
    response = client.post(
        f"{POSTS}add/", form(title="Locked", visibility="password", status="publish")
    )
    assert "needs a password" in response.content.decode()
    client.post(
        f"{POSTS}add/",
        form(
            title="Locked",
            visibility="password",
            password="sesame",
            status="publish",
            author=editor.pk,
        ),
    )
    assert Post.objects.get(title="Locked").password == "sesame"
    client.post(f"{POSTS}add/", form(title="Mine only", visibility="private", author=editor.pk))
    assert Post.objects.get(title="Mine only").status == "private"


def test_a_later_date_schedules_the_post(client, logged_in):
    editor = logged_in("editor")
    later = timezone.localtime(timezone.now() + timedelta(days=2))
    client.post(
        f"{POSTS}add/",
        form(
            title="Soon",
            status="publish",
            author=editor.pk,
            date_0=later.strftime("%Y-%m-%d"),
            date_1=later.strftime("%H:%M:%S"),
        ),
    )
    assert Post.objects.get(title="Soon").status == "future"


def test_dates_are_read_in_the_site_timezone(client, logged_in):
    from wpapi.site import update_options

    update_options({"timezone": "Europe/Paris"})
    editor = logged_in("editor")
    client.post(
        f"{POSTS}add/",
        form(
            title="Winter",
            status="publish",
            author=editor.pk,
            date_0="2024-01-15",
            date_1="10:00:00",
        ),
    )
    post = Post.objects.get(title="Winter")
    assert post.date.isoformat() == "2024-01-15T09:00:00+00:00"


def test_update_stores_a_revision_and_restores_it(client, logged_in):
    editor = logged_in("editor")
    post = PostFactory(author=editor, title="One", slug="one", content="<p>first</p>")
    client.post(
        f"{POSTS}{post.pk}/change/", post_form_of(post, title="Two", content="<p>second</p>")
    )
    post.refresh_from_db()
    assert post.title == "Two"
    revisions = Post.objects.filter(type="revision", parent=post)
    assert revisions.count() == 1
    page = client.get(f"{POSTS}{post.pk}/revisions/").content.decode()
    assert 'class="diff"' in page  # difflib's side-by-side table
    assert "second" in page
    client.post(f"{POSTS}{post.pk}/change/", post_form_of(post, title="Three"))
    first = revisions.order_by("id").first()
    assert first.title == "Two"
    response = client.post(f"{POSTS}{post.pk}/revisions/{first.pk}/restore/")
    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.title, post.content) == ("Two", "<p>second</p>")
    assert Post.objects.filter(type="revision", parent=post).count() == 3


def test_revisions_are_for_those_who_may_edit(client, logged_in, user_with_role):
    logged_in("author")
    post = PostFactory(author=user_with_role("editor"))
    assert client.get(f"{POSTS}{post.pk}/revisions/").status_code == 403


def test_preview_shows_the_rendered_draft(client, logged_in):
    editor = logged_in("editor")
    post = PostFactory(author=editor, status="draft", title="Soon", content="Hello\n\nWorld")
    body = client.get(f"{POSTS}{post.pk}/preview/").content.decode()
    assert "<p>Hello</p>" in body  # wpautop, as content.rendered
    assert "Preview of a draft post" in body


# --- bulk actions ------------------------------------------------------------------------------
def test_bulk_publish_trash_restore_and_delete(client, logged_in):
    editor = logged_in("editor")
    one = PostFactory(author=editor, status="draft", slug="one")
    two = PostFactory(author=editor, status="pending", slug="two")
    selected = [one.pk, two.pk]
    client.post(POSTS, {"action": "publish_selected", "_selected_action": selected})
    assert set(Post.objects.filter(pk__in=selected).values_list("status", flat=True)) == {"publish"}
    client.post(POSTS, {"action": "trash_selected", "_selected_action": selected})
    one.refresh_from_db()
    assert (one.status, one.slug) == ("trash", "one__trashed")
    body = client.get(f"{POSTS}?post_status=trash").content.decode()
    assert "Trash (2)" in body
    client.post(
        f"{POSTS}?post_status=trash", {"action": "restore_selected", "_selected_action": [one.pk]}
    )
    one.refresh_from_db()
    assert (one.status, one.slug) == ("draft", "one")  # wp_untrash_post(): a draft again
    response = client.post(
        f"{POSTS}?post_status=trash",
        {"action": "delete_selected", "_selected_action": [two.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Post.objects.filter(pk=two.pk).exists()


def test_bulk_actions_skip_what_the_role_may_not_do(client, logged_in, user_with_role):
    author = logged_in("author")
    mine = PostFactory(author=author, status="publish")
    theirs = PostFactory(author=user_with_role("editor"), status="publish")
    response = client.post(
        POSTS, {"action": "trash_selected", "_selected_action": [mine.pk, theirs.pk]}, follow=True
    )
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.status, theirs.status) == ("trash", "publish")
    assert "not allowed" in response.content.decode()


def test_contributor_bulk_publish_changes_nothing(client, logged_in):
    contributor = logged_in("contributor")
    draft = PostFactory(author=contributor, status="draft")
    client.post(POSTS, {"action": "publish_selected", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == "draft"


# --- the list --------------------------------------------------------------------------------
def test_list_filters_and_search(client, logged_in, user_with_role):
    editor = logged_in("editor")
    other = user_with_role("author")
    news = TermFactory(name="News")
    a = PostFactory(author=editor, title="Apple pie", terms=[news])
    b = PostFactory(author=other, title="Banana bread", status="draft")
    c = PostFactory(author=other, title="Cherry tart", date=timezone.now() - timedelta(days=400))

    def titles(query):
        body = client.get(f"{POSTS}?{query}").content.decode()
        return {post.title for post in (a, b, c) if post.title in body}

    assert titles("") == {"Apple pie", "Banana bread", "Cherry tart"}
    assert titles("post_status=draft") == {"Banana bread"}
    assert titles(f"author__id__exact={other.pk}") == {"Banana bread", "Cherry tart"}
    assert titles(f"categories={news.pk}") == {"Apple pie"}
    assert titles("q=bread") == {"Banana bread"}
    month = timezone.localtime(c.date).strftime("%Y%m")
    assert titles(f"m={month}") == {"Cherry tart"}
    assert titles("o=1") == {"Apple pie", "Banana bread", "Cherry tart"}  # sortable title


def test_list_queries_do_not_grow_with_rows(client, logged_in):
    from tests.helpers import count_queries

    editor = logged_in("editor")
    PostFactory(author=editor, terms=[TermFactory()])
    client.get(POSTS)
    one = count_queries(lambda: client.get(POSTS))
    for _ in range(5):
        PostFactory(author=editor, terms=[TermFactory(), TagFactory()])
    assert count_queries(lambda: client.get(POSTS)) == one


def test_contributor_sees_published_and_own_posts_only(client, logged_in, user_with_role):
    contributor = logged_in("contributor")
    other = user_with_role("author")
    PostFactory(author=other, title="Out there", status="publish")
    PostFactory(author=other, title="Their draft", status="draft")
    PostFactory(author=contributor, title="My draft", status="draft")
    body = client.get(POSTS).content.decode()
    assert "Out there" in body
    assert "My draft" in body
    assert "Their draft" not in body


# --- pages and blocks ----------------------------------------------------------------------------
def test_pages_have_parent_and_order(client, logged_in):
    editor = logged_in("editor")
    parent = PageFactory(author=editor, title="About", slug="about")
    response = client.post(
        f"{PAGES}add/",
        form(
            title="Team", status="publish", author=editor.pk, parent=str(parent.pk), menu_order="3"
        ),
    )
    assert response.status_code == 302, response.content[:3000]
    page = Post.objects.get(title="Team")
    assert (page.type, page.parent_id, page.menu_order, page.guid) == (
        "page",
        parent.pk,
        3,
        "/about/team/",
    )
    assert page.comment_status == "open"  # the box was ticked in the form


def test_contributor_cannot_create_reusable_blocks(client, logged_in):
    logged_in("contributor")
    assert client.get(f"{BLOCKS}add/").status_code == 403


# --- custom post types -----------------------------------------------------------------------
@pytest.fixture
def books(settings):
    """A registered type, with its admin screen added as at start-up."""
    import importlib

    from django.contrib import admin
    from django.urls import clear_url_caches

    import wpapi.urls
    from content.admin import register_post_type_screen

    settings.WP_POST_TYPES = {
        "book": {"name": "Books", "singular_name": "Book", "rest_base": "books"}
    }
    model = register_post_type_screen("book")
    clear_url_caches()
    importlib.reload(wpapi.urls)
    yield
    admin.site.unregister(model)
    clear_url_caches()
    importlib.reload(wpapi.urls)


def test_registered_type_gets_its_own_screen(client, logged_in, books):
    editor = logged_in("editor")
    PostFactory(title="Not a book", author=editor)
    response = client.post(
        "/admin/wp/book/add/", form(title="Dune", status="publish", author=editor.pk)
    )
    assert response.status_code == 302, response.content[:3000]
    book = Post.objects.get(title="Dune")
    assert (book.type, book.slug) == ("book", "dune")
    body = client.get("/admin/wp/book/").content.decode()
    assert "Dune" in body
    assert "Not a book" not in body
    assert "Books" in client.get("/admin/").content.decode()


# --- registered meta -------------------------------------------------------------------------
@pytest.fixture
def post_meta(settings):
    settings.WP_POST_META = {
        "subtitle": {"type": "string", "single": True},
        "rating": {"type": "integer", "single": True, "default": 0},
        "_secret": {"type": "string", "single": True},
    }


def test_registered_meta_is_on_the_form_and_in_the_api(client, logged_in, post_meta):
    editor = logged_in("editor")
    page = client.get(f"{POSTS}add/").content.decode()
    assert 'name="meta__subtitle"' in page
    response = client.post(
        f"{POSTS}add/",
        form(
            title="With meta",
            status="publish",
            author=editor.pk,
            meta__subtitle="Below the title",
            meta__rating="4",
            meta___secret="",
        ),
    )
    assert response.status_code == 302, response.content[:3000]
    post = Post.objects.get(title="With meta")
    from rest_framework.test import APIClient

    body = APIClient().get(f"/wp-json/wp/v2/posts/{post.pk}").json()
    assert body["meta"]["subtitle"] == "Below the title"
    assert body["meta"]["rating"] == 4


def test_protected_meta_is_refused_as_the_api_refuses_it(client, logged_in, post_meta):
    editor = logged_in("editor")
    response = client.post(
        f"{POSTS}add/",
        form(title="Secret", status="publish", author=editor.pk, meta___secret="x"),
    )
    assert response.status_code == 200
    assert "not allowed to edit the _secret custom field" in response.content.decode()
    assert not Post.objects.filter(title="Secret").exists()


def test_dashboard_counts_at_a_glance(client, logged_in):
    from tests.factories import CommentFactory

    editor = logged_in("editor")
    posts = PostFactory.create_batch(2, author=editor)
    PageFactory(author=editor)
    CommentFactory(post=posts[0], status="0")
    body = client.get("/admin/").content.decode()
    assert "2 published posts" in body
    assert "1 published page" in body
    assert "1 comments awaiting moderation" in body
