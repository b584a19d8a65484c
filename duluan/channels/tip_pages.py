"""The tip pages of units: opened by an officer for a unit in reach, listed with
their link, QR code and poster. A tip page is a ``ChannelEndpoint`` of kind
``tip`` whose ``code`` is the key in its address (``/gop-y/<code>/``)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.core.errors import NotFoundError, ValidationFailed
from duluan.org.choices import Perm
from duluan.org.models import Unit
from duluan.org.scope import access_unit_in_reach, scope_filter, scoped_units
from duluan.org.types import Actor

from .choices import ChannelKind
from .models import ChannelEndpoint
from .tip_services import tip_enabled

TIP = str(ChannelKind.TIP)
__all__ = ["access_tip_page", "tip_enabled", "tip_page_list", "tip_page_open"]


def tip_page_list(actor: Actor) -> QuerySet[ChannelEndpoint]:
    return (
        ChannelEndpoint.objects.filter(scope_filter(actor, Perm.MATTER_HANDLE), kind=TIP)
        .select_related("unit")
        .order_by("unit__path")
    )


def units_without_tip_page(actor: Actor) -> QuerySet[Unit]:
    return (
        scoped_units(actor, Perm.MATTER_HANDLE)
        .filter(is_active=True)
        .exclude(channel_endpoints__kind=TIP)
        .order_by("path")[:500]
    )


def access_tip_page(actor: Actor, endpoint_id: int) -> ChannelEndpoint:
    found = tip_page_list(actor).filter(pk=endpoint_id).first()
    if found is None:
        raise NotFoundError("Không tìm thấy trang góp ý.")
    return found


@transaction.atomic
def tip_page_open(*, actor: Actor, unit_id: Any) -> ChannelEndpoint:
    """The unit's tip page, at ``/gop-y/<unit code>/`` (lower case), opened once."""
    unit = access_unit_in_reach(actor, unit_id, Perm.MATTER_HANDLE)
    existing = ChannelEndpoint.objects.filter(kind=TIP, unit=unit).first()
    if existing is not None:
        if not existing.is_active:
            existing.is_active = True
            existing.save(update_fields=["is_active"])
        return existing
    code = unit.code.lower()
    if ChannelEndpoint.objects.filter(kind=TIP, code__iexact=code).exists():
        raise ValidationFailed("Mã trang góp ý này đã được dùng cho đơn vị khác.")
    # The page answers on itself (the receipt code), never through a reply job.
    endpoint = ChannelEndpoint.objects.create(kind=TIP, unit=unit, code=code, replies=False)
    audit_record(
        actor=actor,
        action=Action.STATE_CHANGE,
        object_type="channel_endpoint",
        object_ids=[endpoint.pk],
        unit_id=unit.pk,
        note="tip page opened",
    )
    return endpoint
