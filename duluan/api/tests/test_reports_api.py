from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from duluan.intake.choices import Source
from duluan.intake.models import Report, ReporterIdentity
from duluan.intake.services import ReportData, report_create
from duluan.org.choices import Role

URL = "/api/reports"


def body(unit_id: int, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "unit_id": unit_id,
        "channel": "truc_tiep",
        "heard_at": (timezone.now() - timedelta(hours=3)).isoformat(),
        "subject": "Công nhân lo tăng ca liên tục",
        "text": "Tổ may 3 phản ánh phải tăng ca đến 21 giờ suốt hai tuần.",
        "kind": "khieu_nai",
        "mood": "tieu_cuc",
        "verifiability": "nhieu_nguon",
    }
    data.update(overrides)
    return data


def file_report(actor: Any, unit_id: int, **overrides: Any) -> Report:
    fields: dict[str, Any] = {
        "unit_id": unit_id,
        "channel": "truc_tiep",
        "heard_at": timezone.now() - timedelta(days=1),
        "subject": "Bếp ăn ca đêm thiếu món",
        "text": "Suất ăn ca đêm ít thức ăn hơn ca ngày.",
        "kind": "kien_nghi",
        "mood": "tieu_cuc",
        "verifiability": "mot_nguon",
    }
    fields.update(overrides)
    return report_create(actor=actor, data=ReportData(**fields))


def test_create_files_report_with_api_source(org_tree, api_as) -> None:
    collaborator = org_tree.user("cs_a1", Role.COLLABORATOR)
    response = api_as(collaborator).post(URL, body(org_tree.cs_a1.pk, urgency="can_chu_y"))
    assert response.status_code == 201, response.content
    payload = response.json()
    report = Report.objects.get(pk=payload["id"])
    assert report.source == Source.API
    assert report.urgency == "can_chu_y"
    assert payload["unit"]["id"] == org_tree.cs_a1.pk
    assert payload["source"] == "api"
    assert payload["reporter"] is None
    assert "submitter_key" not in payload and "search_text" not in payload


def test_create_refuses_unknown_fields(org_tree, api_as) -> None:
    client = api_as(org_tree.user("cs_a1", Role.COLLABORATOR))
    response = client.post(URL, body(org_tree.cs_a1.pk, source="demo", submitter_key="x"))
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["source"] == ["Trường này không được phép gửi."]
    assert "submitter_key" in errors
    assert not Report.objects.exists()


def test_create_validation_errors_are_vietnamese_per_field(org_tree, api_as) -> None:
    client = api_as(org_tree.user("cs_a1", Role.COLLABORATOR))
    bad = body(org_tree.cs_a1.pk, channel="fax", subject="x" * 201, people_count=0)
    del bad["kind"]
    response = client.post(URL, bad)
    assert response.status_code == 422
    payload = response.json()
    assert payload["detail"] == "Dữ liệu gửi lên chưa hợp lệ."
    errors = payload["errors"]
    assert errors["kind"] == ["Trường này là bắt buộc."]
    assert errors["channel"][0].startswith("Giá trị không hợp lệ. Chọn một trong: ")
    assert errors["subject"] == ["Tối đa 200 ký tự."]
    assert errors["people_count"] == ["Phải lớn hơn hoặc bằng 1."]


def test_create_rejects_future_time_from_service_as_422(org_tree, api_as) -> None:
    client = api_as(org_tree.user("cs_a1", Role.COLLABORATOR))
    future = (timezone.now() + timedelta(days=2)).isoformat()
    response = client.post(URL, body(org_tree.cs_a1.pk, heard_at=future))
    assert response.status_code == 422
    assert response.json()["errors"]["heard_at"] == ["Thời điểm ghi nhận không được ở tương lai."]


def test_create_for_unit_outside_reach_is_404(org_tree, api_as) -> None:
    client = api_as(org_tree.user("cs_a1", Role.COLLABORATOR))
    response = client.post(URL, body(org_tree.cs_a2.pk))
    assert response.status_code == 404
    assert not Report.objects.exists()


def test_unparseable_body_is_400_in_vietnamese(org_tree, api_as) -> None:
    client = api_as(org_tree.user("cs_a1", Role.COLLABORATOR))
    response = client.client.post(
        URL, "{not json", content_type="application/json", headers=client.headers
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "Không đọc được nội dung yêu cầu."}


def test_named_report_keeps_identity_out_of_the_row_and_the_list(org_tree, api_as) -> None:
    collaborator = org_tree.user("cs_a1", Role.COLLABORATOR)
    response = api_as(collaborator).post(
        URL,
        body(
            org_tree.cs_a1.pk,
            anonymous=False,
            reporter_name="Trần Thị Bí Mật",
            reporter_contact="0900 000 111",
        ),
    )
    assert response.status_code == 201
    report_id = response.json()["id"]
    assert ReporterIdentity.objects.get(report_id=report_id).name == "Trần Thị Bí Mật"

    own_officer = api_as(org_tree.user("cs_a1", Role.OFFICER))
    detail = own_officer.get(f"{URL}/{report_id}").json()
    assert detail["reporter"] == {"name": "Trần Thị Bí Mật", "contact": "0900 000 111"}
    listed = own_officer.get(URL)
    assert "Bí Mật" not in listed.content.decode()

    for user in (org_tree.user("upper_a"), org_tree.user("cs_a1", Role.LEADER)):
        response = api_as(user).get(f"{URL}/{report_id}")
        assert response.status_code == 200
        assert response.json()["reporter"] is None
        assert "Bí Mật" not in response.content.decode()


def test_list_filters_and_pagination(org_tree, api_as) -> None:
    collaborator = org_tree.user("cs_a1", Role.COLLABORATOR)
    now = timezone.now()
    old = file_report(collaborator, org_tree.cs_a1.pk, heard_at=now - timedelta(days=40))
    rumour = file_report(
        collaborator,
        org_tree.cs_a1.pk,
        heard_at=now - timedelta(hours=2),
        kind="tin_don",
        channel="mang_xa_hoi",
        subject="Tin đồn công ty sắp giải thể",
    )
    b_report = file_report(
        org_tree.user("cs_b1", Role.COLLABORATOR),
        org_tree.cs_b1.pk,
        heard_at=now - timedelta(hours=5),
    )
    client = api_as(org_tree.user("province"))

    def ids(**params: Any) -> list[int]:
        response = client.get(URL, params)
        assert response.status_code == 200, response.content
        payload = response.json()
        assert payload["count"] == len(payload["items"])
        return [item["id"] for item in payload["items"]]

    assert ids() == [rumour.pk, b_report.pk, old.pk]
    assert ids(kind="tin_don") == [rumour.pk]
    assert ids(channel="mang_xa_hoi") == [rumour.pk]
    assert ids(unit=org_tree.upper_b.pk) == [b_report.pk]
    assert ids(date_from=(now - timedelta(days=10)).date().isoformat()) == [rumour.pk, b_report.pk]
    assert ids(date_to=(now - timedelta(days=30)).date().isoformat()) == [old.pk]
    assert ids(q="BẾP ĂN ca dem") == [b_report.pk, old.pk]

    page = client.get(URL, {"limit": 2, "offset": 0}).json()
    assert page["count"] == 3 and len(page["items"]) == 2
    rest = client.get(URL, {"limit": 2, "offset": 2}).json()
    assert len(rest["items"]) == 1
    assert page["count_capped"] is False


def test_list_count_stops_at_its_cap(org_tree, api_as, monkeypatch) -> None:
    """A province of millions is told "more than N" instead of a count that reads
    every index entry (about a second at ten million reports)."""
    from duluan.intake import api as intake_api

    collaborator = org_tree.user("cs_a1", Role.COLLABORATOR)
    for hours in (1, 2, 3, 4):
        file_report(
            collaborator, org_tree.cs_a1.pk, heard_at=timezone.now() - timedelta(hours=hours)
        )
    client = api_as(org_tree.user("province"))
    monkeypatch.setattr(intake_api, "LIST_COUNT_CAP", 3)
    page = client.get(URL, {"limit": 2}).json()
    assert (page["count"], page["count_capped"], len(page["items"])) == (3, True, 2)
    monkeypatch.setattr(intake_api, "LIST_COUNT_CAP", 4)
    page = client.get(URL, {"limit": 2}).json()
    assert (page["count"], page["count_capped"]) == (4, False)
    monkeypatch.setattr(intake_api, "SEARCH_COUNT_CAP", 2)
    page = client.get(URL, {"q": "bếp ăn"}).json()
    assert (page["count"], page["count_capped"]) == (2, True)


@pytest.mark.parametrize(
    ("params", "field"),
    [({"limit": 201}, "limit"), ({"limit": 0}, "limit"), ({"kind": "xyz"}, "kind")],
)
def test_list_rejects_bad_parameters(org_tree, api_as, params, field) -> None:
    response = api_as(org_tree.user("province")).get(URL, params)
    assert response.status_code == 422
    assert field in response.json()["errors"]


def test_list_limit_of_200_is_allowed(org_tree, api_as) -> None:
    response = api_as(org_tree.user("province")).get(URL, {"limit": 200})
    assert response.status_code == 200


def test_list_unit_filter_outside_reach_is_404(org_tree, api_as) -> None:
    response = api_as(org_tree.user("cs_a1")).get(URL, {"unit": org_tree.cs_a2.pk})
    assert response.status_code == 404


def test_collaborator_lists_nothing_but_reads_own_report(org_tree, api_as) -> None:
    collaborator = org_tree.user("cs_a1", Role.COLLABORATOR)
    report = file_report(collaborator, org_tree.cs_a1.pk)
    client = api_as(collaborator)
    assert client.get(URL).json() == {"items": [], "count": 0, "count_capped": False}
    assert client.get(f"{URL}/{report.pk}").status_code == 200
    other = api_as(org_tree.user("cs_a1", Role.REPORTER))
    assert other.get(f"{URL}/{report.pk}").status_code == 404


def test_missing_report_is_404(org_tree, api_as) -> None:
    response = api_as(org_tree.user("province")).get(f"{URL}/999999")
    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy phản ánh."}


def test_personal_data_is_masked_for_other_units_as_on_the_pages(org_tree, api_as) -> None:
    collaborator = org_tree.user("cs_a1", Role.COLLABORATOR)
    report = file_report(
        collaborator, org_tree.cs_a1.pk, text="Gọi lại cho chị Lan số 0912 345 678 sau ca."
    )
    own_officer = api_as(org_tree.user("cs_a1"))
    assert "0912 345 678" in own_officer.get(f"{URL}/{report.pk}").json()["text"]
    assert "0912 345 678" in api_as(collaborator).get(f"{URL}/{report.pk}").json()["text"]
    parent = api_as(org_tree.user("upper_a"))
    for text in (
        parent.get(f"{URL}/{report.pk}").json()["text"],
        parent.get(URL).json()["items"][0]["text"],
    ):
        assert "0912" not in text and "Lan" not in text
        assert "[số điện thoại]" in text


def test_reads_are_audited_with_the_api_channel(org_tree, api_as) -> None:
    from duluan.audit.models import Action, AuditEvent

    collaborator = org_tree.user("cs_a1", Role.COLLABORATOR)
    report = file_report(collaborator, org_tree.cs_a1.pk, anonymous=False)
    officer = org_tree.user("cs_a1")
    client = api_as(officer)
    client.get(URL)
    client.get(f"{URL}/{report.pk}")
    api_events = AuditEvent.objects.filter(actor=officer, channel="api").order_by("id")
    assert [(e.action, e.object_ids) for e in api_events] == [
        (Action.REPORT_LIST, [report.pk]),
        (Action.IDENTITY_VIEW, [report.pk]),
    ]
    api_as(org_tree.user("upper_a")).get(f"{URL}/{report.pk}")
    assert AuditEvent.objects.filter(
        actor=org_tree.user("upper_a"), action=Action.REPORT_VIEW, channel="api"
    ).exists()


def test_huge_offset_is_a_validation_error_not_a_crash(org_tree) -> None:
    from django.test import Client

    from duluan.api.services import token_issue

    _, raw = token_issue(user=org_tree.user("province"))
    response = Client().get(
        "/api/reports", {"offset": 36132394551499059267371008}, HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert response.status_code == 422
