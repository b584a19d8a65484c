"""Reports partitioned by month on PostgreSQL (``DULUAN_REPORTS_PARTITIONED``).

``intake_report`` becomes a table partitioned by range of ``heard_at`` (the
column the list orders and filters by, and the dashboard counts by), one
partition per local calendar month (``intake_report_pYYYYMM``) and a default
partition for anything outside them. See docs/decisions/0002-report-partitions.md
for the design and its costs; in short:

* the primary key becomes ``(id, heard_at)`` (PostgreSQL requires the
  partition key in every unique constraint); ``id`` stays unique because only
  its sequence assigns it; ``UNIQUE (import_key)`` becomes
  ``UNIQUE (import_key, heard_at)`` (the key is a hash that includes the
  heard-at time, so nothing is lost);
* foreign keys *to* reports cannot stay database constraints (they would need
  a unique key on ``id`` alone), so they are dropped; Django's delete
  collector already does every cascade in Python, as it always did;
* Django's models and migrations do not change: the schema differs only in
  what PostgreSQL enforces, so ``makemigrations --check`` stays clean.

:func:`report_partitions_apply` converts the table (under an exclusive lock:
reports can be neither read nor written while the rows are copied) and is
idempotent; :func:`report_partitions_ensure` creates the coming months'
partitions and moves any rows the default partition caught into their own
month. Beat runs the latter daily when the setting is on.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection as default_connection
from django.db import transaction
from django.utils import timezone

from duluan.core.errors import ApplicationError

logger = logging.getLogger(__name__)

TABLE = "intake_report"
DEFAULT_PARTITION = "intake_report_default"
KEY = "heard_at"
MONTHS_AHEAD = 3
SEQUENCE = "intake_report_id_seq"


@dataclass
class PartitionResult:
    converted: bool = False
    partitions: int = 0
    created: list[str] = field(default_factory=list)
    moved_rows: int = 0
    dropped_foreign_keys: list[str] = field(default_factory=list)
    copied_rows: int = 0


def reports_are_partitioned(connection: Any = default_connection) -> bool:
    """Whether ``intake_report`` is a partitioned table on this database."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT relkind FROM pg_class WHERE oid = to_regclass(%s)", [TABLE])
        row = cursor.fetchone()
    return bool(row and row[0] == "p")


def partition_name(month: date) -> str:
    return f"{TABLE}_p{month:%Y%m}"


def _next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _bound(month: date) -> str:
    """The month's first local midnight as a timestamptz literal."""
    zone = ZoneInfo(settings.TIME_ZONE)
    return datetime(month.year, month.month, 1, tzinfo=zone).isoformat(sep=" ")


def _columns(cursor: Any, table: str) -> list[str]:
    cursor.execute(
        """
        SELECT attname FROM pg_attribute
        WHERE attrelid = to_regclass(%s) AND attnum > 0 AND NOT attisdropped ORDER BY attnum
        """,
        [table],
    )
    return [f'"{row[0]}"' for row in cursor.fetchall()]


def _partitions(cursor: Any) -> set[str]:
    cursor.execute(
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
        " WHERE i.inhparent = to_regclass(%s)",
        [TABLE],
    )
    return {str(row[0]) for row in cursor.fetchall()}


def _drop_foreign_keys_to_reports(cursor: Any) -> list[str]:
    """Drop every database FK that references ``intake_report``; returns their names."""
    cursor.execute(
        "SELECT conrelid::regclass::text, conname FROM pg_constraint"
        " WHERE contype = 'f' AND confrelid = to_regclass(%s) ORDER BY 1, 2",
        [TABLE],
    )
    dropped = []
    for table, name in cursor.fetchall():
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        dropped.append(f"{table}.{name}")
    return dropped


def _month_partition(cursor: Any, month: date, columns: list[str]) -> tuple[str, int]:
    """Create the month's partition, moving in the rows the default partition holds."""
    name = partition_name(month)
    start, end = _bound(month), _bound(_next_month(month))
    cursor.execute(
        f'CREATE TABLE "{name}" (LIKE "{TABLE}" INCLUDING DEFAULTS INCLUDING CONSTRAINTS)'
    )
    moved = 0
    if DEFAULT_PARTITION in _partitions(cursor):
        cols = ", ".join(columns)
        cursor.execute(
            f'WITH moved AS (DELETE FROM "{DEFAULT_PARTITION}" WHERE "{KEY}" >= %s'  # noqa: S608
            f' AND "{KEY}" < %s RETURNING {cols}) INSERT INTO "{name}" ({cols})'
            f" SELECT {cols} FROM moved",
            [start, end],
        )
        moved = max(cursor.rowcount, 0)
    cursor.execute(
        f'ALTER TABLE "{TABLE}" ATTACH PARTITION "{name}"'
        f" FOR VALUES FROM ('{start}') TO ('{end}')"
    )
    return name, moved


def report_partitions_ensure(
    *, months_ahead: int = MONTHS_AHEAD, today: date | None = None
) -> PartitionResult:
    """Partitions for this month and ``months_ahead`` more, and for every month the
    default partition holds rows of (those rows move into it). Idempotent; does
    nothing where the table is not partitioned."""
    result = PartitionResult()
    if not reports_are_partitioned():
        return result
    local = today or timezone.localdate()
    wanted = {date(local.year, local.month, 1)}
    for _ in range(months_ahead):
        wanted.add(_next_month(max(wanted)))
    with transaction.atomic(), default_connection.cursor() as cursor:
        cursor.execute(f'LOCK TABLE "{DEFAULT_PARTITION}" IN SHARE ROW EXCLUSIVE MODE')
        cursor.execute(
            f"SELECT DISTINCT date_trunc('month', \"{KEY}\" AT TIME ZONE %s)::date"  # noqa: S608
            f' FROM "{DEFAULT_PARTITION}"',
            [settings.TIME_ZONE],
        )
        wanted.update(row[0] for row in cursor.fetchall())
        existing = _partitions(cursor)
        columns = _columns(cursor, TABLE)
        for month in sorted(wanted):
            if partition_name(month) in existing:
                continue
            name, moved = _month_partition(cursor, month, columns)
            result.created.append(name)
            result.moved_rows += moved
        result.partitions = len(_partitions(cursor)) - 1
    if result.created:
        logger.info("report partitions created: %s", ", ".join(result.created))
    return result


def _convert(cursor: Any, today: date) -> int:
    """Rebuild ``intake_report`` as a partitioned table; returns the rows copied."""
    old = f"{TABLE}_unpartitioned"
    cursor.execute(f'LOCK TABLE "{TABLE}" IN ACCESS EXCLUSIVE MODE')
    cursor.execute(
        "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE conrelid = to_regclass(%s) AND contype IN ('f', 'u') ORDER BY conname",
        [TABLE],
    )
    constraints = [(str(n), str(t), str(d)) for n, t, d in cursor.fetchall()]
    cursor.execute(
        """
        SELECT i.indexdef FROM pg_indexes i
        WHERE i.tablename = %s AND i.schemaname = current_schema()
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                          WHERE c.conname = i.indexname AND c.conrelid = to_regclass(%s))
        ORDER BY i.indexname
        """,
        [TABLE, TABLE],
    )
    indexes = [str(row[0]) for row in cursor.fetchall()]
    cursor.execute(f'SELECT coalesce(max(id), 0) FROM "{TABLE}"')  # noqa: S608
    top = int(cursor.fetchone()[0])
    cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [TABLE])
    sequence = cursor.fetchone()[0]
    if sequence:
        cursor.execute(f"SELECT last_value FROM {sequence}")  # noqa: S608
        top = max(top, int(cursor.fetchone()[0]))
    cursor.execute(
        f"SELECT date_trunc('month', min(\"{KEY}\") AT TIME ZONE %s)::date"  # noqa: S608
        f' FROM "{TABLE}"',
        [settings.TIME_ZONE],
    )
    first = cursor.fetchone()[0] or date(today.year, today.month, 1)

    cursor.execute(f'ALTER TABLE "{TABLE}" RENAME TO "{old}"')
    cursor.execute(
        f'CREATE TABLE "{TABLE}" (LIKE "{old}" INCLUDING DEFAULTS INCLUDING CONSTRAINTS'
        f' INCLUDING STORAGE) PARTITION BY RANGE ("{KEY}")'
    )
    cursor.execute(f'CREATE TABLE "{DEFAULT_PARTITION}" PARTITION OF "{TABLE}" DEFAULT')
    month, last = first, date(today.year, today.month, 1)
    while month <= last:
        cursor.execute(
            f'CREATE TABLE "{partition_name(month)}" PARTITION OF "{TABLE}"'
            f" FOR VALUES FROM ('{_bound(month)}') TO ('{_bound(_next_month(month))}')"
        )
        month = _next_month(month)
    cols = ", ".join(_columns(cursor, TABLE))
    cursor.execute(f'INSERT INTO "{TABLE}" ({cols}) SELECT {cols} FROM "{old}"')  # noqa: S608
    copied: int = max(cursor.rowcount, 0)
    cursor.execute(f'DROP TABLE "{old}"')  # its identity sequence goes with it

    cursor.execute(f'CREATE SEQUENCE "{SEQUENCE}" AS bigint OWNED BY "{TABLE}".id')
    cursor.execute("SELECT setval(%s, %s, %s)", [SEQUENCE, max(top, 1), top > 0])
    cursor.execute(f"ALTER TABLE \"{TABLE}\" ALTER COLUMN id SET DEFAULT nextval('{SEQUENCE}')")
    cursor.execute(f'ALTER TABLE "{TABLE}" ADD CONSTRAINT "{TABLE}_pkey" PRIMARY KEY (id, "{KEY}")')
    for name, kind, definition in constraints:
        if kind == "u" and KEY not in definition:
            definition = definition.replace(")", f', "{KEY}")', 1)
        cursor.execute(f'ALTER TABLE "{TABLE}" ADD CONSTRAINT "{name}" {definition}')
    for sql in indexes:
        cursor.execute(sql)
    cursor.execute(f'ANALYZE "{TABLE}"')
    return copied


def report_partitions_apply(
    *, months_ahead: int = MONTHS_AHEAD, today: date | None = None
) -> PartitionResult:
    """Partition ``intake_report`` by month (once), drop the foreign keys that
    reference it, and create the coming months' partitions. Idempotent.

    The conversion holds an exclusive lock on the reports for as long as it
    copies them (about a minute per million reports on two cores, see
    docs/scale.md): stop the web and worker processes first.
    """
    if default_connection.vendor != "postgresql":
        raise ApplicationError("Chỉ PostgreSQL hỗ trợ phân vùng bảng phản ánh theo tháng.")
    local = today or timezone.localdate()
    result = PartitionResult()
    with transaction.atomic(), default_connection.cursor() as cursor:
        # Deferred FK checks pending in this transaction would forbid altering those tables.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        if not reports_are_partitioned():
            result.dropped_foreign_keys = _drop_foreign_keys_to_reports(cursor)
            result.copied_rows = _convert(cursor, local)
            result.converted = True
        else:
            result.dropped_foreign_keys = _drop_foreign_keys_to_reports(cursor)
    ahead = report_partitions_ensure(months_ahead=months_ahead, today=local)
    result.created = ahead.created
    result.moved_rows = ahead.moved_rows
    result.partitions = ahead.partitions
    return result


def report_partitions_status() -> dict[str, Any]:
    """What the operator sees: partitioned or not, partitions, rows caught by default."""
    status: dict[str, Any] = {
        "vendor": default_connection.vendor,
        "setting": bool(getattr(settings, "REPORTS_PARTITIONED", False)),
        "partitioned": reports_are_partitioned(),
        "partitions": [],
        "default_rows": 0,
        "foreign_keys_to_reports": [],
    }
    if default_connection.vendor != "postgresql":
        return status
    with default_connection.cursor() as cursor:
        if status["partitioned"]:
            status["partitions"] = sorted(_partitions(cursor) - {DEFAULT_PARTITION})
            cursor.execute(f'SELECT count(*) FROM "{DEFAULT_PARTITION}"')  # noqa: S608
            status["default_rows"] = int(cursor.fetchone()[0])
        cursor.execute(
            "SELECT conrelid::regclass::text || '.' || conname FROM pg_constraint"
            " WHERE contype = 'f' AND confrelid = to_regclass(%s) ORDER BY 1",
            [TABLE],
        )
        status["foreign_keys_to_reports"] = [str(row[0]) for row in cursor.fetchall()]
    return status
