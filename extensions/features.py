"""The theme features WordPress 6.1 registers with show_in_rest (register_theme_feature), by
their REST name, with the schema /wp/v2/themes shows for each (`theme_supports`): copied from the
reference site's own OPTIONS answer (options-themes.json)."""

from typing import Any

THEME_FEATURES: dict[str, dict[str, Any]] = {
    "align-wide": {
        "description": "Whether theme opts in to wide alignment CSS class.",
        "type": "boolean",
        "default": False,
    },
    "automatic-feed-links": {
        "description": "Whether posts and comments RSS feed links are added to head.",
        "type": "boolean",
        "default": False,
    },
    "block-templates": {
        "description": "Whether a theme uses block-based templates.",
        "type": "boolean",
        "default": False,
    },
    "block-template-parts": {
        "description": "Whether a theme uses block-based template parts.",
        "type": "boolean",
        "default": False,
    },
    "custom-background": {
        "description": "Custom background if defined by the theme.",
        "type": ["boolean", "object"],
        "default": False,
        "properties": {
            "default-image": {"type": "string", "format": "uri"},
            "default-preset": {
                "type": "string",
                "enum": ["default", "fill", "fit", "repeat", "custom"],
            },
            "default-position-x": {"type": "string", "enum": ["left", "center", "right"]},
            "default-position-y": {"type": "string", "enum": ["left", "center", "right"]},
            "default-size": {"type": "string", "enum": ["auto", "contain", "cover"]},
            "default-repeat": {
                "type": "string",
                "enum": ["repeat-x", "repeat-y", "repeat", "no-repeat"],
            },
            "default-attachment": {"type": "string", "enum": ["scroll", "fixed"]},
            "default-color": {"type": "string"},
        },
        "additionalProperties": False,
    },
    "custom-header": {
        "description": "Custom header if defined by the theme.",
        "type": ["boolean", "object"],
        "default": False,
        "properties": {
            "default-image": {"type": "string", "format": "uri"},
            "random-default": {"type": "boolean"},
            "width": {"type": "integer"},
            "height": {"type": "integer"},
            "flex-height": {"type": "boolean"},
            "flex-width": {"type": "boolean"},
            "default-text-color": {"type": "string"},
            "header-text": {"type": "boolean"},
            "uploads": {"type": "boolean"},
            "video": {"type": "boolean"},
        },
        "additionalProperties": False,
    },
    "custom-logo": {
        "description": "Custom logo if defined by the theme.",
        "type": ["boolean", "object"],
        "default": False,
        "properties": {
            "width": {"type": "integer"},
            "height": {"type": "integer"},
            "flex-width": {"type": "boolean"},
            "flex-height": {"type": "boolean"},
            "header-text": {"type": "array", "items": {"type": "string"}},
            "unlink-homepage-logo": {"type": "boolean"},
        },
        "additionalProperties": False,
    },
    "customize-selective-refresh-widgets": {
        "description": "Whether the theme enables Selective "
        "Refresh for Widgets being managed "
        "with the Customizer.",
        "type": "boolean",
        "default": False,
    },
    "dark-editor-style": {
        "description": "Whether theme opts in to the dark editor style UI.",
        "type": "boolean",
        "default": False,
    },
    "disable-custom-colors": {
        "description": "Whether the theme disables custom colors.",
        "type": "boolean",
        "default": False,
    },
    "disable-custom-font-sizes": {
        "description": "Whether the theme disables custom font sizes.",
        "type": "boolean",
        "default": False,
    },
    "disable-custom-gradients": {
        "description": "Whether the theme disables custom gradients.",
        "type": "boolean",
        "default": False,
    },
    "disable-layout-styles": {
        "description": "Whether the theme disables generated layout styles.",
        "type": "boolean",
        "default": False,
    },
    "editor-color-palette": {
        "description": "Custom color palette if defined by the theme.",
        "type": ["boolean", "array"],
        "default": False,
        "items": {
            "type": "object",
            "properties": {
                "name": {"type": "string"},
                "slug": {"type": "string"},
                "color": {"type": "string"},
            },
            "additionalProperties": False,
        },
    },
    "editor-font-sizes": {
        "description": "Custom font sizes if defined by the theme.",
        "type": ["boolean", "array"],
        "default": False,
        "items": {
            "type": "object",
            "properties": {
                "name": {"type": "string"},
                "size": {"type": "number"},
                "slug": {"type": "string"},
            },
            "additionalProperties": False,
        },
    },
    "editor-gradient-presets": {
        "description": "Custom gradient presets if defined by the theme.",
        "type": ["boolean", "array"],
        "default": False,
        "items": {
            "type": "object",
            "properties": {
                "name": {"type": "string"},
                "gradient": {"type": "string"},
                "slug": {"type": "string"},
            },
            "additionalProperties": False,
        },
    },
    "editor-styles": {
        "description": "Whether theme opts in to the editor styles CSS wrapper.",
        "type": "boolean",
        "default": False,
    },
    "html5": {
        "description": "Allows use of HTML5 markup for search forms, comment forms, "
        "comment lists, gallery, and caption.",
        "type": ["boolean", "array"],
        "default": False,
        "items": {
            "type": "string",
            "enum": [
                "search-form",
                "comment-form",
                "comment-list",
                "gallery",
                "caption",
                "script",
                "style",
            ],
        },
    },
    "formats": {
        "description": "Post formats supported.",
        "type": "array",
        "default": ["standard"],
        "items": {
            "type": "string",
            "enum": {
                "standard": "standard",
                "aside": "aside",
                "chat": "chat",
                "gallery": "gallery",
                "link": "link",
                "image": "image",
                "quote": "quote",
                "status": "status",
                "video": "video",
                "audio": "audio",
            },
        },
    },
    "post-thumbnails": {
        "description": "The post types that support thumbnails or true if all "
        "post types are supported.",
        "type": ["boolean", "array"],
        "default": False,
        "items": {"type": "string"},
    },
    "responsive-embeds": {
        "description": "Whether the theme supports responsive embedded content.",
        "type": "boolean",
        "default": False,
    },
    "title-tag": {
        "description": "Whether the theme can manage the document title tag.",
        "type": "boolean",
        "default": False,
    },
    "wp-block-styles": {
        "description": "Whether theme opts in to default WordPress block styles for viewing.",
        "type": "boolean",
        "default": False,
    },
}
