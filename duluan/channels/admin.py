from django.contrib import admin

from .models import ChannelEndpoint, ChannelMessage, ZaloTemplate


@admin.register(ChannelEndpoint)
class ChannelEndpointAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("kind", "unit", "address", "code", "replies", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("address", "code", "unit__name", "unit__code")
    autocomplete_fields = ("unit",)


@admin.register(ChannelMessage)
class ChannelMessageAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only: messages are written by the channels, never by hand."""

    list_display = ("kind", "message_id", "state", "unit", "report", "received_at")
    list_filter = ("kind", "state")
    readonly_fields = ("kind", "state", "unit", "report", "sent_at", "received_at")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(ZaloTemplate)
class ZaloTemplateAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Templates approved by Zalo: only those ticked are ever sent to followers."""

    list_display = ("name", "oa_id", "template_id", "approved")
    list_filter = ("approved",)
    search_fields = ("name", "template_id", "oa_id")
