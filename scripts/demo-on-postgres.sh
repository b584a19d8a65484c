#!/usr/bin/env bash
# Build the demo province with the real command on a fresh PostgreSQL database, as an operator
# would (`duluan migrate`, `duluan demo`), then check what it left: every report written and
# counted on the dashboard, the merged matter (the step that once failed on PostgreSQL only),
# the accounts file. The database is created here and dropped on exit.
#   bash scripts/demo-on-postgres.sh              # 2,000 reports, about a minute when idle
#   DULUAN_DEMO_CI_REPORTS=500 bash scripts/demo-on-postgres.sh
# Needs createdb/dropdb and a PostgreSQL server (PGHOST, PGPORT, PGUSER; 127.0.0.1:5432,
# postgres by default) that lets that user create databases.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
reports="${DULUAN_DEMO_CI_REPORTS:-2000}"
db="duluan_demo_ci_$$"
work="$(mktemp -d)"
cleanup() {
  dropdb --if-exists "$db" || true
  rm -rf "$work"
}
trap cleanup EXIT
createdb "$db"
export DULUAN_DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$db"
export DULUAN_DEMO_MODE=1
export DULUAN_VAR_DIR="${DULUAN_VAR_DIR:-$PWD/var/test}"  # the trained seed model is reused
mkdir -p "$DULUAN_VAR_DIR"
unset DULUAN_BROKER_URL  # the jobs the demo sets off run in-process

echo "== duluan demo --reports $reports on PostgreSQL (database $db)"
duluan migrate --noinput -v 0
started=$SECONDS
duluan demo --reports "$reports" --accounts-json "$work/accounts.json" >"$work/demo.log" 2>&1 || {
  tail -n 40 "$work/demo.log"
  exit 1
}
echo "   built in $((SECONDS - started)) s"

DEMO_REPORTS="$reports" DEMO_ACCOUNTS="$work/accounts.json" python - <<'PY'
import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()
from django.db import connection  # noqa: E402
from django.db.models import Sum  # noqa: E402

from duluan.cases.models import Matter  # noqa: E402
from duluan.dashboard.models import TOPIC_ALL, FactDay, FactMonth  # noqa: E402
from duluan.demo.loader import demo_root  # noqa: E402
from duluan.intake.models import Report  # noqa: E402

problems = []
assert connection.vendor == "postgresql", connection.vendor
want = int(os.environ["DEMO_REPORTS"])
root = demo_root()
if root is None:
    sys.exit("no demo province")
reports = Report.objects.count()
seeded = Report.objects.filter(source="demo").count()
if seeded != want:
    problems.append(f"{seeded} seeded reports, not {want}")
# The channel demo (Zalo messages, anonymous tips) files its reports through the channels.
if not Report.objects.filter(source="kenh").exists():
    problems.append("no report came through a channel")
for model in (FactDay, FactMonth):
    counted = model.objects.filter(unit=root, topic=TOPIC_ALL).aggregate(n=Sum("reports"))["n"]
    if counted != reports:
        problems.append(f"{model.__name__} counts {counted} reports at the province, not {reports}")
if not Matter.objects.exists():
    problems.append("no matters")
if want >= 1000 and not Matter.objects.filter(merged_into__isnull=False).exists():
    problems.append("no merged matter")
accounts = json.loads(open(os.environ["DEMO_ACCOUNTS"], encoding="utf-8").read())
if not any(row["username"] == "admin" for row in accounts):
    problems.append(f"accounts file without admin ({len(accounts)} rows)")
if problems:
    sys.exit("demo on PostgreSQL: " + "; ".join(problems))
print(f"   {reports:,} reports counted, {Matter.objects.count()} matters, {len(accounts)} accounts")
PY

echo "== duluan demo --if-empty on the built database"
duluan demo --if-empty --accounts-json "$work/again.json" >/dev/null
cmp -s "$work/accounts.json" "$work/again.json" || { echo "accounts file differs"; exit 1; }
echo "== the demo builds on PostgreSQL"
