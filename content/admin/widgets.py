"""Widgets of the content screens: the featured-image picker (the media library in a popup,
with a thumbnail of the chosen image)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import NoReverseMatch, reverse

from wpapi.admin.base import SCREENS_APP


class MediaPickerWidget(forms.NumberInput):
    """An attachment ID, chosen in the media library's list opened as a popup (Django admin's
    raw-ID lookup), shown as a thumbnail with its title."""

    template_name = "admin/wp/widgets/media_picker.html"

    class Media:
        js = [
            "admin/js/jquery.init.js",
            "admin/js/admin/RelatedObjectLookups.js",
            "wpapi/media_picker.js",
        ]

    def __init__(self, attrs: dict[str, Any] | None = None, mime: str = "image") -> None:
        super().__init__({"class": "vIntegerField wp-media-id", **(attrs or {})})
        self.mime = mime

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        from content.models import Post

        context = super().get_context(name, value, attrs)
        try:
            library = reverse(f"admin:{SCREENS_APP}_attachment_changelist")
        except NoReverseMatch:
            library = ""
        chosen = None
        if value not in (None, "", 0, "0"):
            try:
                chosen = Post.objects.filter(pk=int(value), type="attachment").first()
            except (TypeError, ValueError):
                chosen = None
        context["widget"]["picker"] = {
            "library": library,
            "lookup": f"{library}?_to_field=id&post_mime_type={self.mime}" if library else "",
            "thumbnail": f"{library}{chosen.pk}/thumbnail/" if chosen and library else "",
            "title": (chosen.title or f"#{chosen.pk}") if chosen else "",
        }
        return context
