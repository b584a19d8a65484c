from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from duluan.media.fetch import Fetcher, FixtureTransport, Pacer, make_client


@pytest.fixture(autouse=True)
def _no_pause(settings: Any) -> None:
    """No pacing between requests in tests (the pacer is tested alone)."""
    settings.MEDIA_DOMAIN_DELAY_SECONDS = 0


@pytest.fixture
def recorded() -> FixtureTransport:
    return FixtureTransport()


@pytest.fixture
def fetcher(recorded: FixtureTransport) -> Iterator[Fetcher]:
    with Fetcher(make_client(fixtures=recorded), pacer=Pacer(0)) as f:
        yield f
