"""Place recogniser: the administrative gazetteer, city + district names (杭州市滨江区), and
districts or counties named by a place-tagged word (滨江区, 高港区).

Takes the gazetteer (`data/gazetteer/places.tsv`) and jieba's word tags; gives Place mentions.
"""

from __future__ import annotations

import re

from ...document import Mention
from ...resources import alternation
from ..context import DocContext
from ..spans import CJK
from .base import EntityRecognizer

NOT_ORG = "高新|开发|产业|工业|保税|合作|示范|试验|园区|科技|经济|新区|城区|市区|景区|社区|校区|街区"
DISTRICT = re.compile(rf"([{CJK}]{{2}})(区|县)(?![块域内外间级委])")


class PlaceRecognizer(EntityRecognizer):
    name = "places"

    def __init__(self, res, names, extra_entries=()):
        super().__init__(res, names, extra_entries)
        alt = alternation(res.places)
        self._re = re.compile(rf"(?:{alt})(?:省|市|自治区)?(?:(?!{NOT_ORG})[{CJK}]{{2}}(?:区|县)(?![块域内外间级委]))?")

    def __call__(self, ctx: DocContext) -> list[Mention]:
        out = [Mention(m.start(), m.end(), m.group(), "Place", "rule:place/gazetteer", priority=1)
               for m in self._re.finditer(ctx.text)]
        for m in DISTRICT.finditer(ctx.text):
            if self.res.word_tags.get(m.group(1)) == "ns" and m.group() not in self.res.suffixes:
                out.append(Mention(m.start(), m.end(), m.group(), "Place", "rule:place/ns+区", priority=1))
        return out
