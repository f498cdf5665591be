"""Trade-name recogniser: enterprises named without a legal form.

- 趣链科技: a few characters jieba does not know followed by a trade head
  (`short_company_suffixes.txt`), when the name recurs, a company cue follows it (公司, 荣获,
  落户 …), it stands after 企业 (园区企业星衍医疗) or capital letters begin it (KX华晟半导体);
- the short forms of legal names found in this document (包头江馨微电机科技有限公司 →
  江馨微电机, 包头江馨); `short_forms` gives them, and the pipeline also looks for the short
  forms found anywhere in the corpus (`short_form_mentions`).
"""

from __future__ import annotations

import re

from ...document import Mention
from ...resources import find_longest
from ..context import DocContext
from ..spans import PUNCT, STOP_CHARS, is_cjk
from .base import EntityRecognizer

BRACKETED = re.compile(r"（[^）]*）")
COMPANY_CUE = re.compile(r"(?:企业|公司|集团|总部|董事长|总经理|创始人|成立|创办|是|达成|签署|签订|合作"
                         r"|荣获|获评|入选|落户|入驻|宣布|推出|投资)")
LATIN_PREFIX = re.compile(r"[A-Z]{2,5}")  # KX华晟半导体: letters before the characters
NOT_IN_TRADE_NAME = ("p", "c", "u", "uj", "d", "r", "m", "q")
NOT_BEFORE_TRADE_NAME = ("v", "p", "c", "uj", "d")


class TradeNameRecognizer(EntityRecognizer):
    name = "trade_names"

    def __init__(self, res, names, extra_entries=()):
        super().__init__(res, names, extra_entries)
        self._legal_not_bare = tuple(lf for lf in res.legal_forms if lf != "公司")

    def __call__(self, ctx: DocContext) -> list[Mention]:
        res, text = self.res, ctx.text
        words, starts, ends = ctx.tokens.words, ctx.tokens.starts, ctx.tokens.ends
        heads = res.short_company_suffixes
        out = []
        for i, h in self._heads(words, starts, ends, heads):
            j = h
            while j > 0 and len(words[j - 1]) == 1 and ends[j - 1] == starts[j] \
                    and words[j - 1] not in STOP_CHARS and is_cjk(words[j - 1]) \
                    and res.word_tags.get(words[j - 1]) not in NOT_IN_TRADE_NAME:
                j -= 1
            if h - j < 2 or h - j > 4:
                continue
            latin = j > 0 and ends[j - 1] == starts[j] and LATIN_PREFIX.fullmatch(words[j - 1]) is not None
            j -= latin
            if j > 0 and words[j - 1] not in PUNCT and words[j - 1] not in res.boundary_words \
                    and res.word_tags.get(words[j - 1]) not in NOT_BEFORE_TRADE_NAME:
                continue
            s, e = starts[j], ends[i]
            name = text[s:e]
            appositive = text.endswith(("企业", "公司"), 0, s)  # 园区企业星衍医疗
            if not (latin or appositive) and not COMPANY_CUE.match(text[e:e + 3]) and text.count(name) < 2:
                continue  # a trade name recurs, is introduced as a company or starts with letters
            out.append(Mention(s, e, name, "Enterprise", f"rule:trade-name/{words[i]}", priority=1))
        out += short_form_mentions(text, self.short_forms_of(ctx.cands))
        return out

    @staticmethod
    def _heads(words: list[str], starts: list[int], ends: list[int], heads) -> list[tuple[int, int]]:
        """(last, first) word of each trade head: a head word, or a two-character head jieba
        cut into two (华宸数|科 → 数科)."""
        out = []
        for i, w in enumerate(words):
            if w in heads:
                out.append((i, i))
            elif len(w) == 1 and i > 0 and len(words[i - 1]) == 1 and ends[i - 1] == starts[i] \
                    and words[i - 1] + w in heads:
                out.append((i, i - 1))
        return out

    def short_forms_of(self, mentions: list[Mention]) -> set[str]:
        """Short forms of the legal enterprise names among the mentions."""
        forms: set[str] = set()
        for c in mentions:
            if c.cls == "Enterprise" and c.text.endswith(self._legal_not_bare):
                forms |= self.short_forms(c.text)
        return forms

    def short_forms(self, legal: str) -> set[str]:
        res, names = self.res, self.names
        name = BRACKETED.sub("", legal)
        for lf in res.legal_forms:
            if name.endswith(lf):
                name = name[: -len(lf)]
                break
        place = ""
        for p in names.places_longest_first if name.startswith(names.places_tuple) else ():
            if name.startswith(p) and len(name) - len(p) >= 3:
                place, name = p, name[len(p):]
                break
        out = {name}
        for d in res.trade_descriptors:
            if name.endswith(d) and len(name) - len(d) >= 2:
                out.add(name[: -len(d)])
                break
        if place:
            out |= {place + n for n in out}
        return {f for f in out if len(f) >= 3 and f not in res.generic_words and f not in res.industries}


def short_form_mentions(text: str, forms: set[str] | frozenset[str]) -> list[Mention]:
    if not forms:
        return []
    return [Mention(s, e, text[s:e], "Enterprise", "rule:trade-name/short-form", priority=1)
            for s, e in find_longest(text, forms, "公司")]
