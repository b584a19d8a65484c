"""The roster page import runs as a job: the page answers at once, the job page shows the result."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from duluan.jobs.models import Job, JobState
from duluan.network.models import NetworkMember

from .test_imports import ROSTER_HEADER, xlsx

pytestmark = pytest.mark.django_db(transaction=True)  # the job starts when the upload commits

ROW = ["Nguyễn Văn Tốt", "ctv", "T01-A-1", "01/03/2020", "", "", "", "", "", ""]


def test_roster_import_page_runs_a_job_and_shows_its_result(client: Any, org_tree: Any) -> None:
    client.force_login(org_tree.user("upper_a"))
    upload = SimpleUploadedFile("ctv.xlsx", xlsx([ROSTER_HEADER, ROW]))
    response = client.post("/mang-luoi/nhan-su/nhap/", {"file": upload})
    job = Job.objects.get(kind="network.import_roster")
    assert response.status_code == 302 and response["Location"] == f"/cong-viec/{job.pk}/"
    assert job.state == JobState.DONE, job.error
    html = client.get(response["Location"]).content.decode()
    assert "Nhập danh sách cộng tác viên" in html
    assert "Đã ghi 1 dòng, bỏ qua 0 dòng đã có." in html
    assert NetworkMember.objects.filter(full_name="Nguyễn Văn Tốt").count() == 1


def test_a_refused_roster_file_says_why_on_the_job_page(client: Any, org_tree: Any) -> None:
    client.force_login(org_tree.user("upper_a"))
    upload = SimpleUploadedFile("ctv.xlsx", b"%PDF-1.7\n" + bytes(64))
    response = client.post("/mang-luoi/nhan-su/nhap/", {"file": upload}, follow=True)
    html = response.content.decode()
    assert "Tệp không phải bảng tính" in html and "Không có dòng nào được ghi." in html
    assert not NetworkMember.objects.exists()
