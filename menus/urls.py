"""Menu locations routes. The menus and menu items routes come with their taxonomy (nav_menu)
and post type (nav_menu_item), whose registrations name this app's viewsets; the locations
come last, as WordPress registers them."""

from menus.views import MenuLocationViewSet
from wpapi.routing import router

router.add("/wp/v2/menu-locations", MenuLocationViewSet, {"GET": "list"})
router.add(r"/wp/v2/menu-locations/(?P<location>[\w-]+)", MenuLocationViewSet, {"GET": "retrieve"})
