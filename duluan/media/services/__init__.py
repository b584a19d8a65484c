"""Writes of the media app: sources, polls, uploads, aggregates, spikes."""

from .ingest import daily_recompute, items_store
from .poll import PollResult, media_backfill, media_poll_due, source_poll
from .sources import export_upload, source_create, source_switch_on
from .spikes import media_spike_open_matter, media_spikes_detect

__all__ = [
    "PollResult",
    "daily_recompute",
    "export_upload",
    "items_store",
    "media_backfill",
    "media_poll_due",
    "media_spike_open_matter",
    "media_spikes_detect",
    "source_create",
    "source_poll",
    "source_switch_on",
]
