"""Demo menus, as the reference WordPress site's seed makes them (last, so every earlier ID is
the same): "Main Menu" at the location `primary` with a custom Home link, the About page with
Team under it, the News category and the sticky post (titled "Featured post"); "Footer Menu" at
`footer` with the Contact page and a custom link to WordPress.org (new tab, classes, XFN, title
attribute and description)."""

from django.conf import settings

from content.models import Post
from menus.services import menu_create, menu_item_save, set_menu_locations
from taxonomy.models import Term


def seed() -> None:
    if Term.objects.filter(taxonomy="nav_menu").exists():
        return
    main = menu_create(name="Main Menu")
    footer = menu_create(name="Footer Menu")
    pages = {page.slug: page.pk for page in Post.objects.filter(type="page", status="publish")}
    news = Term.objects.filter(taxonomy="category", slug="news").values_list("pk", flat=True)
    sticky = Post.objects.filter(type="post", sticky=True).order_by("id").first()

    def item(menu: Term, **fields: object) -> Post:
        return menu_item_save(item=None, menu_id=menu.pk, status="publish", **fields)

    home = (settings.WP_SITE_URL or "") + "/"
    item(main, title="Home", url=home, type="custom", position=1)
    about = item(main, object_id=pages.get("about", 0), object="page", type="post_type", position=2)
    item(
        main,
        object_id=pages.get("team", 0),
        object="page",
        type="post_type",
        parent=about.pk,
        position=3,
    )
    item(main, object_id=news.first() or 0, object="category", type="taxonomy", position=4)
    if sticky is not None:
        item(
            main,
            object_id=sticky.pk,
            object="post",
            type="post_type",
            title="Featured post",
            position=5,
        )
    item(footer, object_id=pages.get("contact", 0), object="page", type="post_type", position=1)
    item(
        footer,
        title="WordPress.org",
        url="https://wordpress.org/",
        type="custom",
        target="_blank",
        classes="external highlight",
        xfn="nofollow",
        attr_title="Opens in a new tab",
        description="The WordPress project",
        position=2,
    )
    set_menu_locations(menu_id=main.pk, locations=["primary"])
    set_menu_locations(menu_id=footer.pk, locations=["footer"])
