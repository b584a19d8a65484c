"""Progress bars for the import commands (tqdm, on stderr, only on a terminal)."""

from __future__ import annotations

from typing import Any, TextIO

from tqdm import tqdm


class ProgressBars:
    """A progress callback ``(phase, done, total)``: one bar per phase, the
    previous one closed when the next phase starts."""

    def __init__(self, stream: TextIO, unit: str) -> None:
        self.stream = stream
        self.unit = unit
        self.phase = ""
        self.bar: tqdm[Any] | None = None

    def __call__(self, phase: str, done: int, total: int) -> None:
        if phase != self.phase or self.bar is None:
            self.close()
            self.phase = phase
            # disable=None: no bar when stderr is a file or a pipe (cron, CI logs).
            self.bar = tqdm(total=total, desc=phase, unit=self.unit, file=self.stream, disable=None)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
