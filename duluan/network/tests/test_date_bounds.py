"""Network dates typed in: what happened from 01/01/2000 to tomorrow, what is
planned (deadlines, trainings, briefings, terms) up to 10 years ahead."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client

from duluan.api.services import token_issue
from duluan.core.dates import PAST_MESSAGE, latest_event, today
from duluan.core.sheets.columns import CellError
from duluan.network.forms import EventForm, ExtendForm
from duluan.network.services.imports import _date, _event_date

pytestmark = pytest.mark.django_db


def post_article(org_tree: Any, published_on: str) -> Any:
    auth = {"Authorization": f"Bearer {token_issue(user=org_tree.user('cs_a1'))[1]}"}
    return Client().post(
        "/api/network/articles",
        {
            "unit_id": org_tree.cs_a1.pk,
            "kind": "bai_dang",
            "platform": "zalo",
            "title": "Bài",
            "published_on": published_on,
        },
        content_type="application/json",
        headers=auth,
    )


@pytest.mark.parametrize(
    ("day", "ok"),
    [
        ("0001-01-01", False),
        ("1999-12-31", False),
        ("2000-01-01", True),
        ("tomorrow", True),
        ("after", False),
    ],
)
def test_api_past_date(org_tree, day: str, ok: bool) -> None:
    value = {
        "tomorrow": (today() + timedelta(days=1)).isoformat(),
        "after": (today() + timedelta(days=2)).isoformat(),
    }.get(day, day)
    response = post_article(org_tree, value)
    if ok:
        assert response.status_code == 201, response.content
    else:
        assert response.status_code == 422
        assert response.json()["errors"]["published_on"] == [PAST_MESSAGE]


def test_api_event_date_allows_ten_years_ahead_only(org_tree) -> None:
    auth = {"Authorization": f"Bearer {token_issue(user=org_tree.user('cs_a1'))[1]}"}
    body = {"unit_id": org_tree.cs_a1.pk, "kind": "doi_thoai", "participants": 5}
    client = Client()
    for held_on, status in (
        ((today() + timedelta(days=30)).isoformat(), 201),
        (latest_event().isoformat(), 201),
        ((latest_event() + timedelta(days=1)).isoformat(), 422),
        ("1999-12-31", 422),
    ):
        response = client.post(
            "/api/network/dialogues",
            {**body, "held_on": held_on},
            content_type="application/json",
            headers=auth,
        )
        assert response.status_code == status, (held_on, response.content)
        if status == 422:
            assert response.json()["errors"]["held_on"][0].startswith("Ngày phải từ 01/01/2000")


def test_forms() -> None:
    event = EventForm(data={"kind": "thoi", "on": "31/12/1999"})
    assert event.errors["on"] == [PAST_MESSAGE]
    assert "on" not in EventForm(data={"kind": "thoi", "on": "01/01/2000"}).errors
    far = (today() + timedelta(days=2)).strftime("%d/%m/%Y")
    assert EventForm(data={"kind": "thoi", "on": far}).errors["on"] == [PAST_MESSAGE]
    # A new deadline is ahead by nature: allowed for 10 years.
    assert "new_due" not in ExtendForm(data={"new_due": far, "reason": "x"}).errors
    assert ExtendForm(data={"new_due": "01/01/0001", "reason": "x"}).errors["new_due"]


def test_import_cells() -> None:
    assert _date("01/01/2000", required=True) == date(2000, 1, 1)
    with pytest.raises(CellError, match="01/01/2000 đến ngày mai"):
        _date("31/12/1999", required=True)
    with pytest.raises(CellError, match="ở tương lai"):
        _date((today() + timedelta(days=2)).strftime("%d/%m/%Y"), required=True)
    assert _event_date((today() + timedelta(days=400)).strftime("%d/%m/%Y"))
    with pytest.raises(CellError, match="Ngày phải từ 01/01/2000"):
        _event_date("01/01/2099")
