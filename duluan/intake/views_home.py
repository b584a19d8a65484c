"""A collaborator's or reporter's first screen: the report form one tap away and the
reports they sent lately (the home page for ``report.submit`` without more).

Registered in ``IntakeConfig.ready`` as a ``core.extensions.HomeEntry`` with a late
order, so officers, leaders and analysts land on their own first screens.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from duluan.org.choices import Perm
from duluan.org.scope import has_perm
from duluan.org.selectors import role_list

from .selectors import my_report_list

RECENT = 5


@login_required
@require_GET
def home_view(request: HttpRequest) -> HttpResponse:
    if not has_perm(request.user, Perm.REPORT_SUBMIT):
        raise Http404("Không tìm thấy trang.")
    reports = my_report_list(request.user)
    recent = list(reports[:RECENT])
    return render(
        request,
        "intake/home.html",
        {
            "recent": recent,
            "total": reports.count() if len(recent) == RECENT else len(recent),
            "roles": role_list(request.user),
        },
    )
