"""Removing stored files only once the database agrees they are gone."""

from __future__ import annotations

import logging
from collections.abc import Iterable

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
