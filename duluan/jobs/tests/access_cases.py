"""Access rows of the jobs app: a job's page, progress and file belong to its author alone.

The world's job is the officer of ``cs_a1``'s (relation "same"): every other
actor (their parent's officer, a leader of the same unit, anonymous) gets 404.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from duluan.core.tests.matrix import Case, Reach, World
from duluan.org.choices import Role


def build(world: World) -> None:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from duluan.jobs.models import Job, JobState

    author = world.users[(Role.OFFICER, "same")]
    job = Job.objects.create(
        kind="reporting.build_document",
        created_by=author,
        state=JobState.DONE,
        finished_at=timezone.now(),
        payload={"report_id": 0, "format": "pdf"},
    )
    stored = default_storage.save(f"jobs/{job.pk}/out/output.bin", ContentFile(b"%PDF-1.7\n"))
    job.result = {
        "output": stored,
        "output_name": "bao-cao.pdf",
        "content_type": "application/pdf",
        "size": 9,
    }
    job.save(update_fields=["result"])
    world.extra["job"] = job


def _author(role: str, relation: str) -> bool:
    return role == Role.OFFICER and relation == "same"


AUTHOR: Reach = _author


def _pk(world: World) -> int:
    return int(world.extra["job"].pk)


PAGES: dict[str, Case] = {
    "jobs:job": Case(lambda w: reverse("jobs:job", args=[_pk(w)]), AUTHOR),
    "jobs:status": Case(lambda w: reverse("jobs:status", args=[_pk(w)]), AUTHOR),
    "jobs:download": Case(lambda w: reverse("jobs:download", args=[_pk(w)]), AUTHOR),
}
