"""The media page: aggregates over time, top folded stories, source health, uploads."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from duluan.core.errors import ApplicationError, NotFoundError
from duluan.org.scope import has_perm, scoped_units

from . import selectors
from .choices import SourceKind
from .forms import SourceForm, UploadForm
from .models import MediaSpike, Source
from .permissions import MANAGE, VIEW
from .services import export_upload, media_spike_open_matter, source_create, source_switch_on

DAY_CHOICES = (7, 30, 90)


def _manage_forms(request: HttpRequest, scope: Q) -> tuple[SourceForm, UploadForm]:
    units = scoped_units(request.user, MANAGE).order_by("path")
    exports = Source.objects.filter(scope, kind=SourceKind.EXPORT).filter(unit__in=units)
    return SourceForm(units=units), UploadForm(sources=exports)


@login_required
@require_GET
def index_view(request: HttpRequest) -> HttpResponse:
    if not has_perm(request.user, VIEW):
        raise Http404("Không tìm thấy trang.")
    try:
        days = int(request.GET.get("days", "30"))
    except ValueError:
        days = 30
    days = days if days in DAY_CHOICES else 30
    today = timezone.localdate()
    start = today - timedelta(days=days - 1)
    scope = selectors.source_scope(request.user)
    sources = selectors.source_list(request.user, scope=scope)
    can_manage = has_perm(request.user, MANAGE)
    source_form, upload_form = _manage_forms(request, scope) if can_manage else (None, None)
    names = selectors.topic_names()
    end = today + timedelta(days=1)
    since = timezone.now() - timedelta(days=days)
    return render(
        request,
        "media/index.html",
        {
            "days": days,
            "day_choices": DAY_CHOICES,
            "summary": selectors.media_summary(scope, start, end, names=names),
            "series": selectors.media_series(scope, start, end, names=names),
            "stories": selectors.top_stories(scope, since=since, limit=10, names=names),
            "foreign_stories": selectors.foreign_story_count(scope, since=since),
            "health": selectors.source_health(sources),
            "spikes": [
                (s, names.get(s.topic, s.topic))
                for s in selectors.spike_list(request.user, scope=scope)[:10]
            ],
            "can_manage": can_manage,
            "source_form": source_form,
            "upload_form": upload_form,
        },
    )


@login_required
@require_POST
def source_create_view(request: HttpRequest) -> HttpResponse:
    if not has_perm(request.user, MANAGE):
        raise Http404("Không tìm thấy trang.")
    units = scoped_units(request.user, MANAGE)
    form = SourceForm(request.POST, units=units)
    if not form.is_valid():
        messages.error(
            request,
            "Chưa thêm được nguồn: "
            + "; ".join(str(e) for errors in form.errors.values() for e in errors),
        )
        return redirect("media:index")
    cd = form.cleaned_data
    try:
        source = source_create(
            actor=request.user,
            unit=cd["unit"],
            name=cd["name"],
            kind=cd["kind"],
            url=cd["url"],
            outlet=cd["outlet"],
            poll_minutes=cd["poll_minutes"],
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("media:index")
    messages.success(request, f"Đã thêm nguồn {source.name}.")
    return redirect("media:index")


@login_required
@require_POST
def source_switch_on_view(request: HttpRequest, pk: int) -> HttpResponse:
    source = selectors.access_source(request.user, pk, perm=MANAGE)
    if source is None:
        raise Http404("Không tìm thấy nguồn.")
    source_switch_on(actor=request.user, source=source)
    messages.success(request, f"Đã bật lại nguồn {source.name}.")
    return redirect("media:index")


@login_required
@require_POST
def upload_view(request: HttpRequest) -> HttpResponse:
    if not has_perm(request.user, MANAGE):
        raise Http404("Không tìm thấy trang.")
    units = scoped_units(request.user, MANAGE)
    sources = Source.objects.filter(unit__in=units, kind=SourceKind.EXPORT)
    form = UploadForm(request.POST, request.FILES, sources=sources)
    if not form.is_valid():
        messages.error(request, "Chưa nạp được tệp: hãy chọn fanpage, nhóm và tệp CSV hoặc JSON.")
        return redirect("media:index")
    upload = form.cleaned_data["file"]
    try:
        counts = export_upload(
            actor=request.user,
            source=form.cleaned_data["source"],
            filename=upload.name or "",
            content=upload.read(),
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("media:index")
    messages.success(
        request,
        f"Đã đọc {counts['articles']} bài đăng mới và {counts['comments']} bình luận "
        "(chỉ đếm chủ đề, sắc thái; không lưu tên, nội dung bình luận).",
    )
    return redirect("media:index")


@login_required
@require_POST
def spike_matter_view(request: HttpRequest, pk: int) -> HttpResponse:
    spike = MediaSpike.objects.filter(pk=pk).select_related("unit").first()
    if spike is None:
        raise Http404("Không tìm thấy cảnh báo.")
    try:
        matter = media_spike_open_matter(actor=request.user, spike=spike)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("media:index")
    messages.success(request, "Đã lập vấn đề từ cảnh báo báo chí, mạng xã hội.")
    return redirect("cases:matter_detail", matter.pk)
