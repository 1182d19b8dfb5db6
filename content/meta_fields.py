"""Registered post meta (register_post_meta) of every post type, attachments included: the
core's meta codec (wpapi.meta) over PostMeta rows, by post type."""

from content.models import PostMeta
from wpapi.meta import MetaFields

POST_META = MetaFields("post", PostMeta, "post", subtype_of=lambda post: post.type)
