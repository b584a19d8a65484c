"""``reports_analysed(report_ids)``: sent in the transaction that (re)writes analyses,
so aggregates that group by topic or sentiment (the dashboard) queue a refresh
of those reports as a job written with the analyses."""

from __future__ import annotations

from django.dispatch import Signal

reports_analysed = Signal()


def send_reports_analysed(report_ids: list[int]) -> None:
    if report_ids:
        reports_analysed.send(sender=None, report_ids=report_ids)
