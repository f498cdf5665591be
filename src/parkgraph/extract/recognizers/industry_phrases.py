"""Industry-phrase recogniser: industries the text names as such (是光纤预制棒领域的佼佼者,
聚焦材料科学领域), where no other mention stands. Gives Industry mentions.
"""

from __future__ import annotations

import re

from ...document import Mention
from ..context import DocContext
from ..spans import STOP_CHARS, Occupancy
from .base import EntityRecognizer

FIELD = re.compile(r"(?:是|深耕|布局|主攻|瞄准)([\u4e00-\u9fff]{2,8}?)(?:领域|行业|赛道)")


class IndustryPhraseRecognizer(EntityRecognizer):
    name = "industry_phrases"
    stage = "annotate"

    def __call__(self, ctx: DocContext) -> list[Mention]:
        out = []
        taken = Occupancy((k.start, k.end) for k in ctx.kept)
        for m in FIELD.finditer(ctx.text):
            s, e = m.span(1)
            name = m.group(1)
            if taken.overlaps(s, e) or not self.names.name_ok(name, 2):
                continue
            if any(c in STOP_CHARS for c in name) or name.endswith(("的", "等")):
                continue
            out.append(Mention(s, e, name, "Industry", "rule:industry/X领域", priority=0))
        return out
