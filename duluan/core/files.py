"""Stored files: removed only once the database agrees they are gone; where they live."""

from __future__ import annotations

import logging
from collections.abc import Iterable
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
