"""Enumeration recogniser: the members of a list take the class the list states.

A list is items joined by 、 (and a last 和/及); news says what they are
- with a head noun after it: A、B、C等企业, A、B等5家龙头企业, A、B、C3家单位, A、B等航空企业;
- with one right before it: 重点招商企业A、B、C, 世界500强A、B;
- or by a member the rules or the model already know: 引进X集团、A、B (X集团 is a company).
Heads are data (`data/patterns/list_heads.tsv`). Items must pass the name checks; an item that
is already a candidate keeps its own span and class. Gives one mention per new member.
"""

from __future__ import annotations

import re

from ...document import Mention
from ..context import DocContext
from ..spans import STOP_CHARS, Occupancy
from .base import EntityRecognizer

ITEM = r"[^，。；：、“”（）()\n,;:]{2,14}"
LIST = re.compile(rf"{ITEM}(?:、{ITEM})+")
# 等, a count, or both: A、B等企业, A、B3家单位, A、B等5家企业
COUNT = r"(?:等(?:\d+|[两三四五六七八九十]+)?(?:家|个|所)?|(?:\d+|[两三四五六七八九十]+)(?:家|个|所))"
# jieba tags of a proper name's words: an item needs one (or a word jieba does not know)
VERB_TAGS = ("v", "vn", "p")
COUNT_IN_ITEM = re.compile(r"[两三四五六七八九十]+(?:个|家|大|类)")  # 西山园|两个园区
LAST_ITEM_STOP = set("等在的是于为将已也都均")  # not 和: 天和磁材
NAME_TAGS = {"nr", "nz", "ns", "nt", "nrt", "nrfg", "j", "eng"}
MEMBER_CLASSES = {"Enterprise", "University", "Lab"}
ORG_CLASSES = {"Enterprise", "University", "Lab", "Organization", "GovernmentBody", "Fund"}


def _heads(res, where: str) -> dict[str, str]:
    out = {}
    for line in (res.data_dir / "patterns" / "list_heads.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            head, cls, w = line.split("\t")
            if w == where:
                out[head] = cls
    return out


class EnumerationRecognizer(EntityRecognizer):
    name = "enumerations"

    def __init__(self, res, names, extra_entries=()):
        super().__init__(res, names, extra_entries)
        after, before = _heads(res, "after"), _heads(res, "before")
        self._after, self._before = after, before
        alt = "|".join(sorted(map(re.escape, after), key=len, reverse=True))
        # 等 + a count + up to six characters of description (航空, 知名, 高新技术) + the head
        self._head_after = re.compile(rf"{COUNT}(?:[^，。；、“”\n\d]{{0,6}}?)({alt})")
        self._ends_before = tuple(sorted(before, key=len, reverse=True))
        self._titles = tuple(t for t in res.titles if len(t) > 1)  # 省政协委员: a role, not a member

    def __call__(self, ctx: DocContext) -> list[Mention]:
        text, cands = ctx.text, ctx.cands
        out = []
        covered = Occupancy((c.start, c.end) for c in cands)
        exact = {(c.start, c.end): c for c in cands}
        for m in LIST.finditer(text):
            items = self._items(ctx, m)
            if len(items) < 2:
                continue
            cls, source = self._list_class(text, items, m, exact)
            if cls is None:
                continue
            for s, e in items:
                item = text[s:e]
                if (s, e) in exact or (covered.overlaps(s, e) and any(self._holds_other_name(c, s, e) for c in cands)):
                    continue  # a name the rules or the model gave, or an item holding one (X集团董事长Y)
                if cls == "Park":
                    if not self._sub_park_ok(item):
                        continue  # a park's name is descriptive: its head, not a proper word, makes it
                elif not self._member_ok(item) or not self._has_name_word(ctx, s, e):
                    continue
                if self.names.head_class(item) not in (None, cls):
                    continue  # 税务局 in a list of firms is still a bureau
                out.append(Mention(s, e, item, cls, source, priority=1))
        return out

    def _items(self, ctx: DocContext, m: re.Match) -> list[tuple[int, int]]:
        """The items' spans: the first starts where a name ending there starts; the last ends
        before the first word that cannot be in a name (在, 等, a figure)."""
        text = ctx.text
        spans = []
        p = m.start()
        parts = m.group().split("、")
        for k, part in enumerate(parts):
            s, e = p, p + len(part)
            p = e + 1
            if k == 0:
                s = self._first_item_start(ctx, ctx.walk_left(e, limit=12), e)
            if k == len(parts) - 1:
                # a name the rules or the model found at the item's start ends it (…、X集团共同发起)
                known = [c.end for c in ctx.cands if c.start == s and c.end <= e and c.cls in ORG_CLASSES
                         and c.source.startswith("rule:suffix")]
                e = max(known) if known else self._last_item_end(ctx, s, s + _name_length(text[s:e]))
            if e - s >= 2:
                spans.append((s, e))
        return spans

    @staticmethod
    def _holds_other_name(c: Mention, s: int, e: int) -> bool:
        """Whether candidate c names something else in the item s:e: not a place or an industry
        word, nor a shorter span of the model's inside it (青禾 in 青禾电缆)."""
        if not (c.start < e and s < c.end) or c.cls in ("Place", "Industry"):
            return False
        return not (c.source.startswith("model:") and s <= c.start and c.end <= e)

    def _first_item_start(self, ctx: DocContext, s: int, e: int) -> int:
        """The first item starts after the last verb or boundary word in it (…对接|江馨微电机)."""
        tokens, tags = ctx.tokens, self.res.word_tags
        i = tokens.index_at(e - 1)
        while i >= 0 and tokens.starts[i] > s:
            w = tokens.words[i]
            if len(w) > 1 and (w in self.res.boundary_words or tags.get(w) in VERB_TAGS):
                return tokens.ends[i]
            i -= 1
        return s

    def _last_item_end(self, ctx: DocContext, s: int, e: int) -> int:
        """The last item ends before a verb or a boundary word (青禾公司|解决)."""
        tokens, tags = ctx.tokens, self.res.word_tags
        i = tokens.index_at(s)
        while i < len(tokens.words) and tokens.starts[i] < e:
            w = tokens.words[i]
            if tokens.starts[i] > s and len(w) > 1 and (w in self.res.boundary_words or tags.get(w) in VERB_TAGS) \
                    and not self.names.only_place(ctx.text[s:tokens.starts[i]]):  # not 山东|联合电力
                return tokens.starts[i]
            i += 1
        return e

    def _list_class(self, text: str, items, m: re.Match, exact) -> tuple[str | None, str]:
        last_end = items[-1][1]
        after = self._head_after.match(text, last_end)
        if after:
            return self._after[after.group(1)], f"rule:enumeration/…{after.group(1)}"
        first_start = items[0][0]
        before = next((h for h in self._ends_before if text.endswith(h, 0, first_start)), None)
        if before:
            return self._before[before], f"rule:enumeration/{before}…"
        known = [exact[s] for s in items if s in exact and exact[s].cls in ORG_CLASSES | {"Park"}]
        if known and all(k.cls == "Enterprise" for k in known):
            return "Enterprise", "rule:enumeration/member"
        if known and all(k.cls == "Park" for k in known):
            return "Park", "rule:enumeration/member"  # 青禾科技产业园、智能装备园: sub-parks
        return None, ""

    def _has_name_word(self, ctx: DocContext, s: int, e: int) -> bool:
        """先进人物, 研发机构 are common words; 青禾生物 has a word jieba does not know."""
        tokens, tags = ctx.tokens, self.res.word_tags
        i = tokens.index_at(s)
        single_run = 0  # jieba cuts a name it does not know into single characters (天|和|磁|材)
        while i < len(tokens.words) and tokens.starts[i] < e:
            w = tokens.words[i]
            if w not in tags or tags[w] in NAME_TAGS or w.isascii() and w.isalnum():
                return True
            single_run = single_run + 1 if len(w) == 1 else 0
            if single_run >= 2 and e - s > 2:
                return True
            i += 1
        return False

    def _sub_park_ok(self, item: str) -> bool:
        return 3 <= len(item) <= 12 and (item.endswith("园") or self.names.head_class(item) == "Park") \
            and item[0] not in STOP_CHARS and not self.names.only_place(item)

    def _member_ok(self, item: str) -> bool:
        res = self.res
        if len(item) > 12 or not self.names.name_ok(item, 2) or item[0] in STOP_CHARS:
            return False
        return not (item in res.industries or item in res.places or item in res.generic_words
                    or item.endswith(self._titles) or item in res.boundary_words)


def _name_length(part: str) -> int:
    """How much of the list's last part is the name: up to 等, a figure, or a word that cannot be
    in one (在, 的, 于 …)."""
    count = COUNT_IN_ITEM.search(part)
    end = count.start() if count else len(part)
    for i, ch in enumerate(part[:end]):
        if ch in LAST_ITEM_STOP or ch.isdigit():
            return i
    return end
