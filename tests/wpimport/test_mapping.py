"""How WordPress's stored values become wpapi's."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from wpapi import php
from wpimport import mapping


@pytest.mark.parametrize(
    ("options", "zone"),
    [
        ({"timezone_string": "Europe/Paris", "gmt_offset": "1"}, "Europe/Paris"),
        ({"timezone_string": "", "gmt_offset": "5.5"}, "UTC+5:30"),
        ({"timezone_string": "", "gmt_offset": "-3"}, "UTC-3"),
        ({"timezone_string": "", "gmt_offset": "0"}, "UTC"),
        ({}, None),
    ],
)
def test_the_site_timezone(options, zone):
    assert mapping.source_timezone(options) == zone


def test_a_floating_date_is_read_in_the_site_zone():
    local = datetime(2024, 1, 3, 15, 0)
    plus_two = timezone(timedelta(hours=2))
    assert mapping.to_utc(local, None, plus_two) == datetime(2024, 1, 3, 13, 0, tzinfo=UTC)
    assert mapping.to_utc(local, datetime(2024, 1, 3, 14, 0), plus_two) == datetime(
        2024, 1, 3, 14, 0, tzinfo=UTC
    )


def test_text_with_nul_characters_becomes_storable():
    private = 'O:3:"Foo":1:{s:6:"\x00*\x00bar";s:1:"x";}'
    assert php.unserialize(mapping.storable(private)) == {"bar": "x"}
    assert mapping.storable("a\x00b") == "ab"
    assert mapping.storable("plain") == "plain"


def test_site_options_map_ids_through_the_import():
    values, notes = mapping.site_options(
        {
            "blogname": "Site",
            "page_on_front": "12",
            "default_category": "3",
            "use_smilies": "0",
            "posts_per_page": "7",
            "theme_mods": {"nav_menu_locations": {"primary": 15}},
            "permalink_structure": "/%year%/%postname%/",
        },
        post_id=lambda pk: {12: 112}.get(pk),
        term_id=lambda pk: {3: 3, 15: 115}.get(pk),
    )
    assert values == {
        "title": "Site",
        "use_smilies": False,
        "posts_per_page": 7,
        "default_category": 3,
        "page_on_front": 112,
        "nav_menu_locations": {"primary": 115},
    }
    assert "permalink structure" in notes[0]
