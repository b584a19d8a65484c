"""Stored files: removed only once the database agrees they are gone; where they live."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.storage import Storage
from django.db import transaction

log = logging.getLogger(__name__)


def files_delete_on_commit(storage: Storage, names: Iterable[str | None]) -> None:
    """Delete ``names`` from ``storage`` after the current transaction commits.

    A rolled-back erasure must not leave rows pointing at deleted files; a file
    that cannot be deleted (the bucket unreachable) is logged, never raised, so
    the committed erasure is not reported as failed.
    """
    pending = [name for name in names if name]
    if not pending:
        return

    def delete() -> None:
        for name in pending:
            try:
                storage.delete(name)
            except Exception:  # any storage's error (OSError, botocore's ClientError)
                log.exception("could not delete stored file %s", name)

    transaction.on_commit(delete)


def files_location() -> str:
    """Where uploaded files are kept, in words for the personal-data register."""
    if getattr(settings, "STORAGE_BACKEND", "filesystem") != "s3":
        return "thư mục tệp đính kèm trên máy chủ (DULUAN_MEDIA_ROOT)"
    options = settings.STORAGES["default"].get("OPTIONS", {})
    where = f"bucket S3 {options.get('bucket_name')}"
    if options.get("location"):
        where += f", thư mục {options['location']}"
    host = urlsplit(options.get("endpoint_url") or "").hostname
    where += f", máy chủ {host}" if host else ", Amazon S3"
    if options.get("region_name"):
        where += f", vùng {options['region_name']}"
    return where


def files_health() -> str | None:
    """``None`` when uploaded files can be stored, else what is wrong (for a health check).

    S3: one HEAD of the bucket (needs only the s3:ListBucket the storage needs anyway).
    Disk: the media folder exists (or can be made) and is writable.
    """
    from django.core.files.storage import default_storage

    if getattr(settings, "STORAGE_BACKEND", "filesystem") == "s3":
        storage: Any = default_storage
        try:
            storage.connection.meta.client.head_bucket(Bucket=storage.bucket_name)
        except Exception as exc:  # botocore's ClientError, EndpointConnectionError...
            return f"bucket {storage.bucket_name}: {exc.__class__.__name__}"
        return None
    media = Path(settings.MEDIA_ROOT)
    try:
        media.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"{media}: {exc.strerror}"
    return None if os.access(media, os.W_OK) else f"{media}: not writable"


# Folders where every file belongs to a row (a FileField's upload_to). Only these
# are swept: anything else a storage holds is never touched.
ORPHAN_FOLDERS = ("attachments/", "matters/conclusions/", "surveys/")


def _referenced_names() -> set[str]:
    from django.apps import apps
    from django.db import models

    names: set[str] = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                rows = model._default_manager.exclude(**{field.attname: ""})
                names.update(rows.values_list(field.attname, flat=True).iterator())
    return names


def _stored_files(folder: str) -> Iterator[tuple[str, datetime]]:
    """(name, last modified) of every stored file under ``folder``."""
    from django.core.files.storage import default_storage

    if getattr(settings, "STORAGE_BACKEND", "filesystem") == "s3":
        storage: Any = default_storage
        location = storage.location.strip("/")
        prefix = f"{location}/{folder}" if location else folder
        pages = storage.connection.meta.client.get_paginator("list_objects_v2").paginate(
            Bucket=storage.bucket_name, Prefix=prefix
        )
        for page in pages:
            for entry in page.get("Contents", ()):
                yield entry["Key"][len(prefix) - len(folder) :], entry["LastModified"]
        return
    root = Path(settings.MEDIA_ROOT)
    for path in sorted((root / folder).rglob("*")):
        if path.is_file():
            modified = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
            yield path.relative_to(root).as_posix(), modified


def files_orphans(*, older_than: datetime) -> list[str]:
    """Stored files no row points at, last written before ``older_than``.

    They come from an upload whose transaction rolled back, a row deleted by a
    cascade, or a delete that failed after its commit. The age keeps a file
    being saved right now (its row not yet committed) out of the list.
    """
    referenced = _referenced_names()
    return [
        name
        for folder in ORPHAN_FOLDERS
        for name, modified in _stored_files(folder)
        if name not in referenced and modified < older_than
    ]
