"""comments routes, registered in the WordPress route table."""

from comments.views import CommentViewSet
from wpapi.routing import router

router.register("/wp/v2/comments", CommentViewSet)
