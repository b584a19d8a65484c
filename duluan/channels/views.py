"""Channel webhooks: verify, store once, queue, answer at once."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .base import BadPayload, adapter_get
from .services import channel_receive

MAX_BODY_BYTES = 256 * 1024


@csrf_exempt
@require_POST
def webhook(request: HttpRequest, kind: str) -> HttpResponse:
    """Public, but signed: a channel switched off is 404, a bad signature 403,
    a body the channel never sends 400; otherwise 200 with what was stored
    (a replay stores nothing and is 200 too, so the sender stops retrying)."""
    adapter = adapter_get(kind)
    if adapter is None or kind not in settings.CHANNELS:
        raise Http404
    if len(request.body) > MAX_BODY_BYTES:
        return JsonResponse({"detail": "Nội dung quá lớn."}, status=413)
    if not adapter.verify(request):
        return JsonResponse({"detail": "Chữ ký không hợp lệ."}, status=403)
    try:
        result = channel_receive(kind=kind, raw=request.body)
    except BadPayload:
        return JsonResponse({"detail": "Nội dung không đúng định dạng của kênh."}, status=400)
    return JsonResponse(
        {
            "received": len(result.created),
            "duplicates": result.duplicates,
            "throttled": result.throttled,
        }
    )
