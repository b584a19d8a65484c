from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from .login_guard import LoginThrottled, authenticate_guarded


class GuardedAuthenticationForm(AuthenticationForm):
    """Django's sign-in form, through the throttle."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng. Vui lòng thử lại.",
        "inactive": "Tài khoản này đã bị khoá.",
    }

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            try:
                self.user_cache = authenticate_guarded(
                    self.request,
                    username=username,
                    password=password,
                )
            except LoginThrottled as exc:
                raise forms.ValidationError(exc.message, code="throttled") from exc
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data
