"""Counter-messaging articles and declarations of personal pages."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from duluan.core.errors import ApplicationError
from duluan.jobs.files import job_enqueue_with_input

from ..choices import Platform
from ..forms import ArticleForm, ArticleImportForm, DeclarationForm
from ..jobs import IMPORT_ARTICLES
from ..models import Article, Declaration
from ..permissions import MANAGE, VIEW
from ..selectors.common import actor_units, reaches_any, top_unit, units_in_reach
from ..selectors.outreach import (
    article_list,
    declaration_list,
    my_declarations,
    own_units_completion,
)
from ..selectors.petitions import petition_list
from ..selectors.roster import coverage
from ..services.outreach import PageIn, article_create, declaration_submit, declarations_remind
from .common import (
    FilterForm,
    Listing,
    Row,
    filters_from,
    form_errors,
    manage_actions,
    needs,
    render_listing,
    unit_form_page,
    vn_day,
)


class ArticleFilters(FilterForm):
    platform = forms.ChoiceField(
        label="Nơi đăng", choices=[("", "Tất cả"), *Platform.choices], required=False
    )
    matter = forms.IntegerField(label="Trả lời vấn đề số", min_value=1, required=False)


@needs(VIEW)
def article_list_view(request: HttpRequest) -> HttpResponse:
    filters = filters_from(request, ArticleFilters, VIEW)
    articles = article_list(
        request.user,
        within=filters.value("unit"),
        year=filters.value("year"),
        matter_id=filters.value("matter"),
        platform=filters.value("platform"),
    )

    def row(a: Article) -> Row:
        return Row(
            [
                a.title,
                a.unit.display_name,
                vn_day(a.published_on),
                a.get_platform_display(),
                a.author_name,
                a.reach,
                a.interactions,
                "có" if a.counters_rumour else "",
                a.matter_id or "",
                a.url,
            ],
        )

    listing = Listing(
        title="Thông tin tích cực, bài viết phản bác",
        headers=[
            "Tiêu đề",
            "Đơn vị",
            "Ngày đăng",
            "Nơi đăng",
            "Người viết",
            "Tiếp cận",
            "Tương tác",
            "Phản bác tin đồn",
            "Vấn đề",
            "Liên kết",
        ],
        queryset=articles,
        row=row,
        filters=filters,
        actions=manage_actions(
            request,
            [
                ("Ghi bài viết", reverse("network:article_create")),
                ("Nhập tệp xuất của trang", reverse("network:article_import")),
            ],
        ),
        export_name="bai-viet",
        object_type="network_article",
    )
    return render_listing(request, listing)


@needs(MANAGE)
@require_http_methods(["GET", "POST"])
def article_create_view(request: HttpRequest) -> HttpResponse:
    return unit_form_page(
        request,
        ArticleForm,
        article_create,
        title="Ghi bài viết, bài đăng",
        back=reverse("network:article_list"),
        done=lambda _article: redirect("network:article_list"),
        success="Đã ghi bài viết.",
    )


@needs(MANAGE)
@require_http_methods(["GET", "POST"])
def article_import_view(request: HttpRequest) -> HttpResponse:
    units = units_in_reach(request.user, MANAGE)
    form = ArticleImportForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = job_enqueue_with_input(
            IMPORT_ARTICLES,
            {"unit_id": form.cleaned_data["unit"].pk, "platform": form.cleaned_data["platform"]},
            created_by=request.user,
            file_name=upload.name or "",
            content=upload.read(),
        )
        return redirect("jobs:job", pk=job.pk)
    intro = (
        "Tệp CSV xuất từ trang (Meta Business Suite, Zalo OA...) hoặc bảng tính có các cột: Tiêu đề (Post Message), "
        "Liên kết (Permalink), Ngày đăng (Publish time), Lượt tiếp cận (Reach), Lượt tương tác (Engagement). "
        "Bài đã có (cùng liên kết) được cập nhật số liệu."
    )
    return render(
        request,
        "network/form.html",
        {
            "form": form,
            "title": "Nhập số liệu bài đăng",
            "intro": intro,
            "multipart": True,
            "submit": "Nhập",
            "back": reverse("network:article_list"),
        },
    )


@needs(None)
@require_http_methods(["GET", "POST"])
def declaration_mine_view(request: HttpRequest) -> HttpResponse:
    units = actor_units(request.user)
    form = DeclarationForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        pages = [
            PageIn(
                platform=cd[f"platform_{i}"], address=cd[f"address_{i}"], purpose=cd[f"purpose_{i}"]
            )
            for i in (1, 2, 3)
            if cd[f"address_{i}"].strip() or cd[f"platform_{i}"]
        ]
        try:
            declaration_submit(
                actor=request.user, unit_id=cd["unit"], pages=pages, no_pages=cd["no_pages"]
            )
        except ApplicationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, "Đã ghi bản khai báo.")
            return redirect("network:declaration_mine")
    return render(
        request,
        "network/declaration_mine.html",
        {"form": form, "history": my_declarations(request.user), "has_units": bool(units)},
    )


@needs(MANAGE)
@require_http_methods(["GET", "POST"])
def declaration_list_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        try:
            sent = declarations_remind(
                actor=request.user, unit_id=int(request.POST.get("unit", "0"))
            )
        except (ApplicationError, ValueError) as exc:
            messages.error(request, getattr(exc, "message", "Đơn vị không hợp lệ."))
        else:
            messages.success(request, f"Đã nhắc {sent.notified} người chưa khai báo.")
        return redirect("network:declaration_list")
    units = own_units_completion(request.user)

    def row(d: Declaration) -> Row:
        pages = "; ".join(
            f"{p.get_platform_display()}: {p.address}" + (f" ({p.purpose})" if p.purpose else "")
            for p in d.pages.all()
        )
        return Row(
            [
                d.user.full_name or d.user.username,
                d.unit.display_name,
                vn_day(d.declared_at),
                pages or "không có trang nào",
            ]
        )

    listing = Listing(
        title="Khai báo trang thông tin cá nhân (QĐ 85-QĐ/TW)",
        headers=["Người khai báo", "Đơn vị", "Ngày khai", "Trang, tài khoản"],
        queryset=declaration_list(request.user),
        row=row,
        intro=(
            "Chỉ người khai báo và cán bộ của chính đơn vị được xem. Hệ thống chỉ lưu nội dung khai báo, "
            "không truy cập, theo dõi hay thu thập nội dung các trang đã khai."
        ),
        export_name="khai-bao-trang-ca-nhan",
        object_type="network_declaration",
    )
    return render_listing(
        request, listing, extra={"units_completion": units, "template_block": True}
    )


@needs(VIEW)
def home_view(request: HttpRequest) -> HttpResponse:
    unit = top_unit(request.user, VIEW)
    cov = coverage(unit, timezone.localdate()) if unit is not None else None
    return render(
        request,
        "network/home.html",
        {
            "unit": unit,
            "cov": cov,
            "manage": reaches_any(request.user, MANAGE),
            "overdue": petition_list(request.user, overdue=True).count(),
        },
    )
