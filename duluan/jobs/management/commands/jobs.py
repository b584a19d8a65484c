"""``duluan jobs list|sweep|retry ID``: look at and repair the job outbox."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone


class Command(BaseCommand):
    help = "Background jobs: list the queue, sweep what was left behind, retry a failed job."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="counts by state and the latest jobs")
        listing.add_argument("--state", default="")
        listing.add_argument("--limit", type=int, default=20)
        sub.add_parser("sweep", help="requeue dead and undispatched jobs now")
        retry = sub.add_parser("retry", help="put a failed job back in the queue")
        retry.add_argument("job_id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        from duluan.jobs.models import Job
        from duluan.jobs.selectors import job_counts
        from duluan.jobs.services import job_retry, jobs_sweep, oldest_pending_seconds

        action = options["action"]
        if action == "sweep":
            result = jobs_sweep()
            self.stdout.write(
                f"requeued={result.requeued} failed={result.failed} "
                f"dispatched={result.dispatched} swept_by_apps={result.swept_by_apps}"
            )
            return
        if action == "retry":
            if not job_retry(options["job_id"]):
                raise CommandError(f"job {options['job_id']} is not a failed job")
            self.stdout.write(f"job {options['job_id']} queued again")
            return
        counts = job_counts()
        age = oldest_pending_seconds()
        self.stdout.write(
            " ".join(f"{k}={v}" for k, v in sorted(counts.items())) or "no jobs",
        )
        self.stdout.write(f"oldest pending: {'-' if age is None else f'{age:.0f} s'}")
        rows = Job.objects.order_by("-pk")
        if options["state"]:
            rows = rows.filter(state=options["state"])
        now = timezone.now()
        for job in rows[: options["limit"]]:
            ago = (now - job.created_at).total_seconds()
            self.stdout.write(
                f"#{job.pk:<8} {job.kind:<28} {job.state:<8} tries={job.attempts} "
                f"{ago:.0f} s ago {job.error[:80]}"
            )
