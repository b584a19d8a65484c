"""Run every ``bench/bench_*.py``: each has ``run() -> dict`` and a ``NAME``.

Each benchmark works on its own SQLite database under var/bench/ (never the
user's data), prints its figures and writes them to bench/results/NAME.json.
Run one: ``python -m bench import`` (the part after ``bench_``).
"""

from __future__ import annotations

import importlib
import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
RESULTS = ROOT / "results"


def main(argv: list[str]) -> int:
    wanted = set(argv)
    modules = sorted(p.stem for p in ROOT.glob("bench_*.py"))
    RESULTS.mkdir(exist_ok=True)
    failed = 0
    for stem in modules:
        short = stem.removeprefix("bench_")
        if wanted and short not in wanted:
            continue
        module = importlib.import_module(f"bench.{stem}")
        print(f"== {short}", flush=True)
        started = time.perf_counter()
        try:
            figures = module.run()
        except Exception as exc:  # a failed benchmark is reported, the rest still run
            failed += 1
            print(f"   FAILED: {exc!r}", flush=True)
            continue
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
