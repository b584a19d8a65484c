"""Attachments kept in an S3-compatible bucket (moto's server on loopback): stored
privately under the configured prefix, read back only through the access-checked
download, removed by retention only once the erasure commits; files no row points
at found by the orphan sweep (in the bucket and on disk)."""

from __future__ import annotations

import hashlib
import io
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.utils import timezone

from duluan.conftest import PASSWORD, OrgTree
from duluan.core.files import files_orphans
from duluan.core.s3 import PrivateS3Storage
from duluan.core.tests.s3server import S3Bucket
from duluan.intake.attachments import UploadedFile
from duluan.intake.models import Report, ReportAttachment
from duluan.intake.services import report_create
from duluan.intake.tests.test_report_create import PNG, data_for
from duluan.org.choices import Role
from duluan.privacy.retention import retention_apply

pytestmark = pytest.mark.django_db


def _signed_in(tree: OrgTree, unit_attr: str) -> Client:
    client = Client()
    client.post("/dang-nhap/", {"username": tree.user(unit_attr).username, "password": PASSWORD})
    return client


def _pdf(marker: str) -> bytes:
    return b"%PDF-1.7\n" + marker.encode() + b"\n%%EOF\n"


def test_form_upload_lands_in_the_bucket_and_downloads_only_with_access(
    org_tree: OrgTree, s3_storage: S3Bucket
) -> None:
    assert isinstance(default_storage, PrivateS3Storage)
    content = _pdf("bien ban hop cong doan")
    client = _signed_in(org_tree, "cs_a1")
    response = client.post(
        "/phan-anh/gui/",
        {
            "unit": org_tree.cs_a1.pk,
            "channel": "truc_tiep",
            "heard_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "subject": "Công nhân hỏi về tiền làm thêm giờ",
            "text": "Anh chị em ca đêm hỏi vì sao tiền làm thêm giờ tháng này chưa về.",
            "kind": "khieu_nai",
            "mood": "tieu_cuc",
            "urgency": "binh_thuong",
            "verifiability": "nhieu_nguon",
            "anonymous": "on",
            "attachments": [SimpleUploadedFile("biên bản họp.pdf", content)],
        },
    )
    assert response.status_code == 302, response.content[:500]
    attachment = ReportAttachment.objects.get(report__subject__startswith="Công nhân hỏi")
    digest = hashlib.sha256(content).hexdigest()
    key = f"tinh-thu/attachments/{digest[:2]}/{digest}"
    assert s3_storage.keys() == [key]
    assert s3_storage.read(key) == content
    # Private: only the owner's grant, no public or authenticated-users grant.
    grants = s3_storage.client.get_object_acl(Bucket=s3_storage.name, Key=key)["Grants"]
    assert [g["Permission"] for g in grants] == ["FULL_CONTROL"]
    assert all(g["Grantee"].get("URI") is None for g in grants)
    # Nothing written to the local media folder.
    assert not (Path(settings.MEDIA_ROOT) / "attachments" / digest[:2] / digest).exists()

    download = client.get(f"/tep/{attachment.pk}/")
    assert download.status_code == 200
    assert download.getvalue() == content
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["Content-Type"] == "application/pdf"
    assert _signed_in(org_tree, "cs_a2").get(f"/tep/{attachment.pk}/").status_code == 404
    assert Client().get(f"/tep/{attachment.pk}/").status_code == 302  # to sign-in


def test_stored_files_have_no_public_url(s3_storage: S3Bucket) -> None:
    with pytest.raises(NotImplementedError, match="kiểm tra quyền"):
        default_storage.url("attachments/ab/abc")


def test_same_content_twice_keeps_two_objects(org_tree: OrgTree, s3_storage: S3Bucket) -> None:
    actor = org_tree.user("cs_a1", Role.COLLABORATOR)
    for _ in range(2):
        report_create(
            actor=actor, data=data_for(org_tree.cs_a1.pk, attachments=[UploadedFile("a.png", PNG)])
        )
    first, second = ReportAttachment.objects.order_by("pk")
    assert first.file.name != second.file.name
    assert len(s3_storage.keys()) == 2
    first.file.delete(save=False)
    with second.file.open("rb") as handle:
        assert handle.read() == PNG


def test_retention_removes_the_object_after_commit_only(
    org_tree: OrgTree, s3_storage: S3Bucket, django_capture_on_commit_callbacks
) -> None:
    actor = org_tree.user("cs_a1", Role.COLLABORATOR)
    report = report_create(
        actor=actor,
        data=data_for(org_tree.cs_a1.pk, attachments=[UploadedFile("a.pdf", _pdf("cu"))]),
    )
    key = f"{s3_storage.prefix}{report.attachments.get().file.name}"
    later = timezone.now() + timedelta(days=settings.RETENTION_DAYS["attachments"] + 1)

    # An erasure that rolls back leaves both the row and the object.
    with (
        django_capture_on_commit_callbacks(execute=True) as rolled_back,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        retention_apply(now=later)
        raise RuntimeError("rolled back")
    assert rolled_back == []
    assert s3_storage.keys() == [key]
    assert ReportAttachment.objects.filter(report=report).exists()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        counts = retention_apply(now=later)
        assert s3_storage.keys() == [key]  # not before the commit
    assert counts["attachments"] == 1
    assert callbacks
    assert s3_storage.keys() == []
    assert not ReportAttachment.objects.filter(report=report).exists()
    assert Report.objects.filter(pk=report.pk).exists()


def test_health_sees_the_bucket_and_its_absence(s3_storage: S3Bucket, settings: Any) -> None:
    from duluan.core.files import files_health

    assert files_health() is None
    s3_storage.client.delete_bucket(Bucket=s3_storage.name)
    assert files_health() == f"bucket {s3_storage.name}: ClientError"


def test_orphan_sweep_finds_only_old_unreferenced_files(
    org_tree: OrgTree, s3_storage: S3Bucket
) -> None:
    from django.core.management import call_command

    actor = org_tree.user("cs_a1", Role.COLLABORATOR)
    kept = report_create(
        actor=actor, data=data_for(org_tree.cs_a1.pk, attachments=[UploadedFile("a.png", PNG)])
    )
    # An upload whose transaction rolled back leaves its object behind.
    with pytest.raises(RuntimeError), transaction.atomic():
        report_create(
            actor=actor,
            data=data_for(org_tree.cs_a1.pk, attachments=[UploadedFile("b.pdf", _pdf("huy"))]),
        )
        raise RuntimeError("rolled back")
    # Something else in the bucket, outside the swept folders, is never touched.
    default_storage.save("khac/ghi-chu.txt", ContentFile(b"x"))
    kept_key = f"{s3_storage.prefix}{kept.attachments.get().file.name}"
    digest = hashlib.sha256(_pdf("huy")).hexdigest()
    orphan = f"attachments/{digest[:2]}/{digest}"
    assert len(s3_storage.keys()) == 3

    out = io.StringIO()
    call_command("files_orphans", "--delete", stdout=out)  # all of them are too recent
    assert "Đã xoá 0 tệp" in out.getvalue()
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        assert files_orphans(older_than=timezone.now() - timedelta(hours=24)) == [orphan]
        out = io.StringIO()
        call_command("files_orphans", "--delete", stdout=out)
    assert f"{orphan}\nĐã xoá 1 tệp" in out.getvalue()
    assert s3_storage.keys() == sorted([kept_key, f"{s3_storage.prefix}khac/ghi-chu.txt"])


def test_orphan_sweep_on_disk(org_tree: OrgTree, settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    actor = org_tree.user("cs_a1", Role.COLLABORATOR)
    report_create(
        actor=actor, data=data_for(org_tree.cs_a1.pk, attachments=[UploadedFile("a.png", PNG)])
    )
    stray = tmp_path / "media" / "attachments" / "ff" / "ffff"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(b"%PDF-1.4")
    other = tmp_path / "media" / "khac.txt"
    other.write_bytes(b"x")
    old = (timezone.now() - timedelta(days=3)).timestamp()
    for path in (tmp_path / "media").rglob("*"):
        os.utime(path, (old, old))
    assert files_orphans(older_than=timezone.now() - timedelta(hours=24)) == ["attachments/ff/ffff"]


def test_large_attachment_streams_back_whole(org_tree: OrgTree, s3_storage: S3Bucket) -> None:
    content = _pdf("lon") + bytes(range(256)) * (3 * 1024 * 4)  # about 3 MB: spooled to disk
    report = report_create(
        actor=org_tree.user("cs_a1", Role.COLLABORATOR),
        data=data_for(org_tree.cs_a1.pk, attachments=[UploadedFile("lon.pdf", content)]),
    )
    attachment = report.attachments.get()
    response = _signed_in(org_tree, "cs_a1").get(f"/tep/{attachment.pk}/")
    assert response.status_code == 200
    assert response.getvalue() == content
