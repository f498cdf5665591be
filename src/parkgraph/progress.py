"""A progress bar with rate and ETA on standard error, for long builds.

Shown only when standard error is a terminal and the user did not ask for --quiet; otherwise
every call is a no-op, so logs and CI output stay clean.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, label: str = "documents", stream: TextIO | None = None, enabled: bool | None = None,
                 min_interval: float = 0.1):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.label = label
        self.start = time.monotonic()
        self.last = 0.0
        self.min_interval = min_interval

    def __call__(self, done: int, total: int, item: str = "") -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < total and now - self.last < self.min_interval:
            return
        self.last = now
        elapsed = now - self.start
        rate = done / elapsed if elapsed > 0 else 0.0
        eta = (total - done) / rate if rate > 0 else 0.0
        width = 30
        filled = int(width * done / total) if total else width
        bar = "█" * filled + "·" * (width - filled)
        self.stream.write(f"\r{bar} {done}/{total} {self.label}  {rate:,.1f}/s  ETA {format_seconds(eta)}   ")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def format_seconds(s: float) -> str:
    s = int(round(s))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"
