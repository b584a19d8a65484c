"""Pages: home, the unit tree browser."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.module_loading import import_string

from duluan.core.extensions import HOME

from .choices import Perm
from .scope import has_perm, unit_in_scope
from .selectors import role_list, unit_children, unit_get, unit_list, unit_roots


@login_required
def home(request: HttpRequest) -> HttpResponse:
    # Whoever may read reports lands on the leader's dashboard (registered by the
    # dashboard app: ``core.extensions.HOME``); the others (collaborators,
    # reporters) on their roles and the common actions.
    for entry in HOME if request.method == "GET" else ():
        if has_perm(request.user, entry.perm):
            view: Callable[[HttpRequest], HttpResponse] = import_string(entry.view)
            return view(request)
    return render(
        request,
        "org/home.html",
        {
            "roles": role_list(request.user),
            "can_view_reports": has_perm(request.user, Perm.REPORT_VIEW),
            "can_import": has_perm(request.user, Perm.REPORT_IMPORT),
        },
    )


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()[:100]
    results = unit_list(request.user, search=search)[:200] if search else None
    return render(
        request,
        "org/tree.html",
        {"roots": unit_roots(request.user), "search": search, "results": results},
    )


@login_required
def tree_children(request: HttpRequest, pk: int) -> HttpResponse:
    children = unit_children(request.user, pk)
    return render(request, "org/_children.html", {"units": children})


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = unit_get(request.user, pk)
    children = unit_children(request.user, pk)
    ancestors = [a for a in unit.get_ancestors() if unit_in_scope(request.user, Perm.UNIT_VIEW, a)]
    return render(
        request,
        "org/unit_detail.html",
        {"unit": unit, "children": children, "ancestors": ancestors},
    )
