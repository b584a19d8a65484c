"""Writes of units, accounts and roles."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from duluan.core.errors import ValidationFailed
from duluan.core.text import nfc

from .choices import Role
from .models import RoleAssignment, Unit, UnitLevel, User
from .scope import forget_roles


def level_get_or_create(*, name: str, short_name: str = "") -> UnitLevel:
    level, _ = UnitLevel.objects.get_or_create(
        name=nfc(name), defaults={"short_name": nfc(short_name)}
    )
    return level


@transaction.atomic
def unit_create(
    *,
    code: str,
    name: str,
    level: UnitLevel | str,
    parent: Unit | None = None,
    short_name: str = "",
    area: str = "",
    member_count: int = 0,
    is_active: bool = True,
) -> Unit:
    """Add a unit under ``parent`` (or as a root); codes are unique.

    Siblings are kept in code order (``Unit.node_order_by``), so inserting a
    unit may rewrite the paths of siblings that sort after it: re-fetch any
    ``Unit`` held from before the call.
    """
    code = nfc(code)
    if Unit.objects.filter(code=code).exists():
        raise ValidationFailed(f"Mã đơn vị «{code}» đã tồn tại.")
    if isinstance(level, str):
        level = level_get_or_create(name=level)
    fields: dict[str, Any] = {
        "code": code,
        "name": nfc(name),
        "short_name": nfc(short_name),
        "level": level,
        "area": nfc(area),
        "member_count": member_count,
        "is_active": is_active,
    }
    unit: Unit
    if parent is None:
        unit = Unit.add_root(**fields)
    else:
        parent.refresh_from_db()  # treebeard needs the current numchild
        unit = parent.add_child(**fields)
    return unit


@transaction.atomic
def user_create(
    *, username: str, password: str | None, full_name: str = "", email: str = "", phone: str = ""
) -> User:
    user = User(username=username, full_name=nfc(full_name), email=email, phone=phone)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def role_assign(*, user: User, unit: Unit, role: str) -> RoleAssignment:
    assignment, created = RoleAssignment.objects.get_or_create(user=user, unit=unit, role=role)
    if not created and not assignment.is_active:
        assignment.is_active = True
        assignment.save(update_fields=["is_active"])
    forget_roles(user)
    return assignment


@transaction.atomic
def province_create(
    *,
    code: str,
    name: str,
    admin_username: str,
    admin_password: str,
    short_name: str = "",
    level: str = "LĐLĐ tỉnh",
    admin_name: str = "",
    admin_email: str = "",
    superuser: bool = False,
) -> tuple[Unit, User]:
    """A fresh database's root unit and the admin who builds the rest (docs/operations.md)."""
    if Unit.get_root_nodes().exists():
        raise ValidationFailed("Cơ sở dữ liệu đã có đơn vị gốc; thêm đơn vị bằng nhập cây đơn vị.")
    unit = unit_create(code=code, name=name, short_name=short_name, level=level)
    user = user_create(
        username=admin_username, password=admin_password, full_name=admin_name, email=admin_email
    )
    if superuser:
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    role_assign(user=user, unit=unit, role=Role.ADMIN)
    return unit, user
