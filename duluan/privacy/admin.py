from __future__ import annotations

import json
from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html

from duluan.core.errors import ApplicationError

from .models import Consent, DataSubjectRequest, ErasureEntry
from .services import dsr_complete, subject_export, subject_of


@admin.register(DataSubjectRequest)
class DataSubjectRequestAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    list_display = ("__str__", "kind", "status", "received_at", "reply_due", "done_due", "overdue")
    list_filter = ("kind", "status")
    fields = (
        "kind",
        "subject_user",
        "subject_name",
        "subject_contacts",
        "details",
        "received_at",
        "status",
        "replied_at",
        "done_at",
        "outcome",
    )
    readonly_fields = ("status", "replied_at", "done_at")
    raw_id_fields = ("subject_user",)
    actions = ["export_data", "carry_out"]

    @admin.display(description="quá hạn", boolean=True)
    def overdue(self, obj: DataSubjectRequest) -> bool:
        return obj.is_overdue()

    def save_model(
        self, request: HttpRequest, obj: DataSubjectRequest, form: Any, change: bool
    ) -> None:
        if not change:
            obj.received_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)

    @admin.action(description="Tải về toàn bộ dữ liệu đang lưu về người này (JSON)")
    def export_data(
        self, request: HttpRequest, queryset: QuerySet[DataSubjectRequest]
    ) -> HttpResponse:
        payload = {str(r.pk): subject_export(subject=subject_of(r)) for r in queryset}
        response = HttpResponse(
            json.dumps(payload, ensure_ascii=False, indent=2), content_type="application/json"
        )
        response["Content-Disposition"] = 'attachment; filename="du-lieu-chu-the.json"'
        return response

    @admin.action(description="Thực hiện yêu cầu (xoá / hạn chế / cung cấp) và đóng")
    def carry_out(self, request: HttpRequest, queryset: QuerySet[DataSubjectRequest]) -> None:
        for item in queryset:
            try:
                dsr_complete(request=item, actor=request.user)
            except ApplicationError as exc:
                self.message_user(request, f"{item}: {exc.message}", messages.ERROR)
            else:
                self.message_user(request, format_html("Đã thực hiện: {}", str(item)))


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    list_display = ("subject_kind", "subject_id", "purpose", "method", "given_at", "withdrawn_at")
    list_filter = ("purpose", "method")


@admin.register(ErasureEntry)
class ErasureEntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    list_display = ("at", "request", "erased_by")
    readonly_fields = ("at", "request", "keys", "erased_by")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
