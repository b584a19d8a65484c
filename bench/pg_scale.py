"""Millions of reports on PostgreSQL, written set-based (no ORM, no Python row loop).

Used by ``bench_report_list`` and ``bench_dashboard`` for their PostgreSQL
scale parts (``DULUAN_BENCH_SCALE_REPORTS``, e.g. 10,000,000):

* :func:`fill_reports`: the reports, generated inside PostgreSQL by one
  ``INSERT ... SELECT`` over ``generate_series`` (texts drawn from the same
  4,000-entry pool as the SQLite benchmark, loaded with ``COPY``), spread over
  the benchmark province's 150 grassroots unions and ``YEARS`` years ending
  today, in time order (ids grow with ``heard_at``, as in real use). The
  secondary indexes are dropped first and rebuilt after, as a bulk load does.
* :func:`fill_analyses`: 70 % of the reports analysed (sentiment, a topic, a
  second topic for one in five), as the million-report part always did.
* :func:`rebuild_facts`: the dashboard's fact tables computed in SQL
  (:func:`duluan.dashboard.services.dashboard_rebuild` counts in Python, too slow
  at ten million on two shared cores). Same definition: each report counted in
  its unit and every ancestor, per local day, under ``TOPIC_ALL``, each of its
  topics, or ``TOPIC_NONE``; sentiment falls back to the mood.
  :func:`compare_with_product` runs both on the current data and counts the
  rows that differ (run at 20,000 reports, plain and partitioned: none).
"""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta
from typing import Any

YEARS = 3
FACT_TABLES = (
    "dashboard_factday",
    "dashboard_factmonth",
    "dashboard_slimday",
    "dashboard_slimmonth",
)
SEED = 0.2026


def _secondary_indexes(cursor: Any, table: str) -> list[tuple[str, str]]:
    cursor.execute(
        """
        SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.tablename = %s AND i.schemaname = current_schema()
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
        """,
        [table],
    )
    return [(str(name), str(sql)) for name, sql in cursor.fetchall()]


def fill_reports(n: int, grassroots: list[Any]) -> float:
    """Insert ``n`` reports set-based; returns the seconds spent."""
    from django.db import connection

    from bench.bench_report_list import SEED as POOL_SEED
    from bench.bench_report_list import _text_pool
    from duluan.intake.choices import Channel, Kind, Mood, Source, Urgency, Verifiability

    started = time.perf_counter()
    pool = _text_pool(random.Random(POOL_SEED))
    end = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    span = int(timedelta(days=365 * YEARS).total_seconds())
    urgencies = [Urgency.NORMAL] * 8 + [Urgency.ATTENTION] * 3 + [Urgency.HOT_SPOT]
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute("TRUNCATE intake_report RESTART IDENTITY CASCADE")
        indexes = _secondary_indexes(cursor, "intake_report")
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute("DROP TABLE IF EXISTS bench_pool")
        cursor.execute(
            "CREATE TEMP TABLE bench_pool (n int PRIMARY KEY, subject text, body text,"
            " place text, search text)"
        )
        with cursor.cursor.copy("COPY bench_pool FROM STDIN") as copy:
            for i, row in enumerate(pool):
                copy.write_row((i, *row))
        cursor.execute("SELECT setseed(%s)", [SEED])
        cursor.execute(
            """
            INSERT INTO intake_report (unit_id, channel, heard_at, place, subject, text,
                people_count, kind, mood, urgency, verifiability, source, is_anonymous,
                submitter_key, import_key, import_batch_id, search_text, text_anonymised_at,
                created_at, updated_at)
            SELECT g.unit_id, g.channel, g.heard_at, p.place, p.subject, p.body, NULL, g.kind,
                g.mood, g.urgency, g.verif, %(source)s, true, '', NULL, NULL, p.search, NULL,
                g.heard_at, g.heard_at
            FROM (
                SELECT i,
                    (%(units)s::bigint[])[1 + floor(random() * %(nu)s)::int] AS unit_id,
                    (%(channels)s::text[])[1 + floor(random() * %(nc)s)::int] AS channel,
                    (%(kinds)s::text[])[1 + floor(random() * %(nk)s)::int] AS kind,
                    (%(moods)s::text[])[1 + floor(random() * %(nm)s)::int] AS mood,
                    (%(urgencies)s::text[])[1 + floor(random() * 12)::int] AS urgency,
                    (%(verifs)s::text[])[1 + floor(random() * %(nv)s)::int] AS verif,
                    %(end)s::timestamptz
                        - make_interval(secs => (%(span)s::float8 * (%(n)s - i) / %(n)s)
                                                + floor(random() * 3600)) AS heard_at,
                    floor(random() * %(np)s)::int AS pick
                FROM generate_series(1, %(n)s) AS i
            ) g JOIN bench_pool p ON p.n = g.pick
            """,
            {
                "source": Source.DEMO,
                "units": [u.pk for u in grassroots],
                "nu": len(grassroots),
                "channels": list(Channel.values),
                "nc": len(Channel.values),
                "kinds": list(Kind.values),
                "nk": len(Kind.values),
                "moods": list(Mood.values),
                "nm": len(Mood.values),
                "urgencies": [str(u) for u in urgencies],
                "verifs": list(Verifiability.values),
                "nv": len(Verifiability.values),
                "end": end,
                "span": span,
                "n": n,
                "np": len(pool),
            },
        )
        cursor.execute("DROP TABLE IF EXISTS bench_pool")
        for _, sql in indexes:
            cursor.execute(sql)
        cursor.execute("VACUUM ANALYZE intake_report")
    return time.perf_counter() - started


def fill_analyses() -> float:
    """70 % of the reports analysed: a sentiment, a topic, a second topic for 1 in 5."""
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
        cursor.execute("TRUNCATE nlp_reportanalysis, nlp_reporttopic")
        cursor.execute(
            """
            INSERT INTO nlp_reportanalysis (report_id, sentiment, sentiment_confidence, kind,
                kind_confidence, urgency, urgency_confidence, urgency_signals,
                suggests_hot_spot, model_version, analysed_at)
            SELECT id, CASE WHEN mood = 'trai_chieu' THEN 'trung_lap' ELSE mood END, 0.8, kind,
                0.8, urgency, 0.8, '', false, 'bench', created_at
            FROM intake_report WHERE id % 10 < 7
            """
        )
        cursor.execute(
            """
            WITH t AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM nlp_topic)
            INSERT INTO nlp_reporttopic (report_id, topic_id, confidence)
            SELECT r.id, t.id, 0.8 FROM intake_report r JOIN t ON t.n = r.id % 16
            WHERE r.id % 10 < 7
            UNION ALL
            SELECT r.id, t.id, 0.6 FROM intake_report r JOIN t ON t.n = (r.id + 5) % 16
            WHERE r.id % 10 < 7 AND r.id % 5 = 0
            """
        )
        cursor.execute("VACUUM ANALYZE nlp_reportanalysis")
        cursor.execute("VACUUM ANALYZE nlp_reporttopic")
    return time.perf_counter() - started


_LEAF = """
CREATE TEMP TABLE bench_leaf AS
SELECT r.unit_id, (r.heard_at AT TIME ZONE %(tz)s)::date AS day, c.topic,
    COALESCE(NULLIF(a.sentiment, ''), r.mood) AS sentiment, r.channel, r.kind, count(*) AS n
FROM intake_report r
LEFT JOIN nlp_reportanalysis a ON a.report_id = r.id
LEFT JOIN (SELECT report_id, array_agg(topic_id::int) AS topics FROM nlp_reporttopic
           GROUP BY report_id) t ON t.report_id = r.id
CROSS JOIN LATERAL unnest(ARRAY[0] || COALESCE(t.topics, ARRAY[-1])) AS c(topic)
GROUP BY 1, 2, 3, 4, 5, 6
"""

# Each unit with itself and every ancestor (materialised paths: a prefix is an ancestor).
_ANCESTRY = """
CREATE TEMP TABLE bench_ancestry AS
SELECT u.id AS unit_id, a.id AS owner FROM org_unit u
JOIN org_unit a ON left(u.path, length(a.path)) = a.path
"""

_FACT_DAY = """
INSERT INTO dashboard_factday (unit_id, day, topic, sentiment, channel, kind, reports)
SELECT a.owner, l.day, l.topic, l.sentiment, l.channel, l.kind, sum(l.n)
FROM bench_leaf l JOIN bench_ancestry a ON a.unit_id = l.unit_id
GROUP BY 1, 2, 3, 4, 5, 6
"""


def rebuild_facts() -> float:
    """The four fact tables from the reports, in SQL; returns the seconds spent."""
    from django.conf import settings
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
        cursor.execute("SET work_mem = '256MB'")
        cursor.execute(
            "TRUNCATE dashboard_factday, dashboard_factmonth, dashboard_slimday,"
            " dashboard_slimmonth"
        )
        # A bulk load: no per-row foreign-key triggers, keys and indexes built after.
        cursor.execute("SET session_replication_role = replica")
        rebuilt: list[str] = []
        for table in FACT_TABLES:
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                " WHERE conrelid = %s::regclass AND contype = 'u'",
                [table],
            )
            for name, definition in cursor.fetchall():
                cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
                rebuilt.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
            for name, sql in _secondary_indexes(cursor, table):
                cursor.execute(f'DROP INDEX "{name}"')
                rebuilt.append(sql)
        cursor.execute("DROP TABLE IF EXISTS bench_leaf, bench_ancestry")
        cursor.execute(_LEAF, {"tz": settings.TIME_ZONE})
        cursor.execute(_ANCESTRY)
        cursor.execute("ANALYZE bench_leaf, bench_ancestry")
        cursor.execute(_FACT_DAY)
        cursor.execute("DROP TABLE bench_leaf, bench_ancestry")
        cursor.execute(
            """
            INSERT INTO dashboard_slimday (unit_id, day, topic, sentiment, reports)
            SELECT unit_id, day, topic, sentiment, sum(reports) FROM dashboard_factday
            GROUP BY 1, 2, 3, 4
            """
        )
        cursor.execute(
            """
            INSERT INTO dashboard_factmonth (unit_id, month, topic, sentiment, channel, kind,
                reports)
            SELECT unit_id, date_trunc('month', day)::date, topic, sentiment, channel, kind,
                sum(reports) FROM dashboard_factday GROUP BY 1, 2, 3, 4, 5, 6
            """
        )
        cursor.execute(
            """
            INSERT INTO dashboard_slimmonth (unit_id, month, topic, sentiment, reports)
            SELECT unit_id, date_trunc('month', day)::date, topic, sentiment, sum(reports)
            FROM dashboard_factday GROUP BY 1, 2, 3, 4
            """
        )
        for sql in rebuilt:
            cursor.execute(sql)
        cursor.execute("SET session_replication_role = DEFAULT")
        for table in FACT_TABLES:
            cursor.execute(f"VACUUM ANALYZE {table}")
    return time.perf_counter() - started


def compare_with_product() -> dict[str, int]:
    """Rows that differ between :func:`rebuild_facts` and the product's rebuild."""
    from django.db import connection

    from duluan.dashboard.services import dashboard_rebuild

    tables = ("factday", "factmonth", "slimday", "slimmonth")
    rebuild_facts()
    with connection.cursor() as cursor:
        for t in tables:
            cursor.execute(f"DROP TABLE IF EXISTS bench_sql_{t}")
            cursor.execute(f"CREATE TABLE bench_sql_{t} AS SELECT * FROM dashboard_{t}")  # noqa: S608
    dashboard_rebuild()
    out: dict[str, int] = {}
    with connection.cursor() as cursor:
        for t in tables:
            cursor.execute(
                "SELECT string_agg(column_name, ', ') FROM information_schema.columns"
                " WHERE table_name = %s AND column_name <> 'id'",
                [f"dashboard_{t}"],
            )
            cols = cursor.fetchone()[0]
            cursor.execute(
                f"SELECT count(*) FROM ((SELECT {cols} FROM dashboard_{t} EXCEPT"  # noqa: S608
                f" SELECT {cols} FROM bench_sql_{t}) UNION ALL (SELECT {cols} FROM bench_sql_{t}"
                f" EXCEPT SELECT {cols} FROM dashboard_{t})) d"
            )
            out[t] = int(cursor.fetchone()[0])
            cursor.execute(f"DROP TABLE bench_sql_{t}")
    return out
