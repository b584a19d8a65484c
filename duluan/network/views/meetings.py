"""Training classes and briefings."""

from __future__ import annotations

import io

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.core.errors import ApplicationError, NotFoundError
from duluan.core.sheets.errors import ImportRefused
from duluan.org.scope import unit_in_scope

from ..forms import BriefingForm, FileForm, OpinionForm, TrainingForm
from ..models import Briefing, TrainingClass
from ..permissions import MANAGE, VIEW
from ..selectors.meetings import (
    access_briefing,
    access_training,
    briefing_directions,
    briefing_guests,
    briefing_list,
    briefing_opinions,
    briefing_present,
    briefing_present_member_ids,
    training_attendances,
    training_by_token,
    training_list,
)
from ..selectors.petitions import open_items_before
from ..selectors.roster import active_members_under
from ..services.imports import ATTENDANCE_COLUMNS, attendance_import
from ..services.meetings import (
    OpinionIn,
    briefing_attendance_set,
    briefing_create,
    briefing_opinion_add,
    training_checkin,
    training_create,
    training_evaluate,
)
from .common import (
    FilterForm,
    Listing,
    Row,
    filters_from,
    form_errors,
    manage_actions,
    needs,
    render_listing,
    unit_form_page,
    vn_day,
)


# ── training ────────────────────────────────────────────────────────────────
@needs(VIEW)
def training_list_view(request: HttpRequest) -> HttpResponse:
    filters = filters_from(request, FilterForm, VIEW)
    classes = training_list(request.user, within=filters.value("unit"), year=filters.value("year"))

    def row(t: TrainingClass) -> Row:
        return Row(
            [
                t.title,
                t.unit.display_name,
                vn_day(t.starts_on),
                "trực tuyến" if t.online else t.place,
                t.topic,
                t.present,  # type: ignore[attr-defined]
            ],
            url=reverse("network:training_detail", args=[t.pk]),
        )

    listing = Listing(
        title="Lớp tập huấn, bồi dưỡng nghiệp vụ",
        headers=["Tên lớp", "Đơn vị tổ chức", "Từ ngày", "Địa điểm", "Chủ đề", "Có mặt"],
        queryset=classes,
        row=row,
        filters=filters,
        actions=manage_actions(request, [("Mở lớp mới", reverse("network:training_create"))]),
        export_name="lop-tap-huan",
        object_type="network_training",
    )
    return render_listing(request, listing)


@needs(MANAGE)
@require_http_methods(["GET", "POST"])
def training_create_view(request: HttpRequest) -> HttpResponse:
    return unit_form_page(
        request,
        TrainingForm,
        training_create,
        title="Mở lớp tập huấn",
        back=reverse("network:training_list"),
        done=lambda training: redirect("network:training_detail", training.pk),
    )


@needs(VIEW)
@require_http_methods(["GET", "POST"])
def training_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    training = access_training(request.user, pk)
    manage = unit_in_scope(request.user, MANAGE, training.unit)
    form = FileForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST":
        if not manage:
            raise Http404("Không tìm thấy trang.")
        if request.POST.get("action") == "evaluation":
            training_evaluate(
                actor=request.user,
                training_id=training.pk,
                evaluation=request.POST.get("evaluation", "")[:5000],
            )
            messages.success(request, "Đã ghi đánh giá cuối khoá.")
            return redirect("network:training_detail", training.pk)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = attendance_import(
                    actor=request.user,
                    training_id=training.pk,
                    file_name=upload.name,
                    content=upload.read(),
                )
            except ImportRefused as exc:
                form.add_error("file", exc.message)
    attendances = training_attendances(training)
    present = sum(1 for a in attendances if a.checked_in_at)
    checkin_url = request.build_absolute_uri(
        reverse("network:training_checkin", args=[training.pk, training.checkin_token])
    )
    return render(
        request,
        "network/training_detail.html",
        {
            "training": training,
            "manage": manage,
            "attendances": attendances,
            "present": present,
            "form": form,
            "result": result,
            "columns": ATTENDANCE_COLUMNS,
            "checkin_url": checkin_url if manage else "",
        },
    )


@needs(MANAGE)
@require_GET
def training_qr_view(request: HttpRequest, pk: int) -> HttpResponse:
    training = access_training(request.user, pk, MANAGE)
    url = request.build_absolute_uri(
        reverse("network:training_checkin", args=[training.pk, training.checkin_token])
    )
    import segno  # on use: most processes never draw a QR code

    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer, kind="svg", scale=8, title=f"Điểm danh: {training.title}"
    )
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@needs(None)
@require_http_methods(["GET", "POST"])
def training_checkin_view(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    training = training_by_token(pk, token)
    if training is None:
        raise Http404("Mã điểm danh không đúng.")
    done = None
    error = ""
    if request.method == "POST":
        try:
            done = training_checkin(actor=request.user, training_id=pk, token=token)
        except NotFoundError:
            raise
        except ApplicationError as exc:
            error = exc.message
    return render(
        request, "network/checkin.html", {"training": training, "done": done, "error": error}
    )


# ── briefings ──────────────────────────────────────────────────────────────
@needs(VIEW)
def briefing_list_view(request: HttpRequest) -> HttpResponse:
    filters = filters_from(request, FilterForm, VIEW)
    briefings = briefing_list(
        request.user, within=filters.value("unit"), year=filters.value("year")
    )

    def row(b: Briefing) -> Row:
        return Row(
            [
                b.title,
                b.unit.display_name,
                vn_day(b.held_at),
                b.get_kind_display(),
                b.opinion_count,  # type: ignore[attr-defined]
            ],
            url=reverse("network:briefing_detail", args=[b.pk]),
        )

    listing = Listing(
        title="Giao ban, hội nghị báo cáo viên",
        headers=["Tên cuộc giao ban", "Đơn vị", "Ngày", "Loại", "Ý kiến thu nhận"],
        queryset=briefings,
        row=row,
        filters=filters,
        actions=manage_actions(
            request, [("Ghi cuộc giao ban", reverse("network:briefing_create"))]
        ),
        export_name="giao-ban",
        object_type="network_briefing",
    )
    return render_listing(request, listing)


@needs(MANAGE)
@require_http_methods(["GET", "POST"])
def briefing_create_view(request: HttpRequest) -> HttpResponse:
    return unit_form_page(
        request,
        BriefingForm,
        briefing_create,
        title="Ghi cuộc giao ban",
        back=reverse("network:briefing_list"),
        done=lambda briefing: redirect("network:briefing_detail", briefing.pk),
        success="Đã ghi cuộc giao ban. Hãy điểm danh và ghi các ý kiến thu nhận.",
        initial={"held_at": timezone.localtime().replace(second=0, microsecond=0)},
    )


@needs(VIEW)
@require_http_methods(["GET", "POST"])
def briefing_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = access_briefing(request.user, pk)
    manage = unit_in_scope(request.user, MANAGE, briefing.unit)
    opinion_form = OpinionForm(prefix="yk")
    if request.method == "POST":
        if not manage:
            raise Http404("Không tìm thấy trang.")
        action = request.POST.get("action")
        if action == "attendance":
            ids = [int(v) for v in request.POST.getlist("present") if v.isdigit()]
            others = [line for line in request.POST.get("others", "").splitlines() if line.strip()]
            try:
                count = briefing_attendance_set(
                    actor=request.user,
                    briefing_id=briefing.pk,
                    present_member_ids=ids,
                    others=others,
                )
            except ApplicationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, f"Đã ghi {count} người có mặt.")
                return redirect("network:briefing_detail", briefing.pk)
        elif action == "opinion":
            opinion_form = OpinionForm(request.POST, prefix="yk")
            if opinion_form.is_valid():
                try:
                    report = briefing_opinion_add(
                        actor=request.user,
                        briefing_id=briefing.pk,
                        opinion=OpinionIn(**opinion_form.cleaned_data),
                    )
                except ApplicationError as exc:
                    form_errors(opinion_form, exc)
                else:
                    messages.success(
                        request, f"Đã ghi ý kiến «{report.subject}» thành phản ánh (kênh giao ban)."
                    )
                    return redirect("network:briefing_detail", briefing.pk)
    present_ids = briefing_present_member_ids(briefing)
    roster = active_members_under(request.user, briefing.unit) if manage else []
    others_present = briefing_guests(briefing)
    return render(
        request,
        "network/briefing_detail.html",
        {
            "briefing": briefing,
            "manage": manage,
            "roster": roster,
            "present_ids": present_ids,
            "attendances": briefing_present(briefing),
            "others_text": "\n".join(a.full_name for a in others_present),
            "opinions": briefing_opinions(briefing),
            "carried": open_items_before(briefing.unit, briefing.held_at)[:100],
            "opinion_form": opinion_form,
            "directions": briefing_directions(briefing),
        },
    )


@needs(VIEW)
@require_GET
def briefing_minutes_view(request: HttpRequest, pk: int) -> HttpResponse:
    from ..minutes import DOCX_TYPE, briefing_minutes_docx  # python-docx: on use

    briefing = access_briefing(request.user, pk)
    audit_record(
        actor=request.user,
        action=Action.EXPORT,
        object_type="network_briefing",
        object_ids=[briefing.pk],
        unit_id=briefing.unit_id,
        request=request,
        note="minutes",
    )
    response = HttpResponse(briefing_minutes_docx(briefing), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="bien-ban-giao-ban-{briefing.pk}.docx"'
    return response
