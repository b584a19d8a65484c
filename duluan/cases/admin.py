"""Admin: step deadlines per level are configured here; matters are read, not edited
(state changes go through the workflow, never a form)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Matter, StepDeadline


@admin.register(StepDeadline)
class StepDeadlineAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    list_display = ("step", "level", "working_days")
    list_filter = ("step", "level")


@admin.register(Matter)
class MatterAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    list_display = ("title", "owning_unit", "state", "priority", "is_hot_spot", "created_at")
    list_filter = ("state", "priority", "is_hot_spot")
    search_fields = ("title",)
    raw_id_fields = ("owning_unit", "owner", "merged_into")
    readonly_fields = [f.name for f in Matter._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
