"""`make run` (the demo) answers a wrong address with the Vietnamese 404 page, as
production does, not Django's debug page listing every address; static files are
still served."""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _run_environment() -> dict[str, str]:
    """The ``DULUAN_*=value`` assignments of the Makefile's ``runserver`` line."""
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8")
    line = next(ln for ln in recipe.splitlines() if "runserver" in ln and "DULUAN_" in ln)
    return dict(word.split("=", 1) for word in shlex.split(line) if re.match(r"DULUAN_\w+=", word))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_make_run_settings_are_not_debug() -> None:
    env = _run_environment()
    assert env["DULUAN_DEMO_MODE"] == "1"
    assert env.get("DULUAN_DEBUG", "0") == "0"
    assert env["DULUAN_HTTPS"] == "0"  # plain http on the demo machine: no https redirect


def test_wrong_address_in_the_demo_shows_the_vietnamese_404(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DULUAN_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update(_run_environment())
    env["DULUAN_VAR_DIR"] = str(tmp_path)
    # An empty database will do for a page that reads none (`make run` migrates first).
    env["DULUAN_ALLOW_UNAPPLIED_MIGRATIONS"] = "1"
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "duluan.cli", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                status, body = _get(f"{base}/khong-co-trang-nay/")
                break
            except (ConnectionError, urllib.error.URLError):
                assert server.poll() is None, server.communicate()[0]
                assert time.monotonic() < deadline, "runserver did not start"
                time.sleep(0.5)
        assert status == 404
        assert "Không tìm thấy trang" in body and 'lang="vi"' in body
        assert "URLconf" not in body and "phan-anh/" not in body  # no list of addresses
        status, css = _get(f"{base}/static/duluan/app.css")
        assert status == 200 and ".sidebar" in css
    finally:
        server.terminate()
        server.wait(timeout=20)
