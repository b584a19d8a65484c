from django.contrib import admin

from .models import DeadlineExtension, HolidayOverride


@admin.register(HolidayOverride)
class HolidayOverrideAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    list_display = ("date", "name", "is_day_off", "note")
    list_filter = ("is_day_off",)


@admin.register(DeadlineExtension)
class DeadlineExtensionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    list_display = ("item", "new_due", "reason", "granted_by", "granted_at")
    readonly_fields = ("granted_at",)
