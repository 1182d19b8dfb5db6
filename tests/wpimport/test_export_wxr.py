"""export_wxr: WXR 1.2 with the elements and namespaces of WordPress's exporter, which an
empty wpapi imports back into the same API answers."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from lxml import etree

from comments.models import Comment
from content.models import Post
from taxonomy.models import Term
from tests.wpimport.conftest import WXR, run_import
from users.models import User
from wpapi.models import Option
from wpimport.models import ImportedObject

API = "/wp-json/wp/v2"
LISTS = {
    "posts": {"status": "publish,future,draft,pending,private,trash"},
    "pages": {"status": "publish,draft,trash"},
    "media": {},
    "categories": {"hide_empty": "false"},
    "tags": {"hide_empty": "false"},
    "users": {},
    "comments": {"status": "all"},
}


def export(path, *args: str) -> str:
    out = StringIO()
    call_command("export_wxr", str(path), "--site-url", "http://127.0.0.1:8084", *args, stdout=out)
    return out.getvalue()


def tags_of(path) -> set[str]:
    return {
        element.tag for element in etree.parse(str(path)).iter() if isinstance(element.tag, str)
    }


def test_strict_export_writes_wordpress_elements_and_namespaces(imported_wxr, tmp_path):
    written = tmp_path / "export.xml"
    assert export(written, "--strict").startswith("Wrote ")
    ours, theirs = etree.parse(str(written)).getroot(), etree.parse(str(WXR)).getroot()
    assert ours.nsmap == theirs.nsmap
    assert ours.get("version") == "2.0"
    assert tags_of(written) == tags_of(WXR)


def test_wordpress_meta_comes_back_as_wordpress_stores_it(imported_wxr, tmp_path):
    written = tmp_path / "export.xml"
    export(written, "--strict")
    wp = "{http://wordpress.org/export/1.2/}"
    items = {item.findtext(f"{wp}post_id"): item for item in etree.parse(str(written)).iter("item")}
    image = {
        meta.findtext(f"{wp}meta_key"): meta.findtext(f"{wp}meta_value")
        for meta in items["51"].iter(f"{wp}postmeta")
    }
    original = {
        meta.findtext(f"{wp}meta_key"): meta.findtext(f"{wp}meta_value")
        for item in etree.parse(str(WXR)).iter("item")
        if item.findtext(f"{wp}post_id") == "51"
        for meta in item.iter(f"{wp}postmeta")
    }
    assert image == original  # _wp_attached_file, the serialized metadata, the alt text
    featured = [m.findtext(f"{wp}meta_value") for m in items["6"].iter(f"{wp}postmeta")
                if m.findtext(f"{wp}meta_key") == "_thumbnail_id"]  # fmt: skip
    assert featured == ["51"]
    formats = [
        category.get("nicename")
        for category in items["6"].iter("category")
        if category.get("domain") == "post_format"
    ]
    assert formats == ["post-format-aside"]
    assert items["4"].findtext(f"{wp}is_sticky") == "1"


def answers(api_client) -> dict:
    """Every object of the compared routes, as anyone and as the administrator sees it."""
    seen = {}
    admin = User.objects.get(pk=1)
    for route, params in LISTS.items():
        for auth in (False, True):
            api_client.force_authenticate(admin if auth else None)
            context = "edit" if auth else "view"
            listed = api_client.get(
                f"{API}/{route}", {"per_page": 100, "context": context, **params}
            )
            seen[(route, context)] = (listed.status_code, listed.json())
            for item in listed.json() if isinstance(listed.json(), list) else []:
                one = api_client.get(f"{API}/{route}/{item['id']}", {"context": context})
                seen[(route, item["id"], context)] = (one.status_code, one.json())
    api_client.force_authenticate(None)
    return seen


def empty_the_site() -> None:
    for model in (ImportedObject, Comment, Post, Term, User, Option):
        model.objects.all().delete()


def round_trip(api_client, tmp_path) -> tuple[dict, dict]:
    before = answers(api_client)
    written = tmp_path / "round-trip.xml"
    export(written)
    empty_the_site()
    run_import(str(written))
    return before, answers(api_client)


def test_round_trip_through_an_empty_site_gives_the_same_answers(
    imported_wxr, api_client, tmp_path
):
    User.objects.filter(pk=1).update(role="administrator")  # a WXR file has no roles
    before, after = round_trip(api_client, tmp_path)
    assert len(before) > 100
    assert after == before


def test_round_trip_of_a_database_import(db, wordpress_database, api_client, tmp_path):
    run_import(wordpress_database)
    before, after = round_trip(api_client, tmp_path)
    assert after == before
    assert Post.objects.filter(type="revision").count() == 3  # beyond what WordPress exports
    assert Comment.objects.filter(status="spam").count() == 1
    assert User.objects.get(pk=5).role == "subscriber"


@pytest.mark.django_db
def test_export_needs_the_site_address(tmp_path, settings):
    settings.WP_SITE_URL = ""
    with pytest.raises(CommandError, match="--site-url"):
        call_command("export_wxr", str(tmp_path / "x.xml"))
