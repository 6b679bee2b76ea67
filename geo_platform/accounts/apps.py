from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "geo_platform.accounts"
    label = "accounts"
    verbose_name = "Потребители и роли"
