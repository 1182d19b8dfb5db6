"""Settings for the benchmark: production's, plus the meta the reference WordPress registers.

The reference site's mu-plugin (/work/shared/wordpress/lib/ref-reference.php) registers these
keys with show_in_rest, so its answers carry them in `meta`; registering the same keys here
makes both servers answer the same fields for the same seeded content (seed_bench).
Used as DJANGO_SETTINGS_MODULE=bench_settings with scripts/ on PYTHONPATH.
"""

from wpapi.settings import *  # noqa: F403 - a settings module extends the project's

WP_POST_META = {
    "ref_rating": {
        "type": "integer",
        "description": "Reference rating 0-5.",
        "single": True,
        "default": 0,
        "object_subtype": "post",
    },
    "ref_subtitle": {
        "type": "string",
        "description": "Reference subtitle.",
        "single": True,
        "object_subtype": "post",
    },
    "ref_keywords": {
        "type": "string",
        "description": "Reference keywords (multiple values).",
        "single": False,
    },
    "ref_specs": {
        "type": "object",
        "description": "Reference structured meta.",
        "single": True,
        "object_subtype": "post",
        "properties": {"width": {"type": "integer"}, "color": {"type": "string"}},
        "additionalProperties": False,
    },
}
WP_TERM_META = {
    "ref_color": {
        "type": "string",
        "description": "Reference category colour.",
        "single": True,
        "taxonomy": "category",
    }
}
WP_USER_META = {
    "ref_team": {"type": "string", "description": "Reference team name.", "single": True}
}
WP_COMMENT_META = {
    "ref_flag": {"type": "boolean", "description": "Reference comment flag.", "single": True}
}
