"""Roster, coverage, inactive list, evaluations: staff data pages."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from duluan.core.errors import ApplicationError
from duluan.core.pages import attachment
from duluan.core.sheets.cells import Cell
from duluan.jobs.files import job_enqueue_with_input
from duluan.org.scope import has_perm, unit_in_scope

from ..choices import MemberKind, RosterStatus
from ..forms import CommendationForm, EventForm, FileForm, MediaGroupForm, MemberForm, SignForm
from ..jobs import IMPORT_ROSTER
from ..models import Evaluation
from ..permissions import MANAGE, SIGN, VIEW
from ..selectors.activity import (
    LABELS,
    WEIGHTS,
    access_evaluation,
    evaluation_list,
    formula_text,
    inactive_list,
    inactive_weeks,
    member_activity,
)
from ..selectors.common import active_account, top_unit, units_in_reach
from ..selectors.roster import access_member, coverage, member_history, member_list
from ..services.activity import commendation_add, evaluation_prefill, evaluation_sign
from ..services.imports import ROSTER_COLUMNS
from ..services.roster import Appointment, media_group_add, member_create, member_event_add
from .common import (
    FilterForm,
    Listing,
    Row,
    filters_from,
    form_errors,
    needs,
    render_listing,
    vn_day,
)


class RosterFilters(FilterForm):
    kind = forms.ChoiceField(
        label="Loại", choices=[("", "Tất cả"), *MemberKind.choices], required=False
    )
    status = forms.ChoiceField(
        label="Trạng thái", choices=[("", "Tất cả"), *RosterStatus.choices], required=False
    )
    q = forms.CharField(label="Tên", max_length=100, required=False)


@needs(MANAGE)
def roster_view(request: HttpRequest) -> HttpResponse:
    filters = filters_from(request, RosterFilters, MANAGE)
    members = member_list(
        request.user,
        within=filters.value("unit"),
        kind=filters.value("kind"),
        status=filters.value("status"),
        name=filters.value("q"),
        with_events=True,
    )

    def row(m: object) -> Row:
        first = m.events.all()[0] if m.events.all() else None  # type: ignore[attr-defined]
        return Row(
            [
                m.full_name,  # type: ignore[attr-defined]
                m.get_kind_display(),  # type: ignore[attr-defined]
                m.unit.display_name,  # type: ignore[attr-defined]
                m.get_status_display(),  # type: ignore[attr-defined]
                vn_day(first.on) if first else "",
                first.decision_no if first else "",
                m.fields_followed,  # type: ignore[attr-defined]
            ],
            url=reverse("network:member_detail", args=[m.pk]),  # type: ignore[attr-defined]
        )

    listing = Listing(
        title="Cộng tác viên, báo cáo viên",
        headers=[
            "Họ và tên",
            "Loại",
            "Đơn vị",
            "Trạng thái",
            "Công nhận từ",
            "Số quyết định",
            "Lĩnh vực",
        ],
        queryset=members,
        row=row,
        filters=filters,
        actions=[
            ("Thêm người", reverse("network:member_create")),
            ("Nhập từ Excel", reverse("network:roster_import")),
            ("Độ bao phủ", reverse("network:coverage")),
            ("Không hoạt động", reverse("network:inactive")),
        ],
        export_name="danh-sach-ctv",
        object_type="network_member",
    )
    return render_listing(request, listing)


@needs(MANAGE)
@require_http_methods(["GET", "POST"])
def member_create_view(request: HttpRequest) -> HttpResponse:
    form = MemberForm(request.POST or None, units=units_in_reach(request.user, MANAGE))
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        user = None
        if cd["username"]:
            user = active_account(cd["username"])
            if user is None:
                form.add_error("username", "Không có tài khoản này.")
        if not form.errors:
            try:
                member = member_create(
                    actor=request.user,
                    unit_id=cd["unit"].pk,
                    kind=cd["kind"],
                    full_name=cd["full_name"],
                    user=user,
                    position=cd["position"],
                    phone=cd["phone"],
                    fields_followed=cd["fields_followed"],
                    groups_reached=cd["groups_reached"],
                    appointment=Appointment(
                        on=cd["on"],
                        decision_no=cd["decision_no"],
                        decision_date=cd["decision_date"],
                        issuer=cd["issuer"],
                        term_end=cd["term_end"],
                    ),
                )
            except ApplicationError as exc:
                form_errors(form, exc)
            else:
                messages.success(request, f"Đã thêm {member.full_name}.")
                return redirect("network:member_detail", member.pk)
    return render(
        request,
        "network/form.html",
        {
            "form": form,
            "title": "Thêm cộng tác viên, báo cáo viên",
            "back": reverse("network:roster"),
        },
    )


@needs(None)
@require_http_methods(["GET", "POST"])
def member_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    member = access_member(request.user, pk)
    manage = unit_in_scope(request.user, MANAGE, member.unit)
    event_form = EventForm(prefix="ev")
    reward_form = CommendationForm(prefix="kt")
    if request.method == "POST":
        if not manage:
            raise Http404("Không tìm thấy trang.")
        action = request.POST.get("action")
        try:
            if action == "event":
                event_form = EventForm(request.POST, prefix="ev")
                if event_form.is_valid():
                    cd = event_form.cleaned_data
                    member_event_add(
                        actor=request.user,
                        member_id=member.pk,
                        kind=cd["kind"],
                        status=cd["status"],
                        data=Appointment(
                            on=cd["on"], decision_no=cd["decision_no"], note=cd["note"]
                        ),
                    )
                    messages.success(request, "Đã ghi diễn biến.")
                    return redirect("network:member_detail", member.pk)
            elif action == "reward":
                reward_form = CommendationForm(request.POST, prefix="kt")
                if reward_form.is_valid():
                    commendation_add(
                        actor=request.user, member_id=member.pk, **reward_form.cleaned_data
                    )
                    messages.success(request, "Đã ghi khen thưởng, kỷ luật.")
                    return redirect("network:member_detail", member.pk)
            elif action == "evaluate":
                year = int(request.POST.get("year") or timezone.localdate().year)
                evaluation = evaluation_prefill(actor=request.user, member_id=member.pk, year=year)
                return redirect("network:evaluation_detail", evaluation.pk)
        except (ApplicationError, ValueError) as exc:
            messages.error(request, getattr(exc, "message", "Dữ liệu không hợp lệ."))
    year = int(request.GET.get("year") or timezone.localdate().year)
    activity = member_activity(member, date(year, 1, 1), date(year + 1, 1, 1))
    history = member_history(member)
    context = {
        "member": member,
        "manage": manage,
        "events": history.events,
        "evaluations": history.evaluations,
        "commendations": history.commendations,
        "trainings": history.trainings,
        "year": year,
        "activity": [(LABELS[k], getattr(activity, k)) for k in LABELS],
        "score": activity.score(),
        "event_form": event_form,
        "reward_form": reward_form,
    }
    return render(request, "network/member_detail.html", context)


@needs(MANAGE)
@require_http_methods(["GET", "POST"])
def roster_import_view(request: HttpRequest) -> HttpResponse:
    form = FileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = job_enqueue_with_input(
            IMPORT_ROSTER,
            {},
            created_by=request.user,
            file_name=upload.name or "",
            content=upload.read(),
        )
        return redirect("jobs:job", pk=job.pk)
    intro = (
        "Mỗi dòng là một người và quyết định công nhận của họ. Các cột: "
        + ", ".join(c.title for c in ROSTER_COLUMNS)
        + ". Có dòng lỗi thì không dòng nào được ghi. Tệp xuất từ danh sách nhập lại được."
    )
    return render(
        request,
        "network/form.html",
        {
            "form": form,
            "title": "Nhập danh sách cộng tác viên",
            "intro": intro,
            "multipart": True,
            "submit": "Nhập",
            "back": reverse("network:roster"),
        },
    )


class CoverageFilters(FilterForm):
    day = forms.DateField(
        label="Tại ngày",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )


@needs(VIEW)
@require_http_methods(["GET", "POST"])
def coverage_view(request: HttpRequest) -> HttpResponse:
    managed = units_in_reach(request.user, MANAGE)
    group_form = (
        MediaGroupForm(request.POST or None, units=managed, prefix="mg")
        if managed.exists()
        else None
    )
    if request.method == "POST":
        if group_form is None:
            raise Http404("Không tìm thấy trang.")
        if group_form.is_valid():
            cd = dict(group_form.cleaned_data)
            unit_obj = cd.pop("unit")
            try:
                media_group_add(actor=request.user, unit_id=unit_obj.pk, **cd)
            except ApplicationError as exc:
                form_errors(group_form, exc)
            else:
                messages.success(request, "Đã ghi nhóm truyền thông.")
                return redirect(f"{reverse('network:coverage')}?unit={unit_obj.pk}")
    filters = filters_from(request, CoverageFilters, VIEW)
    unit = filters.value("unit")
    if unit is None:
        unit = top_unit(request.user, VIEW)
    if unit is None:
        raise Http404("Không tìm thấy đơn vị.")
    day = filters.value("day") or timezone.localdate()
    cov = coverage(unit, day)
    if request.GET.get("xuat") == "xlsx":
        from ..sheets import XLSX_TYPE, xlsx_bytes

        rows: list[list[Cell]] = [
            [r.level, r.units, r.with_team, r.units - r.with_team, r.with_media] for r in cov.levels
        ]
        body = xlsx_bytes(
            "Độ bao phủ", ["Cấp", "Số đơn vị", "Có tổ CTV", "Chưa có", "Có nhóm truyền thông"], rows
        )
        return attachment(body, XLSX_TYPE, f"do-bao-phu-{day:%Y%m%d}.xlsx", dated=False)
    return render(
        request, "network/coverage.html", {"filters": filters, "cov": cov, "unit": unit, "day": day}
    )


@needs(MANAGE)
def inactive_view(request: HttpRequest) -> HttpResponse:
    rows = inactive_list(request.user)

    def row(item: object) -> Row:
        m = item.member  # type: ignore[attr-defined]
        last = item.last_report  # type: ignore[attr-defined]
        return Row(
            [m.full_name, m.unit.display_name, vn_day(last) if last else "chưa có"],
            url=reverse("network:member_detail", args=[m.pk]),
        )

    listing = Listing(
        title="Cộng tác viên không hoạt động",
        headers=["Họ và tên", "Đơn vị", "Phản ánh gần nhất"],
        queryset=rows,
        row=row,
        intro=(
            f"Cộng tác viên có tài khoản, đang hoạt động, không gửi phản ánh nào trong {inactive_weeks()} tuần qua. "
            "Chỉ cán bộ của chính đơn vị họ thấy danh sách này."
        ),
        export_name="ctv-khong-hoat-dong",
        object_type="network_member",
    )
    return render_listing(request, listing)


class EvaluationFilters(FilterForm):
    pass


@needs(MANAGE)
def evaluation_list_view(request: HttpRequest) -> HttpResponse:
    filters = filters_from(request, EvaluationFilters, MANAGE)
    evaluations = evaluation_list(
        request.user, within=filters.value("unit"), year=filters.value("year")
    )

    def row(e: Evaluation) -> Row:
        return Row(
            [
                e.member.full_name,
                e.member.unit.display_name,
                e.year,
                e.score,
                e.get_suggested_display(),
                e.get_grade_display(),
                "đã ký" if e.signed_at else "chưa ký",
            ],
            url=reverse("network:evaluation_detail", args=[e.pk]),
        )

    listing = Listing(
        title="Đánh giá, xếp loại cộng tác viên",
        headers=["Họ và tên", "Đơn vị", "Năm", "Điểm", "Gợi ý", "Xếp loại", "Ký duyệt"],
        queryset=evaluations,
        row=row,
        filters=filters,
        intro=formula_text(),
        export_name="danh-gia-ctv",
        object_type="network_evaluation",
    )
    return render_listing(request, listing)


@needs(None)
@require_http_methods(["GET", "POST"])
def evaluation_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = access_evaluation(request.user, pk)
    can_sign = (
        unit_in_scope(request.user, SIGN, evaluation.member.unit) and evaluation.signed_at is None
    )
    form = SignForm(request.POST or None, initial={"grade": evaluation.grade})
    if request.method == "POST":
        if not unit_in_scope(request.user, MANAGE, evaluation.member.unit):
            raise Http404("Không tìm thấy trang.")
        if form.is_valid():
            try:
                evaluation_sign(
                    actor=request.user, evaluation_id=evaluation.pk, **form.cleaned_data
                )
            except ApplicationError as exc:
                if exc.status == 403:
                    return render(
                        request, "network/denied.html", {"message": exc.message}, status=403
                    )
                form_errors(form, exc)
            else:
                messages.success(request, "Đã ký duyệt xếp loại.")
                return redirect("network:evaluation_detail", evaluation.pk)
    evidence = [
        (
            LABELS[k],
            evaluation.figures.get(k, 0),
            each,
            cap,
            min(evaluation.figures.get(k, 0) * each, cap),
        )
        for k, each, cap in WEIGHTS
    ]
    return render(
        request,
        "network/evaluation_detail.html",
        {
            "evaluation": evaluation,
            "evidence": evidence,
            "formula": formula_text(),
            "form": form,
            "can_sign": can_sign,
            "is_leader": has_perm(request.user, SIGN),
        },
    )
