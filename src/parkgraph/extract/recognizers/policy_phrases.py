"""Unquoted policy recogniser: 全面落实强省会战略, 按照已出台的青山之城建设规划.

News often names a policy without quote marks, right after a policy verb (`policy_verbs.txt`:
实施, 落实, 出台 …, with 了/的/已出台的 between) and ending in a policy head
(`policy_suffixes.txt`). The name between must pass the name checks and hold more than generic
words (落实发展规划 names nothing). Gives Policy mentions.
"""

from __future__ import annotations

import re

from ...document import Mention
from ..context import DocContext
from ..spans import NAME_STOP
from .base import EntityRecognizer

FILLER = r"(?:了|好|的|已出台的|新出台的|新修订的|修订后的)?"


class PolicyPhraseRecognizer(EntityRecognizer):
    name = "policy_phrases"

    def __init__(self, res, names, extra_entries=()):
        super().__init__(res, names, extra_entries)
        verbs = "|".join(sorted(map(re.escape, res.policy_verbs), key=len, reverse=True))
        heads = "|".join(sorted(map(re.escape, res.policy_suffixes), key=len, reverse=True))
        stop = "".join(sorted(NAME_STOP))
        self._re = re.compile(rf"(?:{verbs}){FILLER}((?:(?![{stop}])[^\s，。；：、“”《》（）\d]){{2,12}}?(?:{heads}))"
                              rf"(?=[^\u4e00-\u9fff]|[和与及等为是，]|$)")  # 制|度: the head ends a word

    def __call__(self, ctx: DocContext) -> list[Mention]:
        out = []
        for m in self._re.finditer(ctx.text):
            s, e = m.span(1)
            name = m.group(1)
            head = next(h for h in sorted(self.res.policy_suffixes, key=len, reverse=True) if name.endswith(h))
            if not self.names.name_ok(name[: -len(head)], 2) or self.names.only_place(name[: -len(head)]):
                continue
            out.append(Mention(s, e, name, "Policy", "rule:policy/verb+name+head", priority=1))
        return out
