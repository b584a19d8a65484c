"""Pages of two-factor sign-in: enrol an authenticator app, then enter its code."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from .login_guard import LoginThrottled, client_ip, login_check, record_attempt
from .two_factor import SESSION_FLAG, code_verify, device_for, device_start, provisioning_qr_svg


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Mã 6 số trong ứng dụng xác thực",
        max_length=10,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )


def _next(request: HttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return "/"
    return target


@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert user.is_authenticated  # login_required
    device = device_for(user)
    first_time = device is None or device.confirmed_at is None
    if first_time:
        device = device_start(user=user)
    assert device is not None
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = user.get_username()
        try:
            login_check(username=username, ip=client_ip(request))
        except LoginThrottled as exc:
            form.add_error("code", exc.message)
        else:
            ok = code_verify(user=user, code=form.cleaned_data["code"])
            record_attempt(request, username=username, succeeded=ok, channel="2fa")
            if ok:
                request.session[SESSION_FLAG] = True
                request.session.cycle_key()
                return redirect(_next(request))
            form.add_error("code", "Mã không đúng hoặc đã dùng. Vui lòng nhập mã mới.")
    context = {
        "form": form,
        "first_time": first_time,
        "qr_svg": provisioning_qr_svg(device) if first_time else "",
        "secret": device.secret if first_time else "",
        "next": _next(request),
    }
    return render(request, "org/two_factor.html", context)
