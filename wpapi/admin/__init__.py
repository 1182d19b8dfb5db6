"""Django admin as the editors' desk: the site (site.py), what every screen shares (base.py),
the settings screen and the old wp-admin addresses (legacy.py). Each app's admin module adds
its screens: content (post types, media, revisions), taxonomy, comments, users."""

from wpapi.admin.base import CapabilityAdmin, ServiceForm, screen_model, try_write
from wpapi.screens import screen_name

__all__ = ["CapabilityAdmin", "ServiceForm", "screen_model", "screen_name", "try_write"]
