"""Write the demo province (units, accounts, roles) through the org services."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction

from duluan.org.models import Unit, User
from duluan.org.services import level_get_or_create, role_assign, unit_create, user_create

from .orgspec import LEVEL_GRASSROOTS, LEVEL_PROVINCE, LEVEL_UPPER, OrgSpec
from .people import DEMO_PASSWORD, PersonSpec

LEVEL_SHORT = {LEVEL_PROVINCE: "LĐLĐ tỉnh", LEVEL_UPPER: "CĐ cấp trên", LEVEL_GRASSROOTS: "CĐCS"}


@dataclass
class BuiltOrg:
    units: dict[str, Unit]  # by code
    users: dict[str, User]  # by username


@transaction.atomic
def org_build(org: OrgSpec, people: list[PersonSpec], *, password: str = DEMO_PASSWORD) -> BuiltOrg:
    """Create every unit and account; all accounts share one password hash.

    The hash is computed once: hashing ~270 accounts one by one with Argon2
    would take longer than generating the whole year of reports.
    """
    levels = {
        name: level_get_or_create(name=name, short_name=short)
        for name, short in LEVEL_SHORT.items()
    }
    units: dict[str, Unit] = {}
    for spec in org.units:
        units[spec.code] = unit_create(
            code=spec.code,
            name=spec.name,
            short_name=spec.short,
            level=levels[spec.level],
            parent=units[spec.parent] if spec.parent else None,
            area=spec.area,
            member_count=spec.members,
        )
    users: dict[str, User] = {}
    for person in people:
        user = users.get(person.username)
        if user is None:
            user = user_create(username=person.username, password=None, full_name=person.full_name)
            users[person.username] = user
        role_assign(user=user, unit=units[person.unit], role=person.role)
    hashed = make_password(password)
    User.objects.filter(pk__in=[u.pk for u in users.values()]).update(password=hashed)
    superusers = [p.username for p in people if p.superuser]
    User.objects.filter(username__in=superusers).update(is_staff=True, is_superuser=True)
    for user in users.values():
        user.password = hashed
        user.is_staff = user.is_superuser = user.username in superusers
    # Siblings are kept ordered by code, so later inserts moved earlier nodes' paths.
    fresh = Unit.objects.filter(code__in=list(units)).select_related("level")
    return BuiltOrg(units={unit.code: unit for unit in fresh}, users=users)


def account_rows(people: list[PersonSpec], built: BuiltOrg) -> list[dict[str, Any]]:
    """The documented accounts as the JSON/table rows the command prints."""
    rows = []
    for person in people:
        if not person.listed:
            continue
        unit = built.units[person.unit]
        parent = unit.get_parent()
        rows.append(
            {
                "username": person.username,
                "password": DEMO_PASSWORD,
                "role": person.role,
                "unit_code": unit.code,
                "parent_unit_code": parent.code if parent else None,
                "unit_name": unit.display_name,
                "superuser": person.superuser,
            }
        )
    return rows
