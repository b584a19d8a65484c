from django.contrib import admin
from django.http import HttpRequest

from .models import PeriodicReport, Schedule


@admin.register(Schedule)
class ScheduleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    list_display = [
        "report_type",
        "level",
        "depth",
        "to_unit",
        "due_day",
        "months_after",
        "remind_days_before",
        "is_active",
    ]
    list_filter = ["report_type", "is_active"]
    raw_id_fields = ["to_unit"]


@admin.register(PeriodicReport)
class PeriodicReportAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    """Read-only here: reports change only through the workflow (pages and API)."""

    list_display = ["period", "report_type", "unit", "state", "due_at", "submitted_at"]
    list_filter = ["report_type", "state"]
    search_fields = ["unit__code", "unit__name", "period"]
    readonly_fields = [f.name for f in PeriodicReport._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
