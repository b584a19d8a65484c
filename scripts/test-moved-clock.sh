#!/usr/bin/env bash
# The date-sensitive tests (marker `clock`, added by config/testenv.py to every test module
# that names dates, deadlines, periods or the demo) again under a clock moved forward by
# 30 days and by a year: a test that pins a date while a service reads the clock fails here
# before the calendar catches up with it. Browser tests stay on the real clock (Chromium's
# own clock cannot be moved from Python).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"
export DULUAN_VAR_DIR="${DULUAN_VAR_DIR:-$PWD/var/test}"
mkdir -p "$DULUAN_VAR_DIR"
for days in ${DULUAN_CLOCK_SHIFTS:-30 365}; do
  echo "== pytest -m clock, clock moved forward by $days days"
  DULUAN_TEST_CLOCK_SHIFT_DAYS=$days \
    pytest -p no:cacheprovider -n "${DULUAN_TEST_WORKERS:-auto}" --dist loadscope \
    -m "clock and not browser" -q "$@"
done
