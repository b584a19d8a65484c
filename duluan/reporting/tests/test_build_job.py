"""A report's PDF is built in a job: the page returns at once, the job page offers the file."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from duluan.audit.models import AuditEvent
from duluan.conftest import OrgTree
from duluan.jobs.models import Job, JobState
from duluan.org.choices import Role
from duluan.reporting.documents.pdf import soffice_path

from .test_documents import _pdf_text
from .test_workflow import _draft

pytestmark = pytest.mark.django_db(transaction=True)  # the job starts when the request commits


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice (soffice) is not installed")
def test_the_pdf_is_built_by_a_job_and_downloaded_from_its_page(org_tree: OrgTree) -> None:
    pk = _draft(org_tree)
    client = Client()
    client.force_login(org_tree.user("upper_a"))
    page = client.get(reverse("reporting:report_detail", args=[pk])).content.decode()
    assert f'action="/bao-cao-dinh-ky/{pk}/tao.pdf"' in page and "Tạo PDF" in page

    asked = client.post(reverse("reporting:report_build", args=[pk, "pdf"]))
    job = Job.objects.get(kind="reporting.build_document")
    assert asked.status_code == 302 and asked["Location"] == f"/cong-viec/{job.pk}/"
    assert job.state == JobState.DONE, job.error
    html = client.get(asked["Location"]).content.decode()
    assert "Tạo văn bản báo cáo" in html
    assert f'href="/cong-viec/{job.pk}/tai-ve/"' in html

    pdf = client.get(f"/cong-viec/{job.pk}/tai-ve/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].endswith('.pdf"')
    content = b"".join(pdf.streaming_content)  # type: ignore[attr-defined]
    text = _pdf_text(content, PdfReader(io.BytesIO(content)))
    assert "2026" in text and "BÁO CÁO" in text.upper()
    assert AuditEvent.objects.filter(object_type="job_output", object_ids=[job.pk]).exists()
    assert AuditEvent.objects.filter(
        object_type="periodic_report", object_ids=[pk], note="pdf"
    ).exists()


def test_a_report_out_of_reach_gets_404_and_no_job(org_tree: OrgTree) -> None:
    pk = _draft(org_tree)
    client = Client()
    client.force_login(org_tree.user("upper_b", Role.OFFICER))
    assert client.post(reverse("reporting:report_build", args=[pk, "pdf"])).status_code == 404
    assert client.post(reverse("reporting:report_build", args=[pk, "odt"])).status_code == 404
    assert not Job.objects.exists()
