"""The production stack on loopback, set up as docs/operations.md says.

A fresh PostgreSQL database, a Redis of its own (``redis-server`` on a free
port, or ``DULUAN_STACK_REDIS_URL``), then the documented commands: ``migrate``,
``collectstatic``, ``check --deploy``, ``province-create``; then gunicorn with
``deploy/gunicorn.conf.py``, a Celery worker and Celery beat. It checks
``/healthz`` (database, cache and broker ok), signs in through the form (an
officer: officers need no second factor, so no waiver is used), submits a
report through the API and waits until the worker has analysed it.

Opt-in (it starts servers; about a minute and a half on an idle 2-core machine
with a trained seed model, several minutes on a busy one, plus the seed model's
training when no test run has left one in ``var/test/nlp/models``)::

    DULUAN_STACK_TEST=1 .venv/bin/pytest -p no:cacheprovider -n 0 -m stack \
        duluan/core/tests/test_stack.py

``DULUAN_STACK_PG_URL`` (default ``postgres://postgres@127.0.0.1:5432/postgres``)
is where the scratch database is created and dropped.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent
PG_URL = os.environ.get("DULUAN_STACK_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PASSWORD = "mat-khau-ngan-xep-2026"

pytestmark = [
    pytest.mark.stack,
    pytest.mark.skipif(
        os.environ.get("DULUAN_STACK_TEST") != "1",
        reason="stack test: set DULUAN_STACK_TEST=1 (needs PostgreSQL and Redis)",
    ),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _pg_url(name: str) -> str:
    parts = urlsplit(PG_URL)
    return urlunsplit(parts._replace(path=f"/{name}"))


@dataclass
class Stack:
    tmp: Path
    env: dict[str, str]
    database: str
    base: str = ""
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def duluan(self, *args: str, timeout: int = 300) -> str:
        result = subprocess.run(  # noqa: S603
            [str(BIN / "duluan"), *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
            timeout=timeout,
        )
        assert result.returncode == 0, f"duluan {' '.join(args)}:\n{result.stdout}{result.stderr}"
        return result.stdout

    def start(self, name: str, *args: str) -> None:
        log = (self.tmp / f"{name}.log").open("wb")
        self.processes[name] = subprocess.Popen(  # noqa: S603
            list(args), cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )

    def logs(self) -> str:
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}"
            for path in sorted(self.tmp.glob("*.log"))
        )

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[Stack]:
    psycopg = pytest.importorskip("psycopg")
    try:
        admin = psycopg.connect(PG_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        pytest.skip(f"PostgreSQL does not answer at {PG_URL}")
    database = f"duluan_stack_{os.getpid()}"
    redis_url = os.environ.get("DULUAN_STACK_REDIS_URL", "")
    redis: subprocess.Popen[bytes] | None = None
    if not redis_url:
        server = shutil.which("redis-server")
        if server is None:
            admin.close()
            pytest.skip("no redis-server and no DULUAN_STACK_REDIS_URL")
        port = _free_port()
        redis = subprocess.Popen(  # noqa: S603
            [
                server,
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        redis_url = f"redis://127.0.0.1:{port}/0"
    admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{database}"')
    env = {k: v for k, v in os.environ.items() if not k.startswith("DULUAN_")}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update(
        {
            # deploy/duluan.env.example, less TLS: the test talks plain HTTP on loopback.
            "DULUAN_DEBUG": "0",
            "DULUAN_HTTPS": "0",
            "DULUAN_SECRET_KEY": secrets.token_urlsafe(50),
            "DULUAN_ALLOWED_HOSTS": "127.0.0.1",
            "DULUAN_DATABASE_URL": _pg_url(database),
            "DULUAN_BROKER_URL": redis_url,
            "DULUAN_CACHE_URL": redis_url,
            "DULUAN_VAR_DIR": str(tmp_path / "var"),
            "DULUAN_STATIC_FINDERS": "0",
            # The suite's trained seed model, when a test run has left one.
            "DULUAN_NLP_MODEL_DIR": os.environ.get(
                "DULUAN_STACK_MODEL_DIR", str(ROOT / "var" / "test" / "nlp" / "models")
            ),
            "DULUAN_WEB_WORKERS": "1",
            "DULUAN_WEB_THREADS": "2",
        }
    )
    built = Stack(tmp=tmp_path, env=env, database=database)
    try:
        yield built
    finally:
        built.stop()
        admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        admin.close()
        if redis is not None:
            redis.terminate()
            redis.wait(timeout=10)


def _open(opener: urllib.request.OpenerDirector, url: str, **kw: Any) -> tuple[int, str, str]:
    """Status, body and the final URL (redirects followed)."""
    try:
        request = urllib.request.Request(url, **kw)  # noqa: S310 (always http://127.0.0.1)
        with opener.open(request, timeout=10) as response:
            return response.status, response.read().decode(), response.url
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(), url


def _get(opener: urllib.request.OpenerDirector, url: str, **kw: Any) -> tuple[int, str]:
    status, body, _url = _open(opener, url, **kw)
    return status, body


def _wait_healthy(stack: Stack, opener: urllib.request.OpenerDirector) -> dict[str, Any]:
    # Generous: three processes load Django at once on a possibly busy CI machine.
    deadline = time.monotonic() + 300
    last = ""
    while time.monotonic() < deadline:
        if stack.processes["web"].poll() is not None:
            break
        try:
            status, body = _get(opener, f"{stack.base}/healthz")
            last = body
            if status == 200:
                return dict(json.loads(body))
        except OSError as exc:
            last = repr(exc)
        time.sleep(0.5)
    raise AssertionError(f"/healthz never answered 200: {last}\n{stack.logs()}")


def test_stack_serves_signs_in_and_analyses_a_report(stack: Stack) -> None:
    # docs/operations.md, "Install a province", in order.
    stack.duluan("migrate", "--noinput")
    stack.duluan("collectstatic", "--noinput")
    stack.duluan("check", "--deploy")
    secret = stack.tmp / "admin-password"
    secret.write_text(PASSWORD, encoding="utf-8")
    stack.duluan(
        "province-create",
        "--code=NX",
        "--name=Liên đoàn Lao động tỉnh Ngăn Xếp",
        "--admin=quantri",
        f"--password-file={secret}",
    )
    # A second account, as an admin would add one: an officer of the province.
    stack.duluan(
        "shell",
        "-c",
        "from duluan.org.models import Unit\n"
        "from duluan.org.services import role_assign, user_create\n"
        f"u = user_create(username='canbo', password={PASSWORD!r}, full_name='Cán bộ')\n"
        "role_assign(user=u, unit=Unit.objects.get(code='NX'), role='officer')\n",
    )

    port = _free_port()
    stack.env["DULUAN_WEB_BIND"] = f"127.0.0.1:{port}"
    stack.base = f"http://127.0.0.1:{port}"
    stack.start("web", str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py")
    stack.start("worker", str(BIN / "celery"), "-A", "config", "worker", "-c", "1", "-l", "info")
    stack.start(
        "beat", str(BIN / "celery"), "-A", "config", "beat", "-l", "info",
        "--schedule", str(stack.tmp / "celerybeat-schedule"),
    )  # fmt: skip

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    health = _wait_healthy(stack, opener)
    assert health["status"] == "ok", health
    for name in ("database", "cache", "broker"):
        assert health["checks"][name]["ok"] is True, health

    # Sign in through the form, with its CSRF token.
    status, page = _get(opener, f"{stack.base}/dang-nhap/")
    assert status == 200
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert found, page[:500]
    form = urlencode(
        {"csrfmiddlewaretoken": found.group(1), "username": "canbo", "password": PASSWORD}
    ).encode()
    status, page, landed = _open(opener, f"{stack.base}/dang-nhap/", data=form, method="POST")
    assert status == 200, page[:500]
    assert urlsplit(landed).path == "/", f"sign-in did not go home: {landed}"
    assert any(cookie.name == "sessionid" for cookie in jar)
    status, page, landed = _open(opener, f"{stack.base}/")
    assert status == 200 and urlsplit(landed).path == "/", landed

    # Submit a report through the API.
    api = urllib.request.build_opener()
    status, body = _get(
        api,
        f"{stack.base}/api/auth/token",
        data=json.dumps({"username": "canbo", "password": PASSWORD}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    assert status == 200, body
    auth = {"Authorization": f"Bearer {json.loads(body)['token']}"}
    status, body = _get(api, f"{stack.base}/api/units", headers=auth)
    assert status == 200, body
    unit_id = json.loads(body)["items"][0]["id"]
    report = {
        "unit_id": unit_id,
        "channel": "truc_tiep",
        "heard_at": "2026-01-05T09:00:00+07:00",
        "subject": "Công nhân lo chậm lương tháng 12",
        "text": "Nhiều công nhân phân xưởng may phản ánh công ty chậm trả lương tháng 12.",
        "kind": "khieu_nai",
        "mood": "tieu_cuc",
        "verifiability": "nhieu_nguon",
    }
    status, body = _get(
        api,
        f"{stack.base}/api/reports",
        data=json.dumps(report).encode(),
        headers={**auth, "Content-Type": "application/json"},
        method="POST",
    )
    assert status == 201, body
    report_id = json.loads(body)["id"]

    # The worker, not the web process, analyses it.
    import psycopg

    # Generous: the first analysis trains the seed model when no test run left one.
    deadline = time.monotonic() + 300
    with psycopg.connect(_pg_url(stack.database), autocommit=True) as conn:
        while time.monotonic() < deadline:
            row = conn.execute(
                "SELECT model_version FROM nlp_reportanalysis WHERE report_id = %s", [report_id]
            ).fetchone()
            if row:
                break
            assert stack.processes["worker"].poll() is None, f"worker died\n{stack.logs()}"
            time.sleep(1)
        else:
            raise AssertionError(f"report {report_id} never analysed\n{stack.logs()}")
    assert row[0]
    # Jobs are not eager with a broker: only the worker can have written the analysis.
    assert stack.processes["beat"].poll() is None, stack.logs()
    assert "beat: Starting" in (stack.tmp / "beat.log").read_text(errors="replace")
