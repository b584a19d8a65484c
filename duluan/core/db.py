"""Database connection tuning."""

from __future__ import annotations

import sqlite3
from typing import Any

# Django 5.2 assumes SQLite's old default of 999 variables per statement, so
# bulk_create on a 20-column model inserts ~50 rows per statement. Modern
# SQLite allows far more; Django 6.0 reads the real limit. Same here.
SQLITE_PARAMS_CAP = 32766


def tune_sqlite(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor != "sqlite" or connection.connection is None:
        return
    limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    connection.features.max_query_params = min(limit, SQLITE_PARAMS_CAP)
