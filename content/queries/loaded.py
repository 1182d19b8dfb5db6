"""Posts a request has already read, found again by ID without another query."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import prefetch_related_objects

from content.models import Post
from wpapi.state import wp_state


def remember_posts(request: Any, posts: Iterable[Post]) -> None:
    """Keep the posts an answer shows for the rest of the request and its `_embed` requests."""
    wp_state(request).posts.update((post.pk, post) for post in posts)


def posts_by_id(request: Any, ids: Iterable[int], *, with_parents: bool = False) -> dict[int, Post]:
    """{id: post} for those of `ids` that exist: the ones this request (or the request it
    embeds links for) already read, the others in one query. `with_parents` loads the
    parents of those that have one, in one more query."""
    known = wp_state(request).posts
    ids = list(dict.fromkeys(ids))
    found = {pk: known[pk] for pk in ids if pk in known}
    missing = [pk for pk in ids if pk not in found]
    if missing:
        found.update((post.pk, post) for post in Post.objects.filter(pk__in=missing).order_by())
    if with_parents:
        prefetch_related_objects([post for post in found.values() if post.parent_id], "parent")
    return found
