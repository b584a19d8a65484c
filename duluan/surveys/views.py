"""Staff pages of the surveys app: list, import, detail, results, exports, polls."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from duluan.core.dates import event_date_error
from duluan.core.errors import ApplicationError, NotFoundError, ValidationFailed
from duluan.org.choices import Perm
from duluan.org.models import Unit
from duluan.org.scope import has_perm, in_subtree, scoped_units, subtree_q, unit_in_scope

from . import exports, qr, repeats, results, selectors, services, stats, webform, xlsform
from .models import Survey


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _when(value: str) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise ValidationFailed("Thời điểm không hợp lệ.") from exc
    moment = timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed
    message = event_date_error(moment)  # opening and closing times may lie ahead
    if message:
        raise ValidationFailed(message)
    return moment


def _site(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@login_required
@require_GET
def survey_list_view(request: HttpRequest) -> HttpResponse:
    rows = selectors.survey_list(request.user)
    return render(
        request,
        "surveys/list.html",
        {
            "surveys": rows[:200],
            "can_manage": has_perm(request.user, Perm.SURVEY_MANAGE),
            "polls": selectors.polls_for(request.user)[:20],
        },
    )


PENDING = "surveys_import_pending"
PENDING_MAX = 2 * 1024 * 1024  # what the "import without" button may keep in the session


def _pending_save(request: HttpRequest, content: bytes, media: dict[str, bytes]) -> bool:
    import base64

    if len(content) + sum(len(v) for v in media.values()) > PENDING_MAX:
        request.session.pop(PENDING, None)
        return False
    request.session[PENDING] = {
        "content": base64.b64encode(content).decode(),
        "media": {k: base64.b64encode(v).decode() for k, v in media.items()},
    }
    return True


def _pending_take(request: HttpRequest) -> tuple[bytes, dict[str, bytes]] | None:
    import base64

    pending = request.session.pop(PENDING, None)
    if not isinstance(pending, dict):
        return None
    return base64.b64decode(pending["content"]), {
        k: base64.b64decode(v) for k, v in pending["media"].items()
    }


@login_required
@require_http_methods(["GET", "POST"])
def survey_import_view(request: HttpRequest) -> HttpResponse:
    """Import an XLSForm with the files beside it (CSV, XML, GeoJSON, images, audio).

    An anonymous survey refusing image, audio, file or location questions offers
    "import without them": the same files again, kept in the session, less those rows.
    """
    units = scoped_units(request.user, Perm.SURVEY_MANAGE).order_by("path")
    if not units.exists():
        raise NotFoundError("Không tìm thấy.")
    context: dict[str, Any] = {"units": units[:500], "anonymous": True}
    if request.method == "POST":
        upload = request.FILES.get("file")
        unit = units.filter(pk=_int(request.POST.get("unit"))).first()
        drop_private = request.POST.get("drop_private") == "1"
        anonymous = request.POST.get("anonymous") == "1"
        context.update(
            anonymous=anonymous,
            unit_id=unit.pk if unit else None,
            title=request.POST.get("title", "").strip(),
        )
        pending = _pending_take(request) if drop_private and upload is None else None
        try:
            if unit is None or (upload is None and pending is None):
                raise ValidationFailed("Hãy chọn đơn vị và tệp XLSForm (.xlsx).")
            if pending is not None:
                content, media = pending
            else:
                assert upload is not None
                content = upload.read()
                media = {f.name or "": f.read() for f in request.FILES.getlist("media")}
            survey = services.survey_import(
                actor=request.user,
                unit=unit,
                content=content,
                title=context["title"],
                opens_at=_when(request.POST.get("opens_at", "")),
                closes_at=_when(request.POST.get("closes_at", "")),
                anonymous=anonymous,
                media=media,
                drop_private=drop_private,
                filename=upload.name or "" if upload is not None else "",
            )
        except xlsform.FormRefused as exc:
            context["issues"] = [str(i) for i in exc.issues]
            private = anonymous and any(
                i.column == "type" and "ẩn danh" in i.message for i in exc.issues
            )
            if private and not drop_private:
                context["offer_without"] = _pending_save(request, content, media)
        except ApplicationError as exc:
            context["error"] = exc.message
        else:
            version = survey.current_version
            for warning in version.warnings if version else []:
                messages.warning(request, warning)
            for blocker in version.web_blockers if version else []:
                messages.warning(request, f"Không trả lời được trên web: {blocker}")
            messages.success(request, "Đã tạo khảo sát từ XLSForm.")
            # Straight after import the page opens the preview: what respondents will see.
            request.session["surveys_preview_open"] = survey.pk
            return redirect("surveys:detail", pk=survey.pk)
    return render(
        request,
        "surveys/import.html",
        context,
        status=422 if "issues" in context or "error" in context else 200,
    )


@login_required
@require_GET
def survey_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.access_survey(request.user, pk)
    version = survey.current_version
    units = Unit.objects.filter(subtree_q(survey.unit, field=""), is_active=True).order_by("path")
    web_ready = version is None or version.web_ready
    links = [
        (u, _site(request) + reverse("surveys:respond", args=[survey.public_key, u.pk]))
        for u in units[:300]
    ]
    response = render(
        request,
        "surveys/detail.html",
        {
            "survey": survey,
            "version": version,
            "versions": survey.versions.order_by("-number"),
            "links": links,
            "rates": results.response_rates(survey),
            "can_manage": unit_in_scope(request.user, Perm.SURVEY_MANAGE, survey.unit),
            "can_interview": has_perm(request.user, Perm.REPORT_SUBMIT),
            # The units' anonymous tip pages (channels, /kenh/gop-y/): whoever handles matters.
            "can_open_tips": has_perm(request.user, Perm.MATTER_HANDLE),
            "devices": survey.devices.filter(revoked_at__isnull=True).select_related("unit"),
            "odk_token": request.session.pop("surveys_odk_url", None),
            "codes": request.session.pop("surveys_codes", None),
            "preview_open": request.session.pop("surveys_preview_open", None) == survey.pk,
            "question_count": len(results.survey_questions(survey)),
            # "Xem trước như người trả lời": the same engine as the public link, storing nothing.
            **(
                webform.engine_context(survey, version, mode="preview")
                if version and web_ready
                else {}
            ),
            "web_ready": web_ready,
            "answer_files": selectors.response_files(survey)[:50],
        },
    )
    return webform.allow_engine(response)


@login_required
@require_GET
def survey_rates_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The live response rates (HTMX polls this fragment)."""
    survey = selectors.access_survey(request.user, pk)
    return render(
        request, "surveys/_rates.html", {"survey": survey, "rates": results.response_rates(survey)}
    )


def _filters(
    request: HttpRequest, survey: Survey
) -> tuple[Unit | None, tuple[str, str] | None, set[int]]:
    counts: dict[int, int] = {}
    from django.db.models import Count

    for unit_id, c in survey.responses.values_list("unit_id").annotate(c=Count("id")):
        counts[unit_id] = c
    viewable = results.viewable_units(survey.unit, counts, results.min_cell())
    under = None
    unit_id = _int(request.GET.get("unit"))
    if unit_id and unit_id != survey.unit_id:
        if unit_id not in viewable:
            raise NotFoundError("Đơn vị này có quá ít câu trả lời để hiển thị riêng.")
        under = Unit.objects.get(pk=unit_id)
    answer = None
    raw = request.GET.get("answer", "")
    if "=" in raw:
        name, value = raw.split("=", 1)
        answer = (name, value)
    return under, answer, viewable


@login_required
@require_GET
def survey_results_view(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.access_survey(request.user, pk)
    try:
        under, answer, viewable = _filters(request, survey)
    except NotFoundError as exc:
        messages.warning(request, exc.message)
        return redirect("surveys:results", pk=survey.pk)
    outcome = results.results_compute(survey, under=under, answer=answer)
    crosstab = None
    row_q, col_q = request.GET.get("row", ""), request.GET.get("col", "")
    if row_q and col_q and not outcome.hidden:
        crosstab = exports.crosstab(survey, row_q, col_q, under=under, answer=answer)
    charts = [
        {
            "id": f"chart-{i}",
            "labels": [c.label for c in r.cells],
            "values": [None if c.share is None else round(c.share.value * 100, 1) for c in r.cells],
        }
        for i, r in enumerate(outcome.questions)
        if r.cells
    ]
    repeat_sections = (
        [] if outcome.hidden else repeats.repeat_results(survey, under=under, answer=answer)
    )
    charts += [
        {
            "id": f"chart-r{i}-{j}",
            "label": "% số dòng",
            "labels": [c.label for c in rq.result.cells],
            "values": [
                None if c.share is None else round(c.share.value * 100, 1) for c in rq.result.cells
            ],
        }
        for i, section in enumerate(repeat_sections)
        for j, rq in enumerate(section.questions)
        if rq.result.cells and not rq.hidden
    ]
    choice_questions = [r.question for r in outcome.questions if r.question.type == "select one"]
    return render(
        request,
        "surveys/results.html",
        {
            "survey": survey,
            "outcome": outcome,
            "charts": charts,
            "repeat_sections": repeat_sections,
            "units": Unit.objects.filter(pk__in=viewable).order_by("path"),
            "under": under,
            "answer": request.GET.get("answer", ""),
            "choice_questions": choice_questions,
            "crosstab": crosstab,
            "row_q": row_q,
            "col_q": col_q,
            "analyses": _text_analyses(outcome),
            "crosstab_table": _crosstab_table(crosstab),
            "min_text": results.min_text(),
        },
    )


def _crosstab_table(table: exports.Crosstab | None) -> list[dict[str, Any]]:
    if table is None:
        return []
    return [
        {
            "label": choice.label,
            "cells": [
                {"hidden": count is None, "count": count, "share": share}
                for count, share in zip(counts, shares, strict=True)
            ],
        }
        for choice, counts, shares in zip(
            table.row.choices, table.counts, table.shares, strict=True
        )
    ]


def _text_analyses(outcome: results.Results) -> dict[str, Any]:
    """Topics and sentiment of the free-text answers shown, from the text analytics
    (``duluan.nlp.interface.analyse_texts``) when that is installed; summarised as
    counts so that no answer is labelled one by one on the page."""
    try:
        from duluan.nlp.interface import analyse_texts  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return {"available": False}
    for r in outcome.questions:
        if r.texts:
            try:
                r.analyses = summarise_analyses(analyse_texts(r.texts))
            except Exception:
                r.analyses = None
    return {"available": True}


def summarise_analyses(items: Any) -> list[dict[str, Any]]:
    """``[{"kind": "sentiment"|"topic", "label": ..., "count": n}]`` from whatever per-text
    records the analytics return (mappings or objects with ``sentiment`` and ``topics``)."""
    from collections import Counter

    sentiments: Counter[str] = Counter()
    topics: Counter[str] = Counter()
    for item in items or []:
        get = (
            item.get if isinstance(item, dict) else (lambda key, obj=item: getattr(obj, key, None))
        )
        if (sentiment := get("sentiment")) is not None:
            sentiments[str(sentiment)] += 1
        for topic in get("topics") or []:
            code = topic.get("code") if isinstance(topic, dict) else getattr(topic, "code", topic)
            topics[str(code)] += 1
    return [{"kind": "sentiment", "label": k, "count": v} for k, v in sentiments.most_common()] + [
        {"kind": "topic", "label": k, "count": v} for k, v in topics.most_common(10)
    ]


@login_required
@require_GET
def survey_export_view(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    survey = selectors.access_survey(request.user, pk)
    if fmt not in ("xlsx", "csv", "docx"):
        raise NotFoundError("Không có định dạng này.")
    try:
        under, answer, _ = _filters(request, survey)
    except NotFoundError:
        under, answer = None, None
    content, mime = exports.export(survey, fmt, under=under, answer=answer)
    from duluan.audit.models import Action
    from duluan.audit.services import audit_record

    audit_record(
        actor=request.user,
        action=Action.SURVEY_EXPORT,
        object_type="survey",
        object_ids=[survey.pk],
        unit_id=survey.unit_id,
        request=request,
        note=fmt,
    )
    response = HttpResponse(content, content_type=mime)
    suffix = "zip" if mime == exports.ZIP else fmt  # CSV of a form with repeats: one per table
    response["Content-Disposition"] = f'attachment; filename="khao-sat-{survey.pk}.{suffix}"'
    return response


@login_required
@require_GET
def survey_xlsform_view(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.access_survey(request.user, pk)
    version = survey.current_version
    assert version is not None
    response = HttpResponse(
        xlsform.export_workbook(version.workbook),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="xlsform-{survey.pk}-v{version.number}.xlsx"'
    )
    return response


def _web_survey(request: HttpRequest, pk: int) -> Survey:
    """The survey, if its current form can be answered on the web (else no poster,
    QR code or link: it is for ODK Collect only)."""
    survey = selectors.access_survey(request.user, pk)
    version = survey.current_version
    if version is not None and not version.web_ready:
        raise NotFoundError("Biểu mẫu này chỉ trả lời được bằng ODK Collect.")
    return survey


@require_GET
def public_media_view(request: HttpRequest, key: str, filename: str) -> HttpResponse:
    """A file beside the form, for the web engine on the respondent's page (no account:
    the distribution key is the link's secret, as for the page itself)."""
    from .openrosa import media_response

    return media_response(selectors.public_media(key, filename))


@login_required
@require_GET
def response_file_view(request: HttpRequest, pk: int, file_id: int) -> HttpResponse:
    """A file answered in a response, for accounts whose scope covers the survey."""
    from duluan.audit.models import Action
    from duluan.audit.services import audit_record

    row = selectors.access_response_file(request.user, pk, file_id)
    audit_record(
        actor=request.user,
        action=Action.SURVEY_EXPORT,
        object_type="survey_response_file",
        object_ids=[row.pk],
        unit_id=row.response.unit_id,
        request=request,
        note="file",
    )
    with row.file.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type=row.content_type)
    response["Content-Disposition"] = f'attachment; filename="tep-{row.pk}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def survey_qr_view(request: HttpRequest, pk: int, unit_id: int, fmt: str) -> HttpResponse:
    survey = _web_survey(request, pk)
    unit = services.target_unit(survey, unit_id)
    url = _site(request) + reverse("surveys:respond", args=[survey.public_key, unit.pk])
    if fmt not in ("png", "svg"):
        raise NotFoundError("Không có định dạng này.")
    content, mime = qr.qr_image(url, fmt)
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f'inline; filename="qr-{survey.pk}-{unit.code}.{fmt}"'
    return response


@login_required
@require_GET
def survey_poster_view(request: HttpRequest, pk: int, unit_id: int) -> HttpResponse:
    survey = _web_survey(request, pk)
    unit = services.target_unit(survey, unit_id)
    url = _site(request) + reverse("surveys:respond", args=[survey.public_key, unit.pk])
    return render(
        request,
        "surveys/poster.html",
        {"survey": survey, "unit": unit, "url": url, "svg": qr.qr_svg_inline(url)},
    )


@login_required
@require_POST
def survey_device_view(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.access_survey(request.user, pk, perm=Perm.SURVEY_MANAGE)
    unit = services.target_unit(survey, _int(request.POST.get("unit")) or survey.unit_id)
    _device, token = services.device_create(
        actor=request.user, survey=survey, unit=unit, name=request.POST.get("name", "")
    )
    request.session["surveys_odk_url"] = _site(request) + reverse(
        "surveys:odk_form_list", args=[token]
    ).removesuffix("formList")
    return redirect("surveys:detail", pk=survey.pk)


@login_required
@require_POST
def survey_codes_view(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.access_survey(request.user, pk, perm=Perm.SURVEY_MANAGE)
    unit = services.target_unit(survey, _int(request.POST.get("unit")) or survey.unit_id)
    try:
        codes = services.codes_issue(
            actor=request.user, survey=survey, unit=unit, count=_int(request.POST.get("count")) or 0
        )
        if not survey.codes_required:
            services.survey_update(actor=request.user, survey=survey, codes_required=True)
    except ValidationFailed as exc:
        messages.error(request, exc.message)
    else:
        request.session["surveys_codes"] = {"unit": unit.name, "codes": codes}
    return redirect("surveys:detail", pk=survey.pk)


@login_required
@require_POST
def survey_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.access_survey(request.user, pk, perm=Perm.SURVEY_MANAGE)
    services.survey_close(actor=request.user, survey=survey)
    messages.success(request, "Đã đóng khảo sát.")
    return redirect("surveys:detail", pk=survey.pk)


@login_required
@require_GET
def sample_plan_view(request: HttpRequest) -> HttpResponse:
    """Sample sizes per unit from membership, for a margin and a confidence."""
    units = scoped_units(request.user, Perm.UNIT_VIEW).order_by("path")
    root = units.filter(pk=_int(request.GET.get("unit"))).first()
    margin = min(max(float(request.GET.get("margin") or 5), 1.0), 20.0) / 100
    confidence = 0.99 if request.GET.get("confidence") == "99" else 0.95
    minimum = min(max(_int(request.GET.get("minimum")) or 0, 0), 1000)
    plan = None
    if root is not None:
        children = list(
            Unit.objects.filter(
                subtree_q(root, field=""), is_active=True, member_count__gt=0
            ).order_by("path")
        )
        population = {u.pk: u.member_count for u in children}
        total_n = stats.sample_size(sum(population.values()), margin=margin, confidence=confidence)
        allocation = stats.allocate(population, total_n, minimum=minimum)
        plan = {
            "total_members": sum(population.values()),
            "total": total_n,
            "allocated": sum(allocation.values()),
            "rows": [
                {
                    "unit": u,
                    "members": u.member_count,
                    "alloc": allocation[u.pk],
                    "own": stats.sample_size(u.member_count, margin=margin, confidence=confidence),
                }
                for u in children
            ],
        }
    return render(
        request,
        "surveys/sample.html",
        {
            "units": units[:500],
            "root": root,
            "plan": plan,
            "margin": round(margin * 100, 1),
            "confidence": int(confidence * 100),
            "minimum": minimum,
        },
    )


# ── quick polls ──────────────────────────────────────────────────────────
@login_required
@require_http_methods(["GET", "POST"])
def poll_create_view(request: HttpRequest) -> HttpResponse:
    units = scoped_units(request.user, Perm.SURVEY_MANAGE).order_by("path")
    if not units.exists():
        raise NotFoundError("Không tìm thấy.")
    context: dict[str, Any] = {"units": units[:500]}
    if request.method == "POST":
        unit = units.filter(pk=_int(request.POST.get("unit"))).first()
        try:
            if unit is None:
                raise ValidationFailed("Hãy chọn đơn vị.")
            poll = services.poll_create(
                actor=request.user,
                unit=unit,
                question=request.POST.get("question", ""),
                options=request.POST.get("options", "").splitlines(),
                closes_at=_when(request.POST.get("closes_at", "")),
            )
        except ApplicationError as exc:
            context["error"] = exc.message
        else:
            messages.success(request, "Đã gửi thăm dò nhanh.")
            return redirect("surveys:detail", pk=poll.pk)
    return render(request, "surveys/poll_create.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def poll_answer_view(request: HttpRequest, pk: int) -> HttpResponse:
    from duluan.org.scope import root_paths

    poll = selectors.access_poll(request.user, pk)
    paths = root_paths(request.user, Perm.REPORT_SUBMIT)
    own = [p for p in paths if in_subtree(p, poll.unit)]
    unit = Unit.objects.filter(path=max(own, key=len)).first() if own else None
    answered = services.poll_has_answered(actor=request.user, survey=poll)
    if request.method == "POST" and unit is not None and not answered:
        try:
            services.poll_answer(
                actor=request.user, survey=poll, unit=unit, choice=request.POST.get("tra_loi", "")
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Cảm ơn bạn đã trả lời.")
        return redirect("surveys:poll_answer", pk=poll.pk)
    outcome = results.results_compute(poll)
    question = results.survey_questions(poll)[0]
    return render(
        request,
        "surveys/poll.html",
        {
            "poll": poll,
            "question": question,
            "outcome": outcome,
            "answered": answered,
            "can_answer": unit is not None and poll.is_open() and not answered,
            "chart": json.dumps(
                {
                    "labels": [c.label for c in outcome.questions[0].cells]
                    if outcome.questions
                    else []
                }
            ),
        },
    )
