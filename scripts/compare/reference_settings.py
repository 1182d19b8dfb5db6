"""Settings for serving a wpapi that imported the reference WordPress: wpapi's own, plus what
the reference site's mu-plugin (lib/ref-reference.php) registers, so the same meta shows.

    PYTHONPATH=scripts/compare DJANGO_SETTINGS_MODULE=reference_settings gunicorn wpapi.wsgi
"""

from wpapi.settings import *  # noqa: F403

WP_POST_META = {  # lib/ref-reference.php, in its order
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
        "show_in_rest": {
            "schema": {
                "type": "object",
                "properties": {"width": {"type": "integer"}, "color": {"type": "string"}},
                "additionalProperties": False,
            }
        },
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
