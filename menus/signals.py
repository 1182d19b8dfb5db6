"""What WordPress hooks to posts and terms for menus (default-filters.php), whoever makes the
change (the REST API, the admin, a command): a post or term deleted for good takes the menu
items linking to it along (_wp_delete_post_menu_item, _wp_delete_tax_menu_item), and a
top-level page just published joins the auto-add menus (_wp_auto_add_pages_to_menu)."""

from typing import Any

#: posts no menu item links to
UNLINKED_TYPES = ("nav_menu_item", "revision")


def post_deleting(sender: Any, instance: Any, **kwargs: Any) -> None:
    if instance.type in UNLINKED_TYPES:
        return
    from menus.services import delete_items_linking_to

    delete_items_linking_to(kind="post_type", object_id=instance.pk)


def term_deleting(sender: Any, instance: Any, **kwargs: Any) -> None:
    if instance.taxonomy == "nav_menu":
        return
    from menus.services import delete_items_linking_to

    delete_items_linking_to(kind="taxonomy", object_id=instance.pk, taxonomy=instance.taxonomy)


def post_saved(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    if instance.type != "page" or instance.status != "publish" or instance.parent_id:
        return
    if not created and getattr(instance, "stored_status", None) == "publish":
        return
    from menus.queries import auto_add_menus

    if not auto_add_menus():
        return
    from menus.services import add_page_to_auto_add_menus

    add_page_to_auto_add_menus(instance)
