"""A thin httpx client for the Zalo OA Open API (no SDK: none is maintained).

* :meth:`ZaloClient.access_token`: the OA's access token, refreshed with the
  rotating refresh token when it is about to expire, **one worker at a time**
  (a cache lock across processes, then a row lock; each re-reads the token
  first, so a waiter uses the token the winner stored);
* :meth:`ZaloClient.send_cs_text`: a reply in the customer-service window
  (8 replies within 48 hours of the follower's last message);
* :meth:`ZaloClient.send_template`: a message from an **approved** template
  to a follower, within the OA's monthly quota and the follower's monthly and
  daily quotas.

Every send is written to :class:`~duluan.channels.models.ZaloSend` under a key,
so a retried job never sends twice, and the quotas are counted from it.
Quotas and their sources: docs/channels.md.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Any

import httpx
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from .keys import seal, sender_key, unseal
from .models import ChannelMessage, ZaloSend, ZaloTemplate, ZaloToken

EXPIRY_MARGIN = timedelta(minutes=5)
LOCK_SECONDS = 30
WAIT_SECONDS = 15.0
TOKEN_EXPIRED = -216  # Zalo's error code for an expired access token


class ZaloError(RuntimeError):
    """Zalo refused (an error code in the JSON answer) or could not be reached."""


class QuotaExceeded(ZaloError):
    pass


def _fresh(token: ZaloToken, now: datetime) -> bool:
    return (
        bool(token.access_sealed)
        and token.expires_at is not None
        and (token.expires_at - EXPIRY_MARGIN > now)
    )


def token_store(*, oa_id: str, access_token: str, refresh_token: str, expires_in: int) -> ZaloToken:
    """Keep the tokens of an OA (after the OAuth consent, or a refresh), sealed."""
    now = timezone.now()
    token, _ = ZaloToken.objects.update_or_create(
        oa_id=oa_id,
        defaults={
            "access_sealed": seal(access_token.encode()),
            "refresh_sealed": seal(refresh_token.encode()),
            "expires_at": now + timedelta(seconds=expires_in),
            "refreshed_at": now,
        },
    )
    return token


class ZaloClient:
    def __init__(self, *, oa_id: str, transport: httpx.BaseTransport | None = None) -> None:
        self.oa_id = oa_id
        self._transport = transport

    def _http(self) -> httpx.Client:
        return httpx.Client(timeout=10.0, transport=self._transport)

    # ── tokens ──────────────────────────────────────────────────────────────
    def access_token(self) -> str:
        token = ZaloToken.objects.filter(oa_id=self.oa_id).first()
        if token is None:
            raise ZaloError(f"OA {self.oa_id} chưa được kết nối (chưa có khoá truy cập).")
        if _fresh(token, timezone.now()):
            return unseal(token.access_sealed).decode()
        lock = f"channels:zalo-refresh:{self.oa_id}"
        deadline = time.monotonic() + WAIT_SECONDS
        while not cache.add(lock, 1, LOCK_SECONDS):
            time.sleep(0.05)
            token.refresh_from_db()
            if _fresh(token, timezone.now()):
                return unseal(token.access_sealed).decode()
            if time.monotonic() > deadline:
                raise ZaloError("Đang chờ làm mới khoá truy cập Zalo quá lâu.")
        try:
            return self._refresh()
        finally:
            cache.delete(lock)

    @transaction.atomic
    def _refresh(self) -> str:
        token = ZaloToken.objects.select_for_update().get(oa_id=self.oa_id)
        if _fresh(token, timezone.now()):  # refreshed while we waited for the row
            return unseal(token.access_sealed).decode()
        with self._http() as http:
            response = http.post(
                f"{settings.ZALO_OAUTH_BASE}/v4/oa/access_token",
                headers={"secret_key": settings.ZALO_APP_SECRET},
                data={
                    "refresh_token": unseal(token.refresh_sealed).decode(),
                    "app_id": settings.ZALO_APP_ID,
                    "grant_type": "refresh_token",
                },
            )
        body = response.json()
        if not body.get("access_token") or not body.get("refresh_token"):
            raise ZaloError(f"Zalo không cấp lại khoá: {body.get('error_description') or body}")
        now = timezone.now()
        token.access_sealed = seal(str(body["access_token"]).encode())
        token.refresh_sealed = seal(str(body["refresh_token"]).encode())
        token.expires_at = now + timedelta(seconds=int(body.get("expires_in") or 3600))
        token.refreshed_at = now
        token.save()
        return str(body["access_token"])

    def _post(self, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        for attempt in (1, 2):
            with self._http() as http:
                response = http.post(
                    f"{settings.ZALO_API_BASE}{path}",
                    headers={"access_token": self.access_token()},
                    json=payload,
                )
            body: dict[str, Any] = response.json()
            if body.get("error") == TOKEN_EXPIRED and attempt == 1:
                ZaloToken.objects.filter(oa_id=self.oa_id).update(expires_at=timezone.now())
                continue
            if body.get("error", 0) != 0:
                raise ZaloError(f"Zalo từ chối ({body.get('error')}): {body.get('message', '')}")
            return body
        raise ZaloError("Khoá truy cập Zalo hết hạn.")

    def _record(
        self, *, key: str, handle_key: str, kind: str, template_id: str = ""
    ) -> ZaloSend | None:
        try:
            with transaction.atomic():
                return ZaloSend.objects.create(
                    oa_id=self.oa_id,
                    sender_key=handle_key,
                    kind=kind,
                    template_id=template_id,
                    key=key,
                )
        except IntegrityError:
            return None  # sent before: a retry

    # ── replies in the customer-service window ──────────────────────────────
    def reply_allowed(self, *, handle_key: str, now: datetime | None = None) -> bool:
        """Within ``ZALO_REPLY_WINDOW_HOURS`` of the follower's last message and under
        ``ZALO_REPLIES_PER_WINDOW`` replies since it."""
        now = now or timezone.now()
        last = (
            ChannelMessage.objects.filter(kind="zalo", sender_key=handle_key)
            .order_by("-sent_at")
            .values_list("sent_at", flat=True)
            .first()
        )
        if last is None or now - last > timedelta(hours=settings.ZALO_REPLY_WINDOW_HOURS):
            return False
        used = ZaloSend.objects.filter(
            oa_id=self.oa_id, sender_key=handle_key, kind=ZaloSend.Kind.REPLY, sent_at__gte=last
        ).count()
        return used < settings.ZALO_REPLIES_PER_WINDOW

    def send_cs_text(
        self,
        *,
        user_id: str,
        text: str,
        anonymous: bool = False,
        message_id: str = "",
        key: str = "",
    ) -> bool:
        """Reply to a follower's message (quoting it, so Zalo counts it as a reply,
        not a proactive message). ``False`` when outside the window or sent before.

        The ledger key is ``key`` when given (a correction: its own key, so the
        receipt that already answered this message does not block it), else the
        quoted message (one receipt per message)."""
        handle_key = sender_key("zalo", user_id)
        if anonymous or not self.reply_allowed(handle_key=handle_key):
            # Anonymous senders are answered only from the OA's chat screen.
            return False
        record = self._record(
            key=f"reply:{key or message_id or text}",
            handle_key=handle_key,
            kind=ZaloSend.Kind.REPLY,
        )
        if record is None:
            return False
        message: dict[str, Any] = {"text": text}
        if message_id:
            message["quote_message_id"] = message_id
        try:
            body = self._post(
                "/v3.0/oa/message/cs", {"recipient": {"user_id": user_id}, "message": message}
            )
        except Exception:
            ZaloSend.objects.filter(pk=record.pk).delete()
            raise
        ZaloSend.objects.filter(pk=record.pk).update(
            zalo_message_id=str((body.get("data") or {}).get("message_id", ""))
        )
        return True

    # ── approved templates, within quotas ───────────────────────────────────
    def template_quota_left(self, *, handle_key: str, now: datetime | None = None) -> int:
        """How many more template messages may go now: the OA's monthly quota and this
        follower's monthly and daily ones, whichever is tightest."""
        now = timezone.localtime(now or timezone.now())
        month = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        day = now.replace(hour=0, minute=0, second=0, microsecond=0)
        sent = ZaloSend.objects.filter(oa_id=self.oa_id, kind=ZaloSend.Kind.TEMPLATE)
        oa_left = settings.ZALO_TEMPLATE_MONTHLY - sent.filter(sent_at__gte=month).count()
        mine = sent.filter(sender_key=handle_key)
        month_left = settings.ZALO_FOLLOWER_MONTHLY - mine.filter(sent_at__gte=month).count()
        day_left = settings.ZALO_FOLLOWER_DAILY - mine.filter(sent_at__gte=day).count()
        return max(0, min(oa_left, month_left, day_left))

    def send_template(
        self, *, user_id: str, template_id: str, data: dict[str, str], key: str
    ) -> bool:
        """Send an approved template to one follower once per ``key``.

        Refuses an unapproved template (``ZaloError``) and a send over quota
        (``QuotaExceeded``); ``False`` when this key was sent before."""
        if not ZaloTemplate.objects.filter(
            oa_id=self.oa_id, template_id=template_id, approved=True
        ).exists():
            raise ZaloError(f"Mẫu {template_id} chưa được duyệt: không gửi.")
        handle_key = sender_key("zalo", user_id)
        with transaction.atomic():
            # One sender of templates per OA at a time, so two jobs cannot both
            # take the last unit of quota.
            ZaloToken.objects.select_for_update().filter(oa_id=self.oa_id).first()
            if ZaloSend.objects.filter(key=f"template:{key}").exists():
                return False  # sent before: a retry
            if self.template_quota_left(handle_key=handle_key) <= 0:
                raise QuotaExceeded("Đã hết hạn mức tin chủ động của OA hoặc của người nhận.")
            record = self._record(
                key=f"template:{key}",
                handle_key=handle_key,
                kind=ZaloSend.Kind.TEMPLATE,
                template_id=template_id,
            )
        if record is None:
            return False
        payload = {
            "recipient": {"user_id": user_id},
            "message": {
                "attachment": {
                    "type": "template",
                    "payload": {"template_id": template_id, "template_data": data},
                }
            },
        }
        try:
            body = self._post(settings.ZALO_TEMPLATE_PATH, payload)
        except Exception:
            ZaloSend.objects.filter(pk=record.pk).delete()
            raise
        ZaloSend.objects.filter(pk=record.pk).update(
            zalo_message_id=str((body.get("data") or {}).get("message_id", ""))
        )
        return True


def followers_notify(
    *,
    unit_ids: list[int],
    template_id: str,
    data: dict[str, str],
    key: str,
    transport: httpx.BaseTransport | None = None,
) -> dict[str, int]:
    """Send an approved template to every registered Zalo follower of ``unit_ids``
    (a direction, a rumour correction), once per follower per ``key``; followers
    over quota are skipped and counted. For the cases app's directions."""
    from .models import ChannelSender

    counts = {"sent": 0, "skipped_quota": 0, "already": 0}
    for follower in ChannelSender.objects.filter(kind="zalo", unit_id__in=unit_ids).exclude(
        handle_sealed=""
    ):
        client = ZaloClient(oa_id=follower.address, transport=transport)
        try:
            sent = client.send_template(
                user_id=unseal(follower.handle_sealed).decode(),
                template_id=template_id,
                data=data,
                key=f"{key}:{follower.sender_key}",
            )
        except QuotaExceeded:
            counts["skipped_quota"] += 1
            continue
        counts["sent" if sent else "already"] += 1
    return counts
