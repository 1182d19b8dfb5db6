"""Comparing two answers to the same request: masks, the structural diff, deliberate differences.

An answer is compared on its status, its error `code`, the headers clients read and its whole
JSON body, once both sides are in canonical form (idmap.Translator). Object keys are compared as
sets (JSON objects have no order); lists element by element; an integer and a float of the same
value are equal (as in JavaScript); anything else must be equal as JSON.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from .idmap import Pairing, Unmapped

HEADERS = ("x-wp-total", "x-wp-totalpages", "link", "allow", "location", "content-type")


@dataclass(frozen=True)
class Mask:
    name: str
    reason: str


# The whole list of masks: anything not listed here is compared as answered.
MASKS = (
    Mask(
        "now",
        "A date-time that falls inside the side's own run window (from its reset to its last "
        "answer) reads <now>: modified dates of objects written during the run, revision and "
        "autosave dates, registration and application-password times, objects made without an "
        "explicit date. Every date the tester sets is years away from the run.",
    ),
    Mask(
        "measured-time",
        "Site health's page-cache test reports how long the site took to answer three requests "
        'to its home page ("response time was N milliseconds"): N reads <ms>.',
    ),
    Mask(
        "measured-size",
        "Site health's directory-sizes answer reports the database's size on disk, which the "
        "storage engine decides (two identical WordPress databases differ): database_size and "
        "total_size read <size>.",
    ),
    Mask(
        "order-ties",
        "WordPress sorts posts, terms and users by one key (date by default, name for terms and "
        "users, or the orderby given: author, parent, title, menu_order, count, ...) and leaves "
        "the order of items with equal keys to the database, even between two runs of "
        "WordPress. Items with equal keys are put in ID order on both sides before comparing; "
        "when the answer does not show the key (orderby=term_group), the whole list is.",
    ),
    Mask(
        "nonce",
        "A preview link holds a nonce made for the user and the time "
        "(preview_nonce=...): it reads <nonce>.",
    ),
    Mask(
        "application-password",
        "The password in the answer that creates an application password is random (24 "
        "characters); it reads <secret>.",
    ),
)

DATE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$")
# a local time may be in any timezone the run sets (settings.timezone): hours of slack
LOCAL_SLACK = timedelta(hours=15)


@dataclass(frozen=True)
class Window:
    start: datetime
    end: datetime

    def holds(self, text: str) -> bool:
        match = DATE_RE.match(text)
        if not match:
            return False
        try:
            moment = datetime.fromisoformat(f"{match[1]}T{match[2]}{match[4] or ''}")
        except ValueError:
            return False
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
            return self.start - LOCAL_SLACK <= moment <= self.end + LOCAL_SLACK
        return self.start - timedelta(seconds=2) <= moment <= self.end + timedelta(seconds=2)

    def to_json(self) -> list[str]:
        return [self.start.isoformat(), self.end.isoformat()]

    @classmethod
    def from_json(cls, saved: list[str]) -> Window:
        return cls(datetime.fromisoformat(saved[0]), datetime.fromisoformat(saved[1]))


MEASURED_RE = re.compile(r"(response time was )\d+( milliseconds)")
NONCE_RE = re.compile(r"((?:preview_nonce|_wpnonce)=)[0-9a-f]+")


def apply_masks(value: Any, window: Window, route: str) -> Any:
    """One side's body with the masks applied (before any translation)."""
    value = _masked(value, window, "application-passwords" in route)
    if route == "/wp-site-health/v1/directory-sizes" and isinstance(value, dict):
        for key in ("database_size", "total_size"):
            if isinstance(value.get(key), dict):
                value[key] = {name: "<size>" for name in value[key]}
    return value


def _masked(value: Any, window: Window, app_passwords: bool) -> Any:
    if isinstance(value, str):
        if window.holds(value):
            return "<now>"
        if "milliseconds" in value:
            value = MEASURED_RE.sub(r"\1<ms>\2", value)
        if "nonce=" in value:
            value = NONCE_RE.sub(r"\1<nonce>", value)
        return value
    if isinstance(value, list):
        return [_masked(item, window, app_passwords) for item in value]
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            secret = key == "password" and "uuid" in value and isinstance(item, str) and item
            if app_passwords and secret:
                out[key] = "<secret>"
            else:
                out[key] = _masked(item, window, app_passwords)
        return out
    return value


# How WordPress sorts each collection (orderby value -> the field that holds the sort key, ""
# when the answer does not show it), where it leaves the order of equal keys to the database.
# Comments are missing on purpose: WP_Comment_Query adds the comment ID as a tie-breaker.
TIED_ORDERS: dict[str, dict[str, str]] = {
    "posts": {
        "": "date",  # the default order
        "date": "date",
        "author": "author",
        "modified": "modified",
        "parent": "parent",
        "title": "title.rendered",
        "menu_order": "menu_order",
    },
    "comments": {"post": "post", "parent": "parent", "type": "type"},
    "terms": {
        "": "name",
        "name": "name",
        "term_group": "",
        "count": "count",
        "description": "description",
    },
    "users": {"": "name", "name": "name", "registered_date": "registered_date", "url": "url"},
}
TERM_BASES = ("categories", "tags")
POST_BASES = ("posts", "pages", "media", "blocks")


def tied_order(route: str, query: list[tuple[str, Any]]) -> str | None:
    """The field a collection request sorts by when equal keys may come in any order ("" when
    the answer does not show it), else None."""
    match = re.match(r"^/wp/v2/([\w-]+)$", route)
    if not match:
        return None
    base = match[1]
    group = "terms" if base in TERM_BASES else "posts" if base in POST_BASES else base
    orderby = next((str(value) for name, value in query if name == "orderby"), "")
    return TIED_ORDERS.get(group, {}).get(orderby)


def _id_key(item: Any) -> tuple[int, str]:
    value = item.get("id") if isinstance(item, dict) else None
    if isinstance(value, int) and not isinstance(value, bool):
        return (0, f"{value:012d}")
    return (1, "")


def _field(item: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(item, dict) or part not in item:
            return _ABSENT
        item = item[part]
    return item


_ABSENT = object()


def by_id(items: list[Any], key: str = "") -> list[Any]:
    """Items that share a sort key put in ID order; without the key, the whole list."""
    if not key or any(_field(item, key) is _ABSENT for item in items):
        return sorted(items, key=_id_key)
    out: list[Any] = []
    run: list[Any] = []
    for item in items:
        if run and _field(item, key) != _field(run[0], key):
            out.extend(sorted(run, key=_id_key))
            run = []
        run.append(item)
    out.extend(sorted(run, key=_id_key))
    return out


@dataclass
class Difference:
    where: str  # "status", "code", "header:<name>", "body"
    path: str  # in the body: ".title.rendered", "[2].id"; "" otherwise
    kind: str  # "value", "type", "missing", "extra", "length", or "200->404" for status/code
    a: Any = None
    b: Any = None

    def signature(self, route: str) -> str:
        place = self.where if not self.path else f"{self.where}{general_path(self.path)}"
        return f"{route} | {place} | {self.kind}"


def general_path(path: str) -> str:
    """List positions do not matter to a signature: [3] -> []."""
    return re.sub(r"\[\d+\]", "[]", path)


def json_type(value: Any) -> str:
    if isinstance(value, Unmapped):
        return "string" if value.kind == "uuid" else "integer"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def diff_values(a: Any, b: Any, pairing: Pairing, path: str = "") -> list[Difference]:
    out: list[Difference] = []
    _diff(a, b, pairing, path, out)
    return out


def _diff(a: Any, b: Any, pairing: Pairing, path: str, out: list[Difference]) -> None:
    if isinstance(a, Unmapped) or isinstance(b, Unmapped):
        both = isinstance(a, Unmapped) and isinstance(b, Unmapped)
        if both and a.kind == b.kind and pairing.same(a.kind, a.value, b.value):
            return
        out.append(Difference("body", path, "value", a, b))
        return
    ta, tb = json_type(a), json_type(b)
    if ta != tb:
        out.append(Difference("body", path, "type", a, b))
        return
    if ta == "object":
        for key in a:
            if key not in b:
                out.append(Difference("body", f"{path}.{key}", "missing", a[key], None))
            else:
                _diff(a[key], b[key], pairing, f"{path}.{key}", out)
        for key in b:
            if key not in a:
                out.append(Difference("body", f"{path}.{key}", "extra", None, b[key]))
        return
    if ta == "array":
        if len(a) != len(b):
            out.append(Difference("body", path, "length", a, b))
            return
        for index, (item_a, item_b) in enumerate(zip(a, b, strict=True)):
            _diff(item_a, item_b, pairing, f"{path}[{index}]", out)
        return
    if ta == "string":
        if a != b and not pairing.same_text(a, b):
            out.append(Difference("body", path, "value", a, b))
        return
    if a != b:
        out.append(Difference("body", path, "value", a, b))


def error_code(body: Any) -> str | None:
    if isinstance(body, dict) and isinstance(body.get("code"), str) and "message" in body:
        return body["code"]
    return None


def compare_answers(a: dict[str, Any], b: dict[str, Any], pairing: Pairing) -> list[Difference]:
    """`a` and `b` are canonical answers: {"status", "headers", "body", "is_json"}."""
    out: list[Difference] = []
    if a["status"] != b["status"]:
        out.append(Difference("status", "", f"{a['status']}->{b['status']}", a["status"]))
    code_a = error_code(a["body"]) if a["is_json"] else None
    code_b = error_code(b["body"]) if b["is_json"] else None
    if code_a != code_b:
        out.append(Difference("code", "", f"{code_a}->{code_b}", code_a, code_b))
    if out:
        return out  # a different outcome: the rest would only repeat it
    for name in HEADERS:
        value_a, value_b = a["headers"].get(name), b["headers"].get(name)
        if value_a == value_b:
            continue
        paired = name in ("link", "location") and value_a and value_b
        if paired and pairing.same_text(value_a, value_b):
            continue
        kind = "missing" if value_b is None else "extra" if value_a is None else "value"
        out.append(Difference(f"header:{name}", "", kind, value_a, value_b))
    if a["is_json"] and b["is_json"]:
        out.extend(diff_values(a["body"], b["body"], pairing))
    elif a["is_json"] != b["is_json"]:
        out.append(Difference("body", "", "json->not json" if a["is_json"] else "not json->json"))
    elif a["body"] != b["body"]:
        out.append(Difference("body", "", "value", a["body"], b["body"]))
    return out


@dataclass
class Deliberate:
    """A difference wpapi makes on purpose (deliberate.toml): not counted as a failure."""

    name: str
    reason: str
    route: re.Pattern[str]
    where: re.Pattern[str] | None = None
    path: re.Pattern[str] | None = None
    kind: re.Pattern[str] | None = None
    request: re.Pattern[str] | None = None
    count: int = field(default=0)

    def matches(self, route: str, difference: Difference, request: str = "") -> bool:
        if not self.route.fullmatch(route):
            return False
        if self.request and not self.request.search(request):
            return False
        if self.where and not self.where.fullmatch(difference.where):
            return False
        if self.path:
            path = general_path(difference.path)
            inside = path[len(".body") :] if path.startswith(".body.") else path  # _envelope
            if not (self.path.search(path) or self.path.search(inside)):
                return False
        return not (self.kind and not self.kind.fullmatch(difference.kind))


def load_deliberate(path: Path) -> list[Deliberate]:
    if not path.exists():
        return []
    rules = []
    for entry in tomllib.loads(path.read_text()).get("difference", []):

        def rx(key: str, entry: dict[str, Any] = entry) -> re.Pattern[str] | None:
            return re.compile(entry[key]) if key in entry else None

        route = rx("route")
        if route is None or not entry.get("reason"):
            raise ValueError(f"{path}: every [[difference]] needs a route and a reason: {entry}")
        rules.append(
            Deliberate(
                entry.get("name", entry["route"]),
                entry["reason"],
                route,
                rx("where"),
                rx("path"),
                rx("kind"),
                rx("request"),
            )
        )
    return rules


def classify(
    route: str, differences: list[Difference], rules: list[Deliberate], request: str = ""
) -> tuple[str, list[Difference]]:
    """("identical" | "deliberate" | "divergent", the differences no rule explains).
    `request` is the request as planned: path, query and body as JSON (for rules that hold
    for some requests only)."""
    if not differences:
        return "identical", []
    left = []
    used = set()
    for difference in differences:
        rule = next((r for r in rules if r.matches(route, difference, request)), None)
        if rule is None:
            left.append(difference)
        else:
            used.add(id(rule))
    for rule in rules:
        if id(rule) in used:
            rule.count += 1
    return ("deliberate" if not left else "divergent"), left


def trimmed(value: Any, limit: int = 400) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 3] + "..."
