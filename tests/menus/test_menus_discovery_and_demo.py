"""The new routes in the indexes and OPTIONS as WordPress 6.1 describes them (compared with the
reference site's captured answers when they are beside this checkout), and the demo menus."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from menus.queries import nav_menu_locations
from taxonomy.models import Term

HERE = Path(__file__).resolve()
DUMPS = [parent / "shared/wordpress/dump" for parent in (HERE.parents[3], HERE.parents[4])]
DUMP = next((path for path in DUMPS if path.exists()), None)
NEW_ROUTES = [
    "/wp/v2/menu-items",
    "/wp/v2/menu-items/(?P<id>[\\d]+)",
    "/wp/v2/menu-items/(?P<id>[\\d]+)/autosaves",
    "/wp/v2/menu-items/(?P<parent>[\\d]+)/autosaves/(?P<id>[\\d]+)",
    "/wp/v2/navigation",
    "/wp/v2/navigation/(?P<id>[\\d]+)",
    "/wp/v2/navigation/(?P<parent>[\\d]+)/revisions",
    "/wp/v2/navigation/(?P<parent>[\\d]+)/revisions/(?P<id>[\\d]+)",
    "/wp/v2/navigation/(?P<id>[\\d]+)/autosaves",
    "/wp/v2/navigation/(?P<parent>[\\d]+)/autosaves/(?P<id>[\\d]+)",
    "/wp/v2/menus",
    "/wp/v2/menus/(?P<id>[\\d]+)",
    "/wp/v2/themes",
    '/wp/v2/themes/(?P<stylesheet>[^\\/:<>\\*\\?"\\|]+(?:\\/[^\\/:<>\\*\\?"\\|]+)?)',
    "/wp/v2/plugins",
    "/wp/v2/plugins/(?P<plugin>[^.\\/]+(?:\\/[^.\\/]+)?)",
    "/wp/v2/menu-locations",
    "/wp/v2/menu-locations/(?P<location>[\\w-]+)",
]


def without_meta(value):
    """The reference site registers meta keys of its own: leave `meta` out of comparisons."""
    if isinstance(value, dict):
        return {key: without_meta(item) for key, item in value.items() if key != "meta"}
    if isinstance(value, list):
        return [without_meta(item) for item in value]
    return value


def test_indexes_list_the_routes(api_client, db):
    routes = api_client.get("/wp-json/").json()["routes"]
    namespace = api_client.get("/wp-json/wp/v2").json()["routes"]
    for route in NEW_ROUTES:
        assert route in routes, route
        assert route in namespace, route
    assert routes["/wp/v2/menu-locations"]["_links"] == {
        "self": [{"href": "http://testserver/wp-json/wp/v2/menu-locations"}]
    }
    assert routes["/wp/v2/plugins/(?P<plugin>[^.\\/]+(?:\\/[^.\\/]+)?)"]["methods"] == [
        "GET",
        "POST",
        "PUT",
        "PATCH",
        "DELETE",
    ]


@pytest.mark.skipif(DUMP is None, reason="the WordPress dump is not beside this checkout")
@pytest.mark.parametrize(
    ("path", "dump"),
    [
        ("/wp/v2/menus", "options-menus.json"),
        ("/wp/v2/menu-items", "options-menu-items.json"),
        ("/wp/v2/menu-locations", "options-menu-locations.json"),
        ("/wp/v2/themes", "options-themes.json"),
        ("/wp/v2/plugins", "options-plugins.json"),
        ("/wp/v2/navigation", "options-all/wp_v2_navigation.json"),
    ],
)
def test_options_are_wordpress_own(api_client, db, path, dump):
    theirs = json.loads((DUMP / dump).read_text())
    ours = api_client.options(f"/wp-json{path}").json()
    # the dump's links name its own host
    text = json.dumps(theirs).replace("http://127.0.0.1:8081", "http://testserver")
    assert without_meta(ours) == without_meta(json.loads(text))


@pytest.mark.skipif(DUMP is None, reason="the WordPress dump is not beside this checkout")
def test_index_entries_are_wordpress_own(api_client, db):
    """The new literal routes as the reference's OPTIONS describe them (without schema)."""
    routes = api_client.get("/wp-json/").json()["routes"]
    for path, dump in [
        ("/wp/v2/menus", "options-menus.json"),
        ("/wp/v2/menu-items", "options-menu-items.json"),
        ("/wp/v2/themes", "options-themes.json"),
        ("/wp/v2/plugins", "options-plugins.json"),
    ]:
        theirs = json.loads((DUMP / dump).read_text())
        assert without_meta(routes[path]["endpoints"]) == without_meta(theirs["endpoints"])


def test_demo_menus_are_the_reference_sites(api_client, admin_user, db):
    call_command("seed_demo", stdout=StringIO())
    main = Term.objects.get(taxonomy="nav_menu", slug="main-menu")
    footer = Term.objects.get(taxonomy="nav_menu", slug="footer-menu")
    assert nav_menu_locations() == {"primary": main.pk, "footer": footer.pk}
    api_client.force_authenticate(admin_user)
    body = api_client.get(
        "/wp-json/wp/v2/menu-items",
        {"_fields": "id,title.rendered,type,object,parent,menu_order,menus,url,target,classes,xfn"},
    ).json()
    # the reference seed's items, created in its order (IDs 54 to 60 there, and here on a
    # fresh database), listed by menu_order then ID
    home = min(item["id"] for item in body)
    assert [
        (item["id"] - home, item["title"]["rendered"], item["menu_order"]) for item in body
    ] == [
        (0, "Home", 1),
        (5, "Contact", 1),
        (1, "About", 2),
        (6, "WordPress.org", 2),
        (2, "Team", 3),
        (3, "News", 4),
        (4, "Featured post", 5),
    ]
    by_id = {item["id"] - home + 54: item for item in body}
    assert by_id[56]["parent"] == home + 1
    assert (by_id[57]["type"], by_id[57]["object"]) == ("taxonomy", "category")
    assert by_id[58]["url"] == "http://testserver/reference-post-1/"
    assert {key: by_id[60][key] for key in ("target", "classes", "xfn", "menus")} == {
        "target": "_blank",
        "classes": ["external", "highlight"],
        "xfn": ["nofollow"],
        "menus": footer.pk,
    }
    call_command("seed_demo", "--force", stdout=StringIO())  # the menus are made once
    assert Term.objects.filter(taxonomy="nav_menu").count() == 2
