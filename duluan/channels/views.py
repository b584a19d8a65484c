"""Channel webhooks (verify, store once, queue, answer at once) and the officer's inbox."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from duluan.core.errors import ApplicationError
from duluan.org.choices import Perm
from duluan.org.scope import has_perm, scoped_units

from .base import BadPayload, QueryReceiver, adapter_get, request_raw
from .choices import MessageState
from .models import ChannelMessage
from .selectors import message_inbox, message_unrouted
from .services import (
    ReceiveResult,
    channel_receive,
    message_classify,
    message_place,
    message_unclassify,
)

MAX_BODY_BYTES = 256 * 1024


@csrf_exempt
@require_http_methods(["GET", "POST"])
def webhook(request: HttpRequest, kind: str) -> HttpResponse:
    """Public, but signed: an unknown kind is 404; a channel switched off or a bad
    signature 403 (nothing unsigned gets further); a body the channel never sends
    400; otherwise 200 with what was stored (a replay stores nothing and is 200
    too, so the sender stops retrying). GET only for a channel whose sender calls
    so (:class:`~duluan.channels.base.QueryReceiver`, eSMS), answered in its format."""
    return webhook_handle(request, kind)[0]


def webhook_handle(request: HttpRequest, kind: str) -> tuple[HttpResponse, dict[str, object]]:
    """The webhook's answer and what it did (``duluan channel simulate`` prints it)."""
    adapter = adapter_get(kind)
    if adapter is None:
        raise Http404
    if request.method == "GET" and not isinstance(adapter, QueryReceiver):
        return HttpResponseNotAllowed(["POST"]), {"detail": "Kênh này chỉ nhận POST."}

    def refuse(detail: str, status: int) -> tuple[HttpResponse, dict[str, object]]:
        return JsonResponse({"detail": detail}, status=status), {"detail": detail}

    if kind not in settings.CHANNELS:
        return refuse("Kênh này chưa được bật.", 403)
    raw = request_raw(request)
    if len(raw) > MAX_BODY_BYTES:
        return refuse("Nội dung quá lớn.", 413)
    if not adapter.verify(request):
        return refuse("Chữ ký không hợp lệ.", 403)
    try:
        result = channel_receive(kind=kind, raw=raw)
    except BadPayload:
        return refuse("Nội dung không đúng định dạng của kênh.", 400)
    answer = receive_answer(result)
    if request.method == "GET" and isinstance(adapter, QueryReceiver):
        return adapter.answer(raw, result), answer
    return JsonResponse(answer), answer


def receive_answer(result: ReceiveResult) -> dict[str, object]:
    """What a delivery did; messages that matched no unit (once filed, which is at once
    on the embedded default) are said plainly: "chưa xác định đơn vị"."""
    unrouted = ChannelMessage.objects.filter(
        pk__in=result.created, state=MessageState.UNROUTED
    ).count()
    answer: dict[str, object] = {
        "received": len(result.created),
        "duplicates": result.duplicates,
        "throttled": result.throttled,
        "unrouted": unrouted,
    }
    if unrouted:
        answer["detail"] = (
            f"{unrouted} tin chưa xác định đơn vị: chờ cán bộ đơn vị gốc xếp đơn vị ở /kenh/."
        )
    return answer


INBOX_PAGE = 50


@login_required
@require_GET
def inbox_view(request: HttpRequest) -> HttpResponse:
    """The officer's inbox of channel messages: "chờ phân loại", with the channel."""
    if not has_perm(request.user, Perm.REPORT_VIEW):
        raise Http404("Không tìm thấy trang.")
    state = request.GET.get("trang_thai", MessageState.FILED)
    if state not in (MessageState.FILED, MessageState.CLASSIFIED, ""):
        state = MessageState.FILED
    page = Paginator(message_inbox(request.user, state=state), INBOX_PAGE).get_page(
        request.GET.get("trang")
    )
    return render(
        request,
        "channels/inbox.html",
        {
            "page": page,
            "state": state,
            "states": [
                (MessageState.FILED, MessageState.FILED.label),
                (MessageState.CLASSIFIED, MessageState.CLASSIFIED.label),
                ("", "Tất cả"),
            ],
            "can_classify": has_perm(request.user, Perm.MATTER_HANDLE),
            "unrouted": list(message_unrouted(request.user)[:INBOX_PAGE])
            if has_perm(request.user, Perm.MATTER_HANDLE)
            else [],
            "place_units": scoped_units(request.user, Perm.MATTER_HANDLE).order_by("path")
            if has_perm(request.user, Perm.MATTER_HANDLE)
            else [],
            # The unit's tip pages (/kenh/gop-y/) are opened by whoever handles matters.
            "can_open_tips": has_perm(request.user, Perm.MATTER_HANDLE),
        },
    )


@login_required
@require_POST
def classify_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one message as classified (its report read and sorted)."""
    if not has_perm(request.user, Perm.MATTER_HANDLE):
        raise Http404("Không tìm thấy trang.")
    message = get_object_or_404(message_inbox(request.user, state=""), pk=pk)
    if message_classify(message_id=message.pk):
        messages.success(request, "Đã đánh dấu phân loại xong.")
    return redirect("channels:inbox")


@login_required
@require_POST
def place_view(request: HttpRequest, pk: int) -> HttpResponse:
    """File a message "chưa xác định đơn vị" in a unit the officer picks in their scope."""
    if not has_perm(request.user, Perm.MATTER_HANDLE):
        raise Http404("Không tìm thấy trang.")
    message = get_object_or_404(message_unrouted(request.user), pk=pk)
    try:
        unit_id = int(request.POST.get("unit", ""))
    except ValueError:
        messages.error(request, "Hãy chọn một đơn vị.")
        return redirect("channels:inbox")
    try:
        report = message_place(actor=request.user, message_id=message.pk, unit_id=unit_id)
    except ApplicationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Đã ghi thành phản ánh PA-{report.pk} ở {report.unit}.")
    return redirect("channels:inbox")


@login_required
@require_POST
def unclassify_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo "Đánh dấu đã phân loại": the message waits again."""
    if not has_perm(request.user, Perm.MATTER_HANDLE):
        raise Http404("Không tìm thấy trang.")
    message = get_object_or_404(message_inbox(request.user, state=""), pk=pk)
    if message_unclassify(message_id=message.pk):
        messages.success(request, "Đã bỏ đánh dấu: tin nhắn lại chờ phân loại.")
    return redirect(f"{reverse('channels:inbox')}?trang_thai={MessageState.CLASSIFIED}")
