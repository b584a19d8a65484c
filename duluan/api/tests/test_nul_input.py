"""NUL characters never reach the database (PostgreSQL text cannot hold them).

Found by the API fuzzer on PostgreSQL: ``GET /api/units?q=%00`` answered 500.
Every way in (query string, form field, JSON body, path) is refused with a
Vietnamese message, before any view runs, and nothing is stored.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from duluan.conftest import PASSWORD

NUL_MESSAGE = "ký tự NUL"


@pytest.fixture
def api_client(org_tree, api_as) -> Any:
    return api_as(org_tree.user("cs_a1"))


def test_api_query_with_nul_is_refused_as_422(org_tree, api_client) -> None:
    response = api_client.get("/api/units", {"q": "\x00´·"})
    assert response.status_code == 422
    body = response.json()
    assert NUL_MESSAGE in body["detail"]
    assert body["errors"] == {"q": [body["detail"]]}


def test_api_json_body_with_nul_is_refused_as_422(org_tree, api_client) -> None:
    from duluan.intake.models import Report

    before = Report.objects.count()
    response = api_client.client.post(
        "/api/reports",
        data=json.dumps({"content": "Công nhân \u0000 phản ánh", "nested": [{"a": "\u0000"}]}),
        content_type="application/json",
        headers=api_client.headers,
    )
    assert response.status_code == 422
    assert NUL_MESSAGE in response.json()["detail"]
    assert Report.objects.count() == before


def test_escaped_backslash_u0000_text_is_not_a_nul(org_tree, api_client) -> None:
    # The six characters "\u0000" typed by a user are text, not a NUL.
    response = api_client.get("/api/units", {"q": "\\u0000"})
    assert response.status_code == 200


def test_form_post_with_nul_is_refused_with_a_page(org_tree) -> None:
    from urllib.parse import urlencode

    response = Client().post(
        "/dang-nhap/",
        urlencode({"username": "cs_a1\x00", "password": PASSWORD}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert NUL_MESSAGE in text and "<html" in text
    assert response["Content-Security-Policy"]


def test_path_with_nul_is_refused(org_tree, api_client) -> None:
    response = api_client.get("/api/units%00")
    assert response.status_code in (400, 404, 422)
    assert response.status_code != 500


def test_multipart_bodies_are_left_to_the_view(org_tree) -> None:
    # Reading them here would fix the upload handlers before the view sets its own.
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import RequestFactory

    from duluan.core.middleware import request_has_nul

    request = RequestFactory().post(
        "/x", {"note": "ok", "file": SimpleUploadedFile("a.xlsx", b"PK\x03\x04\x00\x00")}
    )
    assert request_has_nul(request) is None
