"""The anonymous tip pages (``/gop-y/…``): no account, no cookie, no IP address.

* CSRF: the forms carry a signed token (:mod:`duluan.channels.tip`) instead of
  Django's CSRF cookie, so the views are ``csrf_exempt``; see that module for
  why a cookie-less token is enough here.
* Sessions: the pages never read or write ``request.session``; a signed-in
  officer who opens one gets no refreshed session cookie either
  (:func:`no_cookies`), so the answer is the same for everyone.
* Addresses: nothing here reads ``REMOTE_ADDR``; the services are never given the
  request, and no audit row is written with it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from duluan.core.errors import ValidationFailed
from duluan.intake.attachments import (
    KINDS_LABEL,
    UploadedFile,
    accept_extensions,
    upload_limit_label,
)

from . import tip, tip_services
from .tip_adapter import MAX_FILES, MAX_TEXT

LOOKUP_SCOPE = "lookup"
BUSY = (
    "Trang góp ý đang nhận quá nhiều góp ý cùng lúc. Nội dung của bạn chưa được gửi: "
    "hãy giữ lại và thử lại sau ít phút."
)
REFUSED = {
    "expired": "Trang đã mở quá lâu nên biểu mẫu hết hạn. Nội dung vẫn còn dưới đây: hãy gửi lại.",
    "too_fast": "Biểu mẫu được gửi quá nhanh sau khi mở. Hãy kiểm tra nội dung rồi gửi lại.",
}
REFUSED_OTHER = "Biểu mẫu không hợp lệ hoặc đã được gửi. Hãy gửi lại từ biểu mẫu dưới đây."


def no_cookies(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Whatever the middleware did before the view (a signed-in visitor's idle timer),
    the answer sets no cookie and is kept by no cache."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        session = getattr(request, "session", None)
        if session is not None:
            session.modified = False
            session.accessed = False  # no "Vary: Cookie" either
        request.META.pop("CSRF_COOKIE_NEEDS_UPDATE", None)
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    return wrapped


def _form_context(endpoint: Any, **extra: Any) -> dict[str, Any]:
    return {
        "unit": endpoint.unit,
        "token": tip.form_token_new(scope=f"tip:{endpoint.pk}"),
        "max_text": MAX_TEXT,
        "max_files": MAX_FILES,
        "kinds": KINDS_LABEL,
        "limit": upload_limit_label(),
        "accept": ",".join(accept_extensions()),
        "values": {"text": "", "place": ""},
        "errors": {},
        **extra,
    }


@csrf_exempt
@no_cookies
@require_http_methods(["GET", "POST"])
def tip_form_view(request: HttpRequest, key: str) -> HttpResponse:
    endpoint = tip_services.tip_endpoint(key)
    if endpoint is None:
        raise Http404("Không có trang góp ý này.")
    template = "channels/tip_form.html"
    if request.method == "GET":
        return render(request, template, _form_context(endpoint))
    values = {"text": request.POST.get("text", ""), "place": request.POST.get("place", "")}
    try:
        checked = tip.form_token_check(
            request.POST.get("token", ""), scope=f"tip:{endpoint.pk}", posted=request.POST.dict()
        )
    except tip.TokenRefused as exc:
        message = REFUSED.get(exc.reason, REFUSED_OTHER)
        return render(
            request, template, _form_context(endpoint, values=values, message=message), status=400
        )
    if not tip.tip_allowed(endpoint.unit_id):
        return render(
            request, template, _form_context(endpoint, values=values, message=BUSY), status=429
        )
    uploads = request.FILES.getlist("files")
    # Refused before a byte is read into memory: too many, or one too large.
    too_big = next((f for f in uploads if (f.size or 0) > settings.UPLOAD_MAX_BYTES), None)
    if len(uploads) > MAX_FILES or too_big is not None:
        error = (
            f"Chỉ gửi được tối đa {MAX_FILES} tệp."
            if too_big is None
            else f"Tệp «{too_big.name}» vượt quá {upload_limit_label()}."
        )
        context = _form_context(endpoint, values=values, message=error, errors={"files": error})
        return render(request, template, context, status=400)
    files = [UploadedFile(name=f.name or "", content=f.read()) for f in uploads]
    if not tip.nonce_claim(checked.nonce):
        return render(
            request,
            template,
            _form_context(endpoint, values=values, message=REFUSED_OTHER),
            status=400,
        )
    try:
        done = tip_services.tip_submit(
            endpoint=endpoint,
            text=values["text"],
            place=values["place"],
            files=files,
            nonce=checked.nonce,
        )
    except ValidationFailed as exc:
        errors = exc.extra.get("errors") or {}
        context = _form_context(endpoint, values=values, message=exc.message, errors=errors)
        return render(request, template, context, status=400)
    tip.tip_counted(endpoint.unit_id)
    return render(
        request,
        "channels/tip_receipt.html",
        {"unit": done.unit, "code": done.code, "replayed": done.replayed},
    )


ADDED = "Đã gửi thông tin bổ sung."


def _lookup_form(
    request: HttpRequest, message: str = "", status: int = 200, *, code: str = ""
) -> HttpResponse:
    """The code form; on an error the code typed is kept (never cleared)."""
    context = {
        "token": tip.form_token_new(scope=LOOKUP_SCOPE),
        "message": message,
        "code": code[:40],
        # After "Gửi bổ sung" (Post/Redirect/Get; the code stays out of the address).
        "added": ADDED if request.method == "GET" and request.GET.get("bo-sung") == "1" else "",
    }
    return render(request, "channels/tip_lookup.html", context, status=status)


@csrf_exempt
@no_cookies
@require_http_methods(["GET", "POST"])
def tip_lookup_view(request: HttpRequest) -> HttpResponse:
    """Enter the code, read the answers, add details. The code travels in the form,
    never in the address (it would land in logs and browser history)."""
    if not tip_services.tip_enabled():
        raise Http404("Không có trang góp ý này.")
    if request.method == "GET":
        return _lookup_form(request)
    code = request.POST.get("code", "")
    try:
        # No minimum fill time here: a code is pasted in a second.
        checked = tip.form_token_check(
            request.POST.get("token", ""),
            scope=LOOKUP_SCOPE,
            posted=request.POST.dict(),
            min_fill=False,
        )
    except tip.TokenRefused as exc:
        return _lookup_form(request, REFUSED.get(exc.reason, REFUSED_OTHER), 400, code=code)
    if not tip.lookup_allowed():
        return _lookup_form(
            request,
            "Trang tra cứu đang bận vì có quá nhiều lượt nhập sai mã. Hãy thử lại sau ít phút.",
            429,
            code=code,
        )
    receipt = tip_services.receipt_find(code)
    if receipt is None:
        tip.lookup_failed()
        return _lookup_form(
            request, "Không tìm thấy góp ý với mã này. Hãy kiểm tra lại mã.", 404, code=code
        )
    message, failed, text = "", False, ""
    if request.POST.get("action") == "follow_up":
        text = request.POST.get("text", "")
        # One-time token: a reload (or a second post of the same form) adds nothing.
        if not tip.nonce_claim(checked.nonce):
            message, failed = (
                "Thông tin bổ sung này đã được gửi rồi; không gửi lại lần nữa.",
                True,
            )
            text = ""
        else:
            try:
                tip_services.tip_follow_up(receipt=receipt, text=text)
            except ValidationFailed as exc:
                message, failed = exc.message, True
            else:
                # Post/Redirect/Get: reloading the answer cannot post it again.
                return HttpResponseRedirect(
                    reverse("channels:tip_lookup") + "?bo-sung=1", status=303
                )
    context = {
        "view": tip_services.tip_view(receipt),
        "code": receipt_display(code),
        "token": tip.form_token_new(scope=LOOKUP_SCOPE),
        "message": message,
        "failed": failed,
        "text": text,
        "max_text": MAX_TEXT,
    }
    return render(request, "channels/tip_status.html", context, status=400 if failed else 200)


def receipt_display(code: str) -> str:
    raw = tip.receipt_code_clean(code) or ""
    return "-".join(raw[i : i + tip.GROUP] for i in range(0, len(raw), tip.GROUP))
