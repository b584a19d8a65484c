"""Writes on members' records: the yearly evaluation (prefilled from the figures of
:mod:`duluan.network.selectors.activity`, signed by a leader); rewards and discipline."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from django.db import transaction
from django.utils import timezone

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.core.errors import PermissionDeniedError, ValidationFailed
from duluan.core.text import nfc
from duluan.org.scope import acting_account, unit_in_scope
from duluan.org.types import Actor

from ..choices import CommendationKind, Grade
from ..models import Commendation, Evaluation
from ..permissions import MANAGE, SIGN
from ..selectors.activity import access_evaluation, member_activity, suggested_grade
from ..selectors.roster import access_member
from .roster import _clean


# ── evaluation ───────────────────────────────────────────────────────────────
@transaction.atomic
def evaluation_prefill(*, actor: Actor, member_id: int, year: int) -> Evaluation:
    """Create or refresh the unsigned evaluation of ``year`` from the figures."""
    member = access_member(actor, member_id, MANAGE, own=False)
    activity = member_activity(member, date(year, 1, 1), date(year + 1, 1, 1))
    score = activity.score()
    evaluation = Evaluation.objects.filter(member=member, year=year).first()
    if evaluation is not None and evaluation.signed_at is not None:
        raise ValidationFailed("Phiếu đánh giá đã được ký duyệt, không tính lại được.")
    evaluation = evaluation or Evaluation(member=member, year=year)
    evaluation.figures = asdict(activity)
    evaluation.score = score
    evaluation.suggested = suggested_grade(score)
    evaluation.grade = evaluation.grade or evaluation.suggested
    evaluation.save()
    return evaluation


@transaction.atomic
def evaluation_sign(
    *, actor: Actor, evaluation_id: int, grade: str, comment: str = ""
) -> Evaluation:
    """A leader edits the grade and signs; signed, it is final."""
    evaluation = access_evaluation(actor, evaluation_id, MANAGE, own=False)
    if not unit_in_scope(actor, SIGN, evaluation.member.unit):
        raise PermissionDeniedError("Chỉ lãnh đạo (Ban Thường vụ) được ký duyệt xếp loại.")
    if evaluation.signed_at is not None:
        raise ValidationFailed("Phiếu đánh giá đã được ký duyệt.")
    if grade not in Grade.values:
        raise ValidationFailed(
            "Xếp loại không hợp lệ.", extra={"errors": {"grade": ["Chọn một xếp loại."]}}
        )
    evaluation.grade = grade
    evaluation.comment = nfc(comment).strip()
    evaluation.signed_by = acting_account(actor)
    evaluation.signed_at = timezone.now()
    evaluation.save()
    audit_record(
        actor=actor,
        action=Action.STATE_CHANGE,
        object_type="network_evaluation",
        object_ids=[evaluation.pk],
        unit_id=evaluation.member.unit_id,
        note="sign",
    )
    return evaluation


@transaction.atomic
def commendation_add(
    *,
    actor: Actor,
    member_id: int,
    kind: str,
    form: str,
    decision_no: str,
    decision_date: date,
    issuer: str = "",
    reason: str = "",
) -> Commendation:
    member = access_member(actor, member_id, MANAGE, own=False)
    if kind not in CommendationKind.values:
        raise ValidationFailed("Loại khen thưởng, kỷ luật không hợp lệ.")
    item = Commendation(
        member=member,
        kind=kind,
        form=nfc(form).strip(),
        decision_no=decision_no.strip(),
        decision_date=decision_date,
        issuer=nfc(issuer).strip(),
        reason=nfc(reason).strip(),
        recorded_by=acting_account(actor),
    )
    _clean(item, "Khen thưởng, kỷ luật chưa hợp lệ.")
    item.save()
    return item
