# Searching without full scans on PostgreSQL: trigram (pg_trgm, GIN) indexes on the expressions
# Django's `icontains` compares (UPPER(column)), so WordPress's substring search keeps its exact
# meaning; and the posts index carries the ID, the tie-break of every date-ordered list.
# SQLite keeps scanning (its LIKE is fast enough for the embedded default).

from django.db import migrations, models

COLUMNS = ("title", "excerpt", "content")


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS post_{column}_trgm ON content_post "
            f'USING gin (UPPER("{column}"::text) gin_trgm_ops)'
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS post_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("content", "0004_media_details_keep_order")]

    operations = [
        migrations.RemoveIndex(model_name="post", name="post_type_status_date"),
        migrations.AddIndex(
            model_name="post",
            index=models.Index(
                fields=["type", "status", "-date", "-id"], name="post_type_status_date_id"
            ),
        ),
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes, elidable=False),
    ]
