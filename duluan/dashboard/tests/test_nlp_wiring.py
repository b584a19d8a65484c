"""Re-analysed reports refresh the dashboard's aggregates (topics and sentiment move)."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest

from duluan.nlp.signals import send_reports_analysed

pytestmark = pytest.mark.django_db


def test_analysed_reports_queue_a_dashboard_refresh(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with mock.patch("duluan.dashboard.tasks.dashboard_refresh_reports_task.delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            send_reports_analysed([3, 5])
        delay.assert_called_once_with([3, 5])
        with django_capture_on_commit_callbacks(execute=True):
            send_reports_analysed([])
        delay.assert_called_once()
