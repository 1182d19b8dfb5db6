from django.apps import AppConfig
from django.db.models.signals import post_save


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Comments"

    def ready(self) -> None:
        from comments.signals import post_saved

        post_save.connect(post_saved, sender="content.Post", dispatch_uid="comments-post-trash")
