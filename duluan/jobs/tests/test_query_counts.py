"""Query counts of the jobs' one list page (the admin's) do not grow with its rows.

The jobs app has no list page of its own (a person follows one job at a time
on ``/cong-viec/<id>/``); staff see the outbox in the admin. See
``core/tests/query_counts.py``: 5 rows, then 50, same count, under a ceiling.
"""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.utils import timezone

from duluan.core.tests.query_counts import assert_rows_add_no_queries
from duluan.dashboard.jobs import REFRESH_REPORTS
from duluan.jobs.models import Job, JobState
from duluan.org.services import user_create


def test_admin_job_list(db: Any, django_assert_num_queries: Any) -> None:
    admin = user_create(username="quan_tri", password="mat-khau-thu-nghiem-2026", full_name="QT")
    admin.is_staff = admin.is_superuser = True
    admin.save(update_fields=["is_staff", "is_superuser"])

    def add(n: int) -> None:
        states = (JobState.PENDING, JobState.DONE, JobState.FAILED)
        Job.objects.bulk_create(
            Job(kind=REFRESH_REPORTS, state=states[i % 3], run_after=timezone.now())
            for i in range(n)
        )

    client = Client()
    client.force_login(admin)
    assert_rows_add_no_queries(
        client,
        "/admin/jobs/job/",
        add,
        ceiling=7,
        assert_num_queries=django_assert_num_queries,
        row_marker='class="field-kind"',
    )
