"""Spreadsheet import pages (filled in by the import work)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse


@login_required
def import_view(request: HttpRequest) -> HttpResponse:
    raise Http404


@login_required
def template_view(request: HttpRequest, fmt: str) -> HttpResponse:
    raise Http404
