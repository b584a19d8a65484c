"""Creating, grouping and splitting matters; verification; hot spots."""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import Count, Max, Min, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.core.errors import NotFoundError, PermissionDeniedError, ValidationFailed
from duluan.core.pii import mask_pii
from duluan.core.text import nfc
from duluan.intake.choices import Urgency
from duluan.intake.models import Report
from duluan.org.choices import Perm
from duluan.org.scope import acting_account, unit_in_scope
from duluan.org.types import Actor

from ..choices import Outcome, Priority, State
from ..models import Matter, MatterReport, Transition, Verification
from ..workflow import TransitionRefused, check_acts_on, matter_transition, record_transition

logger = logging.getLogger(__name__)


def _audit(actor: Actor, matter: Matter, object_type: str, note: str = "") -> None:
    audit_record(
        actor=actor,
        action=Action.STATE_CHANGE,
        object_type=object_type,
        object_ids=[matter.pk],
        unit_id=matter.owning_unit_id,
        note=note,
    )


def _check_report(actor: Actor, report: Report) -> None:
    if not unit_in_scope(actor, Perm.REPORT_VIEW, report.unit):
        raise NotFoundError(_("Không tìm thấy phản ánh."))
    if MatterReport.objects.filter(report=report).exists():
        raise ValidationFailed(_("Phản ánh đã thuộc một vấn đề khác."))


def _check_open(matter: Matter) -> None:
    if matter.is_closed:
        raise TransitionRefused(_("Vấn đề đã đóng."))


def matter_recompute(matter: Matter) -> Matter:
    """Derive counts, first/last seen and the touched units from the attached reports."""
    reports = Report.objects.filter(matter_link__matter=matter)
    agg = reports.aggregate(
        n=Count("id"),
        people=Sum(Coalesce("people_count", Value(1))),
        first=Min("heard_at"),
        last=Max("heard_at"),
    )
    matter.report_count = agg["n"] or 0
    matter.people_count = agg["people"] or 0
    matter.first_seen, matter.last_seen = agg["first"], agg["last"]
    matter.save(update_fields=["report_count", "people_count", "first_seen", "last_seen"])
    matter.units.set(set(reports.values_list("unit_id", flat=True)))
    return matter


def _mark_hot(actor: Actor, matter: Matter, note: str) -> None:
    if matter.is_hot_spot:
        return
    matter.is_hot_spot = True
    matter.hot_since = timezone.now()
    matter.save(update_fields=["is_hot_spot", "hot_since"])
    _audit(actor, matter, "matter_hot", note)
    on_hot_spot(matter)


def on_hot_spot(matter: Matter) -> None:
    """In the transaction that makes a matter a hot spot: queue its notification.

    The job (in-app notices, e-mail and the webhook to every ancestor's
    officers) is written with the hot spot, so a broker outage delays it and
    never loses it; the overdue check still reminds the upper level.
    """
    from duluan.jobs.services import job_enqueue

    from ..jobs import HOT_SPOT_NOTIFY

    job_enqueue(HOT_SPOT_NOTIFY, {"matter_id": matter.pk})


@transaction.atomic
def matter_create_from_report(
    *,
    actor: Actor,
    report: Report,
    title: str = "",
    topics: str = "",
    priority: str = Priority.NORMAL,
) -> Matter:
    """A new matter in *Tiếp nhận*, owned by the report's unit, holding that report.

    A report marked hot spot (``diem_nong``) makes the matter hot at once.
    """
    if not unit_in_scope(actor, Perm.REPORT_VIEW, report.unit):
        raise NotFoundError(_("Không tìm thấy phản ánh."))
    if not unit_in_scope(actor, Perm.MATTER_HANDLE, report.unit):
        raise PermissionDeniedError(_("Bạn không có quyền lập vấn đề từ phản ánh này."))
    _check_report(actor, report)
    matter = Matter(
        # A title defaults to the subject with personal data masked: it is read up the tree.
        title=nfc(title or mask_pii(report.subject))[:200],
        topics=nfc(topics),
        owning_unit=report.unit,
        priority=priority,
    )
    matter.full_clean()
    matter.save()
    MatterReport.objects.create(matter=matter, report=report, added_by=acting_account(actor))
    matter_recompute(matter)
    _audit(actor, matter, "matter_create")
    if report.urgency == Urgency.HOT_SPOT:
        _mark_hot(actor, matter, "report")
    return matter


@transaction.atomic
def matter_attach_report(*, actor: Actor, matter: Matter, report: Report) -> Matter:
    """Group one more report under an open matter; the report keeps its own unit."""
    check_acts_on(actor, matter, Perm.MATTER_HANDLE)
    _check_open(matter)
    _check_report(actor, report)
    MatterReport.objects.create(matter=matter, report=report, added_by=acting_account(actor))
    matter_recompute(matter)
    _audit(actor, matter, "matter_link", f"+{report.pk}")
    if report.urgency == Urgency.HOT_SPOT:
        _mark_hot(actor, matter, "report")
    return matter


@transaction.atomic
def matter_merge(*, actor: Actor, matter: Matter, other: Matter, note: str = "") -> Matter:
    """Move every report of one matter into the other; the older matter is kept.

    The absorbed matter is closed (*Đóng*) with a timeline row naming the kept
    one, and points to it through ``merged_into``.
    """
    if matter.pk == other.pk:
        raise ValidationFailed(_("Không thể gộp một vấn đề với chính nó."))
    for m in (matter, other):
        check_acts_on(actor, m, Perm.MATTER_HANDLE)
        _check_open(m)
    keep, gone = sorted((matter, other), key=lambda m: (m.created_at, m.pk))
    MatterReport.objects.filter(matter=gone).update(matter=keep)
    if gone.is_hot_spot and not keep.is_hot_spot:
        _mark_hot(actor, keep, "merge")
    gone.merged_into = keep
    gone.save(update_fields=["merged_into"])
    matter_recompute(keep)
    matter_recompute(gone)
    text = _("Gộp vào vấn đề #%(id)d.") % {"id": keep.pk}
    record_transition(actor=actor, matter=gone, to_state=State.DONG, note=f"{text} {note}".strip())
    _audit(actor, keep, "matter_merge", f"+{gone.pk}")
    return keep


@transaction.atomic
def matter_split_report(*, actor: Actor, matter: Matter, report: Report) -> Matter:
    """Take one report out of a matter into a new matter of its own (in *Tiếp nhận*,
    owned by the same unit). The old matter keeps at least one report."""
    check_acts_on(actor, matter, Perm.MATTER_HANDLE)
    _check_open(matter)
    link = MatterReport.objects.filter(matter=matter, report=report).first()
    if link is None:
        raise NotFoundError(_("Phản ánh không thuộc vấn đề này."))
    if matter.links.count() < 2:
        raise ValidationFailed(_("Vấn đề chỉ có một phản ánh, không thể tách."))
    new = Matter(
        title=nfc(mask_pii(report.subject))[:200],
        topics=matter.topics,
        owning_unit=matter.owning_unit,
        priority=matter.priority,
    )
    new.full_clean()
    new.save()
    link.matter = new
    link.save(update_fields=["matter"])
    matter_recompute(matter)
    matter_recompute(new)
    _audit(actor, new, "matter_split", f"from {matter.pk}")
    return new


@transaction.atomic
def verification_record(
    *,
    actor: Actor,
    matter: Matter,
    outcome: str,
    sources_checked: str = "",
    contacts: str = "",
    rumour_claim: str = "",
    rumour_where: str = "",
    verified_facts: str = "",
) -> Verification:
    """Step 2's record, only while the matter is in *Xác minh*.

    A rumour must state the claim and the verified facts.
    """
    check_acts_on(actor, matter, Perm.MATTER_HANDLE)
    if matter.state != State.XAC_MINH:
        raise TransitionRefused(_("Chỉ ghi kết quả xác minh khi vấn đề đang ở bước «Xác minh»."))
    if outcome == Outcome.RUMOUR and not (rumour_claim.strip() and verified_facts.strip()):
        raise ValidationFailed(_("Với tin đồn, cần ghi nội dung tin đồn và sự thật đã xác minh."))
    verification = Verification(
        matter=matter,
        outcome=outcome,
        sources_checked=nfc(sources_checked),
        contacts=nfc(contacts),
        rumour_claim=nfc(rumour_claim),
        rumour_where=nfc(rumour_where),
        verified_facts=nfc(verified_facts),
        recorded_by=acting_account(actor),
    )
    verification.full_clean()
    verification.save()
    _audit(actor, matter, "verification", outcome)
    return verification


@transaction.atomic
def matter_mark_hot(*, actor: Actor, matter: Matter, note: str = "") -> Matter:
    """Raise a matter to hot spot: starts the formal-report clock, fires :func:`on_hot_spot`."""
    check_acts_on(actor, matter, Perm.MATTER_HANDLE)
    _check_open(matter)
    _mark_hot(actor, matter, note)
    return matter


@transaction.atomic
def matter_hot_report_record(*, actor: Actor, matter: Matter) -> Matter:
    """The formal written report on a hot spot has been sent: stops its clock."""
    check_acts_on(actor, matter, Perm.MATTER_HANDLE)
    if not matter.is_hot_spot:
        raise ValidationFailed(_("Vấn đề không phải điểm nóng."))
    matter.hot_reported_at = timezone.now()
    matter.save(update_fields=["hot_reported_at"])
    _audit(actor, matter, "matter_hot_report")
    return matter


@transaction.atomic
def matter_screen(
    *, actor: Actor, matter: Matter, priority: str | None = None, note: str = ""
) -> Transition:
    """Step 1, *Sàng lọc*: the officer selects the matter for handling and sets how
    urgent it is. The priority (one of :class:`Priority`, unchanged when ``None``) is
    written with the transition, and audited when it changes."""
    if priority is not None and priority not in Priority.values:
        raise ValidationFailed(_("Mức ưu tiên không hợp lệ."))
    step = matter_transition(actor=actor, matter=matter, to_state=State.SANG_LOC, note=note)
    if priority is not None and priority != matter.priority:
        old = matter.priority
        matter.priority = priority
        matter.save(update_fields=["priority"])
        _audit(actor, matter, "matter_priority", f"{old}→{priority}")
    return step
