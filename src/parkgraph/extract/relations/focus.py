"""The park a document is about, and the words that point at it without naming it.

Takes a document's text, sentences and mentions, and the reference words of
`data/patterns/park_references.txt` (高新区, 园区, 我区, 区内 …); gives `focus_park`, the Park
the article talks about (named most often; a name in the opening lines counts extra), and
`park_references`, stand-in Park mentions for those words where no mention covers them. Facts
found on a stand-in, or on a mention whose whole name is such a word, are about the park in
focus (`in_focus`): Chinese news names its park once and then says 高新区 or leaves it out.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from ...document import Mention

SOURCE = "ref:park-in-focus"
# a reference word right after these is a category (升级为国家级高新区, 全国146个国家高新区,
# 三个专业园区, 特色园区)
NOT_AFTER = re.compile(r"(?:(?:级|国家|省|各|其他|的)|(?:个|家|批|类|大)[\u4e00-\u9fff]{0,2}"
                       r"|专业|特色|主题|工业|产业|科技|生态|智慧|绿色)$")
OPENING = 60  # characters of the title and first line
DISTRICT = re.compile(r"(?:区|县|旗)$")
ZONE = re.compile(r"高新区|开发区|示范区|园区|新区|高新技术产业|自贸区|自创区|实验区")


@lru_cache(maxsize=4)
def reference_words(data_dir: str) -> tuple[frozenset[str], re.Pattern]:
    path = Path(data_dir) / "patterns" / "park_references.txt"
    words = [w.strip() for w in path.read_text(encoding="utf-8").splitlines()
             if w.strip() and not w.startswith("#")]
    rx = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    return frozenset(words), rx


def is_generic(m: Mention, words: frozenset[str]) -> bool:
    """A Park mention whose whole name is a reference word (高新区, “园区”)."""
    return m.cls == "Park" and m.name.strip("“”\"'「」") in words


def focus_park(mentions: list[Mention], words: frozenset[str]) -> Mention | None:
    """The park named most often (a name in the opening lines counts three times); the first
    mention of it, or None when the document names no park."""
    score: Counter = Counter()
    first: dict[str, Mention] = {}
    for m in mentions:
        target = m.refers_to if m.is_reference and m.refers_to is not None else m
        if target.cls != "Park" or is_generic(target, words):
            continue
        name = target.name
        score[name] += 3 if m.start < OPENING else 1
        if name not in first or target.start < first[name].start:
            first[name] = target
    if not score:
        return None
    best = max(score, key=lambda n: (score[n], -first[n].start))
    return first[best]


def major_parks(mentions: list[Mention], focus: Mention | None, words: frozenset[str]) -> set[str]:
    """The names of the parks a story may be about: the park in focus, and every park with a
    zone-type name (高新区, 开发区 …) named at least twice. A document may hold several stories;
    the one being told is about the major park named last."""
    counts = Counter(m.name for m in mentions if m.cls == "Park" and not m.is_reference)
    major = {n for n, c in counts.items() if c >= 2 and ZONE.search(n) and n not in words}
    if focus is not None:
        major.add(focus.name)
    # a district or county named twice may be what a story is about (赣县按照…; 该县)
    places = Counter(m.name for m in mentions if m.cls == "Place" and DISTRICT.search(m.name))
    return major | {n for n, c in places.items() if c >= 2}


def park_references(text: str, start: int, end: int, taken: list[Mention], focus: Mention | None,
                    rx: re.Pattern) -> list[Mention]:
    """Stand-in mentions of `focus` (the park the story is about) for the reference words in text[start:end] that no
    mention in `taken` covers."""
    if focus is None:
        return []
    out = []
    for m in rx.finditer(text, start, end):
        s, e = m.span()
        if any(k.start < e and s < k.end for k in taken) or NOT_AFTER.search(text[max(0, s - 4):s]):
            continue
        out.append(Mention(s, e, m.group(), "Park", SOURCE, is_reference=True, refers_to=focus))
    return out


def in_focus(m: Mention, focus: Mention | None, words: frozenset[str]) -> Mention:
    """The mention a fact should name: the park in focus for a stand-in or a bare reference word."""
    if m.source == SOURCE and m.refers_to is not None:
        return m.refers_to
    if focus is not None and is_generic(m, words):
        return focus  # 高新区, and 该园区 too: the park the story is about, not the nearest one named
    return m
