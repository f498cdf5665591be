"""The arbiter: the one place that decides between overlapping candidate mentions.

Takes candidates from every recogniser; gives the non-overlapping mentions the later stages
use. The policy (`prioritize_longest`): the longer span wins, then the higher priority, then
the earlier start.
"""

from __future__ import annotations

from ..document import Mention
from .spans import Occupancy


def prioritize_longest(mentions: list[Mention]) -> list[Mention]:
    """The overlap policy: longer spans win, then higher priority, then the earlier start."""
    chosen: list[Mention] = []
    occupied = Occupancy()
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), -m.priority, m.start)):
        if occupied.overlaps(m.start, m.end):
            continue
        chosen.append(m)
        occupied.take(m.start, m.end)
    return chosen
