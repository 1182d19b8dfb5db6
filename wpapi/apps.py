from django.apps import AppConfig


class WpapiConfig(AppConfig):
    name = "wpapi"
    verbose_name = "WordPress REST core"

    def ready(self) -> None:
        from wpapi.cache import connect_signals

        connect_signals()
