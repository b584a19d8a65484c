"""Helpers for the network tests: a member with a dated appointment."""

from __future__ import annotations

from datetime import date
from typing import Any

from duluan.network.models import NetworkMember
from duluan.network.services.roster import Appointment, member_create


def appoint(
    actor: Any, unit: Any, name: str, on: date, *, kind: str = "ctv", user: Any = None
) -> NetworkMember:
    return member_create(
        actor=actor,
        unit_id=unit.pk,
        kind=kind,
        full_name=name,
        user=user,
        appointment=Appointment(
            on=on, decision_no=f"QĐ-{name[:3]}", decision_date=on, issuer="BTV"
        ),
    )
