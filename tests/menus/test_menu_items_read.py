"""Reading /wp/v2/menu-items as WordPress 6.1 answers it: the fields wp_setup_nav_menu_item()
gives each kind of item, who may read them, the collection's arguments, links and _embed."""

import pytest

from content.services import post_delete, post_trash
from menus.services import menu_create
from tests.factories import PageFactory, PostFactory
from tests.helpers import assert_wp_error, count_queries
from tests.menus.conftest import ITEMS, ROLES_THAT_READ, SITE, add_item

CURIES = [{"name": "wp", "href": "https://api.w.org/{rel}", "templated": True}]


def item_view(site, key: str, **fields) -> dict:
    """One of the reference site's items (view context, no links), with our IDs."""
    item = site.items[key]
    base = {
        "id": item.pk,
        "title": {"rendered": ""},
        "status": "publish",
        "url": "",
        "attr_title": "",
        "description": "",
        "type": "post_type",
        "type_label": "Page",
        "object": "page",
        "object_id": 0,
        "parent": 0,
        "menu_order": 0,
        "target": "",
        "classes": [""],
        "xfn": [""],
        "invalid": False,
        "meta": [],
        "menus": site.main.pk,
    }
    return {**base, **fields}


def expected_items(site) -> list[dict]:
    """The reference's /wp/v2/menu-items: by menu_order, then ID."""
    return [
        item_view(
            site,
            "home",
            title={"rendered": "Home"},
            url=f"{SITE}/",
            type="custom",
            type_label="Custom Link",
            object="custom",
            object_id=site.items["home"].pk,
            menu_order=1,
        ),
        item_view(
            site,
            "contact",
            title={"rendered": "Contact"},
            url=f"{SITE}/contact/",
            object_id=site.contact.pk,
            menu_order=1,
            menus=site.footer.pk,
        ),
        item_view(
            site,
            "about",
            title={"rendered": "About"},
            url=f"{SITE}/about/",
            object_id=site.about.pk,
            menu_order=2,
        ),
        item_view(
            site,
            "external",
            title={"rendered": "WordPress.org"},
            url="https://wordpress.org/",
            attr_title="Opens in a new tab",
            description="The WordPress project",
            type="custom",
            type_label="Custom Link",
            object="custom",
            object_id=site.items["external"].pk,
            menu_order=2,
            target="_blank",
            classes=["external", "highlight"],
            xfn=["nofollow"],
            menus=site.footer.pk,
        ),
        item_view(
            site,
            "team",
            title={"rendered": "Team"},
            url=f"{SITE}/about/team/",
            object_id=site.team.pk,
            parent=site.items["about"].pk,
            menu_order=3,
        ),
        item_view(
            site,
            "news",
            title={"rendered": "News"},
            url=f"{SITE}/category/news/",
            type="taxonomy",
            type_label="Category",
            object="category",
            object_id=site.news.pk,
            menu_order=4,
        ),
        item_view(
            site,
            "sticky",
            title={"rendered": "Featured post"},
            url=f"{SITE}/reference-post-1/",
            type_label="Post",
            object="post",
            object_id=site.sticky.pk,
            menu_order=5,
        ),
    ]


def without_links(body: list[dict]) -> list[dict]:
    return [{key: value for key, value in item.items() if key != "_links"} for item in body]


@pytest.mark.parametrize("role", ROLES_THAT_READ)
def test_every_kind_of_item_as_wordpress_sets_it_up(api_client, user_with_role, site, role):
    api_client.force_authenticate(user_with_role(role))
    response = api_client.get(ITEMS)
    assert response.status_code == 200
    assert without_links(response.json()) == expected_items(site)
    assert response["X-WP-Total"] == "7"
    assert response["X-WP-TotalPages"] == "1"


def test_anonymous_and_subscribers_may_not_read_items(api_client, subscriber, site):
    item = site.items["home"].pk
    body = assert_wp_error(api_client.get(ITEMS), "rest_cannot_view", 401)
    assert body["message"] == "Sorry, you are not allowed to view menu items."
    assert_wp_error(api_client.get(f"{ITEMS}/{item}"), "rest_cannot_view", 401)
    api_client.force_authenticate(subscriber)
    assert_wp_error(api_client.get(ITEMS), "rest_cannot_view", 403)
    assert_wp_error(api_client.get(f"{ITEMS}/{item}"), "rest_cannot_view", 403)


def test_custom_item_in_edit_context(api_client, admin_user, site):
    api_client.force_authenticate(admin_user)
    item = site.items["home"].pk
    response = api_client.get(f"{ITEMS}/{item}", {"context": "edit"})
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == {"raw": "Home", "rendered": "Home"}
    self_link = [{"href": f"{SITE}/wp-json/wp/v2/menu-items/{item}"}]
    assert body["_links"] == {
        "self": self_link,
        "collection": [{"href": f"{SITE}/wp-json/wp/v2/menu-items"}],
        "about": [{"href": f"{SITE}/wp-json/wp/v2/types/nav_menu_item"}],
        "wp:term": [
            {
                "taxonomy": "nav_menu",
                "embeddable": True,
                "href": f"{SITE}/wp-json/wp/v2/menus?post={item}",
            }
        ],
        "wp:action-publish": self_link,
        "wp:action-unfiltered-html": self_link,
        "wp:action-create-menus": self_link,
        "wp:action-assign-menus": self_link,
        "curies": CURIES,
    }
    assert response["Allow"] == "GET, POST, PUT, PATCH, DELETE"


def test_linked_objects_are_embeddable(api_client, editor, site):
    api_client.force_authenticate(editor)
    about = api_client.get(f"{ITEMS}/{site.items['about'].pk}").json()
    assert about["_links"]["wp:menu-item-object"] == [
        {
            "post_type": "page",
            "embeddable": True,
            "href": f"{SITE}/wp-json/wp/v2/pages/{site.about.pk}",
        }
    ]
    assert "wp:action-publish" not in about["_links"]  # view context
    news = api_client.get(f"{ITEMS}/{site.items['news'].pk}").json()
    assert news["_links"]["wp:menu-item-object"] == [
        {
            "taxonomy": "category",
            "embeddable": True,
            "href": f"{SITE}/wp-json/wp/v2/categories/{site.news.pk}",
        }
    ]
    response = api_client.get(ITEMS, {"menus": site.main.pk, "_embed": "1"})
    embedded = {item["id"]: item["_embedded"] for item in response.json()}
    about_embed = embedded[site.items["about"].pk]
    assert about_embed["wp:menu-item-object"][0]["slug"] == "about"
    assert about_embed["wp:term"] == [
        [
            {
                "id": site.main.pk,
                "name": "Main Menu",
                "slug": "main-menu",
                "_links": about_embed["wp:term"][0][0]["_links"],
            }
        ]
    ]
    assert embedded[site.items["news"].pk]["wp:menu-item-object"][0]["name"] == "News"
    assert "wp:menu-item-object" not in embedded[site.items["home"].pk]


@pytest.mark.parametrize(("role", "status"), [("editor", 403), ("contributor", 403)])
def test_edit_context_needs_edit_theme_options(api_client, user_with_role, site, role, status):
    api_client.force_authenticate(user_with_role(role))
    body = assert_wp_error(
        api_client.get(ITEMS, {"context": "edit"}), "rest_forbidden_context", status
    )
    assert body["message"] == "Sorry, you are not allowed to edit posts in this post type."
    body = assert_wp_error(
        api_client.get(f"{ITEMS}/{site.items['home'].pk}", {"context": "edit"}),
        "rest_forbidden_context",
        status,
    )
    assert body["message"] == "Sorry, you are not allowed to edit this post."


def test_unknown_item_and_other_post_types(api_client, admin_user, site):
    api_client.force_authenticate(admin_user)
    assert_wp_error(api_client.get(f"{ITEMS}/99999"), "rest_post_invalid_id", 404)
    assert_wp_error(api_client.get(f"{ITEMS}/{site.about.pk}"), "rest_post_invalid_id", 404)


def test_titles_fall_back_to_the_linked_object(api_client, admin_user, site):
    untitled = PageFactory(title="", slug="untitled")
    quoted = PageFactory(title='It\'s "quoted"', slug="quoted")
    menu = menu_create(name="Titles")
    plain = add_item(menu, type="post_type", object="page", object_id=untitled.pk)
    fancy = add_item(menu, type="post_type", object="page", object_id=quoted.pk)
    api_client.force_authenticate(admin_user)
    body = api_client.get(f"{ITEMS}/{plain.pk}", {"context": "edit"}).json()
    assert body["title"] == {
        "raw": f"#{untitled.pk} (no title)",
        "rendered": f"#{untitled.pk} (no title)",
    }
    body = api_client.get(f"{ITEMS}/{fancy.pk}", {"context": "edit"}).json()
    # the linked page's title through the_title, and through it again for `rendered`
    assert body["title"]["raw"] == "It&#8217;s &#8220;quoted&#8221;"
    assert body["title"]["rendered"] == "It&#8217;s &#8220;quoted&#8221;"


def test_items_linking_to_trashed_or_missing_objects_are_invalid(api_client, admin_user, site):
    api_client.force_authenticate(admin_user)
    post_trash(post=site.contact)
    contact = api_client.get(f"{ITEMS}/{site.items['contact'].pk}").json()
    assert contact["invalid"] is True
    assert contact["url"] == f"{SITE}/?page_id={site.contact.pk}"
    menu = menu_create(name="Broken")
    gone = add_item(menu, type="post_type", object="page", object_id=site.about.pk)
    unknown_type = add_item(menu, type="post_type", object="nope", object_id=site.about.pk)
    from content.models import PostMeta

    PostMeta.objects.filter(post=gone, key="_menu_item_object_id").update(value="99999")
    body = api_client.get(f"{ITEMS}/{gone.pk}").json()
    assert (body["invalid"], body["url"], body["title"]["rendered"]) == (
        True,
        "",
        "#99999 (no title)",
    )
    body = api_client.get(f"{ITEMS}/{unknown_type.pk}").json()
    assert (body["invalid"], body["type_label"]) == (True, "nope")


def test_archive_items(api_client, admin_user, site):
    menu = menu_create(name="Archives")
    posts = add_item(menu, type="post_type_archive", object="post")
    pages = add_item(menu, type="post_type_archive", object="page", title="Every page")
    api_client.force_authenticate(admin_user)
    body = api_client.get(f"{ITEMS}/{posts.pk}").json()
    assert (body["title"], body["type_label"], body["url"], body["invalid"]) == (
        {"rendered": "Post Archives"},
        "Post Type Archive",
        SITE,
        False,
    )
    body = api_client.get(f"{ITEMS}/{pages.pk}").json()
    # pages have no archive: get_post_type_archive_link() is false
    assert (body["title"], body["url"]) == ({"rendered": "Every page"}, False)


def test_description_and_attribute_title_as_shown(api_client, admin_user, site):
    menu = menu_create(name="Texts")
    words = " ".join(f"word{n}" for n in range(210))
    item = add_item(
        menu,
        title="Long",
        url="https://example.com/",
        description=f"<b>{words}</b>",
        attr_title="<i>It's</i>",
    )
    api_client.force_authenticate(admin_user)
    body = api_client.get(f"{ITEMS}/{item.pk}").json()
    assert body["description"] == " ".join(f"word{n}" for n in range(200)) + "&hellip;"
    assert body["attr_title"] == "It&#8217;s"


def test_drafts_are_for_those_who_edit_menus(api_client, admin_user, editor, site):
    draft = add_item(site.main, title="Soon", url="https://example.com/", status="draft")
    api_client.force_authenticate(editor)
    assert draft.pk not in [item["id"] for item in api_client.get(ITEMS).json()]
    assert_wp_error(api_client.get(ITEMS, {"status": "draft"}), "rest_invalid_param", 400)
    assert_wp_error(api_client.get(f"{ITEMS}/{draft.pk}"), "rest_forbidden", 403)
    api_client.force_authenticate(admin_user)
    assert [item["id"] for item in api_client.get(ITEMS, {"status": "draft"}).json()] == [draft.pk]
    assert api_client.get(f"{ITEMS}/{draft.pk}").json()["status"] == "draft"


def test_collection_arguments(api_client, admin_user, site):
    api_client.force_authenticate(admin_user)

    def ids(**query):
        response = api_client.get(ITEMS, query)
        assert response.status_code == 200, response.content
        return [item["id"] for item in response.json()]

    items = site.items
    main = [items[key].pk for key in ("home", "about", "team", "news", "sticky")]
    assert ids(menus=site.main.pk) == main
    assert ids(menus_exclude=site.main.pk) == [items["contact"].pk, items["external"].pk]
    assert ids(menu_order=2) == [items["about"].pk, items["external"].pk]
    assert ids(menus=site.main.pk, order="desc") == list(reversed(main))
    assert ids(search="WordPress") == [items["external"].pk]
    assert ids(include=f"{items['news'].pk},{items['home'].pk}", orderby="include") == [
        items["news"].pk,
        items["home"].pk,
    ]
    assert ids(per_page=2, page=2) == [items["about"].pk, items["external"].pk]
    assert_wp_error(api_client.get(ITEMS, {"page": 9}), "rest_post_invalid_page_number", 400)
    assert_wp_error(api_client.get(ITEMS, {"menus": "abc"}), "rest_invalid_param", 400)
    assert_wp_error(api_client.get(ITEMS, {"orderby": "menu"}), "rest_invalid_param", 400)


def test_per_page_defaults_to_100(api_client, admin_user, site):
    menu = menu_create(name="Long menu")
    for n in range(12):
        add_item(menu, title=f"Link {n}", url="https://example.com/", position=n + 1)
    api_client.force_authenticate(admin_user)
    response = api_client.get(ITEMS, {"menus": menu.pk})
    assert len(response.json()) == 12
    assert response["X-WP-TotalPages"] == "1"


def test_deleting_linked_posts_and_terms_removes_their_items(api_client, admin_user, site):
    from taxonomy.services import term_delete

    api_client.force_authenticate(admin_user)
    post_delete(post=site.about)
    term_delete(term=site.news)
    remaining = [item["id"] for item in api_client.get(ITEMS, {"menus": site.main.pk}).json()]
    assert remaining == [
        site.items["home"].pk,
        site.items["team"].pk,
        site.items["sticky"].pk,
    ]


def test_list_queries_do_not_grow_with_items(api_client, admin_user, site):
    api_client.force_authenticate(admin_user)
    query = {"_embed": "1", "context": "view"}
    api_client.get(ITEMS, query)
    before = count_queries(lambda: api_client.get(ITEMS, query))
    menu = menu_create(name="More")
    for n in range(5):
        page = PageFactory(title=f"Page {n}", parent=site.about)
        post = PostFactory(title=f"Post {n}")
        add_item(menu, type="post_type", object="page", object_id=page.pk)
        add_item(menu, type="post_type", object="post", object_id=post.pk)
        add_item(menu, type="taxonomy", object="category", object_id=site.news.pk)
        add_item(menu, title=f"Link {n}", url="https://example.com/")
    api_client.get(ITEMS, query)
    assert count_queries(lambda: api_client.get(ITEMS, query)) == before


def test_classes_stored_php_serialized_by_an_imported_site_read_as_a_list():
    from menus.queries import decode_classes

    assert decode_classes('a:2:{i:0;s:3:"foo";i:1;s:3:"bar";}') == ["foo", "bar"]
    assert decode_classes('["x"]') == ["x"]
    assert decode_classes("plain") == ["plain"]
