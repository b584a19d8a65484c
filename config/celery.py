"""Celery app for production; without DULUAN_BROKER_URL tasks run in-process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
app = Celery("duluan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Every periodic job, in one place.
app.conf.beat_schedule = {
    "privacy-retention-daily": {
        "task": "privacy.retention_apply",
        "schedule": 24 * 3600,
    },
    "cases-hot-spots-overdue": {
        "task": "cases.hot_spots_overdue",
        "schedule": 15 * 60,
    },
}
