"""Registered meta in the REST API (WP_REST_Meta_Fields), the same for posts, terms, comments
and users.

Each kind keeps its meta rows (object, key, text value) in a model of its own app; the app
describes it with a `MetaFields` (which model, which foreign key, the object's subtype) and the
rest is here:

- reading (get_value + prepare_value): a page of objects' rows in one query (`load`), then
  each object's `meta` object (`value`): the stored text decoded, checked against the key's
  schema (null when it does not fit) and sanitised; an unset key shows its registered default,
  else its type's empty value; a multi-valued key is the list of its rows;
- writing (update_value): each registered key present in the request, in registration order,
  validated and sanitised with WordPress's errors; null deletes (so does [] for a multi-valued
  key); a list replaces a multi-valued key's rows; `edit_<kind>_meta` is checked
  (rest_cannot_update / rest_cannot_delete);
- the `meta` property of the item schema (`field_schema`), as OPTIONS shows it.

Storage is text, as WordPress's: scalars as WordPress stores them (booleans "1" or "", numbers
as digits), arrays and objects as JSON where WordPress uses PHP's serialize().
"""

import copy
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import orjson
from django.db.models import Model

from users.capabilities import user_can
from wpapi import php, sql
from wpapi.errors import WPError, forbidden_status
from wpapi.formatting import without_nul
from wpapi.registry import MetaKey, registered_meta
from wpapi.registry.meta import empty_value
from wpapi.renderers import dumps
from wpapi.schema import InvalidParameter, SchemaError, sanitize, validate

Stored = Mapping[str, list[str]]


def check_meta_is_array(value: Any, name: str) -> None:
    """WP_REST_Meta_Fields::check_meta_is_array(): the `meta` argument is an object (a PHP
    array); anything else is just "Invalid parameter."."""
    if not isinstance(value, dict | list):
        raise InvalidParameter()


# --- values --------------------------------------------------------------------------------------
def decode(text: str, kind: str) -> Any:
    """A stored row as get_metadata() returns it: text, or for arrays and objects the decoded
    JSON (what maybe_unserialize() gives). Text that fails to decode reads like a broken PHP
    serialization, false: an empty array, or no object. PHP-serialized text (meta imported
    from WordPress) reads as maybe_unserialize() reads it."""
    if kind in ("array", "object") and text[:1] in ("[", "{"):
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError:
            return "" if kind == "array" else None
    if php.is_serialized(text):  # as a WordPress site stored it (imported meta)
        return php.maybe_unserialize(text)
    return text


def prepare_value(value: Any, schema: Mapping[str, Any]) -> Any:
    """WP_REST_Meta_Fields::prepare_value(): null unless the value fits its schema, else the
    value sanitised to it (rest_sanitize_value_from_schema)."""
    kind = schema.get("type")
    if value == "" and kind in ("boolean", "integer", "number"):
        value = empty_value(kind)
    try:
        validate(value, schema)
    except SchemaError:
        return None
    return as_php_json(sanitize(value, schema))


def as_php_json(value: Any) -> Any:
    """A value as PHP's json_encode() writes what WordPress read back: an empty object is an
    empty array ([]) and a whole float has no fraction (5.0 is 5). (A loop, not recursion: a
    stored value may nest 511 deep.)"""

    def scalar(item: Any) -> Any:
        if isinstance(item, dict):
            return {} if item else []
        if isinstance(item, list):
            return []
        if isinstance(item, float) and item.is_integer() and abs(item) < 2**53:
            return int(item)
        return item

    result = scalar(value)
    pending = [(value, result)] if isinstance(value, dict | list) and value else []
    while pending:
        source, target = pending.pop()
        for key, item in source.items() if isinstance(source, dict) else enumerate(source):
            copy = scalar(item)
            if isinstance(target, dict):
                target[key] = copy
            else:
                target.append(copy)
            if isinstance(item, dict | list) and item:
                pending.append((item, copy))
    return result


def encode(value: Any) -> str:
    """A sanitised value as stored text. NUL characters are dropped: PostgreSQL text cannot
    hold them."""
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)
    if isinstance(value, dict | list):
        return dumps(without_nul(value)).decode()
    if value is None:
        return ""
    return str(value).replace("\x00", "")


def shown(meta_key: MetaKey, rows: list[str]) -> Any:
    """One key's value in the `meta` object, from its stored rows (get_value())."""
    schema = meta_key.value_schema
    kind = meta_key.value_type
    if meta_key.single:
        if rows:
            return _prepared(meta_key, decode(rows[0], kind))
        memo = meta_key.prepared_texts
        if None in memo:  # the default's answer, kept like a stored text's
            return memo[None]
        answer = prepare_value(
            meta_key.default if meta_key.has_default else schema["default"], schema
        )
        if answer is None or isinstance(answer, str | int | float | bool):
            memo[None] = answer
        return answer
    if rows:
        return [_prepared(meta_key, decode(row, kind)) for row in rows]
    # get_metadata_default(): a registered default is the one value of an unset key
    return [prepare_value(meta_key.default, schema)] if meta_key.has_default else []


def _prepared(meta_key: MetaKey, value: Any) -> Any:
    """prepare_value() of a stored value; text under a schema that checks nothing about it
    (most string keys) is its own answer, so a page of posts does not validate each one.
    Other text gives the same answer each time: a scalar answer is kept with the key."""
    if type(value) is not str:
        return prepare_value(value, meta_key.value_schema)
    if meta_key.plain_string:
        return value
    memo = meta_key.prepared_texts
    if value in memo:
        return memo[value]
    answer = prepare_value(value, meta_key.value_schema)
    if answer is None or isinstance(answer, str | int | float | bool):  # nothing to change
        if len(memo) >= PREPARED_TEXTS_KEPT:
            memo.clear()
        memo[value] = answer
    return answer


#: stored texts kept with their prepared value, per key (ratings, flags: a few distinct texts)
PREPARED_TEXTS_KEPT = 256


def _validation_error(error: SchemaError) -> WPError:
    """update_value(): the schema's WP_Error with status 400 added; its own data (the param)
    becomes WordPress's additional_data."""
    wp_error = WPError(error.code, error.message, 400)
    if error.data is not None:
        wp_error.additional_data = [error.data]
    return wp_error


def _invalid_stored_value(name: str) -> WPError:
    return WPError(
        "rest_invalid_stored_value",
        f"The {name} property has an invalid stored value, and cannot be updated to null.",
        500,
    )


# --- one kind of object ---------------------------------------------------------------------------
class MetaFields:
    """The registered meta of one kind of object ("post", "term", "comment", "user"), whose rows
    are `model` instances with a foreign key `owner` to the object, and `key` and `value`."""

    def __init__(
        self,
        object_type: str,
        model: type[Model],
        owner: str,
        subtype_of: Callable[[Any], str] | None = None,
    ) -> None:
        self.object_type, self.model, self.owner = object_type, model, owner
        self.subtype_of = subtype_of or (lambda obj: "")
        #: keys() by subtype, with the registry's dict they were made from
        self._keys: dict[str | None, tuple[dict, dict[str, MetaKey]]] = {}
        self._signatures: dict[str | None, tuple[dict, str]] = {}

    def keys(self, subtype: str | None = None) -> dict[str, MetaKey]:
        """get_registered_fields(): the keys shown in REST (show_in_rest, a REST type), by
        their REST name, for objects of `subtype` (a post type or taxonomy)."""
        registered = registered_meta(self.object_type, subtype)
        made = self._keys.get(subtype)
        if made is None or made[0] is not registered:  # built again when the registry is
            shown = {key.rest_name: key for key in registered.values() if key.in_rest}
            made = self._keys[subtype] = (registered, shown)
        return made[1]

    # --- schema ---------------------------------------------------------------------------------
    def field_schema(self, subtype: str | None = None) -> dict[str, Any]:
        """get_field_schema(): the `meta` property of the item schema, with its argument check.
        No registered key is PHP's empty array: "properties": []."""
        properties = {
            name: copy.deepcopy(meta_key.rest_schema)
            for name, meta_key in self.keys(subtype).items()
        }
        return {
            "description": "Meta fields.",
            "type": "object",
            "context": ["view", "edit"],
            "properties": properties or [],
            "arg_options": {"validate": check_meta_is_array, "sanitize": False},
        }

    def signature(self, subtype: str | None = None) -> str:
        """What the `meta` schema depends on, for caching classes built from a schema."""
        keys = self.keys(subtype)
        made = self._signatures.get(subtype)
        if made is None or made[0] is not keys:
            schema = {name: key.rest_schema for name, key in keys.items()}
            made = self._signatures[subtype] = (keys, orjson.dumps(schema, default=repr).decode())
        return made[1]

    # --- reading --------------------------------------------------------------------------------
    def load(self, ids: Iterable[int], subtype: str | None = None) -> dict[int, dict[str, list]]:
        """The stored rows of the registered keys for these objects, in one query:
        {object id: {key: [text, ...]}} in the rows' order (update_meta_cache())."""
        keys = [meta_key.key for meta_key in self.keys(subtype).values()]
        ids = list(ids)
        found: dict[int, dict[str, list[str]]] = {}
        if not keys or not ids:
            return found
        model = self.model
        owner, key_column = sql.column(model, self.owner), sql.column(model, "key")
        query = (
            f"SELECT {owner}, {key_column}, {sql.column(model, 'value')} FROM {sql.table(model)} "
            f"WHERE {owner} IN ({sql.placeholders(ids)}) "
            f"AND {key_column} IN ({sql.placeholders(keys)}) ORDER BY {sql.column(model, 'id')}"
        )
        for object_id, key, value in sql.fetch(query, [*ids, *keys]):
            found.setdefault(object_id, {}).setdefault(key, []).append(value)
        return found

    def value(self, stored: Stored | None, subtype: str | None = None) -> dict[str, Any] | list:
        """The `meta` field of one object from its loaded rows; [] (PHP's empty array) when no
        key is registered."""
        keys = self.keys(subtype)
        if not keys:
            return []
        stored = stored or {}
        return {
            name: shown(meta_key, stored.get(meta_key.key, [])) for name, meta_key in keys.items()
        }

    # --- writing --------------------------------------------------------------------------------
    def check_can_write(self, obj: Any, values: Any, user: Any) -> None:
        """update_value()'s permission checks, made before a write (the services that write
        meta check none): edit_<kind>_meta for each key set, delete_<kind>_meta for each key
        nulled. `obj` may be an object about to be created."""
        if not isinstance(values, dict):
            return
        for name, meta_key in self.keys(self.subtype_of(obj)).items():
            if name not in values:
                continue
            value = values[name]
            deleting = value is None or (not meta_key.single and value in ([], {}))
            code = "rest_cannot_delete" if deleting else "rest_cannot_update"
            self._check_can_edit(obj, meta_key, user, code)

    def update(self, obj: Model, values: Any) -> None:
        """update_value(): the registered keys present in `values`, in registration order;
        the first invalid value stops the write with its error. Who may write which key is
        checked before, by check_can_write()."""
        if not isinstance(values, dict):
            return  # a JSON list is keyed 0, 1, ...: no registered name
        for name, meta_key in self.keys(self.subtype_of(obj)).items():
            if name not in values:
                continue
            value = values[name]
            if value is None or (not meta_key.single and value in ([], {})):
                self._delete(obj, meta_key)
                continue
            if not meta_key.single and isinstance(value, list | dict):
                items = value.values() if isinstance(value, dict) else value
                if any(item is None for item in items):
                    raise _invalid_stored_value(name)
            try:
                validate(value, meta_key.rest_schema, f"meta.{name}")
            except SchemaError as error:
                raise _validation_error(error) from None
            value = sanitize(value, meta_key.rest_schema)
            if meta_key.single:
                self._update_single(obj, meta_key, value)
            else:
                self._update_multi(obj, meta_key, value)

    def _stored_text(self, meta_key: MetaKey, value: Any) -> str:
        """sanitize_meta() (the key's sanitize_callback), then the text to store."""
        if meta_key.sanitize_callback is not None:
            value = meta_key.sanitize_callback(value, meta_key.key, self.object_type)
        return encode(value)

    def _rows(self, obj: Model, key: str) -> list[Any]:
        return list(self.model.objects.filter(**{self.owner: obj, "key": key}).order_by("id"))

    def _check_can_edit(self, obj: Model, meta_key: MetaKey, user: Any, code: str) -> None:
        """edit_<kind>_meta / delete_<kind>_meta (map_meta_cap): edit_<kind> on the object, and
        a key that is not protected unless its auth_callback allows it."""
        allowed = user_can(user, f"edit_{self.object_type}", obj)
        if allowed and meta_key.auth_callback is not None:
            allowed = bool(meta_key.auth_callback(user, obj, meta_key.key))
        elif allowed:
            allowed = not meta_key.protected
        if not allowed:
            name = meta_key.rest_name
            raise WPError(
                code,
                f"Sorry, you are not allowed to edit the {name} custom field.",
                forbidden_status(user),
                key=name,
            )

    def _delete(self, obj: Model, meta_key: MetaKey) -> None:
        """A null value: the key's rows go, and it reads as its default again. WordPress
        refuses this when the current single value (the default when unset) does not fit the
        schema, e.g. an unset integer without a default, with a 500 of its own."""
        rows = self._rows(obj, meta_key.key)
        if meta_key.single:
            if rows:
                current = decode(rows[0].value, meta_key.value_type)
            else:
                current = meta_key.default if meta_key.has_default else ""
            try:
                validate(current, meta_key.rest_schema)
            except SchemaError:
                raise _invalid_stored_value(meta_key.rest_name) from None
        if rows:
            self.model.objects.filter(pk__in=[row.pk for row in rows]).delete()

    def _update_single(self, obj: Model, meta_key: MetaKey, value: Any) -> None:
        """update_meta_value(): unchanged is a no-op; several rows all take the value."""
        text = self._stored_text(meta_key, value)
        rows = self._rows(obj, meta_key.key)
        if len(rows) == 1 and rows[0].value == text:
            return
        if rows:
            self.model.objects.filter(pk__in=[row.pk for row in rows]).update(value=text)
        else:
            self.model.objects.create(**{self.owner: obj, "key": meta_key.key, "value": text})

    def _update_multi(self, obj: Model, meta_key: MetaKey, values: list) -> None:
        """update_multi_meta_value(): rows matching a requested value once are kept, the other
        rows deleted (by value) and the other values added, in the request's order."""
        current = self._rows(obj, meta_key.key)
        to_remove = dict(enumerate(current))
        to_add = dict(enumerate(self._stored_text(meta_key, value) for value in values))
        for add_index, text in list(to_add.items()):
            matches = [index for index, row in enumerate(current) if row.value == text]
            if len(matches) != 1:
                continue  # none, or several rows to delete and add again
            to_remove.pop(matches[0], None)
            to_add.pop(add_index)
        doomed = {row.value for row in to_remove.values()}
        rows = self.model.objects.filter(**{self.owner: obj, "key": meta_key.key})
        if "" in doomed:
            rows.delete()  # delete_metadata() takes an empty value for "any value"
        elif doomed:
            rows.filter(value__in=doomed).delete()
        self.model.objects.bulk_create(
            [
                self.model(**{self.owner: obj, "key": meta_key.key, "value": t})
                for t in to_add.values()
            ]
        )
