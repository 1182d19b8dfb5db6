"""The attachment item schema, as WordPress 6.1 publishes it (WP_REST_Attachments_Controller).

`arg_options` (never shown to clients) carry what WordPress does with its own callbacks: title,
caption and description accept a string or {"raw": ...}; alt_text is sanitize_text_field()ed.
"""

from typing import Any

from wpapi.schema import SchemaError

PROPERTIES: dict[str, Any] = {
    "date": {
        "description": "The date the post was published, in the site's timezone.",
        "type": ["string", "null"],
        "format": "date-time",
        "context": ["view", "edit", "embed"],
    },
    "date_gmt": {
        "description": "The date the post was published, as GMT.",
        "type": ["string", "null"],
        "format": "date-time",
        "context": ["view", "edit"],
    },
    "guid": {
        "description": "The globally unique identifier for the post.",
        "type": "object",
        "context": ["view", "edit"],
        "readonly": True,
        "properties": {
            "raw": {
                "description": "GUID for the post, as it exists in the database.",
                "type": "string",
                "context": ["edit"],
                "readonly": True,
            },
            "rendered": {
                "description": "GUID for the post, transformed for display.",
                "type": "string",
                "context": ["view", "edit"],
                "readonly": True,
            },
        },
    },
    "id": {
        "description": "Unique identifier for the post.",
        "type": "integer",
        "context": ["view", "edit", "embed"],
        "readonly": True,
    },
    "link": {
        "description": "URL to the post.",
        "type": "string",
        "format": "uri",
        "context": ["view", "edit", "embed"],
        "readonly": True,
    },
    "modified": {
        "description": "The date the post was last modified, in the site's timezone.",
        "type": "string",
        "format": "date-time",
        "context": ["view", "edit"],
        "readonly": True,
    },
    "modified_gmt": {
        "description": "The date the post was last modified, as GMT.",
        "type": "string",
        "format": "date-time",
        "context": ["view", "edit"],
        "readonly": True,
    },
    "slug": {
        "description": "An alphanumeric identifier for the post unique to its type.",
        "type": "string",
        "context": ["view", "edit", "embed"],
    },
    "status": {
        "description": "A named status for the post.",
        "type": "string",
        "enum": ["publish", "future", "draft", "pending", "private"],
        "context": ["view", "edit"],
    },
    "type": {
        "description": "Type of post.",
        "type": "string",
        "context": ["view", "edit", "embed"],
        "readonly": True,
    },
    "permalink_template": {
        "description": "Permalink template for the post.",
        "type": "string",
        "context": ["edit"],
        "readonly": True,
    },
    "generated_slug": {
        "description": "Slug automatically generated from the post title.",
        "type": "string",
        "context": ["edit"],
        "readonly": True,
    },
    "title": {
        "description": "The title for the post.",
        "type": "object",
        "context": ["view", "edit", "embed"],
        "properties": {
            "raw": {
                "description": "Title for the post, as it exists in the database.",
                "type": "string",
                "context": ["edit"],
            },
            "rendered": {
                "description": "HTML title for the post, transformed for display.",
                "type": "string",
                "context": ["view", "edit", "embed"],
                "readonly": True,
            },
        },
    },
    "author": {
        "description": "The ID for the author of the post.",
        "type": "integer",
        "context": ["view", "edit", "embed"],
    },
    "comment_status": {
        "description": "Whether or not comments are open on the post.",
        "type": "string",
        "enum": ["open", "closed"],
        "context": ["view", "edit"],
    },
    "ping_status": {
        "description": "Whether or not the post can be pinged.",
        "type": "string",
        "enum": ["open", "closed"],
        "context": ["view", "edit"],
    },
    "meta": {
        "description": "Meta fields.",
        "type": "object",
        "context": ["view", "edit"],
        "properties": {},
    },
    "template": {
        "description": "The theme file to use to display the post.",
        "type": "string",
        "context": ["view", "edit"],
    },
    "alt_text": {
        "description": "Alternative text to display when attachment is not displayed.",
        "type": "string",
        "context": ["view", "edit", "embed"],
    },
    "caption": {
        "description": "The attachment caption.",
        "type": "object",
        "context": ["view", "edit", "embed"],
        "properties": {
            "raw": {
                "description": "Caption for the attachment, as it exists in the database.",
                "type": "string",
                "context": ["edit"],
            },
            "rendered": {
                "description": "HTML caption for the attachment, transformed for display.",
                "type": "string",
                "context": ["view", "edit", "embed"],
                "readonly": True,
            },
        },
    },
    "description": {
        "description": "The attachment description.",
        "type": "object",
        "context": ["view", "edit"],
        "properties": {
            "raw": {
                "description": "Description for the attachment, as it exists in the database.",
                "type": "string",
                "context": ["edit"],
            },
            "rendered": {
                "description": "HTML description for the attachment, transformed for display.",
                "type": "string",
                "context": ["view", "edit"],
                "readonly": True,
            },
        },
    },
    "media_type": {
        "description": "Attachment type.",
        "type": "string",
        "enum": ["image", "file"],
        "context": ["view", "edit", "embed"],
        "readonly": True,
    },
    "mime_type": {
        "description": "The attachment MIME type.",
        "type": "string",
        "context": ["view", "edit", "embed"],
        "readonly": True,
    },
    "media_details": {
        "description": "Details about the media file, specific to its type.",
        "type": "object",
        "context": ["view", "edit", "embed"],
        "readonly": True,
    },
    "post": {
        "description": "The ID for the associated post of the attachment.",
        "type": "integer",
        "context": ["view", "edit"],
    },
    "source_url": {
        "description": "URL to the original attachment file.",
        "type": "string",
        "format": "uri",
        "context": ["view", "edit", "embed"],
        "readonly": True,
    },
    "missing_image_sizes": {
        "description": "List of the missing image sizes of the attachment.",
        "type": "array",
        "items": {"type": "string"},
        "context": ["edit"],
        "readonly": True,
    },
}


def _template_arg(value: Any, name: str) -> None:
    """check_template(): attachments have no page templates, so only "" is valid."""
    if not isinstance(value, str):
        raise SchemaError("rest_invalid_type", f"{name} is not of type string.", {"param": name})
    if value:
        raise SchemaError("rest_invalid_param", f"{name} is not one of .", {"status": 400})


RAW_OR_OBJECT = {"validate": False, "sanitize": False}
PROPERTIES["title"]["arg_options"] = RAW_OR_OBJECT
PROPERTIES["caption"]["arg_options"] = RAW_OR_OBJECT
PROPERTIES["description"]["arg_options"] = RAW_OR_OBJECT

PROPERTIES["template"]["arg_options"] = {"validate": _template_arg}
PROPERTIES["alt_text"]["arg_options"] = {"sanitize": lambda value, arg: str(value)}

MEDIA_SCHEMA: dict[str, Any] = {"title": "attachment", "type": "object", "properties": PROPERTIES}
