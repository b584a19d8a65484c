"""An import cut off by the database: one message, for the page, the command
line and (later) the background job.

A dropped or refused connection surfaces as Django's ``OperationalError`` or
``InterfaceError`` (wrapped by the ORM's cursor), or as psycopg's own classes
where code reaches the raw connection. The person who uploaded the file gets
the truth about what was kept and what to do, never a psycopg traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import django.db

from duluan.core.sheets.cells import vn_int
from duluan.core.sheets.errors import ImportRefused

log = logging.getLogger(__name__)

_CUT: tuple[type[BaseException], ...] = (django.db.OperationalError, django.db.InterfaceError)
try:  # psycopg is installed with duluan; the guard keeps SQLite-only checkouts working
    import psycopg

    _CUT += (psycopg.OperationalError, psycopg.InterfaceError)
except ImportError:  # pragma: no cover
    pass


class ImportInterrupted(ImportRefused):
    """The database went away during the import; ``message`` says what was kept."""

    status = 503


def interrupted_message(exc: BaseException, *, file_name: str, rows_kept: int = 0) -> str | None:
    """The Vietnamese message for an import of ``file_name`` cut off by ``exc``,
    or None when ``exc`` is not a lost or refused database connection.

    ``rows_kept`` is what a writer that commits batch by batch had committed
    before the cut; the report import writes in one transaction, so it keeps 0.
    Importing the same file again is safe either way: a row's ``import_key``
    makes the rows already stored count as duplicates.
    """
    if not isinstance(exc, _CUT):
        return None
    kept = f"đã lưu {vn_int(rows_kept)} dòng" if rows_kept else "không dòng nào được lưu"
    return (
        f"Mất kết nối tới cơ sở dữ liệu trong khi nhập «{file_name}» "
        f"(hoặc cơ sở dữ liệu không trả lời): {kept}. "
        "Hãy nhập lại tệp: các dòng đã có sẽ không bị nhập trùng."
    )


@contextmanager
def refuse_when_cut_off(*, file_name: str, rows_kept: int = 0) -> Iterator[None]:
    """Turn a lost database connection inside the block into :class:`ImportInterrupted`."""
    try:
        yield
    except Exception as exc:
        message = interrupted_message(exc, file_name=file_name, rows_kept=rows_kept)
        if message is None:
            raise
        log.warning("import of %r cut off by the database: %r", file_name, exc)
        raise ImportInterrupted(message) from exc
