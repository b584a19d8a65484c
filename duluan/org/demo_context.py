"""What ``duluan demo`` hands each app's ``demo_steps`` (see ``duluan.core.extensions``).

It lives here, below every product app, so that an app's ``demo_steps`` module
can name it without importing the demo, which imports the product (never the
reverse).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from .models import Unit, User


@dataclass
class DemoContext:
    """The demo province just built.

    ``units`` by code (the root is ``root``), ``users`` by username (the
    documented accounts are in the README), ``today`` anchors the timeline,
    ``rng`` is seeded from the demo seed and the step's key, so each step is
    deterministic whatever the others do.
    """

    root: Unit
    units: dict[str, Unit]
    users: dict[str, User]
    today: date
    seed: int
    progress: Callable[[str], None]

    def rng(self, key: str) -> random.Random:
        return random.Random(f"{self.seed}:{key}")

    def now(self) -> datetime:
        """The demo's present: this moment of the day, on ``today``.

        Steps take every time from here or from ``today``, never from the wall clock
        alone, so a demo built for another day (a test's pinned date) stays in step
        with itself; on the real day it is ``timezone.now()``.
        """
        return timezone.now() + timedelta(days=(self.today - timezone.localdate()).days)
