"""Settings for serving a wpapi that imported the reference WordPress: wpapi's own, plus what
the reference site's mu-plugin (lib/ref-reference.php) registers, so the same meta shows.

    PYTHONPATH=scripts/compare:. DJANGO_SETTINGS_MODULE=reference_settings gunicorn wpapi.wsgi
"""

import scripts.reference_meta as reference
from wpapi.settings import *  # noqa: F403 - a settings module extends the project's

WP_POST_META = reference.WP_POST_META
WP_TERM_META = reference.WP_TERM_META
WP_USER_META = reference.WP_USER_META
WP_COMMENT_META = reference.WP_COMMENT_META
