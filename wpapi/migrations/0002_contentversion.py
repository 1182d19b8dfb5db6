from django.db import migrations, models


def first_version(apps, schema_editor):
    apps.get_model("wpapi", "ContentVersion").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("wpapi", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.BigIntegerField(default=1)),
            ],
        ),
        migrations.RunPython(first_version, migrations.RunPython.noop),
    ]
