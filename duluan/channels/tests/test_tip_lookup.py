"""The receipt look-up: a pasted code is never "too fast" and is never cleared on an
error; "Gửi bổ sung" is Post/Redirect/Get with a one-time token, so a reload (or a
second post of the same form) adds nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from duluan.channels.models import TipFollowUp
from duluan.conftest import OrgTree

from .tip_support import form_fields, no_cookie, open_tip_page, receipt_code, send_tip, visitor

LOOKUP = "/gop-y/tra-cuu/"


@pytest.fixture
def tip_on(org_tree: OrgTree, settings: Any) -> OrgTree:
    settings.CHANNELS = ["tip"]
    open_tip_page(org_tree.cs_a1)
    return org_tree


@pytest.mark.django_db(transaction=True)
def test_a_pasted_code_is_not_too_fast_and_a_wrong_one_stays_in_the_field(
    tip_on: OrgTree, settings: Any
) -> None:
    settings.TIP_MIN_FILL_SECONDS = 0
    client = visitor()
    code = receipt_code(send_tip(client))
    settings.TIP_MIN_FILL_SECONDS = 30  # the tip form keeps its minimum fill time
    cache.clear()
    fields = form_fields(client.get(LOOKUP).content.decode())
    shown = client.post(LOOKUP, {**fields, "code": code})  # pasted at once
    assert shown.status_code == 200, shown.content.decode()
    assert "Góp ý của bạn" in shown.content.decode()
    wrong = client.post(
        LOOKUP, {**form_fields(client.get(LOOKUP).content.decode()), "code": "ABCD-EFGH"}
    )
    assert wrong.status_code == 404
    assert 'value="ABCD-EFGH"' in wrong.content.decode()
    forged = client.post(LOOKUP, {**fields, "token": "sai", "code": "WXYZ-1234"})
    assert forged.status_code == 400
    assert 'value="WXYZ-1234"' in forged.content.decode()


@pytest.mark.django_db(transaction=True)
def test_follow_up_redirects_and_the_same_token_posted_again_adds_nothing(
    tip_on: OrgTree, settings: Any
) -> None:
    settings.TIP_MIN_FILL_SECONDS = 0
    client = visitor()
    code = receipt_code(send_tip(client))
    page = client.post(LOOKUP, {**form_fields(client.get(LOOKUP).content.decode()), "code": code})
    data = {
        **form_fields(page.content.decode()),
        "code": code,
        "action": "follow_up",
        "text": "Bổ sung: từ 01/12.",
    }
    first = client.post(LOOKUP, data)
    assert first.status_code == 303 and no_cookie(first)
    assert code not in first["Location"] and code.replace("-", "") not in first["Location"]
    landed = client.get(first["Location"])
    assert "Đã gửi thông tin bổ sung." in landed.content.decode()
    again = client.post(LOOKUP, data)  # the reload that re-posts the form
    assert again.status_code in (303, 400)
    assert TipFollowUp.objects.count() == 1
