"""Building blocks for the cases tests: a report at a unit, a matter ready to escalate."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from duluan.cases.choices import Outcome, State
from duluan.cases.models import Matter
from duluan.cases.services import matter_create_from_report, verification_record
from duluan.cases.workflow import matter_transition
from duluan.conftest import OrgTree
from duluan.intake.models import Report
from duluan.intake.services import ReportData, report_create
from duluan.org.choices import Role


def make_report(
    tree: OrgTree,
    unit_attr: str = "cs_a1",
    *,
    subject: str = "Tin đồn công ty sắp cắt thưởng Tết",
    urgency: str = "binh_thuong",
    people: int | None = 30,
    heard_at: datetime | None = None,
) -> Report:
    data = ReportData(
        unit_id=getattr(tree, unit_attr).pk,
        channel="truc_tiep",
        heard_at=heard_at or timezone.now(),
        subject=subject,
        text="Công nhân bàn tán công ty sắp cắt thưởng Tết năm nay.",
        kind="tin_don",
        mood="tieu_cuc",
        verifiability="mot_nguon",
        urgency=urgency,
        people_count=people,
    )
    return report_create(actor=tree.user(unit_attr, Role.COLLABORATOR), data=data)


def verify_as_rumour(officer: Any, matter: Matter, **facts: str) -> Matter:
    """Screen ``matter`` and record it verified as a rumour (``facts``: the
    verification's fields, ``rumour_claim``, ``verified_facts``…)."""
    matter_transition(actor=officer, matter=matter, to_state=State.SANG_LOC)
    matter_transition(actor=officer, matter=matter, to_state=State.XAC_MINH)
    verification_record(actor=officer, matter=matter, outcome=Outcome.RUMOUR, **facts)
    return matter


def verified_matter(tree: OrgTree, unit_attr: str = "cs_a1", **kwargs: Any) -> Matter:
    """A matter at ``unit_attr``, screened and verified as a rumour."""
    officer = tree.user(unit_attr)
    matter = matter_create_from_report(actor=officer, report=make_report(tree, unit_attr, **kwargs))
    return verify_as_rumour(
        officer,
        matter,
        sources_checked="Hỏi phòng nhân sự, xem thông báo của công ty",
        contacts="Tổ trưởng tổ may 3; phòng nhân sự",
        rumour_claim="Công ty cắt thưởng Tết",
        rumour_where="Nhóm Zalo công nhân xưởng may",
        verified_facts="Công ty vẫn thưởng Tết một tháng lương như năm trước",
    )
