"""``duluan demo``: analyse the demo reports in bulk and look for spikes."""

from __future__ import annotations

from typing import Any

from duluan.core.extensions import demo_step, demo_wipe_step
from duluan.intake.models import Report
from duluan.org.models import Unit
from duluan.org.scope import subtree_q

from .models import SpikeAlert


@demo_step("nlp", "Phân tích văn bản các phản ánh mẫu", order=20)
def demo_analyse(ctx: Any) -> dict[str, int]:
    from .services.analysis import reports_analyse
    from .services.spikes import spikes_detect
    from .services.training import seed_version_ensure
    from .taxonomy import ensure_topics

    ensure_topics()
    seed_version_ensure()
    ids = list(
        Report.objects.filter(subtree_q(ctx.root)).order_by("pk").values_list("pk", flat=True)
    )
    done = [0]

    def progress(n: int) -> None:
        done[0] += n
        if done[0] % 5000 < n:
            ctx.progress(f"  đã phân tích {done[0]:,} phản ánh")

    analysed = reports_analyse(ids, progress=progress)
    spikes = spikes_detect(today=ctx.today)
    return {"analysed": analysed, "spikes": len(spikes)}


@demo_wipe_step("nlp", "Xóa cảnh báo tăng đột biến của dữ liệu mẫu")
def demo_wipe(root: Unit) -> None:
    SpikeAlert.objects.filter(subtree_q(root)).delete()
