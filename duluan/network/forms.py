"""Web forms of the network pages: explicit fields only."""

from __future__ import annotations

from typing import Any

from django import forms

from duluan.core.dates import validate_event_date, validate_past_date
from duluan.intake.choices import Kind, Mood, Urgency, Verifiability
from duluan.intake.forms import UnitChoiceField
from duluan.org.models import Unit
from duluan.org.types import Actor

from .choices import (
    ArticleKind,
    BriefingKind,
    CommendationKind,
    DialogueKind,
    EventKind,
    Grade,
    MemberKind,
    PetitionState,
    Platform,
    RosterStatus,
)
from .selectors.common import units_in_reach

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M"]


def date_field(label: str, *, required: bool = True, ahead: bool = False) -> forms.DateField:
    """A date typed in: up to tomorrow when it records what happened, up to
    10 years ahead (``ahead``) when it may be planned (core.dates)."""
    return forms.DateField(
        label=label,
        widget=DATE,
        input_formats=DATE_FORMATS,
        required=required,
        validators=[validate_event_date if ahead else validate_past_date],
    )


class UnitForm(forms.Form):
    """A form whose first field is a unit from the actor's reach."""

    unit = UnitChoiceField(queryset=Unit.objects.none(), label="Đơn vị", empty_label=None)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        field.queryset = units  # type: ignore[attr-defined]
        first = units.order_by("depth").first()
        field.top_depth = first.depth if first else 1  # type: ignore[attr-defined]


class MemberForm(UnitForm):
    kind = forms.ChoiceField(label="Loại", choices=MemberKind.choices)
    full_name = forms.CharField(label="Họ và tên", max_length=150)
    on = date_field("Công nhận từ ngày")
    decision_no = forms.CharField(label="Số quyết định", max_length=60, required=False)
    decision_date = date_field("Ngày quyết định", required=False)
    issuer = forms.CharField(label="Cơ quan ban hành", max_length=200, required=False)
    term_end = date_field("Hết nhiệm kỳ", required=False, ahead=True)
    position = forms.CharField(label="Chức vụ, nơi làm việc", max_length=200, required=False)
    phone = forms.CharField(label="Điện thoại", max_length=20, required=False)
    fields_followed = forms.CharField(label="Lĩnh vực theo dõi", max_length=255, required=False)
    groups_reached = forms.CharField(
        label="Nhóm đoàn viên, nhóm mạng tiếp cận", max_length=255, required=False
    )
    username = forms.CharField(label="Tài khoản (nếu có)", max_length=150, required=False)


class EventForm(forms.Form):
    kind = forms.ChoiceField(label="Sự kiện", choices=EventKind.choices)
    status = forms.ChoiceField(label="Trạng thái", choices=RosterStatus.choices)
    on = date_field("Từ ngày")
    decision_no = forms.CharField(label="Số quyết định", max_length=60, required=False)
    note = forms.CharField(label="Ghi chú", max_length=500, required=False)


class CommendationForm(forms.Form):
    kind = forms.ChoiceField(label="Loại", choices=CommendationKind.choices)
    form = forms.CharField(label="Hình thức", max_length=200)
    decision_no = forms.CharField(label="Số quyết định", max_length=60)
    decision_date = date_field("Ngày quyết định")
    issuer = forms.CharField(label="Cơ quan ban hành", max_length=200, required=False)
    reason = forms.CharField(label="Lý do", max_length=500, required=False)


class SignForm(forms.Form):
    grade = forms.ChoiceField(label="Xếp loại", choices=Grade.choices)
    comment = forms.CharField(
        label="Nhận xét", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class TrainingForm(UnitForm):
    title = forms.CharField(label="Tên lớp", max_length=255)
    topic = forms.CharField(label="Chủ đề", max_length=255, required=False)
    starts_on = date_field("Từ ngày", ahead=True)
    ends_on = date_field("Đến ngày", required=False, ahead=True)
    place = forms.CharField(label="Địa điểm", max_length=255, required=False)
    online = forms.BooleanField(label="Học trực tuyến", required=False)
    trainers = forms.CharField(label="Giảng viên", max_length=500, required=False)
    invited = forms.CharField(label="Đơn vị, người được mời", max_length=500, required=False)
    materials = forms.CharField(
        label="Tài liệu", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class BriefingForm(UnitForm):
    kind = forms.ChoiceField(label="Loại", choices=BriefingKind.choices)
    title = forms.CharField(label="Tên cuộc giao ban", max_length=255)
    held_at = forms.DateTimeField(
        label="Thời gian",
        widget=DATETIME,
        input_formats=DATETIME_FORMATS,
        validators=[validate_event_date],
    )
    place = forms.CharField(label="Địa điểm", max_length=255, required=False)
    chair = forms.CharField(label="Chủ trì", max_length=200, required=False)
    secretary = forms.CharField(label="Thư ký", max_length=200, required=False)
    agenda = forms.CharField(
        label="Chương trình (mỗi mục một dòng)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    info_given = forms.CharField(
        label="Thông tin định hướng, tài liệu phổ biến (mỗi mục một dòng)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    conclusion = forms.CharField(
        label="Kết luận", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class OpinionForm(forms.Form):
    subject = forms.CharField(label="Tiêu đề ý kiến", max_length=200)
    text = forms.CharField(
        label="Nội dung", widget=forms.Textarea(attrs={"rows": 3}), max_length=20000
    )
    kind = forms.ChoiceField(label="Loại", choices=Kind.choices)
    mood = forms.ChoiceField(label="Tâm trạng", choices=Mood.choices, initial=Mood.NEUTRAL)
    urgency = forms.ChoiceField(label="Mức độ", choices=Urgency.choices, initial=Urgency.NORMAL)
    verifiability = forms.ChoiceField(
        label="Độ kiểm chứng", choices=Verifiability.choices, initial=Verifiability.MULTIPLE
    )


class DialogueForm(UnitForm):
    kind = forms.ChoiceField(label="Hình thức", choices=DialogueKind.choices)
    held_on = date_field("Ngày tổ chức", ahead=True)
    enterprise = forms.CharField(label="Doanh nghiệp, cơ quan", max_length=255, required=False)
    parties = forms.CharField(label="Thành phần tham dự", max_length=500, required=False)
    participants = forms.IntegerField(
        label="Số người tham dự", min_value=0, max_value=1_000_000, initial=0
    )
    summary = forms.CharField(
        label="Nội dung chính", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class PetitionForm(forms.Form):
    content = forms.CharField(label="Nội dung kiến nghị", widget=forms.Textarea(attrs={"rows": 2}))
    answerer = forms.CharField(label="Người, cơ quan trả lời", max_length=255)
    due_on = date_field("Hạn trả lời (để trống: theo quy định)", required=False, ahead=True)


class PetitionUpdateForm(forms.Form):
    state = forms.ChoiceField(label="Tình trạng", choices=PetitionState.choices)
    answer = forms.CharField(
        label="Trả lời", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    reason = forms.CharField(
        label="Lý do (khi không giải quyết được)", max_length=500, required=False
    )


class ExtendForm(forms.Form):
    new_due = date_field("Hạn mới", ahead=True)
    reason = forms.CharField(label="Lý do gia hạn", max_length=500)


class ArticleForm(UnitForm):
    kind = forms.ChoiceField(label="Loại", choices=ArticleKind.choices)
    platform = forms.ChoiceField(label="Nơi đăng", choices=Platform.choices)
    title = forms.CharField(label="Tiêu đề", max_length=255)
    url = forms.URLField(label="Liên kết", max_length=500, required=False, assume_scheme="https")
    published_on = date_field("Ngày đăng")
    author_name = forms.CharField(label="Người viết, chia sẻ", max_length=150, required=False)
    reach = forms.IntegerField(label="Lượt tiếp cận", min_value=0, initial=0)
    interactions = forms.IntegerField(label="Lượt tương tác", min_value=0, initial=0)
    counters_rumour = forms.BooleanField(label="Phản bác tin đồn, thông tin sai", required=False)
    matter_id = forms.IntegerField(
        label="Trả lời vấn đề DLXH số (nếu có)", min_value=1, required=False
    )


class FileForm(forms.Form):
    file = forms.FileField(label="Tệp bảng tính (.xlsx hoặc CSV)")


class ArticleImportForm(UnitForm):
    platform = forms.ChoiceField(label="Trang", choices=Platform.choices, initial=Platform.FANPAGE)
    file = forms.FileField(label="Tệp xuất của trang (CSV hoặc .xlsx)")


class DeclarationForm(forms.Form):
    unit = forms.TypedChoiceField(label="Khai báo với đơn vị", coerce=int, choices=())
    no_pages = forms.BooleanField(
        label="Tôi không sử dụng trang cá nhân, tài khoản mạng xã hội nào", required=False
    )
    platform_1 = forms.ChoiceField(
        label="Nền tảng (1)", choices=[("", "—"), *Platform.choices], required=False
    )
    address_1 = forms.CharField(label="Địa chỉ, tên tài khoản (1)", max_length=500, required=False)
    purpose_1 = forms.CharField(label="Mục đích (1)", max_length=255, required=False)
    platform_2 = forms.ChoiceField(
        label="Nền tảng (2)", choices=[("", "—"), *Platform.choices], required=False
    )
    address_2 = forms.CharField(label="Địa chỉ, tên tài khoản (2)", max_length=500, required=False)
    purpose_2 = forms.CharField(label="Mục đích (2)", max_length=255, required=False)
    platform_3 = forms.ChoiceField(
        label="Nền tảng (3)", choices=[("", "—"), *Platform.choices], required=False
    )
    address_3 = forms.CharField(label="Địa chỉ, tên tài khoản (3)", max_length=500, required=False)
    purpose_3 = forms.CharField(label="Mục đích (3)", max_length=255, required=False)

    def __init__(self, *args: Any, units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.display_name) for u in units]  # type: ignore[attr-defined]


class MediaGroupForm(UnitForm):
    platform = forms.ChoiceField(label="Nền tảng", choices=Platform.choices, initial=Platform.ZALO)
    name = forms.CharField(label="Tên nhóm, trang", max_length=200)
    opened_on = date_field("Lập ngày")
    members = forms.IntegerField(label="Số thành viên", min_value=0, initial=0)


class FilterForm(forms.Form):
    """Unit (with its subtree) and year; list pages add their own fields. The units
    offered are those the actor reaches with ``perm``."""

    unit = UnitChoiceField(
        queryset=Unit.objects.none(),
        label="Đơn vị",
        required=False,
        empty_label="Tất cả trong phạm vi",
    )
    year = forms.IntegerField(label="Năm", min_value=1990, max_value=2100, required=False)

    def __init__(self, data: Any, *, actor: Actor, perm: str, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        units = units_in_reach(actor, perm)
        field = self.fields["unit"]
        field.queryset = units  # type: ignore[attr-defined]
        first = units.order_by("depth").first()
        field.top_depth = first.depth if first else 1  # type: ignore[attr-defined]

    def value(self, name: str) -> Any:
        return self.cleaned_data.get(name) if self.is_valid() else None
