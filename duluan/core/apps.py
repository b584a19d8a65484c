from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "duluan.core"
    label = "core"
    verbose_name = "Lõi"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_delete, post_save

        from . import checks, storage_checks  # noqa: F401  (registers system checks)
        from .db import tune_sqlite
        from .health import register_core_checks

        connection_created.connect(tune_sqlite, dispatch_uid="duluan-tune-sqlite")
        register_core_checks()

        from .calendar import overrides_changed
        from .models import HolidayOverride

        # Cache invalidation only (no business rule): edited overrides apply at once.
        for signal in (post_save, post_delete):
            signal.connect(
                lambda **kwargs: overrides_changed(),
                sender=HolidayOverride,
                weak=False,
                dispatch_uid=f"calendar-{signal}",
            )
