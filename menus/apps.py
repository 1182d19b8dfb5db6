from django.apps import AppConfig
from django.db.models.signals import post_save, pre_delete


class MenusConfig(AppConfig):
    name = "menus"
    verbose_name = "Menus"

    def ready(self) -> None:
        from menus import signals

        post = "content.Post"
        pre_delete.connect(signals.post_deleting, sender=post, dispatch_uid="menus-post-del")
        pre_delete.connect(signals.term_deleting, sender="taxonomy.Term", dispatch_uid="menus-term")
        post_save.connect(signals.post_saved, sender=post, dispatch_uid="menus-auto-add")
