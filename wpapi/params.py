"""Request parameters as WordPress reads them.

Query strings and form bodies are parsed the way PHP does (``a[]=1&a[]=2`` is a list,
``a[b]=c`` an object, a repeated plain key keeps its last value), then merged with WordPress's
precedence: JSON body > form body > query string > route parameters > defaults.
"""

import json
import math
import re
from typing import IO, Any
from urllib.parse import parse_qsl, quote_plus

from django.http import QueryDict
from rest_framework.parsers import JSONParser

from wpapi.errors import WPError

BRACKETS = re.compile(r"\[([^\]]*)\]")
#: PHP's max_input_nesting_level: a variable with more [] levels than this is dropped
MAX_INPUT_NESTING = 64
#: json_decode()'s default depth, as WordPress calls it: 512 nested arrays/objects fail
MAX_JSON_DEPTH = 512
LONE_SURROGATE = re.compile("[\ud800-\udfff]")

# --- PHP's integers ------------------------------------------------------------------------------
# WordPress computes with 64-bit PHP integers: every number a client sends is cast the way PHP
# casts it, so no value outside the databases' BIGINT range ever reaches a query.
PHP_INT_MAX = 2**63 - 1
PHP_INT_MIN = -(2**63)


def php_int_from_float(number: float) -> int:
    """(int) of a PHP float: NaN and infinities are 0; out of range, it wraps modulo 2**64
    (what PHP 8 does on 64-bit systems)."""
    if not math.isfinite(number):
        return 0
    value = int(number)
    if PHP_INT_MIN <= value <= PHP_INT_MAX:
        return value
    value %= 2**64
    return value - 2**64 if value > PHP_INT_MAX else value


def php_intval(value: Any) -> int:
    """(int) $value: a numeric string saturates at PHP_INT_MAX/MIN ("1e400" is infinity,
    which is 0), a float wraps; anything else is 0 or 1 as PHP casts it."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return max(PHP_INT_MIN, min(PHP_INT_MAX, value))
    if isinstance(value, float):
        return php_int_from_float(value)
    if isinstance(value, str):
        found = re.match(r"\s*([+-]?\d+)(\.\d*)?([eE][+-]?\d+)?", value)
        if not found:
            return 0
        if found.group(3):  # "1e3" is a float first, saturated (infinity is 0)
            number = float(found.group(0))
            if not math.isfinite(number):
                return 0
            return max(PHP_INT_MIN, min(PHP_INT_MAX, int(number)))
        return max(PHP_INT_MIN, min(PHP_INT_MAX, int(found.group(1))))
    return 0


def absint(value: Any) -> int:
    """WordPress's absint(): abs(intval()); abs(PHP_INT_MIN) is beyond every integer, so it
    is PHP_INT_MAX here (no row lies that far)."""
    return min(abs(php_intval(value)), PHP_INT_MAX)


def page_offset(page: int, per_page: int) -> int:
    """The row offset of a page, as WordPress's queries compute it: ($page - 1) * $per_page,
    which PHP turns into a float when it overflows, then absint()s (so it wraps, usually to 0
    and the first page)."""
    offset = (page - 1) * per_page
    if offset > PHP_INT_MAX or offset < PHP_INT_MIN:
        offset = php_int_from_float(float(offset))
    return min(abs(offset), PHP_INT_MAX)


def is_row_id(value: Any) -> bool:
    """Could a database row have this ID? (positive, within BIGINT)"""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= PHP_INT_MAX


def row_ids(values: Any) -> list[int]:
    """The IDs of a list that a row could have; the others can match nothing."""
    return [value for value in values or [] if is_row_id(value)]


def id_list(values: Any) -> list[int]:
    """wp_parse_id_list(): each ID absint()ed, duplicates dropped, in order."""
    if isinstance(values, str):
        values = re.split(r"[\s,]+", values)
    if not isinstance(values, list | tuple):
        values = [values]
    return list(dict.fromkeys(absint(value) for value in values if value not in ("", None)))


def php_parse_pairs(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for raw_key, value in pairs:
        if "[" in raw_key and raw_key.endswith("]") and not raw_key.startswith("["):
            base = raw_key[: raw_key.index("[")]
            parts = BRACKETS.findall(raw_key[len(base) :])
            if len(parts) > MAX_INPUT_NESTING:
                # php_register_variable_ex(): the whole variable is dropped, values it already
                # had included, and the request goes on without it
                result.pop(base, None)
                continue
            _assign(result, [base, *parts], value)
        else:
            result[raw_key] = value
    return _lists(result)


def _assign(target: dict[str, Any], path: list[str], value: str) -> None:
    node = target
    for part in path[:-1]:
        if part == "":  # a[][x]: each [] opens a new element, as PHP's parse_str() does
            part = str(_next_index(node))
        child = node.get(part)
        if not isinstance(child, dict):
            child = {}
            node[part] = child
        node = child
    last = path[-1]
    if last == "":
        node[str(_next_index(node))] = value
    else:
        node[last] = value


def _next_index(node: dict[str, Any]) -> int:
    numbers = [int(key) for key in node if key.isdigit()]
    return max(numbers) + 1 if numbers else 0


def _lists(value: Any) -> Any:
    """Dicts whose keys are 0..n-1 become lists, as PHP's numeric arrays encode to JSON."""
    if isinstance(value, dict):
        converted = {key: _lists(item) for key, item in value.items()}
        if converted and all(key.isdigit() for key in converted):
            keys = sorted(converted, key=int)
            if [int(key) for key in keys] == list(range(len(keys))):
                return [converted[key] for key in keys]
        return converted
    return value


def parse_query_string(query: str) -> dict[str, Any]:
    return php_parse_pairs(parse_qsl(query, keep_blank_values=True))


def php_build_query(params: dict[str, Any] | list[Any], prefix: str = "") -> str:
    """add_query_arg(urlencode_deep($params), ...)'s query: lists as key%5B0%5D=..., nested
    keys as key%5Bsub%5D, values encoded as PHP's urlencode() does, an empty value without `=`."""
    items = params.items() if isinstance(params, dict) else enumerate(params)
    parts = []
    for key, value in items:
        name = f"{prefix}%5B{quote_plus(str(key))}%5D" if prefix else quote_plus(str(key))
        if isinstance(value, (dict, list)):
            nested = php_build_query(value, name)
            if nested:
                parts.append(nested)
        else:
            text = php_string(value)
            parts.append(f"{name}={quote_plus(text, safe='').replace('~', '%7E')}")
    return re.sub(r"=(&|$)", r"\1", "&".join(parts))


def php_string(value: Any) -> str:
    """(string) $value: true is "1", false and null are "", a whole float has no ".0"."""
    if isinstance(value, bool):
        return "1" if value else ""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def querydict_to_params(data: QueryDict) -> dict[str, Any]:
    return php_parse_pairs([(key, value) for key, values in data.lists() for value in values])


# --- JSON bodies ---------------------------------------------------------------------------------
def invalid_json(code: int, message: str) -> WPError:
    """WP_REST_Request::parse_json_params()'s error, with json_last_error() and its message."""
    return WPError(
        "rest_invalid_json",
        "Invalid JSON body passed.",
        400,
        json_error_code=code,
        json_error_message=message,
    )


def check_json_value(data: Any) -> None:
    """What json_decode() refuses beyond syntax: nesting past its depth and lone UTF-16
    surrogates (which Python decodes, but no database or UTF-8 encoder accepts)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            if LONE_SURROGATE.search(value):
                raise invalid_json(10, "Single unpaired UTF-16 surrogate in unicode escape")
            continue
        if not isinstance(value, dict | list):
            continue
        if depth >= MAX_JSON_DEPTH:
            raise invalid_json(1, "Maximum stack depth exceeded")
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            stack.append((item, depth + 1))
            if isinstance(key, str):
                stack.append((key, depth))


class WordPressJSONParser(JSONParser):
    """JSON bodies as WordPress reads them: UTF-8 whatever the charset says, and each way
    json_decode() fails answers rest_invalid_json with its code, never a server error."""

    def parse(
        self, stream: IO[bytes], media_type: str | None = None, parser_context: Any = None
    ) -> Any:
        raw = stream.read() if stream is not None else b""
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise invalid_json(
                5, "Malformed UTF-8 characters, possibly incorrectly encoded"
            ) from None
        try:
            data = json.loads(text, parse_constant=_no_constants)
        except RecursionError:
            raise invalid_json(1, "Maximum stack depth exceeded") from None
        except ValueError:
            raise invalid_json(4, "Syntax error") from None
        check_json_value(data)
        return data


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")  # NaN and Infinity, which json_decode() refuses
