#!/usr/bin/env bash
# The whole suite: lint, Django checks, migrations in step, then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"
export DULUAN_VAR_DIR="${DULUAN_VAR_DIR:-$PWD/var/test}"
mkdir -p "$DULUAN_VAR_DIR"
echo "== ruff"; ruff check .
echo "== django check"; duluan check --fail-level WARNING
echo "== migrations in step"; duluan makemigrations --check --dry-run
echo "== mypy"; mypy duluan config
echo "== pytest (${DULUAN_DATABASE_URL:-sqlite})"
pytest -p no:cacheprovider "$@"
