"""The wp/v2 shape of posts, pages and registered post types, of post types and of statuses."""

from content.serializers.posts import PostSerializer, write_fields
from content.serializers.schema import (
    ALL,
    POST_FORMATS,
    VIEW_EDIT,
    build_schema,
    schema_links,
)
from content.serializers.types import (
    PostStatusSerializer,
    PostTypeSerializer,
    type_labels,
)

__all__ = [
    "ALL",
    "POST_FORMATS",
    "VIEW_EDIT",
    "PostSerializer",
    "PostStatusSerializer",
    "PostTypeSerializer",
    "build_schema",
    "schema_links",
    "type_labels",
    "write_fields",
]
