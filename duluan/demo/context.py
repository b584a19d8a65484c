"""Runs every app's ``demo_steps`` (``duluan.core.extensions``) over the demo province."""

from __future__ import annotations

import time

from duluan.org.demo_context import DemoContext

__all__ = ["DemoContext", "run_demo_steps"]


def run_demo_steps(context: DemoContext) -> dict[str, dict[str, int]]:
    """Run every registered demo step in order; each returns counts for the summary."""
    from duluan.core.extensions import DEMO_STEPS

    done: dict[str, dict[str, int]] = {}
    for entry in DEMO_STEPS.entries():
        context.progress(f"{entry.title}…")
        started = time.monotonic()
        done[entry.key] = entry.build(context) or {}
        context.progress(f"  xong sau {time.monotonic() - started:.1f} giây")
    return done
