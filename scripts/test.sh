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
# One worker per core; a module's tests stay on one worker (its module-scoped
# fixtures, such as the demo province and the access-matrix world, are built once).
pytest -p no:cacheprovider -n "${DULUAN_TEST_WORKERS:-auto}" --dist loadscope "$@"
