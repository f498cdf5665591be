"""Coordination recogniser: A、B两个X / A、B等X names one X per item, sharing the head.

区块链与数据安全、经血管植入器械两个全国重点实验室 → 区块链与数据安全全国重点实验室 and
经血管植入器械全国重点实验室 (the mention spans the item; its surface form adds the head).
Only lab and university heads: the ones written this way.
"""

from __future__ import annotations

import re

from ...document import Mention
from ..context import DocContext
from ..spans import PUNCT, item_offsets
from .base import EntityRecognizer


class CoordinationRecognizer(EntityRecognizer):
    name = "coordinations"

    def __init__(self, res, names, extra_entries=()):
        super().__init__(res, names, extra_entries)
        heads = "|".join(re.escape(s) for s in sorted(res.suffixes, key=len, reverse=True)
                         if res.suffixes[s][0] in ("Lab", "University"))
        self._re = re.compile(rf"((?:[^，。；：、“”\n]{{2,14}}、)+[^，。；：、“”\n]{{2,14}}?)"
                              rf"(?:[两三四五六七八九十]个|等)({heads})")

    def __call__(self, ctx: DocContext) -> list[Mention]:
        out = []
        text = ctx.text
        for m in self._re.finditer(text):
            head = m.group(2)
            cls = self.res.suffixes[head][0]
            offs = item_offsets(m.start(1), m.group(1))
            # the first item starts where a name starting at its end would start
            s0, e0 = offs[0]
            offs[0] = (ctx.walk_left(e0, allow_conj=True), e0)
            for s, e in offs:
                item = text[s:e]
                if not self.names.name_ok(item, 2) or any(c in PUNCT for c in item):
                    continue
                out.append(Mention(s, e, item, cls, f"rule:coordination/{head}", priority=1, surface=item + head))
        return out
