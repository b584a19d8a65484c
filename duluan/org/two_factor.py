"""Two-factor sign-in (TOTP) for the roles that can read or change the most.

Admins, analysts, leaders and staff accounts must confirm a code from an
authenticator app after their password. A demo database may waive this with
``DULUAN_WAIVE_2FA=1``, honoured only together with ``DULUAN_DEMO_MODE=1``.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pyotp
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .choices import Role
from .models import RoleAssignment, TotpDevice, User

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

STRONG_ROLES = frozenset({Role.ADMIN, Role.ANALYST, Role.LEADER})
SESSION_FLAG = "duluan_2fa_ok"
ISSUER = "duluan"


def requires_two_factor(user: User | AnonymousUser) -> bool:
    if getattr(settings, "TWO_FACTOR_WAIVED", False):
        return False
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    return RoleAssignment.objects.filter(
        user_id=user.pk, is_active=True, role__in=STRONG_ROLES
    ).exists()


def device_for(user: User) -> TotpDevice | None:
    return TotpDevice.objects.filter(user_id=user.pk).first()


@transaction.atomic
def device_start(*, user: User) -> TotpDevice:
    """The account's device, creating an unconfirmed one with a fresh secret."""
    device, _ = TotpDevice.objects.get_or_create(
        user=user, defaults={"secret": pyotp.random_base32()}
    )
    return device


def provisioning_qr_svg(device: TotpDevice) -> str:
    uri = pyotp.TOTP(device.secret).provisioning_uri(
        name=device.user.get_username(), issuer_name=ISSUER
    )
    import segno  # on use: most processes never draw a QR code

    return str(segno.make(uri, error="m").svg_inline(scale=4, title="Mã QR xác thực hai bước"))


def _matching_step(secret: str, code: str, now: float) -> int | None:
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    step = int(now // totp.interval)
    for candidate in (step, step - 1, step + 1):  # one step of clock drift
        if pyotp.utils.strings_equal(totp.generate_otp(candidate), code):
            return candidate
    return None


@transaction.atomic
def code_verify(*, user: User, code: str, now: float | None = None) -> bool:
    """Check a code; a code is used once (no replay within its window)."""
    device = TotpDevice.objects.select_for_update().filter(user_id=user.pk).first()
    if device is None:
        return False
    step = _matching_step(device.secret, code, time.time() if now is None else now)
    if step is None or step <= device.last_used_step:
        return False
    device.last_used_step = step
    if device.confirmed_at is None:
        device.confirmed_at = timezone.now()
    device.save(update_fields=["last_used_step", "confirmed_at"])
    return True
