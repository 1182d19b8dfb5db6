"""Registers /wp/v2/media, /wp/v2/media/<id> and its post-process and edit routes in the
route table (imported by content.urls)."""

from content.media.views import MediaEditViewSet, MediaPostProcessViewSet, MediaViewSet
from wpapi.routing import router

router.register("/wp/v2/media", MediaViewSet)
router.add(
    r"/wp/v2/media/(?P<id>[\d]+)/post-process", MediaPostProcessViewSet, {"POST": "post_process"}
)
router.add(r"/wp/v2/media/(?P<id>[\d]+)/edit", MediaEditViewSet, {"POST": "edit_media"})
