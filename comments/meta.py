"""Registered comment meta (register_meta('comment', ...), settings.WP_COMMENT_META): the
core's meta codec (wpapi.meta) over CommentMeta rows."""

from comments.models import CommentMeta
from wpapi.meta import MetaFields

COMMENT_META = MetaFields("comment", CommentMeta, "comment")
