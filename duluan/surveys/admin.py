"""Admin: surveys' window, codes setting and raking margins (the population structure
a unit supplies, e.g. {"gioi_tinh": {"nam": 4200, "nu": 5800}}). Answers are not shown."""

from django.contrib import admin

from .models import Survey


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    list_display = ("title", "kind", "unit", "opens_at", "closes_at")
    list_filter = ("kind",)
    search_fields = ("title",)
    fields = (
        "title",
        "description",
        "unit",
        "kind",
        "opens_at",
        "closes_at",
        "codes_required",
        "raking_margins",
    )
    readonly_fields = ("unit", "kind")
