"""WordPress's JSON-Schema handling of request arguments and response contexts.

The counterpart of rest_validate_value_from_schema(), rest_sanitize_value_from_schema() and
rest_filter_response_by_context(): the same coercions (query strings are all text, so "5" is an
integer and "1,2" an array), the same error codes and the same messages, because clients and
their tests read them.
"""

import re
import uuid as uuid_lib
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from wpapi.errors import WPError
from wpapi.params import php_intval, php_string

# Keywords WordPress copies from a schema into an endpoint's `args` in the index and OPTIONS.
SCHEMA_KEYWORDS = (
    "title",
    "description",
    "default",
    "type",
    "format",
    "enum",
    "items",
    "properties",
    "additionalProperties",
    "patternProperties",
    "minProperties",
    "maxProperties",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "anyOf",
    "oneOf",
)

LIST_SPLIT = re.compile(r"[\s,]+")
DATE_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?$"
)
EMAIL = re.compile(r"^[a-zA-Z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)+$")
HEX_COLOR = re.compile(r"^#([A-Fa-f0-9]{3}){1,2}$")


class SchemaError(Exception):
    """One failed check: WordPress's WP_Error for a single value."""

    def __init__(self, code: str, message: str, data: Any = None) -> None:
        super().__init__(message)
        self.code, self.message, self.data = code, message, data

    def as_detail(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "data": self.data}


class InvalidParameter(SchemaError):
    """A validate_callback that answered false rather than a WP_Error: "Invalid parameter.",
    and nothing for the error's `details`."""

    def __init__(self) -> None:
        super().__init__("rest_invalid_param", "Invalid parameter.")


# --- type tests, as WordPress's rest_is_*() ------------------------------------------------------
def is_numeric(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    if isinstance(value, str):
        try:
            float(value.strip()) if value.strip() == value else float("x")
        except ValueError:
            return False
        return value.strip() != "" and value.lower() not in {"nan", "inf", "-inf", "infinity"}
    return False


def to_number(value: Any) -> float | int:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    number = float(value)
    return int(number) if number.is_integer() and "." not in str(value) else number


def is_integer(value: Any) -> bool:
    if type(value) is int:  # not bool, a subclass
        return True
    return is_numeric(value) and float(to_number(value)).is_integer()


def is_boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return True
    if isinstance(value, str):
        return value.lower() in {"false", "true", "0", "1"}
    if isinstance(value, int):
        return value in (0, 1)
    return False


def to_boolean(value: Any) -> bool:
    if isinstance(value, str):
        return value.lower() not in {"false", "0", ""}
    return bool(value)


def parse_list(value: Any) -> list:
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        return list(value.values())
    if isinstance(value, str | int | float):
        # wp_parse_list(): a scalar's text, split (1.5 is ["1.5"], true ["1"], false [])
        return [item for item in LIST_SPLIT.split(php_string(value)) if item != ""]
    return [value]


def is_array(value: Any) -> bool:
    """rest_is_array(): a list, or any scalar (wp_parse_list() makes it one)."""
    if isinstance(value, list):
        return True
    if isinstance(value, dict):  # a PHP numeric array arrives as {"0": .., "1": ..}
        return all(str(key).isdigit() for key in value)
    return isinstance(value, str | int | float)


def is_object(value: Any) -> bool:
    # a JSON list is a PHP array too, keyed 0, 1, ...
    return value == "" or isinstance(value, dict | list)


def to_object(value: Any) -> dict:
    if value == "":
        return {}
    if isinstance(value, list):
        return {str(index): item for index, item in enumerate(value)}
    return dict(value)


TYPE_CHECKS = {
    "array": is_array,
    "object": is_object,
    "integer": is_integer,
    "number": is_numeric,
    "boolean": is_boolean,
    "string": lambda value: isinstance(value, str),
    "null": lambda value: value is None,
}


def best_type(value: Any, types: list[str]) -> str:
    if value == "" and "string" in types:
        return "string"
    for name in types:
        check = TYPE_CHECKS.get(name)
        if check and check(value):
            return name
    return ""


def schema_types(schema: Mapping[str, Any]) -> list[str]:
    kind = schema.get("type")
    if kind is None:
        return []
    return list(kind) if isinstance(kind, list) else [kind]


def human_list(items: Iterable[Any]) -> str:
    """wp_sprintf's %l: "a", "a and b", "a, b, and c"."""
    words = [str(item) for item in items]
    if len(words) <= 1:
        return "".join(words)
    if len(words) == 2:
        return f"{words[0]} and {words[1]}"
    return ", ".join(words[:-1]) + ", and " + words[-1]


def _json_scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, dict | list):
        import orjson

        return orjson.dumps(value).decode()
    return str(value)


def _number_text(value: Any) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


# --- validation ----------------------------------------------------------------------------------
def validate(value: Any, schema: Mapping[str, Any], param: str = "") -> None:
    """Raise SchemaError if `value` does not satisfy `schema` (rest_validate_value_from_schema)."""
    if "anyOf" in schema:
        match = _find_any_of(value, schema, param)
        validate(value, {**_strip_combinators(schema), **match}, param)
        return
    if "oneOf" in schema:
        match = _find_one_of(value, schema, param)
        validate(value, {**_strip_combinators(schema), **match}, param)
        return

    types = schema_types(schema)
    if not types:
        return
    if len(types) > 1:
        chosen = best_type(value, types)
        if not chosen:
            raise SchemaError(
                "rest_invalid_type", f"{param} is not of type {','.join(types)}.", {"param": param}
            )
        schema = {**schema, "type": chosen}
    kind = best_type(value, [schema_types(schema)[0]]) or schema_types(schema)[0]

    if kind == "array":
        _validate_array(value, schema, param)
    elif kind == "object":
        _validate_object(value, schema, param)
    elif kind == "null":
        if value is not None:
            raise SchemaError(
                "rest_invalid_type", f"{param} is not of type null.", {"param": param}
            )
    elif kind == "boolean":
        if not is_boolean(value):
            raise SchemaError(
                "rest_invalid_type", f"{param} is not of type boolean.", {"param": param}
            )
    elif kind == "integer":
        if not is_integer(value):
            raise SchemaError(
                "rest_invalid_type", f"{param} is not of type integer.", {"param": param}
            )
        _validate_number(to_number(value), schema, param)
    elif kind == "number":
        if not is_numeric(value):
            raise SchemaError(
                "rest_invalid_type", f"{param} is not of type number.", {"param": param}
            )
        _validate_number(to_number(value), schema, param)
    elif kind == "string":
        if not isinstance(value, str):
            raise SchemaError(
                "rest_invalid_type", f"{param} is not of type string.", {"param": param}
            )
        _validate_string(value, schema, param)

    if "enum" in schema:
        _validate_enum(value, schema, param, kind)


def _strip_combinators(schema: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in schema.items() if key not in ("anyOf", "oneOf")}


def _candidate_errors(
    value: Any,
    schema: Mapping[str, Any],
    param: str,
    key: str,
) -> tuple[list[tuple[int, Mapping[str, Any]]], list[dict[str, Any]]]:
    matches, errors = [], []
    for index, candidate in enumerate(schema[key]):
        if "type" not in candidate and "type" in schema:
            # rest_find_*_matching_schema(): a sub-schema without a type takes the parent's
            candidate = {**candidate, "type": schema["type"]}
        try:
            validate(value, candidate, param)
        except SchemaError as error:
            errors.append({"index": index, "schema": candidate, "error": error})
            continue
        matches.append((index, candidate))
    return matches, errors


def _find_any_of(value: Any, schema: Mapping[str, Any], param: str) -> Mapping[str, Any]:
    matches, errors = _candidate_errors(value, schema, param, "anyOf")
    if matches:
        return matches[0][1]
    raise _combining_error(param, errors)


def _find_one_of(value: Any, schema: Mapping[str, Any], param: str) -> Mapping[str, Any]:
    matches, errors = _candidate_errors(value, schema, param, "oneOf")
    if not matches:
        raise _combining_error(param, errors)
    if len(matches) > 1:
        positions = [index for index, _ in matches]
        titles = [candidate["title"] for _, candidate in matches if "title" in candidate]
        if len(titles) == len(matches):
            raise SchemaError(
                "rest_one_of_multiple_matches",
                f"{param} matches {human_list(titles)}, but should match only one.",
                {"positions": positions},
            )
        raise SchemaError(
            "rest_one_of_multiple_matches",
            f"{param} matches more than one of the expected formats.",
            {"positions": positions},
        )
    return matches[0][1]


def _combining_error(param: str, errors: list[dict[str, Any]]) -> SchemaError:
    """rest_get_combining_operation_error(): the most telling reason no sub-schema matched."""
    if len(errors) == 1:
        return _format_combining_error(param, errors[0])
    # Errors that only say "wrong type for the whole value" tell the least; drop them.
    telling = [
        e
        for e in errors
        if e["error"].code != "rest_invalid_type"
        or (isinstance(e["error"].data, dict) and e["error"].data.get("param") != param)
    ]
    if len(telling) == 1:
        return _format_combining_error(param, telling[0])
    titles = [e["schema"]["title"] for e in errors if "title" in e["schema"]]
    if titles and len(titles) == len(errors):
        return SchemaError(
            "rest_no_matching_schema", f"{param} is not a valid {human_list(titles)}."
        )
    return SchemaError(
        "rest_no_matching_schema", f"{param} does not match any of the expected formats."
    )


def _format_combining_error(param: str, error: dict[str, Any]) -> SchemaError:
    reason = error["error"].message
    title = error["schema"].get("title")
    if title:
        message = f"{param} is not a valid {title}. Reason: {reason}"
    else:
        message = f"{param} does not match the expected format. Reason: {reason}"
    return SchemaError("rest_no_matching_schema", message, {"position": error["index"]})


def _validate_enum(value: Any, schema: Mapping[str, Any], param: str, kind: str) -> None:
    enum = schema["enum"]
    candidate = sanitize(value, {"type": kind}) if kind else value
    for allowed in enum:
        if allowed == candidate and type(allowed) is type(candidate):
            return
        if (
            isinstance(allowed, int | float)
            and not isinstance(allowed, bool)
            and isinstance(candidate, int | float)
            and allowed == candidate
        ):
            return
    shown = [_json_scalar(item) for item in enum]
    if len(shown) == 1:
        raise SchemaError("rest_not_in_enum", f"{param} is not {shown[0]}.")
    raise SchemaError("rest_not_in_enum", f"{param} is not one of {human_list(shown)}.")


def _validate_number(number: float, schema: Mapping[str, Any], param: str) -> None:
    if "multipleOf" in schema and number % schema["multipleOf"]:
        raise SchemaError(
            "rest_invalid_multiple", f"{param} must be a multiple of {schema['multipleOf']}."
        )
    low, high = schema.get("minimum"), schema.get("maximum")
    low_x, high_x = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
    if low is not None and high is None:
        if low_x and number <= low:
            raise SchemaError(
                "rest_out_of_bounds", f"{param} must be greater than {_number_text(low)}"
            )
        if not low_x and number < low:
            raise SchemaError(
                "rest_out_of_bounds",
                f"{param} must be greater than or equal to {_number_text(low)}",
            )
    elif high is not None and low is None:
        if high_x and number >= high:
            raise SchemaError(
                "rest_out_of_bounds", f"{param} must be less than {_number_text(high)}"
            )
        if not high_x and number > high:
            raise SchemaError(
                "rest_out_of_bounds", f"{param} must be less than or equal to {_number_text(high)}"
            )
    elif low is not None and high is not None:
        too_low = number <= low if low_x else number < low
        too_high = number >= high if high_x else number > high
        if too_low or too_high:
            low_word = "exclusive" if low_x else "inclusive"
            high_word = "exclusive" if high_x else "inclusive"
            raise SchemaError(
                "rest_out_of_bounds",
                f"{param} must be between {_number_text(low)} ({low_word}) and "
                f"{_number_text(high)} ({high_word})",
            )


def _validate_string(value: str, schema: Mapping[str, Any], param: str) -> None:
    if "minLength" in schema and len(value) < schema["minLength"]:
        count = schema["minLength"]
        word = "character" if count == 1 else "characters"
        raise SchemaError("rest_too_short", f"{param} must be at least {count} {word} long.")
    if "maxLength" in schema and len(value) > schema["maxLength"]:
        count = schema["maxLength"]
        word = "character" if count == 1 else "characters"
        raise SchemaError("rest_too_long", f"{param} must be at most {count} {word} long.")
    if "pattern" in schema and not re.search(schema["pattern"], value):
        raise SchemaError(
            "rest_invalid_pattern", f"{param} does not match pattern {schema['pattern']}."
        )
    fmt = schema.get("format")
    if fmt == "date-time" and not parse_datetime(value):
        raise SchemaError("rest_invalid_date", "Invalid date.")
    if fmt == "email" and not EMAIL.match(value):
        raise SchemaError("rest_invalid_email", "Invalid email address.")
    if fmt == "hex-color" and not HEX_COLOR.match(value):
        raise SchemaError("rest_invalid_hex_color", f"{param} is not a valid hex color.")
    if fmt == "ip" and not _is_ip(value):
        raise SchemaError("rest_invalid_ip", f"{param} is not a valid IP address.")
    if fmt == "uuid":
        try:
            uuid_lib.UUID(value)
        except ValueError:
            raise SchemaError("rest_invalid_uuid", f"{param} is not a valid UUID.") from None


def _is_ip(value: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def _validate_array(value: Any, schema: Mapping[str, Any], param: str) -> None:
    if not is_array(value):
        raise SchemaError("rest_invalid_type", f"{param} is not of type array.", {"param": param})
    items = parse_list(value)
    item_schema = schema.get("items")
    if item_schema:
        for index, item in enumerate(items):
            validate(item, item_schema, f"{param}[{index}]")
    if "minItems" in schema and len(items) < schema["minItems"]:
        count = schema["minItems"]
        word = "item" if count == 1 else "items"
        raise SchemaError("rest_too_few_items", f"{param} must contain at least {count} {word}.")
    if "maxItems" in schema and len(items) > schema["maxItems"]:
        count = schema["maxItems"]
        word = "item" if count == 1 else "items"
        raise SchemaError("rest_too_many_items", f"{param} must contain at most {count} {word}.")
    if schema.get("uniqueItems"):
        seen = [_json_scalar(sanitize(item, item_schema or {})) for item in items]
        if len(seen) != len(set(seen)):
            raise SchemaError("rest_duplicate_items", f"{param} has duplicate items.")


def _validate_object(value: Any, schema: Mapping[str, Any], param: str) -> None:
    if not is_object(value):
        raise SchemaError("rest_invalid_type", f"{param} is not of type object.", {"param": param})
    data = to_object(value)
    properties = _properties(schema)
    required = schema.get("required")
    if isinstance(required, list):
        for name in required:
            if name not in data:
                raise SchemaError(
                    "rest_property_required", f"{name} is a required property of {param}."
                )
    else:
        for name, sub in properties.items():
            if sub.get("required") is True and name not in data:
                raise SchemaError(
                    "rest_property_required", f"{name} is a required property of {param}."
                )
    for key, item in data.items():
        if key in properties:
            validate(item, properties[key], f"{param}[{key}]")
            continue
        pattern_schema = _pattern_property(key, schema)
        if pattern_schema is not None:
            validate(item, pattern_schema, f"{param}[{key}]")
            continue
        extra = schema.get("additionalProperties")
        if extra is False:
            raise SchemaError(
                "rest_additional_properties_forbidden", f"{key} is not a valid property of Object."
            )
        if isinstance(extra, dict):
            validate(item, extra, f"{param}[{key}]")


def _properties(schema: Mapping[str, Any]) -> Mapping[str, Any]:
    # WordPress writes an empty object schema as PHP's empty array, which encodes as [].
    properties = schema.get("properties")
    return properties if isinstance(properties, dict) else {}


def _pattern_property(key: str, schema: Mapping[str, Any]) -> Mapping[str, Any] | None:
    for pattern, sub in schema.get("patternProperties", {}).items():
        if re.search(pattern, key):
            return sub
    return None


# --- sanitising ----------------------------------------------------------------------------------
def sanitize(value: Any, schema: Mapping[str, Any]) -> Any:
    """Coerce a validated value to its schema's type (rest_sanitize_value_from_schema)."""
    if "anyOf" in schema or "oneOf" in schema:
        try:
            match = _find_any_of(value, {"anyOf": schema.get("anyOf") or schema["oneOf"]}, "")
        except SchemaError:
            return value
        return sanitize(value, {**_strip_combinators(schema), **match})
    types = schema_types(schema)
    if not types:
        return value
    kind = best_type(value, types) if len(types) > 1 else types[0]
    if not kind:
        return value
    if kind == "array":
        items = parse_list(value)
        item_schema = schema.get("items")
        if item_schema:
            items = [sanitize(item, item_schema) for item in items]
        return items
    if kind == "object":
        if not is_object(value):
            return value
        data = to_object(value)
        properties = _properties(schema)
        result = {}
        for key, item in data.items():
            if key in properties:
                result[key] = sanitize(item, properties[key])
            elif (pattern_schema := _pattern_property(key, schema)) is not None:
                result[key] = sanitize(item, pattern_schema)
            elif isinstance(schema.get("additionalProperties"), dict):
                result[key] = sanitize(item, schema["additionalProperties"])
            elif schema.get("additionalProperties") is False:
                continue
            else:
                result[key] = item
        return result
    if kind == "null":
        return None
    if kind == "integer":
        return php_intval(value) if is_numeric(value) else 0
    if kind == "number":
        return to_number(value) if is_numeric(value) else 0
    if kind == "boolean":
        return to_boolean(value)
    if kind == "string":
        if isinstance(value, dict | list):
            return value
        text = value if isinstance(value, str) else _json_scalar(value)
        fmt = schema.get("format")
        if fmt == "email":
            return text.strip()
        if fmt == "text-field":
            return re.sub(r"\s+", " ", re.sub(r"<[^>]*>", "", text)).strip()
        return text
    return value


def parse_datetime(value: str) -> datetime | None:
    """An RFC 3339 date, as rest_parse_date() accepts it (the offset is optional)."""
    if not isinstance(value, str) or not DATE_TIME.match(value):
        return None
    text = value.replace("t", "T").replace(" ", "T").replace("z", "Z")
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


# --- argument sets: validate and sanitise a request's parameters ---------------------------------
# WordPress checks a request's arguments in two passes. has_valid_params() first looks for the
# required ones missing (all named in one rest_missing_callback_param), then runs the arguments
# that have a validate_callback, in the order they are registered; if any is invalid, that is the
# answer. Those arguments are the controller's common ones (context, page, per_page, search) and
# every argument made from the item schema: they say so with arg_options["validate_first"].
# Then sanitize_params() goes through the parameters in the order the request holds them (body,
# query string, route, then the defaults): an argument that was not validated first is validated
# there and sanitised (rest_parse_request_arg()), or given to its own sanitize callback; their
# errors make a second rest_invalid_param. `validate` in arg_options replaces the schema check
# (False: no check), `sanitize` the sanitising (a callable may raise SchemaError; False: none).
def validates_first(arg: Mapping[str, Any]) -> bool:
    return bool(arg.get("arg_options", {}).get("validate_first"))


def validated_first(arg: Mapping[str, Any]) -> dict[str, Any]:
    """`arg`, checked by has_valid_params() (it has a validate_callback in WordPress)."""
    return {**arg, "arg_options": {**arg.get("arg_options", {}), "validate_first": True}}


def defaults_of(args: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The arguments' defaults (a null default is none: isset() is false for it)."""
    return {name: arg["default"] for name, arg in args.items() if arg.get("default") is not None}


def as_sent(args: Mapping[str, Mapping[str, Any]], params: dict[str, Any]) -> dict[str, Any]:
    """The parameters of a request whose arguments are invalid, for its permission checks:
    the defaults, then each parameter as sent, sanitised where it is valid."""
    result = {**defaults_of(args), **params}
    for name, value in params.items():
        arg = args.get(name)
        if arg is None or arg.get("arg_options", {}).get("sanitize", True) is not True:
            continue
        try:
            validate(value, arg, name)
        except SchemaError:
            continue
        result[name] = sanitize(value, arg)
    return result


def process_args(args: Mapping[str, Mapping[str, Any]], params: dict[str, Any]) -> dict[str, Any]:
    """Defaults, required, validation and sanitising of one endpoint's arguments.

    `params` holds the request's parameters in the order WordPress reads them (see above).
    Returns them with defaults filled in and declared ones sanitised; raises WordPress's
    rest_missing_callback_param or rest_invalid_param.
    """
    missing = [name for name, arg in args.items() if arg.get("required") and name not in params]
    if missing:
        raise WPError(
            "rest_missing_callback_param",
            "Missing parameter(s): " + ", ".join(missing),
            400,
            params=missing,
        )
    invalid = _Invalid()
    for name, arg in args.items():
        # (WordPress skips a null here, then lets the handler see it; wpapi refuses it as the
        # wrong type, which keeps null away from the handlers)
        if validates_first(arg) and name in params:
            invalid.check(name, arg, params[name])
    invalid.raise_any()

    result = dict(params)
    for name, arg in args.items():
        if name not in result and "default" in arg:
            result[name] = arg["default"]
    defaults = {name: value for name, value in defaults_of(args).items() if name not in params}
    for name, value in [*params.items(), *defaults.items()]:
        arg = args.get(name)
        if arg is None:
            continue
        options = arg.get("arg_options", {})
        sanitizer = options.get("sanitize", True)
        if callable(sanitizer):
            try:
                result[name] = sanitizer(value, arg)
            except SchemaError as error:
                invalid.add(name, error)
            continue
        if not validates_first(arg) and not invalid.check(name, arg, value):
            continue
        if sanitizer is not False:
            result[name] = sanitize(value, arg)
    invalid.raise_any()
    return result


class _Invalid:
    """The invalid parameters of one pass, by name, with each error's details."""

    def __init__(self) -> None:
        self.messages: dict[str, str] = {}
        self.details: dict[str, Any] = {}

    def check(self, name: str, arg: Mapping[str, Any], value: Any) -> bool:
        """Validate `value` as `arg` says; False (and the error kept) when it is invalid."""
        validator = arg.get("arg_options", {}).get("validate", True)
        try:
            if callable(validator):
                validator(value, name)
            elif validator is not False:
                validate(value, arg, name)
        except SchemaError as error:
            self.add(name, error)
            return False
        return True

    def add(self, name: str, error: SchemaError) -> None:
        self.messages[name] = error.message  # a name met again keeps its place, as in PHP
        if not isinstance(error, InvalidParameter):
            self.details[name] = error.as_detail()

    def raise_any(self) -> None:
        if self.messages:
            raise WPError(
                "rest_invalid_param",
                "Invalid parameter(s): " + ", ".join(self.messages),
                400,
                params=self.messages,
                details=self.details or [],  # PHP's empty array
            )


def public_args(args: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Arguments as the index and OPTIONS show them: schema keywords and `required` only."""
    shown = {}
    for name, arg in args.items():
        entry = {key: arg[key] for key in SCHEMA_KEYWORDS if key in arg}
        entry["required"] = bool(arg.get("required", False))
        shown[name] = entry
    return shown


def args_from_schema(schema: Mapping[str, Any], *, creating: bool) -> dict[str, dict[str, Any]]:
    """Write arguments derived from an item schema (get_endpoint_args_for_item_schema)."""
    args = {}
    for name, prop in schema["properties"].items():
        if prop.get("readonly"):
            continue
        arg = {
            key: value
            for key, value in prop.items()
            if key in SCHEMA_KEYWORDS or key == "arg_options"
        }
        arg.pop("default", None)
        arg.pop("title", None)
        # rest_get_endpoint_args_for_schema() gives each a validate_callback (a property's
        # arg_options may take it away: "validate_first": False)
        arg["arg_options"] = {"validate_first": True, **arg.get("arg_options", {})}
        if creating:
            if "default" in prop:
                arg["default"] = prop["default"]
            if prop.get("required"):
                arg["required"] = True
        args[name] = arg
    return args


# --- contexts ------------------------------------------------------------------------------------
def context_filter(schema: Mapping[str, Any], context: str) -> dict[str, Any]:
    """A plan for keeping only what `context` shows: {field: None (keep) | nested plan}."""
    plan: dict[str, Any] = {}
    for name, prop in schema.get("properties", {}).items():
        contexts = prop.get("context")
        if contexts is not None and context not in contexts:
            continue
        nested = prop.get("properties")
        if nested and any("context" in sub for sub in nested.values()):
            plan[name] = context_filter(prop, context)
        else:
            plan[name] = None
    return plan


def apply_plan(data: dict[str, Any], plan: Mapping[str, Any]) -> dict[str, Any]:
    result = {}
    for key, value in data.items():
        if key not in plan:
            if key.startswith("_"):
                result[key] = value
            continue
        nested = plan[key]
        if nested is not None and isinstance(value, dict):
            value = {k: v for k, v in value.items() if k in nested}
        result[key] = value
    return result
