"""The attachment item schema, as WordPress 6.1 publishes it (WP_REST_Attachments_Controller).

`arg_options` (never shown to clients) carry what WordPress does with its own callbacks: title,
caption and description accept a string or {"raw": ...}; alt_text is sanitize_text_field()ed.
The properties attachments share with posts come from the posts' schema (post_properties).
"""

from typing import Any

from content.serializers.schema import post_properties, template_validator

PROPERTIES: dict[str, Any] = {
    **post_properties(
        "date",
        "date_gmt",
        "guid",
        "id",
        "link",
        "modified",
        "modified_gmt",
        "slug",
        "status",
        "type",
        "permalink_template",
        "generated_slug",
        "title",
        "author",
        "comment_status",
        "ping_status",
    ),
    # the post meta registered for attachments (wpapi.meta), put in by media_serializer_class()
    "meta": {
        "description": "Meta fields.",
        "type": "object",
        "context": ["view", "edit"],
        "properties": [],
    },
    **post_properties("template"),
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


RAW_OR_OBJECT = {"validate": False, "sanitize": False}
PROPERTIES["title"]["arg_options"] = RAW_OR_OBJECT
PROPERTIES["caption"]["arg_options"] = RAW_OR_OBJECT
PROPERTIES["description"]["arg_options"] = RAW_OR_OBJECT

PROPERTIES["template"]["arg_options"] = {"validate": template_validator("attachment")}
PROPERTIES["alt_text"]["arg_options"] = {"sanitize": lambda value, arg: str(value)}

MEDIA_SCHEMA: dict[str, Any] = {"title": "attachment", "type": "object", "properties": PROPERTIES}


#: POST /wp/v2/media/<id>/edit (WordPress 6.1: rotate and crop, as `modifiers` or the older
#: rotation/x/y/width/height arguments)
EDIT_ARGS: dict[str, Any] = {
    "src": {
        "description": "URL to the edited image file.",
        "type": "string",
        "format": "uri",
        "required": True,
    },
    "modifiers": {
        "description": "Array of image edits.",
        "type": "array",
        "minItems": 1,
        "items": {
            "description": "Image edit.",
            "type": "object",
            "required": ["type", "args"],
            "oneOf": [
                {
                    "title": "Rotation",
                    "properties": {
                        "type": {
                            "description": "Rotation type.",
                            "type": "string",
                            "enum": ["rotate"],
                        },
                        "args": {
                            "description": "Rotation arguments.",
                            "type": "object",
                            "required": ["angle"],
                            "properties": {
                                "angle": {
                                    "description": "Angle to rotate clockwise in degrees.",
                                    "type": "number",
                                }
                            },
                        },
                    },
                },
                {
                    "title": "Crop",
                    "properties": {
                        "type": {"description": "Crop type.", "type": "string", "enum": ["crop"]},
                        "args": {
                            "description": "Crop arguments.",
                            "type": "object",
                            "required": ["left", "top", "width", "height"],
                            "properties": {
                                "left": {
                                    "description": "Horizontal position from the left to begin "
                                    "the crop as a percentage of the image width.",
                                    "type": "number",
                                },
                                "top": {
                                    "description": "Vertical position from the top to begin the "
                                    "crop as a percentage of the image height.",
                                    "type": "number",
                                },
                                "width": {
                                    "description": "Width of the crop as a percentage of the "
                                    "image width.",
                                    "type": "number",
                                },
                                "height": {
                                    "description": "Height of the crop as a percentage of the "
                                    "image height.",
                                    "type": "number",
                                },
                            },
                        },
                    },
                },
            ],
        },
    },
    "rotation": {
        "description": "The amount to rotate the image clockwise in degrees. DEPRECATED: "
        "Use `modifiers` instead.",
        "type": "integer",
        "minimum": 0,
        "exclusiveMinimum": True,
        "maximum": 360,
        "exclusiveMaximum": True,
    },
    "x": {
        "description": "As a percentage of the image, the x position to start the crop from. "
        "DEPRECATED: Use `modifiers` instead.",
        "type": "number",
        "minimum": 0,
        "maximum": 100,
    },
    "y": {
        "description": "As a percentage of the image, the y position to start the crop from. "
        "DEPRECATED: Use `modifiers` instead.",
        "type": "number",
        "minimum": 0,
        "maximum": 100,
    },
    "width": {
        "description": "As a percentage of the image, the width to crop the image to. "
        "DEPRECATED: Use `modifiers` instead.",
        "type": "number",
        "minimum": 0,
        "maximum": 100,
    },
    "height": {
        "description": "As a percentage of the image, the height to crop the image to. "
        "DEPRECATED: Use `modifiers` instead.",
        "type": "number",
        "minimum": 0,
        "maximum": 100,
    },
}
