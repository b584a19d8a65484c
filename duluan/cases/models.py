"""Matters (vấn đề DLXH): reports grouped about one issue, carried through the four steps.

A matter is handled by one ``owning_unit`` at a time (it moves up when an
escalation is accepted) and touches the units its reports came from; access
follows both. Its state changes only through
:func:`duluan.cases.workflow.matter_transition`; due dates are computed from
the calendar (never stored).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from duluan.core.calendar import due_after_working_days, latest_extension
from duluan.intake.models import Report
from duluan.org.models import Unit, UnitLevel

from .choices import (
    CLOSED_STATES,
    DEFAULT_STEP_DAYS,
    DirectionState,
    EscalationState,
    Outcome,
    Priority,
    State,
)

if TYPE_CHECKING:
    from duluan.core.models import DeadlineExtension

USER = settings.AUTH_USER_MODEL


def current_time() -> datetime:
    """``timezone.now()`` looked up at call time, so a test or the demo can move the clock."""
    return timezone.now()


class StepDeadline(models.Model):
    """Working days allowed in one step at one level; ``level`` empty = every level."""

    level = models.ForeignKey(
        UnitLevel, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("cấp")
    )
    step = models.CharField(_("bước"), max_length=20, choices=State.choices)
    working_days = models.PositiveSmallIntegerField(_("số ngày làm việc"))

    class Meta:
        verbose_name = _("thời hạn bước xử lý")
        verbose_name_plural = _("thời hạn các bước xử lý")
        constraints = [
            models.UniqueConstraint(
                fields=["level", "step"],
                name="cases_stepdeadline_unique",
                violation_error_message=_("Cấp này đã có thời hạn cho bước này."),
            ),
            models.UniqueConstraint(
                fields=["step"],
                condition=models.Q(level__isnull=True),
                name="cases_stepdeadline_default_unique",
                violation_error_message=_("Bước này đã có thời hạn mặc định."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.level or '*'} · {self.get_step_display()} · {self.working_days}"


def step_working_days(step: str, level_id: int | None) -> int | None:
    """The row for this level, else the default row, else the code default."""
    rows: dict[int | None, int] = dict(
        StepDeadline.objects.filter(step=step)
        .filter(models.Q(level_id=level_id) | models.Q(level__isnull=True))
        .values_list("level_id", "working_days")
    )
    if level_id in rows:
        return rows[level_id]
    if None in rows:
        return rows[None]
    return DEFAULT_STEP_DAYS.get(step)


def matter_step_dues(matters: Iterable[Matter]) -> dict[int, datetime | None]:
    """:attr:`Matter.step_due` of each of ``matters`` by id, in three queries whatever
    their number (deadlines, extensions, and the matters if a query set is given);
    ``owning_unit`` should be selected with them."""
    from django.contrib.contenttypes.models import ContentType

    from duluan.core.models import DeadlineExtension

    matters = list(matters)
    dues: dict[int, datetime | None] = {m.pk: None for m in matters}
    matters = [m for m in matters if not m.is_closed]
    table = {(r.level_id, r.step): r.working_days for r in StepDeadline.objects.all()}
    latest: dict[int, DeadlineExtension] = {}
    extensions = DeadlineExtension.objects.filter(
        content_type=ContentType.objects.get_for_model(Matter),
        object_id__in=[m.pk for m in matters],
    ).order_by("new_due", "granted_at")
    for extension in extensions:
        latest[extension.object_id] = extension  # the last one wins, as latest_extension
    for m in matters:
        level_id = m.owning_unit.level_id
        days = table.get((level_id, m.state), table.get((None, m.state)))
        if days is None:
            days = DEFAULT_STEP_DAYS.get(m.state)
        dues[m.pk] = m.step_due_from(days, latest.get(m.pk))
    return dues


def overdue_matter_ids(matters: Iterable[Matter], now: datetime) -> set[int]:
    """Ids of the open ``matters`` past their step deadline or their hot-spot report
    deadline, in three queries whatever their number (deadlines, extensions, matters)."""
    matters = [m for m in matters if not m.is_closed]
    dues = matter_step_dues(matters)
    late: set[int] = set()
    for m in matters:
        due = dues[m.pk]
        if (due is not None and now > due) or m.is_hot_overdue(now):
            late.add(m.pk)
    return late


class Matter(models.Model):
    """One issue of public opinion, grouping one or more reports.

    Invariants: ``report_count``, ``people_count``, ``first_seen`` and
    ``last_seen`` are derived from the attached reports (recomputed by
    ``matter_recompute``); ``state_since`` is when the current state began;
    ``hot_since`` is set exactly when ``is_hot_spot`` is.
    """

    title = models.CharField(_("tiêu đề"), max_length=200)
    topics = models.CharField(_("chủ đề (mã, cách nhau bởi ;)"), max_length=255, blank=True)
    owning_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="owned_matters", verbose_name=_("đơn vị xử lý")
    )
    units = models.ManyToManyField(
        Unit, related_name="matters", blank=True, verbose_name=_("đơn vị liên quan")
    )
    first_seen = models.DateTimeField(_("ghi nhận đầu tiên"), null=True, blank=True)
    last_seen = models.DateTimeField(_("ghi nhận gần nhất"), null=True, blank=True)
    report_count = models.PositiveIntegerField(_("số phản ánh"), default=0)
    people_count = models.PositiveIntegerField(_("số người liên quan"), default=0)
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=State.choices, default=State.TIEP_NHAN
    )
    state_since = models.DateTimeField(_("vào trạng thái lúc"), default=current_time)
    priority = models.CharField(
        _("mức ưu tiên"), max_length=20, choices=Priority.choices, default=Priority.NORMAL
    )
    is_hot_spot = models.BooleanField(_("điểm nóng"), default=False)
    hot_since = models.DateTimeField(_("thành điểm nóng lúc"), null=True, blank=True)
    hot_reported_at = models.DateTimeField(_("đã báo cáo điểm nóng lúc"), null=True, blank=True)
    hot_notified_at = models.DateTimeField(_("đã thông báo điểm nóng lúc"), null=True, blank=True)
    hot_overdue_flagged_at = models.DateTimeField(
        _("quá hạn báo cáo điểm nóng lúc"), null=True, blank=True
    )
    owner = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người phụ trách"),
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged_from"
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("vấn đề DLXH")
        verbose_name_plural = _("vấn đề DLXH")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owning_unit", "state"], name="cases_matter_unit_state")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=State.values),
                name="cases_matter_state_valid",
                violation_error_message=_("Trạng thái không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=models.Q(is_hot_spot=False) | models.Q(hot_since__isnull=False),
                name="cases_matter_hot_since",
                violation_error_message=_("Điểm nóng phải có thời điểm bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.state in CLOSED_STATES

    @property
    def topic_codes(self) -> list[str]:
        return [t for t in (p.strip() for p in self.topics.split(";")) if t]

    @property
    def step_due(self) -> datetime | None:
        """When the current step must be done: working days per level from the
        calendar, or a later extension granted during this step."""
        if self.is_closed:
            return None
        days = step_working_days(self.state, self.owning_unit.level_id)
        return self.step_due_from(days, latest_extension(self) if days is not None else None)

    def step_due_from(
        self, days: int | None, extension: DeadlineExtension | None
    ) -> datetime | None:
        """:attr:`step_due` from the step's working days and the latest extension, given."""
        if self.is_closed or days is None:
            return None
        computed = due_after_working_days(self.state_since, days)
        if (
            extension is not None
            and extension.granted_at >= self.state_since
            and extension.new_due > computed
        ):
            return extension.new_due
        return computed

    def is_step_overdue(self, now: datetime | None = None) -> bool:
        due = self.step_due
        return due is not None and (now or timezone.now()) > due

    @property
    def hot_report_due(self) -> datetime | None:
        """The formal written report on a hot spot is due this long after it became hot."""
        if not self.is_hot_spot or self.hot_since is None:
            return None
        return self.hot_since + timedelta(hours=settings.HOT_SPOT_REPORT_HOURS)

    def is_hot_overdue(self, now: datetime | None = None) -> bool:
        """The written report is due and not sent, on an open matter: a closed matter is
        never overdue (a report sent late stays in its timeline)."""
        due = self.hot_report_due
        if due is None or self.hot_reported_at is not None or self.is_closed:
            return False
        return (now or timezone.now()) > due


class MatterReport(models.Model):
    """A report grouped under a matter; a report belongs to at most one matter."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="links")
    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="matter_link")
    added_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("phản ánh của vấn đề")
        verbose_name_plural = _("phản ánh của vấn đề")

    def __str__(self) -> str:
        return f"{self.matter_id} ← {self.report_id}"


class Transition(models.Model):
    """One state change: the matter's timeline. Written only by the workflow."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=20, choices=State.choices)
    to_state = models.CharField(max_length=20, choices=State.choices)
    actor = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=current_time)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("chuyển trạng thái")
        verbose_name_plural = _("lịch sử trạng thái")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.matter_id}: {self.from_state} → {self.to_state}"


class Verification(models.Model):
    """Step 2: what was cross-checked and what it showed. The latest one counts.

    A rumour (``outcome == tin_don``) keeps the claim, where it circulated and
    the verified facts.
    """

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="verifications")
    sources_checked = models.TextField(_("nguồn đã kiểm tra"), blank=True)
    contacts = models.TextField(_("người chứng kiến, nơi đã liên hệ"), blank=True)
    outcome = models.CharField(_("kết quả"), max_length=20, choices=Outcome.choices)
    rumour_claim = models.TextField(_("nội dung tin đồn"), blank=True)
    rumour_where = models.CharField(_("nơi lan truyền"), max_length=255, blank=True)
    verified_facts = models.TextField(_("sự thật đã xác minh"), blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(default=current_time)

    class Meta:
        verbose_name = _("kết quả xác minh")
        verbose_name_plural = _("kết quả xác minh")
        ordering = ["recorded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome__in=Outcome.values),
                name="cases_verification_outcome_valid",
                violation_error_message=_("Kết quả xác minh không hợp lệ."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.matter_id}: {self.get_outcome_display()}"


class Escalation(models.Model):
    """Step 3: the matter reflected from a unit to its parent with a proposal."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="escalations")
    from_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    to_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    proposal = models.TextField(_("đề xuất hướng xử lý"))
    state = models.CharField(
        max_length=20, choices=EscalationState.choices, default=EscalationState.PENDING
    )
    sent_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    sent_at = models.DateTimeField(default=current_time)
    decided_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    conclusion = models.FileField(
        _("kết luận của cấp uỷ"), upload_to="matters/conclusions/%Y/", blank=True
    )
    conclusion_note = models.TextField(_("tóm tắt kết luận"), blank=True)

    class Meta:
        verbose_name = _("phản ánh lên cấp trên")
        verbose_name_plural = _("phản ánh lên cấp trên")
        ordering = ["sent_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["matter"],
                condition=models.Q(state="pending"),
                name="cases_escalation_one_pending",
                violation_error_message=_("Vấn đề đang chờ cấp trên xem xét."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.matter_id}: {self.from_unit_id} → {self.to_unit_id} ({self.state})"


class Direction(models.Model):
    """Step 4: the deciding level's direction, sent down; for a rumour, the correction.

    A direction carries its own ``title`` and ``text``: the target units read
    those, never the matter's title (often a grassroots report's subject, which
    they may not read). A leader issues it at once, or an officer drafts it
    (``state`` *dự thảo*) and a leader approves it (then ``issued_by`` is the
    approving leader, who signs) or returns it with ``review_note``. Targets
    exist only once it is issued.
    """

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="directions")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("tiêu đề định hướng"), max_length=200)
    text = models.TextField(_("nội dung định hướng"))
    correction = models.TextField(_("thông tin cải chính cần lan toả"), blank=True)
    state = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=DirectionState.choices,
        default=DirectionState.ISSUED,
    )
    whole_subtree = models.BooleanField(_("gửi mọi đơn vị trực thuộc"), default=False)
    drafted_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    drafted_at = models.DateTimeField(_("soạn lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    review_note = models.TextField(_("ý kiến của lãnh đạo"), blank=True)
    issued_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    issued_at = models.DateTimeField(default=current_time)

    class Meta:
        verbose_name = _("định hướng")
        verbose_name_plural = _("định hướng")
        ordering = ["issued_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=DirectionState.values),
                name="cases_direction_state_valid",
                violation_error_message=_("Trạng thái định hướng không hợp lệ."),
            ),
            models.UniqueConstraint(
                fields=["matter"],
                condition=models.Q(state="du_thao"),
                name="cases_direction_one_draft",
                violation_error_message=_("Vấn đề đã có một dự thảo định hướng chờ duyệt."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.matter_id}: {self.title}"

    @property
    def is_issued(self) -> bool:
        return self.state == DirectionState.ISSUED


class DirectionTarget(models.Model):
    """A unit that must pass a direction on to its members and say what it did."""

    direction = models.ForeignKey(Direction, on_delete=models.CASCADE, related_name="targets")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="direction_targets")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action_taken = models.TextField(_("đã làm gì để phổ biến"), blank=True)
    # Closing the matter closes what it asked of units that had not acted yet.
    closed_at = models.DateTimeField(_("đóng theo vấn đề lúc"), null=True, blank=True)
    close_note = models.TextField(_("ghi chú khi đóng"), blank=True)

    class Meta:
        verbose_name = _("đơn vị nhận định hướng")
        verbose_name_plural = _("đơn vị nhận định hướng")
        constraints = [
            models.UniqueConstraint(
                fields=["direction", "unit"],
                name="cases_target_unique",
                violation_error_message=_("Đơn vị đã nhận định hướng này."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.direction_id} → {self.unit_id}"

    @property
    def due(self) -> datetime:
        days = step_working_days(State.DINH_HUONG, self.unit.level_id) or 0
        return due_after_working_days(self.direction.issued_at, days)

    @property
    def is_open(self) -> bool:
        """Still asked of the unit: not acknowledged, not closed with its matter."""
        return self.acknowledged_at is None and self.closed_at is None

    def is_late(self, now: datetime | None = None) -> bool:
        return self.is_open and (now or timezone.now()) > self.due


def direction_target_dues(targets: Iterable[DirectionTarget]) -> dict[int, datetime]:
    """:attr:`DirectionTarget.due` of each of ``targets`` by id, in one query whatever
    their number; ``unit`` and ``direction`` should be selected with them."""
    rows: dict[int | None, int] = dict(
        StepDeadline.objects.filter(step=State.DINH_HUONG).values_list("level_id", "working_days")
    )

    def days(level_id: int | None) -> int | None:  # as step_working_days
        if level_id in rows:
            return rows[level_id]
        if None in rows:
            return rows[None]
        return DEFAULT_STEP_DAYS.get(State.DINH_HUONG)

    return {
        t.pk: due_after_working_days(t.direction.issued_at, days(t.unit.level_id) or 0)
        for t in targets
    }


class NotificationKind(models.TextChoices):
    """Kinds of the cases app; other apps use their own codes, ``<app>.<event>``."""

    HOT_SPOT = "hot_spot", _("Điểm nóng mới")
    HOT_SPOT_OVERDUE = "hot_spot_overdue", _("Điểm nóng quá hạn báo cáo")
    STEP_OVERDUE = "step_overdue", _("Vấn đề quá hạn xử lý")
    DIRECTION = "direction", _("Định hướng mới cần phổ biến")
    ESCALATION = "escalation", _("Vấn đề được phản ánh lên")
    DIRECTION_DRAFT = "direction_draft", _("Dự thảo định hướng chờ duyệt")
    DIRECTION_RETURNED = "direction_returned", _("Dự thảo định hướng bị trả lại")
