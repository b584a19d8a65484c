"""Dialogues, petitions and the yearly obligation."""

from __future__ import annotations

from datetime import datetime, time

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from duluan.core.errors import ApplicationError
from duluan.org.scope import unit_in_scope

from ..choices import PetitionState
from ..forms import DialogueForm, ExtendForm, PetitionForm, PetitionUpdateForm
from ..models import Dialogue, DialogueObligation, Petition
from ..permissions import MANAGE, VIEW
from ..selectors.common import reach_roots
from ..selectors.petitions import (
    access_dialogue,
    dialogue_carried_over,
    dialogue_list,
    dialogue_petitions,
    effective_due_of,
    is_overdue,
    obligations_missing,
    petition_list,
)
from ..services.petitions import dialogue_create, petition_add, petition_extend, petition_update
from .common import (
    FilterForm,
    Listing,
    Row,
    filters_from,
    needs,
    render_listing,
    unit_form_page,
    vn_day,
)


def end_of(day: object) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))  # type: ignore[arg-type]


@needs(VIEW)
def dialogue_list_view(request: HttpRequest) -> HttpResponse:
    filters = filters_from(request, FilterForm, VIEW)
    dialogues = dialogue_list(
        request.user, within=filters.value("unit"), year=filters.value("year")
    )

    def row(d: Dialogue) -> Row:
        return Row(
            [
                d.enterprise or d.unit.name,
                d.unit.display_name,
                vn_day(d.held_on),
                d.get_kind_display(),
                d.participants,
            ],
            url=reverse("network:dialogue_detail", args=[d.pk]),
        )

    listing = Listing(
        title="Đối thoại, hội nghị người lao động",
        headers=["Doanh nghiệp, cơ quan", "Đơn vị", "Ngày", "Hình thức", "Người tham dự"],
        queryset=dialogues,
        row=row,
        filters=filters,
        actions=[
            ("Ghi cuộc đối thoại", reverse("network:dialogue_create")),
            ("Kiến nghị", reverse("network:petition_list")),
            ("Đơn vị chưa đối thoại năm nay", reverse("network:obligations")),
        ],
        export_name="doi-thoai",
        object_type="network_dialogue",
    )
    return render_listing(request, listing)


@needs(MANAGE)
@require_http_methods(["GET", "POST"])
def dialogue_create_view(request: HttpRequest) -> HttpResponse:
    return unit_form_page(
        request,
        DialogueForm,
        dialogue_create,
        title="Ghi cuộc đối thoại, hội nghị",
        back=reverse("network:dialogue_list"),
        done=lambda dialogue: redirect("network:dialogue_detail", dialogue.pk),
    )


@needs(VIEW)
@require_http_methods(["GET", "POST"])
def dialogue_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = access_dialogue(request.user, pk)
    manage = unit_in_scope(request.user, MANAGE, dialogue.unit)
    petition_form = PetitionForm(prefix="kn")
    if request.method == "POST":
        if not manage:
            raise Http404("Không tìm thấy trang.")
        action = request.POST.get("action", "")
        try:
            if action == "petition":
                petition_form = PetitionForm(request.POST, prefix="kn")
                if petition_form.is_valid():
                    cd = petition_form.cleaned_data
                    petition_add(
                        actor=request.user,
                        dialogue_id=dialogue.pk,
                        content=cd["content"],
                        answerer=cd["answerer"],
                        due_at=end_of(cd["due_on"]) if cd["due_on"] else None,
                    )
                    messages.success(request, "Đã ghi kiến nghị.")
                    return redirect("network:dialogue_detail", dialogue.pk)
            elif action.startswith("update-"):
                target = int(action.split("-", 1)[1])
                form = PetitionUpdateForm(request.POST, prefix=f"p{target}")
                if form.is_valid():
                    petition_update(actor=request.user, petition_id=target, **form.cleaned_data)
                    messages.success(request, "Đã cập nhật kiến nghị.")
                    return redirect(
                        reverse("network:dialogue_detail", args=[dialogue.pk])
                        + f"#kien-nghi-{target}"
                    )
                messages.error(request, "Cập nhật chưa hợp lệ.")
            elif action.startswith("extend-"):
                target = int(action.split("-", 1)[1])
                extend = ExtendForm(request.POST, prefix=f"e{target}")
                if extend.is_valid():
                    petition_extend(
                        actor=request.user,
                        petition_id=target,
                        new_due=end_of(extend.cleaned_data["new_due"]),
                        reason=extend.cleaned_data["reason"],
                    )
                    messages.success(request, "Đã gia hạn kiến nghị.")
                    return redirect(
                        reverse("network:dialogue_detail", args=[dialogue.pk])
                        + f"#kien-nghi-{target}"
                    )
                messages.error(request, "Gia hạn chưa hợp lệ.")
        except (ApplicationError, ValueError) as exc:
            messages.error(request, getattr(exc, "message", "Dữ liệu không hợp lệ."))
    now = timezone.now()
    petitions = list(dialogue_petitions(dialogue, with_updates=True))
    items = [
        {
            "p": p,
            "due": effective_due_of(p),
            "extended": bool(p.extended_due and p.extended_due > p.due_at),  # type: ignore[attr-defined]
            "overdue": is_overdue(p, now),
            "update_form": PetitionUpdateForm(
                prefix=f"p{p.pk}",
                initial={"state": p.state, "answer": p.answer, "reason": p.reason},
            ),
            "extend_form": ExtendForm(prefix=f"e{p.pk}"),
        }
        for p in petitions
    ]
    carried = dialogue_carried_over(dialogue)[:100]
    return render(
        request,
        "network/dialogue_detail.html",
        {
            "dialogue": dialogue,
            "manage": manage,
            "items": items,
            "petition_form": petition_form,
            "carried": carried,
        },
    )


class PetitionFilters(FilterForm):
    state = forms.ChoiceField(
        label="Tình trạng", choices=[("", "Tất cả"), *PetitionState.choices], required=False
    )
    overdue = forms.BooleanField(label="Chỉ quá hạn", required=False)


@needs(VIEW)
def petition_list_view(request: HttpRequest) -> HttpResponse:
    filters = filters_from(request, PetitionFilters, VIEW)
    petitions = petition_list(
        request.user,
        within=filters.value("unit"),
        state=filters.value("state") or None,
        overdue=bool(filters.value("overdue")),
        year=filters.value("year"),
    )
    now = timezone.now()

    def row(p: Petition) -> Row:
        return Row(
            [
                p.content[:200],
                p.unit.display_name,
                vn_day(p.dialogue.held_on),
                p.answerer,
                vn_day(effective_due_of(p)),
                p.get_state_display() + (" (quá hạn)" if is_overdue(p, now) else ""),
                p.reason,
            ],
            url=reverse("network:dialogue_detail", args=[p.dialogue_id]) + f"#kien-nghi-{p.pk}",
        )

    listing = Listing(
        title="Kiến nghị tại đối thoại, hội nghị",
        headers=["Kiến nghị", "Đơn vị", "Ngày nêu", "Người trả lời", "Hạn", "Tình trạng", "Lý do"],
        queryset=petitions,
        row=row,
        filters=filters,
        export_name="kien-nghi",
        object_type="network_petition",
    )
    return render_listing(request, listing)


@needs(VIEW)
def obligations_view(request: HttpRequest) -> HttpResponse:
    filters = filters_from(request, FilterForm, VIEW)
    year = filters.value("year") or timezone.localdate().year
    roots = [filters.value("unit")] if filters.value("unit") else reach_roots(request.user, VIEW)
    missing: list[DialogueObligation] = []
    for root in roots:
        missing.extend(obligations_missing(root, year))

    def row(o: DialogueObligation) -> Row:
        return Row([o.unit.name, o.unit.code, o.since_year, o.note])

    listing = Listing(
        title=f"Đơn vị chưa tổ chức đối thoại năm {year}",
        headers=["Doanh nghiệp, cơ quan", "Mã đơn vị", "Phải đối thoại từ năm", "Căn cứ"],
        queryset=missing,
        row=row,
        filters=filters,
        intro="Các doanh nghiệp, cơ quan phải tổ chức đối thoại định kỳ hằng năm nhưng chưa có cuộc đối thoại hoặc hội nghị người lao động nào trong năm.",
        export_name=f"chua-doi-thoai-{year}",
        object_type="network_obligation",
    )
    return render_listing(request, listing)
