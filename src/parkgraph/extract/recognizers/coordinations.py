"""Coordination recogniser: A、B两个X / A、B等X names one X per item, sharing the head.

区块链与数据安全、经血管植入器械两个全国重点实验室 → 区块链与数据安全全国重点实验室 and
经血管植入器械全国重点实验室 (the mention spans the item; its surface form adds the head).
Only lab, university and park heads: the ones written this way (柘溪、栖凤两个省级经济开发区 →
柘溪经济开发区, 栖凤经济开发区; parks only with a count, A、B等开发区 naming parks of their own).
"""

from __future__ import annotations

import re

from ...document import Mention
from ..context import DocContext
from ..spans import PUNCT, item_offsets
from .base import EntityRecognizer

LEVELS = "国家级|省级|市级"  # 两个省级经济开发区: the level is not part of the names


class CoordinationRecognizer(EntityRecognizer):
    name = "coordinations"

    def __init__(self, res, names, extra_entries=()):
        super().__init__(res, names, extra_entries)
        heads = "|".join(re.escape(s) for s in sorted(res.suffixes, key=len, reverse=True)
                         if res.suffixes[s][0] in ("Lab", "University", "Park"))
        self._re = re.compile(rf"((?:[^，。；：、“”\n]{{2,14}}、)+[^，。；：、“”\n]{{2,14}}?)"
                              rf"([两三四五六七八九十]个(?:{LEVELS})?|等)({heads})")

    def __call__(self, ctx: DocContext) -> list[Mention]:
        out = []
        text = ctx.text
        for m in self._re.finditer(text):
            head = m.group(3)
            cls = self.res.suffixes[head][0]
            if cls == "Park" and m.group(2) == "等":
                continue  # A、B等开发区: the items are names of their own
            offs = item_offsets(m.start(1), m.group(1))
            if cls == "Park" and any(text[e - 1] == "园" or self.names.head_class(text[s:e]) for s, e in offs):
                continue  # 东湖园、西山园两个园区: parks already, the head says what they are
            # the first item starts where a name starting at its end would start
            s0, e0 = offs[0]
            offs[0] = (ctx.walk_left(e0, allow_conj=True), e0)
            for s, e in offs:
                item = text[s:e]
                if not self.names.name_ok(item, 2) or any(c in PUNCT for c in item):
                    continue
                out.append(Mention(s, e, item, cls, f"rule:coordination/{head}", priority=1, surface=item + head))
        return out
