"""`_embed`: the linked resources an answer's `_links` mark `embeddable`, put in `_embedded`.

WordPress embeds each link by dispatching an internal GET with `context=embed` as the same user
and keeping the answer, error objects included; a rel whose answers are all empty is left out.
wpapi does the same, except that it asks one resource for many links at once where the
resource says it can, so a page of ten posts costs what one costs.

The protocol a viewset implements for that (the base viewset, wpapi.viewsets.WPViewSet,
provides both halves):

- **Items by ID.** `embeds_in_bulk = True` and `embed_items(ids) -> {id: answer}`: what
  `GET <route>/<id>?context=embed` would answer for each ID, the error objects of missing and
  forbidden items included. Every link of a page to `<route>/<id>` is answered by one call.
  A route whose item is named by another parameter (a menu location's name) says which in
  `embed_item_key`; its values are then the strings of the URLs.
- **Collections by an argument.** `embeds_collections_by = ("<argument>", ...)` and
  `embed_collections(argument, values) -> {value: [items]}`: for each value, the list
  `GET <route>?<argument>=<value>&context=embed` would answer (its first page). The replies,
  children and terms of every item of a page are answered by one call each.

Both run inside the viewset's own request lifecycle: an internal GET of the route (same user,
same arguments, `context=embed`) is dispatched to `Route.embed_view`, whose action is `embed`,
and `wp_state(request).embed` (an `EmbedBatch`) says which half and which values. Whatever a
batch leaves out (missing or forbidden objects, resources that don't batch) is then fetched one
link at a time, so the error objects WordPress embeds stay exactly the same.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.http import HttpRequest, QueryDict

from wpapi.routing import Route, dispatch, internal_request, normalise_path, response_data, router
from wpapi.state import EmbedBatch, wp_state


def embed_links(request: HttpRequest, data: Any, rels: list[str] | bool) -> Any:
    """`data` (one item or a list) with `_embedded` added for the requested rels."""
    items = data if isinstance(data, list) else [data]
    found = fetch_in_batches(request, _embeddable_hrefs(items, rels))
    if isinstance(data, list):
        return [_embed_item(request, item, rels, found) for item in data]
    return _embed_item(request, data, rels, found)


def _embeddable_hrefs(items: list[Any], rels: list[str] | bool) -> list[str]:
    hrefs: dict[str, None] = {}
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("_links"), dict):
            continue
        for rel, entries in item["_links"].items():
            if rels is not True and rel not in rels:
                continue
            for entry in entries:
                if isinstance(entry, dict) and entry.get("embeddable"):
                    hrefs[entry["href"]] = None
    return list(hrefs)


def _embed_item(
    request: HttpRequest, item: Any, rels: list[str] | bool, found: dict[str, Any]
) -> Any:
    if not isinstance(item, dict) or "_links" not in item:
        return item
    embedded: dict[str, list[Any]] = {}
    for rel, entries in item["_links"].items():
        if rels is not True and rel not in rels:
            continue
        if not any(isinstance(e, dict) and e.get("embeddable") for e in entries):
            continue
        values = []
        for entry in entries:
            if not entry.get("embeddable"):
                values.append({})
                continue
            href = entry["href"]
            if href not in found:
                found[href] = embed_one(request, href)
            values.append(found[href])
        if any(values):  # WordPress drops a rel whose embeds are all empty (no comments yet)
            embedded[rel] = values
    if embedded:
        item = {**item, "_embedded": embedded}
    return item


def embed_one(request: HttpRequest, href: str) -> Any:
    """GET a REST URL of this site from inside a request, as the same user, context=embed."""
    query = QueryDict(urlsplit(href).query, mutable=True)
    query["context"] = "embed"
    sub, path = internal_request(
        request, "GET", urlsplit(href)._replace(query=query.urlencode()).geturl()
    )
    return response_data(dispatch(sub, path))


# --- batches -----------------------------------------------------------------------------------
def fetch_in_batches(request: HttpRequest, hrefs: list[str]) -> dict[str, Any]:
    """The answers to `hrefs` that batches can give: links to items grouped by route, and
    links to collections that differ only in the resource's `embeds_collections_by`."""
    items: dict[int, tuple[Route, list[tuple[str, Any]]]] = {}
    collections: dict[tuple[int, str, str], tuple[Route, str, str, list[tuple[str, int]]]] = {}
    for href in hrefs:
        parts = urlsplit(href)
        if "/wp-json" not in parts.path:
            continue
        path = normalise_path(parts.path.split("/wp-json", 1)[1])
        route, kwargs = router.match(path)
        if route is None or route.actions.get("GET") not in ("retrieve", "list"):
            continue
        viewset = route.viewset
        item_key = getattr(viewset, "embed_item_key", "id")
        if not parts.query and set(kwargs) == {item_key} and viewset.batches_embeds():
            value = int(kwargs["id"]) if item_key == "id" else kwargs[item_key]
            items.setdefault(id(route), (route, []))[1].append((href, value))
            continue
        keys = getattr(viewset, "embeds_collections_by", ())
        if not parts.query or kwargs or not keys or route.actions.get("GET") != "list":
            continue
        pairs = parse_qsl(parts.query, keep_blank_values=True)
        key = next((name for name, _ in pairs if name in keys), None)
        values = [value for name, value in pairs if name == key]
        if key is None or len(values) != 1 or not values[0].isdigit():
            continue
        others = urlencode(sorted((name, value) for name, value in pairs if name != key))
        group = collections.setdefault((id(route), key, others), (route, key, others, []))
        group[3].append((href, int(values[0])))
    found: dict[str, Any] = {}
    for route, members in items.values():
        if len(members) > 1:
            href = members[0][0].split("?")[0]
            found.update(
                _ask(request, route, href, "context=embed", EmbedBatch("retrieve"), members)
            )
    for route, key, others, members in collections.values():
        if len(members) > 1:
            query = f"{others}&context=embed" if others else "context=embed"
            href = members[0][0].split("?")[0]
            found.update(_ask(request, route, href, query, EmbedBatch("list", key=key), members))
    return found


def _ask(
    request: HttpRequest,
    route: Route,
    href: str,
    query: str,
    batch: EmbedBatch,
    members: list[tuple[str, Any]],
) -> dict[str, Any]:
    """One internal request answering every member link it can."""
    sub, path = internal_request(request, "GET", f"{href}?{query}")
    batch.values = list(dict.fromkeys(value for _, value in members))
    state = wp_state(sub)
    state.embed = batch
    state.posts = wp_state(request).posts
    state.post_terms = wp_state(request).post_terms
    state.route, state.route_path = route, normalise_path(path)
    _, kwargs = router.match(state.route_path)
    response = route.embed_view(sub, **kwargs)
    data = response_data(response)
    if response.status_code != 200 or not isinstance(data, dict):
        return {}
    return {href: data[str(value)] for href, value in members if str(value) in data}
