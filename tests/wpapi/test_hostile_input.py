"""No input, however hostile, gets a 5xx: every route of the route table, as an anonymous
visitor and as an administrator, with NUL bytes, invalid UTF-8, deep nesting, oversized values,
many fields and odd headers, in query strings, JSON bodies and form bodies.

Each route's arguments come from the index, as a client would read them. A value that one
argument refuses would hide what another does with it, so the free-text arguments (the ones no
enum or format guards, which reach the database as they are) each get a request of their own.
"""

import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.test.client import BOUNDARY, encode_multipart
from PIL import Image

import wpapi.urls  # noqa: F401 - fills the route table
from content.models import Post, PostMeta
from tests.factories import (
    CommentFactory,
    PageFactory,
    PostFactory,
    RevisionFactory,
    TagFactory,
    TermFactory,
)
from users.services import application_password_create
from wpapi.routing import router

NUL = "a\x00b"
HUGE = "x" * 100_000  # past every column, MySQL's TEXT (65,535 bytes) and SQLite's LIKE limit
BIG_NUMBER = "99999999999999999999"
DEEP = 10_000
BAD_UTF8 = "%FF%FEa%C0%AF"  # bytes no UTF-8 decoder accepts
JSON, FORM = "application/json", "application/x-www-form-urlencoded"
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"
QUERY_METHODS = ("GET", "DELETE")
HOSTILE_HEADERS = {
    "HTTP_USER_AGENT": "agent\x00" + "u" * 5000 + "\xff\xfe",
    "HTTP_X_WP_NONCE": "\x00\xff",
    "HTTP_COOKIE": "sessionid=a\x00b; wordpress_logged_in=\xff",
    "HTTP_AUTHORIZATION": "Basic YQBiOmMAZA==",  # "a\0b:c\0d"
    "HTTP_ACCEPT_LANGUAGE": "\x00\xff",
    "HTTP_REFERER": "http://example.com/\x00\xff",
    "HTTP_ORIGIN": "http://ex\x00ample.com",
    "HTTP_X_FORWARDED_HOST": "ex\x00ample.com",
    "HTTP_X_FORWARDED_PROTO": "\x00",
    "HTTP_X_FORWARDED_FOR": "\x00, 999.1.1.1",
    "HTTP_CONTENT_DISPOSITION": 'attachment; filename="a\x00b\xff.png"',
    "HTTP_CONTENT_MD5": "\x00",
}


# --- the arguments a hostile value goes into -----------------------------------------------------
def types_of(schema: dict[str, Any]) -> list[str]:
    kind = schema.get("type")
    return kind if isinstance(kind, list) else [kind]


def is_free_text(schema: dict[str, Any]) -> bool:
    """Any text is valid for it (no enum, no format): it reaches the services as sent."""
    if "enum" in schema or "format" in schema:
        return False
    kinds, items = types_of(schema), schema.get("items")
    if "string" in kinds:
        return True
    if "array" in kinds and isinstance(items, dict):
        return is_free_text(items)
    return "object" in kinds and "raw" in schema.get("properties", {})


def shaped(schema: dict[str, Any], value: str) -> Any:
    """`value` in the argument's shape: a list for arrays, {"raw"} for rendered fields."""
    kinds = types_of(schema)
    if "string" in kinds:
        return value
    if "array" in kinds:
        return [value]
    if "object" in kinds and "raw" in schema.get("properties", {}):
        return {"raw": value}
    return value


def each_free_text(args: dict[str, Any], value: str) -> list[dict[str, Any]]:
    """One set of parameters per free-text argument (a route without any gets `search`)."""
    chosen = [{name: shaped(arg, value)} for name, arg in args.items() if is_free_text(arg)]
    return chosen or [{"search": value}]


def every_arg(args: dict[str, Any], value: str) -> dict[str, Any]:
    return {name: shaped(arg, value) for name, arg in args.items()} or {"search": value}


def each_number(args: dict[str, Any]) -> list[dict[str, Any]]:
    """One set of parameters per integer argument (IDs, page, per_page, offset...)."""
    found = [
        {name: BIG_NUMBER}
        for name, arg in args.items()
        if "integer" in types_of(arg) or "integer" in types_of(arg.get("items") or {})
    ]
    return found or [{"page": BIG_NUMBER}]


def php_query(params: dict[str, Any]) -> str:
    parts = []
    for name, value in params.items():
        if isinstance(value, list):
            parts += [f"{quote(name)}[]={quote(str(item))}" for item in value]
        elif isinstance(value, dict):
            parts += [f"{quote(name)}[{quote(k)}]={quote(str(v))}" for k, v in value.items()]
        else:
            parts.append(f"{quote(name)}={quote(str(value))}")
    return "&".join(parts)


def deep_keys(args: dict[str, Any]) -> str:
    return "&".join(name + "[a]" * DEEP + "=1" for name in every_arg(args, ""))


def raw_values(args: dict[str, Any], raw: str) -> str:
    return "&".join(f"{quote(name)}={raw}" for name in every_arg(args, ""))


def many_fields() -> str:
    return "&".join(f"f{n}=1" for n in range(3000))


# --- the hostile classes: each gives the requests (keyword arguments) to send -------------------
Request = dict[str, Any]


def in_query(*queries: str) -> list[Request]:
    return [{"query": text} for text in queries]


def in_body(content_type: str, *bodies: bytes | str) -> list[Request]:
    return [
        {"data": body.encode() if isinstance(body, str) else body, "content_type": content_type}
        for body in bodies
    ]


def as_json(params: Any) -> bytes:
    return json.dumps(params).encode()


def multipart(params: dict[str, Any]) -> bytes:
    fields = {}
    for pair in php_query(params).split("&"):
        name, value = pair.split("=", 1)
        fields[unquote(name)] = unquote(value)
    return encode_multipart(BOUNDARY, fields)


def one_by_one(requests: list[Request]) -> list[Request]:
    """Requests putting the value in one argument each: sent as the administrator only (an
    anonymous request stops at the same validation whichever argument holds the value)."""
    return [{**request, "administrator_only": True} for request in requests]


QUERY_CLASSES: dict[str, Callable[[dict[str, Any]], list[Request]]] = {
    "nul": lambda args: [
        *in_query(php_query(every_arg(args, NUL))),
        *one_by_one(in_query(*(php_query(p) for p in each_free_text(args, NUL)))),
    ],
    "invalid-utf8": lambda args: in_query(raw_values(args, BAD_UTF8)),
    "deep-keys": lambda args: in_query(deep_keys(args)),
    "huge-values": lambda args: one_by_one(
        in_query(*(php_query(p) for p in each_free_text(args, HUGE)))
    ),
    "many-fields": lambda args: in_query(many_fields()),
    "headers": lambda args: [{"query": "", "headers": HOSTILE_HEADERS}],
}
BODY_CLASSES: dict[str, Callable[[dict[str, Any]], list[Request]]] = {
    "json-nul": lambda args: [
        *in_body(JSON, as_json(every_arg(args, NUL))),
        *one_by_one(in_body(JSON, *(as_json(p) for p in each_free_text(args, NUL)))),
    ],
    "form-nul": lambda args: one_by_one(
        in_body(FORM, *(php_query(p) for p in each_free_text(args, NUL)))
    ),
    "multipart-nul": lambda args: one_by_one(
        in_body(MULTIPART, *(multipart(p) for p in each_free_text(args, NUL)))
    ),
    "json-invalid-utf8": lambda args: in_body(JSON, b'{"title": "a\xff\xfeb"}'),
    "json-lone-surrogate": lambda args: in_body(JSON, as_json(every_arg(args, "\ud800"))),
    "json-deep": lambda args: in_body(JSON, b'{"title":' * DEEP + b'"x"' + b"}" * DEEP),
    "form-invalid-utf8": lambda args: in_body(FORM, raw_values(args, BAD_UTF8)),
    "form-deep-keys": lambda args: in_body(FORM, deep_keys(args)),
    "json-huge-values": lambda args: one_by_one(
        in_body(JSON, *(as_json(p) for p in each_free_text(args, HUGE)))
    ),
    "form-many-fields": lambda args: in_body(FORM, many_fields()),
    "headers": lambda args: [{"data": b"{}", "content_type": JSON, "headers": HOSTILE_HEADERS}],
}
#: WordPress answers these with rest_invalid_json (json_decode() fails) on every route
INVALID_JSON = {"json-invalid-utf8", "json-lone-surrogate", "json-deep"}


def route_methods() -> list[tuple[str, str]]:
    """(route pattern, method) for every route, one method per action (PUT and PATCH run
    POST's update)."""
    found = []
    for route in router.routes:
        actions_seen = set()
        for method, action in route.actions.items():
            if action not in actions_seen:
                actions_seen.add(action)
                found.append((route.pattern, method))
    return found


ROUTE_METHODS = route_methods()  # the real table (tests here add a route of their own later)


# --- real objects for the routes' IDs ------------------------------------------------------------
def tiny_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (10, 120, 200)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def ids(settings, tmp_path, admin_user) -> dict[str, Any]:
    """An object behind every route: {collection or "<collection>/<sub>": ID}."""
    settings.MEDIA_ROOT = str(tmp_path / "uploads")
    post = PostFactory(author=admin_user)
    page = PageFactory(author=admin_user)
    block = PostFactory(type="wp_block", author=admin_user, slug="block")
    found: dict[str, Any] = {"posts": post.pk, "pages": page.pk, "blocks": block.pk}
    for base, parent in (("posts", post), ("pages", page), ("blocks", block)):
        found[f"{base}/revisions"] = RevisionFactory(parent=parent, author=admin_user).pk
        found[f"{base}/autosaves"] = RevisionFactory(
            parent=parent, author=admin_user, slug=f"{parent.pk}-autosave-v1"
        ).pk
        found[f"{base}/meta"] = PostMeta.objects.create(post=parent, key="field", value="v").pk
    name = storages["default"].save("2024/01/pic.png", ContentFile(tiny_png()))
    found["media"] = PostFactory(
        type="attachment",
        status="inherit",
        mime_type="image/png",
        author=admin_user,
        slug="pic",
        file=name,
        media_details={"width": 20, "height": 20, "file": name, "sizes": {}},
    ).pk
    found["comments"] = CommentFactory(post=post).pk
    found["categories"] = TermFactory().pk
    found["tags"] = TagFactory().pk
    found["users"] = admin_user.pk
    password, _plain = application_password_create(user=admin_user, name="hostile")
    found["uuid"] = str(password.uuid)
    return found


def concrete(pattern: str, ids: dict[str, Any]) -> str:
    """The route's regex with each group replaced by the ID of a real object."""
    # a block's full name holds a slash of its own
    pattern = pattern.replace("(?P<name>[a-z0-9-]+/[a-z0-9-]+)", "core/archives")
    segments = pattern.split("/")
    constants = {"type": "post", "status": "publish", "taxonomy": "category", "uuid": ids["uuid"]}
    constants.update(user_id=ids["users"], namespace="core", name="archives")
    out = []
    for index, segment in enumerate(segments):
        group = re.match(r"^\(\?P<(\w+)>", segment)
        if not group:
            out.append(segment)
        elif group.group(1) in constants:
            out.append(str(constants[group.group(1)]))
        elif segments[index - 1] in ("revisions", "autosaves", "meta"):
            out.append(str(ids.get(f"{segments[index - 3]}/{segments[index - 1]}", 999999)))
        else:  # a resource without an object here still gets a well-formed ID
            out.append(str(ids.get(segments[index - 1], 999999)))
    return "/wp-json" + "/".join(out)


_INDEX_ROUTES: dict[str, Any] = {}


@pytest.fixture
def endpoint_args(api_client, admin_user) -> Callable[[str, str], dict[str, Any]]:
    """Each route's arguments for a method, as the index publishes them (read once)."""
    if not _INDEX_ROUTES:
        api_client.force_authenticate(admin_user)
        _INDEX_ROUTES.update(api_client.get("/wp-json/").json()["routes"])
        api_client.force_authenticate(None)

    def args(pattern: str, method: str) -> dict[str, Any]:
        for endpoint in _INDEX_ROUTES.get(pattern, {}).get("endpoints", []):
            if method in endpoint["methods"]:
                return endpoint.get("args") or {}
        return {}

    return args


def stored_files(root: str) -> list[str]:
    return sorted(str(path) for path in Path(root).rglob("*") if path.is_file())


def is_wordpress_not_implemented(response: Any) -> bool:
    """WordPress's own 501 for deleting without force what has no trash (media, terms, users,
    revisions): a documented answer of the API, not a failure."""
    return response.status_code == 501 and response.json()["code"] == "rest_trash_not_supported"


def send(api_client: Any, method: str, path: str, request: Request, user: Any) -> Any:
    api_client.force_authenticate(user)
    query = request.get("query", "")
    return api_client.generic(
        method,
        f"{path}?{query}" if query else path,
        request.get("data", b""),
        content_type=request.get("content_type", JSON),
        **request.get("headers", {}),
    )


def is_server_error(response: Any) -> bool:
    return response.status_code >= 500 and not is_wordpress_not_implemented(response)


@pytest.mark.parametrize(
    ("pattern", "method"), [pytest.param(*case, id=" ".join(case[::-1])) for case in ROUTE_METHODS]
)
def test_no_hostile_input_gets_a_5xx(
    api_client, admin_user, ids, settings, endpoint_args, pattern, method
):
    path = concrete(pattern, ids)
    files_before = stored_files(settings.MEDIA_ROOT)
    attachments_before = Post.objects.filter(type="attachment").count()
    classes = QUERY_CLASSES if method in QUERY_METHODS else BODY_CLASSES
    for hostile, build in classes.items():
        for request in build(endpoint_args(pattern, method)):
            users = [admin_user] if request.get("administrator_only") else [None, admin_user]
            for user in users:
                response = send(api_client, method, path, request, user)
                seen = (hostile, user and "administrator", response.status_code)
                seen += (request.get("query", "")[:100], request.get("data", b"")[:100])
                seen += (response.content[:300],)
                assert not is_server_error(response), seen
                assert response["Content-Type"].startswith("application/json"), seen
                if hostile in INVALID_JSON:
                    assert response.json()["code"] == "rest_invalid_json", seen
    if pattern == "/wp/v2/media" and method == "POST":  # nothing was uploaded: nothing is left
        assert stored_files(settings.MEDIA_ROOT) == files_before
        assert Post.objects.filter(type="attachment").count() == attachments_before


@pytest.mark.django_db(transaction=True)  # on PostgreSQL a refused query would end the test's
def test_out_of_range_numbers_get_no_5xx(api_client, admin_user, ids, endpoint_args):
    """Every integer argument of every route, one at a time, past 64 bits."""
    failures = []
    for pattern, method in ROUTE_METHODS:
        path = concrete(pattern, ids)
        for params in each_number(endpoint_args(pattern, method)):
            if method in QUERY_METHODS:
                request = {"query": php_query(params)}
            else:
                body = as_json(params).replace(f'"{BIG_NUMBER}"'.encode(), BIG_NUMBER.encode())
                request = {"data": body, "content_type": JSON}
            for user in (None, admin_user):
                if is_server_error(send(api_client, method, path, request, user)):
                    failures.append(f"{method} {pattern} {next(iter(params))}")
    assert not failures, sorted(set(failures))
