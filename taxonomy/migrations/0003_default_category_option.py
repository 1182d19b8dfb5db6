"""WordPress's install saves the default category's ID in the default_category option."""

from django.db import migrations


def save_default_category_option(apps, schema_editor):
    Term = apps.get_model("taxonomy", "Term")
    Option = apps.get_model("wpapi", "Option")
    term = Term.objects.filter(taxonomy="category", slug="uncategorized").first()
    if term is not None:
        Option.objects.get_or_create(name="default_category", defaults={"value": term.pk})


class Migration(migrations.Migration):

    dependencies = [
        ("taxonomy", "0002_default_category"),
        ("wpapi", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(save_default_category_option, migrations.RunPython.noop),
    ]
