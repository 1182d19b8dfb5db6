"""Menus and menu items in Django admin: for edit_theme_options, saved through the menus
services, so WordPress's rules (unique names, locations, item checks) apply there too."""

import pytest
from django.test import Client

from content.models import Post, PostMeta
from menus.queries import nav_menu_locations
from taxonomy.models import Term
from tests.factories import UserFactory

MENU_ADMIN = "/admin/menus/navmenu/"
ITEM_ADMIN = "/admin/menus/navmenuitem/"


def client_for(role: str, **fields) -> Client:
    client = Client()
    client.force_login(UserFactory(role=role, is_staff=True, **fields))
    return client


@pytest.fixture
def admin_client_(db) -> Client:
    return client_for("administrator", is_superuser=True)


def test_editors_have_no_menu_screens(site):
    editor = client_for("editor")
    assert editor.get(MENU_ADMIN).status_code == 403
    assert editor.get(ITEM_ADMIN).status_code == 403


def test_menus_have_their_own_screens(admin_client_, site):
    response = admin_client_.get(MENU_ADMIN)
    assert response.status_code == 200
    assert b"Main Menu" in response.content
    assert b"primary" in response.content
    assert admin_client_.get(f"{MENU_ADMIN}{site.main.pk}/change/").status_code == 200
    assert admin_client_.get(f"{ITEM_ADMIN}{site.items['team'].pk}/change/").status_code == 200
    # and are not among the posts and terms
    posts = admin_client_.get("/admin/content/post/").content
    assert b"WordPress.org" not in posts
    assert b"Footer Menu" not in admin_client_.get("/admin/taxonomy/term/").content


def test_add_a_menu_at_a_location(admin_client_, site):
    response = admin_client_.post(
        f"{MENU_ADMIN}add/",
        {"name": "Mobile <b>menu</b>", "description": "", "locations": ["footer"]},
    )
    assert response.status_code == 302, response.content[:3000]
    menu = Term.objects.get(taxonomy="nav_menu", name="Mobile menu")
    assert menu.slug == "mobile-menu"
    assert nav_menu_locations()["footer"] == menu.pk
    response = admin_client_.post(f"{MENU_ADMIN}add/", {"name": "main menu", "description": ""})
    assert response.status_code == 200
    assert b"conflicts with another menu name" in response.content


def test_add_and_check_items(admin_client_, site):
    fields = {
        "title": "",
        "menu_order": "",
        "excerpt": "",
        "content": "",
        "menu": site.footer.pk,
        "item_type": "custom",
        "linked_object": "",
        "object_id": "",
        "parent_item": "",
        "url": "",
        "target": "",
        "classes": "",
        "xfn": "",
        "item_status": "publish",
    }
    response = admin_client_.post(f"{ITEM_ADMIN}add/", fields)
    assert response.status_code == 200
    assert b"The title is required when using a custom menu item type." in response.content
    assert b"The url is required when using a custom menu item type." in response.content
    response = admin_client_.post(
        f"{ITEM_ADMIN}add/",
        {**fields, "title": "Blog", "url": "https://blog.example.com", "classes": "a b"},
    )
    assert response.status_code == 302, response.content[:3000]
    item = Post.objects.get(type="nav_menu_item", title="Blog")
    meta = dict(PostMeta.objects.filter(post=item).values_list("key", "value"))
    assert (meta["_menu_item_classes"], meta["_menu_item_object_id"]) == ('["a","b"]', str(item.pk))
    assert item.menu_order == 3  # after the footer's two items
    # saved as a post (not the admin's proxy): the menu's stored count follows
    assert Term.objects.get(pk=site.footer.pk).count == 3
    response = admin_client_.post(
        f"{ITEM_ADMIN}{item.pk}/change/",
        {**fields, "title": "Blog", "url": "https://blog.example.com", "menu_order": "1"},
    )
    assert response.status_code == 302
    assert Post.objects.get(pk=item.pk).menu_order == 1
    response = admin_client_.post(f"{ITEM_ADMIN}{item.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert Term.objects.get(pk=site.footer.pk).count == 2


def test_delete_a_menu(admin_client_, site):
    response = admin_client_.post(f"{MENU_ADMIN}{site.footer.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Term.objects.filter(pk=site.footer.pk).exists()
    assert not Post.objects.filter(pk=site.items["external"].pk).exists()
