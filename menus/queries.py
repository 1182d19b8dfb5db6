"""Reading classic menus as WordPress stores them.

A menu is a term of the taxonomy `nav_menu`; its items are posts of type `nav_menu_item` in that
term, ordered by `menu_order`, whose meta says what each links to (`_menu_item_type`,
`_menu_item_object`, `_menu_item_object_id`, `_menu_item_url`, ...). The theme's menu
locations come from settings.WP_MENU_LOCATIONS (register_nav_menus) and which menu each shows
from the theme mod `nav_menu_locations`; `auto_add` from the option `nav_menu_options`.

`setup_menu_items()` is wp_setup_nav_menu_item() for a page of items at once: their meta, the
posts and terms they link to and those objects' permalinks, in a few queries whatever the
number of items.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson
from django.conf import settings
from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast

from content.formatting import render_title, sanitize_html_class, trim_words, wptexturize
from content.models import Post, PostMeta
from content.permalinks import load_ancestors, post_permalink
from content.queries import readable_q
from extensions.queries import get_theme_mod
from taxonomy.models import Term, TermRelationship
from wpapi.formatting import strip_all_tags
from wpapi.params import absint, php_intval
from wpapi.php import maybe_unserialize
from wpapi.registry import get_post_type, get_taxonomy
from wpapi.site import get_option

#: the meta keys wp_update_nav_menu_item() writes, which wp_setup_nav_menu_item() reads
ITEM_META_KEYS = (
    "_menu_item_type",
    "_menu_item_menu_item_parent",
    "_menu_item_object_id",
    "_menu_item_object",
    "_menu_item_target",
    "_menu_item_classes",
    "_menu_item_xfn",
    "_menu_item_url",
)


# --- locations ---------------------------------------------------------------------------------
def registered_locations() -> dict[str, str]:
    """get_registered_nav_menus(): location -> description, as the theme declares them."""
    return {str(name): str(text) for name, text in settings.WP_MENU_LOCATIONS.items()}


def nav_menu_locations() -> dict[str, int]:
    """get_nav_menu_locations(): the theme mod, location -> menu ID (0: none)."""
    mod = get_theme_mod("nav_menu_locations")
    if not isinstance(mod, dict):
        return {}
    return {str(location): php_intval(menu_id) for location, menu_id in mod.items()}


def locations_by_menu() -> dict[int, list[str]]:
    """Each menu's locations, in the order the theme declares them (then the undeclared ones
    by name): WordPress lists them in the theme mod's order, which a JSON column in PostgreSQL
    does not keep, and which is the declared order whenever menus are assigned in the admin."""
    declared = list(registered_locations())
    rank = {location: index for index, location in enumerate(declared)}
    found: dict[int, list[str]] = {}
    for location, menu_id in sorted(
        nav_menu_locations().items(), key=lambda pair: (rank.get(pair[0], len(rank)), pair[0])
    ):
        found.setdefault(menu_id, []).append(location)
    return found


def menu_locations(menu_id: int) -> list[str]:
    """The locations a menu is assigned to."""
    return locations_by_menu().get(menu_id, [])


def auto_add_menus() -> list[int]:
    """The menus new top-level pages join (the option nav_menu_options' auto_add)."""
    option = get_option("nav_menu_options")
    ids = option.get("auto_add") if isinstance(option, dict) else None
    return [php_intval(menu_id) for menu_id in ids] if isinstance(ids, list) else []


def located_menu_ids() -> set[int]:
    """The menus a front end shows: assigned to a location the theme declares."""
    declared = registered_locations()
    return {
        menu_id
        for location, menu_id in nav_menu_locations().items()
        if location in declared and menu_id > 0
    }


def menus_of(item_ids: list[int]) -> dict[int, int]:
    """Each menu item's menu (its nav_menu term; the first when there are several)."""
    found: dict[int, int] = {}
    rows = TermRelationship.objects.filter(
        post_id__in=item_ids, term__taxonomy="nav_menu"
    ).order_by("term_id")
    for post_id, term_id in rows.values_list("post_id", "term_id"):
        found.setdefault(post_id, term_id)
    return found


# --- what anyone may read when menus are public (settings.WP_PUBLIC_MENUS) ----------------------
def public_items_q(user: Any) -> Q:
    """Menu items a front end shows: published, in a menu assigned to a declared location, and
    not linking to a post the caller may not read (nor to a post or term that is gone, which
    WordPress's front end leaves out too)."""
    menus = TermRelationship.objects.filter(post_id=OuterRef("pk"), term_id__in=located_menu_ids())
    linked_id = PostMeta.objects.filter(post=OuterRef("pk"), key="_menu_item_object_id")
    readable_ids = Post.objects.filter(readable_q(user, _rest_types())).exclude(status="trash")
    readable_text = readable_ids.annotate(text_id=Cast("pk", CharField()))
    linked_post = linked_id.filter(value__in=readable_text.values("text_id"))
    term_text = Term.objects.annotate(text_id=Cast("pk", CharField()))
    linked_term = linked_id.filter(value__in=term_text.values("text_id"))
    kind = PostMeta.objects.filter(post=OuterRef("pk"), key="_menu_item_type")
    return (
        Q(status="publish")
        & Exists(menus)
        & (
            ~Exists(kind.filter(value__in=["post_type", "taxonomy"]))
            | (Exists(kind.filter(value="post_type")) & Exists(linked_post))
            | (Exists(kind.filter(value="taxonomy")) & Exists(linked_term))
        )
    )


def _rest_types() -> list[str]:
    from content.queries import rest_post_types

    return rest_post_types()


# --- wp_setup_nav_menu_item() --------------------------------------------------------------------
@dataclass
class MenuItem:
    """A menu item as wp_setup_nav_menu_item() decorates it (the fields the REST API sends)."""

    post: Post
    type: str = "custom"
    object: str = ""
    object_id: int = 0
    parent: int = 0
    target: str = ""
    classes: list[str] = field(default_factory=list)
    xfn: str = ""
    url: str | bool = ""
    title: str = ""
    type_label: str = ""
    attr_title: str = ""
    description: str = ""
    invalid: bool = False
    menu: int = 0
    #: the REST route of the linked post or term and its type (the menu-item-object link)
    object_route: str = ""
    object_kind: str = ""


def decode_classes(text: str | None) -> list[str]:
    """(array) get_post_meta(_menu_item_classes): the stored list (JSON, as wpapi stores
    arrays; PHP-serialized, as an imported WordPress site stored it), or the text as the only
    class."""
    if text is None:
        return [""]
    if text[:2] == "a:":
        value = maybe_unserialize(text)
        if isinstance(value, dict | list):
            items = value.values() if isinstance(value, dict) else value
            return ["" if item is None else str(item) for item in items]
    if text[:1] == "[":
        try:
            value = orjson.loads(text)
        except orjson.JSONDecodeError:
            return [text]
        if isinstance(value, list):
            return ["" if item is None else str(item) for item in value]
    return [text]


def encode_classes(classes: list[str]) -> str:
    return orjson.dumps(classes).decode()


def _item_meta(item_ids: list[int]) -> dict[int, dict[str, str]]:
    meta: dict[int, dict[str, str]] = {pk: {} for pk in item_ids}
    rows = PostMeta.objects.filter(post_id__in=item_ids, key__in=ITEM_META_KEYS).order_by("id")
    for post_id, key, value in rows.values_list("post_id", "key", "value"):
        meta[post_id].setdefault(key, value)  # get_post_meta(..., true): the first row
    return meta


def _term_path(term: Term, tree: dict[int, tuple[int | None, str]]) -> str:
    slugs, current, seen = [term.slug], term.parent_id, {term.pk}
    while current and current in tree and current not in seen:
        seen.add(current)
        parent_id, slug = tree[current]
        slugs.insert(0, slug)
        current = parent_id
    return "/".join(slugs)


def setup_menu_items(items: list[Post], home: str) -> dict[int, MenuItem]:
    """wp_setup_nav_menu_item() for every item of a page: one query for their meta, one for
    their menus, one for the posts and one for the terms they link to, and what those need
    for their permalinks (page ancestors, category parents)."""
    ids = [item.pk for item in items]
    if not ids:
        return {}
    meta = _item_meta(ids)
    menus = menus_of(ids)
    kinds = {pk: values.get("_menu_item_type", "") for pk, values in meta.items()}
    object_ids = {pk: absint(values.get("_menu_item_object_id", "")) for pk, values in meta.items()}
    post_ids = {object_ids[pk] for pk in ids if kinds[pk] == "post_type" and object_ids[pk]}
    term_ids = {object_ids[pk] for pk in ids if kinds[pk] == "taxonomy" and object_ids[pk]}
    posts = {
        post.pk: post
        for post in Post.objects.filter(pk__in=post_ids).only(
            "id", "type", "status", "title", "slug", "parent_id"
        )
    }
    ancestors = load_ancestors(list(posts.values()))
    terms = {term.pk: term for term in Term.objects.filter(pk__in=term_ids)}
    trees: dict[int, tuple[int | None, str]] = {}
    nested = {
        term.taxonomy
        for term in terms.values()
        if term.parent_id
        and (taxonomy := get_taxonomy(term.taxonomy)) is not None
        and taxonomy.rewrite_hierarchical
    }
    if nested:
        rows = Term.objects.filter(taxonomy__in=nested).values_list("id", "parent_id", "slug")
        trees = {pk: (parent_id, slug) for pk, parent_id, slug in rows}
    found = {}
    for item in items:
        values = meta[item.pk]
        menu_item = MenuItem(
            post=item,
            type=values.get("_menu_item_type", ""),
            object=values.get("_menu_item_object", ""),
            object_id=object_ids[item.pk],
            parent=php_intval(values.get("_menu_item_menu_item_parent", "0") or 0),
            target=values.get("_menu_item_target", ""),
            classes=decode_classes(values.get("_menu_item_classes")),
            xfn=values.get("_menu_item_xfn", ""),
            menu=menus.get(item.pk, 0),
        )
        _describe(menu_item, values, posts, ancestors, terms, trees, home)
        menu_item.attr_title = strip_all_tags(wptexturize(item.excerpt))
        menu_item.description = strip_all_tags(
            wptexturize(trim_words(item.content, 200, "&hellip;"))
        )
        found[item.pk] = menu_item
    return found


def _describe(
    item: MenuItem,
    values: dict[str, str],
    posts: dict[int, Post],
    ancestors: dict[int, Any],
    terms: dict[int, Term],
    trees: dict[int, tuple[int | None, str]],
    home: str,
) -> None:
    """The item's title, URL, type label and validity, from what it links to."""
    own_title = item.post.title
    if item.type == "post_type":
        post_type = get_post_type(item.object)
        if post_type is not None:
            item.type_label = post_type.singular_name
        else:
            item.type_label, item.invalid = item.object, True
        linked = posts.get(item.object_id)
        original = ""
        if linked is None:
            item.url, item.invalid = "", True
        else:
            if linked.status == "trash":
                item.invalid = True
            item.url = post_permalink(home, linked, ancestors)
            original = render_title(linked.title)
            linked_type = get_post_type(linked.type)
            if linked_type is not None and linked_type.show_in_rest:
                base = "media" if linked.type == "attachment" else linked_type.rest_base
                item.object_route = f"/wp/v2/{base or linked.type}/{linked.pk}"
                item.object_kind = linked.type
        item.title = own_title or original or f"#{item.object_id} (no title)"
    elif item.type == "post_type_archive":
        post_type = get_post_type(item.object)
        if post_type is not None:
            item.title = own_title or str(_archives_label(post_type))
        else:
            item.title, item.invalid = own_title, True
        item.type_label = "Post Type Archive"
        item.url = _archive_link(item.object, home)
    elif item.type == "taxonomy":
        taxonomy = get_taxonomy(item.object)
        item.type_label = taxonomy.labels["singular_name"] if taxonomy else item.object
        item.invalid = taxonomy is None
        term = terms.get(item.object_id)
        original = ""
        if term is None or term.taxonomy != item.object or taxonomy is None:
            item.url, item.invalid = "", True
        else:
            item.url = f"{home}/{taxonomy.link_base}/{_term_path(term, trees)}/"
            original = term.name
        term_taxonomy = get_taxonomy(term.taxonomy) if term is not None else None
        if term is not None and term_taxonomy is not None and term_taxonomy.show_in_rest:
            item.object_route = f"/wp/v2/{term_taxonomy.rest_base}/{term.pk}"
            item.object_kind = term.taxonomy
        item.title = own_title or original or f"#{item.object_id} (no title)"
    else:
        item.type_label = "Custom Link"
        item.title = own_title
        item.url = values.get("_menu_item_url", "")


def _archives_label(post_type: Any) -> str:
    from content.serializers.types import type_labels  # get_post_type_labels()

    return str(type_labels(post_type)["archives"])


def _archive_link(object_type: str, home: str) -> str | bool:
    """get_post_type_archive_link(): the posts page (or home) for posts; the types this API
    serves have no archives, so false for the others."""
    if object_type == "post":
        page_for_posts = get_option("page_for_posts")
        if get_option("show_on_front") == "page" and page_for_posts:
            page = Post.objects.filter(pk=page_for_posts).first()
            if page is not None:
                return post_permalink(home, page, load_ancestors([page]))
        return home
    return False


def xfn_list(xfn: str) -> list[str]:
    """The REST `xfn`: the stored space-separated string, each part a safe class name."""
    return [sanitize_html_class(part) for part in xfn.split(" ")]
