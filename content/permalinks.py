"""Post permalinks with the /%postname%/ structure (get_permalink, get_sample_permalink), for
every resource that shows one: posts and pages, media under their parent, comments' links and
search results. Page ancestors are bulk-loaded once per list (load_ancestors); building a link
reads only what was loaded."""

from __future__ import annotations

from typing import Any

from content.models import Post
from wpapi import sql
from wpapi.site import get_option

#: page id -> (slug, parent id), for the ancestors of the posts on a page of results
Ancestors = dict[int, tuple[str, int | None]]


def load_ancestors(posts: list[Post], kinds: dict[int, str] | None = None) -> Ancestors:
    """Every ancestor's (slug, parent id) of `posts`: one recursive query however deep the
    hierarchy (UNION ends a loop in the data), none when no post has a parent. `kinds`, when
    given, receives each ancestor's post type."""
    parents = sorted({post.parent_id for post in posts if post.parent_id})
    if not parents:
        return {}
    table = sql.table(Post)
    column = {name: sql.column(Post, name) for name in ("id", "slug", "parent", "type")}
    fields = ", ".join(column[name] for name in ("id", "slug", "parent", "type"))
    joined = ", ".join(f"p.{column[name]}" for name in ("id", "slug", "parent", "type"))
    query = (
        f"WITH RECURSIVE chain AS (SELECT {fields} FROM {table} WHERE {column['id']} IN "
        f"({sql.placeholders(parents)}) UNION SELECT {joined} FROM {table} p "
        f"JOIN chain c ON p.{column['id']} = c.{column['parent']}) SELECT {fields} FROM chain"
    )
    ancestors: Ancestors = {}
    for pk, slug, parent_id, kind in sql.fetch(query, parents):
        ancestors[pk] = (slug, parent_id)
        if kinds is not None:
            kinds[pk] = kind
    return ancestors


def ancestor_path(post: Any, ancestors: Ancestors) -> str:
    """ "grandparent/parent/" from the loaded ancestors (a loop in the data ends the path); an
    ancestor without a slug (a draft) adds nothing, as in get_page_uri()."""
    slugs = []
    parent_id, seen = post.parent_id, set()
    while parent_id and parent_id in ancestors and parent_id not in seen:
        seen.add(parent_id)
        parent_slug, parent_id = ancestors[parent_id]
        slugs.append(parent_slug)
    return "".join(f"{slug}/" for slug in reversed(slugs) if slug)


#: core types get_permalink() links like posts (_builtin, not pages or attachments)
BUILTIN_POST_LIKE = ("post", "wp_block", "nav_menu_item", "wp_navigation")


def is_front_page(post: Any) -> bool:
    """Is `post` the static front page (show_on_front = page, page_on_front = its id)?"""
    return get_option("show_on_front") == "page" and str(get_option("page_on_front") or 0) == str(
        post.pk
    )


def post_permalink(home: str, post: Any, ancestors: Ancestors, sample: bool = False) -> str:
    """get_permalink() (or, with `sample`, get_sample_permalink()'s template): ?p=<id>
    (?page_id=, ?post_type=) for posts without a public address; pages under their ancestors'
    slugs; the static front page at the home URL."""
    plain = not sample and (post.status not in ("publish", "private") or not post.slug)
    if sample and post.status in ("trash",):
        plain = True
    if plain:
        if post.type == "page":
            return f"{home}/?page_id={post.pk}"
        if post.type in BUILTIN_POST_LIKE:
            return f"{home}/?p={post.pk}"
        return f"{home}/?post_type={post.type}&p={post.pk}"
    if not sample and post.type == "page" and is_front_page(post):
        return f"{home}/"  # _get_page_link(): the static front page is the home URL
    # get_sample_permalink(): posts keep %postname%; other types' own token becomes
    # %pagename%
    slug = ("%postname%" if post.type == "post" else "%pagename%") if sample else post.slug
    if post.type in BUILTIN_POST_LIKE:
        return f"{home}/{slug}/"
    path = ancestor_path(post, ancestors)
    if post.type == "page":
        return f"{home}/{path}{slug}/"
    return f"{home}/{post.type}/{path}{slug}/"


def post_guid(home: str, post: Any) -> str:
    """The guid as shown: a stored path ("/?p=12") becomes absolute under the home URL."""
    return home + post.guid if post.guid.startswith("/") else post.guid
