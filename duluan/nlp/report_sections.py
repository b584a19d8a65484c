"""Sections the nlp app adds to every periodic synthesis (unit subtree × span)."""

from __future__ import annotations

from typing import Any

from duluan.core.extensions import Block, Cell, Figure, Span, Table, report_section
from duluan.core.sheets.cells import vn_int

from .selectors import issues_from_reports, sentiment_breakdown, subtree_reports, topic_breakdown

SENTIMENT_LABELS = {"tieu_cuc": "Tiêu cực", "trung_lap": "Trung lập", "tich_cuc": "Tích cực"}


def _reports(unit: Any, span: Span) -> Any:
    return subtree_reports(unit).filter(heard_at__gte=span.start, heard_at__lt=span.end)


# Not registered: the periodic report's own sections count topics and moods (with
# the dashboard's definition of a mood, analysed or else the reporter's), so this
# block would print a second topic table and a second "tiêu cực" number.
def topics_section(unit: Any, span: Span) -> Block | None:
    reports = _reports(unit, span)
    sentiments = sentiment_breakdown(reports)
    analysed = sum(sentiments.values())
    if not analysed:
        return None
    topics = topic_breakdown(reports)
    negative = sentiments.get("tieu_cuc", 0)
    return Block(
        key="nlp.topics",
        title="Chủ đề và thái độ của dư luận",
        figures=[
            Figure("nlp.analysed", "Phản ánh đã phân tích", analysed),
            Figure("nlp.negative", "Phản ánh tiêu cực", negative),
            Figure(
                "nlp.negative_share", "Tỷ lệ tiêu cực", round(100 * negative / analysed, 1), "%"
            ),
        ],
        paragraphs=[
            f"Trong kỳ có {vn_int(analysed)} phản ánh được phân tích tự động; "
            f"{vn_int(round(100 * negative / analysed))} % mang thái độ tiêu cực."
            + (
                f" Chủ đề nhiều nhất: {topics[0]['name']} ({vn_int(topics[0]['count'])})."
                if topics
                else ""
            )
        ],
        tables=[
            Table(
                title="Phản ánh theo chủ đề",
                columns=["Chủ đề", "Số phản ánh", "Tiêu cực", "Tỷ lệ (%)"],
                rows=[
                    [t["name"], t["count"], t["negative"], round(100 * t["share"], 1)]
                    for t in topics
                ],
            ),
            Table(
                title="Phản ánh theo thái độ",
                columns=["Thái độ", "Số phản ánh"],
                rows=[[label, sentiments.get(code, 0)] for code, label in SENTIMENT_LABELS.items()],
            ),
        ],
    )


@report_section("nlp.issues", "Vấn đề nổi lên", order=31)
def issues_section(unit: Any, span: Span) -> Block | None:
    issues = issues_from_reports(subtree_reports(unit), start=span.start, end=span.end, limit=5)
    if not issues:
        return None
    rows: list[list[Cell]] = []
    paragraphs = []
    for issue in issues:
        topic = issue.topics[0][0] if issue.topics else "Khác"
        rows.append([topic, issue.size, issue.units, ", ".join(issue.key_phrases[:4])])
        if issue.quotable and issue.summary:
            paragraphs.append(
                f"{topic} ({vn_int(issue.size)} phản ánh, {vn_int(issue.units)} đơn vị): {issue.summary}"
            )
    return Block(
        key="nlp.issues",
        title="Vấn đề nổi lên",
        figures=[Figure("nlp.issues", "Số nhóm vấn đề", len(issues))],
        paragraphs=paragraphs,
        tables=[
            Table(
                title="Các nhóm phản ánh giống nhau",
                columns=["Chủ đề", "Số phản ánh", "Số đơn vị", "Từ khóa"],
                rows=rows,
                note="Nhóm dưới 10 phản ánh chỉ nêu từ khóa, không trích dẫn.",
            )
        ],
    )
