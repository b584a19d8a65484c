from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Background work that is never lost: an outbox of jobs written with the data."""

    name = "duluan.jobs"
    label = "jobs"
    verbose_name = "Công việc nền"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from duluan.core.health import register_health_check

        from .health import check_jobs
        from .registry import autodiscover

        autodiscover()
        register_health_check("jobs", check_jobs, critical=False)
