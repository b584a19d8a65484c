"""An import whose database goes away half-way: a clear message, nothing kept,
and importing the file again afterwards adds every row exactly once."""

from __future__ import annotations

import io
from typing import Any

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import InterfaceError, OperationalError, connection

from duluan.conftest import PASSWORD
from duluan.core.sheets.system import SYSTEM_ACTOR
from duluan.intake.importing import reports as importing
from duluan.intake.importing.interrupted import ImportInterrupted, interrupted_message
from duluan.intake.models import ImportBatch, Report
from duluan.intake.services import report_bulk_insert

from .test_import_support import row, xlsx_bytes

ROWS = 5
CUT = "Mất kết nối tới cơ sở dữ liệu trong khi nhập «phan-anh.xlsx»"
KEPT = "không dòng nào được lưu"
AGAIN = "Hãy nhập lại tệp: các dòng đã có sẽ không bị nhập trùng."


def content() -> bytes:
    return xlsx_bytes([row(subject=f"Phản ánh số {n}") for n in range(ROWS)])


@pytest.fixture
def cut_after_first_batch(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Batches of 2 rows; the second batch's write raises as a dropped connection does."""
    real = report_bulk_insert
    calls: list[int] = []

    def flaky(reports: Any) -> int:
        calls.append(len(reports))
        if len(calls) == 2:
            raise OperationalError("server closed the connection unexpectedly")
        return real(reports)

    monkeypatch.setattr(importing, "CHUNK", 2)
    monkeypatch.setattr(importing, "report_bulk_insert", flaky)
    return calls


def test_service_raises_a_clear_message_and_keeps_nothing(org_tree, cut_after_first_batch):
    with pytest.raises(ImportInterrupted) as raised:
        importing.reports_import(actor=SYSTEM_ACTOR, file_name="phan-anh.xlsx", content=content())
    assert cut_after_first_batch == [2, 2]  # the first batch was written, then the cut
    message = raised.value.message
    assert message.startswith(CUT) and KEPT in message and message.endswith(AGAIN)
    assert "psycopg" not in message and "server closed" not in message
    assert Report.objects.count() == 0 and ImportBatch.objects.count() == 0


def test_importing_again_adds_each_row_once(org_tree, cut_after_first_batch, monkeypatch):
    with pytest.raises(ImportInterrupted):
        importing.reports_import(actor=SYSTEM_ACTOR, file_name="phan-anh.xlsx", content=content())
    monkeypatch.undo()
    result = importing.reports_import(
        actor=SYSTEM_ACTOR, file_name="phan-anh.xlsx", content=content()
    )
    assert (result.rows_created, result.rows_duplicate) == (ROWS, 0)
    again = importing.reports_import(
        actor=SYSTEM_ACTOR, file_name="phan-anh.xlsx", content=content()
    )
    assert (again.rows_created, again.rows_duplicate) == (0, ROWS)
    assert Report.objects.count() == ROWS


@pytest.mark.django_db(transaction=True)  # the import job starts when the upload commits
def test_page_import_cut_off_is_tried_again_and_then_completes(
    client, org_tree, cut_after_first_batch
):
    from django.utils import timezone

    from duluan.jobs.models import Job, JobState
    from duluan.jobs.services import job_run

    assert client.login(username=org_tree.user("upper_a").username, password=PASSWORD)
    upload = SimpleUploadedFile("phan-anh.xlsx", content(), "application/octet-stream")
    response = client.post("/phan-anh/nhap/", {"file": upload}, follow=True)
    assert response.status_code == 200
    job = Job.objects.get(kind="intake.import_reports")
    assert job.state == JobState.PENDING and job.attempts == 1  # cut: a pause, then again
    html = response.content.decode()
    assert "Đang chờ chạy lại (đã thử 1 lần)" in html
    assert "Traceback" not in html and "OperationalError" not in html
    assert Report.objects.count() == 0

    Job.objects.filter(pk=job.pk).update(run_after=timezone.now())
    job_run(job.pk)  # the database is back (the fixture cuts only once)
    html = client.get(f"/cong-viec/{job.pk}/").content.decode()
    assert "Đã nhập 5 dòng, bỏ qua 0 dòng trùng, 0 dòng lỗi" in html
    assert Report.objects.count() == ROWS


@pytest.mark.django_db(transaction=True)
def test_page_import_cut_off_at_every_try_ends_with_the_message(client, org_tree, monkeypatch):
    from django.utils import timezone

    from duluan.jobs.models import Job, JobState
    from duluan.jobs.services import job_run

    def always_cut(reports: Any) -> int:
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(importing, "report_bulk_insert", always_cut)
    assert client.login(username=org_tree.user("upper_a").username, password=PASSWORD)
    upload = SimpleUploadedFile("phan-anh.xlsx", content(), "application/octet-stream")
    client.post("/phan-anh/nhap/", {"file": upload})
    job = Job.objects.get(kind="intake.import_reports")
    for _ in range(2):
        Job.objects.filter(pk=job.pk).update(run_after=timezone.now())
        job_run(job.pk)
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.attempts == 3
    html = client.get(f"/cong-viec/{job.pk}/").content.decode()
    assert CUT in html and KEPT in html and AGAIN in html
    assert "Traceback" not in html and "OperationalError" not in html
    assert Report.objects.count() == 0


def test_command_fails_with_the_message(org_tree, cut_after_first_batch, tmp_path):
    path = tmp_path / "phan-anh.xlsx"
    path.write_bytes(content())
    with pytest.raises(CommandError) as raised:
        call_command("import_reports", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert str(raised.value).startswith(CUT) and KEPT in str(raised.value)
    assert Report.objects.count() == 0


@pytest.mark.parametrize(
    "exc",
    [
        OperationalError("x"),
        InterfaceError("connection already closed"),
        psycopg.OperationalError("consuming input failed: server closed the connection"),
        psycopg.InterfaceError("the connection is closed"),
    ],
)
def test_every_kind_of_cut_maps_to_the_message(exc: Exception) -> None:
    message = interrupted_message(exc, file_name="a.csv")
    assert message is not None and message.startswith("Mất kết nối tới cơ sở dữ liệu")


def test_other_errors_are_not_taken_for_a_cut() -> None:
    assert interrupted_message(ValueError("x"), file_name="a.csv") is None
    assert interrupted_message(psycopg.errors.UniqueViolation("x"), file_name="a.csv") is None


def test_rows_already_committed_are_counted_in_the_message() -> None:
    # For a writer that commits batch by batch (a background job): say what was kept.
    message = interrupted_message(OperationalError("x"), file_name="a.csv", rows_kept=1200)
    assert message is not None and "đã lưu 1.200 dòng" in message


@pytest.mark.django_db(transaction=True)
def test_a_real_dropped_connection_on_postgresql(org_tree, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("terminates a PostgreSQL backend")
    real = report_bulk_insert
    calls: list[int] = []

    def killed(reports: Any) -> int:
        calls.append(len(reports))
        if len(calls) == 2:
            with connection.cursor() as cursor:  # the server ends this very session
                cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")
        return real(reports)

    monkeypatch.setattr(importing, "CHUNK", 2)
    monkeypatch.setattr(importing, "report_bulk_insert", killed)
    with pytest.raises(ImportInterrupted) as raised:
        importing.reports_import(actor=SYSTEM_ACTOR, file_name="phan-anh.xlsx", content=content())
    assert KEPT in raised.value.message
    connection.close_if_unusable_or_obsolete()
    assert Report.objects.count() == 0 and ImportBatch.objects.count() == 0
    monkeypatch.undo()
    result = importing.reports_import(
        actor=SYSTEM_ACTOR, file_name="phan-anh.xlsx", content=content()
    )
    assert result.rows_created == ROWS
