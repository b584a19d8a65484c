"""What every network page shares: access checks, the filtered list with XLSX export."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from duluan.core.sheets.cells import Cell
from duluan.intake.forms import UnitChoiceField
from duluan.org.models import Unit
from duluan.org.scope import has_perm, scoped_units

from ..access import MANAGE
from ..sheets import XLSX_TYPE, xlsx_bytes

PAGE_SIZE = 50


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


def form_errors(form: forms.Form, exc: ApplicationError) -> None:
    errors = dict(exc.extra.get("errors", {}) or {})  # type: ignore[call-overload]
    for name, texts in errors.items():
        for message in texts:
            form.add_error(name if name in form.fields else None, message)
    if not errors:
        form.add_error(None, exc.message)


class FilterForm(forms.Form):
    """Unit (with its subtree) and year; pages add their own fields."""

    unit = UnitChoiceField(
        queryset=Unit.objects.none(),
        label="Đơn vị",
        required=False,
        empty_label="Tất cả trong phạm vi",
    )
    year = forms.IntegerField(label="Năm", min_value=1990, max_value=2100, required=False)

    def __init__(self, data: Any, *, actor: Any, perm: str, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        units = scoped_units(actor, perm).filter(is_active=True).order_by("path")
        field = self.fields["unit"]
        field.queryset = units  # type: ignore[attr-defined]
        first = units.order_by("depth").first()
        field.top_depth = first.depth if first else 1  # type: ignore[attr-defined]

    def value(self, name: str) -> Any:
        return self.cleaned_data.get(name) if self.is_valid() else None


def filters_from(request: HttpRequest, form_class: type[FilterForm], perm: str) -> FilterForm:
    form = form_class(request.GET or None, actor=request.user, perm=perm)
    if request.GET.get("unit") and form.is_bound and not form.is_valid() and "unit" in form.errors:
        raise Http404("Không tìm thấy đơn vị hoặc đơn vị nằm ngoài phạm vi của bạn.")
    return form


@dataclass
class Row:
    cells: list[Cell]
    url: str = ""
    anchor: str = ""


@dataclass
class Listing:
    title: str
    headers: list[str]
    queryset: Any
    row: Callable[[Any], Row]
    filters: forms.Form | None = None
    actions: list[tuple[str, str]] = field(default_factory=list)
    intro: str = ""
    export_name: str = "danh-sach"
    object_type: str = "network"


def render_listing(
    request: HttpRequest, listing: Listing, *, extra: dict[str, Any] | None = None
) -> HttpResponse:
    if request.GET.get("xuat") == "xlsx":
        rows = [listing.row(obj).cells for obj in listing.queryset]
        audit_record(
            actor=request.user,
            action=Action.EXPORT,
            object_type=listing.object_type,
            request=request,
            note=f"{len(rows)} rows",
        )
        response = HttpResponse(
            xlsx_bytes(listing.title, listing.headers, rows), content_type=XLSX_TYPE
        )
        stamp = timezone.localdate().strftime("%Y%m%d")
        response["Content-Disposition"] = (
            f'attachment; filename="{listing.export_name}-{stamp}.xlsx"'
        )
        return response
    page = Paginator(listing.queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("xuat", None)
    export = query.copy()
    export["xuat"] = "xlsx"
    context = {
        "listing": listing,
        "page": page,
        "rows": [listing.row(obj) for obj in page.object_list],
        "query": query.urlencode(),
        "export_query": export.urlencode(),
        **(extra or {}),
    }
    return render(request, "network/list.html", context)


def vn_day(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "tzinfo") and hasattr(value, "hour"):
        value = timezone.localtime(value)
    return value.strftime("%d/%m/%Y")


def labels(items: Iterable[Any], attr: str) -> Sequence[str]:
    return [getattr(item, attr) for item in items]


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
    units = scoped_units(request.user, MANAGE).filter(is_active=True).order_by("path")
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
