from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.test.signals import setting_changed


class WpapiConfig(AppConfig):
    name = "wpapi"
    verbose_name = "WordPress REST core"

    def ready(self) -> None:
        from wpapi import lookups
        from wpapi.cache import connect_signals

        lookups.register()
        connect_signals()
        setting_changed.connect(_settings_changed, dispatch_uid="wpapi-index")


META_SETTINGS = ("WP_POST_META", "WP_TERM_META", "WP_COMMENT_META", "WP_USER_META")


def _settings_changed(setting: str, **kwargs: object) -> None:
    if setting in ("WP_POST_TYPES", "WP_TAXONOMIES") or setting in META_SETTINGS:
        from wpapi import registry

        registry.forget()
    if setting.startswith("WP_"):  # registered types, taxonomies or meta shape the index
        from wpapi.views import forget_routes_index

        forget_routes_index()


class WPAdminConfig(admin_apps.AdminConfig):
    """Django admin on WordPress's roles (wpapi.admin.site.WPAdminSite)."""

    default = False

    default_site = "wpapi.admin.site.WPAdminSite"
