"""Draft → leader approves → unit submits; parents see only what was submitted."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from duluan.audit.models import AuditEvent
from duluan.conftest import OrgTree
from duluan.core.errors import NotFoundError, PermissionDeniedError, ValidationFailed
from duluan.intake.measures import REPORTS_TOTAL
from duluan.org.choices import Role
from duluan.reporting.choices import State
from duluan.reporting.selectors import periodic_report_get, periodic_report_list
from duluan.reporting.services import (
    periodic_report_approve,
    periodic_report_create,
    periodic_report_reopen,
    periodic_report_submit,
    periodic_report_update,
)

from .conftest import add_reports, local

pytestmark = pytest.mark.django_db


def _draft(tree: OrgTree, unit: str = "upper_a", period: str = "2026-10") -> int:
    return periodic_report_create(
        actor=tree.user(unit, Role.OFFICER),
        unit_id=getattr(tree, unit).pk,
        report_type="monthly",
        period=period,
    ).pk


def test_draft_is_due_by_the_20th_and_leaves_the_numbers_to_the_data(org_tree: OrgTree) -> None:
    add_reports(org_tree.cs_a1, local(2026, 10, 3), 4, urgency="diem_nong", place="Cty May")
    report = periodic_report_get(org_tree.user("upper_a"), _draft(org_tree))
    assert report.state == State.DRAFT
    assert report.due_at is not None
    assert timezone.localtime(report.due_at).isoformat() == "2026-11-20T23:59:59+07:00"
    # The numbers are not copied into the narrative: the document prints them from the
    # data, once, and a copy would go stale when late reports arrive.
    assert "4 ý kiến" not in report.situation and not report.issues
    assert report.recipients.splitlines() == [
        "Liên đoàn Lao động tỉnh Thử Nghiệm (để báo cáo)",
        "Ban Thường vụ (để biết)",
        "Lưu: VT, Ban Tuyên giáo",
    ]
    assert report.place == "Thử Nghiệm"  # from the province's name: no area is set
    assert AuditEvent.objects.filter(object_type="periodic_report", note="create").count() == 1


def test_full_cycle_and_who_may_do_each_step(org_tree: OrgTree) -> None:
    pk = _draft(org_tree)
    officer, leader = org_tree.user("upper_a", Role.OFFICER), org_tree.user("upper_a", Role.LEADER)
    periodic_report_update(
        actor=officer, report_id=pk, data={"forecast": "Ổn định.", "number": "12/BC-CĐKCN"}
    )
    with pytest.raises(PermissionDeniedError):
        periodic_report_approve(actor=officer, report_id=pk)
    with pytest.raises(ValidationFailed):
        periodic_report_submit(actor=officer, report_id=pk)  # not approved yet
    periodic_report_approve(actor=leader, report_id=pk)
    with pytest.raises(ValidationFailed):
        periodic_report_update(actor=officer, report_id=pk, data={"forecast": "Khác."})
    periodic_report_reopen(actor=leader, report_id=pk)
    periodic_report_approve(actor=leader, report_id=pk)
    report = periodic_report_submit(actor=officer, report_id=pk)
    assert report.state == State.SUBMITTED and report.submitted_at is not None
    assert report.approved_by == leader and report.forecast == "Ổn định."
    assert report.figures["reports_total"] == 0
    with pytest.raises(ValidationFailed):
        periodic_report_submit(actor=officer, report_id=pk)


def test_parent_sees_only_submitted_reports_and_others_nothing(org_tree: OrgTree) -> None:
    pk = _draft(org_tree)
    province_officer = org_tree.user("province", Role.OFFICER)
    with pytest.raises(NotFoundError):
        periodic_report_get(province_officer, pk)
    with pytest.raises(NotFoundError):
        periodic_report_get(org_tree.user("upper_b", Role.OFFICER), pk)
    with pytest.raises(NotFoundError):
        periodic_report_get(org_tree.user("cs_a1", Role.OFFICER), pk)  # a child
    leader = org_tree.user("upper_a", Role.LEADER)
    periodic_report_approve(actor=leader, report_id=pk)
    periodic_report_submit(actor=leader, report_id=pk)
    assert periodic_report_get(province_officer, pk).pk == pk
    assert [r.pk for r in periodic_report_list(province_officer)] == [pk]
    assert list(periodic_report_list(org_tree.user("upper_b", Role.OFFICER))) == []
    # Seen, but not the parent's to write: 403, not 404.
    with pytest.raises(PermissionDeniedError):
        periodic_report_create(
            actor=province_officer,
            unit_id=org_tree.upper_a.pk,
            report_type="monthly",
            period="2026-09",
        )
    with pytest.raises(NotFoundError):
        periodic_report_create(
            actor=org_tree.user("upper_b", Role.OFFICER),
            unit_id=org_tree.upper_a.pk,
            report_type="monthly",
            period="2026-09",
        )


def test_parent_builds_its_report_from_the_childrens(org_tree: OrgTree) -> None:
    add_reports(org_tree.cs_a1, local(2026, 10, 3), 6)
    add_reports(org_tree.cs_b1, local(2026, 10, 4), 2)
    pk = _draft(org_tree)
    leader = org_tree.user("upper_a", Role.LEADER)
    periodic_report_update(
        actor=leader, report_id=pk, data={"proposals": "Đề nghị tỉnh hỗ trợ nhà ở cho công nhân."}
    )
    periodic_report_approve(actor=leader, report_id=pk)
    periodic_report_submit(actor=leader, report_id=pk)
    province_draft = periodic_report_create(
        actor=org_tree.user("province", Role.OFFICER),
        unit_id=org_tree.province.pk,
        report_type="monthly",
        period="2026-10",
    )
    assert "CĐ KCN A: Đề nghị tỉnh hỗ trợ nhà ở cho công nhân." in province_draft.proposals
    client = Client()
    client.force_login(org_tree.user("province", Role.OFFICER))
    page = client.get(reverse("reporting:report_detail", args=[province_draft.pk]))
    text = page.content.decode()
    assert "Báo cáo của các đơn vị trực thuộc" in text and "1/2 đơn vị trực thuộc" in text


def test_rejects_a_period_that_does_not_match_the_type_and_duplicates(org_tree: OrgTree) -> None:
    officer = org_tree.user("upper_a", Role.OFFICER)
    with pytest.raises(ValidationFailed):
        periodic_report_create(
            actor=officer, unit_id=org_tree.upper_a.pk, report_type="monthly", period="2026-Q4"
        )
    _draft(org_tree)
    with pytest.raises(ValidationFailed):
        _draft(org_tree)
    ad_hoc = periodic_report_create(
        actor=officer, unit_id=org_tree.upper_a.pk, report_type="hot_spot", period="2026-11"
    )
    assert ad_hoc.due_at is not None


def test_pages_walk_the_cycle(org_tree: OrgTree) -> None:
    add_reports(org_tree.cs_a1, local(2026, 10, 3), 2)
    client = Client()
    client.force_login(org_tree.user("upper_a", Role.LEADER))
    listing = client.get(reverse("reporting:period_list"))
    assert listing.status_code == 200 and "Lập báo cáo mới" in listing.content.decode()
    created = client.post(
        reverse("reporting:report_create"),
        {"unit": org_tree.upper_a.pk, "type": "monthly", "period": "2026-10"},
    )
    assert created.status_code == 302
    url = created["Location"]
    pk = int(url.rstrip("/").split("/")[-1])
    saved = client.post(
        url, {"situation": "Tư tưởng công nhân ổn định.", "signer_name": "Nguyễn Văn A"}
    )
    assert saved.status_code == 302
    page = client.get(url).content.decode()
    assert "Tư tưởng công nhân ổn định." in page and "Duyệt báo cáo" in page
    # Titled in Vietnamese; the period picked from a list; the figures' definitions shown.
    assert "<h1>Báo cáo tháng 10/2026 · CĐ KCN A</h1>" in page
    assert '<select id="id_period" name="period"' in listing.content.decode()
    assert ">Tháng 10/2026</option>" in listing.content.decode()
    assert "Cách tính các số liệu" in page
    assert REPORTS_TOTAL.definition in page
    client.post(reverse("reporting:report_approve", args=[pk]))
    assert "Gửi cấp trên" in client.get(url).content.decode()
    client.post(reverse("reporting:report_submit", args=[pk]))
    assert "Đã gửi cấp trên" in client.get(url).content.decode()
    docx = client.get(reverse("reporting:report_download", args=[pk, "docx"]))
    assert docx.status_code == 200 and docx["Content-Disposition"].endswith('.docx"')
    assert client.get(reverse("reporting:report_download", args=[pk, "odt"])).status_code == 404


def test_privacy_export_and_erasure_of_a_signer(org_tree: OrgTree) -> None:
    from duluan.privacy.registry import ErasureKeys
    from duluan.privacy.subject import SubjectRef
    from duluan.reporting.privacy import PeriodicReportProvider

    officer = org_tree.user("upper_a", Role.OFFICER)
    pk = _draft(org_tree)
    periodic_report_update(actor=officer, report_id=pk, data={"signer_name": "Lê Văn Ký"})
    provider = PeriodicReportProvider()
    exported = provider.export(SubjectRef(user_id=officer.pk))["periodic_reports"]
    assert exported[0]["drafted"] is True and exported[0]["period"] == "2026-10"
    keys = ErasureKeys()
    assert provider.erase(SubjectRef(name="le van ky"), keys) == 1
    assert periodic_report_get(officer, pk).signer_name == ""
    assert keys.values == {"periodic_report_signers": [pk]}
    assert provider.register_entries()[0].count == 1


def test_the_transition_table_says_what_each_person_may_do_next(org_tree: OrgTree) -> None:
    from duluan.reporting.models import PeriodicReport
    from duluan.reporting.workflow import TRANSITIONS, allowed_next

    # Every state but the last has a way out; nothing leaves "submitted".
    assert {step.source for step in TRANSITIONS} == {State.DRAFT, State.APPROVED}
    pk = _draft(org_tree)
    officer, leader = org_tree.user("upper_a", Role.OFFICER), org_tree.user("upper_a", Role.LEADER)
    parent = org_tree.user("province", Role.LEADER)  # sees it, never acts for the unit
    report = PeriodicReport.objects.get(pk=pk)
    assert (allowed_next(officer, report), allowed_next(leader, report)) == (set(), {"approve"})
    periodic_report_approve(actor=leader, report_id=pk)
    report.refresh_from_db()
    assert allowed_next(officer, report) == {"submit"}
    assert allowed_next(leader, report) == {"reopen", "submit"}
    assert allowed_next(parent, report) == set()
    periodic_report_submit(actor=officer, report_id=pk)
    report.refresh_from_db()
    assert allowed_next(leader, report) == set() == allowed_next(officer, report)


def test_a_stale_state_is_refused_not_overwritten(org_tree: OrgTree) -> None:
    from duluan.reporting.models import PeriodicReport
    from duluan.reporting.workflow import report_transition

    pk = _draft(org_tree)
    leader = org_tree.user("upper_a", Role.LEADER)
    seen = PeriodicReport.objects.get(pk=pk)
    periodic_report_approve(actor=leader, report_id=pk)  # someone else, meanwhile
    with pytest.raises(ValidationFailed, match="vừa được người khác thay đổi"):
        report_transition(actor=leader, report=seen, step="approve")
    assert PeriodicReport.objects.get(pk=pk).state == State.APPROVED


def test_the_due_date_is_computed_on_the_working_day_calendar(org_tree: OrgTree) -> None:
    """Never stored: the schedule's 20th, moved to the next working day when it is a
    day off (20/12/2026 is a Sunday), and moved again by a recorded extension."""
    from datetime import datetime

    from django.utils import timezone

    from duluan.core.calendar import deadline_extend
    from duluan.reporting.models import PeriodicReport

    assert "due_at" not in {f.name for f in PeriodicReport._meta.get_fields()}
    november = PeriodicReport.objects.get(pk=_draft(org_tree, period="2026-11"))
    assert timezone.localtime(november.due_at).isoformat() == "2026-12-21T23:59:59+07:00"
    october = PeriodicReport.objects.get(pk=_draft(org_tree, period="2026-10"))
    assert timezone.localtime(october.due_at).date().isoformat() == "2026-11-20"  # a Friday
    later = timezone.make_aware(datetime(2026, 11, 27, 17, 0))
    deadline_extend(
        item=october,
        new_due=later,
        reason="Chờ số liệu quý",
        granted_by=org_tree.user("province", Role.LEADER),
    )
    assert PeriodicReport.objects.get(pk=october.pk).due_at == later


def test_the_draft_page_writes_numbers_as_the_document_does(org_tree: OrgTree) -> None:
    add_reports(org_tree.cs_a1, local(2026, 10, 3), 1000)
    add_reports(org_tree.cs_a1, local(2026, 10, 4), 203, kind="khieu_nai")
    client = Client()
    client.force_login(org_tree.user("upper_a", Role.LEADER))
    page = client.get(reverse("reporting:report_detail", args=[_draft(org_tree)])).content.decode()
    # 203 of 1.203: 16,9 % (never 16.9, 100.0 or an ungrouped 1203).
    assert "<td>16,9</td>" in page and "<td>1.000</td>" in page and "<td>1.203</td>" in page
    assert "<td>100,0</td>" in page or "100.0" not in page
    assert not re.search(r"<td>\d+\.\d</td>|<td>\d{4,}</td>", page)
    assert "ghi nhận 1.203 ý kiến" in page
    # A table named as its block: its caption is for screen readers only.
    assert '<caption class="visually-hidden">Theo loại ý kiến</caption>' in page
