"""Menus stored as WordPress stores them, so that rows copied from a WordPress database (an
importer) read as WordPress answers them: a nav_menu term, nav_menu_item posts with their
_menu_item_* meta and their relationship to the term, the theme mod nav_menu_locations."""

from content.models import Post, PostMeta
from extensions.queries import theme_mods_option
from taxonomy.models import Term, TermRelationship
from tests.factories import PageFactory
from tests.menus.conftest import ITEMS, LOCATIONS, MENUS, SITE
from wpapi.site import update_options


def store_item(menu: Term, order: int, **meta: str) -> Post:
    """A menu item written row by row, as an importer copies wp_posts and wp_postmeta."""
    item = Post.objects.create(
        type="nav_menu_item", status="publish", title=meta.pop("title", ""), menu_order=order
    )
    TermRelationship.objects.create(term=menu, post=item)
    for key, value in meta.items():
        PostMeta.objects.create(post=item, key=f"_menu_item_{key}", value=value)
    return item


def test_rows_written_directly_read_as_wordpress_answers(api_client, admin_user, db):
    page = PageFactory(title="About", slug="about")
    menu = Term.objects.create(taxonomy="nav_menu", name="Imported", slug="imported")
    link = store_item(
        menu,
        1,
        title="Docs",
        type="custom",
        menu_item_parent="0",
        object_id="0",
        object="custom",
        target="_blank",
        classes='["docs",""]',
        xfn="me",
        url="https://example.com/docs",
    )
    PostMeta.objects.filter(post=link, key="_menu_item_object_id").update(value=str(link.pk))
    about = store_item(
        menu,
        2,
        type="post_type",
        menu_item_parent=str(link.pk),
        object_id=str(page.pk),
        object="page",
        target="",
        classes='[""]',
        xfn="",
        url="",
    )
    bare = store_item(menu, 3, title="Bare", type="custom", url="/bare")  # most meta missing
    update_options({theme_mods_option(): {"nav_menu_locations": {"primary": menu.pk}}})
    api_client.force_authenticate(admin_user)
    body = {item["id"]: item for item in api_client.get(ITEMS).json()}
    assert {key: body[link.pk][key] for key in ("title", "url", "target", "classes", "xfn")} == {
        "title": {"rendered": "Docs"},
        "url": "https://example.com/docs",
        "target": "_blank",
        "classes": ["docs", ""],
        "xfn": ["me"],
    }
    assert {key: body[about.pk][key] for key in ("title", "url", "parent", "object_id")} == {
        "title": {"rendered": "About"},
        "url": f"{SITE}/about/",
        "parent": link.pk,
        "object_id": page.pk,
    }
    # get_post_meta() of a missing key is "": (array) "" is [""], explode("") is [""]
    assert {key: body[bare.pk][key] for key in ("object_id", "classes", "xfn", "menus")} == {
        "object_id": 0,
        "classes": [""],
        "xfn": [""],
        "menus": menu.pk,
    }
    assert api_client.get(f"{MENUS}/{menu.pk}").json()["locations"] == ["primary"]
    assert api_client.get(f"{LOCATIONS}/primary").json()["menu"] == menu.pk


def test_classes_stored_as_text_are_one_class(api_client, admin_user, db):
    menu = Term.objects.create(taxonomy="nav_menu", name="Texts", slug="texts")
    item = store_item(menu, 1, title="T", type="custom", url="/", classes="plain")
    api_client.force_authenticate(admin_user)
    assert api_client.get(f"{ITEMS}/{item.pk}").json()["classes"] == ["plain"]


def test_locations_of_an_unknown_shape_are_none(api_client, admin_user, site):
    update_options({theme_mods_option(): {"nav_menu_locations": "broken"}})
    api_client.force_authenticate(admin_user)
    assert api_client.get(f"{LOCATIONS}/primary").json()["menu"] == 0
    assert api_client.get(f"{MENUS}/{site.main.pk}").json()["locations"] == []


def test_theme_mods_follow_the_active_theme(api_client, admin_user, site, settings):
    """Another active theme (stylesheet) has its own mods: no menu shows in its locations."""
    settings.WP_THEME = {"stylesheet": "another", "name": "Another"}
    api_client.force_authenticate(admin_user)
    assert api_client.get(f"{LOCATIONS}/primary").json()["menu"] == 0
