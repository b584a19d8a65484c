"""The officer's first screen (the home page for ``matter.handle``): what do I do now.

Registered in ``CasesConfig.ready`` as a ``core.extensions.HomeEntry``; the home
page (``org.views.home``) calls it for an account whose first applicable entry
it is, so it has no address of its own.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from duluan.org.choices import Perm
from duluan.org.scope import has_perm

from .waiting import PER_STEP, officer_day


@login_required
@require_GET
def home_view(request: HttpRequest) -> HttpResponse:
    if not has_perm(request.user, Perm.MATTER_HANDLE):
        raise Http404("Không tìm thấy trang.")
    day = officer_day(request.user)
    return render(request, "cases/home.html", {"day": day, "per_step": PER_STEP})
