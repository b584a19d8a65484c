from django.contrib import admin

from .models import ImportBatch, Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    list_display = ("subject", "unit", "heard_at", "channel", "kind", "urgency", "source")
    list_filter = ("channel", "kind", "urgency", "source")
    search_fields = ("subject",)
    raw_id_fields = ("unit",)
    date_hierarchy = "heard_at"
    list_select_related = ("unit",)
    # Identity lives apart and is not shown here.
    exclude = ("submitter_key",)


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    list_display = ("file_name", "created_at", "rows_total", "rows_created", "rows_duplicate")
