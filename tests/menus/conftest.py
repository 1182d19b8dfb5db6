"""Fixtures for the menus tests: the reference site's two menus, built through the services."""

from dataclasses import dataclass

import pytest

from content.models import Post
from menus.services import menu_create, menu_item_save, set_menu_locations
from taxonomy.models import Term
from tests.factories import PageFactory, PostFactory, TermFactory

MENUS = "/wp-json/wp/v2/menus"
ITEMS = "/wp-json/wp/v2/menu-items"
LOCATIONS = "/wp-json/wp/v2/menu-locations"
SITE = "http://testserver"
ROLES_THAT_READ = ["administrator", "editor", "author", "contributor"]


@dataclass
class Site:
    main: Term
    footer: Term
    about: Post
    team: Post
    contact: Post
    sticky: Post
    news: Term
    items: dict[str, Post]


def add_item(menu: Term | int, **fields) -> Post:
    menu_id = menu if isinstance(menu, int) else menu.pk
    fields.setdefault("status", "publish")
    return menu_item_save(item=None, menu_id=menu_id, **fields)


@pytest.fixture
def site(db) -> Site:
    """Main Menu at `primary` (Home, About > Team, News, "Featured post"), Footer Menu at
    `footer` (Contact, WordPress.org with target, classes, XFN, attr title, description)."""
    about = PageFactory(title="About", slug="about", menu_order=1)
    team = PageFactory(title="Team", slug="team", parent=about, menu_order=1)
    contact = PageFactory(title="Contact", slug="contact", menu_order=3)
    sticky = PostFactory(title="Reference post 1", slug="reference-post-1", sticky=True)
    news = TermFactory(name="News", slug="news")
    main = menu_create(name="Main Menu")
    footer = menu_create(name="Footer Menu")
    items = {}
    items["home"] = add_item(main, title="Home", url=f"{SITE}/", position=1)
    items["about"] = add_item(main, type="post_type", object="page", object_id=about.pk, position=2)
    items["team"] = add_item(
        main,
        type="post_type",
        object="page",
        object_id=team.pk,
        parent=items["about"].pk,
        position=3,
    )
    items["news"] = add_item(
        main, type="taxonomy", object="category", object_id=news.pk, position=4
    )
    items["sticky"] = add_item(
        main,
        type="post_type",
        object="post",
        object_id=sticky.pk,
        title="Featured post",
        position=5,
    )
    items["contact"] = add_item(
        footer, type="post_type", object="page", object_id=contact.pk, position=1
    )
    items["external"] = add_item(
        footer,
        title="WordPress.org",
        url="https://wordpress.org/",
        target="_blank",
        classes="external highlight",
        xfn="nofollow",
        attr_title="Opens in a new tab",
        description="The WordPress project",
        position=2,
    )
    set_menu_locations(menu_id=main.pk, locations=["primary"])
    set_menu_locations(menu_id=footer.pk, locations=["footer"])
    return Site(main, footer, about, team, contact, sticky, news, items)


@pytest.fixture
def public_menus(settings):
    settings.WP_PUBLIC_MENUS = True
