from django.apps import AppConfig


class ScreensConfig(AppConfig):
    name = "wpapi.screens"
    label = "wp"
    verbose_name = "Content"
