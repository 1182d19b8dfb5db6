"""Registered user meta (register_meta('user', ...)): core's `persisted_preferences` and the
project's keys in settings.WP_USER_META, through the core's meta codec (wpapi.meta) over
UserMeta rows."""

from users.models import UserMeta
from wpapi.meta import MetaFields

USER_META = MetaFields("user", UserMeta, "user")
