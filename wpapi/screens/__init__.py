"""The admin's screens: one per post type and taxonomy, as wp-admin has them.

An app without tables: the apps' admin modules add proxy models under its label (``wp``), one
per registered post type and taxonomy, so each gets its own list, filters and permissions at
/admin/wp/<name>/. Its one migration declares the proxies of whatever is registered (they have
no table, and registered types come from settings), so `makemigrations` never asks for more.
Its templates and static files dress Django admin as the editors' desk; it is listed before
django.contrib.admin, whose templates it overrides.
"""

from __future__ import annotations


def screen_name(slug: str, kind: str) -> str:
    """The proxy model's name of a post type's (kind "post") or taxonomy's ("term") screen:
    the slug, or for a taxonomy named like a post type, <slug>_terms."""
    if kind == "term":
        from wpapi.registry import post_types

        return f"{slug}_terms" if slug in post_types() else slug
    return slug


def screens() -> list[tuple[str, str, str, str]]:
    """(name, concrete model, singular, plural) of every screen the registry calls for: post
    types shown in the UI but revisions (attachments are the media library), taxonomies shown
    in the UI (menus and their items have the menus app's own screens)."""
    from wpapi.registry import post_types, taxonomies

    found = [
        (screen_name(slug, "post"), "content.post", kind.singular_name, kind.name)
        for slug, kind in post_types().items()
        if slug != "revision" and kind.show_ui
    ]
    found += [
        (screen_name(slug, "term"), "taxonomy.term", tax.singular_name, tax.name)
        for slug, tax in taxonomies().items()
        if tax.show_ui
    ]
    return found
