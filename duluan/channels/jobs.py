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


@job_handler(
    "channels.correction_deliver", queue="ingest", title="Gửi đính chính tới người đã phản ánh"
)
def correction_deliver_job(job: Job) -> dict[str, Any]:
    from .corrections import correction_deliver

    return correction_deliver(correction_id=int(job.payload["correction_id"]))


@job_handler(
    "channels.direction_broadcast",
    queue="ingest",
    title="Gửi định hướng tới người theo dõi Zalo OA",
)
def direction_broadcast_job(job: Job) -> dict[str, Any]:
    from .broadcast import broadcast_deliver

    return broadcast_deliver(broadcast_id=int(job.payload["broadcast_id"]))
