from django.apps import AppConfig


class WpapiConfig(AppConfig):
    name = "wpapi"
    verbose_name = "WordPress REST core"
