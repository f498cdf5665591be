"""Industry recogniser: the industry vocabulary (`data/gazetteer/industries.txt`).

Takes the vocabulary; gives Industry mentions with the lowest priority, so a longer or more
specific name that contains an industry word wins.
"""

from __future__ import annotations

import re

from ...document import Mention
from ...resources import alternation
from ..context import DocContext
from .base import EntityRecognizer


class IndustryRecognizer(EntityRecognizer):
    name = "industries"

    def __init__(self, res, names, extra_entries=()):
        super().__init__(res, names, extra_entries)
        self._re = re.compile(alternation(res.industries))

    def __call__(self, ctx: DocContext) -> list[Mention]:
        return [Mention(m.start(), m.end(), m.group(), "Industry", "rule:industry/vocabulary", priority=0)
                for m in self._re.finditer(ctx.text)]
