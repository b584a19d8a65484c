from __future__ import annotations

import io
import zipfile

import pytest
from django.test import Client

from duluan.conftest import PASSWORD
from duluan.core.errors import ValidationFailed
from duluan.intake.attachments import UploadedFile, check_attachment
from duluan.intake.services import report_create
from duluan.intake.tests.test_report_create import PNG, data_for
from duluan.org.choices import Role


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_docx_and_pdf_are_accepted_by_content() -> None:
    assert check_attachment(UploadedFile("a.docx", _docx()))[1].endswith("document")
    assert check_attachment(UploadedFile("a.pdf", b"%PDF-1.7\n..."))[1] == "application/pdf"


@pytest.mark.parametrize(
    "name,content",
    [
        ("trang.html", b"<html><script>alert(1)</script></html>"),
        ("anh.png", b"<svg onload=alert(1)>"),
        ("tai-lieu.docx", b"PK\x03\x04 not really a zip"),
        ("nen.zip", b"PK\x05\x06" + b"\x00" * 18),
        ("chay.exe", b"MZ\x90\x00\x03"),
    ],
)
def test_other_types_are_refused_whatever_the_name(name: str, content: bytes) -> None:
    with pytest.raises(ValidationFailed):
        check_attachment(UploadedFile(name, content))


def test_oversized_attachment_is_refused(settings) -> None:
    settings.UPLOAD_MAX_BYTES = 1000
    with pytest.raises(ValidationFailed, match="vượt quá"):
        check_attachment(UploadedFile("to.png", PNG + b"\x00" * 2000))


def test_download_is_an_attachment_never_rendered(org_tree) -> None:
    report = report_create(
        actor=org_tree.user("cs_a1", Role.COLLABORATOR),
        data=data_for(org_tree.cs_a1.pk, attachments=[UploadedFile("ảnh <b>x</b>.png", PNG)]),
    )
    attachment = report.attachments.get()
    client = Client()
    client.post("/dang-nhap/", {"username": org_tree.user("cs_a1").username, "password": PASSWORD})
    response = client.get(f"/tep/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    sibling = Client()
    sibling.post("/dang-nhap/", {"username": org_tree.user("cs_a2").username, "password": PASSWORD})
    assert sibling.get(f"/tep/{attachment.pk}/").status_code == 404
