"""Settings for the benchmark: production's, plus the meta the reference WordPress registers,
so both servers answer the same fields for the same seeded content (seed_bench).
Used as DJANGO_SETTINGS_MODULE=bench_settings with scripts/ and the project on PYTHONPATH.
"""

import scripts.reference_meta as reference
from wpapi.settings import *  # noqa: F403 - a settings module extends the project's

WP_POST_META = reference.WP_POST_META
WP_TERM_META = reference.WP_TERM_META
WP_USER_META = reference.WP_USER_META
WP_COMMENT_META = reference.WP_COMMENT_META
