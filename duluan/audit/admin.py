from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    list_display = ("at", "actor", "action", "object_type", "unit_id", "channel", "ip")
    list_filter = ("action", "object_type", "channel")
    date_hierarchy = "at"
    raw_id_fields = ("actor",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
