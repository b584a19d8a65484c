"""What every network page shares: the access check, filters, the list with its XLSX
export (the generic parts live in :mod:`duluan.core.pages`)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from duluan.core.pages import Listing, Row, attachment, form_errors, list_page, wants_export
from duluan.org.scope import has_perm

from ..forms import FilterForm
from ..permissions import MANAGE
from ..selectors.common import reaches_any, units_in_reach
from ..sheets import XLSX_TYPE, xlsx_bytes

__all__ = [
    "FilterForm",
    "Listing",
    "Row",
    "filters_from",
    "form_errors",
    "manage_actions",
    "needs",
    "render_listing",
    "unit_form_page",
    "vn_day",
]


def needs(perm: str | None) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Signed in, holding ``perm`` somewhere (else 404); domain errors become 404/403."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if perm is not None and not has_perm(request.user, perm):
                raise Http404("Không tìm thấy trang.")
            try:
                return view(request, *args, **kwargs)
            except NotFoundError as exc:
                raise Http404(exc.message) from exc
            except PermissionDeniedError as exc:
                return render(request, "network/denied.html", {"message": exc.message}, status=403)

        return wrapper

    return decorator


def filters_from(request: HttpRequest, form_class: type[FilterForm], perm: str) -> FilterForm:
    form = form_class(request.GET or None, actor=request.user, perm=perm)
    if request.GET.get("unit") and form.is_bound and not form.is_valid() and "unit" in form.errors:
        raise Http404("Không tìm thấy đơn vị hoặc đơn vị nằm ngoài phạm vi của bạn.")
    return form


def manage_actions(request: HttpRequest, actions: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A list's "record a new …" buttons, shown to those who manage some unit."""
    return actions if reaches_any(request.user, MANAGE) else []


def render_listing(
    request: HttpRequest, listing: Listing, *, extra: dict[str, Any] | None = None
) -> HttpResponse:
    if wants_export(request):
        rows = listing.export_rows()
        audit_record(
            actor=request.user,
            action=Action.EXPORT,
            object_type=listing.object_type or "network",
            request=request,
            note=f"{len(rows)} rows",
        )
        body = xlsx_bytes(listing.title, listing.headers, rows)
        return attachment(body, XLSX_TYPE, f"{listing.export_name}.xlsx")
    context = {
        "listing": listing,
        **list_page(request, listing.queryset, listing.row),
        **(extra or {}),
    }
    return render(request, "network/list.html", context)


def vn_day(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "tzinfo") and hasattr(value, "hour"):
        value = timezone.localtime(value)
    day: str = value.strftime("%d/%m/%Y")
    return day


def unit_form_page(
    request: HttpRequest,
    form_class: type[forms.Form],
    create: Callable[..., Any],
    *,
    title: str,
    back: str,
    done: Callable[[Any], HttpResponse],
    success: str = "",
    initial: dict[str, Any] | None = None,
) -> HttpResponse:
    """A "record a new …" page: the form offers the units the actor manages; a valid
    post calls ``create(actor=..., unit_id=..., **fields)``; refusals land on the form."""
    units = units_in_reach(request.user, MANAGE)
    form = form_class(request.POST or None, units=units, initial=initial)  # type: ignore[call-arg]
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        unit = fields.pop("unit")
        try:
            created = create(actor=request.user, unit_id=unit.pk, **fields)
        except ApplicationError as exc:
            form_errors(form, exc)
        else:
            if success:
                messages.success(request, success)
            return done(created)
    return render(request, "network/form.html", {"form": form, "title": title, "back": back})
