"""Admin: the topic taxonomy is edited here (codes stable, names and scope editable)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Correction, ModelVersion, SpikeAlert, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    list_display = ("code", "name", "is_active", "order")
    list_editable = ("name", "is_active", "order")
    search_fields = ("code", "name")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        # Codes are what models and reports key on: fixed once created.
        return ("code",) if obj is not None else ()


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ModelVersion)
class ModelVersionAdmin(ReadOnlyAdmin):
    list_display = ("version", "status", "is_active", "n_train", "n_corrections", "created_at")
    list_filter = ("status", "is_active")


@admin.register(Correction)
class CorrectionAdmin(ReadOnlyAdmin):
    list_display = ("report", "field", "previous", "value", "model_version", "created_at")
    list_filter = ("field",)
    raw_id_fields = ("report",)


@admin.register(SpikeAlert)
class SpikeAlertAdmin(ReadOnlyAdmin):
    list_display = ("window_end", "unit", "topic", "count", "baseline", "score")
    list_select_related = ("unit", "topic")
