"""Writes on classic menus, as WordPress makes them (nav-menu.php): menus are `nav_menu` terms
(wp_update_nav_menu_object, wp_delete_nav_menu), items are `nav_menu_item` posts with their
meta (wp_update_nav_menu_item), locations are the theme mod `nav_menu_locations`, auto-add the
option `nav_menu_options`. Plain keyword arguments, no permission checks: the REST API, the
admin and seed_demo ask the policies first."""

from __future__ import annotations

import time
from typing import Any

from django.db import transaction

from content import services as post_services
from content.formatting import sanitize_html_class
from content.models import Post, PostMeta
from extensions.services import set_theme_mod
from menus.queries import auto_add_menus, encode_classes, nav_menu_locations, setup_menu_items
from taxonomy.models import Term, TermRelationship
from taxonomy.services import sanitize_term_name, term_create, term_delete, term_update
from wpapi.errors import WPError
from wpapi.formatting import esc_url_raw, sanitize_key, specialchars
from wpapi.params import absint
from wpapi.registry import get_post_type, get_taxonomy
from wpapi.site import get_option, update_options

NAV_MENU = "nav_menu"


def esc_html(text: str) -> str:
    """esc_html(): markup characters and quotes as entities, entities left as they are."""
    return specialchars(text).replace('"', "&quot;").replace("'", "&#039;")


# --- menus ---------------------------------------------------------------------------------------
def check_menu_name(name: Any, menu_id: int) -> None:
    """wp_update_nav_menu_object(): no two menus share a name (compared as stored, whatever
    the case)."""
    clean = sanitize_term_name(name)
    existing = next(
        (
            term
            for term in Term.objects.filter(taxonomy=NAV_MENU, name__iexact=clean)
            if term.name.lower() == clean.lower() and term.pk != menu_id
        ),
        None,
    )
    if existing is not None:
        raise WPError(
            "menu_exists",
            f"The menu name <strong>{esc_html(str(name))}</strong> conflicts with another "
            "menu name. Please try another.",
            400,
            term_id=existing.pk,
        )


@transaction.atomic
def menu_create(*, name: Any, description: Any = None, meta: Any = None) -> Term:
    """wp_create_nav_menu() / wp_update_nav_menu_object(0, ...): a new nav_menu term, its slug
    always made from the name."""
    check_menu_name(name, 0)
    taxonomy = get_taxonomy(NAV_MENU)
    assert taxonomy is not None
    return term_create(taxonomy=taxonomy, name=name, description=description, meta=meta)


@transaction.atomic
def menu_update(*, menu: Term, name: Any, description: Any = None, meta: Any = None) -> Term:
    """wp_update_nav_menu_object(): the name (which the slug follows) and the description,
    which WordPress sets to "" when none is given."""
    check_menu_name(name, menu.pk)
    return term_update(term=menu, name=name, slug="", description=description or "", meta=meta)


def set_menu_locations(*, menu_id: int, locations: list[str]) -> None:
    """The locations showing `menu_id`: it leaves the others, takes these (set_theme_mod)."""
    assigned = {
        location: assigned
        for location, assigned in nav_menu_locations().items()
        if assigned != menu_id
    }
    assigned.update(dict.fromkeys(locations, menu_id))
    set_theme_mod("nav_menu_locations", assigned)


def set_menu_auto_add(*, menu_id: int, auto_add: bool) -> None:
    """Whether new top-level pages join the menu (nav_menu_options' auto_add)."""
    option = get_option("nav_menu_options")
    option = dict(option) if isinstance(option, dict) else {}
    ids = auto_add_menus()
    if auto_add and menu_id not in ids:
        ids.append(menu_id)
    elif not auto_add and menu_id in ids:
        ids.remove(menu_id)
    option["auto_add"] = ids
    update_options({"nav_menu_options": option})


@transaction.atomic
def menu_delete(*, menu: Term) -> None:
    """wp_delete_nav_menu(): its items go, then the term; locations showing it show none."""
    menu_id = menu.pk
    item_ids = list(TermRelationship.objects.filter(term=menu).values_list("post_id", flat=True))
    for item in Post.objects.filter(pk__in=item_ids):
        post_services.post_delete(post=item)
    term_delete(term=menu)
    locations = nav_menu_locations()
    if menu_id in locations.values():
        set_theme_mod(
            "nav_menu_locations",
            {name: 0 if assigned == menu_id else assigned for name, assigned in locations.items()},
        )


# --- menu items ----------------------------------------------------------------------------------
def check_menu_item_arguments(args: dict[str, Any]) -> None:
    """prepare_item_for_database()'s checks of what an item links to (filling in `object` from
    the linked post or term), all errors at once: the first, with the others as its
    additional_errors."""
    errors: list[WPError] = []
    if not args["object"]:
        if args["type"] == "taxonomy":
            term = Term.objects.filter(pk=absint(args["object_id"])).first()
            if term is None or get_taxonomy(term.taxonomy) is None:
                errors.append(WPError("rest_term_invalid_id", "Invalid term ID.", 400))
            else:
                args["object"] = term.taxonomy
        elif args["type"] == "post_type":
            post = Post.objects.filter(pk=absint(args["object_id"])).first()
            if post is None:
                errors.append(WPError("rest_post_invalid_id", "Invalid post ID.", 400))
            else:
                args["object"] = post.type
    archive = args["type"] == "post_type_archive"
    if archive and (not args["object"] or get_post_type(args["object"]) is None):
        errors.append(WPError("rest_post_invalid_type", "Invalid post type.", 400))
    if args["type"] == "custom":
        if args["title"] == "":
            errors.append(
                WPError(
                    "rest_title_required",
                    "The title is required when using a custom menu item type.",
                    400,
                )
            )
        if not args["url"]:
            errors.append(
                WPError(
                    "rest_url_required",
                    "The url is required when using a custom menu item type.",
                    400,
                )
            )
    if errors:
        first, *others = errors
        first.additional_errors = [error.as_dict() for error in others]
        raise first


def _original_title(kind: str, object_type: str, object_id: int) -> str:
    """The title of what a non-custom item links to (stored titles equal to it are dropped)."""
    if kind == "taxonomy":
        term = Term.objects.filter(pk=object_id, taxonomy=object_type).first()
        return term.name if term else ""
    if kind == "post_type":
        post = Post.objects.filter(pk=object_id).only("title").first()
        return post.title if post else ""
    if kind == "post_type_archive":
        post_type = get_post_type(object_type)
        if post_type is not None:
            from content.serializers.types import type_labels

            return str(type_labels(post_type)["archives"])
    return ""


def _next_position(menu_id: int) -> int:
    """wp_get_nav_menu_items()' count of the menu's valid items (published and draft, read
    only when it has a published one) plus one, or 0 when it has none."""
    in_menu = Post.objects.filter(type="nav_menu_item", term_relationships__term_id=menu_id)
    if not in_menu.filter(status="publish").exists():
        return 0
    items = list(in_menu.filter(status__in=["publish", "draft"]))
    valid = [item for item in setup_menu_items(items, "").values() if not item.invalid]
    return len(valid) + 1 if valid else 0


def _put_meta(item: Post, values: dict[str, str]) -> None:
    """update_post_meta() for each key: the first row takes the value, extra rows go."""
    rows: dict[str, list[PostMeta]] = {}
    for row in PostMeta.objects.filter(post=item, key__in=list(values)).order_by("id"):
        rows.setdefault(row.key, []).append(row)
    for key, value in values.items():
        existing = rows.get(key, [])
        if existing:
            first, *extra = existing
            if first.value != value:
                first.value = value
                first.save(update_fields=["value"])
            if extra:
                PostMeta.objects.filter(pk__in=[row.pk for row in extra]).delete()
        else:
            PostMeta.objects.create(post=item, key=key, value=value)


@transaction.atomic
def menu_item_save(
    *,
    item: Post | None,
    menu_id: int,
    type: str = "custom",
    object: str = "",
    object_id: int = 0,
    parent: int = 0,
    position: int = 0,
    title: str = "",
    url: str = "",
    description: str = "",
    attr_title: str = "",
    target: str = "",
    classes: str = "",
    xfn: str = "",
    status: str = "",
    actor_id: int | None = None,
    kses: bool = False,
) -> Post:
    """wp_update_nav_menu_item(): a new item (`item` None; a draft unless `status` is publish)
    or an update (published unless `status` is draft), in `menu_id` (0: in no menu). `classes`
    and `xfn` are space-separated, as WordPress takes them."""
    if item is not None and item.type != "nav_menu_item":
        raise WPError(
            "update_nav_menu_item_failed", "The given object ID is not that of a menu item.", 400
        )
    if menu_id and not Term.objects.filter(pk=menu_id, taxonomy=NAV_MENU).exists():
        raise WPError("invalid_menu_id", "Invalid menu ID.", 400)
    if menu_id == 0:
        position = 1
    elif not position:
        position = _next_position(menu_id)
    if type == "custom":
        url = url.strip()
    else:
        url = ""
        original = _original_title(type, object, object_id)
        if title == _specialchars_decode(original):
            title = ""
        if title == "" and description == "":
            description = " "  # WordPress's "hack" so the post is not empty
    fields: dict[str, Any] = {
        "menu_order": position,
        "content": description,
        "excerpt": attr_title,
        "title": title,
    }
    creating = item is None
    if menu_id and (
        creating or not TermRelationship.objects.filter(post=item, term_id=menu_id).exists()
    ):
        fields["terms"] = {NAV_MENU: [menu_id]}  # wp_set_object_terms(): its one menu
    if item is None:
        fields["status"] = "publish" if status == "publish" else "draft"
        item = post_services.post_create(
            post_type="nav_menu_item", actor_id=actor_id, kses=kses, **fields
        )
    if type == "custom":
        object_id, object = item.pk, "custom"
    _put_meta(
        item,
        {
            "_menu_item_type": sanitize_key(type),
            "_menu_item_menu_item_parent": str(int(parent or 0)),
            "_menu_item_object_id": str(int(object_id or 0)),
            "_menu_item_object": sanitize_key(object),
            "_menu_item_target": sanitize_key(target),
            "_menu_item_classes": encode_classes(
                [sanitize_html_class(name) for name in classes.split(" ")]
            ),
            "_menu_item_xfn": " ".join(sanitize_html_class(name) for name in xfn.split(" ")),
            "_menu_item_url": esc_url_raw(url),
        },
    )
    if menu_id == 0:
        _put_meta(item, {"_menu_item_orphaned": str(int(time.time()))})
    else:
        PostMeta.objects.filter(post=item, key="_menu_item_orphaned").delete()
    if not creating:
        fields["status"] = "draft" if status == "draft" else "publish"
        item = post_services.post_update(post=item, actor_id=actor_id, kses=kses, **fields)
    return item


def _specialchars_decode(text: str) -> str:
    """wp_specialchars_decode(): the entities _wp_specialchars() writes, back as characters."""
    for entity, char in (
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", '"'),
        ("&#039;", "'"),
        ("&#39;", "'"),
        ("&amp;", "&"),
    ):
        text = text.replace(entity, char)
    return text


@transaction.atomic
def menu_item_delete(*, item: Post) -> None:
    """wp_delete_post(force) of a menu item: its meta and menu membership go with it."""
    post_services.post_delete(post=item)


def delete_items_linking_to(*, kind: str, object_id: int, taxonomy: str = "") -> None:
    """_wp_delete_post_menu_item() / _wp_delete_tax_menu_item(): a post or term deleted for
    good takes the menu items linking to it along."""
    linked = PostMeta.objects.filter(key="_menu_item_object_id", value=str(object_id)).values(
        "post_id"
    )
    items = Post.objects.filter(
        type="nav_menu_item",
        pk__in=linked,
        meta_entries__key="_menu_item_type",
        meta_entries__value=kind,
    )
    if kind == "taxonomy":
        objects = PostMeta.objects.filter(key="_menu_item_object", value=taxonomy)
        items = items.filter(pk__in=objects.values("post_id"))
    for item in list(items):
        post_services.post_delete(post=item)


def add_page_to_auto_add_menus(page: Post) -> None:
    """_wp_auto_add_pages_to_menu(): a top-level page just published joins each auto-add menu
    that does not link to it yet."""
    for menu_id in auto_add_menus():
        if not Term.objects.filter(pk=menu_id, taxonomy=NAV_MENU).exists():
            continue
        in_menu = TermRelationship.objects.filter(term_id=menu_id).values("post_id")
        linked = PostMeta.objects.filter(
            post_id__in=in_menu, key="_menu_item_object_id", value=str(page.pk)
        )
        if linked.exists():
            continue
        menu_item_save(
            item=None,
            menu_id=menu_id,
            type="post_type",
            object="page",
            object_id=page.pk,
            status="publish",
        )
