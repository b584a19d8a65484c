"""The import page and the template downloads."""

from __future__ import annotations

import io

import pytest
import python_calamine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from duluan.conftest import PASSWORD
from duluan.intake.models import ImportBatch, Report
from duluan.org.choices import Role

from .test_import_support import csv_bytes, row, xlsx_bytes

URL = "/phan-anh/nhap/"
# The import is a job dispatched when the upload's transaction commits (here it
# then runs at once): the tests need real commits.
pytestmark = pytest.mark.django_db(transaction=True)


def login(client, user) -> None:
    assert client.login(username=user.username, password=PASSWORD)


def upload(content: bytes, name: str = "phan-anh.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_url_names_resolve() -> None:
    assert reverse("intake:report_import") == URL
    assert reverse("intake:import_template", args=["xlsx"]) == URL + "mau.xlsx"


def test_officer_sees_the_form_with_both_templates(client, org_tree) -> None:
    login(client, org_tree.user("upper_a"))
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/phan-anh/nhap/mau.xlsx"' in html
    assert 'href="/phan-anh/nhap/mau.csv"' in html
    assert 'type="file"' in html and 'name="valid_only"' in html
    assert "<progress" in html and "intake/import.js" in html
    assert "<script>" not in html  # the CSP forbids inline scripts
    assert "khieu_nai" in html  # the accepted codes are listed


def test_officer_imports_a_file_and_sees_the_summary(client, org_tree) -> None:
    login(client, org_tree.user("upper_a"))
    response = client.post(
        URL, {"file": upload(xlsx_bytes([row(), row(subject="Hai")]))}, follow=True
    )
    assert response.status_code == 200
    assert "Đã nhập 2 dòng, bỏ qua 0 dòng trùng, 0 dòng lỗi" in response.content.decode()
    assert Report.objects.count() == 2
    assert ImportBatch.objects.get().created_by == org_tree.user("upper_a")


def test_errors_are_shown_per_row_with_role_alert_and_nothing_written(client, org_tree) -> None:
    login(client, org_tree.user("upper_a"))
    content = csv_bytes([row(), row(kind="abc"), row(unit_code="T01-B-1")])
    response = client.post(URL, {"file": upload(content, "a.csv")}, follow=True)
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "Không ghi dòng nào vì tệp có lỗi" in html
    assert "<td>3</td><td>Loại</td><td>giá trị «abc» không hợp lệ" in html
    assert "<td>4</td><td>Mã đơn vị</td><td>không tìm thấy đơn vị có mã «T01-B-1»" in html
    assert Report.objects.count() == 0


def test_valid_only_checkbox_writes_the_valid_rows(client, org_tree) -> None:
    login(client, org_tree.user("upper_a"))
    content = xlsx_bytes([row(), row(kind="abc")])
    response = client.post(URL, {"file": upload(content), "valid_only": "on"}, follow=True)
    assert "Đã nhập 1 dòng, bỏ qua 0 dòng trùng, 1 dòng lỗi" in response.content.decode()
    assert Report.objects.count() == 1


def test_only_first_200_errors_are_listed_with_the_total(client, org_tree, settings) -> None:
    login(client, org_tree.user("province"))
    content = csv_bytes([row(kind="abc", mood="?")] * 150)
    response = client.post(URL, {"file": upload(content, "a.csv")}, headers={"HX-Request": "1"})
    html = response.content.decode()
    assert "300 lỗi ở 150 dòng" in html
    assert "dưới đây là 200 lỗi đầu tiên" in html
    assert html.count("<tr><td>") == 200


def test_htmx_post_gets_only_the_result_fragment(client, org_tree) -> None:
    login(client, org_tree.user("upper_a"))
    response = client.post(
        URL, {"file": upload(xlsx_bytes([row()]))}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "Đã nhập 1 dòng" in html
    assert "<html" not in html


def test_hostile_file_is_refused_with_a_message(client, org_tree) -> None:
    login(client, org_tree.user("upper_a"))
    response = client.post(URL, {"file": upload(b"%PDF-1.7\n" + bytes(100), "x.xlsx")}, follow=True)
    assert "Tệp không phải bảng tính" in response.content.decode()


def test_oversized_upload_is_cut_off_while_uploading(client, org_tree, settings) -> None:
    settings.IMPORT_MAX_BYTES = 2000
    login(client, org_tree.user("upper_a"))
    response = client.post(URL, {"file": upload(csv_bytes([row()] * 50), "a.csv")})
    assert response.status_code == 200
    assert "Tệp quá lớn" in response.content.decode()
    assert Report.objects.count() == 0


def test_csrf_is_still_enforced(org_tree) -> None:
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    login(client, org_tree.user("upper_a"))
    response = client.post(URL, {"file": upload(xlsx_bytes([row()]))})
    assert response.status_code == 403
    assert Report.objects.count() == 0


@pytest.mark.parametrize("role", [Role.COLLABORATOR, Role.REPORTER, Role.LEADER])
def test_roles_without_import_get_404(client, org_tree, role) -> None:
    login(client, org_tree.user("upper_a", role))
    assert client.get(URL).status_code == 404
    assert client.post(URL, {"file": upload(xlsx_bytes([row()]))}).status_code == 404
    assert client.get(URL + "mau.xlsx").status_code == 404
    assert Report.objects.count() == 0


def test_anonymous_is_sent_to_login(client, db) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert "/login" in response["Location"] or "dang-nhap" in response["Location"]


def test_xlsx_template_has_headers_and_a_guide_sheet(client, org_tree) -> None:
    login(client, org_tree.user("cs_a1", Role.ANALYST))
    response = client.get(URL + "mau.xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="mau-nhap-phan-anh.xlsx"'
    workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert workbook.sheet_names == ["Phản ánh", "Hướng dẫn"]
    header = workbook.get_sheet_by_index(0).to_python()[0]
    assert header[0] == "Mã đơn vị *" and "Thời điểm (dd/mm/yyyy HH:MM) *" in header
    guide = [cell for line in workbook.get_sheet_by_name("Hướng dẫn").to_python() for cell in line]
    for expected in ("truc_tiep", "Trò chuyện trực tiếp", "tin_don", "trai_chieu", "diem_nong"):
        assert expected in guide
    assert "khong_kiem_chung" in guide


def test_filled_template_imports(client, org_tree) -> None:
    login(client, org_tree.user("upper_a"))
    template = client.get(URL + "mau.xlsx").content
    workbook = load_workbook(io.BytesIO(template))
    workbook["Phản ánh"].append(row(kind="Tin đồn nghe được", mood="Trái chiều"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = client.post(URL, {"file": upload(buffer.getvalue())}, follow=True)
    assert "Đã nhập 1 dòng" in response.content.decode()
    assert Report.objects.get().kind == "tin_don"


def test_csv_template_is_utf8_with_bom_and_imports_once_filled(client, org_tree) -> None:
    login(client, org_tree.user("upper_a"))
    response = client.get(URL + "mau.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Mã đơn vị *,Kênh *,Thời điểm (dd/mm/yyyy HH:MM) *")
    filled = response.content + csv_bytes([row()]).split(b"\r\n", 1)[1]
    result = client.post(URL, {"file": upload(filled, "mau.csv")}, follow=True)
    assert "Đã nhập 1 dòng" in result.content.decode()


def test_unknown_template_format_is_404(client, org_tree) -> None:
    login(client, org_tree.user("upper_a"))
    assert client.get(URL + "mau.xls").status_code == 404


def test_the_import_runs_as_a_job_with_its_own_page_only_its_author_sees(client, org_tree) -> None:
    from duluan.jobs.models import Job

    login(client, org_tree.user("upper_a"))
    response = client.post(URL, {"file": upload(xlsx_bytes([row()]))})
    assert response.status_code == 302
    job = Job.objects.get(kind="intake.import_reports")
    assert response["Location"] == f"/cong-viec/{job.pk}/"
    assert job.state == "done" and (job.result or {})["rows_created"] == 1
    assert job.progress_total == 1 and job.progress_done == 1
    assert "input" in job.payload and job.payload["file_name"] == "phan-anh.xlsx"
    from django.core.files.storage import default_storage

    assert not default_storage.exists(job.payload["input"])  # the upload is gone once imported
    status = client.get(f"/cong-viec/{job.pk}/tien-do/")
    assert "hx-trigger" not in status.content.decode()  # finished: the polling stops
    assert status["Cache-Control"] == "no-store"

    client.logout()
    login(client, org_tree.user("upper_a", Role.LEADER))  # same unit, not the author
    assert client.get(f"/cong-viec/{job.pk}/").status_code == 404
    assert client.get(f"/cong-viec/{job.pk}/tien-do/").status_code == 404


def test_a_waiting_job_polls_and_shows_its_progress(client, org_tree) -> None:
    from duluan.jobs.models import Job, JobState

    author = org_tree.user("upper_a")
    job = Job.objects.create(
        kind="intake.import_reports",
        created_by=author,
        state=JobState.RUNNING,
        progress_done=3000,
        progress_total=20000,
        progress_note="Đang kiểm tra các dòng",
        payload={"file_name": "lon.xlsx"},
    )
    login(client, author)
    html = client.get(f"/cong-viec/{job.pk}/").content.decode()
    assert f'hx-get="/cong-viec/{job.pk}/tien-do/"' in html
    assert 'hx-trigger="every 1s"' in html
    assert "Đang kiểm tra các dòng: 3.000/20.000" in html
    assert 'value="15"' in html  # 3,000 of 20,000
    assert "Tệp «lon.xlsx»" in html


def test_on_the_embedded_default_the_import_runs_in_a_thread_and_the_page_follows_it(
    client, org_tree, settings, monkeypatch
) -> None:
    import threading

    from duluan.jobs.models import Job

    # The job's thread is held until the request has answered, then started and
    # joined before the test reads anything: the test's in-memory SQLite locks
    # whole tables between threads (the request's own session save would meet
    # the import's lock), which the product's file database does not.
    held: list[threading.Thread] = []
    real_start = threading.Thread.start

    class HeldThread(threading.Thread):
        def start(self) -> None:
            held.append(self)

    monkeypatch.setattr(threading, "Thread", HeldThread)  # as jobs.services sees it
    settings.JOBS_IN_THREADS = True
    login(client, org_tree.user("upper_a"))
    response = client.post(
        URL, {"file": upload(xlsx_bytes([row(), row(subject="Hai")]))}, headers={"HX-Request": "1"}
    )
    assert response.status_code == 200
    # The request returned before the work; the page polls until the thread is done.
    assert len(held) == 1 and Report.objects.count() == 0
    real_start(held[0])
    held[0].join(timeout=120)
    workers = held
    job = Job.objects.get(kind="intake.import_reports")
    assert workers[0].name == f"duluan-job-{job.pk}"
    assert f'hx-get="/cong-viec/{job.pk}/tien-do/"' in response.content.decode()
    html = client.get(f"/cong-viec/{job.pk}/tien-do/").content.decode()
    assert "hx-trigger" not in html
    assert "Đã nhập 2 dòng, bỏ qua 0 dòng trùng, 0 dòng lỗi" in html
    assert Report.objects.count() == 2
