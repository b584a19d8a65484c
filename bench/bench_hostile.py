"""Hostile files: each refused or handled within 5 s and 200 MB, writing nothing.

Every case runs in a fresh child process (so its peak memory is its own),
against the default limits (50 MB files, 200,000 rows). Figures: seconds,
peak resident memory of the whole process (Django included), the outcome,
and whether the report count stayed unchanged.
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

NAME = "hostile"
LIMIT_SECONDS = 5.0
LIMIT_MB = 200.0

CASES = [
    "zip_bomb",
    "zip_bomb_lying_size",
    "billion_laughs",
    "xxe",
    "wrong_magic_bytes",
    "utf16_csv",
    "cp1258_csv",
    "million_rows_csv",
    "formula_cells",
    "sparse_sheet",
]


def _content(case: str) -> bytes:
    from duluan.intake.tests.test_import_support import (
        csv_bytes,
        csv_text,
        handmade_xlsx,
        lie_about_size,
        row,
        shared_strings,
        sheet_xml,
        to_cp1258,
        xlsx_bytes,
    )

    laughs = (
        '<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
            for i in range(1, 10)
        )
        + "]>"
    )
    cell = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    good = [row(unit_code="BENCH-1") for _ in range(20)]
    if case == "zip_bomb":
        return handmade_xlsx(sheet_xml(""), extra={"xl/media/pad.xml": bytes(1024 * 1024 * 1024)})
    if case == "zip_bomb_lying_size":
        honest = handmade_xlsx(sheet_xml(""), extra={"xl/media/pad.xml": bytes(512 * 1024 * 1024)})
        return lie_about_size(honest, "xl/media/pad.xml", 1000)
    if case == "billion_laughs":
        return handmade_xlsx(sheet_xml(cell), shared_strings("&lol9;", prolog=laughs))
    if case == "xxe":
        prolog = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        return handmade_xlsx(sheet_xml(cell), shared_strings("&xxe;", prolog=prolog))
    if case == "wrong_magic_bytes":
        return b"MZ\x90\x00" + bytes(4096)
    if case == "utf16_csv":
        return csv_bytes(good, encoding="utf-16")
    if case == "cp1258_csv":
        return to_cp1258(csv_text(good))
    if case == "million_rows_csv":
        # A million short rows (under the 50 MB size limit, so the row limit speaks).
        line = "BENCH-1,x\n"
        header = csv_text([]).encode("utf-8")
        return header + line.encode("utf-8") * 1_000_000
    if case == "formula_cells":
        return xlsx_bytes([row(unit_code="BENCH-1", subject='=HYPERLINK("http://x","y")')] * 5)
    if case == "sparse_sheet":
        far = '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>'
        far += '<row r="1000000"><c r="XFD1000000" t="inlineStr"><is><t>b</t></is></c></row>'
        return handmade_xlsx(sheet_xml(far))
    raise ValueError(case)


def _peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: reset at exec, unlike ru_maxrss)."""
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(case: str, path: str) -> dict[str, Any]:
    from bench.common import setup_django

    setup_django("hostile")
    from duluan.core.sheets.errors import ImportRefused
    from duluan.core.sheets.system import SYSTEM_ACTOR
    from duluan.intake.importing.reports import reports_import
    from duluan.intake.models import Report
    from duluan.org.models import Unit
    from duluan.org.services import unit_create

    if not Unit.objects.filter(code="BENCH-1").exists():
        unit_create(code="BENCH-1", name="Công đoàn cơ sở Thử Tải", level="Công đoàn cơ sở")
    Report.objects.all().delete()
    with open(path, "rb") as handle:
        content = handle.read()
    before = Report.objects.count()
    started = time.perf_counter()
    try:
        result = reports_import(actor=SYSTEM_ACTOR, file_name=f"{case}.bin", content=content)
        outcome = f"handled: {result.rows_created} written, {len(result.errors)} row errors"
    except ImportRefused as exc:
        outcome = "refused: " + exc.message[:90]
    seconds = time.perf_counter() - started
    written = Report.objects.count() - before
    peak_mb = _peak_rss_mb()
    return {
        "case": case,
        "file_bytes": len(content),
        "seconds": round(seconds, 3),
        "peak_mb": round(peak_mb, 1),
        "outcome": outcome,
        "rows_written": written,
    }


def run() -> dict[str, Any]:
    from bench.common import setup_django

    setup_django("hostile")  # builds the files with the test builders
    results: list[dict[str, Any]] = []
    workdir = Path(tempfile.mkdtemp(prefix="duluan-hostile-"))
    for case in CASES:
        path = workdir / case
        path.write_bytes(_content(case))
        # The child reads the file and imports it: its peak memory is the import's.
        code = f"import json, bench.bench_hostile as b; print('R', json.dumps(b._child({case!r}, {str(path)!r})))"
        proc = subprocess.run(  # noqa: S603
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=False,
        )
        lines = [line[2:] for line in proc.stdout.splitlines() if line.startswith("R ")]
        if proc.returncode != 0 or not lines:
            results.append({"case": case, "error": proc.stderr[-500:]})
            print(f"   {case}: FAILED {proc.stderr[-300:]}", flush=True)
            continue
        figures = json.loads(lines[-1])
        results.append(figures)
        print(
            f"   {case}: {figures['seconds']} s, peak {figures['peak_mb']} MB, "
            f"{figures['outcome']}",
            flush=True,
        )
    shutil.rmtree(workdir, ignore_errors=True)
    # Only the refused cases must write nothing; the well-formed CSVs and the
    # formula cells are legitimate files and import their rows.
    within = all(
        float(r.get("seconds", 99)) <= LIMIT_SECONDS and float(r.get("peak_mb", 9999)) <= LIMIT_MB
        for r in results
    )
    refused_wrote_nothing = all(
        r.get("rows_written", 1) == 0
        for r in results
        if str(r.get("outcome", "")).startswith("refused")
    )
    return {
        "limit_seconds": LIMIT_SECONDS,
        "limit_peak_mb": LIMIT_MB,
        "all_within_limits": within,
        "refused_wrote_nothing": refused_wrote_nothing,
        "cases": results,
    }
