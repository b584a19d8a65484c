"""Stored files: removed only once the database agrees they are gone; where they live."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
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
