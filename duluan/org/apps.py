from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "duluan.org"
    label = "org"
    verbose_name = "Tổ chức"
