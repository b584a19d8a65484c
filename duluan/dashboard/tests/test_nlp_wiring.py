"""Re-analysed reports refresh the dashboard's aggregates (topics and sentiment move)."""

from __future__ import annotations

from typing import Any

import pytest

from duluan.dashboard.jobs import REFRESH_REPORTS
from duluan.jobs.models import Job
from duluan.nlp.signals import send_reports_analysed

pytestmark = pytest.mark.django_db


def test_analysed_reports_queue_a_dashboard_refresh_in_their_transaction(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        send_reports_analysed([3, 5])
    job = Job.objects.get(kind=REFRESH_REPORTS)  # written before any commit
    assert job.payload == {"report_ids": [3, 5]}
    send_reports_analysed([])
    assert Job.objects.filter(kind=REFRESH_REPORTS).count() == 1
