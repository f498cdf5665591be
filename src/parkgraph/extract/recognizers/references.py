"""Reference recogniser: 该高新区, 该基金, a bare 园区 … refer to the closest earlier mention of
that class (within 600 characters). Gives reference mentions (`is_reference`, `refers_to`):
they count and take part in relations, but add no alias.
"""

from __future__ import annotations

import bisect
import re

from ...document import Mention
from ..context import DocContext
from .base import EntityRecognizer

HEADS = {"高新区": "Park", "园区": "Park", "开发区": "Park", "基金": "Fund", "项目": "Project",
         "实验室": "Lab", "研究院": "Lab", "中心": "Lab", "转化中心": "Lab", "公司": "Enterprise",
         "企业": "Enterprise", "集团": "Enterprise", "大学": "University"}
REFERENCE = re.compile(r"该(" + "|".join(sorted(HEADS, key=len, reverse=True)) + ")"
                       r"|(?:(?<=^)|(?<=[，。；：、“\n])|(?<=位于)|(?<=在)|(?<=全))(园区)(?![区内外])")
MAX_DISTANCE = 600


class ReferenceRecognizer(EntityRecognizer):
    name = "references"
    stage = "annotate"

    def __call__(self, ctx: DocContext) -> list[Mention]:
        out = []
        by_class: dict[str, list[Mention]] = {}
        for k in sorted(ctx.kept, key=lambda k: k.end):
            by_class.setdefault(k.cls, []).append(k)
        ends = {c: [k.end for k in ms] for c, ms in by_class.items()}
        for m in REFERENCE.finditer(ctx.text):
            cls = HEADS[m.group(1)] if m.group(1) else "Park"  # bare 园区: the park in focus
            i = bisect.bisect_right(ends.get(cls, []), m.start()) - 1
            if i < 0 or m.start() - by_class[cls][i].end >= MAX_DISTANCE:
                continue
            mm = Mention(m.start(), m.end(), m.group(), cls, "rule:reference/该", priority=0, is_reference=True)
            mm.refers_to = by_class[cls][i]
            out.append(mm)
        return out
