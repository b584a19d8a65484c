from __future__ import annotations

from typing import Any

from duluan.org.choices import Role
from duluan.org.models import UnitLevel

URL = "/api/units"


def codes(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    payload = response.json()
    assert payload["count"] >= len(payload["items"])
    return [item["code"] for item in payload["items"]]


def test_lists_only_the_callers_subtree_in_tree_order(org_tree, api_as) -> None:
    assert codes(api_as(org_tree.user("upper_a", Role.REPORTER)).get(URL)) == [
        "T01-A",
        "T01-A-1",
        "T01-A-2",
    ]
    assert codes(api_as(org_tree.user("cs_a1", Role.COLLABORATOR)).get(URL)) == ["T01-A-1"]
    assert len(codes(api_as(org_tree.user("province", Role.LEADER)).get(URL))) == 6


def test_filters_by_parent_level_and_text(org_tree, api_as) -> None:
    client = api_as(org_tree.user("province"))
    assert codes(client.get(URL, {"parent": org_tree.province.pk})) == ["T01-A", "T01-B"]
    grassroots = UnitLevel.objects.get(name="Công đoàn cơ sở")
    assert codes(client.get(URL, {"level": grassroots.pk})) == ["T01-A-1", "T01-A-2", "T01-B-1"]
    assert codes(client.get(URL, {"q": "giay binh minh"})) == ["T01-A-2"]
    page = client.get(URL, {"limit": 2, "offset": 1}).json()
    assert page["count"] == 6
    assert [u["code"] for u in page["items"]] == ["T01-A", "T01-A-1"]


def test_parent_outside_reach_is_404(org_tree, api_as) -> None:
    client = api_as(org_tree.user("upper_a"))
    assert client.get(URL, {"parent": org_tree.upper_b.pk}).status_code == 404
    assert client.get(URL, {"parent": org_tree.province.pk}).status_code == 404


def test_unit_detail(org_tree, api_as) -> None:
    client = api_as(org_tree.user("upper_a", Role.COLLABORATOR))
    response = client.get(f"{URL}/{org_tree.cs_a1.pk}")
    assert response.status_code == 200
    payload = response.json()
    assert payload["code"] == "T01-A-1"
    assert payload["level"]["name"] == "Công đoàn cơ sở"
    assert payload["depth"] == 3
    assert payload["member_count"] == 1200
    assert client.get(f"{URL}/{org_tree.province.pk}").status_code == 404
    assert client.get(f"{URL}/{org_tree.cs_b1.pk}").status_code == 404
    assert client.get(f"{URL}/999999").json() == {"detail": "Không tìm thấy đơn vị."}
