"""Suffix-head recogniser: organisation names never seen before, by their head.

A head from `data/patterns/suffixes.tsv` (有限公司, 实验室, 高新区 …, each with its class and
the shortest name it takes) is extended to the left over name-like jieba tokens until a
boundary (`NameRules.walk_left`). Gives mentions of the head's class.
"""

from __future__ import annotations

import re

from ...document import Mention
from ..context import DocContext
from ..spans import PUNCT
from .base import EntityRecognizer

ADMIN_LEVELS = {"省", "市", "区", "县"}
REFERRING_END = re.compile(r"(该|本|这个|此)$")
# heads after which a bare place does not make a name (浙江省产业园区), unlike 杭州高新区
PLACE_NOT_ENOUGH = {"高新技术产业园区", "产业园区", "产业园", "科技园", "创新中心", "研究中心", "服务中心", "交易中心",
                    "重点实验室", "研究院", "基金", "产业基金", "项目", "基地项目", "生产基地", "园区", "片区", "新区",
                    "创新区", "物流园"}
# bare heads that make a name only after a place (美国维斯塔医疗器械公司, not 投资公司)
PLACE_FIRST = {"公司"}


class SuffixRecognizer(EntityRecognizer):
    name = "suffixes"

    def __call__(self, ctx: DocContext) -> list[Mention]:
        res, names, tokens, text = self.res, self.names, ctx.tokens, ctx.text
        out = []
        ends = set(tokens.ends)
        for m in res.suffix_re.finditer(text):
            suffix = m.group()
            s, e = m.span()
            if e not in ends and not (e == len(text) or text[e] in PUNCT):
                # the head runs into a longer word (大学生, 集团化) unless that word is itself known (局|局长)
                rest = text[e:tokens.ends[tokens.index_at(e)]]
                if not (len(rest) >= 2 and (rest in res.titles or rest in res.suffixes or rest in res.word_tags)):
                    continue
            cls, min_name = res.suffixes[suffix]
            start = ctx.walk_left(s, allow_conj="重点实验室" in suffix, cls=cls)
            if start == s and len(suffix) == 1:
                continue
            for head in names.suffix_tuple if text.startswith(names.suffix_tuple, start) else ():
                if text.startswith(head, start) and start + len(head) < s:
                    start += len(head)  # a name never starts with a bare head (研究院|中国高新区…)
                    break
            name = text[start:s]
            if REFERRING_END.search(text[max(0, s - 2):s]) and not name:
                continue  # 该高新区: a reference, not a name
            quoted = text[start - 1:start] == "“" and text[e:e + 1] == "”"
            if not (quoted and name) and not names.name_ok(name, min_name) \
                    and not (cls == "GovernmentBody" and name in ADMIN_LEVELS and len(suffix) >= 3):
                continue  # but 市发改委, 区人大常委会: the city's or province's own body
            if not quoted and suffix in PLACE_NOT_ENOUGH and names.only_place(name):
                continue  # 浙江省高新技术产业园区: a category, not a name
            if suffix in PLACE_FIRST and not (name.startswith(names.places_tuple) and not names.only_place(name)):
                continue
            if cls == "Project" and not names.project_name_ok(tokens, start, s, name):
                continue
            end = names.bracket_after(text, e)
            out.append(Mention(start, end, text[start:end], cls, f"rule:suffix/{suffix}", priority=1))
        return out
