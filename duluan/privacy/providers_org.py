"""Personal data held about accounts (org): names, contacts, sign-in traces."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q

from duluan.org.models import LoginAttempt, RoleAssignment, TotpDevice, User

from .registry import ErasureKeys, RegisterEntry
from .subject import SubjectRef, normalise_contact


def _matching_users(subject: SubjectRef) -> list[User]:
    users = {}
    if subject.user_id:
        for user in User.objects.filter(pk=subject.user_id):
            users[user.pk] = user
    for contact in subject.contacts:
        norm = normalise_contact(contact)
        if "@" in norm:
            query = Q(email__iexact=norm)
        elif norm.isdigit():
            query = Q(phone__contains=norm[-9:])
        else:
            continue
        for user in User.objects.filter(query):
            if subject.matches_contact(user.email) or subject.matches_contact(user.phone):
                users[user.pk] = user
    return list(users.values())


def anonymise_user(user: User) -> None:
    user.username = f"da-xoa-{user.pk}"
    user.full_name = ""
    user.first_name = ""
    user.last_name = ""
    user.email = ""
    user.phone = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    RoleAssignment.objects.filter(user=user).update(is_active=False)
    TotpDevice.objects.filter(user=user).delete()
    user.api_tokens.all().delete()


class AccountProvider:
    key = "accounts"

    def export(self, subject: SubjectRef) -> dict[str, list[dict[str, Any]]]:
        users = _matching_users(subject)
        return {
            "accounts": [
                {
                    "username": u.username,
                    "full_name": u.full_name,
                    "email": u.email,
                    "phone": u.phone,
                    "date_joined": u.date_joined,
                    "last_login": u.last_login,
                    "roles": [
                        {"role": r.role, "unit": r.unit.name, "active": r.is_active}
                        for r in RoleAssignment.objects.filter(user=u).select_related("unit")
                    ],
                }
                for u in users
            ],
            "sign_in_attempts": [
                {"at": a.at, "ip": a.ip, "succeeded": a.succeeded, "channel": a.channel}
                for u in users
                for a in LoginAttempt.objects.filter(username=u.username.lower()).order_by("-at")[
                    :500
                ]
            ],
        }

    def erase(self, subject: SubjectRef, keys: ErasureKeys) -> int:
        users = _matching_users(subject)
        for user in users:
            LoginAttempt.objects.filter(username=user.username.lower()).delete()
            anonymise_user(user)
        keys.add("user_ids", [u.pk for u in users])
        return len(users)

    def reapply(self, keys: dict[str, list[Any]]) -> int:
        count = 0
        for user in User.objects.filter(pk__in=keys.get("user_ids", [])):
            if user.username != f"da-xoa-{user.pk}" or user.email or user.phone or user.full_name:
                LoginAttempt.objects.filter(username=user.username.lower()).delete()
                anonymise_user(user)
                count += 1
        return count

    def restrict(self, subject: SubjectRef, when: datetime) -> int:
        return 0  # an account's data is needed to run the account itself

    def retention_apply(self, now: datetime, dry_run: bool) -> dict[str, int]:
        cutoff = now - timedelta(days=settings.RETENTION_DAYS["login_attempts"])
        old = LoginAttempt.objects.filter(at__lt=cutoff)
        count = old.count()
        if not dry_run:
            old.delete()
        return {"login_attempts": count}

    def register_entries(self) -> list[RegisterEntry]:
        days = settings.RETENTION_DAYS
        return [
            RegisterEntry(
                category="Tài khoản người dùng",
                fields=["tên đăng nhập", "họ tên", "e-mail", "điện thoại", "vai trò, đơn vị"],
                purpose="Quản lý người dùng, phân quyền theo cây tổ chức",
                legal_basis="Thực hiện nhiệm vụ của tổ chức công đoàn; hợp đồng/quyết định phân công",
                subjects="Cộng tác viên, báo cáo viên, cán bộ công đoàn",
                recipients="Quản trị hệ thống của đơn vị",
                retention="Trong thời gian giữ vai trò; xoá theo yêu cầu",
                storage="Cơ sở dữ liệu duluan (bảng org_user, org_roleassignment)",
                count=User.objects.count(),
            ),
            RegisterEntry(
                category="Nhật ký đăng nhập",
                fields=["tên đăng nhập đã gõ", "địa chỉ IP", "thời điểm", "kết quả"],
                purpose="Chống dò mật khẩu, điều tra sự cố lộ lọt",
                legal_basis="Bảo đảm an toàn dữ liệu (nghĩa vụ của bên kiểm soát)",
                subjects="Người đăng nhập",
                recipients="Quản trị hệ thống",
                retention=f"{days['login_attempts']} ngày, sau đó tự động xoá",
                storage="Cơ sở dữ liệu duluan (bảng org_loginattempt)",
                count=LoginAttempt.objects.count(),
            ),
        ]
