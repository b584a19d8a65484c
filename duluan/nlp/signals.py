"""``reports_analysed(report_ids)``: sent after commit whenever analyses are (re)written,
so aggregates that group by topic or sentiment (the dashboard) refresh those reports."""

from __future__ import annotations

import logging

from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)

reports_analysed = Signal()


def send_reports_analysed(report_ids: list[int]) -> None:
    def send() -> None:
        for receiver, result in reports_analysed.send_robust(sender=None, report_ids=report_ids):
            if isinstance(result, Exception):
                logger.error("reports_analysed receiver %r failed", receiver, exc_info=result)

    if report_ids:
        transaction.on_commit(send)
