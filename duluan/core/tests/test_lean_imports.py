"""Start-up stays lean: no process imports a heavy library before it needs one.

Each test starts a fresh interpreter (the test process itself has imported
everything long ago) and asserts on the set of modules loaded, not on a
timing: a commit that brings back an eager ``import sklearn`` (or pandas,
NumPy, openpyxl…) on the way to the URLconfs, the API, the admin, the
template tags or the system checks fails here, naming the package; find
who imported it with ``python -X importtime``. ``python -m bench startup`` has
the seconds and megabytes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from duluan.core.lazy import lazy_module

ROOT = Path(__file__).resolve().parents[3]

# Model libraries, the numerical stack and the document writers, with what they bring.
HEAVY = (
    "sklearn",
    "scipy",
    "pandas",
    "numpy",
    "statsmodels",
    "joblib",
    "threadpoolctl",
    "narwhals",
    "docx",
    "pyxform",
    "openpyxl",
    "lxml",
    "PIL",
    "holidays",
    "segno",
    "httpx",
    "feedparser",
    "trafilatura",
)

_REPORT = f"""
import atexit, json, sys
HEAVY = {HEAVY!r}
atexit.register(
    lambda: print("HEAVY " + json.dumps(sorted(set(HEAVY).intersection(m.split(".")[0] for m in sys.modules))))
)
"""

# What a web worker and every management command do before their own work.
_START = (
    _REPORT
    + """
import django
django.setup()  # every app, its models, signals, registries and admin

from django.urls import get_resolver, reverse

def walk(resolver):
    for entry in resolver.url_patterns:
        if hasattr(entry, "url_patterns"):
            walk(entry)

walk(get_resolver())  # every URLconf, and so every view module and the API routers
import duluan.api.router

from django.core.management import call_command
call_command("check")  # the system checks, as `duluan check` and every command run them

from django.template import engines
engines["django"].engine.template_libraries  # every template tag library

from django.test import Client
status = Client(HTTP_HOST="127.0.0.1").get(reverse("login")).status_code
assert status == 200, status  # a first page, rendered
"""
)


def _run(code: str, tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = dict(os.environ)
    environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            # Its own database, never created: none of this may need one.
            "DULUAN_DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
            "DULUAN_HTTPS": "0",
            **env,
        }
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _heavy(proc: subprocess.CompletedProcess[str]) -> list[str]:
    lines = [line for line in proc.stdout.splitlines() if line.startswith("HEAVY ")]
    assert lines, proc.stdout[-2000:] + proc.stderr[-2000:]
    return list(json.loads(lines[-1][len("HEAVY ") :]))


def test_start_up_imports_no_model_library_nor_document_writer(tmp_path: Path) -> None:
    proc = _run(_START, tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert _heavy(proc) == []
    assert not (tmp_path / "unused.sqlite3").exists()


def test_refused_import_command_imports_no_model_library(tmp_path: Path) -> None:
    pdf = tmp_path / "bien-ban.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 800)  # 200 KB, not a spreadsheet
    code = _REPORT + "from duluan.cli import main\nmain(['duluan', 'import-reports', sys.argv[1]])"
    proc = _run(code, tmp_path, str(pdf))
    assert proc.returncode == 1
    assert "Tệp không phải bảng tính" in proc.stderr
    assert _heavy(proc) == []


def test_defusedxml_check_agrees_with_openpyxl_without_importing_it(tmp_path: Path) -> None:
    ours = (
        "import sys\nfrom duluan.core.checks import openpyxl_defusedxml\n"
        "print(openpyxl_defusedxml(), 'openpyxl' in sys.modules)"
    )
    theirs = "import openpyxl.xml\nprint(openpyxl.xml.DEFUSEDXML)"
    for setting in ("True", "False"):
        mine = _run(ours, tmp_path, OPENPYXL_DEFUSEDXML=setting)
        real = _run(theirs, tmp_path, OPENPYXL_DEFUSEDXML=setting)
        assert mine.returncode == real.returncode == 0, mine.stderr + real.stderr
        assert mine.stdout.split() == [real.stdout.strip(), "False"]


def test_lazy_module_imports_on_first_attribute_and_keeps_it() -> None:
    import json as real

    lazy = lazy_module("json")
    assert "dumps" not in vars(lazy)
    assert lazy.dumps is real.dumps
    assert vars(lazy)["dumps"] is real.dumps  # later reads skip the import machinery
