"""Pages of the nlp app: emerging issues, model versions, corrections on the report page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from duluan.core.errors import ApplicationError, NotFoundError
from duluan.org.choices import Perm
from duluan.org.models import Unit
from duluan.org.scope import has_perm, unit_in_scope

from .forms import CorrectionForm
from .permissions import RETRAIN, VIEW_ISSUES, VIEW_MODELS
from .selectors import emerging_issues, model_versions, spike_list
from .services.corrections import access_report_for_correction, correction_create

DAY_CHOICES = (7, 14, 30, 90)


@login_required
@require_GET
def issues_view(request: HttpRequest) -> HttpResponse:
    if not has_perm(request.user, VIEW_ISSUES):
        raise Http404("Không tìm thấy trang.")
    try:
        days = int(request.GET.get("days", "14"))
    except ValueError:
        days = 14
    days = days if days in DAY_CHOICES else 14
    unit = None
    unit_id = request.GET.get("unit", "")
    if unit_id.isdigit():
        unit = Unit.objects.filter(pk=int(unit_id)).first()
        if unit is None or not unit_in_scope(request.user, Perm.REPORT_VIEW, unit):
            raise Http404("Không tìm thấy đơn vị.")
    issues = emerging_issues(request.user, unit=unit, days=days)
    spikes = list(spike_list(request.user)[:20])
    return render(
        request,
        "nlp/issues.html",
        {
            "issues": issues,
            "spikes": spikes,
            "days": days,
            "day_choices": DAY_CHOICES,
            "unit": unit,
        },
    )


@login_required
@require_GET
def models_view(request: HttpRequest) -> HttpResponse:
    if not has_perm(request.user, VIEW_MODELS):
        raise Http404("Không tìm thấy trang.")
    from .services.training import seed_version_ensure

    seed_version_ensure()
    return render(
        request,
        "nlp/models.html",
        {"versions": list(model_versions()[:50]), "can_retrain": has_perm(request.user, RETRAIN)},
    )


@login_required
@require_POST
def retrain_view(request: HttpRequest) -> HttpResponse:
    if not has_perm(request.user, RETRAIN):
        raise Http404("Không tìm thấy trang.")
    from .tasks import retrain_queue

    retrain_queue()
    messages.success(
        request,
        "Đã yêu cầu huấn luyện lại từ các hiệu chỉnh mới; kết quả hiện trong danh sách phiên bản.",
    )
    return redirect("nlp:models")


@login_required
@require_POST
def report_correct_view(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        access_report_for_correction(request.user, pk)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc
    form = CorrectionForm(request.POST)
    if form.is_valid():
        cd = form.cleaned_data
        try:
            made = correction_create(
                actor=request.user,
                report_id=pk,
                topics=cd["topics"] or None,
                sentiment=cd["sentiment"] or None,
                kind=cd["kind"] or None,
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            if made:
                messages.success(request, "Đã lưu hiệu chỉnh; mô hình sẽ học từ hiệu chỉnh này.")
            else:
                messages.info(request, "Không có gì thay đổi.")
    else:
        messages.error(request, "Hiệu chỉnh không hợp lệ.")
    return redirect("intake:report_detail", pk=pk)
