"""The respondent's pages (no account) and interviewer mode.

Nothing about the respondent is stored: no account, no IP address, no device
id. One response per browser is best effort, with a cookie set after sending.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from duluan.core.errors import NotFoundError, ValidationFailed
from duluan.org.choices import Perm
from duluan.org.models import Unit
from duluan.org.scope import scope_q, subtree_q

from . import forms_spec, selectors, services
from .choices import ResponseSource
from .models import Survey

COOKIE = "ks_done_{}"


def _errors(exc: ValidationFailed) -> dict[str, str]:
    errors = exc.extra.get("errors")
    return {str(k): str(v) for k, v in errors.items()} if isinstance(errors, dict) else {}


def _answers(request: HttpRequest, items: list[forms_spec.Question]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for q in items:
        if q.kind != "question":
            continue
        if q.type == "select all that apply":
            out[q.name] = request.POST.getlist(f"q_{q.name}")
        else:
            out[q.name] = request.POST.get(f"q_{q.name}", "")
    return out


def _form_context(
    survey: Survey, items: list[forms_spec.Question], values: dict[str, Any], errors: dict[str, str]
) -> dict[str, Any]:
    rows = []
    for q in items:
        value = values.get(q.name, [] if q.type == "select all that apply" else "")
        rows.append(
            {
                "q": q,
                "value": value,
                "values": value if isinstance(value, list) else [value],
                "error": errors.get(q.name, ""),
                "relevant": " and ".join(f"({r})" for r in q.relevant),
                "input": _input_type(q),
                "choices": [
                    (c, json.dumps({"name": c.name, **c.attrs}, ensure_ascii=False))
                    for c in q.choices
                ],
            }
        )
    return {"rows": rows, "has_repeat": any(q.type == "repeat" for q in items)}


def _input_type(q: forms_spec.Question) -> str:
    return {
        "integer": "number",
        "decimal": "number",
        "range": "range-number",
        "date": "date",
        "time": "time",
        "dateTime": "datetime-local",
        "datetime": "datetime-local",
        "select one": "radio",
        "select all that apply": "checkbox",
        "note": "note",
        "calculate": "calculate",
        "acknowledge": "acknowledge",
        "trigger": "acknowledge",
        "email": "email",
        "phone number": "tel",
    }.get(q.type, "textarea" if "multiline" in q.appearance else "text")


def _render_form(
    request: HttpRequest,
    survey: Survey,
    unit: Unit,
    *,
    interview: bool,
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    message: str = "",
    status: int = 200,
) -> HttpResponse:
    version = survey.current_version
    if version is None:
        raise NotFoundError("Không tìm thấy khảo sát.")
    items = forms_spec.questions(version.spec)
    context = _form_context(survey, items, values or {}, errors or {})
    context.update(
        {
            "survey": survey,
            "unit": unit,
            "interview": interview,
            "message": message,
            "instance_id": request.POST.get("instance_id") or f"uuid:{uuid.uuid4()}",
            "storage_key": f"duluan-ks-{survey.public_key}-{unit.pk}-v{version.number}",
            "is_open": survey.is_open(),
            "version": version,
        }
    )
    return render(request, "surveys/respond.html", context, status=status)


@require_http_methods(["GET", "POST"])
def respond_view(request: HttpRequest, key: str, unit_id: int) -> HttpResponse:
    survey, unit = selectors.public_survey(key, unit_id)
    done = request.COOKIES.get(COOKIE.format(survey.pk)) == "1"
    if request.method == "GET":
        if done:
            return render(request, "surveys/thanks.html", {"survey": survey, "again": True})
        return _render_form(request, survey, unit, interview=False)
    version = survey.current_version
    assert version is not None
    items = forms_spec.questions(version.spec)
    answers = _answers(request, items)
    try:
        services.response_submit(
            survey=survey,
            unit=unit,
            answers=answers,
            source=ResponseSource.WEB,
            instance_id=request.POST.get("instance_id", ""),
            version=version,
            code=request.POST.get("code", ""),
        )
    except ValidationFailed as exc:
        errors = _errors(exc)
        return _render_form(
            request,
            survey,
            unit,
            interview=False,
            values=answers,
            errors=errors,
            message=exc.message,
            status=422,
        )
    response = render(
        request,
        "surveys/thanks.html",
        {
            "survey": survey,
            "clear_key": f"duluan-ks-{survey.public_key}-{unit.pk}-v{version.number}",
        },
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


@login_required
@require_http_methods(["GET", "POST"])
def interview_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A collaborator enters the answers of a person they interviewed."""
    survey = Survey.objects.select_related("unit").filter(pk=pk).first()
    if survey is None:
        raise NotFoundError("Không tìm thấy khảo sát.")
    units = Unit.objects.filter(
        scope_q(request.user, Perm.REPORT_SUBMIT, unit_field=""),
        subtree_q(survey.unit, field=""),
        is_active=True,
    ).order_by("path")
    unit = (
        units.filter(pk=request.POST.get("unit") or request.GET.get("unit") or 0).first()
        or units.first()
    )
    if unit is None:
        raise NotFoundError("Không tìm thấy khảo sát.")
    if request.method == "GET":
        response = _render_form(request, survey, unit, interview=True)
        return response
    version = survey.current_version
    assert version is not None
    items = forms_spec.questions(version.spec)
    answers = _answers(request, items)
    try:
        services.response_submit(
            survey=survey,
            unit=unit,
            answers=answers,
            source=ResponseSource.INTERVIEW,
            collector=request.user,
            instance_id=request.POST.get("instance_id", ""),
            version=version,
        )
    except ValidationFailed as exc:
        errors = _errors(exc)
        return _render_form(
            request,
            survey,
            unit,
            interview=True,
            values=answers,
            errors=errors,
            message=exc.message,
            status=422,
        )
    return _render_form(
        request,
        survey,
        unit,
        interview=True,
        message="Đã lưu phiếu phỏng vấn. Mời nhập phiếu tiếp theo.",
    )
