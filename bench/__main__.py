"""Run every ``bench/bench_*.py``: each has ``run() -> dict`` and a ``NAME``.

Each benchmark works on its own SQLite database under var/bench/ (never the
user's data), prints its figures and writes them to bench/results/NAME.json.
Run one: ``python -m bench import`` (the part after ``bench_``). Options
(``--quick``) reach the benchmarks as ``BENCH_ARGS``. A benchmark that cannot
run here returns ``{"skipped": True, "reason": ...}``.
"""

from __future__ import annotations

import importlib
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
RESULTS = ROOT / "results"


MARK = "BENCH_RESULT "


def child(stem: str) -> int:
    module = importlib.import_module(f"bench.{stem}")
    print(MARK + json.dumps(module.run(), ensure_ascii=False), flush=True)
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        return child(argv[1])
    wanted = {a for a in argv if not a.startswith("--")}
    options = " ".join(a for a in argv if a.startswith("--"))
    modules = sorted(p.stem for p in ROOT.glob("bench_*.py"))
    RESULTS.mkdir(exist_ok=True)
    failed = 0
    for stem in modules:
        short = stem.removeprefix("bench_")
        if wanted and short not in wanted:
            continue
        print(f"== {short}", flush=True)
        started = time.perf_counter()
        # Each benchmark in its own process: its own Django set-up and database.
        proc = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "bench", "--child", stem],
            cwd=ROOT.parent,
            env={**os.environ, "BENCH_ARGS": options},
            stdout=subprocess.PIPE,
            text=True,
            check=False,
        )
        lines = proc.stdout.splitlines()
        for line in lines:
            if not line.startswith(MARK):
                print("   " + line, flush=True)
        payload = [line[len(MARK) :] for line in lines if line.startswith(MARK)]
        if proc.returncode != 0 or not payload:
            failed += 1
            print(f"   FAILED (exit {proc.returncode})", flush=True)
            continue
        figures = json.loads(payload[-1])
        figures = {
            "benchmark": short,
            "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
            "wall_seconds": round(time.perf_counter() - started, 2),
            **figures,
        }
        (RESULTS / f"{short}.json").write_text(
            json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        for key, value in figures.items():
            if key not in {"benchmark", "machine"}:
                print(f"   {key}: {value}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
