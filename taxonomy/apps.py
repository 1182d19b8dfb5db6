from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete


class TaxonomyConfig(AppConfig):
    name = "taxonomy"
    verbose_name = "Taxonomies"

    def ready(self) -> None:
        from taxonomy import signals
        from taxonomy.models import Term

        post = "content.Post"
        post_save.connect(signals.post_saved, sender=post, dispatch_uid="taxonomy-post-saved")
        pre_delete.connect(signals.post_deleting, sender=post, dispatch_uid="taxonomy-post-del")
        post_delete.connect(signals.post_deleted, sender=post, dispatch_uid="taxonomy-post-gone")
        m2m_changed.connect(
            signals.terms_changed, sender=Term.posts.through, dispatch_uid="taxonomy-terms"
        )
