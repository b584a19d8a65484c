"""One error path for pages: a view lets a domain refusal rise, the middleware answers."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import include, path

from duluan.conftest import OrgTree
from duluan.core.errors import (
    ApplicationError,
    NotFoundError,
    PermissionDeniedError,
    ValidationFailed,
)
from duluan.org.choices import Role


def _raises(exc: Exception) -> Any:
    def view(request: HttpRequest) -> HttpResponse:
        raise exc

    return view


urlpatterns = [
    path("thu/khong-thay/", _raises(NotFoundError("Không tìm thấy vấn đề."))),
    path("thu/cam/", _raises(PermissionDeniedError("Chỉ lãnh đạo mới ký được."))),
    path(
        "thu/tu-choi/",
        _raises(
            ValidationFailed("Chưa lưu được.", extra={"errors": {"due": ["Hạn phải sau hôm nay."]}})
        ),
    ),
    path("thu/xung-dot/", _raises(ApplicationError("Vấn đề đã đóng."))),
    path("", include("config.urls")),
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


@pytest.fixture
def signed_in(org_tree: OrgTree) -> Client:
    client = Client()
    client.force_login(org_tree.user("upper_a", Role.OFFICER))
    return client


def test_not_found_is_the_plain_404_page(signed_in: Client) -> None:
    response = signed_in.get("/thu/khong-thay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_permission_refused_is_403(signed_in: Client) -> None:
    assert signed_in.get("/thu/cam/").status_code == 403
    assert signed_in.post("/thu/cam/").status_code == 403


def test_a_refused_read_shows_the_message_with_its_status(signed_in: Client) -> None:
    response = signed_in.get("/thu/tu-choi/")
    assert response.status_code == 422
    html = response.content.decode()
    assert "Chưa lưu được. Hạn phải sau hôm nay." in html and 'role="alert"' in html
    assert signed_in.get("/thu/xung-dot/").status_code == 400


def test_a_refused_form_goes_back_with_the_message(signed_in: Client) -> None:
    response = signed_in.post("/thu/xung-dot/", headers={"Referer": "http://testserver/van-de/"})
    assert (response.status_code, response["Location"]) == (302, "http://testserver/van-de/")
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Vấn đề đã đóng."]


def test_a_foreign_referer_is_not_followed(signed_in: Client) -> None:
    response = signed_in.post("/thu/xung-dot/", headers={"Referer": "https://evil.example/"})
    assert response["Location"] == "/thu/xung-dot/"


def test_an_htmx_form_is_sent_back_by_htmx(signed_in: Client) -> None:
    response = signed_in.post(
        "/thu/tu-choi/", headers={"HX-Request": "true", "Referer": "http://testserver/a/"}
    )
    assert (response.status_code, response["HX-Redirect"]) == (204, "http://testserver/a/")
