"""The channels section of every periodic synthesis (issue #20, item 8): reports taken
through Zalo ("nắm bắt qua mạng xã hội"), e-mail, SMS and the anonymous tip page,
and the corrections sent back to those who reported."""

from __future__ import annotations

from duluan.core.extensions import Block, Figure, Span, Table, report_section
from duluan.core.sheets.cells import vn_int
from duluan.org.models import Unit

from .figures import ROWS, channel_figures

TITLE = "Tiếp nhận qua các kênh: mạng xã hội (Zalo), thư điện tử, tin nhắn, trang góp ý ẩn danh"


@report_section("channels", TITLE, order=45)
def channels_section(unit: Unit, span: Span) -> Block | None:
    figures = channel_figures(unit, span.start, span.end)
    if not figures.total and not figures.corrections_sent:
        return None
    zalo = figures.by_channel["zalo"]
    paragraphs = [
        f"Trong kỳ, các kênh tiếp nhận tự động đã chuyển {vn_int(figures.total)} phản ánh "
        f"tới các cấp công đoàn, trong đó {vn_int(zalo)} phản ánh nắm bắt qua mạng xã hội "
        f"(Zalo OA), {vn_int(figures.by_channel['email'])} qua thư điện tử, "
        f"{vn_int(figures.by_channel['sms'])} qua tin nhắn SMS và "
        f"{vn_int(figures.by_channel['tip'])} qua trang góp ý ẩn danh."
    ]
    if figures.corrections_sent:
        paragraphs.append(
            f"Đã gửi {vn_int(figures.corrections_sent)} lượt thông tin đính chính, định hướng "
            f"trở lại {vn_int(figures.corrections_people)} người đã phản ánh qua các kênh này."
        )
    return Block(
        key="channels",
        title=TITLE,
        figures=[
            Figure("channels.reports", "Phản ánh tiếp nhận qua các kênh", figures.total),
            *[
                Figure(f"channels.{code}", label, figures.by_channel[code])
                for _c, code, label in ROWS
            ],
            Figure("channels.corrections", "Lượt đính chính đã gửi", figures.corrections_sent),
        ],
        paragraphs=paragraphs,
        tables=[
            Table(
                "Phản ánh tiếp nhận theo kênh",
                ["Kênh", "Số phản ánh"],
                [[label, figures.by_channel[code]] for _c, code, label in ROWS],
            )
        ],
    )
