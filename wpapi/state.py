"""What the REST core knows of a request beyond Django's HttpRequest, in one place.

The router, the base viewset, `_embed`, batch requests and authentication share these facts
through `wp_state(request)`, a `RequestState` kept on the Django request, instead of loose
attributes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest


@dataclass
class EmbedBatch:
    """A request of `_embed` for many objects of one resource at once (wpapi.embedding).

    `action` "retrieve": the items `GET <route>/<id>` answers, for each ID in `values`;
    `action` "list": the collection `GET <route>?<embeds_collections_by>=<value>` answers,
    for each value."""

    action: str
    values: list[int] = field(default_factory=list)
    #: the argument the values are for ("list" batches)
    key: str = ""


@dataclass
class RequestState:
    #: the matched route and the path it was matched on (the pagination links use it)
    route: Any = None
    route_path: str = ""
    #: an internal request's caller: the user of the request it was made within
    caller: Any = None
    #: the site URL worked out for this request (wpapi.links)
    site_url: str | None = None
    #: batch/v1's first pass: validate the arguments, then stop
    validate_only: bool = False
    #: a new nonce for cookie + nonce authentication, sent back as X-WP-Nonce
    fresh_nonce: str | None = None
    #: set when the request answers many embedded links at once
    embed: EmbedBatch | None = None
    #: posts this request has read and shown, by ID, shared with the requests `_embed` makes
    #: within it (content.queries.posts_by_id), so the replies and terms of a page's posts
    #: do not read the same rows again
    posts: dict[int, Any] = field(default_factory=dict)
    #: the same posts' terms, [(term id, taxonomy), ...] by post ID, for their terms' `_embed`
    post_terms: dict[int, list[tuple[int, str]]] = field(default_factory=dict)


def wp_state(request: HttpRequest) -> RequestState:
    """The request's state, made on first use (a DRF Request shares its Django request's)."""
    request = getattr(request, "_request", request)
    state = request.__dict__.get("wp_state")
    if state is None:
        state = RequestState()
        request.wp_state = state
    return state
