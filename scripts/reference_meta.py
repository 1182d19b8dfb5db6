"""The meta the reference WordPress's mu-plugin (/work/shared/wordpress/lib/ref-reference.php)
registers, written as README.md "Extending" says a project registers them: one home for the
settings modules that serve wpapi beside that site (difftest, the benchmark, the import
comparison), so all three show the same `meta` as WordPress does."""

# register_post_meta('post', ...) and register_post_meta('', 'ref_keywords', ...)
WP_POST_META = {
    "ref_keywords": {
        "type": "string",
        "description": "Reference keywords (multiple values).",
        "single": False,
    },
    "ref_rating": {
        "type": "integer",
        "description": "Reference rating 0-5.",
        "default": 0,
        "single": True,
        "object_subtype": "post",
    },
    "ref_subtitle": {
        "type": "string",
        "description": "Reference subtitle.",
        "single": True,
        "object_subtype": "post",
    },
    "ref_specs": {
        "type": "object",
        "description": "Reference structured meta.",
        "single": True,
        "object_subtype": "post",
        "schema": {
            "properties": {"width": {"type": "integer"}, "color": {"type": "string"}},
            "additionalProperties": False,
        },
    },
}
# register_term_meta('category', 'ref_color', ...)
WP_TERM_META = {
    "ref_color": {
        "type": "string",
        "description": "Reference category colour.",
        "single": True,
        "taxonomy": "category",
    }
}
# register_meta('user', 'ref_team', ...)
WP_USER_META = {
    "ref_team": {"type": "string", "description": "Reference team name.", "single": True}
}
# register_meta('comment', 'ref_flag', ...)
WP_COMMENT_META = {
    "ref_flag": {"type": "boolean", "description": "Reference comment flag.", "single": True}
}
