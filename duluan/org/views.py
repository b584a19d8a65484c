"""Pages: home, the unit tree browser."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.module_loading import import_string

from duluan.core.extensions import HOME, HomeEntry

from .choices import Perm
from .scope import has_perm, unit_in_scope
from .selectors import role_list, unit_children, unit_get, unit_list, unit_roots
from .types import Actor


def home_entry_for(user: Actor, entries: Iterable[HomeEntry] | None = None) -> HomeEntry | None:
    """The first screen registered for the account: the lowest ``order`` among the
    entries (``core.extensions.HOME``) whose permission it holds; none when it holds
    none of them (an account without a role)."""
    for entry in HOME if entries is None else sorted(entries, key=lambda e: (e.order, e.view)):
        if has_perm(user, entry.perm) and not (entry.unless and has_perm(user, entry.unless)):
            return entry
    return None


@login_required
def home(request: HttpRequest) -> HttpResponse:
    # Each role's first screen answers "what do I do now", registered by the app
    # that owns it (``core.extensions.HOME``): a leader's briefing, an officer's
    # inbox by step, a collaborator's report form and recent reports. Accounts
    # without a role see what they hold and whom to ask.
    entry = home_entry_for(request.user) if request.method == "GET" else None
    if entry is not None:
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
