"""Sections of every periodic synthesis and multi-year review: the network,
training, briefings, dialogues and petitions, counter-messaging, declarations.

Each Block's figure codes are stable; ``tests/test_sections.py`` compares them
with database aggregates for a subtree and span."""

from __future__ import annotations

from datetime import timedelta

from duluan.core.extensions import Block, Figure, Span, Table, report_section
from duluan.org.models import Unit

from .choices import DialogueKind, PetitionState, Platform
from .selectors.figures import article_figures, briefing_figures, dialogue_figures, span_days
from .selectors.meetings import training_counts
from .selectors.outreach import subtree_completion
from .selectors.roster import coverage, roster_on


def vn(number: float) -> str:
    return f"{number:,.0f}".replace(",", ".")


@report_section("network.coverage", "Mạng lưới cộng tác viên, báo cáo viên", order=60)
def network_section(unit: Unit, span: Span) -> Block | None:
    start, end = span_days(span)
    last_day = end - timedelta(days=1)
    cov = coverage(unit, last_day)
    before = {
        s.member_id for s in roster_on(unit, start - timedelta(days=1)) if s.status == "hoat_dong"
    }
    after = {s.member_id for s in roster_on(unit, last_day) if s.status == "hoat_dong"}
    if not cov.collaborators and not cov.reporters and not before:
        return None
    return Block(
        key="network.coverage",
        title="Mạng lưới cộng tác viên, báo cáo viên",
        figures=[
            Figure(
                "network.collaborators",
                "Cộng tác viên DLXH đang hoạt động",
                cov.collaborators,
                "người",
            ),
            Figure("network.reporters", "Báo cáo viên đang hoạt động", cov.reporters, "người"),
            Figure("network.units", "Đơn vị trong phạm vi", cov.units, "đơn vị"),
            Figure(
                "network.units_with_team",
                "Đơn vị có tổ cộng tác viên",
                cov.units_with_team,
                "đơn vị",
            ),
            Figure(
                "network.units_with_media",
                "Đơn vị có nhóm truyền thông",
                cov.units_with_media,
                "đơn vị",
            ),
            Figure("network.per_1000", "Cộng tác viên trên 1.000 đoàn viên", cov.per_1000),
            Figure("network.joined", "Người mới tham gia trong kỳ", len(after - before), "người"),
            Figure("network.left", "Người thôi, tạm dừng trong kỳ", len(before - after), "người"),
        ],
        paragraphs=[
            f"Đến ngày {last_day:%d/%m/%Y}, mạng lưới có {vn(cov.collaborators)} cộng tác viên "
            f"DLXH và {vn(cov.reporters)} báo cáo viên; {vn(cov.units_with_team)}/{vn(cov.units)} đơn vị có "
            f"tổ cộng tác viên; {vn(cov.units_with_media)}/{vn(cov.units)} đơn vị có nhóm truyền thông.",
        ],
        tables=[
            Table(
                "Độ bao phủ theo cấp",
                ["Cấp", "Số đơn vị", "Có tổ cộng tác viên", "Có nhóm truyền thông"],
                [[row.level, row.units, row.with_team, row.with_media] for row in cov.levels],
            )
        ],
    )


@report_section("network.training", "Tập huấn, bồi dưỡng nghiệp vụ", order=61)
def training_section(unit: Unit, span: Span) -> Block | None:
    start, end = span_days(span)
    counts = training_counts(unit, start, end)
    if not counts.classes:
        return None
    return Block(
        key="network.training",
        title="Tập huấn, bồi dưỡng nghiệp vụ",
        figures=[
            Figure("training.classes", "Lớp tập huấn", counts.classes, "lớp"),
            Figure("training.attendances", "Lượt người tham dự", counts.attendances, "lượt người"),
            Figure("training.people", "Người tham dự (không tính trùng)", counts.people, "người"),
        ],
        paragraphs=[
            f"Tổ chức {vn(counts.classes)} lớp, {vn(counts.attendances)} lượt người tham dự "
            f"({vn(counts.people)} người, không tính trùng). Có mặt tính theo điểm danh."
        ],
    )


@report_section("network.briefings", "Giao ban, hội nghị báo cáo viên", order=62)
def briefing_section(unit: Unit, span: Span) -> Block | None:
    figures = briefing_figures(unit, span)
    if not figures.count:
        return None
    return Block(
        key="network.briefings",
        title="Giao ban, hội nghị báo cáo viên",
        figures=[
            Figure("briefings.count", "Cuộc giao ban, hội nghị", figures.count, "cuộc"),
            Figure("briefings.attendances", "Lượt người dự", figures.attendances, "lượt người"),
            Figure(
                "briefings.opinions", "Ý kiến thu nhận tại giao ban", figures.opinions, "ý kiến"
            ),
        ],
        paragraphs=[
            f"Tổ chức {vn(figures.count)} cuộc giao ban, {vn(figures.attendances)} lượt người dự; "
            f"thu nhận {vn(figures.opinions)} ý kiến, tâm tư."
        ],
    )


@report_section("network.dialogues", "Đối thoại, hội nghị và kiến nghị", order=63)
def dialogue_section(unit: Unit, span: Span) -> Block | None:
    fig = dialogue_figures(unit, span)
    if not fig.count:
        return None
    states = fig.by_state
    return Block(
        key="network.dialogues",
        title="Đối thoại, hội nghị và kiến nghị",
        figures=[
            Figure("dialogues.count", "Cuộc đối thoại, hội nghị", fig.count, "cuộc"),
            Figure("dialogues.participants", "Lượt người tham dự", fig.participants, "lượt người"),
            Figure("petitions.total", "Kiến nghị được nêu", fig.petitions, "kiến nghị"),
            Figure(
                "petitions.resolved", "Đã giải quyết", states[PetitionState.RESOLVED], "kiến nghị"
            ),
            Figure(
                "petitions.in_progress",
                "Đang giải quyết",
                states[PetitionState.IN_PROGRESS],
                "kiến nghị",
            ),
            Figure("petitions.open", "Chưa giải quyết", states[PetitionState.OPEN], "kiến nghị"),
            Figure(
                "petitions.refused",
                "Không giải quyết được",
                states[PetitionState.REFUSED],
                "kiến nghị",
            ),
            Figure("petitions.overdue", "Quá hạn trả lời", fig.overdue, "kiến nghị"),
        ],
        paragraphs=[
            f"Tổ chức {vn(fig.count)} cuộc đối thoại, hội nghị với {vn(fig.participants)} lượt người; "
            f"{vn(fig.petitions)} kiến nghị, đã giải quyết {vn(states[PetitionState.RESOLVED])}."
        ],
        tables=[
            Table(
                "Theo hình thức",
                ["Hình thức", "Số cuộc"],
                [[str(kind.label), fig.by_kind.get(kind.value, 0)] for kind in DialogueKind],
            ),
            Table(
                "Kiến nghị theo tình trạng",
                ["Tình trạng", "Số kiến nghị"],
                [[str(state.label), states[state.value]] for state in PetitionState],
            ),
        ],
    )


@report_section("network.articles", "Thông tin tích cực, đấu tranh phản bác", order=64)
def article_section(unit: Unit, span: Span) -> Block | None:
    fig = article_figures(unit, span)
    if not fig.count:
        return None
    return Block(
        key="network.articles",
        title="Thông tin tích cực, đấu tranh phản bác",
        figures=[
            Figure("articles.count", "Bài viết, bài đăng", fig.count, "bài"),
            Figure("articles.reach", "Lượt tiếp cận", fig.reach, "lượt"),
            Figure("articles.interactions", "Lượt tương tác", fig.interactions, "lượt"),
            Figure(
                "articles.counter_rumour",
                "Bài phản bác tin đồn, thông tin sai",
                fig.counter_rumour,
                "bài",
            ),
            Figure(
                "articles.answering_matters",
                "Bài trả lời vấn đề DLXH",
                fig.answering_matters,
                "bài",
            ),
        ],
        paragraphs=[
            f"Đăng, chia sẻ {vn(fig.count)} bài, {vn(fig.reach)} lượt tiếp cận, "
            f"{vn(fig.interactions)} lượt tương tác; {vn(fig.counter_rumour)} bài phản bác tin đồn."
        ],
        tables=[
            Table(
                "Theo nơi đăng",
                ["Nơi đăng", "Số bài"],
                [
                    [str(p.label), fig.by_platform[p.value]]
                    for p in Platform
                    if fig.by_platform.get(p.value)
                ],
            )
        ],
    )


@report_section("network.declarations", "Khai báo trang thông tin cá nhân (QĐ 85-QĐ/TW)", order=65)
def declaration_section(unit: Unit, span: Span) -> Block | None:
    done = subtree_completion(unit, at=span.end)
    if not done.declared:
        return None
    return Block(
        key="network.declarations",
        title="Khai báo trang thông tin cá nhân (QĐ 85-QĐ/TW)",
        figures=[
            Figure("declarations.required", "Người phải khai báo", done.required, "người"),
            Figure("declarations.declared", "Đã khai báo", done.declared, "người"),
        ],
        paragraphs=[f"{vn(done.declared)}/{vn(done.required)} đã khai báo."],
    )
