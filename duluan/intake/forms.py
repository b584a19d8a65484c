"""Web forms: explicit fields only, never a model's whole field list."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone

from duluan.org.models import Unit

from .attachments import ALLOWED, KINDS_LABEL, accept_extensions, upload_limit_label
from .choices import Channel, Kind, Mood, Urgency, Verifiability

MOOD_REQUIRED = (
    "Chưa chọn tâm trạng chung. Chọn điều bạn nghe thấy; "
    "nếu không nghiêng về bên nào, chọn «Trung lập»."
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ",".join(accept_extensions())})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class UnitChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    """Units indented by depth below the shallowest unit offered."""

    top_depth = 1

    def label_from_instance(self, obj: Unit) -> str:
        return f"{'— ' * (obj.depth - self.top_depth)}{obj.display_name}"


class ReportForm(forms.Form):
    unit = UnitChoiceField(queryset=Unit.objects.none(), label="Đơn vị", empty_label=None)
    channel = forms.ChoiceField(label="Kênh nắm bắt", choices=Channel.choices)
    heard_at = forms.DateTimeField(
        label="Thời điểm nghe được",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%d/%m/%Y"],
    )
    place = forms.CharField(label="Nơi, doanh nghiệp", max_length=255, required=False)
    subject = forms.CharField(label="Tiêu đề (một dòng)", max_length=200)
    text = forms.CharField(
        label="Nội dung phản ánh", widget=forms.Textarea(attrs={"rows": 6}), max_length=20000
    )
    people_count = forms.IntegerField(
        label="Số người liên quan (ước tính)", min_value=1, max_value=10_000_000, required=False
    )
    kind = forms.ChoiceField(label="Loại", choices=Kind.choices)
    # No mood is chosen for the reporter: a default would be counted as what they heard.
    mood = forms.ChoiceField(
        label="Tâm trạng chung",
        choices=[("", "— Chọn tâm trạng —"), *Mood.choices],
        error_messages={"required": MOOD_REQUIRED},
        help_text="Không có lựa chọn sẵn: chọn tâm trạng bạn thực sự nghe thấy.",
    )
    urgency = forms.ChoiceField(label="Mức độ", choices=Urgency.choices, initial=Urgency.NORMAL)
    verifiability = forms.ChoiceField(label="Độ tin cậy của nguồn", choices=Verifiability.choices)
    anonymous = forms.BooleanField(
        label="Gửi ẩn danh (không lưu tên tôi cùng phản ánh)", required=False, initial=True
    )
    reporter_contact = forms.CharField(
        label="Cách liên hệ lại (nếu không ẩn danh)", max_length=150, required=False
    )
    attachments = MultipleFileField(label="Tệp đính kèm", required=False)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        field.queryset = units  # type: ignore[attr-defined]
        depths = [u.depth for u in units]
        field.top_depth = min(depths) if depths else 1  # type: ignore[attr-defined]
        self._describe_attachments()
        if not self.is_bound:
            self.initial.setdefault("heard_at", timezone.localtime().strftime("%Y-%m-%dT%H:%M"))

    def _describe_attachments(self) -> None:
        """The server's limit and types, worded for people and handed to the page's
        check before upload (intake/report-form.js) as data- attributes."""
        limit = upload_limit_label()
        field = self.fields["attachments"]
        field.label = f"Tệp đính kèm (ảnh, PDF, DOCX; tối đa {limit})"
        field.help_text = (
            f"Mỗi tệp tối đa {limit}: {KINDS_LABEL}. Có thể chọn nhiều tệp; "
            "tệp được kiểm tra ngay trên máy, trước khi gửi."
        )
        field.widget.attrs.update(
            {
                "data-max-bytes": str(settings.UPLOAD_MAX_BYTES),
                "data-max-label": limit,
                "data-types": ",".join(ALLOWED),
                "data-extensions": ",".join(accept_extensions()),
                "data-kinds-label": KINDS_LABEL,
            }
        )


class ReportFilterForm(forms.Form):
    date_from = forms.DateField(
        label="Từ ngày", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="Đến ngày", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    unit = forms.IntegerField(label="Đơn vị", required=False, widget=forms.HiddenInput)
    channel = forms.ChoiceField(
        label="Kênh", choices=[("", "Tất cả"), *Channel.choices], required=False
    )
    kind = forms.ChoiceField(label="Loại", choices=[("", "Tất cả"), *Kind.choices], required=False)
    urgency = forms.ChoiceField(
        label="Mức độ", choices=[("", "Tất cả"), *Urgency.choices], required=False
    )
    mood = forms.ChoiceField(
        label="Tâm trạng", choices=[("", "Tất cả"), *Mood.choices], required=False
    )
    sentiment = forms.ChoiceField(
        label="Cảm xúc (theo phân tích)",
        choices=[("", "Tất cả"), *Mood.choices],
        required=False,
        help_text="Theo phân tích văn bản; phản ánh chưa phân tích: theo tâm trạng người phản ánh.",
    )
    q = forms.CharField(
        label="Tìm trong nội dung (có hoặc không dấu)", max_length=200, required=False
    )
