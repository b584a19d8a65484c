"""Signals other apps listen to, so intake never imports them.

``reports_created`` is sent once per write, after the transaction commits:

* ``report_ids``: the new reports' ids, when the write knows them (a form, the
  API, the demo); ``None`` for a bulk import, which does not read ids back;
* ``batch_id``: the :class:`~duluan.intake.models.ImportBatch` of an import, else ``None``.

Receivers (text analytics, dashboard aggregates) must be idempotent and cheap:
queue the work, do not do it inline. A receiver that raises is logged, never
reaches the person who filed the report.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)

reports_created = Signal()


def send_reports_created(*, report_ids: list[int] | None, batch_id: int | None = None) -> None:
    """Send :data:`reports_created` once the surrounding transaction commits."""

    def send() -> None:
        for receiver, result in reports_created.send_robust(
            sender=None, report_ids=report_ids, batch_id=batch_id
        ):
            if isinstance(result, Exception):
                logger.error("reports_created receiver %r failed", receiver, exc_info=result)

    transaction.on_commit(send)
