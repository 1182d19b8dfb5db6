"""Requests drawn from the routes' own descriptions (the /wp-json/ index of both sides).

`Generator(routes, ...).plan(count)` gives a fixed list of `Request`s for a random seed:

* first every route and method once, then routes drawn at random (core content routes more
  often than the rest, routes only one side serves seldom);
* a read phase (GET, HEAD, OPTIONS) on the seeded content, then a write phase: objects made
  for the purpose (by the admin, with valid values), then creates, updates and deletes on them
  by every caller, each often followed by a read of what it changed;
* argument values come from each argument's schema: enum members, types, formats, minimum and
  maximum, IDs of seeded objects, plus edge values (0, -1, huge numbers, empty strings, wrong
  types, arrays, objects, unknown arguments); and the global parameters `context`, `_fields`,
  `_embed`, `_envelope`, pagination, `?rest_route=` and `_method`.

Writes never touch what would break the run itself: plugin files (shared between sites), the
callers' own accounts and application passwords, the site URL and e-mail.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from .idmap import Ref
from .requests import CALLERS, Request

CALLER_WEIGHTS = {
    "anonymous": 28,
    "administrator": 26,
    "editor": 12,
    "author": 12,
    "contributor": 11,
    "subscriber": 11,
}
CORE_BASES = {
    "posts",
    "pages",
    "media",
    "blocks",
    "comments",
    "categories",
    "tags",
    "users",
    "search",
    "settings",
    "types",
    "statuses",
    "taxonomies",
}
# base -> the group of seeded objects its IDs come from
BASE_GROUPS = {
    "posts": "post",
    "pages": "page",
    "media": "media",
    "blocks": "block",
    "comments": "comment",
    "categories": "cat",
    "tags": "tag",
    "users": "user",
}
GROUP_KINDS = {
    "post": "post",
    "page": "post",
    "media": "post",
    "block": "post",
    "rev": "post",
    "comment": "comment",
    "cat": "term",
    "tag": "term",
    "user": "user",
    "apppw": "uuid",
}
# path parameters that are not IDs: plausible values, then wrong ones
PATH_SAMPLES = {
    "type": ["post", "page", "attachment", "wp_block", "nav_menu_item", "wp_template", "nope"],
    "status": ["publish", "future", "draft", "pending", "private", "trash", "inherit", "nope"],
    "taxonomy": ["category", "post_tag", "nav_menu", "post_format", "nope"],
    "stylesheet": ["twentytwentythree", "nope"],
    "plugin": ["hello", "akismet/akismet", "nope"],
    "name": ["core/paragraph", "core/archives", "core/latest-posts", "nope/nope", "paragraph"],
    "namespace": ["core", "nope"],
    "location": ["primary", "footer", "nope"],
}
TEMPLATE_IDS = ["twentytwentythree//index", "twentytwentythree//home", "nope//nope", "7"]
SEARCH_WORDS = [
    "hello",
    "block",
    "Ünïcödé",
    "secret",
    "plain",
    "-plain",
    '"plain post"',
    "post number",
    "zzz",
    "",
    "about",
    "the",
]
SLUGS = ["hello-world-friends", "unicode-post", "about", "team", "news", "alpha", "php-lang"]
SLUGS += ["edith", "arthur", "block-markup", "read-more", "nope", ""]
DATES = [
    "2024-01-03T00:00:00",
    "2023-12-01T00:00:00Z",
    "2024-01-03T00:00:00+02:00",
    "2024-01-03",
    "2024-13-45T99:99:99",
    "yesterday",
    "",
]
TEXTS = [
    "Plain text",
    "Quotes \"double\" and 'single' -- dashes... (c)",
    "<b>bold</b> <script>alert(1)</script> <em>em</em>",
    "Ünïcödé 日本語 😀",
    "Line one\n\nLine two\nline three",
    "<!-- wp:paragraph -->\n<p>Block</p>\n<!-- /wp:paragraph -->",
    "[caption]x[/caption] [gallery] :)",
    "",
    " ",
    "a" * 300,
]
EDGE_VALUES: list[Any] = [0, -1, 2**31, 2**63, 10**20, "", "abc", " ", [], ["x"], {"a": 1}, 1.5]
UNKNOWN_ARGS = [("foo", "bar"), ("filter[posts_per_page]", "2"), ("per-page", "3"), ("_foo", "")]

PARAM_RE = re.compile(r"\(\?P<(\w+)>")


def template_params(template: str) -> list[tuple[str, int, int]]:
    """Named groups of a route template: (name, start, end) with balanced parentheses."""
    found = []
    for match in PARAM_RE.finditer(template):
        depth, index = 0, match.start()
        while index < len(template):
            char = template[index]
            if char == "\\":
                index += 2
                continue
            if char == "[":
                index = template.index("]", index + 1) + 1
                continue
            if char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
                if depth == 0:
                    break
            index += 1
        found.append((match[1], match.start(), index + 1))
    return found


def route_regex(template: str) -> re.Pattern[str] | None:
    try:
        return re.compile(template, re.IGNORECASE)
    except re.error:
        return None


def match_route(path: str, templates: list[str]) -> str:
    """The first route template (in the index's order) that matches `path`, as WordPress
    picks it; "" when none does."""
    for template in templates:
        pattern = route_regex(template)
        if pattern is not None and pattern.fullmatch(path):
            return template
    return ""


@dataclass
class Endpoint:
    template: str
    methods: list[str]
    args: dict[str, Any]


@dataclass
class Generator:
    """Builds a plan; `pools` are the logical names of the seeded objects by group."""

    routes: dict[str, list[Endpoint]]
    properties: dict[str, list[str]]  # template -> schema property names (for _fields)
    pools: dict[str, list[str]]
    seed: int = 1
    order: list[str] = field(default_factory=list)
    #: routes only one side serves: drawn rarely (every one still gets its requests), since
    #: the other side can only answer them rest_no_route
    one_sided: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.order = self.order or list(self.routes)
        self.made = 0
        self.scratch: dict[str, list[str]] = {}
        self.dated = 0

    # -- choosing -------------------------------------------------------------------------
    def caller(self) -> str:
        return self.rng.choices(list(CALLER_WEIGHTS), weights=list(CALLER_WEIGHTS.values()))[0]

    def base_of(self, template: str) -> str:
        match = re.match(r"^/wp/v2/([\w-]+)", template)
        if match:
            return match[1]
        if template in ("/", "/wp/v2", "/batch/v1"):
            return "index"
        return template

    def weight(self, template: str) -> float:
        if template in self.one_sided:
            return 0.5
        base = self.base_of(template)
        if base == "index":
            return 2.0  # the indexes are large and slow to build, and rarely change
        if base in CORE_BASES:
            return 8.0 if "(?P<" in template else 10.0
        return 1.0

    def pick(
        self, group: str, scratch: bool = False, only_scratch: bool = False
    ) -> Ref | int | str:
        """A seeded (or made-for-the-purpose) object of the group; sometimes a missing one.
        `only_scratch`: never a seeded one (the callers' own accounts must survive the run)."""
        kind = GROUP_KINDS.get(group, "post")
        names = list(self.scratch.get(group, [])) if scratch else []
        if not only_scratch and (not names or self.rng.random() < 0.2):
            names = self.pools.get(group, []) if not names else names + self.pools.get(group, [])
        roll = self.rng.random()
        if not names or roll < 0.04:
            return "00000000-0000-4000-8000-0000000000aa" if kind == "uuid" else 987654
        if roll < 0.08 and kind != "uuid" and not only_scratch:
            # an object of the same kind from another group (a page where a post is expected)
            others = [g for g, k in GROUP_KINDS.items() if k == kind and self.pools.get(g)]
            other = self.rng.choice(others)
            return Ref(kind, self.rng.choice(self.pools[other]))
        return Ref(kind, self.rng.choice(names))

    # -- path parameters --------------------------------------------------------------------
    def fill_path(self, template: str, method: str, scratch: bool = False) -> str | None:
        params = template_params(template)
        if not params:
            return template.replace("\\", "")
        base = self.base_of(template)
        out, last = "", 0
        for name, start, end in params:
            out += template[last:start]
            last = end
            value = self.path_value(template, base, name, method, scratch)
            if value is None:
                return None
            out += value.as_text() if isinstance(value, Ref) else str(value)
        out += template[last:]
        if "(" in out or "[" in out:
            return None  # a template this filler cannot write
        return out.replace("\\", "")

    def path_value(
        self, template: str, base: str, name: str, method: str, scratch: bool
    ) -> Ref | int | str | None:
        rng = self.rng
        group = BASE_GROUPS.get(base)
        if name == "user_id":
            if rng.random() < 0.35 and not scratch:
                return "me"
            return self.pick("user", scratch, only_scratch=scratch)
        if name == "uuid":
            return self.pick("apppw", scratch, only_scratch=scratch)
        if name == "parent" and group:
            return self.pick(group, scratch)
        if name == "id" and ("/revisions/" in template or "/autosaves/" in template):
            return self.pick("rev", False)
        if name == "id" and group:
            return self.pick(group, scratch, only_scratch=scratch and group == "user")
        if name == "id" and base in ("templates", "template-parts"):
            return rng.choice(TEMPLATE_IDS)
        if name == "id" and base == "global-styles":
            return rng.choice(["1", "987654", "twentytwentythree"])
        if name == "id" and base in ("sidebars", "widgets", "widget-types"):
            return rng.choice(["sidebar-1", "wp_inactive_widgets", "block", "block-1", "nope"])
        if name == "id" and base in ("menu-items", "menus", "navigation"):
            return rng.choice([987654, 1, 5])
        if name in PATH_SAMPLES:
            return rng.choice(PATH_SAMPLES[name])
        return "nope"

    # -- argument values --------------------------------------------------------------------
    def id_arg(self, name: str, base: str) -> Ref | int | str:
        if name in ("author", "author_exclude", "reassign"):
            return self.pick("user", True)
        if name in ("post", "featured_media", "page_on_front", "page_for_posts", "parent_post"):
            return self.pick("media" if name == "featured_media" else "post", True)
        if name in ("categories", "categories_exclude", "default_category"):
            return self.pick("cat", True)
        if name in ("tags", "tags_exclude"):
            return self.pick("tag", True)
        group = BASE_GROUPS.get(base, "post")
        return self.pick(group, True)

    def is_id_arg(self, name: str, spec: dict[str, Any]) -> bool:
        if name in ("id", "parent", "include", "exclude", "parent_exclude", "author"):
            return True
        if name in ("author_exclude", "post", "reassign", "featured_media", "categories", "tags"):
            return True
        return name in ("categories_exclude", "tags_exclude", "page_on_front", "page_for_posts")

    def value(self, name: str, spec: dict[str, Any], base: str, valid: bool) -> Any:
        rng = self.rng
        if not valid:
            return rng.choice(EDGE_VALUES)
        types = spec.get("type", "string")
        types = types if isinstance(types, list) else [types]
        kind = rng.choice(types)
        if self.is_id_arg(name, spec):
            one = self.id_arg(name, base)
            if kind == "array" or "array" in types:
                return [one] + ([self.id_arg(name, base)] if rng.random() < 0.4 else [])
            return one
        enum = spec.get("enum")
        if isinstance(enum, dict):  # a PHP array with keys, as some indexes write it
            enum = list(enum.values())
        if isinstance(enum, list) and enum and kind != "array":
            return rng.choice(enum)
        if kind == "array":
            items = spec.get("items", {}) if isinstance(spec.get("items"), dict) else {}
            return [self.value(name, items, base, True) for _ in range(rng.randint(0, 3))]
        if kind == "object":
            props = spec.get("properties") or {}
            if isinstance(props, dict) and props:
                chosen = rng.sample(sorted(props), rng.randint(1, min(3, len(props))))
                return {key: self.value(key, props[key], base, True) for key in chosen}
            return {}
        if kind == "boolean":
            return rng.choice([True, False, True, False, "1", "0", "true", "false"])
        if kind in ("integer", "number"):
            low = spec.get("minimum", 0)
            high = spec.get("maximum", 100)
            choices = [low, high, (low + high) // 2 if kind == "integer" else 2.5, 1, 2, 10]
            return rng.choice(choices)
        if kind == "null":
            return None
        fmt = spec.get("format")
        if fmt == "date-time" or name in ("after", "before", "modified_after", "modified_before"):
            return rng.choice(DATES)
        if fmt == "email":
            return rng.choice(["someone@example.org", "not-an-email", ""])
        if fmt == "uri":
            return rng.choice(["https://example.org/x", "not a url", ""])
        if fmt == "uuid":
            return rng.choice(["3f1d5c8e-5a8e-4f5e-9d38-6a1b2c3d4e5f", "nope"])
        if name == "search":
            return rng.choice(SEARCH_WORDS)
        if name == "slug":
            return rng.choice(SLUGS)
        if name in ("password", "post_password"):
            return rng.choice(["secret", "letmein", "wrong", ""])
        return rng.choice(TEXTS[:8] + ["x", "alpha", "news"])

    def args_for(
        self, endpoint: Endpoint, base: str, count: int, valid_share: float = 0.7
    ) -> list[tuple[str, Any]]:
        skip = {"context", "page", "per_page", "offset", "_fields", "_embed", "force"}
        if self.rng.random() < 0.9:
            # a route's own parameters again in the query (WordPress lets the query win): rarely
            skip |= {name for name, _, _ in template_params(endpoint.template)}
        names = [name for name in endpoint.args if name not in skip]
        chosen = self.rng.sample(names, min(count, len(names)))
        out = []
        for name in chosen:
            spec = endpoint.args[name] if isinstance(endpoint.args[name], dict) else {}
            out.append((name, self.value(name, spec, base, self.rng.random() < valid_share)))
        if self.rng.random() < 0.06:
            out.append(self.rng.choice(UNKNOWN_ARGS))
        return out

    def globals_for(self, template: str, endpoint: Endpoint, method: str) -> list[tuple[str, Any]]:
        rng = self.rng
        out: list[tuple[str, Any]] = []
        if "context" in endpoint.args and rng.random() < 0.55:
            out.append(("context", rng.choice(["view", "view", "embed", "edit", "edit", "nope"])))
        props = self.properties.get(template) or []
        if props and rng.random() < 0.14:
            chosen = rng.sample(props, min(len(props), rng.randint(1, 4)))
            extras = ["_links", "_embedded", "title.rendered", "meta.ref_rating", "nope"]
            if rng.random() < 0.4:
                chosen.append(rng.choice(extras))
            out.append(("_fields", ",".join(chosen)))
        if method == "GET" and rng.random() < 0.14:
            out.append(("_embed", rng.choice(["1", "1", "author", "wp:term,author", "replies"])))
        if rng.random() < 0.04:
            out.append(("_envelope", rng.choice(["1", ""])))
        if "page" in endpoint.args and rng.random() < 0.25:
            out.append(("page", rng.choice([1, 2, 3, 0, -1, 50, "x"])))
        if "per_page" in endpoint.args and rng.random() < 0.35:
            out.append(("per_page", rng.choice([1, 2, 3, 5, 10, 100, 101, 0, -1, "x"])))
        if "offset" in endpoint.args and rng.random() < 0.08:
            out.append(("offset", rng.choice([0, 1, 3, 100, -1])))
        return out

    # -- query encodings --------------------------------------------------------------------
    def encode_query(self, pairs: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
        out: list[tuple[str, Any]] = []
        for name, value in pairs:
            if isinstance(value, list):
                style = self.rng.random()
                if style < 0.6 or any(isinstance(v, dict | list) for v in value):
                    out.extend((f"{name}[]", _scalar(v)) for v in value)
                    if not value:
                        out.append((name, ""))
                elif style < 0.85 and all(not isinstance(v, Ref) for v in value):
                    out.append((name, ",".join(str(_scalar(v)) for v in value)))
                else:
                    out.extend((f"{name}[{i}]", _scalar(v)) for i, v in enumerate(value))
            elif isinstance(value, dict):
                out.extend((f"{name}[{k}]", _scalar(v)) for k, v in value.items())
                if not value:
                    out.append((name, ""))
            else:
                out.append((name, _scalar(value)))
        return out

    # -- requests -----------------------------------------------------------------------------
    def endpoints(self, template: str, method: str) -> Endpoint | None:
        for endpoint in self.routes.get(template, []):
            if method in endpoint.methods:
                return endpoint
        return None

    def via(self, method: str) -> str:
        # /?rest_route= only for reads: the reference nginx answers other methods on "/" itself
        # (405), before WordPress sees them
        if method not in ("GET", "HEAD"):
            return "wp-json"
        return "rest_route" if self.rng.random() < 0.05 else "wp-json"

    def read(self, template: str, method: str = "GET", caller: str | None = None) -> Request | None:
        endpoint = self.endpoints(template, "GET") or Endpoint(template, ["GET"], {})
        path = self.fill_path(template, method)
        if path is None:
            return None
        base = self.base_of(template)
        query: list[tuple[str, Any]] = []
        if method != "OPTIONS":
            count = self.rng.choice([0, 0, 1, 1, 2, 3])
            query = self.globals_for(template, endpoint, method) + self.args_for(
                endpoint, base, count
            )
        return Request(
            phase="read",
            caller=caller or self.caller(),
            method=method,
            path=path,
            route=template,
            query=self.encode_query(query),
            via=self.via(method),
        )

    def plan(self, count: int) -> list[Request]:
        reads = max(1, int(count * 0.55))
        out: list[Request] = []
        templates = [t for t in self.order if self.routes.get(t)]
        # every route and method once (reads now; writes in their phase)
        for template in templates:
            for method in self.methods_of(template):
                if method == "GET":
                    request = self.read(template)
                    if request:
                        out.append(request)
        weights = [self.weight(t) for t in templates]
        gettable = [t for t in templates if "GET" in self.methods_of(t)]
        get_weights = [self.weight(t) for t in gettable]
        while len(out) < reads:
            template = self.rng.choices(gettable, weights=get_weights)[0]
            roll = self.rng.random()
            method = "HEAD" if roll < 0.03 else "OPTIONS" if roll < 0.07 else "GET"
            request = self.read(template, method)
            if request:
                out.append(request)
        out.extend(self.scratch_objects())
        writable = [
            t
            for t in templates
            if any(m in self.methods_of(t) for m in ("POST", "PUT", "PATCH", "DELETE"))
            and not self.unsafe(t)
        ]
        for template in writable:  # every write route once
            for method in self.methods_of(template):
                if method in ("POST", "PUT", "PATCH", "DELETE"):
                    out.extend(self.write(template, method))
        write_weights = [self.weight(t) for t in writable]
        while len(out) < count:
            roll = self.rng.random()
            if roll < 0.25:
                template = self.rng.choices(templates, weights=weights)[0]
                request = self.read(template) if "GET" in self.methods_of(template) else None
                if request:
                    out.append(request)
                continue
            template = self.rng.choices(writable, weights=write_weights)[0]
            methods = [
                m for m in self.methods_of(template) if m in ("POST", "PUT", "PATCH", "DELETE")
            ]
            out.extend(self.write(template, self.rng.choice(methods)))
        return out[:count]

    def methods_of(self, template: str) -> list[str]:
        seen: list[str] = []
        for endpoint in self.routes.get(template, []):
            for method in endpoint.methods:
                if method not in seen:
                    seen.append(method)
        return seen

    def unsafe(self, template: str) -> bool:
        """Writes that would harm the machine or the run itself."""
        return template.startswith("/wp/v2/plugins")

    # -- the write phase --------------------------------------------------------------------
    def new_name(self, group: str) -> str:
        self.made += 1
        name = f"run.{group}.{self.made}"
        self.scratch.setdefault(group, []).append(name)
        return name

    def unique_date(self) -> str:
        # distinct dates keep lists in a defined order (WordPress sorts by date alone)
        self.dated += 1
        moment = datetime(2022, 1, 1, 8, 0, 0) + timedelta(minutes=37 * self.dated)
        return moment.strftime("%Y-%m-%dT%H:%M:%S")

    def scratch_objects(self) -> list[Request]:
        """Objects made for the write phase, by the admin, with valid values."""
        out = []
        for index in range(8):
            for group, base, body in (
                (
                    "post",
                    "posts",
                    {
                        "title": f"Scratch post {index}",
                        "content": self.rng.choice(TEXTS[:7]),
                        "status": ["publish", "draft", "pending", "private"][index % 4],
                        "author": Ref("user", ["arthur", "connie", "edith", "admin"][index % 4]),
                        "categories": [Ref("term", "cat.news")],
                    },
                ),
                (
                    "page",
                    "pages",
                    {"title": f"Scratch page {index}", "status": ["publish", "draft"][index % 2]},
                ),
                (
                    "comment",
                    "comments",
                    {
                        "post": Ref("post", "post.plain1"),
                        "content": f"Scratch comment {index}",
                        "author": Ref("user", ["sam", "arthur", "admin", "connie"][index % 4]),
                        "status": ["approved", "hold"][index % 2],
                    },
                ),
                ("cat", "categories", {"name": f"Scratch category {index}"}),
                ("tag", "tags", {"name": f"Scratch tag {index}"}),
            ):
                name = self.new_name(group)
                if group in ("post", "page", "comment"):
                    body["date"] = self.unique_date()
                out.append(
                    Request(
                        phase="write",
                        caller="administrator",
                        method="POST",
                        path=f"/wp/v2/{base}",
                        route=f"/wp/v2/{base}",
                        body={"json": body},
                        register=(GROUP_KINDS[group], name),
                    )
                )
        for index in range(4):
            name = self.new_name("user")
            out.append(
                Request(
                    phase="write",
                    caller="administrator",
                    method="POST",
                    path="/wp/v2/users",
                    route="/wp/v2/users",
                    body={
                        "json": {
                            "username": f"scratch{index}",
                            "email": f"scratch{index}@example.org",
                            "password": "scratch-pass-123",
                            "roles": [["author", "subscriber", "editor", "contributor"][index]],
                        }
                    },
                    register=("user", name),
                )
            )
            uuid_name = self.new_name("apppw")
            out.append(
                Request(
                    phase="write",
                    caller="administrator",
                    method="POST",
                    path="/wp/v2/users/" + Ref("user", name).as_text() + "/application-passwords",
                    route="/wp/v2/users/(?P<user_id>(?:[\\d]+|me))/application-passwords",
                    body={"json": {"name": f"scratch {index}"}},
                    register=("uuid", uuid_name),
                )
            )
        for index in range(3):
            name = self.new_name("media")
            from .seed import png, upload

            out.append(
                Request(
                    phase="write",
                    caller="administrator",
                    method="POST",
                    path="/wp/v2/media",
                    route="/wp/v2/media",
                    body=upload(f"scratch-{index}.png", "image/png", png(160, 120, (index, 9, 9))),
                    register=("post", name),
                )
            )
        return out

    def write(self, template: str, method: str) -> list[Request]:
        rng = self.rng
        base = self.base_of(template)
        caller = self.caller()
        if template == "/batch/v1":
            return [self.batch(caller)]
        if template == "/wp/v2/users/me" or (
            "(?P<user_id>" in template and "application-passwords" in template
        ):
            return self.user_self_write(template, method, caller)
        if template == "/wp/v2/settings":
            return [self.settings_write(caller)]
        group = BASE_GROUPS.get(base)
        is_item = "(?P<" in template
        path = self.fill_path(template, method, scratch=True)
        if path is None:
            return []
        endpoint = self.endpoints(template, method) or Endpoint(template, [method], {})
        query: list[tuple[str, Any]] = []
        body: dict[str, Any] | None = None
        register = None
        out: list[Request] = []
        if method == "DELETE":
            if base == "users" and is_item:
                query.append(("reassign", self.pick("user")))
            if rng.random() < 0.6:
                query.append(("force", rng.choice([True, True, "1", False, "nope"])))
            query += self.args_for(endpoint, base, rng.choice([0, 0, 1]), 0.8)
        elif base == "media" and not is_item:
            body = self.media_body()
            query = self.args_for(endpoint, base, rng.choice([0, 1, 2]), 0.8)
            if group:
                register = ("post", self.new_name("media"))
        else:
            fields = self.args_for(endpoint, base, rng.choice([1, 2, 3, 4, 5]), 0.8)
            fields = [(k, v) for k, v in fields if k not in ("id", "parent") or not is_item]
            # a date of its own keeps each new post in a defined place in lists (WordPress sorts
            # posts by date alone; comments have their ID as a tie-breaker, and wpapi lets only
            # moderators date a comment: see deliberate.toml)
            moderator = caller in ("administrator", "editor")
            dated = base in ("posts", "pages", "blocks", "media") or (
                base == "comments" and moderator
            )
            if not is_item and dated:
                fields.append(("date", self.unique_date()))
            if not is_item and base in ("users",):
                number = self.made + 1
                fields += [("username", f"made{number}"), ("email", f"made{number}@example.org")]
                fields.append(("password", "made-pass-123"))
            if not is_item and base in ("categories", "tags") and rng.random() < 0.8:
                fields.append(("name", rng.choice(["Made term", "News", "alpha", "Ünï made"])))
            if not is_item and group and group in GROUP_KINDS:
                register = (GROUP_KINDS[group], self.new_name(group))
            body, query = self.write_encoding(fields, query)
        request = Request(
            phase="write",
            caller=caller,
            method=method,
            path=path,
            route=template,
            query=self.encode_query(query),
            body=body,
            register=register,
            via=self.via(method),
        )
        if method in ("PUT", "PATCH", "DELETE") and rng.random() < 0.05:
            # the method-override forms WordPress accepts on a POST
            if rng.random() < 0.5:
                request.query.append(("_method", method))
            else:
                request.headers["X-HTTP-Method-Override"] = method
            request.method = "POST"
        out.append(request)
        if is_item and group and rng.random() < 0.5:
            follow = self.read(template, "GET", caller=rng.choice([caller, "administrator"]))
            if follow is not None:
                follow.path, follow.phase = path, "write"
                out.append(follow)
        return out

    def write_encoding(
        self, fields: list[tuple[str, Any]], query: list[tuple[str, Any]]
    ) -> tuple[dict[str, Any] | None, list[tuple[str, Any]]]:
        roll = self.rng.random()
        if roll < 0.78:
            return {"json": dict(fields)}, query
        if roll < 0.93:
            return {"form": self.encode_query(fields)}, query
        return None, query + fields

    def media_body(self) -> dict[str, Any]:
        from .seed import png, upload

        roll = self.rng.random()
        self.made += 1
        if roll < 0.6:
            return upload(f"made-{self.made % 5}.png", "image/png", png(40, 30, (1, 2, 3)))
        if roll < 0.75:
            return upload("made.txt", "text/plain", b"some text\n", multipart=True)
        if roll < 0.85:
            return upload("evil.php", "application/x-php", b"<?php echo 1;")
        return {"text": ""}

    def settings_write(self, caller: str) -> Request:
        rng = self.rng
        choices: list[tuple[str, Any]] = [
            ("title", rng.choice(["Difftest Site", "Renamed — “site”", "", 5])),
            ("description", rng.choice(["Tagline <b>bold</b>", ""])),
            ("posts_per_page", rng.choice([10, 5, 0, -3, "x"])),
            ("default_comment_status", rng.choice(["open", "closed", "maybe"])),
            ("default_ping_status", rng.choice(["open", "closed"])),
            ("default_post_format", rng.choice(["0", "aside", "nope"])),
            ("date_format", rng.choice(["F j, Y", "Y-m-d", ""])),
            ("time_format", rng.choice(["g:i a", "H:i"])),
            ("start_of_week", rng.choice([0, 1, 7, "x"])),
            ("use_smilies", rng.choice([True, False, "nope"])),
            ("default_category", self.pick("cat", True)),
            ("show_on_front", rng.choice(["posts", "page", "nope"])),
            ("page_on_front", self.pick("page")),
            ("page_for_posts", rng.choice([0, self.pick("page")])),
            ("nope", 1),
        ]
        fields = rng.sample(choices, rng.randint(1, 3))
        body, query = self.write_encoding(fields, [])
        return Request(
            phase="write",
            caller=caller,
            method=rng.choice(["POST", "PUT", "PATCH"]),
            path="/wp/v2/settings",
            route="/wp/v2/settings",
            query=self.encode_query(query),
            body=body,
        )

    def user_self_write(self, template: str, method: str, caller: str) -> list[Request]:
        """users/me and application passwords: never the caller's own account or password."""
        rng = self.rng
        if template == "/wp/v2/users/me":
            if method == "DELETE":
                query = [("reassign", self.pick("user"))] if rng.random() < 0.5 else []
                query.append(("force", rng.choice([False, "nope"])))
                body = None
            else:
                fields = [
                    ("description", rng.choice(TEXTS[:5])),
                    ("nickname", rng.choice(["Nick", "", "Ünï"])),
                    ("url", rng.choice(["https://me.example.org", "not a url"])),
                    ("meta", rng.choice([{"ref_team": "blue"}, {"ref_team": 5}, {"nope": 1}])),
                    ("first_name", rng.choice(["First", ""])),
                    ("locale", rng.choice(["en_US", "fr_FR", "nope"])),
                ]
                body, query = self.write_encoding(rng.sample(fields, rng.randint(1, 3)), [])
            return [
                Request(
                    phase="write",
                    caller=caller,
                    method=method,
                    path="/wp/v2/users/me",
                    route=template,
                    query=self.encode_query(query),
                    body=body,
                )
            ]
        # application passwords: on scratch users only (a caller's own would end its access)
        users = self.scratch.get("user") or ["nobody"]
        user_text = Ref("user", rng.choice(users)).as_text()
        prefix = f"/wp/v2/users/{user_text}/application-passwords"
        body = None
        register = None
        if template.endswith("/introspect"):
            path, method = prefix + "/introspect", "GET"
            if rng.random() < 0.5:
                path = "/wp/v2/users/me/application-passwords/introspect"
        elif template.endswith("application-passwords"):
            path = prefix
            if method == "POST":
                body = {"json": {"name": rng.choice(["made", "", "made"]), "app_id": "nope"}}
                if rng.random() < 0.7:
                    body["json"]["app_id"] = "9d5a2b1c-0e0f-4a5b-8c7d-6e5f4a3b2c1d"
                register = ("uuid", self.new_name("apppw"))
        else:
            uuid = Ref("uuid", rng.choice(self.scratch.get("apppw") or ["nobody"]))
            path = f"{prefix}/{uuid.as_text()}"
            if method in ("POST", "PUT", "PATCH"):
                body = {"json": {"name": rng.choice(["renamed", ""])}}
        return [
            Request(
                phase="write",
                caller=caller,
                method=method,
                path=path,
                route=template,
                body=body,
                register=register,
            )
        ]

    def batch(self, caller: str) -> Request:
        rng = self.rng
        requests = []
        for _ in range(rng.randint(1, 4)):
            roll = rng.random()
            if roll < 0.4:
                requests.append(
                    {
                        "method": "POST",
                        "path": "/wp/v2/tags",
                        "body": {"name": rng.choice(["batch tag", "alpha", ""])},
                    }
                )
            elif roll < 0.7:
                target = self.pick("post", True)
                path = "/wp/v2/posts/" + (
                    target.as_text() if isinstance(target, Ref) else str(target)
                )
                requests.append({"method": "PUT", "path": path, "body": {"title": "Batched"}})
            elif roll < 0.85:
                requests.append({"method": "GET", "path": "/wp/v2/posts"})
            else:
                requests.append({"method": "DELETE", "path": "/wp/v2/nope/1"})
        body: dict[str, Any] = {"requests": requests}
        if rng.random() < 0.3:
            body["validation"] = rng.choice(["require-all-validate", "normal", "nope"])
        return Request(
            phase="write",
            caller=caller,
            method="POST",
            path="/batch/v1",
            route="/batch/v1",
            body={"json": body},
        )


def _scalar(value: Any) -> Any:
    if isinstance(value, dict | list):
        return str(value)
    return value


__all__ = ["CALLERS", "Endpoint", "Generator", "match_route", "template_params"]
