"""Writes of the surveys app: forms, versions, responses, codes, devices, polls."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.core.errors import NotFoundError, ValidationFailed
from duluan.org.models import Unit
from duluan.org.scope import acting_account, in_subtree, recorded_account, subtree_q
from duluan.org.types import Actor

from . import forms_spec, xlsform
from .choices import ResponseSource, SurveyKind
from .models import AccessCode, CollectDevice, PollVoter, Response, Survey, SurveyVersion
from .repeats import repeats_check
from .selectors import access_survey_unit

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile


def _hash(secret: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, secret.encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def survey_import(
    *,
    actor: Actor | None,
    unit: Unit,
    content: bytes,
    title: str = "",
    kind: str = SurveyKind.SURVEY,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    check_scope: bool = True,
    anonymous: bool = True,
    media: Mapping[str, bytes] | None = None,
    drop_private: bool = False,
    filename: str = "",
) -> Survey:
    """A new survey from an XLSForm and the files beside it; :class:`xlsform.FormRefused`
    (or a refused file) writes nothing.

    An ``anonymous`` survey refuses image, audio, video, file and location questions;
    ``drop_private`` imports the form without them instead ("import without").
    The title: ``title``, else the form's ``form_title``, else the ``filename``'s name.
    """
    if check_scope:
        access_survey_unit(actor, unit)
    workbook = xlsform.read_workbook(content)
    if drop_private:
        workbook = xlsform.without_private(workbook)
    return survey_create_from_workbook(
        actor=actor,
        unit=unit,
        workbook=workbook,
        title=title or xlsform.form_title(workbook) or xlsform.title_from_filename(filename),
        kind=kind,
        opens_at=opens_at,
        closes_at=closes_at,
        anonymous=anonymous,
        media=media or {},
    )


def _checked_media(media: Mapping[str, bytes]) -> dict[str, bytes]:
    from .media import form_media_check

    for name, content in media.items():
        form_media_check(name, content)
    return dict(media)


def survey_create_from_workbook(
    *,
    actor: Actor | None,
    unit: Unit,
    workbook: dict[str, list[dict[str, str]]],
    title: str = "",
    kind: str = SurveyKind.SURVEY,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    anonymous: bool = True,
    media: Mapping[str, bytes] | None = None,
) -> Survey:
    files = _checked_media(media or {})
    compiled = xlsform.compile_workbook(workbook, anonymous=anonymous, media=set(files))
    survey = Survey(
        unit=unit,
        title=(title or xlsform.form_title(workbook) or _spec_title(compiled) or "Khảo sát")[:255],
        kind=kind,
        opens_at=opens_at,
        closes_at=closes_at,
        anonymous=anonymous,
        created_by=recorded_account(actor),
    )
    survey.full_clean()
    survey.save()
    _version_create(survey, compiled, files=files)
    audit_record(
        actor=actor,
        action=Action.SURVEY_CREATE,
        object_type="survey",
        object_ids=[survey.pk],
        unit_id=unit.pk,
        channel="web",
    )
    return survey


def _spec_title(compiled: xlsform.Compiled) -> str:
    """pyxform's title, unless it is its technical default ("data")."""
    title = str(compiled.spec.get("title") or "")
    return "" if title == "data" else title


def _version_create(
    survey: Survey,
    compiled: xlsform.Compiled,
    number: int = 1,
    files: Mapping[str, bytes] | None = None,
) -> SurveyVersion:
    version = SurveyVersion(
        survey=survey,
        number=number,
        workbook=compiled.workbook,
        spec=compiled.spec,
        xform="",
        warnings=compiled.warnings,
        web_blockers=compiled.web_blockers,
    )
    version.xform = xlsform.xform_for(
        compiled.workbook,
        form_id=version.form_id,
        version=version.version_label,
        title=survey.title,
    )
    version.save()
    _media_store(version, compiled, files or {})
    return version


def _media_store(
    version: SurveyVersion, compiled: xlsform.Compiled, files: Mapping[str, bytes]
) -> None:
    from .media import media_save

    given = dict(files)
    if compiled.itemsets is not None:
        given[xlsform.ITEMSETS] = compiled.itemsets  # built from external_choices
    media_save(version, given)


@transaction.atomic
def survey_form_replace(
    *,
    actor: Actor,
    survey: Survey,
    content: bytes,
    media: Mapping[str, bytes] | None = None,
) -> SurveyVersion:
    """A changed form: a new version once responses exist, else the same one rewritten.

    The files of the current version carry over to a new one unless given anew; each
    version keeps its own rows.
    """
    access_survey_unit(actor, survey.unit)
    files = _checked_media(media or {})
    current = survey.current_version
    assert current is not None
    kept = set(current.media.values_list("filename", flat=True))
    compiled = xlsform.compile_workbook(
        xlsform.read_workbook(content), anonymous=survey.anonymous, media=kept | set(files)
    )
    if current.workbook == compiled.workbook and not files:
        return current
    if current.responses.exists():
        from .media import media_copy

        version = _version_create(survey, compiled, number=current.number + 1, files=files)
        media_copy(current, version, skip=set(version.media.values_list("filename", flat=True)))
    else:
        current.workbook, current.spec = compiled.workbook, compiled.spec
        current.warnings, current.web_blockers = compiled.warnings, compiled.web_blockers
        current.xform = xlsform.xform_for(
            compiled.workbook,
            form_id=current.form_id,
            version=current.version_label,
            title=survey.title,
        )
        current.save()
        _media_store(current, compiled, files)
        version = current
    audit_record(
        actor=actor,
        action=Action.SURVEY_FORM_REPLACE,
        object_type="survey",
        object_ids=[survey.pk],
        unit_id=survey.unit_id,
    )
    return version


def survey_update(*, actor: Actor, survey: Survey, **fields: Any) -> Survey:
    access_survey_unit(actor, survey.unit)
    for name in (
        "title",
        "description",
        "opens_at",
        "closes_at",
        "codes_required",
        "raking_margins",
    ):
        if name in fields:
            setattr(survey, name, fields[name])
    survey.full_clean()
    survey.save()
    audit_record(
        actor=actor,
        action=Action.SURVEY_UPDATE,
        object_type="survey",
        object_ids=[survey.pk],
        unit_id=survey.unit_id,
    )
    return survey


def survey_close(*, actor: Actor, survey: Survey) -> Survey:
    return survey_update(actor=actor, survey=survey, closes_at=timezone.now())


# ── responses ───────────────────────────────────────────────────────────
@dataclass
class Submitted:
    response: Response
    created: bool


def target_unit(survey: Survey, unit_id: int) -> Unit:
    """``unit_id`` if it lies in the survey's subtree (else 404)."""
    unit: Unit | None = Unit.objects.filter(
        subtree_q(survey.unit, field=""), pk=unit_id, is_active=True
    ).first()
    if unit is None:
        raise NotFoundError("Không tìm thấy đơn vị của khảo sát.")
    return unit


def response_submit(
    *,
    survey: Survey,
    unit: Unit,
    answers: dict[str, Any],
    source: str,
    instance_id: str = "",
    version: SurveyVersion | None = None,
    collector: Actor | None = None,
    code: str = "",
    repeats: dict[str, Any] | None = None,
) -> Submitted:
    """Validate ``answers`` against the form version and store them (idempotent on instance id)."""
    if not survey.is_open():
        raise ValidationFailed("Khảo sát chưa mở hoặc đã đóng.")
    if not in_subtree(unit, survey.unit):
        raise NotFoundError("Không tìm thấy đơn vị của khảo sát.")
    version = version or survey.current_version
    if version is None or version.survey_id != survey.pk:
        raise NotFoundError("Không tìm thấy phiên bản biểu mẫu.")
    instance_id = (instance_id or f"uuid:{uuid.uuid4()}")[:80]
    existing = Response.objects.filter(survey=survey, instance_id=instance_id).first()
    if existing is not None:
        return Submitted(existing, False)
    items = forms_spec.questions(version.spec)
    try:
        from .media import file_choices

        data = forms_spec.validate_answers(
            items,
            answers,
            file_choices=file_choices(version) if any(q.itemset for q in items) else None,
        )
        # Repeat rows: types and static choices checked (repeats.py), outside the analysed answers.
        tables = repeats_check(items, repeats) if repeats else {}
    except forms_spec.AnswerErrors as exc:
        raise ValidationFailed("Câu trả lời chưa hợp lệ.", extra={"errors": exc.errors}) from exc
    if tables:
        data["_repeats"] = tables
    try:
        with transaction.atomic():
            if survey.codes_required and source == ResponseSource.WEB:
                _code_use(survey, code)
            response = Response.objects.create(
                survey=survey,
                version=version,
                unit=unit,
                source=source,
                instance_id=instance_id,
                data=data,
                collector=recorded_account(collector),
            )
    except IntegrityError:
        existing = Response.objects.filter(survey=survey, instance_id=instance_id).first()
        if existing is None:
            raise
        return Submitted(existing, False)
    return Submitted(response, True)


@transaction.atomic
def instance_submit(
    *,
    survey: Survey,
    unit: Unit,
    content: bytes,
    source: str,
    collector: Actor | None = None,
    code: str = "",
    files: Mapping[str, UploadedFile[bytes]] | None = None,
) -> Submitted:
    """Store an OpenRosa instance (ODK Collect or the web form engine) for ``unit``.

    ``files``: the parts sent beside the instance, by file name. Only a file an
    image, audio, video or file question names is stored (checked like a report
    attachment); a repeated submission (Collect splits large ones) adds the files
    still missing. A bad file refuses the whole submission.
    """
    from defusedxml import ElementTree

    from .instance import parse_instance

    try:
        root = ElementTree.fromstring(content)
    except Exception as exc:
        raise ValidationFailed("Tệp XML không đọc được.") from exc
    label = root.get("version", "")
    version = survey.versions.filter(number=int(label) if label.isdigit() else 0).first()
    if version is None or root.get("id") != version.form_id:
        raise ValidationFailed("Biểu mẫu hoặc phiên bản không đúng.")
    items = forms_spec.questions(version.spec)
    _form, _version, instance_id, answers, repeat_rows = parse_instance(content, items)
    if not instance_id:
        raise ValidationFailed("Thiếu meta/instanceID.")
    submitted = response_submit(
        survey=survey,
        unit=unit,
        answers=answers,
        source=source,
        instance_id=instance_id,
        version=version,
        collector=collector,
        code=code,
        repeats=repeat_rows,
    )
    if files:
        _answer_files(submitted.response, items, files)
    return submitted


MAX_ANSWER_FILES = 50


def _answer_files(
    response: Response, items: list[forms_spec.Question], files: Mapping[str, UploadedFile[bytes]]
) -> None:
    from .media import answer_files_save

    wanted = {
        str(response.data[q.name]): (q.name, q.type)
        for q in items
        if q.kind == "question" and q.type in forms_spec.FILE_TYPES and response.data.get(q.name)
    }
    if len(files) > max(len(wanted), 1) or len(files) > MAX_ANSWER_FILES:
        raise ValidationFailed("Phiếu gửi kèm nhiều tệp hơn số câu hỏi tệp của biểu mẫu.")
    from django.conf import settings

    contents: dict[str, bytes] = {}
    for name, upload in files.items():
        if name not in wanted:
            continue
        if (upload.size or 0) > settings.UPLOAD_MAX_BYTES:
            from duluan.intake.attachments import upload_limit_label

            raise ValidationFailed(f"Tệp «{name[:80]}» vượt quá {upload_limit_label()}.")
        contents[name] = upload.read()
    answer_files_save(response, wanted, contents)


# ── one-time codes ───────────────────────────────────────────────────────
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def codes_issue(*, actor: Actor, survey: Survey, unit: Unit, count: int) -> list[str]:
    """``count`` fresh codes for ``unit``; shown once, stored hashed."""
    access_survey_unit(actor, survey.unit)
    target_unit(survey, unit.pk)
    if not 1 <= count <= 5000:
        raise ValidationFailed("Số mã phải từ 1 đến 5.000.")
    codes = ["".join(secrets.choice(CODE_ALPHABET) for _ in range(8)) for _ in range(count)]
    AccessCode.objects.bulk_create(
        [AccessCode(survey=survey, unit=unit, code_hash=_hash(c)) for c in codes]
    )
    audit_record(
        actor=actor,
        action=Action.SURVEY_CODES_ISSUE,
        object_type="survey",
        object_ids=[survey.pk],
        unit_id=unit.pk,
        note=str(count),
    )
    return codes


def _code_use(survey: Survey, code: str) -> None:
    normalised = "".join(code.upper().split())
    used = AccessCode.objects.filter(
        survey=survey, code_hash=_hash(normalised), used_at__isnull=True
    ).update(used_at=timezone.localdate())
    if used != 1:
        raise ValidationFailed("Mã tham gia không đúng hoặc đã được dùng.")


# ── ODK Collect devices (app users) ──────────────────────────────────────
def device_create(
    *, actor: Actor, survey: Survey, unit: Unit, name: str
) -> tuple[CollectDevice, str]:
    access_survey_unit(actor, survey.unit)
    target_unit(survey, unit.pk)
    token = secrets.token_urlsafe(32)
    device = CollectDevice.objects.create(
        survey=survey,
        unit=unit,
        name=name.strip()[:120] or "ODK",
        token_hash=_hash(token),
        created_by=acting_account(actor),
    )
    audit_record(
        actor=actor,
        action=Action.SURVEY_DEVICE_CREATE,
        object_type="survey",
        object_ids=[survey.pk],
        unit_id=unit.pk,
    )
    return device, token


def device_revoke(*, actor: Actor, device: CollectDevice) -> None:
    access_survey_unit(actor, device.survey.unit)
    device.revoked_at = timezone.now()
    device.save(update_fields=["revoked_at"])


def device_for_token(token: str) -> CollectDevice:
    device = (
        CollectDevice.objects.select_related("survey", "unit", "survey__unit")
        .filter(token_hash=_hash(token), revoked_at__isnull=True)
        .first()
    )
    if device is None:
        raise NotFoundError("Không tìm thấy.")
    return device


# ── quick polls ──────────────────────────────────────────────────────────
def poll_workbook(question: str, options: list[str]) -> dict[str, list[dict[str, str]]]:
    return {
        "survey": [
            {
                "type": "select_one tra_loi",
                "name": "tra_loi",
                "label::Vietnamese (vi)": question,
                "required": "yes",
            },
        ],
        "choices": [
            {"list_name": "tra_loi", "name": f"pa{i}", "label::Vietnamese (vi)": text}
            for i, text in enumerate(options, start=1)
        ],
        "settings": [{"form_title": question[:255], "default_language": "Vietnamese (vi)"}],
    }


@transaction.atomic
def poll_create(
    *,
    actor: Actor | None,
    unit: Unit,
    question: str,
    options: list[str],
    closes_at: datetime | None,
    opens_at: datetime | None = None,
    notify: bool = True,
    check_scope: bool = True,
) -> Survey:
    """A one-question poll to ``unit``'s subtree; collaborators there are told in-app.

    The window is the caller's whole: ``opens_at`` defaults to now, and a caller
    that plans on another clock (the demo's ``today``) passes both ends from it.
    """
    if check_scope:
        access_survey_unit(actor, unit)
    question = question.strip()
    options = [o.strip() for o in options if o.strip()]
    if not question or not 2 <= len(options) <= 10:
        raise ValidationFailed("Câu hỏi thăm dò cần nội dung và từ 2 đến 10 phương án.")
    survey = survey_create_from_workbook(
        actor=actor,
        unit=unit,
        workbook=poll_workbook(question, options),
        title=question,
        kind=SurveyKind.POLL,
        opens_at=opens_at or timezone.now(),
        closes_at=closes_at,
    )
    if notify:
        from duluan.jobs.services import job_enqueue

        from .jobs import POLL_NOTIFY

        job_enqueue(POLL_NOTIFY, {"survey_id": survey.pk})
    return survey


def poll_notify(survey_id: int) -> None:
    """Tell the poll's collaborators and reporters (once each: notices are keyed)."""
    from django.urls import reverse

    from duluan.notifications.selectors import unit_notified_users
    from duluan.notifications.services import notices_send
    from duluan.org.choices import Role

    survey = Survey.objects.select_related("unit").get(pk=survey_id)
    units = Unit.objects.filter(subtree_q(survey.unit, field=""), is_active=True)
    users = unit_notified_users(units, roles=[Role.COLLABORATOR, Role.REPORTER])
    notices_send(
        users,
        kind="surveys.poll",
        key=str(survey.pk),
        title=f"Thăm dò nhanh: {survey.title}",
        url=reverse("surveys:poll_answer", args=[survey.pk]),
        unit_id=survey.unit_id,
    )


def poll_answer(*, actor: Actor, survey: Survey, unit: Unit, choice: str) -> Response:
    """An in-app answer: the account is marked as having answered, apart from the answer."""
    if survey.kind != SurveyKind.POLL:
        raise NotFoundError("Không tìm thấy thăm dò.")
    key = _hash(f"poll:{survey.pk}:{actor.pk}")
    with transaction.atomic():
        try:
            with transaction.atomic():
                PollVoter.objects.create(survey=survey, voter_key=key)
        except IntegrityError as exc:
            raise ValidationFailed("Bạn đã trả lời thăm dò này.") from exc
        return response_submit(
            survey=survey, unit=unit, answers={"tra_loi": choice}, source=ResponseSource.POLL
        ).response


def poll_has_answered(*, actor: Actor, survey: Survey) -> bool:
    return PollVoter.objects.filter(
        survey=survey, voter_key=_hash(f"poll:{survey.pk}:{actor.pk}")
    ).exists()
