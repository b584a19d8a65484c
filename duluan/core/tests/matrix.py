"""The access matrix's world, actors and cases, shared by every app's table.

The core tables are in ``test_access_matrix.py``. An app adds its own rows in
``duluan/<app>/tests/access_cases.py``, which may define:

* ``PAGES: dict[str, Case]`` and ``API: dict[tuple[str, str], Case]``;
* ``build(world: World) -> None``: create the app's objects owned by ``cs_a1``
  (the world's unit) and keep them in ``world.extra``, for the URLs to name.

Every page under config/urls.py and every OpenAPI operation must appear in
exactly one table (the coverage tests fail otherwise).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.utils import timezone

from duluan.api.services import token_issue
from duluan.conftest import make_user
from duluan.intake.attachments import UploadedFile
from duluan.intake.models import Report, ReportAttachment
from duluan.intake.services import ReportData, report_create
from duluan.org.choices import ROLE_PERMS, Perm, Role
from duluan.org.models import Unit
from duluan.org.services import unit_create

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")
SUBJECT = "Ma trận quyền: công nhân lo nợ lương tháng 13"
REPORTER_NAME = "Nguyễn Thị Danh Tính Kín"

# Where each actor's role sits, relative to the owner ``cs_a1``.
RELATIONS: dict[str, str] = {
    "same": "cs_a1",
    "parent": "upper_a",
    "child": "to_a1",
    "sibling": "cs_a2",  # another grassroots union under the same parent
    "other_branch": "cs_b1",
}
SUBTREE_HOLDS_OBJECT = {"same", "parent"}

Actor = tuple[str, str] | None  # (role, relation); None is anonymous
ACTORS: list[Actor] = [None] + [(role, rel) for role in Role.values for rel in RELATIONS]


def actor_id(actor: Actor) -> str:
    return "anonymous" if actor is None else f"{actor[0]}@{actor[1]}"


# ── who may: predicates over (role, relation) ────────────────────────────────
Reach = Callable[[str, str], bool]


def anyone(role: str, relation: str) -> bool:
    return True


def nobody(role: str, relation: str) -> bool:
    return False


def holds(perm: str) -> Reach:
    """The role grants ``perm`` somewhere: pages that are not about one object."""
    return lambda role, relation: perm in ROLE_PERMS[role]


def reaches(perm: str) -> Reach:
    """The role grants ``perm`` on a subtree that contains the object."""
    return lambda role, relation: perm in ROLE_PERMS[role] and relation in SUBTREE_HOLDS_OBJECT


def sees_identity(role: str, relation: str) -> bool:
    """The reporter's name: officers of the report's own unit only."""
    return Perm.IDENTITY_VIEW in ROLE_PERMS[role] and relation == "same"


# ── the world: built once for the module, rolled back at its end ─────────────
@dataclass
class World:
    units: dict[str, Unit]
    report: Report
    attachment: ReportAttachment
    foreign_token_id: int
    users: dict[tuple[str, str], Any] = field(default_factory=dict)
    tokens: dict[tuple[str, str], str] = field(default_factory=dict)
    sessions: dict[tuple[str, str], str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)  # objects apps add in ``build``

    @property
    def unit(self) -> Unit:
        return self.units["cs_a1"]


def build_world() -> World:
    grassroots = "Công đoàn cơ sở"
    province = unit_create(code="M01", name="LĐLĐ tỉnh Ma Trận", level="LĐLĐ tỉnh")
    upper = "Công đoàn cấp trên trực tiếp cơ sở"
    upper_a = unit_create(code="M01-A", name="CĐ KCN Ma Trận A", level=upper, parent=province)
    upper_b = unit_create(code="M01-B", name="CĐ ngành Ma Trận B", level=upper, parent=province)
    cs_a1 = unit_create(code="M01-A-1", name="CĐCS Chủ Sở Hữu", level=grassroots, parent=upper_a)
    cs_a2 = unit_create(code="M01-A-2", name="CĐCS Láng Giềng", level=grassroots, parent=upper_a)
    cs_b1 = unit_create(code="M01-B-1", name="CĐCS Nhánh Khác", level=grassroots, parent=upper_b)
    to_a1 = unit_create(code="M01-A-1-T1", name="Tổ công đoàn Con", level="Tổ CĐ", parent=cs_a1)
    units = {
        "province": province,
        "upper_a": upper_a,
        "upper_b": upper_b,
        "cs_a1": cs_a1,
        "cs_a2": cs_a2,
        "cs_b1": cs_b1,
        "to_a1": to_a1,
    }
    submitter = make_user(cs_a1, Role.COLLABORATOR, "matrix_submitter")
    report = report_create(
        actor=submitter,
        data=ReportData(
            unit_id=cs_a1.pk,
            channel="truc_tiep",
            heard_at=timezone.now() - timedelta(hours=3),
            subject=SUBJECT,
            text="Nội dung chỉ người trong phạm vi được đọc.",
            kind="khieu_nai",
            mood="tieu_cuc",
            verifiability="nhieu_nguon",
            anonymous=False,
            reporter_name=REPORTER_NAME,
            attachments=[UploadedFile(name="anh.png", content=PNG)],
        ),
    )
    world = World(
        units=units,
        report=report,
        attachment=report.attachments.get(),
        foreign_token_id=token_issue(user=submitter, name="của người khác")[0].pk,
    )
    for role in Role.values:
        for relation, unit_attr in RELATIONS.items():
            user = make_user(units[unit_attr], role, f"{relation}_{role}")
            world.users[(role, relation)] = user
            world.tokens[(role, relation)] = token_issue(user=user, name="matrix")[1]
            world.sessions[(role, relation)] = signed_in_session(user)
    return world


def signed_in_session(user: Any) -> str:
    """A stored session for ``user``, as ``Client.force_login`` makes, but made once."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return str(session.session_key)


# ── how to spot the object in an answer (lists must show it iff in reach) ───
Present = Callable[[World, str], bool]


def report_linked(world: World, text: str) -> bool:
    return f'href="/phan-anh/{world.report.pk}/"' in text


def unit_linked(world: World, text: str) -> bool:
    return f'href="/don-vi/{world.unit.pk}/"' in text


def unit_offered(world: World, text: str) -> bool:
    return f'<option value="{world.unit.pk}"' in text


def _item_ids(text: str) -> list[int]:
    return [item["id"] for item in json.loads(text)["items"]]


def report_item(world: World, text: str) -> bool:
    return world.report.pk in _item_ids(text)


def unit_item(world: World, text: str) -> bool:
    return world.unit.pk in _item_ids(text)


@dataclass(frozen=True)
class Case:
    """How one endpoint answers each actor."""

    url: Callable[[World], str]
    allowed: Reach
    method: str = "GET"
    ok: int = 200
    public: bool = False  # anonymous visitors get ``ok`` too
    # A list: the object is present in the answer iff ``shows[1]`` holds for the actor.
    shows: tuple[Present, Reach] | None = None
    body: Callable[[World, Actor], dict[str, Any]] | None = None
    identity: bool = False  # the answer may carry the reporter's name (to those who may see it)
    # Actors who see the object but may not act on it: 403 (with a message), not 404.
    forbidden: Reach | None = None


def app_tables() -> list[Any]:
    """Every ``duluan.<app>.tests.access_cases`` module, in app order."""
    import pkgutil

    import duluan

    modules = []
    for info in sorted(pkgutil.iter_modules(duluan.__path__), key=lambda i: i.name):
        try:
            modules.append(import_module(f"duluan.{info.name}.tests.access_cases"))
        except ModuleNotFoundError as exc:
            if exc.name not in (
                f"duluan.{info.name}.tests",
                f"duluan.{info.name}.tests.access_cases",
            ):
                raise
    return modules
