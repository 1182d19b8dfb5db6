"""Themes and plugins routes, in the WordPress route table."""

from typing import Any

from extensions import policies
from extensions.queries import active_theme
from extensions.serializers import PLUGIN_PATTERN
from extensions.views import THEME_PATTERN, PluginViewSet, ThemeViewSet
from wpapi.links import rest_url
from wpapi.routing import router
from wpapi.views import INDEX_LINKS

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


def active_theme_link(request: Any) -> dict[str, list[dict[str, Any]]]:
    """add_active_theme_link_to_index(): the active theme, for whoever may switch themes or
    edit some post type (who may read it)."""
    user = getattr(request, "user", None)
    if not (policies.can_manage_themes(user) or policies.can_edit_some_rest_type(user)):
        return {}
    href = rest_url(request, f"/wp/v2/themes/{active_theme().stylesheet}")
    return {"wp:active-theme": [{"href": href}]}


INDEX_LINKS.append(active_theme_link)
