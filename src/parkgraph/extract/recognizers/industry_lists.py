"""Industries named in an enumeration: 做大做强电子、大健康、装备制造3大主导产业; 聚焦A、B、C四大重点
产业链; 以A、B、C三大产业为主导; 形成了A、B与C六大产业集群; A、B等优势产业.

Takes the normalised text, the candidate mentions found so far and the `Resources` (the cue
words, list heads and qualifiers of `data/patterns/industry_lists.json`); gives `Mention`s of
class Industry (source "rule:industry/list") for the members of such lists that no candidate
names yet. A list needs a head (产业集群, 产业链, 为主导 …) right after it and two members or
more; its first member starts after the last cue word (聚焦, 重点发展, 形成了 …) before it; a
count (三大, 6个) decides whether the last member splits at 和/与/及.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from ...document import Mention
from ...resources import Resources
from ..context import DocContext
from .base import EntityRecognizer

NUM = "一二三四五六七八九十两"
CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九十")} | {"两": 2}
ITEM = re.compile(r"[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9]{1,11}")
SOURCE = "rule:industry/list"
CLAUSE = re.compile(r"[^，。；：！？\n（）“”]+")


@lru_cache(maxsize=4)
def _rules(data_dir: str) -> tuple[re.Pattern, re.Pattern, frozenset[str], frozenset[str], re.Pattern]:
    rows = json.loads((Path(data_dir) / "patterns" / "industry_lists.json").read_text(encoding="utf-8"))
    heads = "|".join(sorted(rows["heads"], key=len, reverse=True))
    quals = "|".join(sorted(rows["qualifiers"], key=len, reverse=True))
    # A、B和C + 等 + 三大 + 主导 + 产业集群: the list ends where the head begins
    tail = re.compile(rf"(?P<list>[^，。；：！？\n（）“”]+?)(?P<deng>等)?(?P<n>[{NUM}\d]{{1,2}})?(?:大|个|类)?"
                      rf"(?P<q>{quals})?(?P<head>{heads})(?![园区基])")
    cues = re.compile("(?:" + "|".join(sorted(rows["cues"], key=len, reverse=True)) + ")")
    return tail, cues, frozenset(rows["not_items"]), frozenset(rows["strong_heads"]), re.compile(heads)


def _tails(tail: re.Pattern, heads: re.Pattern, text: str):
    """The matches of `tail` in the text, looked for only in the clauses that hold a head: a
    list never crosses clause punctuation, and trying the lazy pattern at every position of
    every clause cost more than the rest of the recognisers together."""
    for clause in CLAUSE.finditer(text):
        if heads.search(text, clause.start(), clause.end()):
            yield from tail.finditer(text, clause.start(), clause.end())


def _count(n: str | None) -> int | None:
    if not n:
        return None
    if n.isdigit():
        return int(n)
    if n == "十":
        return 10
    return CN_DIGITS.get(n[-1]) if len(n) == 1 else None


def industry_list_mentions(text: str, cands: list[Mention], res: Resources) -> list[Mention]:
    tail, cues, not_items, strong, heads = _rules(str(res.data_dir))
    others = [(c.start, c.end) for c in cands if c.cls != "Industry"]
    known = {(c.start, c.end) for c in cands if c.cls == "Industry"}
    out: list[Mention] = []
    for m in _tails(tail, heads, text):
        body, start = m.group("list"), m.start("list")
        if "、" not in body and _count(m.group("n")) is None:
            continue
        if not (m.group("deng") or m.group("n") or m.group("q") or m.group("head") in strong):
            continue
        # the first member starts after the last cue word before the first 、
        first = body.find("、") if "、" in body else len(body)
        cut = 0
        for c in cues.finditer(body, 0, first):
            cut = c.end()
        items = _split(body, cut, _count(m.group("n")))
        if items is None:
            continue
        spans = [(start + s, start + e) for s, e in items]
        if any(a < e and s < b for s, e in spans for a, b in others):
            continue  # a member is a name of another class: not a list of industries
        ok = [(s, e) in known or (ITEM.fullmatch(text[s:e]) is not None
                                  and not any(w in text[s:e] for w in not_items)) for s, e in spans]
        if not all(ok[1:]):
            continue  # one member is not an industry word
        out += [Mention(s, e, text[s:e], "Industry", SOURCE, priority=0)
                for (s, e), good in zip(spans, ok, strict=True) if good and (s, e) not in known]
    return out


def _split(body: str, cut: int, n: int | None) -> list[tuple[int, int]] | None:
    """The members' spans in body[cut:]: split at 、, the last one at 和/与/及 when the count asks
    for it (or, with no count, when both parts are words of their own); None if not a list."""
    spans, pos = [], cut
    for part in body[cut:].split("、"):
        spans.append((pos, pos + len(part)))
        pos += len(part) + 1
    last_s, last_e = spans[-1]
    j = re.search(r"[和与及]", body[last_s:last_e])
    if j and (n is None or n == len(spans) + 1):
        k = last_s + j.start()
        if k - last_s >= 2 and last_e - k - 1 >= 2:
            spans[-1:] = [(last_s, k), (k + 1, last_e)]
    if n is not None and n != len(spans):
        return None
    if len(spans) < 2 or any(e - s > 12 or e - s < 2 for s, e in spans[1:]):
        return None
    if spans[0][1] - spans[0][0] > 10 or spans[0][1] - spans[0][0] < 2:
        spans = spans[1:]  # the first member ran into the words before it
    return spans if len(spans) >= 2 else None


class IndustryListRecognizer(EntityRecognizer):
    """The recogniser interface over `industry_list_mentions`."""

    name = "industry_lists"

    def __call__(self, ctx: DocContext) -> list[Mention]:
        return industry_list_mentions(ctx.text, ctx.cands, self.res)
