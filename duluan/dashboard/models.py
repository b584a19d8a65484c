"""Pre-aggregated report counts: what the dashboard reads instead of the reports.

Each row counts the reports of one **subtree** (``unit`` and all its
descendants) in one local day (:class:`FactDay`) or calendar month
(:class:`FactMonth`), for one combination of topic, sentiment, channel and
kind. A report is counted in the rows of its own unit and of every ancestor,
so a subtree's figures are read from its root's rows alone (one index range)
whatever the depth of the tree.

``topic`` is an nlp :class:`~duluan.nlp.models.Topic` id, or one of two
sentinels: :data:`TOPIC_ALL` (each report counted once, whatever its topics:
totals read these rows) and :data:`TOPIC_NONE` (reports not analysed, or
analysed without a topic: "Chưa phân tích"). A report with two topics counts
once under each, so only one topic is summed at a time.

``sentiment`` is the analysis' sentiment, falling back to the reporter's mood
(which adds ``trai_chieu``, divided).

:class:`SlimDay` and :class:`SlimMonth` hold the same counts without
channel and kind, for the views that filter on neither.

Rows are written only by :mod:`duluan.dashboard.services`.
"""

from __future__ import annotations

from django.db import models

from duluan.org.models import Unit

TOPIC_ALL = 0
TOPIC_NONE = -1


class Fact(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    topic = models.IntegerField()
    sentiment = models.CharField(max_length=20)
    channel = models.CharField(max_length=20)
    kind = models.CharField(max_length=20)
    reports = models.PositiveIntegerField()

    class Meta:
        abstract = True


class FactDay(Fact):
    """Reports of a subtree on one local (Asia/Ho_Chi_Minh) day."""

    day = models.DateField()

    class Meta:
        verbose_name = "số liệu ngày"
        verbose_name_plural = "số liệu ngày"
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "topic", "day", "sentiment", "channel", "kind"],
                name="dashboard_factday_cell",
            )
        ]
        # The topic breakdown (every topic but the totals) over a range of days.
        indexes = [models.Index(fields=["unit", "day"], name="dashboard_factday_unit_day")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.day} {self.topic}: {self.reports}"


class FactMonth(Fact):
    """Reports of a subtree in one calendar month (``month`` is its first day)."""

    month = models.DateField()

    class Meta:
        verbose_name = "số liệu tháng"
        verbose_name_plural = "số liệu tháng"
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "topic", "month", "sentiment", "channel", "kind"],
                name="dashboard_factmonth_cell",
            )
        ]
        indexes = [models.Index(fields=["unit", "month"], name="dashboard_factmonth_unit_month")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.month} {self.topic}: {self.reports}"


class Slim(models.Model):
    """The same counts without channel and kind: what an unfiltered view reads
    (up to 60 times fewer rows at the upper levels)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    topic = models.IntegerField()
    sentiment = models.CharField(max_length=20)
    reports = models.PositiveIntegerField()

    class Meta:
        abstract = True


class SlimDay(Slim):
    day = models.DateField()

    class Meta:
        verbose_name = "số liệu ngày (gọn)"
        verbose_name_plural = "số liệu ngày (gọn)"
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "topic", "day", "sentiment"], name="dashboard_slimday_cell"
            )
        ]
        indexes = [models.Index(fields=["unit", "day"], name="dashboard_slimday_unit_day")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.day} {self.topic}: {self.reports}"


class SlimMonth(Slim):
    month = models.DateField()

    class Meta:
        verbose_name = "số liệu tháng (gọn)"
        verbose_name_plural = "số liệu tháng (gọn)"
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "topic", "month", "sentiment"], name="dashboard_slimmonth_cell"
            )
        ]
        indexes = [models.Index(fields=["unit", "month"], name="dashboard_slimmonth_unit_month")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.month} {self.topic}: {self.reports}"
