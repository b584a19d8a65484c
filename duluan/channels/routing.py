"""Which unit a message belongs to."""

from __future__ import annotations

from duluan.org.models import Unit

from .base import InboundMessage
from .models import ChannelEndpoint, ChannelSender


def _within(unit: Unit, root: Unit | None) -> bool:
    return root is None or unit.path.startswith(root.path)


def unit_resolve(
    *, kind: str, inbound: InboundMessage, sender_key: str
) -> tuple[Unit | None, ChannelEndpoint | None]:
    """The unit and endpoint for ``inbound``, in this order:

    1. ``unit_code`` naming an endpoint's code (SMS keyword, ``gopy+<code>@``);
    2. ``unit_code`` naming a unit's code, when the message reached an endpoint
       (a shared mailbox or number) whose unit holds that unit in its subtree;
    3. the unit the sender registered with (a Zalo OA follower), likewise
       within the endpoint's subtree when there is one;
    4. the endpoint the message was sent to (``address``).

    ``(None, None)``: nobody to give it to (the message is kept as unrouted).
    """
    endpoints = ChannelEndpoint.objects.filter(kind=kind, is_active=True, unit__is_active=True)
    by_address = None
    if inbound.address:
        by_address = (
            endpoints.filter(address__iexact=inbound.address, code="")
            .select_related("unit")
            .first()
        )
    root = by_address.unit if by_address else None
    code = inbound.unit_code.strip()
    if code:
        coded = endpoints.filter(code__iexact=code).select_related("unit")
        if inbound.address:
            coded = coded.filter(address__in=["", inbound.address])
        endpoint = coded.first()
        if endpoint is not None:
            return endpoint.unit, endpoint
        if by_address is not None:
            unit = Unit.objects.filter(code__iexact=code, is_active=True).first()
            if unit is not None and _within(unit, root):
                return unit, by_address
    registered = (
        ChannelSender.objects.filter(kind=kind, sender_key=sender_key, unit__is_active=True)
        .select_related("unit")
        .first()
    )
    if (
        registered is not None
        and (by_address is not None or not inbound.address)
        and _within(registered.unit, root)
    ):
        return registered.unit, by_address
    if by_address is not None:
        return by_address.unit, by_address
    return None, None
