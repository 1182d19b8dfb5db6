"""WordPress's core sitemaps (wp-sitemap.xml): an index of the posts of each public post type,
the terms of each public taxonomy that have posts, and the users who wrote published posts,
2000 URLs to a page, as WordPress 6.1 lists them. Visibility and links are the API's."""

from __future__ import annotations

import math
from typing import Any

from content.blocks.util import esc_url
from content.permalinks import load_ancestors, post_permalink
from wpapi.registry import post_types, taxonomies
from wpapi.site import get_option

PER_PAGE = 2000


def public_post_types() -> list[str]:
    """Public, viewable post types other than attachments."""
    return [
        slug
        for slug, kind in post_types().items()
        if kind.viewable and slug not in ("attachment", "revision")
    ]


def _public_taxonomies() -> list[Any]:
    return [
        tax
        for slug, tax in taxonomies().items()
        if slug != "post_format"
        and getattr(tax, "public", True)
        and getattr(tax, "show_in_rest", True)
    ]


def _posts(post_type: str) -> Any:
    from content.queries import posts_anyone_reads

    # only what a permalink needs: a sitemap page holds up to 2000 posts
    rows = posts_anyone_reads([post_type]).filter(type=post_type).order_by("id")
    return rows.only("id", "type", "status", "slug", "parent_id", "date")


def _home_entry(post_type: str) -> bool:
    """The pages sitemap starts with the home page when the front page shows posts."""
    return post_type == "page" and get_option("show_on_front") != "page"


def _terms(taxonomy: str) -> Any:
    from taxonomy.models import Term

    return Term.objects.filter(taxonomy=taxonomy, count__gt=0).order_by("id")


def _authors() -> Any:
    from content.queries import posts_anyone_reads
    from users.models import User

    authors = posts_anyone_reads(public_post_types()).values("author_id")
    return User.objects.filter(pk__in=authors).order_by("id")


def sitemap_index(site: str) -> list[str]:
    """The sitemaps the index lists: one per page of each provider's subtypes."""
    found = []
    for post_type in public_post_types():
        count = _posts(post_type).count() + (1 if _home_entry(post_type) else 0)
        found += [
            f"{site}/wp-sitemap-posts-{post_type}-{page}.xml"
            for page in range(1, math.ceil(count / PER_PAGE) + 1)
        ]
    for tax in _public_taxonomies():
        count = _terms(tax.slug).count()
        found += [
            f"{site}/wp-sitemap-taxonomies-{tax.slug}-{page}.xml"
            for page in range(1, math.ceil(count / PER_PAGE) + 1)
        ]
    count = _authors().count()
    found += [
        f"{site}/wp-sitemap-users-{page}.xml" for page in range(1, math.ceil(count / PER_PAGE) + 1)
    ]
    return found


def post_urls(site: str, post_type: str, page: int) -> list[str] | None:
    if post_type not in public_post_types():
        return None
    start = (page - 1) * PER_PAGE
    urls = []
    if _home_entry(post_type):
        if page == 1:
            urls.append(f"{site}/")
        else:
            start -= 1
    rows = list(_posts(post_type)[start : start + PER_PAGE - len(urls)])
    ancestors = load_ancestors(rows)
    urls += [post_permalink(site, post, ancestors) for post in rows]
    return urls or None


def term_urls(site: str, taxonomy: str, page: int) -> list[str] | None:
    from content.blocks.terms import term_link
    from taxonomy.models import Term

    if taxonomy not in {tax.slug for tax in _public_taxonomies()}:
        return None
    rows = list(_terms(taxonomy)[(page - 1) * PER_PAGE : page * PER_PAGE])
    by_id = {term.pk: term for term in Term.objects.filter(taxonomy=taxonomy)} if rows else {}
    return [term_link(term, by_id, site) for term in rows] or None


def user_urls(site: str, page: int) -> list[str] | None:
    rows = list(_authors()[(page - 1) * PER_PAGE : page * PER_PAGE])
    return [f"{site}/author/{user.nicename}/" for user in rows] or None


def index_xml(site: str, entries: list[str]) -> str:
    items = "".join(f"<sitemap><loc>{esc_url(url)}</loc></sitemap>" for url in entries)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<?xml-stylesheet type="text/xsl" href="{site}/wp-sitemap-index.xsl" ?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</sitemapindex>\n'
    )


def urlset_xml(site: str, urls: list[str]) -> str:
    items = "".join(f"<url><loc>{esc_url(url)}</loc></url>" for url in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<?xml-stylesheet type="text/xsl" href="{site}/wp-sitemap.xsl" ?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</urlset>\n'
    )


def stylesheet(index: bool) -> str:
    """A small XSL of our own that shows a sitemap (or the index) as a table in a browser."""
    element = "sitemap:sitemapindex/sitemap:sitemap" if index else "sitemap:urlset/sitemap:url"
    title = "XML Sitemap" if not index else "XML Sitemap Index"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" '
        'xmlns:sitemap="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'exclude-result-prefixes="sitemap">\n'
        '<xsl:output method="html" encoding="UTF-8" indent="yes" />\n'
        '<xsl:template match="/">\n'
        f'<html lang="en-US"><head><title>{title}</title></head><body>\n'
        f"<h1>{title}</h1>\n"
        f'<p>Number of URLs in this sitemap: <xsl:value-of select="count({element})" /></p>\n'
        "<table><thead><tr><th>URL</th></tr></thead><tbody>\n"
        f'<xsl:for-each select="{element}"><tr><td>'
        '<a href="{sitemap:loc}"><xsl:value-of select="sitemap:loc" /></a></td></tr>'
        "</xsl:for-each>\n</tbody></table></body></html>\n"
        "</xsl:template>\n</xsl:stylesheet>\n"
    )
