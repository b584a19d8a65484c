"""``duluan demo``: compute the dashboard's aggregates for the demo reports.

Runs after the other apps' steps (the text analytics writes topics and
sentiment first), so the demo dashboard opens with every chart filled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from duluan.core.extensions import demo_step, demo_wipe_step
from duluan.org.scope import subtree_q

if TYPE_CHECKING:
    from duluan.org.demo_context import DemoContext

from .models import FactDay, FactMonth, SlimDay, SlimMonth
from .services import dashboard_rebuild


@demo_step("dashboard", "Tính số liệu bảng điều khiển", order=900)
def dashboard_demo(context: DemoContext) -> dict[str, int]:
    result = dashboard_rebuild()
    return {"day_rows": result.day_rows, "month_rows": result.month_rows}


@demo_wipe_step("dashboard", "Xoá số liệu bảng điều khiển")
def dashboard_demo_wipe(root: Any) -> None:
    for model in (FactDay, FactMonth, SlimDay, SlimMonth):
        model.objects.filter(subtree_q(root)).delete()
