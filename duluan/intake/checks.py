"""System checks for ``DULUAN_REPORTS_PARTITIONED``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks
from django.db import connection


@checks.register()
def partitioning_needs_postgresql(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    if settings.REPORTS_PARTITIONED and connection.vendor != "postgresql":
        return [
            checks.Error(
                "DULUAN_REPORTS_PARTITIONED chỉ dùng được với PostgreSQL.",
                hint="Tắt DULUAN_REPORTS_PARTITIONED hoặc chuyển sang PostgreSQL.",
                id="intake.E001",
            )
        ]
    return []


@checks.register(checks.Tags.database)
def partitioning_matches_table(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    """The setting and the table agree (run by ``check --database default`` and ``migrate``)."""
    from .partitions import TABLE, reports_are_partitioned

    # Django runs database checks only for the aliases it names (``--database``,
    # ``migrate``); a plain ``check`` or ``check --deploy`` must not connect.
    if "default" not in (kwargs.get("databases") or ()):
        return []
    if connection.vendor != "postgresql" or TABLE not in connection.introspection.table_names():
        return []
    partitioned = reports_are_partitioned(connection)
    if settings.REPORTS_PARTITIONED and not partitioned:
        return [
            checks.Warning(
                "Bảng phản ánh chưa được phân vùng theo tháng.",
                hint="Dừng web và worker, chạy `duluan reports-partition --apply`.",
                id="intake.W002",
            )
        ]
    if partitioned and not settings.REPORTS_PARTITIONED:
        return [
            checks.Warning(
                "Bảng phản ánh đã phân vùng nhưng DULUAN_REPORTS_PARTITIONED đang tắt: "
                "các tháng tới sẽ không có phân vùng riêng.",
                hint="Đặt DULUAN_REPORTS_PARTITIONED=1.",
                id="intake.W003",
            )
        ]
    return []
