"""content routes, registered in the WordPress route table: posts, pages, one route per
registered post type with a REST base (media is served by its own resource), types, statuses."""

from django.utils.module_loading import import_string

from content.views import StatusesViewSet, TypesViewSet, post_type_viewset
from wpapi.registry import post_types
from wpapi.routing import router

# attachments have their own controller (media); revisions are not a REST type; a type naming
# its own controller (rest_controller_class, e.g. menu items) is served by that viewset
for _slug, _post_type in post_types().items():
    if _post_type.show_in_rest and _slug != "attachment":
        _viewset = (
            import_string(_post_type.rest_controller)
            if _post_type.rest_controller
            else post_type_viewset(_slug)
        )
        router.register(f"/wp/v2/{_post_type.rest_base or _slug}", _viewset)

router.add("/wp/v2/types", TypesViewSet, {"GET": "list"})
router.add(r"/wp/v2/types/(?P<type>[\w-]+)", TypesViewSet, {"GET": "retrieve"})
router.add("/wp/v2/statuses", StatusesViewSet, {"GET": "list"})
router.add(r"/wp/v2/statuses/(?P<status>[\w-]+)", StatusesViewSet, {"GET": "retrieve"})
import content.media.routes  # noqa: E402,F401 - /wp/v2/media
