"""Demo data of the channels' additions: a unit's anonymous tip page, and one rumour
that came in through two channels (two tips, three Zalo messages from two followers),
grouped, found false and closed, its correction not sent yet: the officer sends it
from the matter's page and sees "Đã gửi đính chính tới 4 người qua …".

Everything enters as a real message would (``channel_receive``, then the filing
service); the Zalo endpoint does not answer (no outside service on the demo).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from django.db import transaction

from duluan.cases.choices import Outcome, State
from duluan.cases.services import (
    matter_attach_report,
    matter_create_from_report,
    verification_record,
)
from duluan.cases.workflow import matter_transition
from duluan.core.extensions import demo_step, demo_wipe_step
from duluan.org.choices import Role
from duluan.org.demo_context import DemoContext
from duluan.org.models import RoleAssignment, Unit, User
from duluan.org.scope import subtree_q

from .models import ChannelEndpoint, ChannelMessage, TipReceipt
from .services import channel_receive, message_file
from .tip import ALPHABET, receipt_hash
from .tip_adapter import tip_payload
from .tip_services import tip_enabled

DEMO_OA = "4000000000000000001"  # the demo OA (the fixtures' OA id is left to simulate)
MATTER_TITLE = "Tin đồn công ty giải thể, không trả lương tháng 12"
TIPS = (
    "Nghe nói công ty sắp giải thể, tháng 12 không trả lương và không đóng bảo hiểm nữa. "
    "Cả xưởng đang hoang mang, nhiều người định nghỉ việc.",
    "Trong nhóm Zalo của chuyền đang truyền nhau ảnh thông báo giải thể công ty, không rõ "
    "thật giả. Công đoàn kiểm tra giúp.",
)
ZALO = (
    ("2468458835291979224", "Có phải công ty sắp giải thể không? Anh em lo không có lương Tết."),
    ("2468458835291979224", "Tổ em có 5 người đã nộp đơn nghỉ vì nghe tin giải thể."),
    ("2468458835291979231", "Nhóm Zalo công nhân đang nói công ty nợ lương rồi giải thể."),
)


def _zalo_event(sender: str, text: str, msg_id: str, at: datetime) -> bytes:
    event = {
        "app_id": "demo",
        "event_name": "user_send_text",
        "timestamp": str(int(at.timestamp() * 1000)),
        "sender": {"id": sender},
        "recipient": {"id": DEMO_OA},
        "message": {"text": text, "msg_id": msg_id},
    }
    return json.dumps(event, ensure_ascii=False).encode()


def _places(root: Unit) -> tuple[Unit, Unit, User] | None:
    """A unit with child units, one of its officers, and its first grassroots child."""
    officers = (
        RoleAssignment.objects.filter(
            subtree_q(root), role=Role.OFFICER, is_active=True, unit__numchild__gt=0
        )
        .select_related("unit", "user")
        .order_by("-unit__depth", "unit__path")
    )
    for assignment in officers:
        child = (
            Unit.objects.filter(subtree_q(assignment.unit, field=""), is_active=True)
            .filter(depth=assignment.unit.depth + 1)
            .order_by("path")
            .first()
        )
        if child is not None:
            return assignment.unit, child, assignment.user
    return None


def _file(kind: str, raw: bytes) -> list[int]:
    """Receive and file at once (the demo needs the reports before it groups them)."""
    created = channel_receive(kind=kind, raw=raw).created
    reports = [message_file(message_id=pk) for pk in created]
    return [r.pk for r in reports if r is not None]


@demo_step("channels", "Kênh tiếp nhận: trang góp ý ẩn danh, một tin đồn qua hai kênh", order=30)
def channels_demo(ctx: DemoContext) -> dict[str, int]:
    places = _places(ctx.root)
    if places is None:
        return {}
    upper, grassroots, officer = places
    now = ctx.now()
    with transaction.atomic():
        tip_page, _ = ChannelEndpoint.objects.get_or_create(
            kind="tip",
            unit=grassroots,
            defaults={"code": grassroots.code.lower(), "replies": False},
        )
        ChannelEndpoint.objects.get_or_create(
            kind="zalo", unit=upper, address=DEMO_OA, code="", defaults={"replies": False}
        )
        report_ids: list[int] = []
        rng = ctx.rng("channels")
        for n, text in enumerate(TIPS):
            # Demo tipsters' codes are written in the progress line, for trying the look-up.
            raw_code = "".join(rng.choice(ALPHABET) for _ in range(16))
            code = "-".join(raw_code[i : i + 4] for i in range(0, 16, 4))
            raw = tip_payload(
                message_id=f"demo-tip-{n + 1}",
                receipt=receipt_hash(code),
                key=tip_page.code,
                text=text,
                sent_at=now - timedelta(hours=30 - 5 * n),
            )
            filed = _file("tip", raw)
            report_ids += filed
            message = ChannelMessage.objects.filter(kind="tip", message_id=f"demo-tip-{n + 1}")
            first = message.first()
            if filed and first is not None:
                TipReceipt.objects.get_or_create(
                    message=first, defaults={"code_hash": receipt_hash(code), "unit": grassroots}
                )
                if tip_enabled():
                    ctx.progress(f"Mã biên nhận mẫu của góp ý ẩn danh: {code}")
        if not tip_enabled():
            ctx.progress(
                "Trang góp ý ẩn danh đang tắt: chạy với DULUAN_CHANNELS=tip (make run đã bật) "
                "để nhận mã biên nhận mẫu và thử tra cứu."
            )
        for n, (sender, text) in enumerate(ZALO):
            at = now - timedelta(hours=26 - 4 * n)
            report_ids += _file("zalo", _zalo_event(sender, text, f"demo-zalo-{n + 1}", at))
        if len(report_ids) < 2:
            return {"tip_pages": 1}
        from duluan.intake.models import Report

        reports = list(Report.objects.filter(pk__in=report_ids).order_by("heard_at"))
        matter = matter_create_from_report(actor=officer, report=reports[0], title=MATTER_TITLE)
        for report in reports[1:]:
            matter_attach_report(actor=officer, matter=matter, report=report)
        matter_transition(actor=officer, matter=matter, to_state=State.SANG_LOC)
        matter_transition(actor=officer, matter=matter, to_state=State.XAC_MINH)
        verification_record(
            actor=officer,
            matter=matter,
            outcome=Outcome.RUMOUR,
            sources_checked="Làm việc với giám đốc nhân sự; xem kế hoạch sản xuất quý I.",
            rumour_claim="Công ty sắp giải thể, không trả lương tháng 12",
            rumour_where="Nhóm Zalo công nhân, các chuyền may",
            verified_facts="Công ty vẫn hoạt động bình thường, đã ký đơn hàng đến hết quý II; "
            "lương tháng 12 trả ngày 10/01 như mọi năm.",
        )
        matter_transition(
            actor=officer,
            matter=matter,
            to_state=State.GHI_NHAN,
            note="Tin đồn sai sự thật; cần đính chính tới người đã phản ánh.",
        )
    return {"tip_pages": 1, "channel_reports": len(report_ids), "rumour_matters": 1}


@demo_wipe_step("channels", "Xoá dữ liệu mẫu của các kênh")
def channels_wipe(root: Unit) -> None:
    """The demo's messages and endpoints (reports and matters go with the tree)."""
    ChannelMessage.objects.filter(subtree_q(root)).delete()
    ChannelEndpoint.objects.filter(subtree_q(root)).delete()
