from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "duluan.cases"
    label = "cases"
    verbose_name = "Vấn đề DLXH và quy trình xử lý"
