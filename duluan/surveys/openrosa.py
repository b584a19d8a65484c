"""ODK Collect and KoboCollect: the OpenRosa Form List and Form Submission APIs.

The server URL given to Collect is ``<site>/khao-sat/odk/<token>/``, the way ODK
Central's app users carry their token in the path. A token names one survey
and one unit; it is stored hashed. Submissions are validated against the form
version named in the instance, idempotent on ``meta/instanceID``.
"""

from __future__ import annotations

import hashlib
from email.utils import formatdate

from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import escape
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from duluan.core.errors import NotFoundError, ValidationFailed

from . import services
from .choices import ResponseSource
from .models import CollectDevice, SurveyMedia, SurveyVersion

MAX_SUBMISSION = 10 * 1024 * 1024


def _openrosa(
    content: str | bytes, status: int = 200, content_type: str = "text/xml; charset=utf-8"
) -> HttpResponse:
    response = HttpResponse(content, status=status, content_type=content_type)
    response["X-OpenRosa-Version"] = "1.0"
    response["Date"] = formatdate(usegmt=True)
    response["X-OpenRosa-Accept-Content-Length"] = str(MAX_SUBMISSION)
    return response


def _message(text: str, status: int, nature: str = "") -> HttpResponse:
    body = (
        '<OpenRosaResponse xmlns="http://openrosa.org/http/response">'
        f'<message nature="{nature}">{escape(text)}</message></OpenRosaResponse>'
    )
    return _openrosa(body, status)


def _device(token: str) -> CollectDevice | None:
    try:
        return services.device_for_token(token)
    except NotFoundError:
        return None


def _md5(text: str) -> str:
    return "md5:" + hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


@require_GET
def form_list(request: HttpRequest, token: str) -> HttpResponse:
    device = _device(token)
    if device is None:
        return _message("Không tìm thấy.", 404)
    survey = device.survey
    version = survey.current_version
    base = request.build_absolute_uri("/").rstrip("/")
    items = ""
    if version is not None and survey.is_open():
        download = base + reverse("surveys:odk_form", args=[token, survey.pk])
        manifest = base + reverse("surveys:odk_manifest", args=[token, survey.pk])
        items = (
            f"<xform><formID>{version.form_id}</formID><name>{escape(survey.title)}</name>"
            f"<version>{version.version_label}</version><hash>{_md5(version.xform)}</hash>"
            f"<downloadUrl>{download}</downloadUrl><manifestUrl>{manifest}</manifestUrl></xform>"
        )
    return _openrosa(
        f'<?xml version="1.0" encoding="UTF-8"?><xforms xmlns="http://openrosa.org/xforms/xformsList">{items}</xforms>'
    )


def _version_for(token: str, pk: int) -> SurveyVersion | None:
    device = _device(token)
    if device is None or device.survey_id != pk:
        return None
    return device.survey.current_version


@require_GET
def form_download(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    version = _version_for(token, pk)
    if version is None:
        return _message("Không tìm thấy.", 404)
    return _openrosa(version.xform)


@require_GET
def form_manifest(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    """The OpenRosa manifest: each file beside the form, its md5 and where to get it."""
    version = _version_for(token, pk)
    if version is None:
        return _message("Không tìm thấy.", 404)
    base = request.build_absolute_uri("/").rstrip("/")
    files = "".join(
        f"<mediaFile><filename>{escape(m.filename)}</filename><hash>md5:{m.md5}</hash>"
        f"<downloadUrl>{base}{reverse('surveys:odk_media', args=[token, pk, m.filename])}"
        "</downloadUrl></mediaFile>"
        for m in version.media.all()
    )
    return _openrosa(
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<manifest xmlns="http://openrosa.org/xforms/xformsManifest">{files}</manifest>'
    )


@require_GET
def media_download(request: HttpRequest, token: str, pk: int, filename: str) -> HttpResponse:
    """A file of the manifest, for the device token of this survey only."""
    version = _version_for(token, pk)
    media = version.media.filter(filename=filename).first() if version else None
    if media is None:
        return _message("Không tìm thấy.", 404)
    return media_response(media)


def media_response(media: SurveyMedia) -> HttpResponse:
    with media.file.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type=media.content_type)
    response["Content-Disposition"] = f'inline; filename="{media.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["X-OpenRosa-Version"] = "1.0"
    return response


def answered_files(request: HttpRequest) -> dict[str, UploadedFile[bytes]]:
    """The parts beside ``xml_submission_file``, by file name: Collect and the web
    engine both send each answered file as a part named by its file name."""
    return {
        part.name or key: part
        for key in request.FILES
        if key != "xml_submission_file"
        for part in request.FILES.getlist(key)
    }


@csrf_exempt
@require_http_methods(["HEAD", "POST"])
def submission(request: HttpRequest, token: str) -> HttpResponse:
    device = _device(token)
    if device is None:
        return _message("Không tìm thấy.", 404)
    if request.method == "HEAD":
        return _openrosa("", 204)
    upload = request.FILES.get("xml_submission_file")
    if upload is None or (upload.size or 0) > MAX_SUBMISSION:
        return _message("Thiếu tệp xml_submission_file.", 400)
    files = answered_files(request)
    try:
        services.instance_submit(
            survey=device.survey,
            unit=device.unit,
            content=upload.read(),
            source=ResponseSource.ODK,
            files=files,
        )
    except ValidationFailed as exc:
        errors = exc.extra.get("errors")
        detail = (
            "; ".join(f"{k}: {v}" for k, v in errors.items()) if isinstance(errors, dict) else ""
        )
        return _message(f"{exc.message} {detail}".strip(), 400)
    except NotFoundError as exc:
        return _message(exc.message, 404)
    return _message("Đã nhận phiếu.", 201, "submit_success")
