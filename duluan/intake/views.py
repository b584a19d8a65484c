"""Report pages: thin views over services and selectors."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.views.decorators.http import require_GET, require_http_methods

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.core.errors import ApplicationError
from duluan.org.choices import Perm
from duluan.org.scope import has_perm, unit_in_scope
from duluan.org.selectors import unit_get, unit_submit_choices

from .attachments import UploadedFile
from .forms import ReportFilterForm, ReportForm
from .models import ReportAttachment
from .selectors import (
    LIST_COUNT_CAP,
    SEARCH_COUNT_CAP,
    ReportFilters,
    my_report_list,
    report_count_capped,
    report_get,
    report_identity,
    report_list,
    report_panel,
    report_panels,
    report_text_for,
)
from .services import ReportData, report_create

PAGE_SIZE = 25


class CappedPaginator(Paginator):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    """Counts at most ``cap`` rows: a free-text search over a million reports
    should not read them all to say "more than 10.000"."""

    cap = SEARCH_COUNT_CAP

    @cached_property
    def count(self) -> int:
        return report_count_capped(self.object_list, self.cap)  # type: ignore[arg-type]

    @property
    def count_capped(self) -> bool:
        return self.count > self.cap


class ListPaginator(CappedPaginator):
    """The unsearched list counts up to 100,000: exact for a grassroots or upper
    union, "more than 100.000" for a province of millions, where an exact count
    would read every index entry (about a second at ten million, docs/scale.md)."""

    cap = LIST_COUNT_CAP


def _page(
    request: HttpRequest, queryset: Any, *, paginator: type[Paginator[Any]] = Paginator
) -> Any:
    return paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


@login_required
@require_http_methods(["GET", "POST"])
def report_create_view(request: HttpRequest) -> HttpResponse:
    units = unit_submit_choices(request.user).select_related("level")
    if not units.exists():
        messages.error(
            request, "Tài khoản chưa được giao vai trò ở đơn vị nào nên chưa gửi được phản ánh."
        )
        return redirect("home")
    form = ReportForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        data = ReportData(
            unit_id=cd["unit"].pk,
            channel=cd["channel"],
            heard_at=cd["heard_at"],
            place=cd["place"],
            subject=cd["subject"],
            text=cd["text"],
            people_count=cd["people_count"],
            kind=cd["kind"],
            mood=cd["mood"],
            urgency=cd["urgency"],
            verifiability=cd["verifiability"],
            anonymous=cd["anonymous"],
            reporter_contact=cd["reporter_contact"],
            attachments=[UploadedFile(name=f.name, content=f.read()) for f in cd["attachments"]],
        )
        try:
            report = report_create(actor=request.user, data=data)
        except ApplicationError as exc:
            for field, errors in dict(exc.extra.get("errors", {})).items():  # type: ignore[call-overload]
                target = field if field in form.fields else None
                for error in errors:
                    form.add_error(target, error)
            if not exc.extra.get("errors"):
                form.add_error(None, exc.message)
        else:
            messages.success(request, f"Đã gửi phản ánh «{report.subject}». Cảm ơn bạn!")
            return redirect("intake:my_reports")
    return render(request, "intake/report_form.html", {"form": form})


@login_required
@require_GET
def my_reports_view(request: HttpRequest) -> HttpResponse:
    page = _page(request, my_report_list(request.user))
    return render(request, "intake/my_reports.html", {"page": page})


@login_required
@require_GET
def report_list_view(request: HttpRequest) -> HttpResponse:
    if not has_perm(request.user, Perm.REPORT_VIEW):
        raise Http404("Không tìm thấy trang.")
    form = ReportFilterForm(request.GET or None)
    filters = ReportFilters()
    scope_unit = None
    if form.is_valid():
        cd = form.cleaned_data
        filters = ReportFilters.from_values(cd)
        if cd["unit"]:
            scope_unit = unit_get(request.user, cd["unit"])
    reports = report_list(request.user, filters)
    page = _page(request, reports, paginator=CappedPaginator if filters.q else ListPaginator)
    for report in page.object_list:
        # Display only, never saved: personal data masked for other units' eyes.
        report.subject, report.text = report_text_for(request.user, report)
    audit_record(
        actor=request.user,
        action=Action.REPORT_LIST,
        object_type="report",
        object_ids=[r.pk for r in page.object_list],
        request=request,
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "scope_unit": scope_unit, "query": query.urlencode()}
    # A history restore needs the whole page, not the rows.
    partial = request.headers.get("HX-Request") and not request.headers.get(
        "HX-History-Restore-Request"
    )
    template = "intake/_report_rows.html" if partial else "intake/report_list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_GET
def report_panel_view(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    """A lazy panel of the report page (related reports, a matter to join), as a fragment."""
    block = report_panel(request.user, pk, key)
    if block is None:
        return HttpResponse("")  # nothing to say: the placeholder goes away
    return render(request, "core/_block.html", {"block": block})


@login_required
@require_GET
def report_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_get(request.user, pk)
    is_mine = my_report_list(request.user).filter(pk=report.pk).exists()
    if not is_mine:
        report.subject, report.text = report_text_for(request.user, report)
    identity = report_identity(request.user, report)
    audit_record(
        actor=request.user,
        action=Action.IDENTITY_VIEW if identity else Action.REPORT_VIEW,
        object_type="report",
        object_ids=[report.pk],
        unit_id=report.unit_id,
        request=request,
    )
    try:  # the matter this report is grouped under (the cases app's reverse relation)
        matter_link = getattr(report, "matter_link", None)
    except ObjectDoesNotExist:
        matter_link = None
    return render(
        request,
        "intake/report_detail.html",
        {
            "report": report,
            "identity": identity,
            "attachments": report.attachments.all(),
            "matter_link": matter_link,
            "can_open_matter": unit_in_scope(request.user, Perm.MATTER_HANDLE, report.unit),
            "panels": report_panels(request.user, report),
        },
    )


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = ReportAttachment.objects.filter(pk=pk).only("report_id").first()
    if attachment is None:
        raise Http404("Không tìm thấy tệp.")
    report_get(request.user, attachment.report_id)
    attachment = ReportAttachment.objects.get(pk=pk)
    audit_record(
        actor=request.user,
        action=Action.ATTACHMENT_DOWNLOAD,
        object_type="attachment",
        object_ids=[attachment.pk],
        request=request,
    )
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
