"""One number for one fact: the monthly document of a unit states the dashboard's
figures for the same unit and period (``GET /api/dashboard`` and the dashboard's
selectors), whether a report's mood comes from the text analytics or from the
person who heard it; and every figure of the document has a registered measure."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from typing import Any

import pytest
from django.test import Client
from docx import Document

from duluan.api.services import token_issue
from duluan.conftest import OrgTree
from duluan.core.periods import period_label
from duluan.dashboard.briefing import briefing_get
from duluan.dashboard.filters import filters_parse
from duluan.dashboard.selectors import dashboard_get
from duluan.dashboard.services import dashboard_rebuild
from duluan.dashboard.tests.helpers import add_reports
from duluan.org.choices import Role
from duluan.reporting.documents import document_input, fmt, render
from duluan.reporting.measures import measure_of
from duluan.reporting.periods import Period
from duluan.reporting.synthesis import synthesis_build

pytestmark = pytest.mark.django_db

PERIOD = "2025-10"  # a whole month in the past: nothing is cut to "today"
TODAY = date(2026, 12, 4)


@pytest.fixture
def month(org_tree: OrgTree) -> OrgTree:
    """Moods that disagree on purpose: the reporter said negative and the text
    analytics found neutral, and the other way round; some never analysed."""
    day = date(2025, 10, 14)
    add_reports(org_tree.cs_a1, 8, day, mood="tieu_cuc", sentiment="trung_lap", topics=["viec_lam"])
    add_reports(
        org_tree.cs_a1, 6, day, mood="trung_lap", sentiment="tieu_cuc", topics=["tien_luong"]
    )
    add_reports(org_tree.cs_a2, 7, day, mood="tieu_cuc")  # not analysed: the reporter's mood
    add_reports(org_tree.cs_b1, 5, day, mood="tich_cuc", kind="khen_ngoi", channel="email")
    add_reports(org_tree.cs_a2, 9, date(2025, 9, 20), mood="tieu_cuc")  # the month before
    add_reports(org_tree.cs_b1, 6, date(2024, 10, 3), mood="trung_lap")  # a year before
    dashboard_rebuild()
    return org_tree


def _document_rows(content: bytes) -> dict[str, list[str]]:
    """Every table row of the DOCX by its first cell."""
    rows: dict[str, list[str]] = {}
    for table in Document(BytesIO(content)).tables:
        for row in table.rows:
            cells = [cell.text.strip() for cell in row.cells]
            rows.setdefault(cells[0], cells[1:])
    return rows


def test_monthly_document_states_the_dashboards_figures(month: OrgTree, client: Client) -> None:
    analyst = month.user("province", Role.ANALYST)
    _, raw = token_issue(user=analyst, name="t")
    answer = client.get(
        "/api/dashboard",
        {"period": PERIOD, "unit": month.province.pk},
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert answer.status_code == 200, answer.content
    api: dict[str, Any] = {  # JSON numbers come back as floats: counts are whole
        f["code"]: int(f["value"]) if float(f["value"]).is_integer() else f["value"]
        for f in answer.json()["figures"]
    }
    board = dashboard_get(
        analyst, filters_parse({"period": PERIOD, "unit": str(month.province.pk)}, TODAY)
    )

    synthesis = synthesis_build(month.province, Period.parse(PERIOD))
    figures = synthesis.figures()
    assert api["reports_total"] == board.total == figures["reports_total"] == 26
    # 6 analysed negative + 7 negative by the reporter (not analysed); not the 8 the
    # reporter called negative that the analytics found neutral.
    assert api["reports_negative"] == board.negative == figures["reports_negative"] == 13
    assert figures["sentiment.tieu_cuc"] == figures["reports_negative"]
    assert figures["compare.previous.total"] == api["reports_previous"] == 9
    assert figures["compare.last_year.total"] == api["reports_last_year"] == 6
    assert figures["compare.previous.negative"] == 9
    for row in board.children:
        assert row.unit is not None
        assert figures[f"unit.{row.unit.code}"] == row.total
    negatives = {r[0]: r[2] for r in synthesis.block("unit").tables[0].rows}
    for row in board.children:
        assert row.unit is not None
        assert negatives[row.unit.display_name] == row.negative

    # The document says the same numbers: the overview list, the mood table, the units.
    content = render(document_input(synthesis), "docx")
    rows = _document_rows(content)
    assert rows["Tổng số phản ánh ghi nhận"][0] == fmt(api["reports_total"])
    assert rows["Phản ánh có tâm trạng tiêu cực"][0] == fmt(api["reports_negative"])
    assert rows["Tiêu cực"][0] == fmt(api["reports_negative"])
    for row in board.children:
        assert row.unit is not None
        assert rows[row.unit.display_name][:2] == [fmt(row.total), fmt(row.negative)]
    # Its annex defines each measure it shows, the negative reports as the dashboard counts them.
    annex = Document(BytesIO(content)).tables[-1]
    definitions = {row.cells[0].text: row.cells[1].text for row in annex.rows}
    negative = measure_of("reports_negative")
    assert negative is not None and definitions[negative.label] == negative.definition


def test_every_figure_of_a_synthesis_is_a_registered_measure(month: OrgTree) -> None:
    for period in (PERIOD, "2025-Q4", "2016..2025"):
        synthesis = synthesis_build(month.province, Period.parse(period))
        for block in synthesis.blocks:
            for figure in block.figures:
                measure = measure_of(figure.code)
                assert measure is not None, (block.key, figure.code)
                assert measure.definition.endswith("."), figure.code


def test_previous_period_is_the_previous_calendar_month_everywhere(
    org_tree: OrgTree, client: Client
) -> None:
    """November (30 days) against October (31 days): "kỳ trước" is all of October,
    the same in the dashboard, its API, the briefing and the monthly document;
    "cùng kỳ năm trước" is November of the year before."""
    add_reports(org_tree.cs_a1, 5, date(2025, 11, 12), mood="tieu_cuc")
    add_reports(org_tree.cs_a1, 4, date(2025, 10, 2), mood="tieu_cuc")
    add_reports(org_tree.cs_a2, 3, date(2025, 10, 31), mood="tieu_cuc")  # October's last day
    add_reports(org_tree.cs_b1, 2, date(2024, 11, 30), mood="trung_lap")  # November last year
    add_reports(org_tree.cs_b1, 6, date(2024, 12, 1), mood="trung_lap")  # not November
    dashboard_rebuild()
    analyst = org_tree.user("province", Role.ANALYST)
    unit = org_tree.province
    _, raw = token_issue(user=analyst, name="t")
    answer = client.get(
        "/api/dashboard",
        {"period": "2025-11", "unit": unit.pk},
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert answer.status_code == 200, answer.content
    api = {f["code"]: f for f in answer.json()["figures"]}
    filters = filters_parse({"period": "2025-11", "unit": str(unit.pk)}, TODAY)
    board = dashboard_get(analyst, filters, today=TODAY)
    brief = briefing_get(analyst, unit_id=unit.pk, period=filters.period, today=TODAY)
    figures = synthesis_build(unit, Period.parse("2025-11")).figures()

    assert figures["compare.previous.total"] == 7
    assert int(api["reports_previous"]["value"]) == board.previous == 7
    assert brief.headline("reports_total").previous == 7
    assert brief.headline("reports_negative").previous == figures["compare.previous.negative"]
    assert figures["compare.last_year.total"] == int(api["reports_last_year"]["value"]) == 2
    assert board.last_year == 2
    # A whole month is compared with the whole month before, and says so.
    assert api["reports_previous"]["label"] == "Kỳ trước"
    assert not brief.partial
    # One name for the period: the dashboard, the briefing and the document.
    assert filters.period.label == brief.period.label == period_label(Period.parse("2025-11"))
    assert period_label(Period.parse("2025-11")) == "tháng 11/2025"


def test_a_running_month_is_compared_with_as_many_days(org_tree: OrgTree) -> None:
    add_reports(org_tree.cs_a1, 3, date(2026, 11, 2), mood="tieu_cuc")
    add_reports(org_tree.cs_a1, 4, date(2026, 11, 4), mood="tieu_cuc")
    add_reports(org_tree.cs_a1, 5, date(2026, 11, 20), mood="tieu_cuc")  # past day 4 of November
    dashboard_rebuild()
    analyst = org_tree.user("province", Role.ANALYST)
    filters = filters_parse({"period": "2026-12", "unit": str(org_tree.province.pk)}, TODAY)
    board = dashboard_get(analyst, filters, today=TODAY)
    brief = briefing_get(analyst, unit_id=org_tree.province.pk, period=filters.period, today=TODAY)
    assert board.partial and brief.partial
    # 1-4 December (today: the 4th) against 1-4 November, not the whole of November.
    assert board.previous == brief.headline("reports_total").previous == 7
    assert filters.period.comparison(TODAY).previous_label == "Kỳ trước (cùng số ngày)"
