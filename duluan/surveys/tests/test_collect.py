"""ODK Collect's part, played over HTTP: formList, the XForm, the manifest, a multipart
submission (201), the same instance again (no second response), HEAD pre-check (204)."""

from __future__ import annotations

import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from duluan.surveys import services
from duluan.surveys.models import Response

from .support import make_survey

pytestmark = pytest.mark.django_db
OPENROSA: dict[str, str] = {"X-OpenRosa-Version": "1.0"}


def _instance(form_id: str, version: str, instance_id: str, **answers: str) -> bytes:
    fields = "".join(
        f"<{k}>{v}</{k}>" for k, v in answers.items() if k not in ("luong", "luong_nam")
    )
    group = (
        f"<thu_nhap><luong>{answers.get('luong', '')}</luong>"
        f"<luong_nam>{answers.get('luong_nam', '')}</luong_nam></thu_nhap>"
    )
    return (
        f'<?xml version="1.0"?><data xmlns:jr="http://openrosa.org/javarosa" id="{form_id}" version="{version}">'
        f"{fields}{group}<meta><instanceID>{instance_id}</instanceID></meta></data>"
    ).encode()


def test_collect_reads_form_list_downloads_and_submits_once(org_tree) -> None:
    officer = org_tree.user("upper_a")
    survey = make_survey(officer, org_tree.upper_a)
    _device, token = services.device_create(
        actor=officer, survey=survey, unit=org_tree.cs_a1, name="Máy chị Lan"
    )
    client = Client()
    base = f"/khao-sat/odk/{token}"

    listing = client.get(f"{base}/formList", headers=OPENROSA)
    assert listing.status_code == 200
    assert listing["X-OpenRosa-Version"] == "1.0"
    body = listing.content.decode()
    assert "<formID>duluan-" in body and "<hash>md5:" in body
    download = re.search(r"<downloadUrl>([^<]+)</downloadUrl>", body).group(1)  # type: ignore[union-attr]
    manifest = re.search(r"<manifestUrl>([^<]+)</manifestUrl>", body).group(1)  # type: ignore[union-attr]

    xform = client.get(download.replace("http://testserver", ""), headers=OPENROSA)
    assert xform.status_code == 200 and b"<h:html" in xform.content
    form_id = re.search(rb'<data id="([^"]+)"', xform.content).group(1).decode()  # type: ignore[union-attr]
    version = re.search(rb'<data [^>]*version="([^"]+)"', xform.content).group(1).decode()  # type: ignore[union-attr]
    assert (
        client.get(manifest.replace("http://testserver", ""), headers=OPENROSA).status_code == 200
    )

    head = client.head(f"{base}/submission", headers=OPENROSA)
    assert head.status_code == 204

    instance_id = f"uuid:{uuid.uuid4()}"
    xml = _instance(
        form_id,
        version,
        instance_id,
        co_con="co",
        so_con="2",
        luong="9.5",
        luong_nam="114",
        hai_long="5",
        kho_khan="nha_o tien_luong",
        y_kien="Cần thêm nhà trọ",
    )

    def post() -> object:
        upload = SimpleUploadedFile("submission.xml", xml, content_type="text/xml")
        return client.post(f"{base}/submission", {"xml_submission_file": upload}, headers=OPENROSA)

    first = post()
    assert first.status_code == 201, first.content  # type: ignore[attr-defined]
    assert b"submit_success" in first.content  # type: ignore[attr-defined]
    again = post()
    assert again.status_code == 201  # type: ignore[attr-defined]
    stored = Response.objects.get(survey=survey)
    assert stored.instance_id == instance_id and stored.unit == org_tree.cs_a1
    assert stored.data["kho_khan"] == ["nha_o", "tien_luong"]
    assert stored.data["luong_nam"] == "114"  # calculated by Collect, stored as submitted
    assert stored.source == "odk"


def test_collect_submission_is_validated_against_the_form(org_tree) -> None:
    officer = org_tree.user("upper_a")
    survey = make_survey(officer, org_tree.upper_a)
    _device, token = services.device_create(
        actor=officer, survey=survey, unit=org_tree.cs_a1, name="x"
    )
    version = survey.current_version
    assert version is not None
    # A type the form does not allow (the constraint is Collect's to check).
    xml = _instance(version.form_id, version.version_label, "uuid:bad", co_con="co", so_con="bốn")
    upload = SimpleUploadedFile("submission.xml", xml, content_type="text/xml")
    answer = Client().post(
        f"/khao-sat/odk/{token}/submission", {"xml_submission_file": upload}, headers=OPENROSA
    )
    assert answer.status_code == 400
    assert "so_con" in answer.content.decode()
    assert not Response.objects.exists()


def test_unknown_or_revoked_token_is_not_found(org_tree) -> None:
    officer = org_tree.user("upper_a")
    survey = make_survey(officer, org_tree.upper_a)
    device, token = services.device_create(
        actor=officer, survey=survey, unit=org_tree.cs_a1, name="x"
    )
    client = Client()
    assert client.get("/khao-sat/odk/khong-co/formList").status_code == 404
    services.device_revoke(actor=officer, device=device)
    assert client.get(f"/khao-sat/odk/{token}/formList").status_code == 404


def test_hostile_xml_is_refused(org_tree) -> None:
    officer = org_tree.user("upper_a")
    survey = make_survey(officer, org_tree.upper_a)
    _device, token = services.device_create(
        actor=officer, survey=survey, unit=org_tree.cs_a1, name="x"
    )
    bomb = b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xx">]><data id="a">&x;</data>'
    upload = SimpleUploadedFile("submission.xml", bomb, content_type="text/xml")
    answer = Client().post(f"/khao-sat/odk/{token}/submission", {"xml_submission_file": upload})
    assert answer.status_code == 400
