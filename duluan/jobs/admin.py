from django.contrib import admin

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    list_display = ("id", "kind", "state", "attempts", "created_at", "run_after", "finished_at")
    list_filter = ("state", "kind")
    readonly_fields = [f.name for f in Job._meta.fields]
    ordering = ("-id",)

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
