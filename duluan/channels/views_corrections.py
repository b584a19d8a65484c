"""The officers' pages of the channels' additions: sending a correction back to the
people who reported a matter, and the tip pages of the units in reach (link, QR
code, poster)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from duluan.cases.models import Direction
from duluan.cases.selectors import access_matter
from duluan.core.errors import NotFoundError, ValidationFailed
from duluan.org.choices import Perm
from duluan.org.scope import has_perm, unit_in_scope

from . import broadcast, corrections, qr, tip_pages
from .choices import ChannelKind


@login_required
@require_http_methods(["GET", "POST"])
def correction_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Preview the text and who gets it; sending queues the job (idempotent)."""
    matter = access_matter(request.user, pk, perm=Perm.MATTER_HANDLE)
    preview = corrections.correction_preview(matter)
    text = request.POST.get("text", preview.text) if request.method == "POST" else preview.text
    error = ""
    if request.method == "POST":
        try:
            done = corrections.correction_send(actor=request.user, matter_id=matter.pk, text=text)
        except ValidationFailed as exc:
            error = exc.message
        else:
            if done is None:
                messages.info(
                    request,
                    "Mọi người phản ánh qua các kênh đã được gửi đính chính trước đó; không gửi thêm.",
                )
            else:
                # On the embedded default the job has run by now: say what happened.
                messages.info(request, corrections.correction_outcome(done))
            return redirect("channels:correction", pk=matter.pk)
    labels = dict(ChannelKind.choices)
    return render(
        request,
        "channels/correction.html",
        {
            "matter": matter,
            "preview": preview,
            "text": text,
            "error": error,
            "by_kind": [(labels.get(k, k), n) for k, n in sorted(preview.by_kind.items())],
            "summary": corrections.correction_summary(matter),
            "deliveries": corrections.correction_deliveries(matter),
            "max_text": corrections.MAX_TEXT,
        },
        status=400 if error else 200,
    )


def _site(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@login_required
@require_http_methods(["GET", "POST"])
def tip_pages_view(request: HttpRequest) -> HttpResponse:
    """The tip pages of the units in reach; an officer opens one for a unit."""
    if not has_perm(request.user, Perm.MATTER_HANDLE):
        raise Http404("Không tìm thấy trang.")
    if request.method == "POST":
        try:
            tip_pages.tip_page_open(actor=request.user, unit_id=request.POST.get("unit", ""))
        except (ValidationFailed, NotFoundError) as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Đã mở trang góp ý ẩn danh cho đơn vị.")
        return redirect("channels:tip_pages")
    pages = tip_pages.tip_page_list(request.user)
    rows = [(e, _site(request) + reverse("channels:tip_form", args=[e.code])) for e in pages]
    return render(
        request,
        "channels/tip_pages.html",
        {
            "rows": rows,
            "units": tip_pages.units_without_tip_page(request.user),
            "enabled": tip_pages.tip_enabled(),
        },
    )


TIP_OFF = (
    "Kênh «Trang góp ý ẩn danh» đang tắt trên máy chủ này (thêm tip vào DULUAN_CHANNELS "
    "để bật): mã QR và áp phích sẽ dẫn tới một trang không mở, nên chưa được in."
)


def _tip_off(request: HttpRequest) -> HttpResponse:
    return render(request, "channels/tip_off.html", {"message": TIP_OFF}, status=409)


@login_required
@require_GET
def tip_qr_view(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    endpoint = tip_pages.access_tip_page(request.user, pk)
    if not tip_pages.tip_enabled():
        return _tip_off(request)
    if fmt not in ("png", "svg"):
        raise NotFoundError("Không có định dạng này.")
    content, mime = qr.qr_image(
        _site(request) + reverse("channels:tip_form", args=[endpoint.code]), fmt
    )
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f'inline; filename="gop-y-{endpoint.code}.{fmt}"'
    return response


@login_required
@require_GET
def tip_poster_view(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = tip_pages.access_tip_page(request.user, pk)
    if not tip_pages.tip_enabled():
        return _tip_off(request)
    url = _site(request) + reverse("channels:tip_form", args=[endpoint.code])
    return render(
        request,
        "channels/tip_poster.html",
        {"unit": endpoint.unit, "url": url, "svg": qr.qr_svg_inline(url)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def direction_broadcast_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A direction sent down to the Zalo OA followers of its target units, once."""
    direction = Direction.objects.select_related("matter", "unit").filter(pk=pk).first()
    if direction is None or not unit_in_scope(request.user, Perm.MATTER_HANDLE, direction.unit):
        raise Http404("Không tìm thấy định hướng.")
    error = ""
    if request.method == "POST":
        try:
            done = broadcast.direction_broadcast(actor=request.user, direction=direction)
        except ValidationFailed as exc:
            error = exc.message
        else:
            if done is None:
                messages.info(request, "Định hướng đã được gửi tới người theo dõi; không gửi thêm.")
            else:
                done.refresh_from_db()  # on the embedded default the job has run by now
                messages.info(request, broadcast.broadcast_outcome(done))
            return redirect("channels:direction_broadcast", pk=direction.pk)
    sent = broadcast.broadcast_of(direction)
    return render(
        request,
        "channels/direction_broadcast.html",
        {
            "direction": direction,
            "sent": sent,
            "outcome": broadcast.broadcast_outcome(sent) if sent else "",
            "refusal": broadcast.broadcast_refusal(request.user, direction),
            "units": [t.unit for t in direction.targets.select_related("unit")],
            "error": error,
        },
        status=400 if error else 200,
    )
