"""Reads of the surveys app, each starting from the actor's scope."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from duluan.core.errors import NotFoundError
from duluan.org.choices import Perm
from duluan.org.models import Unit
from duluan.org.scope import access_object, in_subtree, scope_q, subtree_q, unit_in_scope
from duluan.org.types import Actor

from .choices import SurveyKind
from .models import ResponseFile, Survey, SurveyMedia

VIEW = Perm.REPORT_VIEW


def survey_list(actor: Actor, *, kind: str | None = None) -> QuerySet[Survey]:
    rows = Survey.objects.filter(scope_q(actor, VIEW)).select_related("unit")
    if kind:
        rows = rows.filter(kind=kind)
    return rows.annotate(response_count=Count("responses")).order_by("-created_at", "-id")


def access_survey(actor: Actor, survey_id: int, *, perm: str = VIEW) -> Survey:
    """The survey if the actor reaches its unit with ``perm`` (else 404, as if missing)."""
    return access_object(
        actor,
        Survey.objects.select_related("unit"),
        survey_id,
        perm,
        message="Không tìm thấy khảo sát.",
    )


def access_survey_unit(actor: Actor | None, unit: Unit, *, perm: str = Perm.SURVEY_MANAGE) -> Unit:
    """``unit`` (a survey's, or one to open a survey for) if the actor reaches it with
    ``perm``: managing surveys by default; else 404, as if missing. The services check
    it again whatever page or command called them."""
    if not unit_in_scope(actor, perm, unit):
        raise NotFoundError("Không tìm thấy đơn vị.")
    return unit


def public_survey(key: str, unit_id: int) -> tuple[Survey, Unit]:
    """A survey and target unit from a distribution link (no account)."""
    survey = Survey.objects.select_related("unit").filter(public_key=key).first()
    if survey is None:
        raise NotFoundError("Không tìm thấy khảo sát.")
    unit = Unit.objects.filter(subtree_q(survey.unit, field=""), pk=unit_id, is_active=True).first()
    if unit is None:
        raise NotFoundError("Không tìm thấy khảo sát.")
    return survey, unit


def polls_for(actor: Actor) -> QuerySet[Survey]:
    """Open polls aimed at a subtree containing one of the actor's units."""
    from duluan.org.scope import root_paths

    paths = root_paths(actor, Perm.REPORT_SUBMIT)
    ids = [
        s.pk
        for s in Survey.objects.filter(kind=SurveyKind.POLL).select_related("unit")
        if any(in_subtree(p, s.unit) or in_subtree(s.unit, p) for p in paths)
    ]
    return Survey.objects.filter(pk__in=ids).select_related("unit").order_by("-created_at")


def access_poll(actor: Actor, poll_id: int) -> Survey:
    """An open poll aimed at the actor's units (:func:`polls_for`); else missing."""
    survey = polls_for(actor).filter(pk=poll_id).first()
    if survey is None:
        raise NotFoundError("Không tìm thấy thăm dò.")
    return survey


def response_files(survey: Survey) -> QuerySet[ResponseFile]:
    """The files answered in ``survey`` (already reached through :func:`access_survey`)."""
    return (
        ResponseFile.objects.filter(response__survey=survey)
        .select_related("response__unit")
        .order_by("-id")
    )


def access_response_file(actor: Actor, survey_id: int, file_id: int) -> ResponseFile:
    """A file answered in a response, if the actor reaches the survey's unit (and so
    the response's unit, in its subtree); else 404."""
    survey = access_survey(actor, survey_id)
    row = (
        ResponseFile.objects.filter(response__survey=survey, pk=file_id)
        .select_related("response", "response__unit")
        .first()
    )
    if row is None or not unit_in_scope(actor, VIEW, row.response.unit):
        raise NotFoundError("Không tìm thấy tệp.")
    return row


def public_media(key: str, filename: str) -> SurveyMedia:
    """A file beside the current form of the survey with distribution key ``key``."""
    survey = Survey.objects.filter(public_key=key).first()
    version = survey.current_version if survey else None
    media = version.media.filter(filename=filename).first() if version else None
    if media is None:
        raise NotFoundError("Không tìm thấy tệp.")
    return media
