"""The one registry of what a WordPress site registers: post types and statuses
(register_post_type, register_post_status), taxonomies (register_taxonomy) and REST meta
(register_meta). Plain data built from core's definitions and the project's settings; the apps
read it and it imports none of them."""

from wpapi.registry.meta import MetaKey, forget_meta, registered_meta
from wpapi.registry.post_types import (
    CORE_TYPES,
    FIXED_SUPPORTS,
    REGISTERED_STATUSES,
    REGISTERED_TYPES,
    STATUSES,
    PostStatus,
    PostType,
    forget_post_types,
    get_post_type,
    post_statuses,
    post_type_caps_for,
    post_types,
    register_post_status,
    register_post_type,
)
from wpapi.registry.taxonomies import (
    CORE_TAXONOMIES,
    Taxonomy,
    forget_taxonomies,
    get_taxonomy,
    rest_taxonomies,
    taxonomies,
    taxonomies_for,
    taxonomy_exists,
    type_taxonomies,
)


def forget() -> None:
    """Registered types, taxonomies or meta changed (register_post_type, a settings change in
    tests): the registry is built again on next use."""
    forget_post_types()
    forget_taxonomies()
    forget_meta()


__all__ = [
    "CORE_TAXONOMIES",
    "CORE_TYPES",
    "FIXED_SUPPORTS",
    "MetaKey",
    "REGISTERED_STATUSES",
    "REGISTERED_TYPES",
    "STATUSES",
    "PostStatus",
    "PostType",
    "Taxonomy",
    "forget",
    "get_post_type",
    "get_taxonomy",
    "post_statuses",
    "post_type_caps_for",
    "post_types",
    "register_post_status",
    "register_post_type",
    "registered_meta",
    "rest_taxonomies",
    "taxonomies",
    "taxonomies_for",
    "taxonomy_exists",
    "type_taxonomies",
]
