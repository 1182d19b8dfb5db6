from django.apps import AppConfig
from django.core.signals import request_started


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Content"

    def ready(self) -> None:
        from content.scheduling import publish_due_posts_now_and_then

        request_started.connect(
            publish_due_posts_now_and_then, dispatch_uid="content-publish-scheduled"
        )
