"""Routes nested under one post (`/wp/v2/<type>/<parent>/revisions`, `.../meta`): the parent
post is looked up once, and each post type that supports the feature gets its routes."""

from __future__ import annotations

from typing import Any

from content.models import Post
from wpapi.errors import WPError
from wpapi.params import is_row_id, php_intval
from wpapi.registry import get_post_type, post_types
from wpapi.routing import router


class UnderPostMixin:
    """For a viewset whose routes carry the post's ID as `parent`."""

    post_type = "post"
    parent_description = "The ID for the parent of the object."
    parent_not_found: tuple[str, str] = ("rest_post_invalid_parent", "Invalid post parent ID.")
    id_description = "Unique identifier for the object."
    kwargs: dict[str, Any]
    route: Any

    @property
    def parent_route(self) -> str:
        kind = get_post_type(self.post_type)
        return f"/wp/v2/{kind.rest_base or self.post_type}"

    def url_args(self) -> dict[str, dict[str, Any]]:
        args = {"parent": {"description": self.parent_description, "type": "integer"}}
        if "id" in self.route.param_names:
            args["id"] = {"description": self.id_description, "type": "integer"}
        return args

    def parent_post(self) -> Post:
        if not hasattr(self, "_parent"):
            parent_id = php_intval(self.kwargs["parent"])
            parent = (
                Post.objects.filter(pk=parent_id, type=self.post_type).first()
                if is_row_id(parent_id)
                else None
            )
            if parent is None:
                raise WPError(*self.parent_not_found, 404)
            self._parent = parent
        return self._parent


def register_under_posts(
    name: str, viewset: type, feature: str, collection: dict[str, str], item: dict[str, str]
) -> None:
    """`/wp/v2/<type>/<parent>/<name>` and `/<name>/<id>` for every REST post type whose
    `supports` lists `feature`, each with its own subclass of `viewset`."""
    for slug, kind in post_types().items():
        if not kind.show_in_rest or slug == "attachment" or feature not in kind.supports:
            continue
        base = f"/wp/v2/{kind.rest_base or slug}/(?P<parent>[\\d]+)/{name}"
        typed = type(f"{slug.title()}{viewset.__name__}", (viewset,), {"post_type": slug})
        router.add(base, typed, collection)
        router.add(base + r"/(?P<id>[\d]+)", typed, item)
