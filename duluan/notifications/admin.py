"""Admin: the gateway's deliveries, read only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import WebhookDelivery


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    """The gateway's deliveries, read only: what was taken, what waits, what was given up."""

    list_display = ("matter", "event", "attempts", "delivered_at", "next_at", "last_error")
    list_filter = ("event",)
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
