"""The base serializer: a resource's JSON Schema is its single source of truth.

A resource serializer declares `schema` (WordPress's item schema: properties with `type`,
`context`, `readonly`, ...). From it come the write arguments, OPTIONS and index output, the
fields kept per context, and `_fields` trimming. `to_representation()` builds only the fields the
request asks for (`self.wants(name)`), from data the view already loaded: serializers never query.
"""

from datetime import datetime
from functools import cache, cached_property
from typing import Any

from rest_framework import serializers

from wpapi import schema as wp_schema
from wpapi.dates import format_gmt, format_local


class WPSerializer(serializers.BaseSerializer):
    schema: dict[str, Any] = {"title": "object", "type": "object", "properties": {}}

    @classmethod
    @cache
    def context_plan(cls, context: str) -> dict[str, Any]:
        return wp_schema.context_filter(cls.schema, context)

    @classmethod
    def public_schema(cls) -> dict[str, Any]:
        schema = _without_private(cls.schema)
        return {"$schema": "http://json-schema.org/draft-04/schema#", **schema}

    @cached_property
    def context(self) -> dict[str, Any]:
        """DRF looks the context up at the root serializer on every read; an item reads it
        dozens of times, and it is given once, when the serializer is made."""
        return getattr(self.root, "_context", {})

    @property
    def wp_context(self) -> str:
        return self.context.get("wp_context", "view")

    def wants(self, name: str) -> bool:
        fields = self.context.get("fields")
        return fields is None or name in fields

    def put_fields(self, data: dict[str, Any], instance: Any, *names: str) -> None:
        """The named attributes of `instance`, as they are, for the fields wanted."""
        for name in names:
            if self.wants(name):
                data[name] = getattr(instance, name)

    def put_date(self, data: dict[str, Any], name: str, value: datetime) -> None:
        """WordPress's date pair, when wanted: `name` in the site's time, `name`_gmt in UTC."""
        if self.wants(name):
            data[name] = format_local(value)
        if self.wants(f"{name}_gmt"):
            data[f"{name}_gmt"] = format_gmt(value)

    def links(self, instance: Any) -> dict[str, list[dict[str, Any]]]:
        """`_links` for one item; resources override."""
        return {}

    #: whether the item's links are added whatever `_fields` asks (add_link() unconditional)
    links_always = False

    def item(self, instance: Any) -> dict[str, Any]:
        """One item as sent: its fields for the context (those `_fields` asks for, as
        get_fields_for_response() leaves them), then `_links` when wanted."""
        data = wp_schema.apply_plan(
            self.to_representation(instance), self.context_plan(self.wp_context)
        )
        fields = self.context.get("fields")
        if fields is not None:
            data = {name: value for name, value in data.items() if name in fields}
        if self.links_always or self.wants("_links"):
            item_links = self.links(instance)
            if item_links:
                if any(rel.startswith("wp:") for rel in item_links):
                    item_links["curies"] = [dict(curie) for curie in _CURIES]
                data["_links"] = item_links
        return data


_CURIES = ({"name": "wp", "href": "https://api.w.org/{rel}", "templated": True},)


def _without_private(value: Any) -> Any:
    """A schema as shown to clients: our own keys (arg_options) removed."""
    if isinstance(value, dict):
        return {key: _without_private(item) for key, item in value.items() if key != "arg_options"}
    if isinstance(value, list):
        return [_without_private(item) for item in value]
    return value
