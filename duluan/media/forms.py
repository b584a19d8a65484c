from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from duluan.org.models import Unit

from .choices import SourceKind
from .models import Source


class SourceForm(forms.Form):
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(), label="Đơn vị theo dõi", empty_label="Chọn đơn vị…"
    )
    name = forms.CharField(label="Tên nguồn", max_length=200)
    outlet = forms.CharField(label="Cơ quan báo chí, trang", max_length=200, required=False)
    kind = forms.ChoiceField(label="Loại nguồn", choices=SourceKind.choices)
    url = forms.CharField(
        label="Địa chỉ RSS/Atom hoặc sitemap",
        max_length=500,
        required=False,
        help_text="Bỏ trống với fanpage, nhóm (nạp tệp xuất).",
    )
    poll_minutes = forms.IntegerField(label="Đọc lại sau (phút)", min_value=5, initial=30)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = units


class UploadForm(forms.Form):
    source = forms.ModelChoiceField(
        queryset=Source.objects.none(), label="Fanpage, nhóm", empty_label="Chọn trang/nhóm…"
    )
    file = forms.FileField(
        label="Tệp xuất bài đăng, bình luận (CSV hoặc JSON)",
        help_text="Tên, mã tài khoản người viết, người bình luận bị bỏ khi đọc; nội dung bình "
        "luận chỉ dùng để đếm chủ đề, sắc thái rồi bỏ.",
    )

    def __init__(self, *args: Any, sources: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["source"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = sources
