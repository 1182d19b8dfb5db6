"""WordPress's discussion options (Settings > Discussion), read from the site's options."""

from typing import Any

from wpapi.site import get_option

# WordPress's discussion options and their defaults (wp_install's populate_options).
OPTION_DEFAULTS = {
    "comment_registration": False,
    "require_name_email": True,
    "comment_moderation": False,
    "comment_max_links": 2,
    "comment_previously_approved": True,
    "moderation_keys": "",
    "disallowed_keys": "",
    "close_comments_for_old_posts": False,
    "close_comments_days_old": 14,
}


def discussion_option(name: str) -> Any:
    """A discussion option: the site's saved value, else WordPress's default."""
    return get_option(name, OPTION_DEFAULTS[name])
