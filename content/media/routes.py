"""Registers /wp/v2/media and /wp/v2/media/<id> in the route table (imported by content.urls)."""

from content.media.views import MediaViewSet
from wpapi.routing import router

router.register("/wp/v2/media", MediaViewSet)
router.add(r"/wp/v2/media/(?P<id>[\d]+)/post-process", MediaViewSet, {"POST": "post_process"})
router.add(r"/wp/v2/media/(?P<id>[\d]+)/edit", MediaViewSet, {"POST": "edit_media"})
