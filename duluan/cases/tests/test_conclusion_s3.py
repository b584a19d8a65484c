"""The Party committee's conclusion document kept in an S3-compatible bucket:
read back through the matter's access check, the replaced version removed."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from duluan.cases.choices import EscalationState
from duluan.cases.models import Escalation
from duluan.cases.services import (
    escalation_conclusion_attach,
    escalation_decide,
    matter_escalate,
)
from duluan.conftest import PASSWORD, OrgTree
from duluan.core.tests.s3server import S3Bucket

from .helpers import verified_matter

pytestmark = pytest.mark.django_db


def _accepted(t: OrgTree) -> Escalation:
    matter = verified_matter(t)
    escalation = matter_escalate(actor=t.user("cs_a1"), matter=matter, proposal="Đề nghị cải chính")
    escalation_decide(
        actor=t.user("upper_a"), escalation=escalation, decision=EscalationState.ACCEPTED
    )
    return escalation


def _client(t: OrgTree, unit_attr: str) -> Client:
    client = Client()
    client.post("/dang-nhap/", {"username": t.user(unit_attr).username, "password": PASSWORD})
    return client


def test_conclusion_document_round_trip_through_the_bucket(
    org_tree: OrgTree, s3_storage: S3Bucket, django_capture_on_commit_callbacks
) -> None:
    t = org_tree
    escalation = _accepted(t)
    first = b"%PDF-1.4 ket luan so 1"
    with django_capture_on_commit_callbacks(execute=True):
        escalation_conclusion_attach(
            actor=t.user("upper_a"),
            escalation=escalation,
            note="Cải chính tin đồn",
            document=ContentFile(first, name="Kết luận số 1.pdf"),
        )
    escalation.refresh_from_db()
    first_key = f"{s3_storage.prefix}{escalation.conclusion.name}"
    assert s3_storage.keys() == [first_key]
    assert first_key.startswith("tinh-thu/matters/conclusions/")

    response = _client(t, "upper_a").get(f"/phan-anh-len/{escalation.pk}/van-ban/")
    assert response.status_code == 200
    assert response.getvalue() == first
    assert response["Content-Disposition"].startswith("attachment;")
    assert _client(t, "upper_b").get(f"/phan-anh-len/{escalation.pk}/van-ban/").status_code == 404

    second = b"%PDF-1.4 ket luan so 2"
    with django_capture_on_commit_callbacks(execute=True):
        escalation_conclusion_attach(
            actor=t.user("upper_a"),
            escalation=escalation,
            note="Cải chính tin đồn (bản sửa)",
            document=ContentFile(second, name="Kết luận số 1.pdf"),  # the same name again
        )
    escalation.refresh_from_db()
    second_key = f"{s3_storage.prefix}{escalation.conclusion.name}"
    assert second_key != first_key  # never overwritten in place
    assert s3_storage.keys() == [second_key]  # the replaced version is gone
    assert s3_storage.read(second_key) == second
