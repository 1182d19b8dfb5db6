"""User meta is stored as text like post, term and comment meta (one storage format for the
meta codec in wpapi.meta): scalars as WordPress stores them, arrays and objects as JSON. A key
may hold several rows, as in wp_usermeta."""

import json

from django.db import migrations, models


def _as_text(value):
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value).replace("\x00", "")


def to_text(apps, schema_editor):
    UserMeta = apps.get_model("users", "UserMeta")
    for row in UserMeta.objects.all().iterator():
        if row.value is None:  # an unset key: it reads as its default
            row.delete()
            continue
        row.value_text = _as_text(row.value)
        row.save(update_fields=["value_text"])


def to_json(apps, schema_editor):
    UserMeta = apps.get_model("users", "UserMeta")
    seen = set()
    for row in UserMeta.objects.order_by("id").iterator():
        if (row.user_id, row.key) in seen:  # one row per key before this migration
            row.delete()
            continue
        seen.add((row.user_id, row.key))
        text = row.value_text
        try:
            row.value = json.loads(text) if text[:1] in ("[", "{") else text
        except ValueError:
            row.value = text
        row.save(update_fields=["value"])


class Migration(migrations.Migration):

    dependencies = [
        ("users", "0005_extra_roles"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="usermeta", name="usermeta_user_key"),
        migrations.AddField(
            model_name="usermeta",
            name="value_text",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(to_text, to_json),
        migrations.RemoveField(model_name="usermeta", name="value"),
        migrations.RenameField(model_name="usermeta", old_name="value_text", new_name="value"),
        migrations.AddIndex(
            model_name="usermeta",
            index=models.Index(fields=["user", "key"], name="usermeta_user_meta_key"),
        ),
    ]
