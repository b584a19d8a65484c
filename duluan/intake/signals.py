"""Signals other apps listen to, so intake never imports them.

``reports_created`` is sent once per write, **inside** the write's transaction:

* ``report_ids``: the new reports' ids, when the write knows them (a form, the
  API, the demo); ``None`` for a bulk import, which does not read ids back;
* ``batch_id``: the :class:`~duluan.intake.models.ImportBatch` of an import, else ``None``.

Receivers write their follow-up work as job rows (``duluan.jobs.job_enqueue``)
in the same transaction, so a report is never stored without its analysis
and its dashboard refresh queued, whatever happens to the broker or the
worker afterwards. A receiver must not do the work inline, and one that
raises fails the write: stored but never processed is the bug this prevents.
"""

from __future__ import annotations

from django.dispatch import Signal

reports_created = Signal()


def send_reports_created(*, report_ids: list[int] | None, batch_id: int | None = None) -> None:
    """Send :data:`reports_created` now, in the caller's transaction (receivers enqueue jobs)."""
    reports_created.send(sender=None, report_ids=report_ids, batch_id=batch_id)
