"""Start-up: the wall time, CPU time and peak memory of a fresh process.

Every ``duluan`` command, every cron job and every gunicorn or Celery worker
starts by loading Django, the apps, the URLconfs (the system checks load them
all) and the API. This measures, each in a fresh child process, after one
warm-up run that leaves the bytecode cached:

* ``duluan check``;
* ``duluan import-reports`` on a 200 KB file that is not a spreadsheet (it
  must be refused with the usual message);
* ``duluan help``;
* a gunicorn worker's first response: ``gunicorn config.wsgi`` with one
  worker on a free loopback port, from starting the process to the first 200
  on the sign-in page, and the worker's memory after it (skipped when
  gunicorn is not installed);
* for scale: the interpreter alone, and Django + django-ninja + Celery with the
  same third-party apps and none of duluan's (what no change in duluan can
  remove).

Figures are medians of ``RUNS`` runs: wall seconds, CPU seconds (user + system:
it moves less than the wall time when other work shares the machine; the load
average is recorded with them) and peak resident memory (``VmHWM``, which exec
resets, read by the child as it exits; ``ru_maxrss`` would report the bench's
own size for a child smaller than it. For the gunicorn worker, from /proc).
Targets: at most 1.5 s and 120 MB for the commands that use no model.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from bench.common import ROOT

NAME = "startup"
RUNS = 5
TARGET_SECONDS = 1.5
TARGET_MB = 120.0
REFUSED_BYTES = 200 * 1024
REFUSED_MESSAGE = "Tệp không phải bảng tính"
FIRST_PAGE = "/dang-nhap/"  # the sign-in page: no database read, every URLconf loaded
DB = ROOT / "var" / "bench" / "startup.sqlite3"

# Django, django-ninja and Celery with the project's third-party apps, no duluan app.
BASELINE = """
import config.settings as project  # also builds the Celery app (config/__init__.py)
from django.conf import settings

settings.configure(
    INSTALLED_APPS=[a for a in project.INSTALLED_APPS if not a.startswith("duluan")],
    DATABASES=project.DATABASES,
    SECRET_KEY=project.SECRET_KEY,
    MIDDLEWARE=[m for m in project.MIDDLEWARE if not m.startswith("duluan")],
    TEMPLATES=project.TEMPLATES,
    USE_TZ=True,
)
import django

django.setup()
from ninja import NinjaAPI

NinjaAPI(urls_namespace="baseline")
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a server keeps its bytecode
    env.setdefault("DULUAN_DATABASE_URL", f"sqlite:///{DB}")
    env.setdefault("DULUAN_HTTPS", "0")
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    return env


# Prefixed to every measured child: print its peak memory as it exits.
PEAK = """
import atexit, sys
def _peak():
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                sys.stderr.write("BENCH_PEAK_KB " + line.split()[1] + "\\n")
atexit.register(_peak)
"""
PEAK_MARK = "BENCH_PEAK_KB "


def _python(code: str, *args: str) -> list[str]:
    return [sys.executable, "-c", PEAK + code, *args]


def _duluan(*args: str) -> list[str]:
    """The ``duluan`` console command (``duluan.cli.main``) with ``args``."""
    return _python("from duluan.cli import main\nmain(['duluan', *sys.argv[1:]])", *args)


def _refused_file(directory: Path) -> Path:
    """200 KB that start like a PDF: the kind of file people attach by mistake."""
    rng = random.Random(16)
    path = directory / "bien-ban.pdf"
    path.write_bytes(b"%PDF-1.4\n" + rng.randbytes(REFUSED_BYTES - 9))
    return path


def _timed(command: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Run ``command`` to its end: wall and CPU seconds, its own peak memory, output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=err)  # noqa: S603
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace").splitlines()
        peak = [int(line.split()[1]) for line in stderr if line.startswith(PEAK_MARK)]
        return {
            "wall": wall,
            "cpu": usage.ru_utime + usage.ru_stime,
            "mb": peak[-1] / 1024 if peak else float("nan"),
            "rc": proc.returncode,
            "stdout": out.read().decode("utf-8", "replace"),
            "stderr": "\n".join(line for line in stderr if not line.startswith(PEAK_MARK)),
        }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _proc_status(pid: int) -> dict[str, int]:
    """VmRSS / VmHWM (kB) of a process, and its CPU ticks (utime + stime)."""
    figures: dict[str, int] = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as handle:
        for line in handle:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                figures[key] = int(value.split()[0])
    with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    figures["ticks"] = int(fields[11]) + int(fields[12])  # utime, stime
    return figures


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as handle:
            return [int(p) for p in handle.read().split()]
    except OSError:
        return []


def _gunicorn_first_response(env: dict[str, str], log: Path) -> dict[str, Any]:
    """Start gunicorn (one worker); wall seconds to the first 200, the worker's memory."""
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi",
        "--workers=1",
        f"--bind=127.0.0.1:{port}",
        "--log-level=warning",
    ]
    url = f"http://127.0.0.1:{port}{FIRST_PAGE}"
    with log.open("ab") as sink:
        started = time.perf_counter()
        master = subprocess.Popen(command, cwd=ROOT, env=env, stdout=sink, stderr=sink)  # noqa: S603
        try:
            status = 0
            while time.perf_counter() - started < 120:
                try:
                    with urllib.request.urlopen(url, timeout=60) as response:
                        status = response.status
                        break
                except (ConnectionError, urllib.error.URLError) as exc:
                    if isinstance(exc, urllib.error.HTTPError):
                        status = exc.code
                        break
                    if master.poll() is not None:
                        break
                    time.sleep(0.01)
            wall = time.perf_counter() - started
            workers = _children(master.pid)
            worker = _proc_status(workers[0]) if workers else {}
        finally:
            master.send_signal(signal.SIGTERM)
            try:
                master.wait(timeout=30)
            except subprocess.TimeoutExpired:
                master.kill()
                master.wait()
    ticks = os.sysconf("SC_CLK_TCK")
    return {
        "wall": wall,
        "cpu": worker.get("ticks", 0) / ticks,
        "mb": worker.get("VmHWM", 0) / 1024,
        "rss_mb": worker.get("VmRSS", 0) / 1024,
        "rc": 0 if status == 200 else 1,
        "status": status,
    }


def _summary(name: str, runs: list[dict[str, Any]], *, target: bool) -> dict[str, Any]:
    row: dict[str, Any] = {
        "case": name,
        "runs": len(runs),
        "wall_s": round(statistics.median(r["wall"] for r in runs), 3),
        "wall_s_min": round(min(r["wall"] for r in runs), 3),
        "cpu_s": round(statistics.median(r["cpu"] for r in runs), 3),
        "peak_mb": round(statistics.median(r["mb"] for r in runs), 1),
    }
    if "rss_mb" in runs[0]:
        row["rss_after_mb"] = round(statistics.median(r["rss_mb"] for r in runs), 1)
    if target:
        row["wall_met"] = row["wall_s"] <= TARGET_SECONDS
        row["cpu_met"] = row["cpu_s"] <= TARGET_SECONDS
        row["memory_met"] = row["peak_mb"] <= TARGET_MB
    return row


def _measure(name: str, once: Any, *, target: bool = True, check: Any = None) -> dict[str, Any]:
    once()  # warm-up: bytecode written, page cache filled
    runs = [once() for _ in range(RUNS)]
    row = _summary(name, runs, target=target)
    if check is not None:
        row.update(check(runs[-1]))
    print(
        f"   {name:<28} wall {row['wall_s']:>6.2f} s  cpu {row['cpu_s']:>5.2f} s  "
        f"peak {row['peak_mb']:>6.1f} MB"
        + (
            ""
            if not target
            else "  " + ("ok" if row["wall_met"] and row["memory_met"] else "OVER TARGET")
        ),
        flush=True,
    )
    return row


def _expect_ok(result: dict[str, Any]) -> dict[str, Any]:
    if result["rc"] != 0:
        raise RuntimeError(f"exit {result['rc']}: {result['stderr'][-400:]}")
    return {}


def _expect_refusal(result: dict[str, Any]) -> dict[str, Any]:
    refused = result["rc"] == 1 and REFUSED_MESSAGE in result["stderr"]
    if not refused:
        raise RuntimeError(f"not refused (exit {result['rc']}): {result['stderr'][-400:]}")
    return {"refused": True, "message": result["stderr"].strip().splitlines()[-1]}


def run() -> dict[str, Any]:
    env = _env()
    DB.parent.mkdir(parents=True, exist_ok=True)
    # A migrated database, as in production (not timed).
    migrate = [sys.executable, "-m", "duluan.cli", "migrate", "--noinput", "-v", "0"]
    subprocess.run(migrate, cwd=ROOT, env=env, check=True)  # noqa: S603
    load_before = os.getloadavg()
    workdir = Path(tempfile.mkdtemp(prefix="duluan-startup-"))
    refused = _refused_file(workdir)
    cases: list[dict[str, Any]] = []

    def command(*args: str, expect: Any = _expect_ok) -> Any:
        def once() -> dict[str, Any]:
            result = _timed(_duluan(*args), env)
            expect(result)
            return result

        return once

    cases.append(
        _measure(
            "python -c pass",
            lambda: _timed(_python("pass"), env),
            target=False,
        )
    )
    cases.append(
        _measure(
            "django+ninja+celery baseline",
            lambda: _timed(_python(BASELINE), env),
            target=False,
            check=_expect_ok,
        )
    )
    cases.append(_measure("duluan check", command("check"), check=_expect_ok))
    cases.append(
        _measure(
            "duluan import-reports refused",
            command("import-reports", str(refused), expect=_expect_refusal),
            check=_expect_refusal,
        )
    )
    cases.append(_measure("duluan help", command("help"), check=_expect_ok))
    if find_spec("gunicorn") is None:
        cases.append({"case": "gunicorn first response", "skipped": "gunicorn is not installed"})
        print("   gunicorn first response: skipped (gunicorn is not installed)", flush=True)
    else:
        log = ROOT / "var" / "bench" / "startup-gunicorn.log"

        def first_response() -> dict[str, Any]:
            result = _gunicorn_first_response(env, log)
            if result["status"] != 200:
                raise RuntimeError(f"gunicorn answered {result['status']}; see {log}")
            return result

        cases.append(_measure("gunicorn first response", first_response))
    for path in workdir.iterdir():
        path.unlink()
    workdir.rmdir()
    targeted = [c for c in cases if "wall_met" in c]
    return {
        "runs_per_case": RUNS,
        "target_seconds": TARGET_SECONDS,
        "target_peak_mb": TARGET_MB,
        "load_average_1m": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
        "all_wall_met": all(c["wall_met"] for c in targeted),
        "all_cpu_met": all(c["cpu_met"] for c in targeted),
        "all_memory_met": all(c["memory_met"] for c in targeted),
        "cases": cases,
    }
