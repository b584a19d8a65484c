"""Every failure under ``/api/`` answers JSON ``{"detail": "..."}`` in Vietnamese,
never Django's HTML error pages, even when it happens before ninja runs."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import path

from duluan.api.router import api
from duluan.conftest import PASSWORD

TEN_MB = 10 * 1024 * 1024


def assert_json_error(response: Any, status: int) -> str:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    detail = body["detail"]
    assert isinstance(detail, str) and detail
    assert "Traceback" not in detail and "<html" not in response.content.decode().lower()
    return detail


@pytest.fixture
def client() -> Client:
    return Client(raise_request_exception=False)


@pytest.fixture
def auth(org_tree) -> dict[str, str]:
    from duluan.api.services import token_issue

    return {"Authorization": f"Bearer {token_issue(user=org_tree.user('cs_a1'))[1]}"}


def test_a_real_10_mb_body_gets_413_json(db, client) -> None:
    body = json.dumps({"username": "x", "password": "y" * TEN_MB})
    assert len(body) > TEN_MB
    response = client.post("/api/auth/token", body, content_type="application/json")
    detail = assert_json_error(response, 413)
    assert detail == "Nội dung yêu cầu quá lớn: tối đa 2 MB."


def test_oversized_form_fields_of_a_multipart_body_get_413_json(org_tree, client, auth, settings):
    # Multipart is read by the endpoint; its non-file fields still count.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2048
    response = client.post("/api/escalations/999999/conclusion", {"note": "x" * 5000}, headers=auth)
    assert assert_json_error(response, 413) == "Nội dung yêu cầu quá lớn: tối đa 2 KB."


def test_an_oversized_multipart_upload_is_left_to_its_endpoint(org_tree, client, auth) -> None:
    # Files do not count against DATA_UPLOAD_MAX_MEMORY_SIZE; the endpoint judges them.
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("ket-luan.pdf", b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024))
    response = client.post(
        "/api/escalations/999999/conclusion", {"note": "x", "document": big}, headers=auth
    )
    assert response.status_code == 404
    assert response.json()["detail"]


def test_malformed_json_is_400_json(db, client) -> None:
    response = client.post("/api/auth/token", b'{"username": ', content_type="application/json")
    assert assert_json_error(response, 400) == "Không đọc được nội dung yêu cầu."


def test_wrong_content_type_is_json(db, client) -> None:
    response = client.post("/api/auth/token", b"username=a&password=b", content_type="text/plain")
    assert response.status_code in (400, 415, 422)
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


def test_unknown_api_path_is_404_json(db, client, auth) -> None:
    for url in ("/api/khong-co", "/api/reports/1/khong-co", "/api/"):
        assert_json_error(client.get(url, headers=auth), 404)


def test_unknown_page_outside_the_api_stays_html(db, client) -> None:
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_wrong_method_is_405_json(db, client, auth) -> None:
    detail = assert_json_error(
        client.put("/api/auth/token", b"{}", content_type="application/json"), 405
    )
    assert detail == "Phương thức không được hỗ trợ cho địa chỉ này."
    assert_json_error(client.delete("/api/auth/ping", headers=auth), 405)


def boom(request: Any) -> Any:
    raise RuntimeError("bí mật nội bộ: /srv/duluan/config.py")


urlpatterns = [
    path("api/_outside-ninja-boom", boom),
    path("api/", api.urls),
]


def test_unexpected_exception_in_an_endpoint_is_500_json(client, auth, monkeypatch) -> None:
    from duluan.api import account

    monkeypatch.setattr(account, "role_list", boom)
    response = client.get("/api/me", headers=auth)
    detail = assert_json_error(response, 500)
    assert detail == "Lỗi máy chủ. Yêu cầu chưa được thực hiện; vui lòng thử lại sau."
    assert b"RuntimeError" not in response.content and b"/srv/" not in response.content


@pytest.mark.urls("duluan.api.tests.test_json_errors")
def test_unexpected_exception_outside_ninja_is_500_json(db, client) -> None:
    response = client.get("/api/_outside-ninja-boom")
    assert_json_error(response, 500)
    assert b"RuntimeError" not in response.content


def test_csrf_failure_on_the_api_is_json(org_tree) -> None:
    # The API authenticates with Bearer tokens and needs no CSRF token; a POST
    # carrying a session cookie but no token is still answered in JSON.
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    assert client.login(username="cs_a1_officer", password=PASSWORD)
    response = client.post("/api/reports", {}, content_type="application/json")
    assert response["Content-Type"].startswith("application/json")
    assert response.status_code in (401, 403)
