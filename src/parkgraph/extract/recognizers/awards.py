"""Award recogniser: honours and titles news writes without quotes.

Takes the text and the earlier candidates (places and bodies a title may start with); gives
Award mentions for the items of the list after an award cue (荣获, 获评, 被认定为, 入选, 授予 …:
先后获评A、B、C等称号) and of a list before a holder word (A、B等8块“金字招牌”). An item is a
title when it ends with a title head (示范基地, 特色产业基地, 奖 …) or when a tail word marks it
(荣获“A”称号, 入选A名单). Cues, heads and the words around items are data
(`data/patterns/awards.tsv`).
A quoted item's mention takes the quotes, so it wins over a shorter name found inside them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ...document import Mention
from ..context import DocContext
from .base import EntityRecognizer

SOURCE = "rule:award/cue"
CLAUSE_END = re.compile(r"[，。；：！？\n]|,|;")
MAX_REGION = 80
MIN_ITEM, MAX_ITEM = 4, 30
COUNT = re.compile(r"(?:[\d一二三四五六七八九十两百多余]+(?:个|家|项|块|批|次))+$")
YEAR = re.compile(r"^(?:(?:19|20)\d\d年度?|第[\d一二三四五六七八九十]+批|连续[\d一二三四五六七八九十两]+年)")
ITEM_SEP = re.compile(r"、|以及|及|和|(?<=”)(?=“)")
ORG_CLASSES = ("Enterprise", "University", "GovernmentBody", "Organization", "Fund", "Lab")
# a title does not end like an organisation or a park's own name (命名为“X高新技术产业开发区”)
NOT_A_TITLE_END = re.compile(r"(?:公司|集团|大学|学院|高新区|开发区|经开区|自贸区|新区|管委会|政府)$")


@lru_cache(maxsize=4)
def award_rules(data_dir: str) -> dict[str, tuple[str, ...]]:
    """The words of `awards.tsv` by kind, longest first."""
    rules: dict[str, list[str]] = {}
    for line in (Path(data_dir) / "patterns" / "awards.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, word = line.split("\t")
            rules.setdefault(kind.strip(), []).append(word.strip())
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in rules.items()}


def _alt(words) -> str:
    return "|".join(map(re.escape, words))


class AwardRecognizer(EntityRecognizer):
    name = "awards"

    def __init__(self, res, names, extra_entries=()):
        super().__init__(res, names, extra_entries)
        r = award_rules(str(res.data_dir))
        self.cue_re = re.compile(_alt(r["cue"]))
        self.not_after = r.get("not_after", ())
        self.heads = tuple(sorted({*r["head"], *res.award_suffixes}, key=len, reverse=True))
        self.lead_re = re.compile(rf"^(?:{_alt(r.get('lead', ()))})+")
        self.tail_re = re.compile(rf"(?:{_alt(r.get('tail', ()))})+$")
        self.holder_re = re.compile(
            rf"(?:等|”)(?:[\d一二三四五六七八九十两百多余]+(?:块|项|个|大))?“?(?:{_alt(r['holder'])})")

    def __call__(self, ctx: DocContext) -> list[Mention]:
        text = ctx.text
        starts = _index(ctx.cands)
        found: dict[tuple[int, int], Mention] = {}
        for m in self.cue_re.finditer(text):
            if text.startswith(self.not_after, m.end()):
                continue
            end = _clause_end(text, m.end())
            for mm in self._items(text, m.end(), end, starts):
                found.setdefault((mm.start, mm.end), mm)
        for h in self.holder_re.finditer(text):
            begin = _clause_start(text, h.start())
            cues = list(self.cue_re.finditer(text, begin, h.start()))
            begin = cues[-1].end() if cues else begin  # the items after a cue are found above
            for mm in self._items(text, begin, h.start() + (h.group().startswith("”")), starts):
                found.setdefault((mm.start, mm.end), mm)
        return list(found.values())

    def _items(self, text: str, start: int, end: int, starts: dict[int, list[Mention]]) -> list[Mention]:
        region = text[start:end]
        quoted = [(start + q.start(), start + q.end()) for q in re.finditer(r"“[^“”]{2,30}”", region)]
        if quoted and self.tail_re.search(region.rstrip("等")) and not _outside_quotes(region).strip("、和及与等 "):
            spans = quoted  # 授予“A”“B”称号: the quoted words only
        else:
            spans = [(start + a, start + b) for a, b in self._pieces(region)]
        out = []
        for s, e in spans:
            mm = self._title(text, s, e, starts)
            if mm is not None:
                out.append(mm)
        return out

    def _title(self, text: str, s: int, e: int, starts: dict[int, list[Mention]]) -> Mention | None:
        raw = text[s:e]
        lead = self.lead_re.match(raw)
        if lead:
            s += lead.end()
        y = YEAR.match(text, s, e) if s < e else None
        while y:
            s = y.end()
            y = YEAR.match(text, s, e)
        for c in starts.get(s, ()):
            if c.cls in ("GovernmentBody", "Organization") and c.end < e - MIN_ITEM:
                s = c.end  # 入选工信部第五批…: the body that gives the title is not in its name
                y = YEAR.match(text, s, e)
                s = y.end() if y else s
        cut = COUNT.search(text, s, e)
        e = cut.start() if cut else e
        tail = self.tail_re.search(text, s, e)
        marked = tail is not None and tail.group() != "等"
        e = tail.start() if tail else e
        q = text.rfind("“", s, e)
        if q > s and text[e - 1] == "”" and not any(c.cls == "Place" and c.end == q for c in starts.get(s, ())):
            s = q  # 最高荣誉“A”: the quoted name, not the words that describe it
        if s < e and text[s] == "“" and text[e - 1] == "”" and "“" not in text[s + 1:e - 1]:
            name = text[s + 1:e - 1]
        else:
            name = text[s:e]
        if not (MIN_ITEM - 1 <= len(name) <= MAX_ITEM) or name.count("“") != name.count("”"):
            return None
        plain = name.replace("“", "").replace("”", "")
        if not plain.endswith(self.heads) and (not marked or NOT_A_TITLE_END.search(plain) or any(
                c.end == e and c.cls in ORG_CLASSES for c in starts.get(s, ()))):
            return None
        return Mention(s, e, text[s:e], "Award", SOURCE, priority=2, surface=name)

    def _pieces(self, region: str) -> list[tuple[int, int]]:
        """The items of a list: split at 、, and at 和/及 after an item that ends with a head
        (国家软件和信息服务示范基地 stays whole); never inside quotes."""
        out, pos = [], 0
        for m in ITEM_SEP.finditer(region):
            if m.group() not in ("、", "") and not region[pos:m.start()].rstrip("”").endswith(self.heads):
                continue
            if region.count("“", 0, m.start()) != region.count("”", 0, m.start()):
                continue
            out.append((pos, m.start()))
            pos = m.end()
        out.append((pos, len(region)))
        return out


def _index(cands: list[Mention]) -> dict[int, list[Mention]]:
    out: dict[int, list[Mention]] = {}
    for c in cands:
        out.setdefault(c.start, []).append(c)
    return out


def _clause_end(text: str, pos: int) -> int:
    m = CLAUSE_END.search(text, pos, pos + MAX_REGION)
    return m.start() if m else min(len(text), pos + MAX_REGION)


def _clause_start(text: str, pos: int) -> int:
    lo = max(0, pos - MAX_REGION)
    ends = list(CLAUSE_END.finditer(text, lo, pos))
    return ends[-1].end() if ends else lo


def _outside_quotes(region: str) -> str:
    """The region without its quoted parts and their tails (称号, 等)."""
    return re.sub(r"“[^“”]*”", "", re.sub(r"(?:等|荣誉称号|称号|荣誉)", "", region))
