"""Themes and plugins routes, in the WordPress route table."""

from extensions.serializers import PLUGIN_PATTERN
from extensions.views import THEME_PATTERN, PluginViewSet, ThemeViewSet
from wpapi.routing import router

router.add("/wp/v2/themes", ThemeViewSet, {"GET": "list"})
router.add(f"/wp/v2/themes/(?P<stylesheet>{THEME_PATTERN})", ThemeViewSet, {"GET": "retrieve"})
router.add("/wp/v2/plugins", PluginViewSet, {"GET": "list", "POST": "create"})
router.add(
    f"/wp/v2/plugins/(?P<plugin>{PLUGIN_PATTERN})",
    PluginViewSet,
    {
        "GET": "retrieve",
        "POST": "update",
        "PUT": "update",
        "PATCH": "update",
        "DELETE": "destroy",
    },
)
