from __future__ import annotations

from django.test import Client, override_settings


def test_pages_carry_the_security_headers(db) -> None:
    response = Client().get("/dang-nhap/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_SSL_REDIRECT=False)
def test_hsts_is_sent_over_https(db) -> None:
    response = Client().get("/dang-nhap/", secure=True)
    assert "max-age=31536000" in response["Strict-Transport-Security"]


def test_user_text_is_escaped_in_pages(org_tree, client) -> None:
    from duluan.conftest import PASSWORD
    from duluan.intake.services import report_create
    from duluan.intake.tests.test_report_create import data_for

    report = report_create(
        actor=org_tree.user("cs_a1"),
        data=data_for(
            org_tree.cs_a1.pk,
            subject='<script>alert("x")</script>',
            text="<img src=x onerror=alert(1)>",
        ),
    )
    client.post("/dang-nhap/", {"username": org_tree.user("cs_a1").username, "password": PASSWORD})
    page = client.get(f"/phan-anh/{report.pk}/").content.decode()
    assert '<script>alert("x")</script>' not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page
