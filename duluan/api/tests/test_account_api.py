from __future__ import annotations

from django.test import Client

from duluan.api.models import ApiToken
from duluan.api.services import token_issue
from duluan.conftest import PASSWORD
from duluan.org.choices import Role


def test_token_flow_obtain_use_list_revoke(org_tree, shared_client: Client) -> None:
    client = shared_client
    response = client.post(
        "/api/auth/token",
        {"username": "cs_a1_officer", "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 200
    raw = response.json()["token"]
    auth = {"Authorization": f"Bearer {raw}"}

    me = client.get("/api/me", headers=auth)
    assert me.status_code == 200
    assert me.json()["username"] == "cs_a1_officer"

    tokens = client.get("/api/tokens", headers=auth).json()
    assert [t["prefix"] for t in tokens] == [raw[:11]]
    assert "key_hash" not in tokens[0] and "token" not in tokens[0]

    assert client.delete(f"/api/tokens/{tokens[0]['id']}", headers=auth).status_code == 204
    after = client.get("/api/me", headers=auth)
    assert after.status_code == 401
    assert after["WWW-Authenticate"] == "Bearer"


def test_wrong_password_is_401_json(org_tree, shared_client: Client) -> None:
    response = shared_client.post(
        "/api/auth/token",
        {"username": "cs_a1_officer", "password": "sai-mat-khau"},
        content_type="application/json",
    )
    assert response.status_code == 401
    assert response.json() == {"detail": "Tên đăng nhập hoặc mật khẩu không đúng."}


def test_missing_or_bad_token_is_401_json(db, shared_client: Client) -> None:
    for headers in ({}, {"Authorization": "Bearer dl_khong-ton-tai"}, {"Authorization": "Basic x"}):
        response = shared_client.get("/api/reports", headers=headers)
        assert response.status_code == 401
        assert response.json()["detail"].startswith("Chưa xác thực")


def test_me_lists_roles_with_units_and_perms(org_tree, api_as) -> None:
    payload = api_as(org_tree.user("upper_a", Role.ANALYST)).get("/api/me").json()
    assert payload["username"] == "upper_a_analyst"
    assert payload["roles"] == [
        {
            "role": "analyst",
            "role_label": "Chuyên viên phân tích",
            "unit": {
                "id": org_tree.upper_a.pk,
                "code": "T01-A",
                "name": "Công đoàn Khu công nghiệp A",
                "short_name": "CĐ KCN A",
            },
            "perms": ["matter.view", "report.import", "report.submit", "report.view", "unit.view"],
        }
    ]


def test_cannot_list_or_revoke_someone_elses_token(org_tree, api_as) -> None:
    other, _ = token_issue(user=org_tree.user("cs_a2"), name="khác")
    client = api_as(org_tree.user("cs_a1"))
    assert other.pk not in [t["id"] for t in client.get("/api/tokens").json()]
    assert client.delete(f"/api/tokens/{other.pk}").status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None


def test_revoked_token_cannot_be_revoked_twice(org_tree, api_as) -> None:
    client = api_as(org_tree.user("cs_a1"))
    token = ApiToken.objects.filter(user=org_tree.user("cs_a1")).get()
    second, _ = token_issue(user=org_tree.user("cs_a1"))
    assert client.delete(f"/api/tokens/{second.pk}").status_code == 204
    assert client.delete(f"/api/tokens/{second.pk}").status_code == 404
    assert client.get("/api/me").status_code == 200  # the token in use still works
    assert token.revoked_at is None
