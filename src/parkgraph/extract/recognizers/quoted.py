"""Quoted-name recogniser: “…” and 《…》 become policies, awards or events.

《…》 with a plan-like word is a policy; “…” is an award or event by its own head, a policy
when a policy head follows it (“315”科技创新体系建设工程) or ends it, or when a policy verb
comes before it (实施“5050计划”) or another quoted policy right before it. Heads and verbs are
data (`policy_suffixes.txt`, `award_suffixes.txt`, `event_suffixes.txt`, `policy_verbs.txt`).
"""

from __future__ import annotations

import re

from ...document import Mention
from ..context import DocContext
from ..spans import STOP_CHARS, ends_with_any
from .base import EntityRecognizer

QUOTED = re.compile(r"“([^“”\n。！？]{1,30})”|《([^《》\n。]{2,60})》")
PLAN_WORDS = re.compile(r"(规划|方案|意见|办法|政策|计划|条例|规定|纲要|措施|细则)")
LIST_AFTER = re.compile(r"[^“”]{0,3}(?:等|和|与)")
CLAUSE_MARKS = re.compile(r"[，、。]")
CODE_LIKE = re.compile(r"[\d+＋·.一二三四五六七八九十个]+")  # “3+3+1”, “315”: no name without their head


class QuotedNameRecognizer(EntityRecognizer):
    name = "quoted"

    def __init__(self, res, names, extra_entries=()):
        super().__init__(res, names, extra_entries)
        stop = "".join(sorted(STOP_CHARS))
        self._policy_tail = re.compile(
            rf"(?![{stop}])[^，。、；：“”《》（）\s{stop}]{{0,11}}?"
            rf"(?:{'|'.join(map(re.escape, res.policy_suffixes))})(?![\u4e00-\u9fff]{{0,1}}(?:引进|实施|建设))")
        self._event_tail = re.compile(
            rf"[^，。、；：“”《》（）\s{stop}]{{0,2}}(?:{'|'.join(map(re.escape, res.event_suffixes))})")

    def __call__(self, ctx: DocContext) -> list[Mention]:
        res, text = self.res, ctx.text
        out = []
        prev_policy_end = -10
        for m in QUOTED.finditer(text):
            inner = m.group(1) or m.group(2)
            s, e = m.span()
            after = text[e:e + 14]
            before = text[max(0, s - 6):s]
            if m.group(2) is not None:  # 《…》
                if ends_with_any(inner, res.policy_suffixes) or PLAN_WORDS.search(inner):
                    out.append(Mention(s, e, m.group(), "Policy", "rule:policy/《》", priority=2, surface=inner))
                    prev_policy_end = e
                continue
            if "、" in inner:
                continue  # a slogan list (东优、西建…), not one name
            event = self._event_tail.match(after)
            tail = self._policy_tail.match(after)
            if ends_with_any(inner, res.award_suffixes) and not tail and len(inner) >= 3:
                start, surface = s, inner
                place = _place_ending_at(ctx.cands, s)
                if place is not None:
                    start, surface = place.start, place.text + inner
                out.append(Mention(start, e, text[start:e], "Award", "rule:award/quoted", priority=2,
                                   surface=surface))
                continue
            if event and not tail:
                end = e + event.end()
                out.append(Mention(s, end, text[s:end], "Event", "rule:event/quoted+head", priority=2,
                                   surface=inner + event.group()))
                continue
            if ends_with_any(inner, res.event_suffixes):
                out.append(Mention(s, e, m.group(), "Event", "rule:event/quoted", priority=2, surface=inner))
                continue
            if tail and not LIST_AFTER.match(after):
                # a quoted name followed by its head: “315”科技创新体系建设工程, “凤栖高新”引才计划
                end = e + tail.end()
                mm = Mention(s, end, text[s:end], "Policy", "rule:policy/quoted+head",
                             priority=2, surface=inner + tail.group())
                if len(inner) >= 3 and not CODE_LIKE.fullmatch(inner):
                    mm.extra_forms = (inner,)  # “青山绿谷”战略: the quoted words alone name it too
                out.append(mm)
                prev_policy_end = end
                continue
            if ends_with_any(inner, res.policy_suffixes) and len(inner) >= 3:
                out.append(Mention(s, e, m.group(), "Policy", "rule:policy/quoted", priority=2, surface=inner))
                prev_policy_end = e
                continue
            if inner.endswith(self.names.suffix_tuple):
                continue  # “中国视谷”: an organisation name in quotes, found by the suffix rule
            verb = any(before.endswith(v) for v in res.policy_verbs)
            if (verb or prev_policy_end == s) and 2 <= len(inner) <= 12 and not CLAUSE_MARKS.search(inner):
                out.append(Mention(s, e, m.group(), "Policy", "rule:policy/verb+quoted", priority=2, surface=inner))
                prev_policy_end = e
        return out


def _place_ending_at(cands: list[Mention], pos: int) -> Mention | None:
    best = None
    for c in cands:
        if c.cls == "Place" and c.end == pos and (best is None or c.start < best.start):
            best = c
    return best
