"""settings.WP_PUBLIC_MENUS (beyond WordPress): anyone may read the menu locations, the menus
assigned to a location and their published items, the way a theme shows them to visitors;
nothing else about menus changes for them, and nothing changes for those who may read menus."""

import pytest

from content.services import post_trash
from menus.services import menu_create
from tests.factories import PageFactory
from tests.helpers import assert_wp_error, count_queries
from tests.menus.conftest import ITEMS, LOCATIONS, MENUS, add_item


@pytest.fixture
def hidden(site):
    """A menu in no location, and items of the located Main Menu a visitor must not see."""
    menu = menu_create(name="Hidden Menu")
    private = PageFactory(title="Secret plans", slug="secret", status="private")
    draft = PageFactory(title="Coming soon", slug="soon", status="draft")
    trashed = PageFactory(title="Old page", slug="old")
    post_trash(post=trashed)
    return {
        "menu": menu,
        "unlocated": add_item(menu, title="Unlisted", url="https://example.com/"),
        "draft_item": add_item(site.main, title="Draft", url="/", status="draft"),
        "private": add_item(site.main, type="post_type", object="page", object_id=private.pk),
        "draft_page": add_item(site.main, type="post_type", object="page", object_id=draft.pk),
        "trashed": add_item(site.main, type="post_type", object="page", object_id=trashed.pk),
    }


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content[:300]
    return [item["id"] for item in response.json()]


def test_off_by_default(api_client, site, settings):
    assert settings.WP_PUBLIC_MENUS is False
    assert_wp_error(api_client.get(MENUS), "rest_cannot_view", 401)
    assert_wp_error(api_client.get(ITEMS), "rest_cannot_view", 401)
    assert_wp_error(api_client.get(LOCATIONS), "rest_cannot_view", 401)


@pytest.mark.usefixtures("public_menus")
@pytest.mark.parametrize("role", [None, "subscriber"])
def test_visitors_read_located_menus_and_their_items(
    api_client, user_with_role, site, hidden, role
):
    if role:
        api_client.force_authenticate(user_with_role(role))
    response = api_client.get(MENUS)
    assert ids(response) == [site.footer.pk, site.main.pk]
    assert response["X-WP-Total"] == "2"
    assert api_client.get(f"{MENUS}/{site.main.pk}").json()["locations"] == ["primary"]
    items = site.items
    response = api_client.get(ITEMS)
    assert ids(response) == [
        items[key].pk for key in ("home", "contact", "about", "external", "team", "news", "sticky")
    ]
    assert response["X-WP-Total"] == "7"
    assert ids(api_client.get(ITEMS, {"menus": hidden["menu"].pk})) == []
    assert api_client.get(f"{ITEMS}/{items['about'].pk}").json()["url"].endswith("/about/")
    assert set(api_client.get(LOCATIONS).json()) == {"primary", "footer"}
    assert api_client.get(f"{LOCATIONS}/footer").json()["menu"] == site.footer.pk


@pytest.mark.usefixtures("public_menus")
def test_the_rest_stays_closed_to_visitors(api_client, site, hidden):
    assert_wp_error(api_client.get(f"{MENUS}/{hidden['menu'].pk}"), "rest_cannot_view", 401)
    assert_wp_error(api_client.get(f"{ITEMS}/{hidden['unlocated'].pk}"), "rest_cannot_view", 401)
    # items linking to what a visitor may not read, or to what is gone, are left out
    for key in ("private", "draft_page", "trashed"):
        assert_wp_error(api_client.get(f"{ITEMS}/{hidden[key].pk}"), "rest_cannot_view", 401)
    assert_wp_error(api_client.get(f"{ITEMS}/{hidden['draft_item'].pk}"), "rest_forbidden", 401)
    assert_wp_error(api_client.get(ITEMS, {"status": "draft"}), "rest_invalid_param", 400)
    assert_wp_error(api_client.get(MENUS, {"context": "edit"}), "rest_forbidden_context", 401)
    assert_wp_error(api_client.get(ITEMS, {"context": "edit"}), "rest_forbidden_context", 401)
    assert_wp_error(
        api_client.post(MENUS, {"name": "Mine"}, format="json"), "rest_cannot_create", 401
    )
    assert_wp_error(
        api_client.post(ITEMS, {"title": "x", "url": "/"}, format="json"), "rest_cannot_create", 401
    )
    assert_wp_error(
        api_client.delete(f"{MENUS}/{site.main.pk}?force=true"), "rest_cannot_delete", 401
    )


@pytest.mark.usefixtures("public_menus")
def test_the_menus_of_a_public_item(api_client, site, hidden):
    assert ids(api_client.get(MENUS, {"post": site.items["home"].pk})) == [site.main.pk]
    body = assert_wp_error(
        api_client.get(MENUS, {"post": hidden["unlocated"].pk}), "rest_forbidden_context", 401
    )
    assert body["message"] == "Sorry, you are not allowed to view terms for this post."


@pytest.mark.usefixtures("public_menus")
def test_readers_of_menus_see_everything_as_before(api_client, author, site, hidden):
    api_client.force_authenticate(author)
    assert hidden["menu"].pk in ids(api_client.get(MENUS))
    listed = ids(api_client.get(ITEMS))
    assert {hidden[key].pk for key in ("unlocated", "private", "draft_page", "trashed")} <= set(
        listed
    )
    assert api_client.get(LOCATIONS).status_code == 200  # public, as for everyone


@pytest.mark.usefixtures("public_menus")
def test_a_front_end_fetch_with_embed(api_client, site, hidden):
    response = api_client.get(ITEMS, {"menus": site.main.pk, "_embed": "1"})
    body = {item["id"]: item for item in response.json()}
    about = body[site.items["about"].pk]["_embedded"]
    assert about["wp:menu-item-object"][0]["slug"] == "about"
    assert [menu["id"] for menu in about["wp:term"][0]] == [site.main.pk]
    assert body[site.items["news"].pk]["_embedded"]["wp:menu-item-object"][0]["name"] == "News"


@pytest.mark.usefixtures("public_menus")
def test_public_queries_do_not_grow_with_items(api_client, site):
    query = {"menus": site.main.pk, "_embed": "1"}
    api_client.get(ITEMS, query)
    before = count_queries(lambda: api_client.get(ITEMS, query))
    for n in range(5):
        page = PageFactory(title=f"Page {n}")
        add_item(site.main, type="post_type", object="page", object_id=page.pk)
        add_item(site.main, type="taxonomy", object="category", object_id=site.news.pk)
        add_item(site.main, title=f"Link {n}", url="https://example.com/")
    api_client.get(ITEMS, query)
    assert count_queries(lambda: api_client.get(ITEMS, query)) == before
