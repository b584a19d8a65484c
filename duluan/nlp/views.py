"""Pages of the nlp app: emerging issues, model versions, corrections on the report page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from duluan.core.errors import ApplicationError
from duluan.core.extensions import ISSUE_PANELS
from duluan.intake.choices import Kind
from duluan.org.choices import Perm
from duluan.org.models import Unit
from duluan.org.scope import has_perm, unit_in_scope

from .forms import CorrectionForm, LabelForm
from .models import Sentiment, Urgency
from .permissions import CORRECT, RETRAIN, VIEW_ISSUES, VIEW_MODELS
from .selectors import emerging_issues, label_queue, label_queue_size, model_versions, spike_list
from .services.corrections import access_report_for_correction, correction_create

# Quick keys of the labelling queue (desktop), in the order the choices are shown:
# sentiment 1-2-3, kind q-w-e-r-t-y, urgency a-s-d; read by label.js.
QUICK_KEYS = {
    "sentiment": dict(zip(Sentiment.values, "123", strict=True)),
    "kind": dict(zip(Kind.values, "qwerty", strict=True)),
    "urgency": dict(zip(Urgency.values, "asd", strict=True)),
}

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
    # Spikes other apps find in their own data (the press): blocks through a registry.
    panels = [b for e in ISSUE_PANELS.entries() if (b := e.build(request.user)) is not None]
    return render(
        request,
        "nlp/issues.html",
        {
            "issues": issues,
            "spikes": spikes,
            "panels": panels,
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
    from django.conf import settings

    return render(
        request,
        "nlp/models.html",
        {
            "versions": list(model_versions()[:50]),
            "can_retrain": has_perm(request.user, RETRAIN),
            "correction_weight": settings.NLP_CORRECTION_WEIGHT,
            "min_held_out": settings.NLP_PROMOTION_MIN_HELD_OUT,
        },
    )


@login_required
@require_POST
def retrain_view(request: HttpRequest) -> HttpResponse:
    if not has_perm(request.user, RETRAIN):
        raise Http404("Không tìm thấy trang.")
    from .jobs import retrain_queue

    retrain_queue()
    messages.success(
        request,
        "Đã yêu cầu huấn luyện lại từ các hiệu chỉnh mới; kết quả hiện trong danh sách phiên bản.",
    )
    return redirect("nlp:models")


@login_required
@require_POST
def report_correct_view(request: HttpRequest, pk: int) -> HttpResponse:
    access_report_for_correction(request.user, pk)
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
                urgency=cd["urgency"] or None,
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


def _card(item: dict[str, Any]) -> dict[str, Any]:
    """One queue item with its form prefilled by the model's answers."""
    analysis = item["analysis"]
    topics = item["topics"]
    form = LabelForm(
        initial={
            "main_topic": topics[0] if topics else "",
            "more_topics": topics[1:],
            "sentiment": analysis.sentiment,
            "kind": analysis.kind,
            "urgency": analysis.urgency,
        },
        prefix=f"r{item['report'].pk}",
    )
    segments = [
        (
            form[name],
            [(choice, QUICK_KEYS[name].get(choice.data["value"], "")) for choice in form[name]],
        )
        for name in ("sentiment", "kind", "urgency")
    ]
    return {**item, "form": form, "segments": segments}


@login_required
@require_GET
def label_queue_view(request: HttpRequest) -> HttpResponse:
    if not has_perm(request.user, CORRECT):
        raise Http404("Không tìm thấy trang.")
    items = [_card(item) for item in label_queue(request.user, limit=10)]
    return render(
        request,
        "nlp/label_queue.html",
        {"items": items, "remaining": label_queue_size(request.user), "keys": QUICK_KEYS},
    )


@login_required
@require_POST
def label_save_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Save one report's labels (the model's answers the person left are confirmations)."""
    access_report_for_correction(request.user, pk)
    form = LabelForm(request.POST, prefix=f"r{pk}")
    htmx = request.headers.get("HX-Request") == "true"
    if not form.is_valid():
        if htmx:
            return render(
                request,
                "nlp/_label_done.html",
                {"pk": pk, "error": "Nhãn không hợp lệ: chọn đủ chủ đề, cảm xúc, loại, mức khẩn."},
                status=422,
            )
        messages.error(request, "Nhãn không hợp lệ: chọn đủ chủ đề, cảm xúc, loại, mức khẩn.")
        return redirect("nlp:label_queue")
    cd = form.cleaned_data
    made = correction_create(
        actor=request.user,
        report_id=pk,
        topics=form.topic_codes(),
        sentiment=cd["sentiment"],
        kind=cd["kind"],
        urgency=cd["urgency"],
        confirm=True,
    )
    changed = sum(1 for c in made if c.value != c.previous)
    note = (
        f"Đã lưu: {changed} nhãn được sửa, {len(made) - changed} nhãn xác nhận."
        if changed
        else "Đã lưu: mô hình đoán đúng cả, đã ghi nhận xác nhận."
    )
    if htmx:
        return render(request, "nlp/_label_done.html", {"pk": pk, "note": note})
    messages.success(request, note)
    return redirect("nlp:label_queue")
