"""The report form: no mood chosen for the reporter, the attachment control in
Vietnamese with the server's own limit and types handed to the page's check.

Decision (#18): a report sent without a mood is refused with a clear message, not
stored as "undetermined". Every mood counted in the statistics is one a person
chose; a default (it was "Tích cực") was counted as if they had heard it.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.utils import timezone

from duluan.conftest import OrgTree
from duluan.intake.attachments import ALLOWED, EXTENSIONS, accept_extensions
from duluan.intake.forms import MOOD_REQUIRED
from duluan.intake.models import Report
from duluan.intake.selectors import ReportFilters, report_list
from duluan.org.choices import Role

pytestmark = pytest.mark.django_db

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")


def _post(tree: OrgTree, client: Client, **overrides: Any) -> Any:
    client.force_login(tree.user("cs_a1", Role.COLLABORATOR))
    data: dict[str, Any] = {
        "unit": tree.cs_a1.pk,
        "channel": "truc_tiep",
        "heard_at": (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "subject": "Tăng ca liên tục",
        "text": "Anh chị em phải tăng ca liên tục ba tuần nay.",
        "kind": "khieu_nai",
        "mood": "tieu_cuc",
        "urgency": "binh_thuong",
        "verifiability": "nhieu_nguon",
        "anonymous": "on",
    }
    data.update(overrides)
    return client.post("/phan-anh/gui/", {k: v for k, v in data.items() if v is not None})


def _select(page: str, name: str) -> str:
    match = re.search(rf'<select name="{name}".*?</select>', page, re.S)
    assert match, f"no select {name}"
    return match.group(0)


def test_form_offers_no_mood_until_the_reporter_chooses_one(
    org_tree: OrgTree, client: Client
) -> None:
    client.force_login(org_tree.user("cs_a1", Role.COLLABORATOR))
    page = client.get("/phan-anh/gui/").content.decode()
    select = _select(page, "mood")
    assert 'value="" selected' in select and "— Chọn tâm trạng —" in select
    assert "selected" not in select.replace('value="" selected', "")
    assert 'aria-describedby="id_mood_helptext"' in select
    assert 'id="id_mood_helptext"' in page


def test_report_without_mood_is_refused_with_a_clear_message_and_counts_nowhere(
    org_tree: OrgTree, client: Client
) -> None:
    response = _post(org_tree, client, mood=None)
    assert response.status_code == 200
    page = response.content.decode()
    assert MOOD_REQUIRED in page
    assert 'href="#id_mood"' in page  # the error summary links to the control
    assert not Report.objects.exists()
    officer = org_tree.user("cs_a1", Role.OFFICER)
    # Nothing reaches the statistics, least of all as "Tích cực".
    assert report_list(officer, ReportFilters(mood="tich_cuc")).count() == 0
    assert report_list(officer, ReportFilters()).count() == 0

    response = _post(org_tree, client, mood="")
    assert MOOD_REQUIRED in response.content.decode()
    assert not Report.objects.exists()


def test_report_with_a_chosen_mood_is_stored_with_it(org_tree: OrgTree, client: Client) -> None:
    assert _post(org_tree, client, mood="trung_lap").status_code == 302
    assert Report.objects.get().mood == "trung_lap"


def test_api_still_requires_a_mood_without_a_default(client: Client) -> None:
    schema = client.get("/api/openapi.json").json()["components"]["schemas"]
    report_in = next(
        s
        for s in schema.values()
        if "mood" in s.get("properties", {})
        and "text" in s.get("properties", {})
        and "mood" in s.get("required", [])
    )
    assert "default" not in report_in["properties"]["mood"]


def test_attachment_control_is_worded_in_vietnamese_with_the_server_limit_and_types(
    org_tree: OrgTree, client: Client
) -> None:
    client.force_login(org_tree.user("cs_a1", Role.COLLABORATOR))
    page = client.get("/phan-anh/gui/").content.decode()
    assert "Tệp đính kèm (ảnh, PDF, DOCX; tối đa 10 MB)" in page
    field = re.search(r'<input type="file"[^>]*>', page)
    assert field
    tag = field.group(0)
    assert f'data-max-bytes="{10 * 1024 * 1024}"' in tag
    assert 'data-max-label="10 MB"' in tag
    assert f'data-types="{",".join(ALLOWED)}"' in tag
    assert f'accept="{",".join(accept_extensions())}"' in tag
    assert 'aria-describedby="id_attachments_helptext"' in tag
    assert '<small id="id_attachments_check" aria-live="polite"></small>' in page
    assert "intake/report-form.js" in page
    assert set(EXTENSIONS) == set(ALLOWED)


@override_settings(UPLOAD_MAX_BYTES=3 * 1024 * 1024)
def test_the_page_follows_the_setting_not_a_copy_of_it(org_tree: OrgTree, client: Client) -> None:
    client.force_login(org_tree.user("cs_a1", Role.COLLABORATOR))
    page = client.get("/phan-anh/gui/").content.decode()
    assert "Tệp đính kèm (ảnh, PDF, DOCX; tối đa 3 MB)" in page
    assert f'data-max-bytes="{3 * 1024 * 1024}"' in page


@override_settings(UPLOAD_MAX_BYTES=1024 * 1024)
def test_the_server_keeps_its_limit_whatever_the_browser_did(
    org_tree: OrgTree, client: Client
) -> None:
    big = SimpleUploadedFile("anh.png", PNG + b"\0" * 1024 * 1024, content_type="image/png")
    response = _post(org_tree, client, attachments=big)
    assert response.status_code == 200
    assert "Tệp quá lớn." in response.content.decode()
    assert not Report.objects.exists()


@override_settings(UPLOAD_MAX_BYTES=int(2.5 * 1024 * 1024))
def test_a_limit_in_part_megabytes_is_written_with_a_decimal_comma(
    org_tree: OrgTree, client: Client
) -> None:
    client.force_login(org_tree.user("cs_a1", Role.COLLABORATOR))
    assert "tối đa 2,5 MB)" in client.get("/phan-anh/gui/").content.decode()
