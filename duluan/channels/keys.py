"""Pseudonyms of senders and the sealing of what names them.

``sender_key`` is an HMAC (SHA-256, keyed by ``SECRET_KEY`` with its own salt)
of the channel and the normalised handle: the same Zalo user, address or
phone number always gives the same key, so rate limits and "one correction per
sender" work, while the database never holds the handle itself.

``seal`` / ``unseal`` encrypt raw payloads and tokens with Fernet (AES-128-CBC
+ HMAC-SHA256) under ``DULUAN_CHANNELS_SEAL_KEY`` (any string; derived from
``SECRET_KEY`` when unset).
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.crypto import salted_hmac

if TYPE_CHECKING:
    from cryptography.fernet import Fernet

SENDER_SALT = "duluan.channels.sender"


def normalise_handle(kind: str, handle: str) -> str:
    handle = handle.strip()
    if kind == "email":
        return handle.lower()
    if kind == "sms":
        digits = re.sub(r"\D", "", handle)
        if digits.startswith("84"):
            digits = "0" + digits[2:]
        return digits
    return handle


def sender_key(kind: str, handle: str) -> str:
    value = f"{kind}:{normalise_handle(kind, handle)}"
    return salted_hmac(SENDER_SALT, value, algorithm="sha256").hexdigest()


def _fernet() -> Fernet:
    from cryptography.fernet import Fernet

    secret = settings.CHANNELS_SEAL_KEY or settings.SECRET_KEY
    digest = hashlib.sha256(f"duluan.channels.seal:{secret}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal(data: bytes) -> str:
    token: bytes = _fernet().encrypt(data)
    return token.decode("ascii")


def unseal(token: str) -> bytes:
    data: bytes = _fernet().decrypt(token.encode("ascii"))
    return data
