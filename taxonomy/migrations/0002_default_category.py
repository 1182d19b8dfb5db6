"""WordPress installs with the default category "Uncategorized" (term 1, slug uncategorized)."""

from django.db import migrations


def create_default_category(apps, schema_editor):
    Term = apps.get_model("taxonomy", "Term")
    Term.objects.get_or_create(taxonomy="category", slug="uncategorized",
                               defaults={"name": "Uncategorized"})


class Migration(migrations.Migration):

    dependencies = [
        ("taxonomy", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_default_category, migrations.RunPython.noop),
    ]
