"""Keyed hashes that let an account find its own reports without naming it on them."""

from __future__ import annotations

from django.conf import settings
from django.utils.crypto import salted_hmac


def submitter_key(user_id: int) -> str:
    return salted_hmac(settings.SUBMITTER_KEY_SALT, str(user_id), algorithm="sha256").hexdigest()
