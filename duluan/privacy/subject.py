"""Who a request is about, and keyed hashes of contacts for the erasure ledger."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.crypto import salted_hmac

from duluan.core.text import fold

_SALT = "duluan.privacy.contact"


def normalise_contact(value: str) -> str:
    """Phones to their digits (0… form), e-mails lower-cased, names folded."""
    value = value.strip()
    if "@" in value:
        return value.lower()
    digits = re.sub(r"\D", "", value)
    if len(digits) >= 9:
        if digits.startswith("84") and len(digits) >= 11:
            digits = "0" + digits[2:]
        return digits
    return fold(value)


def contact_hash(value: str) -> str:
    return salted_hmac(_SALT, normalise_contact(value), algorithm="sha256").hexdigest()


@dataclass(frozen=True)
class SubjectRef:
    """A person, by account and/or by the contacts they gave."""

    user_id: int | None = None
    contacts: tuple[str, ...] = field(default_factory=tuple)
    name: str = ""

    @property
    def contact_hashes(self) -> set[str]:
        return {contact_hash(c) for c in self.contacts if c.strip()}

    def matches_contact(self, value: str) -> bool:
        return bool(value.strip()) and contact_hash(value) in self.contact_hashes
