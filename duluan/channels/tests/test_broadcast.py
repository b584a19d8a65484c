"""A direction sent down to the Zalo OA followers of its target units (issue #20,
item 2): through the approved template only, within the OA's quotas, once."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from django.test import Client
from django.urls import reverse

from duluan.cases.models import Direction, DirectionTarget
from duluan.cases.services import direction_issue
from duluan.channels import broadcast
from duluan.channels import zalo as zalo_module
from duluan.channels.keys import seal, sender_key
from duluan.channels.models import ChannelSender, DirectionBroadcast, ZaloTemplate
from duluan.channels.zalo_client import token_store
from duluan.conftest import OrgTree
from duluan.core.errors import NotFoundError, ValidationFailed
from duluan.org.choices import Role
from duluan.org.models import Unit

from .conftest import OA_ID
from .test_corrections import rumour_matter
from .tip_support import open_tip_page

TEMPLATE = "dinh-huong-1"
ACTION = "Gửi tới người theo dõi Zalo OA của các đơn vị nhận"


class FakeZalo:
    """Zalo's template endpoint (httpx.MockTransport): who got what."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, dict[str, Any]]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        payload = body["message"]["attachment"]["payload"]
        self.sent.append((body["recipient"]["user_id"], payload))
        return httpx.Response(200, json={"error": 0, "data": {"message_id": "z1"}})

    def users(self) -> list[str]:
        return sorted(user for user, _ in self.sent)


@pytest.fixture
def zalo_fake(endpoints: OrgTree, settings: Any, monkeypatch: pytest.MonkeyPatch) -> FakeZalo:
    settings.CHANNELS = ["tip", "zalo"]
    settings.TIP_MIN_FILL_SECONDS = 0
    settings.CHANNELS_REPLIES = False
    settings.ZALO_APP_ID = "3608465249409039670"
    settings.ZALO_DIRECTION_TEMPLATE = TEMPLATE
    open_tip_page(endpoints.cs_a1)
    token_store(oa_id=OA_ID, access_token="access", refresh_token="refresh", expires_in=90000)
    ZaloTemplate.objects.create(oa_id=OA_ID, template_id=TEMPLATE, name="Định hướng", approved=True)
    fake = FakeZalo()
    monkeypatch.setattr(zalo_module, "CLIENT_TRANSPORT", httpx.MockTransport(fake))
    return fake


def follower(unit: Unit, user_id: str) -> None:
    ChannelSender.objects.create(
        kind="zalo",
        sender_key=sender_key("zalo", user_id),
        handle_sealed=seal(user_id.encode()),
        address=OA_ID,
        unit=unit,
    )


def directed(tree: OrgTree) -> Direction:
    """The rumour matter of the province, directed down the branch of upper_a."""
    matter, _codes = rumour_matter(tree)
    return direction_issue(
        actor=tree.user("province", Role.LEADER),
        matter=matter,
        title="Định hướng thông tin về việc công ty giải thể",
        text="Công ty không giải thể. " * 40,  # longer than the template's parameter takes
        correction="Lương tháng 12 trả ngày 10/01.",
    )


@pytest.mark.django_db(transaction=True)
def test_followers_of_the_target_units_get_the_direction_once(
    zalo_fake: FakeZalo, endpoints: OrgTree
) -> None:
    direction = directed(endpoints)
    targets = set(
        DirectionTarget.objects.filter(direction=direction).values_list("unit_id", flat=True)
    )
    assert endpoints.cs_a1.pk in targets and endpoints.cs_b1.pk not in targets
    follower(endpoints.cs_a1, "u-a1")
    follower(endpoints.cs_a2 if endpoints.cs_a2.pk in targets else endpoints.cs_a1, "u-a2")
    follower(endpoints.cs_b1, "u-b1")  # another branch: not a target
    officer = endpoints.user("province")
    done = broadcast.direction_broadcast(actor=officer, direction=direction)
    assert done is not None
    done.refresh_from_db()
    assert (done.sent, done.skipped_quota, done.done_at is not None) == (2, 0, True)
    assert zalo_fake.users() == ["u-a1", "u-a2"]
    payload = zalo_fake.sent[0][1]
    assert payload["template_id"] == TEMPLATE
    text = payload["template_data"]["noi_dung"]
    assert len(text) == broadcast.FIELD_MAX and text.startswith("Công ty không giải thể.")
    # A second request (or the job run again) sends nothing more.
    assert broadcast.direction_broadcast(actor=officer, direction=direction) is None
    assert broadcast.broadcast_deliver(broadcast_id=done.pk)["sent"] == 0
    assert len(zalo_fake.sent) == 2
    assert DirectionBroadcast.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_over_quota_followers_are_skipped_and_counted_on_the_page(
    zalo_fake: FakeZalo, endpoints: OrgTree, settings: Any
) -> None:
    direction = directed(endpoints)
    follower(endpoints.cs_a1, "u-1")
    follower(endpoints.cs_a1, "u-2")
    settings.ZALO_TEMPLATE_MONTHLY = 1  # the OA's monthly quota: one more template
    client = Client()
    client.force_login(endpoints.user("province"))
    matter_page = client.get(reverse("cases:matter_detail", args=[direction.matter_id]))
    assert ACTION in matter_page.content.decode()
    url = reverse("channels:direction_broadcast", args=[direction.pk])
    assert ACTION in client.get(url).content.decode()
    response = client.post(url, follow=True)
    page = response.content.decode()
    assert "Đã gửi tới 1 người theo dõi; 1 người quá hạn mức" in page
    assert ACTION not in page  # no second button
    assert len(zalo_fake.sent) == 1
    matter_page = client.get(reverse("cases:matter_detail", args=[direction.matter_id]))
    assert "Đã gửi tới 1 người theo dõi; 1 người quá hạn mức" in matter_page.content.decode()
    assert client.post(url).status_code == 302 and len(zalo_fake.sent) == 1


@pytest.mark.django_db(transaction=True)
def test_without_a_template_or_in_scope_actor_nothing_is_sent(
    zalo_fake: FakeZalo, endpoints: OrgTree, settings: Any
) -> None:
    direction = directed(endpoints)
    follower(endpoints.cs_a1, "u-1")
    # Outside the issuing unit's scope: refused, as if it did not exist.
    with pytest.raises(NotFoundError):
        broadcast.direction_broadcast(actor=endpoints.user("upper_b"), direction=direction)
    client = Client()
    client.force_login(endpoints.user("upper_b"))
    url = reverse("channels:direction_broadcast", args=[direction.pk])
    assert client.post(url).status_code == 404
    # No approved template set: refused with a Vietnamese message, and no button.
    settings.ZALO_DIRECTION_TEMPLATE = ""
    with pytest.raises(ValidationFailed, match="Chưa có mẫu tin định hướng"):
        broadcast.direction_broadcast(actor=endpoints.user("province"), direction=direction)
    client.force_login(endpoints.user("province"))
    page = client.get(url).content.decode()
    assert "Chưa có mẫu tin định hướng" in page and ACTION not in page
    matter_page = client.get(reverse("cases:matter_detail", args=[direction.matter_id]))
    assert ACTION not in matter_page.content.decode()
    refused = client.post(url)
    assert refused.status_code == 400 and "Chưa có mẫu tin định hướng" in refused.content.decode()
    assert not zalo_fake.sent and not DirectionBroadcast.objects.exists()
