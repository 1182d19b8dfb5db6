"""Content in Django admin: a screen per post type (posts.py, with the edit form of forms.py and
the revisions of revisions.py) and the media library (media.py)."""

from content.admin.media import MediaAdmin, register_media_screen
from content.admin.posts import PostTypeAdmin, register_post_type_screen
from wpapi.registry import post_types

for _slug, _kind in post_types().items():
    if _slug == "attachment":
        register_media_screen()
    elif _slug != "revision" and _kind.show_ui:  # menu items have the menus app's screens
        register_post_type_screen(_slug)

__all__ = ["MediaAdmin", "PostTypeAdmin", "register_media_screen", "register_post_type_screen"]
