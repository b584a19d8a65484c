"""Sources: create, switch back on, upload a fanpage export."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.core.errors import NotFoundError, ValidationFailed
from duluan.core.text import nfc
from duluan.org.models import Unit
from duluan.org.scope import unit_in_scope
from duluan.org.types import Actor

from ..choices import SourceKind
from ..models import Source
from ..permissions import MANAGE
from .ingest import items_store

MAX_EXPORT_BYTES = 20 * 1024 * 1024
SCHEMES = ("http://", "https://", "fixture://")


def _check_unit(actor: Actor | None, unit: Unit) -> None:
    if actor is not None and not unit_in_scope(actor, MANAGE, unit):
        raise NotFoundError(_("Không tìm thấy đơn vị."))


@transaction.atomic
def source_create(
    *,
    actor: Actor | None,
    unit: Unit,
    name: str,
    kind: str,
    url: str = "",
    outlet: str = "",
    poll_minutes: int = 30,
) -> Source:
    """A source followed by ``unit``; feeds and sitemaps need an http(s) address."""
    _check_unit(actor, unit)
    url = url.strip()
    if kind != SourceKind.EXPORT and not url.startswith(SCHEMES):
        raise ValidationFailed(_("Địa chỉ nguồn tin phải bắt đầu bằng http:// hoặc https://."))
    source = Source(
        unit=unit,
        name=nfc(name).strip(),
        outlet=nfc(outlet or name).strip(),
        kind=kind,
        url=url if kind != SourceKind.EXPORT else "",
        poll_minutes=max(5, poll_minutes),
    )
    source.full_clean()
    source.save()
    audit_record(
        actor=actor,
        action=Action.STATE_CHANGE,
        object_type="media_source_create",
        object_ids=[source.pk],
        unit_id=unit.pk,
    )
    if kind == SourceKind.SITEMAP:
        from duluan.jobs.services import job_enqueue

        from ..jobs import BACKFILL

        # The past, on its own queue; the live poll reads only the newest entries.
        job_enqueue(BACKFILL, {"source_id": source.pk})
    return source


@transaction.atomic
def source_switch_on(*, actor: Actor | None, source: Source) -> Source:
    """An officer switches a source back on after it was switched off for failures."""
    _check_unit(actor, source.unit)
    source.is_active = True
    source.disabled_at = None
    source.failure_score = 0
    source.consecutive_failures = 0
    source.next_fetch_at = timezone.now()
    source.save(
        update_fields=[
            "is_active",
            "disabled_at",
            "failure_score",
            "consecutive_failures",
            "next_fetch_at",
        ]
    )
    audit_record(
        actor=actor,
        action=Action.STATE_CHANGE,
        object_type="media_source_on",
        object_ids=[source.pk],
        unit_id=source.unit_id,
    )
    return source


def export_upload(
    *, actor: Actor | None, source: Source, filename: str, content: bytes
) -> dict[str, int]:
    """Read a fanpage/group export: posts stored (title, link, time, topic, sentiment),
    comments scored and counted, their text and every name dropped. Idempotent."""
    from ..parse import parse_export

    _check_unit(actor, source.unit)
    if source.kind != SourceKind.EXPORT:
        raise ValidationFailed(_("Nguồn này không nhận tệp xuất."))
    if len(content) > MAX_EXPORT_BYTES:
        raise ValidationFailed(_("Tệp quá lớn (tối đa 20 MB)."))
    if not filename.lower().endswith((".csv", ".json")):
        raise ValidationFailed(_("Chỉ nhận tệp CSV hoặc JSON."))
    try:
        items = parse_export(content, filename=filename, source_key=str(source.pk))
    except (ValueError, UnicodeDecodeError, KeyError, AttributeError) as exc:
        raise ValidationFailed(_("Không đọc được tệp xuất: %s") % type(exc).__name__) from exc
    counts = items_store(source, items)
    now = timezone.now()
    Source.objects.filter(pk=source.pk).update(last_success_at=now, last_attempt_at=now)
    audit_record(
        actor=actor,
        action=Action.REPORT_IMPORT,
        object_type="media_export",
        object_ids=[source.pk],
        unit_id=source.unit_id,
        note=f"{counts['articles']} bài, {counts['comments']} bình luận",
    )
    return counts
