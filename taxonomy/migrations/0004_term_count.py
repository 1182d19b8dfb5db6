# Term counts become stored (WordPress's term_taxonomy.count) instead of computed on each read.

from django.db import migrations, models
from django.db.models import Count, Q


def count_terms(apps, schema_editor):
    """The counts as _update_post_term_count() keeps them, for the terms that exist."""
    from wpapi.registry import get_taxonomy

    Term = apps.get_model("taxonomy", "Term")
    TermRelationship = apps.get_model("taxonomy", "TermRelationship")
    for slug in Term.objects.values_list("taxonomy", flat=True).distinct():
        taxonomy = get_taxonomy(slug)
        types = list(taxonomy.object_types) if taxonomy else ["post"]
        counted = Q(post__type__in=[t for t in types if t != "attachment"], post__status="publish")
        if "attachment" in types:
            counted |= Q(post__type="attachment") & (
                Q(post__status="publish") | Q(post__status="inherit", post__parent__status="publish")
            )
        rows = (
            TermRelationship.objects.filter(counted, term__taxonomy=slug)
            .values("term_id")
            .annotate(total=Count("pk"))
            .values_list("term_id", "total")
        )
        for term_id, total in rows:
            Term.objects.filter(pk=term_id).update(count=total)


class Migration(migrations.Migration):
    dependencies = [
        ("taxonomy", "0003_default_category_option"),
        ("content", "0004_media_details_keep_order"),
    ]

    operations = [
        migrations.AddField(
            model_name="term",
            name="count",
            field=models.IntegerField(default=0),
        ),
        migrations.RunPython(count_terms, migrations.RunPython.noop),
    ]
