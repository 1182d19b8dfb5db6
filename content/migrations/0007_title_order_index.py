# orderby=title without sorting every post on PostgreSQL: the (type, status) index carries the
# title's first characters under the ICU collation the query orders by (wpapi.lookups); a
# whole title cannot be a btree entry (entries stop near 2,700 bytes), its prefix can. SQLite
# keeps sorting.

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS post_type_status_title ON content_post "
    '(type, status, (LEFT(title, 250) COLLATE "und-x-icu"))'
)


def create_title_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_title_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS post_type_status_title")


class Migration(migrations.Migration):
    dependencies = [("content", "0006_slug_prefix_index")]

    operations = [migrations.RunPython(create_title_index, drop_title_index, elidable=False)]
