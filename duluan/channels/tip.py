"""The anonymous tip page's small parts: receipt codes, the signed form token, throttles.

Nothing here learns who the tipster is. There is no account, no cookie and no
IP address: the form carries its own proof that it was served by us (a signed
token with a timestamp, a nonce and the honeypot field's name) instead of
Django's CSRF cookie, and spam is held back by counters that count tips, not
people (per unit and over the whole site, in the cache).

Why no CSRF cookie: CSRF protects a signed-in person's authority from being
used by another site. The tip page acts with no authority at all (anyone may
send a tip, signed in or not, and the tip never learns who sent it), so a
forged cross-site post can do nothing a direct post cannot; what must be
stopped is replay and automation, which the token's nonce, age and honeypot do
without setting anything in the browser.
"""

from __future__ import annotations

import hmac
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.crypto import salted_hmac

# Crockford's base 32 without I, L, O, U: nothing read wrongly from paper or a phone.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16  # 80 bits
GROUP = 4
TOKEN_SALT = "duluan.channels.tip.form"  # noqa: S105  (a salt, not a secret)
RECEIPT_SALT = "duluan.channels.tip.receipt"
# What people type instead of the code's letters (Crockford's reading rules).
_READ_AS = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})


# ── receipt codes ────────────────────────────────────────────────────────────
def receipt_code_new() -> str:
    """A fresh code, shown once: ``ABCD-EFGH-JKMN-PQRS`` (80 random bits)."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + GROUP] for i in range(0, CODE_LENGTH, GROUP))


def receipt_code_clean(typed: str) -> str | None:
    """The code's 16 symbols as typed (spaces, dashes, lower case, O for 0 allowed),
    or ``None`` when it cannot be one."""
    raw = "".join(ch for ch in typed.upper() if ch.isalnum()).translate(_READ_AS)
    if len(raw) != CODE_LENGTH or any(ch not in ALPHABET for ch in raw):
        return None
    return raw


def receipt_hash(code: str) -> str:
    """The only form in which a code is stored: a keyed hash (HMAC-SHA-256 with the
    site's secret), so a copy of the database does not let anyone read answers."""
    raw = receipt_code_clean(code) or ""
    return salted_hmac(RECEIPT_SALT, raw, algorithm="sha256").hexdigest()


def receipt_matches(stored_hash: str, code: str) -> bool:
    """Constant-time comparison of a stored hash with a typed code."""
    return hmac.compare_digest(stored_hash.encode(), receipt_hash(code).encode())


# ── the signed form token ────────────────────────────────────────────────────
@dataclass(frozen=True)
class FormToken:
    value: str  # goes into the hidden field
    trap: str  # the honeypot field's name, different on every form


def form_token_new(*, scope: str, now: float | None = None) -> FormToken:
    """A token for one form of ``scope`` (``unit:<id>`` or ``lookup``)."""
    trap = "w_" + secrets.token_hex(4)
    payload = {"s": scope, "n": secrets.token_urlsafe(12), "h": trap}
    signer = _Signer(at=now)
    return FormToken(value=signer.sign_object(payload), trap=trap)


class _Signer(signing.TimestampSigner):
    """Django's timestamp signer; ``at`` lets a test sign a form served in the past."""

    def __init__(self, *, at: float | None = None) -> None:
        super().__init__(salt=TOKEN_SALT)
        self.at = at

    def timestamp(self) -> str:
        return signing.b62_encode(int(self.at if self.at is not None else time.time()))


class TokenRefused(Exception):
    """The form was not ours, too old, too fast, replayed or filled by a robot."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class CheckedToken:
    nonce: str
    age: float


def form_token_check(
    value: str,
    *,
    scope: str,
    posted: dict[str, str],
    now: float | None = None,
    min_fill: bool = True,
) -> CheckedToken:
    """The token's nonce when the form is ours, for ``scope``, filled in no less than
    ``DULUAN_TIP_MIN_FILL_SECONDS`` (unless ``min_fill`` is off: a pasted receipt code
    takes no time) and within ``DULUAN_TIP_FORM_MAX_AGE``, with its honeypot empty.
    Raises :class:`TokenRefused` (the reason is for tests and logs)."""
    signer = _Signer()
    try:
        payload = signer.unsign_object(value, max_age=settings.TIP_FORM_MAX_AGE)
    except signing.SignatureExpired:
        raise TokenRefused("expired") from None
    except signing.BadSignature:
        raise TokenRefused("forged") from None
    if not isinstance(payload, dict) or payload.get("s") != scope:
        raise TokenRefused("scope")
    issued = signing.b62_decode(value.split(signer.sep)[-2])  # payload:timestamp:signature
    age = (now if now is not None else time.time()) - issued
    if min_fill and age < settings.TIP_MIN_FILL_SECONDS:
        raise TokenRefused("too_fast")
    if posted.get(str(payload.get("h", ""))):
        raise TokenRefused("honeypot")
    return CheckedToken(nonce=str(payload.get("n", "")), age=age)


# ── throttles: counters of tips, never of people ─────────────────────────────
def _hit(key: str, window: int) -> int:
    """Count one event in the current fixed window of ``window`` seconds."""
    bucket = f"duluan:tip:{key}:{int(time.time()) // window}"
    cache.add(bucket, 0, timeout=window + 5)
    try:
        return int(cache.incr(bucket))
    except ValueError:  # evicted between add and incr
        cache.set(bucket, 1, timeout=window + 5)
        return 1


def _count(key: str, window: int) -> int:
    return int(cache.get(f"duluan:tip:{key}:{int(time.time()) // window}", 0))


def tip_allowed(unit_id: int) -> bool:
    """Whether one more tip may be taken now: ``DULUAN_TIP_RATE_UNIT`` per unit and
    ``DULUAN_TIP_RATE_GLOBAL`` over the site, per hour. A refused tip is not counted."""
    if _count("all", 3600) >= settings.TIP_RATE_GLOBAL:
        return False
    return _count(f"unit:{unit_id}", 3600) < settings.TIP_RATE_UNIT


def tip_counted(unit_id: int) -> None:
    _hit("all", 3600)
    _hit(f"unit:{unit_id}", 3600)


def lookup_allowed() -> bool:
    """Receipt look-ups: at most ``DULUAN_TIP_LOOKUP_FAILURES`` wrong codes per ten
    minutes over the whole site, then every look-up waits for the next window. With
    80-bit codes guessing is hopeless anyway; this keeps it from even being tried at
    scale, at the price that a flood delays honest tipsters by minutes."""
    return _count("lookup_fail", 600) < settings.TIP_LOOKUP_FAILURES


def lookup_failed() -> None:
    _hit("lookup_fail", 600)


def nonce_claim(nonce: str) -> bool:
    """``True`` the first time a form's nonce is used (a replayed form is refused
    before it reaches the ingest, whose dedup on the message id is the second net)."""
    return bool(cache.add(f"duluan:tip:nonce:{nonce}", 1, timeout=settings.TIP_FORM_MAX_AGE + 60))
