"""An OpenAPI 3.1 description of the API, generated from the route table (wpapi.routing).

Each route's methods become operations; their WordPress arguments become query parameters
(GET, DELETE) or a JSON request body (POST, PUT, PATCH); the resource's item schema (what
OPTIONS shows) becomes the success response, and WordPress's error body every other one. Served
at `/openapi.json` and written by `manage.py openapi`.

WordPress's schemas are JSON Schema draft 4 with its own additions; they are translated, not
copied: `readonly` → `readOnly`, `context` → `x-wp-context`, a property's `required: true` →
its object's `required` list (request bodies only: responses leave out fields by context and
`_fields`), `exclusiveMinimum: true` → a number, PHP's empty `properties: []` → `{}`, an enum
written as a PHP array with keys → its values. Where WordPress's answers are looser than its
schemas (they are written for input), the response schemas say what is really sent:
- its dates (`date`, `modified`, ...) have no UTC offset: a pattern, not `format: date-time`
  (requests take RFC 3339 and offset-less dates alike);
- PHP sends an empty object as `[]`: every nested object may also be an empty array;
- `uri`, `email` and `uuid` fields may be empty strings (`author_url`, `app_id`): the format is
  kept as `x-wp-format`; a property whose default is null may be null (settings not set);
  the few fields answered otherwise than their schema says are listed (RESPONSE_QUIRKS);
- enums of writable fields list what may be written; answers can hold values WordPress sets
  itself (an attachment's status is `inherit`): kept as `x-wp-enum`.
In requests:
- arguments that take an array or an object (`categories`, `tags`) are described as the
  (non-empty) array form, which is what a query string carries; formats of WordPress's own
  (`hex-color`, `text-field`) become patterns or annotations;
- `_fields`, `_embed`, `_envelope`, `_method` and `_jsonp` apply to every route and reshape
  answers; they are described once, in `info.description`, not on each operation.
"""

import copy
import re
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from wpapi.errors import error_response, no_route
from wpapi.links import site_url as site_url_of
from wpapi.renderers import dumps
from wpapi.routing import METHOD_ORDER, Route, router
from wpapi.schema import public_args

WP_DATE = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})?$"
LOOSE_IN_RESPONSES = {"uri", "email", "uuid"}
# Fields whose answers WordPress's schema does not describe: (end of the schema's title, field)
# → "null" (may be null) or "open" (its enum is a list of examples).
RESPONSE_QUIRKS = {
    ("attachment", "post"): "null",  # a file attached to no post
    ("-revision", "date"): "null",  # the revision or autosave of a draft whose date floats
    ("-revision", "date_gmt"): "null",
    ("search-result", "type"): "open",  # a term's result names its taxonomy (post_tag)
}
HEX_COLOR = r"^#([A-Fa-f0-9]{3}){1,2}$"
KNOWN_FORMATS = {"date-time", "email", "uri", "uuid", "ipv4", "ipv6"}
BODY_METHODS = ("POST", "PUT", "PATCH")
GROUP = re.compile(r"\(\?P<(?P<name>\w+)>")
DESCRIPTION = (
    "A WordPress 6.1 compatible REST API (wp/v2). Every route also takes `_fields` (a comma-"
    "separated list of fields to keep), `_embed` (embed linked resources under `_embedded`), "
    "`_envelope` (answer 200 with `{body, status, headers}`), `_method` / "
    "`X-HTTP-Method-Override` (use another method) and `?rest_route=` instead of `/wp-json`. "
    "Authentication: application passwords over HTTP Basic, or the login cookie with an "
    "`X-WP-Nonce` header."
)

ERROR_SCHEMA = {
    "type": "object",
    "description": "WordPress's error body (WP_Error).",
    "required": ["code", "message", "data"],
    "properties": {
        "code": {"type": "string"},
        "message": {"type": "string"},
        "data": {
            "type": ["object", "null"],
            "properties": {
                "status": {"type": "integer"},
                # {name: message}, or the names of missing parameters
                "params": {"type": ["object", "array"]},
                "details": {"type": ["object", "array"]},  # PHP sends an empty one as []
            },
        },
        "additional_data": {"type": "array"},
    },
}


# --- JSON Schema: WordPress's dialect → OpenAPI 3.1's --------------------------------------------
def convert_schema(schema: Any, *, response: bool, root: bool = False) -> Any:
    """A WordPress schema (or argument) as OpenAPI 3.1 JSON Schema."""
    if not isinstance(schema, dict):
        return schema
    out = _convert_keywords(schema, response=response)
    if response:
        _loosen_for_responses(out, schema, root=root)
    if "type" in out and isinstance(out["type"], list) and len(out["type"]) == 1:
        out["type"] = out["type"][0]
    return out


def _types(schema: dict[str, Any]) -> list[str]:
    kind = schema.get("type")
    return list(kind) if isinstance(kind, list) else [kind] if kind else []


def _loosen_for_responses(out: dict[str, Any], schema: dict[str, Any], *, root: bool) -> None:
    types = _types(out)
    if "object" in types and "array" not in types and not root:
        out["type"], out["maxItems"] = [*types, "array"], 0  # PHP's empty array: []
    if "default" in schema and schema["default"] is None and types and "null" not in types:
        out["type"] = [*_types(out), "null"]
    if "enum" in out and not schema.get("readonly"):
        out["x-wp-enum"] = out.pop("enum")


def _convert_keywords(schema: dict[str, Any], *, response: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key in ("arg_options", "required", "validate_callback", "sanitize_callback"):
            continue
        if key == "readonly":
            out["readOnly"] = bool(value)
        elif key == "context":
            out["x-wp-context"] = value
        elif key in ("properties", "patternProperties"):
            props = value if isinstance(value, dict) else {}  # PHP's [] is an empty object
            out[key] = {name: convert_schema(sub, response=response) for name, sub in props.items()}
            required = [
                name for name, sub in props.items() if isinstance(sub, dict) and sub.get("required")
            ]
            if required and not response:
                out["required"] = required
        elif key == "items" or (key == "additionalProperties" and isinstance(value, dict)):
            out[key] = convert_schema(value, response=response)
        elif key in ("anyOf", "oneOf"):
            out[key] = [convert_schema(sub, response=response) for sub in value]
        elif key == "enum" and isinstance(value, dict):
            out[key] = list(value.values())  # a PHP array with keys: its values
        elif key == "format":
            _convert_format(out, value, schema, response=response)
        elif key in ("exclusiveMinimum", "exclusiveMaximum") and isinstance(value, bool):
            bound = "minimum" if key == "exclusiveMinimum" else "maximum"
            if value and bound in schema:
                out[key] = schema[bound]
        elif key in ("minimum", "maximum") and schema.get(f"exclusive{key[:3].title()}imum"):
            continue  # became the exclusive bound
        else:
            out[key] = copy.deepcopy(value)
    return out


def _convert_format(out: dict[str, Any], value: str, schema: dict, *, response: bool) -> None:
    if value == "date-time" and response:
        out["pattern"] = WP_DATE  # WordPress's dates carry no offset
        out["x-wp-format"] = value
    elif value == "hex-color":
        out["pattern"] = HEX_COLOR
    elif value == "ip":
        out["x-wp-format"] = value  # either IPv4 or IPv6
    elif value in LOOSE_IN_RESPONSES and response:
        out["x-wp-format"] = value  # WordPress answers "" when there is none
    elif value in KNOWN_FORMATS:
        out["format"] = value
    else:
        out["x-wp-format"] = value  # text-field, textarea-field: sanitizers, not checks


def _query_schema(arg: dict[str, Any]) -> dict[str, Any]:
    """An argument as a query string carries it: no null, the array form of array|object."""
    schema = convert_schema(arg, response=False)
    types = schema.get("type")
    if isinstance(types, list):
        types = [kind for kind in types if kind != "null"]
        if "array" in types and "object" in types:
            array = next(
                (sub for sub in schema.get("oneOf", schema.get("anyOf", [])) if _is_array(sub)),
                {"type": "array", "items": schema.get("items", {})},
            )
            kept = {k: v for k, v in schema.items() if k in ("description", "default")}
            if isinstance(kept.get("default"), dict):
                kept.pop("default")
            # an empty list would also be an empty object: WordPress refuses it as ambiguous
            return {**kept, **array, "minItems": 1}
        schema["type"] = types[0] if len(types) == 1 else types
    return schema


def _is_array(schema: Any) -> bool:
    return isinstance(schema, dict) and schema.get("type") == "array"


# --- routes → paths -------------------------------------------------------------------------------
def _split_groups(pattern: str) -> list[tuple[str, str, str]]:
    """[(text before, name, regex)] for each named group, then ("rest", "", "")."""
    parts, position = [], 0
    for found in GROUP.finditer(pattern):
        if found.start() < position:
            continue
        depth, index = 1, found.end()
        while index < len(pattern) and depth:
            if pattern[index] == "\\":
                index += 2
                continue
            depth += {"(": 1, ")": -1}.get(pattern[index], 0)
            index += 1
        parts.append(
            (pattern[position : found.start()], found["name"], pattern[found.end() : index - 1])
        )
        position = index
    parts.append((pattern[position:], "", ""))
    return parts


def path_and_parameters(route: Route) -> tuple[str, list[dict[str, Any]]]:
    path, parameters = "/wp-json", []
    for text, name, regex in _split_groups(route.pattern):
        path += text.replace("\\", "")
        if not name:
            continue
        path += "{" + name + "}"
        if regex in (r"[\d]+", r"\d+"):
            schema: dict[str, Any] = {"type": "integer", "minimum": 0}
        else:
            schema = {"type": "string", "pattern": f"^{regex}$"}
        parameters.append({"name": name, "in": "path", "required": True, "schema": schema})
    if path == "/wp-json/":
        return path, parameters
    return path.rstrip("/") or "/wp-json/", parameters


def _viewset_for(route: Route, request: Any) -> Any:
    viewset = route.viewset(route=route, request=request, base_route=route.collection_route())
    viewset.format_kwarg = None
    viewset.kwargs = {}
    return viewset


def _item_schema(viewset: Any) -> dict[str, Any] | None:
    serializer = viewset.get_serializer_class() if viewset.serializer_class is not None else None
    if serializer is None:
        return None
    schema = serializer.public_schema()
    if not schema.get("properties"):
        return None
    schema = {key: value for key, value in schema.items() if key != "$schema"}
    converted = convert_schema(schema, response=True, root=True)
    title = str(converted.get("title", ""))
    for (ending, field), quirk in RESPONSE_QUIRKS.items():
        prop = converted["properties"].get(field) if title.endswith(ending) else None
        if prop is None:
            continue
        if quirk == "null" and "null" not in _types(prop):
            prop["type"] = [*_types(prop), "null"]
        if quirk == "open" and "enum" in prop:
            prop["x-wp-enum"] = prop.pop("enum")
    return converted


def _component_name(schema: dict[str, Any]) -> str:
    title = str(schema.get("title") or "object")
    return re.sub(r"[^A-Za-z0-9_.-]", "-", title)


def _success(action: str, method: str, viewset: Any, ref: dict[str, Any] | None) -> dict[str, Any]:
    item = ref or {"type": "object"}
    if action == "list":
        if getattr(viewset, "collection_is_object", False):
            # keyed by name; none at all is PHP's empty array, []
            body: dict[str, Any] = {
                "type": ["object", "array"],
                "maxItems": 0,
                "additionalProperties": item,
            }
        else:
            body = {"type": "array", "items": item}
        return {
            "200": {
                "description": "The collection (X-WP-Total and X-WP-TotalPages tell its size).",
                "headers": {
                    name: {"schema": {"type": "integer"}}
                    for name in ("X-WP-Total", "X-WP-TotalPages")
                    if not getattr(viewset, "collection_is_object", False)
                },
                "content": {"application/json": {"schema": body}},
            }
        }
    if action == "destroy":
        deleted = {
            "type": "object",
            "properties": {"deleted": {"type": "boolean"}, "previous": item},
        }
        schema = {"anyOf": [deleted, item]} if ref else {"type": "object"}
        return {
            "200": {"description": "Deleted (or trashed).", "content": _json(schema)},
            "501": {
                "description": "rest_trash_not_supported: this resource has no trash, and "
                "`force` was not true (WordPress's own answer).",
                "content": _json({"$ref": "#/components/schemas/WP_Error"}),
            },
        }
    if action == "destroy_all":
        schema = {
            "type": "object",
            "properties": {"deleted": {"type": "boolean"}, "count": {"type": "integer"}},
        }
        return {"200": {"description": "Every one deleted.", "content": _json(schema)}}
    if action == "batch":
        schema = {"type": "object", "properties": {"responses": {"type": "array"}}}
        return {"207": {"description": "One answer per request.", "content": _json(schema)}}
    if action in ("index",):
        return {"200": {"description": "The index.", "content": _json({"type": "object"})}}
    answer = {"description": "The item.", "content": _json(item)}
    if action == "edit_media":
        return {"201": {**answer, "description": "Created."}}
    if action == "create":  # 201, but an autosave answers 200 (it may update the draft)
        return {"201": {**answer, "description": "Created."}, "200": answer}
    return {"200": answer}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def _operation(
    route: Route, path: str, method: str, action: str, viewset: Any, ref: dict[str, Any] | None
) -> dict[str, Any]:
    path_names = set(route.param_names)
    args = {
        name: arg
        for name, arg in public_args(viewset.args_for(action)).items()
        if name not in path_names
    }
    operation: dict[str, Any] = {
        "operationId": f"{method} {path}",
        "tags": [route.namespace or "index"],
    }
    if method in BODY_METHODS:
        properties = {name: convert_schema(arg, response=False) for name, arg in args.items()}
        body: dict[str, Any] = {"type": "object", "properties": properties}
        required = [name for name, arg in args.items() if arg.get("required")]
        if required:
            body["required"] = required
        operation["requestBody"] = {"required": bool(required), "content": _json(body)}
    else:
        parameters = []
        for name, arg in args.items():
            schema = _query_schema(arg)
            parameter: dict[str, Any] = {
                "name": name,
                "in": "query",
                "required": bool(arg.get("required")),
                "schema": {k: v for k, v in schema.items() if k != "description"},
            }
            if arg.get("description"):
                parameter["description"] = arg["description"]
            if _is_array(schema) or "array" in (schema.get("type") or []):
                parameter["style"], parameter["explode"] = "form", False  # include=1,2,3
            elif schema.get("type") == "object":
                parameter["style"], parameter["explode"] = "deepObject", True
            parameters.append(parameter)
        if parameters:
            operation["parameters"] = parameters
    operation["responses"] = {
        **_success(action, method, viewset, ref),
        "default": {
            "description": "A WordPress error.",
            "content": _json({"$ref": "#/components/schemas/WP_Error"}),
        },
    }
    return operation


def openapi_document(site_url: str) -> dict[str, Any]:
    """The whole document for a site at `site_url` (no trailing slash)."""
    import wpapi.urls  # noqa: F401 - fills the route table

    request = RequestFactory().get("/wp-json/")
    request.user = AnonymousUser()
    request._wp_site_url = site_url
    paths: dict[str, dict[str, Any]] = {}
    schemas: dict[str, Any] = {"WP_Error": ERROR_SCHEMA}
    for route in router.routes:
        viewset = _viewset_for(route, request)
        viewset.request = request
        item = _item_schema(viewset)
        ref = None
        if item is not None:
            name = _component_name(item)
            if schemas.get(name, item) != item:  # e.g. two post types' "post" schemas
                name = f"{name}-{route.collection_route().rsplit('/', 1)[-1]}"
            schemas[name] = item
            ref = {"$ref": f"#/components/schemas/{name}"}
        path, parameters = path_and_parameters(route)
        entry = paths.setdefault(path, {})
        if parameters:
            entry["parameters"] = parameters
        for method in METHOD_ORDER:
            action = route.actions.get(method)
            if action:
                entry[method.lower()] = _operation(route, path, method, action, viewset, ref)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "WordPress REST API (wpapi)",
            "version": "wp/v2 (WordPress 6.1)",
            "description": DESCRIPTION,
        },
        "servers": [{"url": site_url}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "applicationPassword": {
                    "type": "http",
                    "scheme": "basic",
                    "description": "login:application password",
                },
                "cookieNonce": {"type": "apiKey", "in": "header", "name": "X-WP-Nonce"},
            },
        },
        "security": [{}, {"applicationPassword": []}, {"cookieNonce": []}],
    }


def openapi_view(request: HttpRequest) -> HttpResponse:
    """GET /openapi.json: the document for this site's URL."""
    if request.method not in ("GET", "HEAD"):
        response = error_response(no_route())
        response["Allow"] = "GET, HEAD"
        return response
    return HttpResponse(
        dumps(openapi_document(site_url_of(request))),
        content_type="application/json; charset=UTF-8",
    )
