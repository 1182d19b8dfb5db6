from django.apps import AppConfig


class ExtensionsConfig(AppConfig):
    name = "extensions"
    verbose_name = "Themes and plugins"
