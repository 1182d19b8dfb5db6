"""What rendering shares within one request: the site, the reader, the page of posts being
rendered, data loaded once for all of them, and WordPress's per-request counters.

Dynamic blocks and shortcodes read the database. A list of posts renders every post with one
RenderContext, so a block that appears in many posts (or many times) loads its data once:
`load(key, loader)` keeps each loader's answer for the rest of the request, and loaders that
can work for the whole page at once (gallery attachments, reusable blocks) read every post's
content first. Nothing is kept beyond the request, so a write is seen by the next one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.auth.models import AnonymousUser


class RenderContext:
    def __init__(self, site: str = "", user: Any = None, posts: Iterable[Any] = ()) -> None:
        self.site = site
        self.user = user if user is not None else AnonymousUser()
        #: the page's posts: loaders scan their content to load for all of them at once
        self.posts = list(posts)
        #: the post whose content is being rendered (WordPress's global $post)
        self.post: Any = None
        #: once a post with blocks is rendered, WordPress runs wpautop after the other
        #: priority-10 filters for the rest of the request (do_blocks moves the hook)
        self.autop_moved = False
        self._loaded: dict[Any, Any] = {}
        self._counters: dict[str, int] = {}

    def load(self, key: Any, loader: Callable[[], Any]) -> Any:
        """`loader()`'s answer, computed once per request for `key`."""
        if key not in self._loaded:
            self._loaded[key] = loader()
        return self._loaded[key]

    def count(self, name: str) -> int:
        """The next value of one of WordPress's static counters (1, 2, ...) in this request."""
        self._counters[name] = self._counters.get(name, 0) + 1
        return self._counters[name]

    def unique_id(self, prefix: str) -> str:
        """wp_unique_id(): one counter for every prefix."""
        return f"{prefix}{self.count('wp_unique_id')}"

    def contents(self) -> list[str]:
        """The content of every post on the page (and of the one being rendered)."""
        found = [getattr(post, "content", "") or "" for post in self.posts]
        if self.post is not None and self.post not in self.posts:
            found.append(getattr(self.post, "content", "") or "")
        return found
