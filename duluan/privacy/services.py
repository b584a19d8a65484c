"""Writes: consent, data-subject requests, export, erasure, restriction."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from duluan.core.epochs import PERSONAL_DATA, epoch_bump_on_commit
from duluan.core.errors import ValidationFailed
from duluan.org.models import User
from duluan.org.scope import acting_account, recorded_account
from duluan.org.types import Actor

from .choices import RequestKind, RequestStatus
from .ledger import ledger_append, ledger_entries
from .models import Consent, DataSubjectRequest, ErasureEntry
from .registry import ErasureKeys, providers
from .subject import SubjectRef

# ---- consent -------------------------------------------------------------------------------


@transaction.atomic
def consent_give(
    *,
    subject_kind: str,
    subject_id: int,
    purpose: str,
    method: str,
    recorded_by: Actor | None = None,
) -> Consent:
    existing = Consent.objects.filter(
        subject_kind=subject_kind, subject_id=subject_id, purpose=purpose, withdrawn_at__isnull=True
    ).first()
    if existing is not None:
        return existing
    consent = Consent(
        subject_kind=subject_kind,
        subject_id=subject_id,
        purpose=purpose,
        method=method,
        recorded_by=recorded_account(recorded_by),
    )
    consent.full_clean()
    consent.save()
    return consent


@transaction.atomic
def consent_withdraw(*, subject_kind: str, subject_id: int, purpose: str | None = None) -> int:
    consents = Consent.objects.filter(
        subject_kind=subject_kind, subject_id=subject_id, withdrawn_at__isnull=True
    )
    if purpose:
        consents = consents.filter(purpose=purpose)
    return consents.update(withdrawn_at=timezone.now())


def consented_ids(*, subject_kind: str, purpose: str) -> Any:
    """A subquery of subject ids with a live consent for ``purpose``: what that purpose may use."""
    return Consent.objects.filter(
        subject_kind=subject_kind, purpose=purpose, withdrawn_at__isnull=True
    ).values("subject_id")


# ---- requests ------------------------------------------------------------------------------


def subject_of(request: DataSubjectRequest) -> SubjectRef:
    contacts = tuple(c.strip() for c in request.subject_contacts.split(",") if c.strip())
    return SubjectRef(user_id=request.subject_user_id, contacts=contacts, name=request.subject_name)


@transaction.atomic
def dsr_open(
    *,
    actor: Actor,
    kind: str,
    subject_user: User | None = None,
    subject_name: str = "",
    subject_contacts: str = "",
    details: str = "",
    received_at: datetime | None = None,
) -> DataSubjectRequest:
    request = DataSubjectRequest(
        kind=kind,
        subject_user=subject_user,
        subject_name=subject_name.strip(),
        subject_contacts=subject_contacts.strip(),
        details=details.strip(),
        received_at=received_at or timezone.now(),
        received_by=acting_account(actor),
    )
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def dsr_reply(*, request: DataSubjectRequest, note: str = "") -> DataSubjectRequest:
    if request.status != RequestStatus.RECEIVED:
        raise ValidationFailed("Yêu cầu này đã được phản hồi.")
    request.status = RequestStatus.REPLIED
    request.replied_at = timezone.now()
    if note:
        request.outcome = note.strip()
    request.save(update_fields=["status", "replied_at", "outcome"])
    return request


@transaction.atomic
def dsr_complete(*, request: DataSubjectRequest, actor: Actor, outcome: str = "") -> dict[str, Any]:
    """Carry the request out: deletion erases, restriction restricts, access exports."""
    if request.status in (RequestStatus.DONE, RequestStatus.REFUSED):
        raise ValidationFailed("Yêu cầu này đã đóng.")
    subject = subject_of(request)
    result: dict[str, Any] = {}
    if request.kind == RequestKind.DELETION:
        result["erased"] = subject_erase(subject=subject, actor=actor, request=request)
    elif request.kind == RequestKind.RESTRICTION:
        result["restricted"] = subject_restrict(subject=subject)
    elif request.kind == RequestKind.ACCESS:
        result["export"] = subject_export(subject=subject)
    now = timezone.now()
    request.status = RequestStatus.DONE
    request.replied_at = request.replied_at or now
    request.done_at = now
    request.outcome = (outcome or request.outcome).strip()
    request.save(update_fields=["status", "replied_at", "done_at", "outcome"])
    return result


# ---- what is held, erasure, restriction ------------------------------------------------------


def subject_export(*, subject: SubjectRef) -> dict[str, Any]:
    """Everything held about a person, grouped by provider, as plain JSON-ready data."""
    data: dict[str, Any] = {"generated_at": timezone.now().isoformat()}
    for provider in providers():
        data[provider.key] = provider.export(subject)
    plain: dict[str, Any] = json.loads(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False))
    return plain


@transaction.atomic
def subject_erase(
    *, subject: SubjectRef, actor: Actor | None = None, request: DataSubjectRequest | None = None
) -> int:
    """Erase a person everywhere; record the keys in the DB and in the ledger file."""
    keys = ErasureKeys()
    erased = 0
    for provider in providers():
        erased += provider.erase(subject, keys)
    entry = ErasureEntry.objects.create(
        request=request, keys=keys.values, erased_by=recorded_account(actor)
    )
    payload = {"id": entry.pk, "at": timezone.now().isoformat(), "keys": keys.values}
    transaction.on_commit(lambda: ledger_append(payload))
    epoch_bump_on_commit(PERSONAL_DATA)
    return erased


def subject_restrict(*, subject: SubjectRef) -> int:
    now = timezone.now()
    restricted = sum(provider.restrict(subject, now) for provider in providers())
    epoch_bump_on_commit(PERSONAL_DATA)
    return restricted


@transaction.atomic
def ledger_reapply() -> int:
    """After a restore: erase again everything the ledger says was erased."""
    total = 0
    for entry in ledger_entries():
        for provider in providers():
            total += provider.reapply(entry.get("keys", {}))
    epoch_bump_on_commit(PERSONAL_DATA)
    return total
