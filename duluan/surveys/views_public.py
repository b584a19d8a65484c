"""The respondent's pages (no account) and interviewer mode.

Both show ODK's own web form engine on the survey's current XForm (see
``surveys/webform.py``); the engine's OpenRosa instance comes back as a multipart
``xml_submission_file`` and enters through ``services.instance_submit``, the same
path as ODK Collect's submissions.

Nothing about the respondent is stored: no account, no IP address, no device
id. One response per browser is best effort, with a cookie set after sending.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from duluan.core.errors import NotFoundError, ValidationFailed
from duluan.org.choices import Perm
from duluan.org.models import Unit
from duluan.org.scope import scope_q, subtree_q

from . import selectors, services, webform
from .choices import ResponseSource
from .models import Survey
from .openrosa import MAX_SUBMISSION, answered_files

COOKIE = "ks_done_{}"


def _page(
    request: HttpRequest,
    survey: Survey,
    unit: Unit,
    *,
    submit_url: str,
    interview: bool,
    units: QuerySet[Unit] | None = None,
) -> HttpResponse:
    version = survey.current_version
    if version is None:
        raise NotFoundError("Không tìm thấy khảo sát.")
    if not version.web_ready:  # e.g. a required audio question: ODK Collect only
        return render(request, "surveys/collect_only_public.html", {"survey": survey}, status=404)
    context = webform.engine_context(
        survey,
        version,
        mode="interview" if interview else "respond",
        submit_url=submit_url,
        unit_id=unit.pk,
    )
    context.update(
        {
            "survey": survey,
            "unit": unit,
            "units": units,
            "interview": interview,
            "is_open": survey.is_open(),
        }
    )
    return webform.allow_engine(render(request, "surveys/respond.html", context))


def _instance(request: HttpRequest) -> bytes:
    upload = request.FILES.get("xml_submission_file")
    if upload is None or (upload.size or 0) > MAX_SUBMISSION:
        raise ValidationFailed("Thiếu tệp xml_submission_file.")
    content: bytes = upload.read()
    return content


def _refusal(exc: ValidationFailed | NotFoundError) -> JsonResponse:
    errors = exc.extra.get("errors") if isinstance(exc, ValidationFailed) else None
    detail = {str(k): str(v) for k, v in errors.items()} if isinstance(errors, dict) else {}
    message = exc.message
    if detail:
        message += " " + "; ".join(detail.values())
    status = 404 if isinstance(exc, NotFoundError) else 422
    return JsonResponse({"ok": False, "message": message, "errors": detail}, status=status)


@require_GET
def respond_view(request: HttpRequest, key: str, unit_id: int) -> HttpResponse:
    survey, unit = selectors.public_survey(key, unit_id)
    if request.COOKIES.get(COOKIE.format(survey.pk)) == "1":
        return render(request, "surveys/thanks.html", {"survey": survey})
    submit = reverse("surveys:respond_submit", args=[key, unit.pk])
    return _page(request, survey, unit, submit_url=submit, interview=False)


@require_POST
def respond_submit_view(request: HttpRequest, key: str, unit_id: int) -> HttpResponse:
    """The engine's instance from a respondent (CSRF-checked; JSON answer for the script)."""
    survey, unit = selectors.public_survey(key, unit_id)
    try:
        sent = services.instance_submit(
            survey=survey,
            unit=unit,
            content=_instance(request),
            source=ResponseSource.WEB,
            code=request.POST.get("code", ""),
            files=answered_files(request),
        )
    except (ValidationFailed, NotFoundError) as exc:
        return _refusal(exc)
    response = JsonResponse(
        {"ok": True, "created": sent.created, "message": "Đã ghi nhận câu trả lời."},
        status=201 if sent.created else 200,
    )
    response.set_cookie(
        COOKIE.format(survey.pk),
        "1",
        max_age=365 * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


def _interview_units(request: HttpRequest, pk: int) -> tuple[Survey, QuerySet[Unit]]:
    survey = Survey.objects.select_related("unit").filter(pk=pk).first()
    if survey is None:
        raise NotFoundError("Không tìm thấy khảo sát.")
    units = Unit.objects.filter(
        scope_q(request.user, Perm.REPORT_SUBMIT, unit_field=""),
        subtree_q(survey.unit, field=""),
        is_active=True,
    ).order_by("path")
    return survey, units


def _interview_unit(units: QuerySet[Unit], chosen: str | None) -> Unit:
    pk = int(chosen) if chosen and chosen.isdigit() else 0
    unit = units.filter(pk=pk).first() or units.first()
    if unit is None:
        raise NotFoundError("Không tìm thấy khảo sát.")
    return unit


@login_required
@require_GET
def interview_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A collaborator enters the answers of a person they interviewed."""
    survey, units = _interview_units(request, pk)
    unit = _interview_unit(units, request.GET.get("unit"))
    submit = reverse("surveys:interview_submit", args=[survey.pk])
    return _page(request, survey, unit, submit_url=submit, interview=True, units=units[:300])


@login_required
@require_POST
def interview_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    survey, units = _interview_units(request, pk)
    try:
        unit = _interview_unit(units, request.POST.get("unit"))
        sent = services.instance_submit(
            survey=survey,
            unit=unit,
            content=_instance(request),
            source=ResponseSource.INTERVIEW,
            collector=request.user,
            files=answered_files(request),
        )
    except (ValidationFailed, NotFoundError) as exc:
        return _refusal(exc)
    return JsonResponse(
        {
            "ok": True,
            "created": sent.created,
            "message": "Đã lưu phiếu phỏng vấn. Mời nhập phiếu tiếp theo.",
        },
        status=201 if sent.created else 200,
    )
