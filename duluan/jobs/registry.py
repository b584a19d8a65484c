"""Job kinds: each app declares its handlers in its own ``jobs`` module.

A handler takes the :class:`~duluan.jobs.models.Job` (its ``payload`` holds plain
ids) and returns a JSON-able result. It must be idempotent: a job may run twice
(a worker killed after the work but before the row says so), and running it
again must change nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec
from typing import TYPE_CHECKING, Any

from django.apps import apps

if TYPE_CHECKING:
    from .models import Job

Handler = Callable[["Job"], Any]


@dataclass(frozen=True)
class JobKind:
    name: str
    handler: Handler
    # A running job whose heartbeat is older than this is taken as dead (its
    # worker was killed or lost the database) and queued again by the sweep.
    stale_after: int = 120
    max_attempts: int = 5
    # Long work a person waits for (an import, a PDF): on the embedded default
    # it runs in a thread of the web process so the page can show progress.
    background: bool = False
    # The Celery queue (docs/scale.md): ingest, nlp, reports, exports.
    queue: str = "celery"
    # Under a backlog, a worker that starts a job of this kind takes up to this
    # many other waiting jobs of the same kind along (``merge`` joins their
    # payloads): one analysis of 200 reports instead of 200 analyses of one.
    coalesce: int = 0
    merge: Callable[[list[dict[str, Any]]], dict[str, Any]] | None = None
    # What a person following the job sees (``/cong-viec/<id>/``): a title, and
    # the template (with its context) that shows the result once it is done.
    title: str = ""
    result_template: str = ""
    result_context: Callable[[Job], dict[str, Any]] | None = None


KINDS: dict[str, JobKind] = {}


def job_handler(
    name: str,
    *,
    stale_after: int = 120,
    max_attempts: int = 5,
    background: bool = False,
    queue: str = "celery",
    title: str = "",
    result_template: str = "",
    result_context: Callable[[Job], dict[str, Any]] | None = None,
    coalesce: int = 0,
    merge: Callable[[list[dict[str, Any]]], dict[str, Any]] | None = None,
) -> Callable[[Handler], Handler]:
    """Register ``fn`` as the handler of jobs of kind ``name``."""

    def register(fn: Handler) -> Handler:
        KINDS[name] = JobKind(
            name=name,
            handler=fn,
            stale_after=stale_after,
            max_attempts=max_attempts,
            background=background,
            queue=queue,
            title=title,
            result_template=result_template,
            result_context=result_context,
            coalesce=coalesce,
            merge=merge,
        )
        return fn

    return register


def merge_report_ids(payloads: list[dict[str, Any]]) -> dict[str, Any]:
    """Join jobs that name reports (and import batches) into one payload."""
    ids: set[int] = set()
    batches: set[int] = set()
    for payload in payloads:
        ids.update(int(i) for i in payload.get("report_ids") or [])
        batches.update(int(b) for b in payload.get("batch_ids") or [])
        if payload.get("batch_id") is not None:
            batches.add(int(payload["batch_id"]))
    return {"report_ids": sorted(ids), "batch_ids": sorted(batches)}


def kind_get(name: str) -> JobKind:
    try:
        return KINDS[name]
    except KeyError:
        autodiscover()
        return KINDS[name]


def autodiscover() -> None:
    """Import every installed duluan app's ``jobs`` module (cheap: handlers import lazily)."""
    for config in apps.get_app_configs():
        if not config.name.startswith("duluan."):
            continue
        module = f"{config.name}.jobs"
        if find_spec(module) is not None:
            import_module(module)
