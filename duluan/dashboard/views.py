"""Dashboard pages: parse the filters, call the selector, render."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from duluan.core.errors import ApplicationError, NotFoundError
from duluan.core.suppression import min_cell
from duluan.intake.choices import Channel, Kind
from duluan.org.scope import has_perm

from .briefing import briefing_for
from .exports import tables_csv, tables_xlsx
from .filters import SENTIMENTS, Filters, Period, filters_parse, period_parse
from .presenters import Dashboard
from .selectors import PERM, dashboard_get, dashboard_panels_get


def _board(
    request: HttpRequest, *, panels: bool = False
) -> tuple[Dashboard | None, Filters | None, str]:
    """The dashboard, or an error message for filters that do not parse."""
    if not has_perm(request.user, PERM):
        raise Http404("Không tìm thấy trang.")
    try:
        filters = filters_parse(request.GET)
    except ApplicationError as exc:
        return None, None, exc.message
    return dashboard_get(request.user, filters, panels=panels), filters, ""


RUNNING = " (đang diễn ra, chưa đủ {})"


def _period_choices(today: date, current: Period) -> list[tuple[str, str]]:
    """Complete periods first (the default is last month); the running ones say so."""
    months = []
    start = today.replace(day=1)
    period = period_parse(f"{start:%Y-%m}", today)
    running = period
    period = period.previous()
    for _ in range(24):
        months.append((period.code, period.title))
        period = period.previous()
    months.insert(1, (running.code, running.title + RUNNING.format("tháng")))
    quarter = period_parse(f"{today.year}-Q{(today.month - 1) // 3 + 1}", today)
    quarters = [(quarter.code, quarter.title + RUNNING.format("quý"))]
    for _ in range(8):
        quarter = quarter.previous()
        quarters.append((quarter.code, quarter.title))
    years = [(str(today.year), f"Năm {today.year}" + RUNNING.format("năm"))] + [
        (str(y), f"Năm {y}") for y in range(today.year - 1, today.year - 4, -1)
    ]
    choices = months + quarters + years
    if current.code not in {code for code, _ in choices}:
        choices.insert(0, (current.code, current.title))
    return choices


def chart_payload(board: Dashboard) -> dict[str, Any]:
    return {
        chart.key: {"title": chart.title, "labels": chart.labels, "datasets": chart.datasets}
        for chart in board.charts
    }


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    board, filters, error = _board(request)
    today = timezone.localdate()
    current = filters.period if filters else period_parse("", today)
    context = {
        "board": board,
        "filters": filters,
        "error": error,
        "period_choices": _period_choices(today, current),
        "channels": Channel.choices,
        "kinds": Kind.choices,
        "sentiments": SENTIMENTS,
        "charts_json": chart_payload(board) if board else {},
        "min_cell": min_cell(),
        **(_links(board, filters) if board and filters else {}),
    }
    status = 200 if board else 422
    return render(request, "dashboard/index.html", context, status=status)


def _links(board: Dashboard, filters: Filters) -> dict[str, Any]:
    """Each drill-down and export query written once, with one ``unit=``."""
    return {
        "here": filters.query(unit=board.unit.pk),
        "crumb_links": [(u, filters.query(unit=u.pk)) for u in board.crumbs],
        "child_links": [
            (row, filters.query(unit=row.unit.pk) if row.unit else "") for row in board.children
        ],
        "briefing_query": urlencode({"unit": board.unit.pk, "period": filters.period.code}),
    }


@login_required
@require_GET
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    board, filters, error = _board(request)
    if board is None or filters is None:
        return HttpResponse(error, status=422, content_type="text/plain; charset=utf-8")
    stem = f"bang-dieu-khien-{board.unit.code}-{filters.period.code}"
    if fmt == "csv":
        response = HttpResponse(tables_csv(board.tables), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            tables_xlsx(board.tables),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


@login_required
@require_GET
def panels(request: HttpRequest) -> HttpResponse:
    """The other apps' panels, loaded by the page after its own figures (HTMX)."""
    if not has_perm(request.user, PERM):
        raise Http404("Không tìm thấy trang.")
    try:
        filters = filters_parse(request.GET)
        found = dashboard_panels_get(request.user, filters)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc
    except ApplicationError as exc:
        return HttpResponse(exc.message, status=422, content_type="text/plain; charset=utf-8")
    template = (
        "dashboard/_panels.html" if request.headers.get("HX-Request") else "dashboard/panels.html"
    )
    context = {
        "blocks": found.blocks,
        "unit": found.unit,
        "computed_at": found.computed_at,
        "cache_seconds": settings.DASHBOARD_PANELS_CACHE_SECONDS,
        "here": filters.query(unit=found.unit.pk),
    }
    return render(request, template, context)


@login_required
@require_GET
def briefing(request: HttpRequest) -> HttpResponse:
    """The leader's briefing (the signed-in home of leaders and analysts)."""
    if not has_perm(request.user, PERM):
        raise Http404("Không tìm thấy trang.")
    try:
        brief = briefing_for(request.user, request.GET.dict())
    except NotFoundError as exc:
        raise Http404(exc.message) from exc
    except ApplicationError as exc:
        return HttpResponse(exc.message, status=422, content_type="text/plain; charset=utf-8")
    return render(request, "dashboard/briefing.html", {"brief": brief, "min_cell": min_cell()})
