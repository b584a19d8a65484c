"""Jobs of the channels app: file a received message, answer its sender."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from duluan.jobs.registry import job_handler

if TYPE_CHECKING:
    from duluan.jobs.models import Job


@job_handler("channels.message_file", queue="ingest", title="Ghi tin nhắn đến thành phản ánh")
def message_file_job(job: Job) -> dict[str, Any]:
    from .services import message_file

    report = message_file(message_id=int(job.payload["message_id"]))
    return {"report_id": report.pk if report else None}


@job_handler("channels.message_reply", queue="ingest", title="Trả lời người gửi phản ánh")
def message_reply_job(job: Job) -> dict[str, Any]:
    from .services import message_reply

    return {"sent": message_reply(message_id=int(job.payload["message_id"]))}
