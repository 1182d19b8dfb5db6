"""Registered meta (register_meta) as form fields: one field per key shown in REST, typed by
its schema, holding the value the API shows; what changed goes to the services as the REST
`meta` argument, after the codec's own permission check (MetaFields.check_can_write)."""

from __future__ import annotations

from typing import Any

from django import forms

from wpapi.meta import MetaFields

PREFIX = "meta__"


def meta_fields(codec: MetaFields, subtype: str | None) -> dict[str, forms.Field]:
    """Form fields for the keys registered for objects of `subtype`, named meta__<rest name>."""
    fields: dict[str, forms.Field] = {}
    for name, meta_key in codec.keys(subtype).items():
        schema = meta_key.rest_schema
        kind = schema.get("type")
        label = name.replace("_", " ")
        help_text = schema.get("description") or ""
        field: forms.Field
        if not meta_key.single or kind in ("array", "object") or isinstance(kind, list):
            field = forms.JSONField(
                label=label,
                required=False,
                help_text=(help_text + " (JSON)").strip(),
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        elif kind == "boolean":
            field = forms.BooleanField(label=label, required=False, help_text=help_text)
        elif kind == "integer":
            field = forms.IntegerField(label=label, required=False, help_text=help_text)
        elif kind == "number":
            field = forms.FloatField(label=label, required=False, help_text=help_text)
        elif schema.get("enum"):
            choices = [("", "—"), *((value, value) for value in schema["enum"])]
            field = forms.ChoiceField(
                label=label, choices=choices, required=False, help_text=help_text
            )
        else:
            field = forms.CharField(label=label, required=False, strip=False, help_text=help_text)
        fields[PREFIX + name] = field
    return fields


def meta_initial(codec: MetaFields, obj: Any, subtype: str | None) -> dict[str, Any]:
    """Each field's value for `obj` (the defaults for a new one), as the API's `meta` field
    shows it."""
    if not codec.keys(subtype):
        return {}
    stored = None
    if obj is not None and obj.pk is not None:
        stored = codec.load([obj.pk], subtype).get(obj.pk)
    shown = codec.value(stored, subtype)
    return {PREFIX + name: value for name, value in dict(shown).items()}


def changed_meta(cleaned: dict[str, Any], initial: dict[str, Any]) -> dict[str, Any]:
    """The REST `meta` argument for what the form changed (an emptied number is null)."""
    changed = {}
    for field, value in cleaned.items():
        if not field.startswith(PREFIX):
            continue
        if value == initial.get(field):
            continue
        changed[field[len(PREFIX) :]] = value
    return changed
