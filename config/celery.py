"""Celery app for production; without DULUAN_BROKER_URL tasks run in-process."""

import os

from celery import Celery
from celery.signals import beat_init, worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
app = Celery("duluan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def _worker_refuses_unapplied_migrations(**_: object) -> None:
    from duluan.core.startup import refuse_unapplied_migrations

    refuse_unapplied_migrations("the Celery worker")


@beat_init.connect
def _beat_refuses_unapplied_migrations(**_: object) -> None:
    from duluan.core.startup import refuse_unapplied_migrations

    refuse_unapplied_migrations("Celery beat")


# Every periodic job, in one place.
app.conf.beat_schedule = {
    "jobs-sweep": {
        "task": "jobs.sweep",
        "schedule": 30,
    },
    "privacy-retention-daily": {
        "task": "privacy.retention_apply",
        "schedule": 24 * 3600,
    },
    "cases-hot-spots-overdue": {
        "task": "cases.hot_spots_overdue",
        "schedule": 15 * 60,
    },
    "notifications-webhooks-retry": {
        "task": "notifications.webhooks_retry",
        "schedule": 5 * 60,
    },
    "dashboard-rebuild-nightly": {
        "task": "dashboard.rebuild",
        "schedule": 24 * 3600,
    },
    "cases-matters-overdue": {
        "task": "cases.matters_overdue",
        "schedule": 3600,
    },
    "nlp-model-retrain-nightly": {
        "task": "nlp.model_retrain",
        "schedule": 24 * 3600,
    },
    "nlp-spikes-hourly": {
        "task": "nlp.spikes_detect",
        "schedule": 3600,
    },
    "reporting-reminders-daily": {
        "task": "reporting.reminders_send",
        "schedule": 24 * 3600,
    },
    # A no-op unless DULUAN_REPORTS_PARTITIONED and the table is partitioned.
    "intake-report-partitions-daily": {
        "task": "intake.report_partitions_ensure",
        "schedule": 24 * 3600,
    },
    # Queues a media.poll job when a press/social source is due (docs/media.md).
    "media-poll-due": {
        "task": "media.poll_due",
        "schedule": 5 * 60,
    },
    # A no-op unless "email" is in DULUAN_CHANNELS and DULUAN_MAIL_IMAP_HOST is set.
    "channels-mail-poll": {
        "task": "channels.mail_poll",
        "schedule": 120,
    },
    "network-petitions-overdue": {
        "task": "network.petitions_overdue",
        "schedule": 6 * 3600,
    },
}
