from django.apps import AppConfig
from django.core.signals import request_started
from django.test.signals import setting_changed


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Content"

    def ready(self) -> None:
        from content.scheduling import publish_due_posts_now_and_then

        request_started.connect(
            publish_due_posts_now_and_then, dispatch_uid="content-publish-scheduled"
        )
        setting_changed.connect(_registries_changed, dispatch_uid="content-registries")


def _registries_changed(setting: str, **kwargs: object) -> None:
    if setting in ("WP_POST_TYPES", "WP_TAXONOMIES"):
        from content.registry import forget_registries

        forget_registries()
