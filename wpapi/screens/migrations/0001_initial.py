"""The screens' proxy models: one per registered post type and taxonomy (no table, so nothing
to migrate in the database). Built from the registry, so the migration state always matches
what wpapi.screens.screens() registers, whatever a project adds in settings."""

from django.db import migrations

from wpapi.screens import screens


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("content", "0001_initial"),
        ("taxonomy", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name=name,
            fields=[],
            options={
                "proxy": True,
                "verbose_name": singular,
                "verbose_name_plural": plural,
                "indexes": [],
                "constraints": [],
            },
            bases=(base,),
        )
        for name, base, singular, plural in screens()
    ]
