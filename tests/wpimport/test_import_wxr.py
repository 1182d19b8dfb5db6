"""import_wordpress from a WXR file written by WordPress 6.1's own exporter (Tools > Export):
every object keeps its ID and fields, a second run changes nothing, a changed file updates what
changed, a taken ID is reported (or remapped), and bad input stops with its line."""

import json
from datetime import UTC, datetime

import pytest
from django.core.management import CommandError

from comments.models import Comment, CommentMeta
from content.models import Post, PostMeta
from taxonomy.models import Term, TermMeta
from tests.factories import PostFactory, UserFactory
from tests.wpimport.conftest import WXR, run_import
from users.models import User
from wpapi.models import Option
from wpimport.models import ImportedObject

API = "/wp-json/wp/v2"
SITE = "http://127.0.0.1:8084"


def snapshot() -> dict:
    """Every row the import writes, as plain values."""
    return {
        "posts": list(Post.objects.order_by("pk").values()),
        "postmeta": list(PostMeta.objects.order_by("pk").values("post_id", "key", "value")),
        "terms": list(Term.objects.order_by("pk").values()),
        "termmeta": list(TermMeta.objects.order_by("pk").values("term_id", "key", "value")),
        "comments": list(Comment.objects.order_by("pk").values()),
        "users": list(User.objects.order_by("pk").values()),
        "relationships": sorted(Post.terms.through.objects.values_list("post_id", "term_id")),
        "options": dict(Option.objects.values_list("name", "value")),
    }


def test_posts_keep_their_ids_and_fields(imported_wxr):
    post = Post.objects.get(pk=4)
    assert (post.type, post.status, post.slug, post.author_id) == (
        "post",
        "publish",
        "reference-post-1",
        2,
    )
    assert post.date == datetime(2024, 1, 1, 10, 0, tzinfo=UTC)
    assert (post.date_gmt_set, post.sticky) == (True, True)
    assert post.guid == f"{SITE}/reference-post-1/"
    assert (post.comment_status, post.ping_status, post.format) == ("open", "closed", "standard")
    assert sorted(post.terms.values_list("taxonomy", "slug")) == [
        ("category", "news"),
        ("post_tag", "alpha"),
    ]
    meta = list(PostMeta.objects.filter(post=post).values_list("key", "value"))
    assert meta == [
        ("ref_rating", "1"),
        ("_ref_internal", "internal-1"),
        ("ref_hidden", "hidden-1"),
        ("ref_subtitle", "Subtitle for post 1"),
    ]
    # post_format terms become the format column, _thumbnail_id the featured image
    assert Post.objects.get(pk=6).format == "aside"
    assert Post.objects.get(pk=6).featured_media_id == 51
    assert not PostMeta.objects.filter(key="_thumbnail_id").exists()


def test_drafts_trash_pages_blocks_and_passwords(imported_wxr):
    draft = Post.objects.get(pk=36)
    assert (draft.status, draft.date_gmt_set, draft.slug) == ("draft", False, "")
    assert draft.date == datetime(2024, 1, 3, 15, 0, 1, tzinfo=UTC)  # site-local, UTC site
    trashed = Post.objects.get(pk=42)
    assert (trashed.status, trashed.trashed_from_status) == ("trash", "publish")
    assert PostMeta.objects.get(post=trashed, key="_wp_trash_meta_time").value.isdigit()
    assert Post.objects.get(pk=39).password == "secret"
    founders = Post.objects.get(pk=46)
    assert (founders.type, founders.parent_id, founders.parent.parent_id) == ("page", 45, 44)
    assert Post.objects.get(pk=48).menu_order == 3
    assert Post.objects.get(pk=50).type == "wp_block"


def test_attachments_keep_their_metadata_and_original_urls(imported_wxr, api_client):
    image = Post.objects.get(pk=51)
    assert (image.type, image.status, image.parent_id, image.mime_type) == (
        "attachment",
        "inherit",
        7,
        "image/png",
    )
    assert image.alt_text == "Blue stripes with a white ellipse"
    assert image.media_details["width"] == 800
    assert list(image.media_details["sizes"]) == ["medium", "thumbnail", "medium_large"]
    assert image.media_details["image_meta"]["keywords"] == []
    body = api_client.get(f"{API}/media/51").json()
    assert body["source_url"] == f"{SITE}/wp-content/uploads/2024/01/ref-landscape.png"
    assert body["media_details"]["sizes"]["medium"]["source_url"] == (
        f"{SITE}/wp-content/uploads/2024/01/ref-landscape-300x225.png"
    )
    assert body["media_type"] == "image"
    assert Post.objects.get(pk=53).mime_type == "text/plain"  # from the file's extension


def test_terms_keep_ids_hierarchy_descriptions_and_meta(imported_wxr):
    php = Term.objects.get(pk=4)
    assert (php.taxonomy, php.slug, php.name, php.parent_id) == ("category", "php", "PHP", 3)
    assert php.description == "Child of Tech."
    assert TermMeta.objects.get(term=php, key="ref_color").value == "purple"
    assert Term.objects.get(pk=7).taxonomy == "post_tag"
    assert Term.objects.get(pk=7).count == 16
    assert not Term.objects.filter(taxonomy="post_format").exists()


def test_menus_come_as_terms_and_menu_item_posts(imported_wxr):
    main = Term.objects.get(pk=15)
    assert (main.taxonomy, main.slug, main.count) == ("nav_menu", "main-menu", 5)
    team = Post.objects.get(pk=56)
    assert (team.type, team.status, team.menu_order, team.parent_id) == (
        "nav_menu_item",
        "publish",
        3,
        44,
    )
    meta = dict(PostMeta.objects.filter(post=team).values_list("key", "value"))
    assert meta["_menu_item_type"] == "post_type"
    assert meta["_menu_item_object"] == "page"
    assert meta["_menu_item_object_id"] == "45"
    assert meta["_menu_item_menu_item_parent"] == "55"
    assert list(team.terms.values_list("pk", flat=True)) == [15]


def test_comments_keep_threads_statuses_and_meta(imported_wxr):
    reply = Comment.objects.get(pk=12)
    assert (reply.post_id, reply.parent_id, reply.user_id, reply.status) == (6, 11, 2, "1")
    assert Comment.objects.get(pk=13).parent_id == 12
    assert Comment.objects.get(pk=15).status == "0"
    assert Comment.objects.get(pk=17).status == "trash"
    pingback = Comment.objects.get(pk=18)
    assert (pingback.type, pingback.author_url) == ("pingback", "https://blog.example.com/post")
    top = Comment.objects.get(pk=11)
    assert (top.author_name, top.author_email, top.author_ip) == (
        "Visitor One",
        "visitor1@example.com",
        "127.0.0.1",
    )
    assert CommentMeta.objects.get(comment=top, key="ref_flag").value == "1"
    assert not Comment.objects.filter(pk=16).exists()  # WordPress does not export spam
    assert Post.objects.get(pk=6).comment_count == 5  # approved ones, pingback too


def test_users_of_a_wxr_file_are_its_authors_without_passwords(imported_wxr):
    alice = User.objects.get(pk=2)
    assert (alice.username, alice.email, alice.display_name, alice.first_name) == (
        "alice",
        "alice@example.com",
        "Alice Author",
        "Alice",
    )
    assert not alice.has_usable_password()
    assert alice.role == "subscriber"
    assert not User.objects.filter(username="dave").exists()  # no posts: not in the file


def test_site_title_and_description_come_from_the_channel(imported_wxr, api_client):
    body = api_client.get("/wp-json/").json()
    assert body["name"] == "WP Reference"
    assert body["description"] == "Reference WordPress for wp/v2 comparisons"


def test_the_api_answers_with_the_imported_objects(imported_wxr, api_client):
    post = api_client.get(f"{API}/posts/6").json()
    assert post["id"] == 6
    assert post["date"] == post["date_gmt"] == "2024-01-01T12:00:00"
    assert post["guid"]["rendered"] == f"{SITE}/reference-post-3/"
    assert (post["author"], post["featured_media"], post["format"]) == (1, 51, "aside")
    assert post["meta"] == []  # no meta registered here: PHP's empty array
    comments = api_client.get(f"{API}/comments", {"post": 6}).json()
    assert sorted(comment["id"] for comment in comments) == [11, 12, 13, 14]  # not the pingback
    page = api_client.get(f"{API}/pages/46").json()
    assert page["link"] == "http://testserver/about/team/founders/"


def test_registered_meta_shows_as_wordpress_shows_it(imported_wxr, api_client, settings):
    settings.WP_POST_META = {
        "ref_specs": {
            "type": "object",
            "single": True,
            "object_subtype": "post",
            "show_in_rest": {"schema": {"type": "object", "properties": {
                "width": {"type": "integer"}, "color": {"type": "string"}}}},
        },
        "ref_rating": {"type": "integer", "single": True, "default": 0},
    }  # fmt: skip
    # stored PHP-serialized, as WordPress stored it
    assert PostMeta.objects.get(post_id=8, key="ref_specs").value.startswith("a:2:{")
    body = api_client.get(f"{API}/posts/8").json()
    assert body["meta"] == {"ref_specs": {"width": 50, "color": "red"}, "ref_rating": 5}


def test_a_second_run_changes_nothing(imported_wxr):
    before = snapshot()
    output = run_import(str(WXR))
    assert snapshot() == before
    assert "posts     0 created, 0 updated, 57 unchanged, 0 skipped" in output
    assert "comments  0 created, 0 updated, 17 unchanged, 0 skipped" in output


def test_a_changed_source_updates_what_changed(imported_wxr, tmp_path, api_client):
    changed = tmp_path / "changed.xml"
    text = WXR.read_text()
    text = text.replace("<title><![CDATA[Contact]]></title>", "<title><![CDATA[Reach us]]></title>")
    text = text.replace("Held for moderation.", "Held, then edited.")
    changed.write_text(text)
    output = run_import(str(changed))
    assert "posts     0 created, 1 updated, 56 unchanged" in output
    assert "comments  0 created, 1 updated, 16 unchanged" in output
    assert api_client.get(f"{API}/pages/48").json()["title"]["rendered"] == "Reach us"
    assert Comment.objects.get(pk=15).content == "Held, then edited."


def test_an_object_deleted_here_is_made_again(imported_wxr):
    Comment.objects.filter(pk=14).delete()
    output = run_import(str(WXR))
    assert "comments  1 created, 0 updated, 16 unchanged" in output
    assert Comment.objects.get(pk=14).content == "Second top-level comment, by the admin."


@pytest.mark.django_db
def test_an_id_taken_by_another_object_is_reported_not_overwritten():
    mine = PostFactory(id=4, title="Mine", slug="mine")
    output = run_import(str(WXR))
    mine.refresh_from_db()
    assert (mine.title, mine.slug) == ("Mine", "mine")
    assert "posts skipped (1): its ID is taken here by another post (see --remap-ids) [4]" in (
        output
    )
    assert Post.objects.filter(pk=5, slug="reference-post-2").exists()


@pytest.mark.django_db
def test_remap_ids_gives_taken_ids_new_ones_and_writes_the_mapping(tmp_path):
    mine = PostFactory(id=4, title="Mine", slug="mine")
    UserFactory(id=2, username="someone-else")
    map_file = tmp_path / "ids.json"
    output = run_import(str(WXR), "--remap-ids", "--map-file", str(map_file))
    mapping = json.loads(map_file.read_text())
    new_post, new_user = mapping["posts"]["4"], mapping["users"]["2"]
    assert new_post > 60
    assert new_user > 4
    assert Post.objects.get(pk=new_post).slug == "reference-post-1"
    assert User.objects.get(pk=new_user).username == "alice"
    # what pointed at the old IDs points at the new ones
    assert Post.objects.get(pk=new_post).author_id == new_user
    assert Comment.objects.get(pk=12).user_id == new_user
    mine.refresh_from_db()
    assert mine.title == "Mine"
    assert "ID mapping" in output
    # and a second run finds everything where the first put it
    again = run_import(str(WXR), "--remap-ids", "--map-file", str(map_file))
    assert "posts     0 created, 0 updated, 57 unchanged" in again


@pytest.mark.django_db
def test_a_dry_run_reports_and_writes_nothing():
    before = snapshot()
    output = run_import(str(WXR), "--dry-run")
    assert output.startswith("Dry run: nothing written.")
    assert "posts     57 created" in output
    assert snapshot() == before
    assert not ImportedObject.objects.exists()


@pytest.mark.django_db
def test_a_broken_file_names_its_line_and_writes_nothing(tmp_path):
    broken = tmp_path / "broken.xml"
    lines = WXR.read_text().splitlines()
    broken.write_text("\n".join(lines[:700]))  # cut in the middle of an item
    before = snapshot()
    with pytest.raises(CommandError) as stopped:
        run_import(str(broken))
    message = str(stopped.value)
    assert message.startswith("broken.xml line ")
    assert "not a well-formed XML file" in message
    assert "the database is as it was" in message
    assert snapshot() == before


@pytest.mark.django_db
def test_a_bad_value_names_the_line_it_is_on(tmp_path):
    bad = tmp_path / "bad.xml"
    text = WXR.read_text().replace(
        "<wp:post_date><![CDATA[2024-01-01 10:00:00]]>", "<wp:post_date><![CDATA[yesterday]]>"
    )
    bad.write_text(text)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "yesterday" in row)
    item_line = max(
        n for n, row in enumerate(text.splitlines()[:line], 1) if row.strip() == "<item>"
    )
    with pytest.raises(CommandError) as stopped:
        run_import(str(bad))
    assert str(stopped.value).startswith(
        f"bad.xml line {item_line}: wp:post_date 'yesterday' is not a date"
    )
    assert not Post.objects.filter(pk=4).exists()


@pytest.mark.django_db
def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run_import(str(tmp_path / "nowhere.xml"))


def test_new_objects_get_ids_past_the_imported_ones(imported_wxr, api_client, admin_user):
    api_client.force_authenticate(admin_user)
    post = api_client.post(f"{API}/posts", {"title": "After"}, format="json").json()
    tag = api_client.post(f"{API}/tags", {"name": "After"}, format="json").json()
    assert post["id"] > 60
    assert tag["id"] > 16
    assert admin_user.pk > 4
