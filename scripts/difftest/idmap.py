"""Object IDs on two sites, and the translation of one site's answers into the other's terms.

Both sites get the same objects in the same order, but their IDs differ (WordPress's install
content used some, a failed write may use one). Every object the tester makes has a logical name
("post.hello", "run.17"); each side records name -> its own ID. Answers are then put in a
*canonical* form before they are compared:

* an ID the tester knows becomes the first site's (WordPress's) ID for that object;
* an ID it does not know (a revision made by an update, an object made inside a batch) becomes
  an `Unmapped` value; two unmapped IDs of the same kind at the same place are paired the first
  time they meet and must agree from then on (`Pairing`);
* the second site's base URL becomes the first site's, and IDs inside URLs (`/wp/v2/posts/12`,
  `?parent=12`, `?p=12`, `#comment-3`) are translated like the fields that hold them.

Which fields hold IDs of which kind is fixed by WordPress's schemas: `author` is a user, `post`
and `featured_media` are posts, `categories`/`tags` are terms, and `id`/`parent` are of the kind
of the object that holds them (known from its `_links.self`, else from the route or the `_embed`
relation it sits under).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

KINDS = ("post", "term", "comment", "user", "uuid")
# an ID that no object has on either side: what a reference to an object that a side failed to
# make resolves to
MISSING_ID = 999999
MISSING_UUID = "00000000-0000-4000-8000-00000000dead"

# rest_base -> kind, for core's routes; post types and taxonomies a site registers are added
# from its /wp/v2/types and /wp/v2/taxonomies
BASE_KINDS: dict[str, str] = {
    "posts": "post",
    "pages": "post",
    "media": "post",
    "blocks": "post",
    "menu-items": "post",
    "templates": "post",
    "template-parts": "post",
    "navigation": "post",
    "global-styles": "post",
    "categories": "term",
    "tags": "term",
    "menus": "term",
    "comments": "comment",
    "users": "user",
}

# fields that hold an ID of a fixed kind, whatever object holds them
FIELD_KINDS = {
    "author": "user",
    "post": "post",
    "featured_media": "post",
    "categories": "term",
    "tags": "term",
    "term_id": "term",
    "default_category": "term",
    "page_on_front": "post",
    "page_for_posts": "post",
    "site_logo": "post",
    "site_icon": "post",
}
SELF_FIELDS = ("id", "parent")
# WordPress names an untitled post by its ID ("21", "21-2"), which shows in these fields too
ID_SLUG_FIELDS = ("slug", "generated_slug", "link", "guid", "url")

# _embedded relations whose items are of a known kind (else their own self link tells)
EMBED_KINDS = {
    "author": "user",
    "replies": "comment",
    "children": "comment",
    "wp:term": "term",
    "wp:featuredmedia": "post",
    "wp:attachment": "post",
    "version-history": "post",
    "predecessor-version": "post",
}

# query arguments in URLs: their kind; None = the kind of the route's own objects
QUERY_KINDS: dict[str, str | None] = {
    "post": "post",
    "parent": None,
    "parent_exclude": None,
    "include": None,
    "exclude": None,
    "author": "user",
    "author_exclude": "user",
    "categories": "term",
    "categories_exclude": "term",
    "tags": "term",
    "tags_exclude": "term",
    # front-end links
    "p": "post",
    "page_id": "post",
    "attachment_id": "post",
    "preview_id": "post",
    "cat": "term",
    "replytocom": "comment",
}

UUID_RE = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
ROUTE_ID_RE = re.compile(r"^/wp/v2/([\w-]+)/(\d+)(?=/|$)")
SUB_ID_RE = re.compile(r"^/(revisions|autosaves)/(\d+)")
APP_PW_RE = re.compile(r"^/application-passwords/(" + UUID_RE + ")")
QUERY_PAIR_RE = re.compile(r"(^|&)([^=&#]+)=([^&#]*)")
FRAGMENT_RE = re.compile(r"^comment-(\d+)$")
REVISION_SLUG_RE = re.compile(r"(\d+)-((?:revision|autosave)-v\d+)")
#: the gallery shortcode names its post in a class of the rendered HTML
GALLERY_ID_RE = re.compile(r"\bgalleryid-(\d+)\b")
TOKEN_RE = re.compile(r"\u27e6(\w+)\?([^\u27e7]*)\u27e7")


@dataclass(frozen=True)
class Ref:
    """A reference, in a planned request, to an object by its logical name."""

    kind: str
    name: str

    def as_text(self) -> str:
        return "{{" + f"{self.kind}:{self.name}" + "}}"


REF_TEXT_RE = re.compile(r"\{\{(\w+):([^{}]+)\}\}")


@dataclass(frozen=True)
class Unmapped:
    """An ID the tester did not make itself (and so cannot name), as a side answered it."""

    kind: str
    value: Any

    def __str__(self) -> str:
        return f"\u27e6{self.kind}?{self.value}\u27e7"


@dataclass
class IdMap:
    """One side's objects: kind -> logical name -> that side's ID (an int, or a uuid string)."""

    ids: dict[str, dict[str, Any]] = field(default_factory=lambda: {k: {} for k in KINDS})

    def add(self, kind: str, name: str, value: Any) -> None:
        self.ids.setdefault(kind, {})[name] = value

    def get(self, kind: str, name: str) -> Any:
        return self.ids.get(kind, {}).get(name)

    def names(self, kind: str) -> list[str]:
        return list(self.ids.get(kind, {}))

    def resolve(self, value: Any) -> Any:
        """A planned value with `Ref`s (and "{{kind:name}}" inside strings) made concrete."""
        if isinstance(value, Ref):
            found = self.get(value.kind, value.name)
            if found is None:
                return MISSING_UUID if value.kind == "uuid" else MISSING_ID
            return found
        if isinstance(value, str):
            return REF_TEXT_RE.sub(lambda m: str(self.resolve(Ref(m[1], m[2]))), value)
        if isinstance(value, list):
            return [self.resolve(item) for item in value]
        if isinstance(value, tuple):
            return tuple(self.resolve(item) for item in value)
        if isinstance(value, dict):
            return {key: self.resolve(item) for key, item in value.items()}
        return value

    def to_json(self) -> dict[str, dict[str, Any]]:
        return self.ids

    @classmethod
    def from_json(cls, saved: dict[str, dict[str, Any]]) -> IdMap:
        found = cls()
        for kind, names in saved.items():
            found.ids[kind] = dict(names)
        return found


def canonical_ids(mine: IdMap, first: IdMap) -> dict[str, dict[Any, Any]]:
    """kind -> {this side's ID: the first side's ID} for every object both sides made."""
    table: dict[str, dict[Any, Any]] = {}
    for kind in KINDS:
        pairs = {}
        for name, value in mine.ids.get(kind, {}).items():
            other = first.ids.get(kind, {}).get(name)
            if other is not None and value is not None:
                pairs[value] = other
        table[kind] = pairs
    return table


def route_kind(route: str, base_kinds: dict[str, str]) -> str | None:
    """The kind of the objects a route answers with ("/wp/v2/posts/(?P<id>...)" -> post)."""
    match = re.match(r"^/wp/v2/([\w-]+)", route)
    if not match:
        return None
    base = match[1]
    if base == "search":
        return "search"  # each result is a post or a term, as its `type` says
    if "/revisions" in route or "/autosaves" in route:
        return "post"
    if base == "users" and "application-passwords" in route:
        return "uuid"
    return base_kinds.get(base)


class Translator:
    """Puts one side's answers in canonical form (see the module's docstring)."""

    def __init__(
        self,
        table: dict[str, dict[Any, Any]],
        base_from: str,
        base_to: str,
        base_kinds: dict[str, str] | None = None,
    ) -> None:
        self.table = table
        self.base_from = base_from.rstrip("/")
        self.base_to = base_to.rstrip("/")
        self.base_kinds = {**BASE_KINDS, **(base_kinds or {})}
        prefix = re.escape(self.base_to)
        self.url_re = re.compile(prefix + r"(/[^\s\"'<>]*)?")

    # -- single values ---------------------------------------------------------------------
    def id(self, kind: str | None, value: Any) -> Any:
        if kind is None or isinstance(value, bool):
            return value
        if kind == "uuid":
            if not isinstance(value, str) or not re.fullmatch(UUID_RE, value):
                return value
        elif not isinstance(value, int) or value <= 0:
            return value
        known = self.table.get(kind, {})
        if value in known:
            return known[value]
        return Unmapped(kind, value)

    def id_text(self, kind: str | None, text: str) -> str:
        """An ID inside a URL: translated, an unknown one as a token."""
        if kind is None:
            return text
        value: Any = text
        if kind != "uuid":
            if not text.isdigit():
                return text
            value = int(text)
        return str(self.id(kind, value))

    def text(self, value: str) -> str:
        if "galleryid-" in value:
            value = GALLERY_ID_RE.sub(lambda m: "galleryid-" + self.id_text("post", m[1]), value)
        if self.base_from != self.base_to:
            value = value.replace(self.base_from, self.base_to)
            value = value.replace(_quoted(self.base_from), _quoted(self.base_to))
        if self.base_to not in value:
            return value
        return self.url_re.sub(lambda m: self.base_to + self.url_tail(m[1] or ""), value)

    def url_tail(self, tail: str) -> str:
        """The part of a site URL after the base: path, query and fragment."""
        path, _, fragment = tail.partition("#")
        path, mark, query = path.partition("?")
        route_kind_ = None
        if path.startswith("/wp-json/"):
            route = path[len("/wp-json") :]
            route, route_kind_ = self.route(route)
            path = "/wp-json" + route
            if route == "/wp/v2/search":  # include/exclude name posts, or terms (type=term)
                route_kind_ = "term" if re.search(r"(^|&)type=term(&|$)", query) else "post"
        if mark:
            query = self.query(query, route_kind_)
        if fragment:
            match = FRAGMENT_RE.match(fragment)
            if match:
                fragment = "comment-" + self.id_text("comment", match[1])
        return path + (mark + query if mark else "") + ("#" + fragment if fragment else "")

    def route(self, route: str) -> tuple[str, str | None]:
        """A REST route with its IDs translated, and the kind of what it names."""
        match = ROUTE_ID_RE.match(route)
        if not match:
            base = re.match(r"^/wp/v2/([\w-]+)", route)
            return route, self.base_kinds.get(base[1]) if base else None
        base, number, rest = match[1], match[2], route[match.end() :]
        kind = self.base_kinds.get(base)
        out = f"/wp/v2/{base}/{self.id_text(kind, number)}"
        sub = SUB_ID_RE.match(rest)
        if sub:
            out += f"/{sub[1]}/{self.id_text('post', sub[2])}"
            rest = rest[sub.end() :]
        app = APP_PW_RE.match(rest)
        if app:
            out += "/application-passwords/" + self.id_text("uuid", app[1])
            rest = rest[app.end() :]
        return out + rest, kind

    def query(self, query: str, own_kind: str | None) -> str:
        def one(match: re.Match[str]) -> str:
            key = unquote(match[2])
            key = re.sub(r"\[[^\]]*\]$", "", key)
            if key not in QUERY_KINDS:
                return match[0]
            kind = QUERY_KINDS[key] or own_kind
            values = match[3]
            sep = "%2C" if "%2C" in values else ","
            translated = sep.join(self.id_text(kind, v) for v in values.split(sep))
            return f"{match[1]}{match[2]}={translated}"

        return QUERY_PAIR_RE.sub(one, query)

    # -- whole answers -----------------------------------------------------------------------
    def body(self, value: Any, kind: str | None) -> Any:
        """A JSON answer in canonical form; `kind` is that of the route's objects."""
        if isinstance(value, list):
            return [self.body(item, kind) for item in value]
        if isinstance(value, dict):
            return self.obj(value, kind)
        if isinstance(value, str):
            return self.text(value)
        return value

    def self_kind(self, obj: dict[str, Any]) -> str | None:
        links = obj.get("_links")
        if not isinstance(links, dict):
            return None
        selfs = links.get("self")
        if not (isinstance(selfs, list) and selfs and isinstance(selfs[0], dict)):
            return None
        href = selfs[0].get("href")
        if not isinstance(href, str):
            return None
        path = href.split("?", 1)[0]
        for base in (self.base_from, self.base_to):
            if path.startswith(base + "/wp-json/"):
                return route_kind(path[len(base + "/wp-json") :], self.base_kinds)
        return None

    def obj(self, obj: dict[str, Any], kind: str | None) -> dict[str, Any]:
        if set(obj) == {"body", "status", "headers"}:  # _envelope: the answer inside
            return {
                "body": self.body(obj["body"], kind),
                "status": obj["status"],
                "headers": self.body(obj["headers"], None),
            }
        own = self.self_kind(obj) or kind
        if own == "search" or (own is None and "subtype" in obj):
            own = search_kind(obj)
        out: dict[str, Any] = {}
        for key, value in obj.items():
            if key in SELF_FIELDS and own not in (None, "uuid"):
                out[key] = self.id(own, value)
            elif key == "uuid":
                out[key] = self.id("uuid", value)
            elif key in FIELD_KINDS and _ids(value):
                target = FIELD_KINDS[key]
                if isinstance(value, list):
                    out[key] = [self.id(target, item) for item in value]
                else:
                    out[key] = self.id(target, value)
            elif key in ID_SLUG_FIELDS and own == "post" and isinstance(value, str):
                out[key] = self.id_slug(self.text(value), obj.get("id"))
            elif key == "guid" and own == "post" and isinstance(value, dict):
                out[key] = {
                    k: self.id_slug(self.text(v), obj.get("id")) if isinstance(v, str) else v
                    for k, v in value.items()
                }
            elif key == "_embedded" and isinstance(value, dict):
                out[key] = {
                    rel: self.body(items, EMBED_KINDS.get(rel)) for rel, items in value.items()
                }
            elif key == "_links" and isinstance(value, dict):
                out[key] = self.links(value)
            elif key == "previous" and isinstance(value, dict):
                out[key] = self.body(value, own)  # what a DELETE removed, without its links
            elif isinstance(value, dict | list):
                out[key] = self.body(value, None)
            elif isinstance(value, str):
                out[key] = self.text(value)
            else:
                out[key] = value
        return out

    def links(self, links: dict[str, Any]) -> dict[str, Any]:
        """`_links`: hrefs translated; a link's own `id` (predecessor-version) by its kind."""
        out: dict[str, Any] = {}
        for rel, items in links.items():
            if not isinstance(items, list):
                out[rel] = self.body(items, None)
                continue
            translated = []
            for item in items:
                if isinstance(item, dict) and "id" in item:
                    kind = EMBED_KINDS.get(rel) or self.self_kind({"_links": {"self": [item]}})
                    item = {
                        k: self.id(kind, v) if k == "id" else self.body(v, None)
                        for k, v in item.items()
                    }
                    translated.append(item)
                else:
                    translated.append(self.body(item, None))
            out[rel] = translated
        return out

    def id_slug(self, text: str, own_id: Any) -> str:
        """A post's own ID used as its slug (a path segment "/21/", "/21-2/", or the whole
        slug) becomes the canonical ID; so does the parent's ID in a revision's slug
        ("21-revision-v1", "21-autosave-v1")."""
        revision = REVISION_SLUG_RE.fullmatch(text)
        if revision:
            return f"{self.id_text('post', revision[1])}-{revision[2]}"
        if not isinstance(own_id, int) or isinstance(own_id, bool) or str(own_id) not in text:
            return text
        canonical = str(self.id("post", own_id))
        pattern = re.compile(r"(^|/)" + str(own_id) + r"(-\d+)?(/|$)")
        return pattern.sub(lambda m: f"{m[1]}{canonical}{m[2] or ''}{m[3]}", text)

    def header(self, name: str, value: str) -> str:
        """Link and Location carry URLs: translated, and a URL's query in a stable order."""
        if name == "location":
            return _sorted_query(self.text(value))
        if name == "link":
            parts = []
            for part in split_link_header(value):
                url, _, params = part.partition(">")
                url = _sorted_query(self.text(url.lstrip("<").strip()))
                parts.append(f"<{url}>{params}")
            return ", ".join(parts)
        return value


def search_kind(result: dict[str, Any]) -> str | None:
    """A search result is a post or a term: its `type` says so, else (under _fields) its
    `subtype` (a taxonomy for terms, a post type for posts)."""
    if result.get("type") in ("post", "term"):
        return result["type"]
    if "type" in result or not isinstance(result.get("subtype"), str):
        return None  # a post format, or nothing to go by
    return "term" if result["subtype"] in ("category", "post_tag", "nav_menu") else "post"


def _ids(value: Any) -> bool:
    """An ID field holds an int or a list of ints (else it is something else by that name)."""
    if isinstance(value, list):
        return all(isinstance(item, int) and not isinstance(item, bool) for item in value)
    return isinstance(value, int) and not isinstance(value, bool)


def _quoted(text: str) -> str:
    return text.replace(":", "%3A").replace("/", "%2F")


def split_link_header(value: str) -> list[str]:
    """`<a>; rel="x", <b>; rel="y"` -> its links (a comma inside <...> does not split)."""
    parts, depth, current = [], 0, ""
    for char in value:
        if char == "<":
            depth += 1
        elif char == ">":
            depth = max(0, depth - 1)
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
            continue
        current += char
    if current.strip():
        parts.append(current.strip())
    return parts


def _sorted_query(url: str) -> str:
    """The order of query arguments means nothing to a client: sorted, so it does not count."""
    head, mark, query = url.partition("?")
    if not mark:
        return url
    query, hash_, fragment = query.partition("#")
    pairs = sorted(query.split("&"))
    return head + "?" + "&".join(pairs) + (hash_ + fragment if hash_ else "")


class Pairing:
    """IDs neither side can name are paired on first sight: (kind, first side's, second's)."""

    def __init__(self) -> None:
        self.forward: dict[tuple[str, Any], Any] = {}
        self.backward: dict[tuple[str, Any], Any] = {}

    def same(self, kind: str, a: Any, b: Any) -> bool:
        there = self.forward.get((kind, a))
        back = self.backward.get((kind, b))
        if there is None and back is None:
            self.forward[(kind, a)] = b
            self.backward[(kind, b)] = a
            return True
        return there == b and back == a

    def same_text(self, a: str, b: str) -> bool:
        """Strings equal but for tokens of unmapped IDs, which must pair."""
        parts_a, parts_b = TOKEN_RE.split(a), TOKEN_RE.split(b)
        if len(parts_a) != len(parts_b):
            return False
        # split() yields text, kind, value, text, kind, value, ..., text
        for i in range(0, len(parts_a), 3):
            if parts_a[i] != parts_b[i]:
                return False
            if i + 2 < len(parts_a):
                kind_a, value_a = parts_a[i + 1], parts_a[i + 2]
                kind_b, value_b = parts_b[i + 1], parts_b[i + 2]
                if kind_a != kind_b or not self.same(kind_a, _number(value_a), _number(value_b)):
                    return False
        return True


def _number(text: str) -> Any:
    return int(text) if text.isdigit() else text
