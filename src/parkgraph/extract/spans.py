"""Character classes, token lists and span bookkeeping shared by the recognisers.

Takes nothing at import time but constants; gives `Tokens` (jieba's words of a document with
their offsets) and `Occupancy` (which characters are already claimed by a mention).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

PUNCT = set("，。、；：？！“”‘’（）《》〈〉【】—…·,.;:?!()[]\"' \n-－/／·●►▶■□◆")
STOP_TAGS = {"p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "r", "m", "q", "y", "e", "o", "mq", "rr", "rz"}
VERBISH_TAGS = {"v", "vd", "vn", "d", "ad", "vi", "vq", "t", "f", "a", "b"}
STOP_CHARS = set("的是在和与等就都还已则也很对说了着过被把从向为于及或而其该各这那"
                 "我你他她它们年月日个到含让给使往用据按经靠要会需第前约超近共将")
# characters that end a given name (a smaller set: 超, 约, 前 … do occur in names)
STOP_OR_PUNCT = STOP_CHARS | PUNCT
NAME_STOP = set("的是在和与等就都还已则也很对说了着过被把从向为于及或而其该各这那我你他她它们年月日个")
CJK = r"\u4e00-\u9fff"


def is_cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


@dataclass(slots=True)
class Tokens:
    """jieba's words of a document and where they are: `words[i]` is `text[starts[i]:ends[i]]`.
    Three lists rather than an object per word: a document has thousands of words."""
    words: list[str]
    starts: list[int]
    ends: list[int]

    def index_at(self, pos: int) -> int:
        """The index of the word that contains text position pos."""
        return max(bisect.bisect_right(self.starts, pos) - 1, 0)


class Occupancy:
    """Which characters are already claimed by a mention: O(span) checks instead of O(mentions)."""

    def __init__(self, spans=()):
        self.flags = bytearray()
        for s, e in spans:
            self.take(s, e)

    def take(self, start: int, end: int) -> None:
        if end > len(self.flags):
            self.flags.extend(bytes(end - len(self.flags) + 256))
        self.flags[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return any(self.flags[start:end])


def item_offsets(base: int, items_text: str, sep: str = "、") -> list[tuple[int, int]]:
    """The (start, end) of each item of a list written `A、B、C` that starts at base."""
    offs = []
    p = base
    for part in items_text.split(sep):
        offs.append((p, p + len(part)))
        p += len(part) + 1
    return offs


def ends_with_any(s: str, heads) -> bool:
    return any(s.endswith(h) for h in heads)


def to_fullwidth_brackets(s: str) -> str:
    return s.replace("(", "（").replace(")", "）")


FIGURE = re.compile(r"[\d.%％]+")
