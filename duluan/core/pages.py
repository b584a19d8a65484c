"""What list and form pages share, whatever the app.

* :class:`Listing` and :class:`Row`: a list page described once (title, columns, rows,
  filters, actions) so the same description renders the HTML page and the spreadsheet;
* :func:`list_page`: one page of any list, with the query string kept for the pager
  and for the spreadsheet download link;
* :func:`form_errors`: a domain refusal (:class:`ApplicationError`) shown on the form,
  field by field when the error names fields;
* :func:`attachment`: a file download with a dated name.

Nothing here knows units or permissions: the rows come already scoped from a selector.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from .errors import ApplicationError
from .sheets.cells import Cell

PAGE_SIZE = 50
EXPORT_PARAM = "xuat"


@dataclass
class Row:
    """One row of a list: its cells (as exported) and where it links."""

    cells: list[Cell]
    url: str = ""
    anchor: str = ""


@dataclass
class Listing:
    """A list page: ``row`` turns each item of ``queryset`` (a queryset or a list) into a
    :class:`Row`; ``object_type`` names the rows in the audit log of an export."""

    title: str
    headers: list[str]
    queryset: Any
    row: Callable[[Any], Row]
    filters: forms.Form | None = None
    actions: list[tuple[str, str]] = field(default_factory=list)
    intro: str = ""
    export_name: str = "danh-sach"
    object_type: str = ""

    def export_rows(self) -> list[list[Cell]]:
        return [self.row(item).cells for item in self.queryset]


def wants_export(request: HttpRequest, kind: str = "xlsx") -> bool:
    return request.GET.get(EXPORT_PARAM) == kind


def list_page(
    request: HttpRequest, items: Any, row: Callable[[Any], Row], *, size: int = PAGE_SIZE
) -> dict[str, Any]:
    """The context of one page of ``items``: ``page``, its ``rows``, and the query string
    without the page number (``query``) and with the export switch (``export_query``)."""
    page = Paginator(items, size).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop(EXPORT_PARAM, None)
    export = query.copy()
    export[EXPORT_PARAM] = "xlsx"
    return {
        "page": page,
        "rows": [row(item) for item in page.object_list],
        "query": query.urlencode(),
        "export_query": export.urlencode(),
    }


def form_errors(form: forms.Form, exc: ApplicationError) -> None:
    """Put a service's refusal on the form: on each field it names, else on the form."""
    errors = dict(exc.extra.get("errors", {}) or {})  # type: ignore[call-overload]
    for name, texts in errors.items():
        for message in texts:
            form.add_error(name if name in form.fields else None, message)
    if not errors:
        form.add_error(None, exc.message)


def attachment(body: bytes, content_type: str, name: str, *, dated: bool = True) -> HttpResponse:
    """``body`` as a download named ``name-YYYYMMDD.ext`` (today, local time) or ``name``."""
    response = HttpResponse(body, content_type=content_type)
    if dated:
        stem, _, ext = name.rpartition(".")
        name = f"{stem}-{timezone.localdate():%Y%m%d}.{ext}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
