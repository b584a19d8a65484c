"""Periodic work of the channels app (scheduled in config/celery.py)."""

from __future__ import annotations

from typing import Any

from celery import shared_task


@shared_task(name="channels.mail_poll")
def mail_poll_task() -> dict[str, Any]:
    """Every two minutes: read the IMAP mailbox (a no-op while e-mail is off)."""
    from .email import mail_poll

    return dict(mail_poll().__dict__)
