"""Sending a job while the broker is down fails at once, without kombu's retries."""

from __future__ import annotations

from typing import Any

import pytest
from kombu.connection import Connection

from duluan.jobs.tasks import job_run_task


def test_a_send_to_an_unreachable_broker_tries_once(monkeypatch: Any) -> None:
    from celery import current_app

    tries: list[int] = []
    real = Connection._ensure_connection

    def counting(self: Connection, *args: Any, **kwargs: Any) -> Any:
        tries.append(int(kwargs.get("max_retries") or 0))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Connection, "_ensure_connection", counting)
    # send_task goes to the broker even where the tests run tasks eagerly; the
    # connection carries the settings' transport options, as the web's pool does.
    with (
        current_app.connection_for_write("redis://127.0.0.1:1/0") as conn,
        pytest.raises(Exception),  # noqa: B017 - kombu's or redis' own error
    ):
        current_app.send_task(job_run_task.name, args=[0], retry=False, connection=conn)
    assert tries and all(n == 0 for n in tries)
