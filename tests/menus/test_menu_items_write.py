"""Creating, updating and deleting menu items through /wp/v2/menu-items, with WordPress 6.1's
checks (prepare_item_for_database, wp_update_nav_menu_item) and answers."""

import pytest

from content.models import Post, PostMeta
from menus.services import set_menu_auto_add
from taxonomy.models import TermRelationship
from tests.factories import PageFactory
from tests.helpers import assert_wp_error
from tests.menus.conftest import ITEMS, SITE


def meta_of(item_id: int) -> dict[str, str]:
    return dict(PostMeta.objects.filter(post_id=item_id).values_list("key", "value"))


@pytest.mark.parametrize("role", ["editor", "author", "contributor", "subscriber"])
def test_writing_items_needs_edit_theme_options(api_client, user_with_role, site, role):
    api_client.force_authenticate(user_with_role(role))
    body = assert_wp_error(
        api_client.post(ITEMS, {"title": "x", "url": "https://x.y"}, format="json"),
        "rest_cannot_create",
        403,
    )
    assert body["message"] == "Sorry, you are not allowed to create posts as this user."
    item = site.items["home"].pk
    body = assert_wp_error(
        api_client.post(f"{ITEMS}/{item}", {"title": "x"}, format="json"),
        "rest_cannot_edit",
        403,
    )
    assert body["message"] == "Sorry, you are not allowed to edit this post."
    body = assert_wp_error(
        api_client.delete(f"{ITEMS}/{item}?force=true"), "rest_cannot_delete", 403
    )
    assert body["message"] == "Sorry, you are not allowed to delete this post."


def test_create_a_custom_link(api_client, admin_user, site):
    api_client.force_authenticate(admin_user)
    response = api_client.post(
        ITEMS,
        {
            "menus": site.footer.pk,
            "title": "x",
            "url": "not a url",
            "classes": "a b,c",
            "xfn": ["me", "friend!"],
            "target": "_blank",
            "attr_title": "<b>T</b>",
            "description": "<p>Desc</p>",
        },
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    item = body["id"]
    assert response["Location"] == f"{SITE}/wp-json/wp/v2/menu-items/{item}"
    assert {key: value for key, value in body.items() if key not in ("_links", "meta")} == {
        "id": item,
        "title": {"raw": "x", "rendered": "x"},
        "status": "publish",
        "url": "http://not%20a%20url",
        "attr_title": "T",
        "description": "Desc",
        "type": "custom",
        "type_label": "Custom Link",
        "object": "custom",
        "object_id": item,
        "parent": 0,
        "menu_order": 1,  # the argument's default: first place, not the end of the menu
        "target": "_blank",
        "classes": ["a", "b", "c"],
        "xfn": ["me", "friend"],
        "invalid": False,
        "menus": site.footer.pk,
    }
    assert "wp:action-publish" in body["_links"]  # answered in the edit context
    # stored as WordPress stores it
    assert meta_of(item) == {
        "_menu_item_type": "custom",
        "_menu_item_menu_item_parent": "0",
        "_menu_item_object_id": str(item),
        "_menu_item_object": "custom",
        "_menu_item_target": "_blank",
        "_menu_item_classes": '["a","b","c"]',
        "_menu_item_xfn": "me friend",
        "_menu_item_url": "http://not%20a%20url",
    }
    post = Post.objects.get(pk=item)
    assert (post.type, post.title, post.content, post.excerpt, post.menu_order) == (
        "nav_menu_item",
        "x",
        "Desc",
        "T",
        1,
    )
    assert TermRelationship.objects.filter(post=post, term=site.footer).exists()


def test_create_links_to_posts_terms_and_archives(api_client, admin_user, site):
    api_client.force_authenticate(admin_user)
    about = api_client.post(
        ITEMS,
        {"menus": site.main.pk, "type": "post_type", "object_id": site.about.pk, "menu_order": 2},
        format="json",
    ).json()
    assert (about["object"], about["title"]["raw"], about["url"]) == (
        "page",
        "About",
        f"{SITE}/about/",
    )
    stored = Post.objects.get(pk=about["id"])
    # a title equal to the object's is not stored; nor an empty description ("hack": " ")
    assert (stored.title, stored.content) == ("", " ")
    term = api_client.post(
        ITEMS,
        {"type": "taxonomy", "object_id": site.news.pk, "title": "Latest", "status": "draft"},
        format="json",
    ).json()
    assert (term["object"], term["title"]["raw"], term["status"], term["menus"]) == (
        "category",
        "Latest",
        "draft",
        0,
    )
    assert "_menu_item_orphaned" in meta_of(term["id"])  # in no menu
    archive = api_client.post(
        ITEMS, {"menus": site.main.pk, "type": "post_type_archive", "object": "post"}, format="json"
    ).json()
    assert (archive["title"]["raw"], archive["url"]) == ("Post Archives", SITE)


def test_create_errors(api_client, admin_user, site):
    api_client.force_authenticate(admin_user)

    def create(**body):
        return api_client.post(ITEMS, {"menus": site.main.pk, **body}, format="json")

    response = create()
    assert (response.status_code, response.json()) == (
        400,
        {
            "code": "rest_title_required",
            "message": "The title is required when using a custom menu item type.",
            "data": {"status": 400},
            "additional_errors": [
                {
                    "code": "rest_url_required",
                    "message": "The url is required when using a custom menu item type.",
                    "data": {"status": 400},
                }
            ],
        },
    )
    body = assert_wp_error(create(type="post_type", object_id=99999), "rest_post_invalid_id", 400)
    assert body["message"] == "Invalid post ID."
    assert_wp_error(create(type="taxonomy", object_id=99999), "rest_term_invalid_id", 400)
    assert_wp_error(create(type="post_type_archive", object="nope"), "rest_post_invalid_type", 400)
    response = api_client.post(
        ITEMS, {"menus": 99999, "title": "x", "url": "http://a.b"}, format="json"
    )
    assert response.json()["code"] == "invalid_menu_id"
    assert response.status_code == 400
    body = assert_wp_error(create(title="x", url="javascript:alert(1)"), "rest_invalid_param", 400)
    assert body["data"]["details"]["url"] == {
        "code": "rest_invalid_url",
        "message": "Invalid URL.",
        "data": None,
    }
    assert_wp_error(create(title="x", url="/", target="_self"), "rest_invalid_param", 400)
    assert_wp_error(create(title="x", url="/", menu_order=0), "rest_invalid_param", 400)
    body = assert_wp_error(
        create(id=site.items["home"].pk, title="x", url="/"), "rest_post_exists", 400
    )
    assert body["message"] == "Cannot create existing post."


def test_update_keeps_what_is_not_sent(api_client, admin_user, site):
    api_client.force_authenticate(admin_user)
    item = site.items["external"].pk
    body = api_client.post(f"{ITEMS}/{item}", {"title": "WP"}, format="json").json()
    assert {key: body[key] for key in ("title", "url", "target", "classes", "xfn", "menus")} == {
        "title": {"raw": "WP", "rendered": "WP"},
        "url": "https://wordpress.org/",
        "target": "_blank",
        "classes": ["external", "highlight"],
        "xfn": ["nofollow"],
        "menus": site.footer.pk,
    }
    # title as {"raw": ...}, another menu, another place
    body = api_client.put(
        f"{ITEMS}/{item}",
        {"title": {"raw": "WordPress"}, "menus": site.main.pk, "menu_order": 9},
        format="json",
    ).json()
    assert (body["title"]["raw"], body["menus"], body["menu_order"]) == (
        "WordPress",
        site.main.pk,
        9,
    )
    assert list(
        TermRelationship.objects.filter(post_id=item).values_list("term_id", flat=True)
    ) == [site.main.pk]


def test_only_draft_and_publish_are_stored(api_client, admin_user, site):
    api_client.force_authenticate(admin_user)
    draft = api_client.post(
        ITEMS, {"title": "d", "url": "/", "status": "draft"}, format="json"
    ).json()
    body = api_client.post(f"{ITEMS}/{draft['id']}", {"title": "e"}, format="json").json()
    assert body["status"] == "draft"  # the stored status is carried over
    body = api_client.post(f"{ITEMS}/{draft['id']}", {"status": "publish"}, format="json")
    assert body.json()["status"] == "publish"
    body = api_client.post(f"{ITEMS}/{draft['id']}", {"status": "pending"}, format="json")
    assert body.json()["status"] == "draft"  # only draft and publish exist for menu items


def test_update_of_a_custom_item_to_another_type_checks_again(api_client, admin_user, site):
    api_client.force_authenticate(admin_user)
    item = site.items["home"].pk
    response = api_client.post(f"{ITEMS}/{item}", {"type": "post_type"}, format="json")
    # the stored object ("custom") stays: nothing to look up, the item becomes a post link
    assert response.status_code == 200
    assert response.json()["invalid"] is True


def test_delete_needs_force_and_answers_the_item(api_client, admin_user, site):
    api_client.force_authenticate(admin_user)
    item = site.items["external"].pk
    body = assert_wp_error(api_client.delete(f"{ITEMS}/{item}"), "rest_trash_not_supported", 501)
    assert body["message"] == "Menu items do not support trashing. Set 'force=true' to delete."
    response = api_client.delete(f"{ITEMS}/{item}", {"force": "true"})
    assert response.status_code == 200
    body = response.json()
    assert body["deleted"] is True
    assert body["previous"]["title"] == {"rendered": "WordPress.org"}  # the view context
    assert "_links" not in body["previous"]
    assert not Post.objects.filter(pk=item).exists()
    assert not PostMeta.objects.filter(post_id=item).exists()
    assert_wp_error(api_client.get(f"{ITEMS}/{item}"), "rest_post_invalid_id", 404)


def test_auto_add_menus_take_new_top_level_pages(api_client, admin_user, site):
    set_menu_auto_add(menu_id=site.footer.pk, auto_add=True)
    api_client.force_authenticate(admin_user)
    fresh = api_client.post(
        "/wp-json/wp/v2/pages", {"title": "Fresh", "status": "publish"}, format="json"
    ).json()
    child = api_client.post(
        "/wp-json/wp/v2/pages",
        {"title": "Child", "status": "publish", "parent": site.about.pk},
        format="json",
    ).json()
    draft = PageFactory(title="Later", status="draft")
    items = api_client.get(ITEMS, {"menus": site.footer.pk}).json()
    assert [(item["object_id"], item["menu_order"]) for item in items] == [
        (site.contact.pk, 1),
        (site.items["external"].pk, 2),
        (fresh["id"], 3),
    ]
    assert child["id"] not in [item["object_id"] for item in items]
    api_client.post(f"/wp-json/wp/v2/pages/{draft.pk}", {"status": "publish"}, format="json")
    items = api_client.get(ITEMS, {"menus": site.footer.pk}).json()
    # appended after the menu's valid items (wp_get_nav_menu_items' count, plus one)
    assert [(item["object_id"], item["menu_order"]) for item in items][-1] == (draft.pk, 4)
    # publishing again adds nothing
    api_client.post(f"/wp-json/wp/v2/pages/{draft.pk}", {"status": "draft"}, format="json")
    api_client.post(f"/wp-json/wp/v2/pages/{draft.pk}", {"status": "publish"}, format="json")
    assert len(api_client.get(ITEMS, {"menus": site.footer.pk}).json()) == 4


def test_an_autosave_of_an_item_takes_its_menu_as_one_id(api_client, admin_user, site):
    """`menus` is one ID on menu items (a list on other types' taxonomy fields)."""
    api_client.force_authenticate(admin_user)
    item = site.items["home"].pk
    response = api_client.post(
        f"{ITEMS}/{item}/autosaves", {"title": "Home again", "menus": site.footer.pk}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["parent"] == item
