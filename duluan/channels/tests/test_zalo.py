"""Zalo OA: the webhook's signature, the follower's unit, token refresh, replies, templates."""

from __future__ import annotations

import json
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from duluan.channels.keys import sender_key, unseal
from duluan.channels.models import ChannelMessage, ChannelSender, ZaloSend, ZaloTemplate, ZaloToken
from duluan.channels.services import message_reply
from duluan.channels.zalo import zalo_signature
from duluan.channels.zalo_client import (
    QuotaExceeded,
    ZaloClient,
    ZaloError,
    followers_notify,
    token_store,
)
from duluan.conftest import OrgTree
from duluan.intake.models import Report

from .conftest import OA_ID

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "zalo"
SECRET = "bi-mat-oa-thu-nghiem"


def post(raw: bytes, signature: str | None = None) -> Any:
    event = json.loads(raw)
    sig = (
        zalo_signature(
            app_id=event["app_id"], body=raw, timestamp=event["timestamp"], secret=SECRET
        )
        if signature is None
        else signature
    )
    return Client().post(
        "/kenh/webhook/zalo/", raw, content_type="application/json", HTTP_X_ZEVENT_SIGNATURE=sig
    )


@pytest.fixture
def zalo_on(endpoints: OrgTree, settings: Any) -> OrgTree:
    settings.CHANNELS = ["zalo"]
    settings.ZALO_OA_SECRET_KEY = SECRET
    settings.CHANNELS_REPLIES = False
    return endpoints


def test_signature_matches_the_documented_formula() -> None:
    # mac= + sha256(app_id + body + timestamp + OA secret key), hex.
    import hashlib

    expected = "mac=" + hashlib.sha256(b"123" + b'{"a":1}' + b"1700" + b"k").hexdigest()
    assert zalo_signature(app_id="123", body=b'{"a":1}', timestamp="1700", secret="k") == expected


@pytest.mark.django_db(transaction=True)
def test_webhook_refuses_forged_signature_with_403(zalo_on: OrgTree) -> None:
    raw = (FIXTURES / "user_send_text.json").read_bytes()
    assert post(raw, signature="mac=" + "0" * 64).status_code == 403
    assert post(raw, signature="").status_code == 403
    tampered = raw.replace("hai tuần".encode(), "ba tuần".encode())
    good_for_original = zalo_signature(
        app_id="3608465249409039670", body=raw, timestamp="1764813600000", secret=SECRET
    )
    assert post(tampered, signature=good_for_original).status_code == 403
    assert not ChannelMessage.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_webhook_answers_200_stores_once_and_replay_stores_nothing(zalo_on: OrgTree) -> None:
    raw = (FIXTURES / "user_send_text.json").read_bytes()
    first = post(raw)
    assert first.status_code == 200
    assert first.json()["received"] == 1
    again = post(raw)
    assert again.status_code == 200
    assert again.json() == {"received": 0, "duplicates": 1, "throttled": 0, "unrouted": 0}
    assert Report.objects.count() == 1


@pytest.mark.django_db
def test_webhook_refuses_while_channel_is_off_and_unknown_kind_is_404(
    endpoints: OrgTree, settings: Any
) -> None:
    settings.ZALO_OA_SECRET_KEY = SECRET
    settings.CHANNELS = []
    raw = (FIXTURES / "user_send_text.json").read_bytes()
    assert post(raw).status_code == 403
    assert (
        Client().post("/kenh/webhook/fax/", raw, content_type="application/json").status_code == 404
    )
    assert not ChannelMessage.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_follow_event_is_accepted_and_files_nothing(zalo_on: OrgTree) -> None:
    raw = json.dumps(
        {
            "app_id": "1",
            "event_name": "follow",
            "timestamp": "1764813600000",
            "follower": {"id": "2468458835291979224"},
            "oa_id": OA_ID,
        }
    ).encode()
    assert post(raw).json() == {"received": 0, "duplicates": 0, "throttled": 0, "unrouted": 0}


@pytest.mark.django_db(transaction=True)
def test_rate_limit_per_sender_pseudonym(zalo_on: OrgTree, settings: Any) -> None:
    settings.CHANNELS_RATE_PER_HOUR = 2
    base = json.loads((FIXTURES / "user_send_text.json").read_bytes())
    answers = []
    for i in range(3):
        base["message"]["msg_id"] = f"rate-{i}"
        answers.append(post(json.dumps(base).encode()).json())
    assert [a["received"] for a in answers] == [1, 1, 0]
    assert answers[2]["throttled"] == 1
    assert Report.objects.count() == 2
    # Another sender is not held back by the first one's limit.
    base["sender"]["id"] = "1111111111111111111"
    base["message"]["msg_id"] = "rate-other"
    assert post(json.dumps(base).encode()).json()["received"] == 1


@pytest.mark.django_db(transaction=True)
def test_follower_naming_a_unit_is_registered_and_later_messages_go_there(
    zalo_on: OrgTree,
) -> None:
    link = json.loads((FIXTURES / "user_send_link.json").read_bytes())
    post(json.dumps(link).encode())
    registered = ChannelSender.objects.get()
    assert registered.unit_id == zalo_on.cs_a2.pk
    assert unseal(registered.handle_sealed).decode() == link["sender"]["id"]
    later = dict(link, message={"text": "Thêm: ca đêm cũng bị cắt.", "msg_id": "later-1"})
    post(json.dumps(later).encode())
    assert Report.objects.get(channel_message__message_id="later-1").unit_id == zalo_on.cs_a2.pk


# ── the client ──────────────────────────────────────────────────────────────
class FakeZalo:
    """Zalo's OAuth and OA endpoints, counted (httpx.MockTransport)."""

    def __init__(self, delay: float = 0.0) -> None:
        self.refreshes = 0
        self.sent: list[dict[str, Any]] = []
        self.delay = delay
        self.lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v4/oa/access_token":
            with self.lock:
                self.refreshes += 1
                n = self.refreshes
            time.sleep(self.delay)
            form = dict(x.split("=") for x in request.content.decode().split("&"))
            assert request.headers["secret_key"] == "app-secret"
            assert form["grant_type"] == "refresh_token"
            return httpx.Response(
                200,
                json={
                    "access_token": f"access-{n}",
                    "refresh_token": f"refresh-{n}",
                    "expires_in": "90000",
                },
            )
        self.sent.append(
            {
                "path": request.url.path,
                "token": request.headers["access_token"],
                "body": json.loads(request.content),
            }
        )
        return httpx.Response(
            200,
            json={"error": 0, "message": "Success", "data": {"message_id": f"z{len(self.sent)}"}},
        )


@pytest.fixture
def oa(db: Any, settings: Any) -> ZaloToken:
    settings.ZALO_APP_ID = "3608465249409039670"
    settings.ZALO_APP_SECRET = "app-secret"
    token = token_store(oa_id=OA_ID, access_token="old", refresh_token="refresh-0", expires_in=60)
    return token


@pytest.mark.django_db(transaction=True)
def test_token_refresh_is_single_flight(oa: ZaloToken) -> None:
    fake = FakeZalo(delay=0.3)
    transport = httpx.MockTransport(fake)
    barrier = threading.Barrier(4)
    tokens: list[str] = []

    def worker() -> None:
        try:
            barrier.wait()
            tokens.append(ZaloClient(oa_id=OA_ID, transport=transport).access_token())
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert fake.refreshes == 1
    assert tokens == ["access-1"] * 4
    stored = ZaloToken.objects.get(oa_id=OA_ID)
    assert unseal(stored.refresh_sealed) == b"refresh-1"  # the rotated one, sealed
    assert b"refresh-1" not in stored.refresh_sealed.encode()


@pytest.mark.django_db(transaction=True)
def test_receipt_reply_goes_once_within_the_window(
    zalo_on: OrgTree, oa: ZaloToken, settings: Any
) -> None:
    fake = FakeZalo()
    settings.CHANNELS_REPLIES = True
    import duluan.channels.zalo_client as zc

    original = zc.ZaloClient.__init__

    def with_fake(self: ZaloClient, *, oa_id: str, transport: Any = None) -> None:
        original(self, oa_id=oa_id, transport=httpx.MockTransport(fake))

    zc.ZaloClient.__init__ = with_fake  # type: ignore[method-assign]
    try:
        raw = json.loads((FIXTURES / "user_send_text.json").read_bytes())
        raw["timestamp"] = str(int(timezone.now().timestamp() * 1000))
        post(json.dumps(raw).encode())
        message = ChannelMessage.objects.get()
        assert message.replied_at is not None
        assert message_reply(message_id=message.pk) is False  # a second run sends nothing
    finally:
        zc.ZaloClient.__init__ = original  # type: ignore[method-assign]
    [sent] = fake.sent
    assert sent["path"] == "/v3.0/oa/message/cs"
    assert sent["body"]["recipient"] == {"user_id": raw["sender"]["id"]}
    assert sent["body"]["message"]["text"].startswith("Đã nhận phản ánh, mã tra cứu PA-")
    assert sent["body"]["message"]["quote_message_id"] == raw["message"]["msg_id"]
    assert fake.refreshes == 1  # the stored token was about to expire


@pytest.mark.django_db
def test_no_reply_outside_the_48_hour_window(oa: ZaloToken) -> None:
    key = sender_key("zalo", "u-1")
    ChannelMessage.objects.create(
        kind="zalo", message_id="old", sender_key=key, sent_at=timezone.now() - timedelta(hours=49)
    )
    client = ZaloClient(oa_id=OA_ID, transport=httpx.MockTransport(FakeZalo()))
    assert client.send_cs_text(user_id="u-1", text="x", message_id="old") is False


@pytest.mark.django_db
def test_templates_only_when_approved_and_within_follower_quotas(
    oa: ZaloToken, settings: Any
) -> None:
    settings.ZALO_FOLLOWER_DAILY = 1
    fake = FakeZalo()
    client = ZaloClient(oa_id=OA_ID, transport=httpx.MockTransport(fake))
    ZaloTemplate.objects.create(oa_id=OA_ID, template_id="t-draft", name="Nháp", approved=False)
    with pytest.raises(ZaloError):
        client.send_template(user_id="u-1", template_id="t-draft", data={}, key="k0")
    ZaloTemplate.objects.create(oa_id=OA_ID, template_id="t-ok", name="Đính chính", approved=True)
    data = {"noi_dung": "Thông tin cắt thưởng Tết là tin đồn."}
    assert client.send_template(user_id="u-1", template_id="t-ok", data=data, key="k1") is True
    assert client.send_template(user_id="u-1", template_id="t-ok", data=data, key="k1") is False
    with pytest.raises(QuotaExceeded):  # one a day per follower
        client.send_template(user_id="u-1", template_id="t-ok", data=data, key="k2")
    assert client.send_template(user_id="u-2", template_id="t-ok", data=data, key="k2") is True
    assert len(fake.sent) == 2
    assert ZaloSend.objects.filter(kind="mau").count() == 2


@pytest.mark.django_db
def test_oa_monthly_quota_stops_sending(oa: ZaloToken, settings: Any) -> None:
    settings.ZALO_TEMPLATE_MONTHLY = 1
    client = ZaloClient(oa_id=OA_ID, transport=httpx.MockTransport(FakeZalo()))
    ZaloTemplate.objects.create(oa_id=OA_ID, template_id="t", name="Mẫu", approved=True)
    client.send_template(user_id="a", template_id="t", data={}, key="1")
    with pytest.raises(QuotaExceeded):
        client.send_template(user_id="b", template_id="t", data={}, key="2")


@pytest.mark.django_db(transaction=True)
def test_followers_of_a_unit_get_a_correction_once(zalo_on: OrgTree, oa: ZaloToken) -> None:
    post((FIXTURES / "user_send_link.json").read_bytes())  # registers a follower of cs_a2
    ZaloTemplate.objects.create(oa_id=OA_ID, template_id="t", name="Đính chính", approved=True)
    fake = FakeZalo()
    args: dict[str, Any] = {
        "unit_ids": [zalo_on.cs_a2.pk],
        "template_id": "t",
        "data": {"a": "b"},
        "key": "matter-7",
    }
    assert followers_notify(**args, transport=httpx.MockTransport(fake)) == {
        "sent": 1,
        "skipped_quota": 0,
        "already": 0,
    }
    assert followers_notify(**args, transport=httpx.MockTransport(fake))["already"] == 1
    assert len(fake.sent) == 1


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.mark.django_db(transaction=True)
def test_image_a_follower_sends_is_fetched_from_zalo_and_checked(
    zalo_on: OrgTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    from duluan.channels import zalo

    asked: list[str] = []

    def serve(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return httpx.Response(200, content=PNG)

    monkeypatch.setattr(zalo, "MEDIA_TRANSPORT", httpx.MockTransport(serve))
    post((FIXTURES / "user_send_image.json").read_bytes())
    report = Report.objects.get()
    assert asked == ["https://photo-stal.zadn.vn/anh-nha-ve-sinh.jpg"]
    assert report.attachments.get().content_type == "image/png"


def test_media_is_fetched_only_from_zalo_hosts_over_https_and_within_the_limit(
    monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    from duluan.channels import zalo

    asked: list[str] = []

    def serve(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return httpx.Response(200, content=PNG * 10)

    monkeypatch.setattr(zalo, "MEDIA_TRANSPORT", httpx.MockTransport(serve))
    assert zalo.media_fetch("https://evil.example/x.png") is None
    assert zalo.media_fetch("https://zadn.vn.evil.example/x.png") is None
    assert zalo.media_fetch("http://photo-stal.zadn.vn/x.png") is None
    assert asked == []
    settings.UPLOAD_MAX_BYTES = len(PNG) * 2
    assert zalo.media_fetch("https://photo-stal.zadn.vn/x.png") is None  # too large
    settings.UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    assert zalo.media_fetch("https://photo-stal.zadn.vn/x.png") == PNG * 10


@pytest.mark.django_db(transaction=True)
def test_no_reply_and_no_retry_when_the_oa_was_never_connected(
    zalo_on: OrgTree, settings: Any
) -> None:
    settings.CHANNELS_REPLIES = True
    raw = json.loads((FIXTURES / "user_send_text.json").read_bytes())
    raw["timestamp"] = str(int(timezone.now().timestamp() * 1000))
    post(json.dumps(raw).encode())
    message = ChannelMessage.objects.get()
    assert message.replied_at is None
    from duluan.jobs.models import Job

    assert Job.objects.get(kind="channels.message_reply").state == "done"
