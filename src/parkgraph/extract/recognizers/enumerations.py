"""Enumeration recogniser: A、B、C等企业 → each item an enterprise (or what the head noun says).

Items already inside a longer candidate are left to it; items must pass the name checks.
"""

from __future__ import annotations

import re

from ...document import Mention
from ..context import DocContext
from ..spans import STOP_CHARS, Occupancy, item_offsets
from .base import EntityRecognizer

HEADS = {"企业": "Enterprise", "公司": "Enterprise", "上市企业": "Enterprise", "龙头企业": "Enterprise",
         "高校": "University", "大学": "University"}
ENUMERATION = re.compile(r"((?:[^，。；：、“”（）\n]{2,12}、)+[^，。；：、“”（）\n]{2,12}?)等"
                         r"(?:\d+家|一批|一大批|多家|众多)?(?:[^，。；、“”\n]{0,20}的)?"
                         r"(?:知名|龙头|骨干|上市|重点|科技型?|高新技术|领军|头部|链主)?"
                         r"(上市企业|龙头企业|企业|公司|高校)")


class EnumerationRecognizer(EntityRecognizer):
    name = "enumerations"

    def __call__(self, ctx: DocContext) -> list[Mention]:
        text, cands = ctx.text, ctx.cands
        out = []
        covered = Occupancy((c.start, c.end) for c in cands)
        for m in ENUMERATION.finditer(text):
            cls = HEADS[m.group(2)]
            offs = item_offsets(m.start(1), m.group(1))
            s0, e0 = offs[0]
            offs[0] = (ctx.walk_left(e0, limit=12), e0)
            for s, e in offs:
                item = text[s:e]
                if covered.overlaps(s, e) and any(c.start <= s and e <= c.end for c in cands):
                    continue
                if len(item) < 2 or len(item) > 10 or not self.names.name_ok(item, 2):
                    continue
                if any(ch in STOP_CHARS for ch in item[:1]) or item in self.res.industries:
                    continue
                out.append(Mention(s, e, item, cls, f"rule:enumeration/等{m.group(2)}", priority=1))
        return out
